"""Gold sets with their texts, run through the pipeline up to the event candidates.

A gold set is a directory of ``<doc_id>.json`` files (EVENTS.md §3) and its texts: the
JSONL file ``<dir>-articles.jsonl`` beside it, or a directory of that name one level up
(``gold/seed`` -> ``seed/``), or an explicit ``GOLD_DIR=TEXTS``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rasad.config import Config, load_config
from rasad.errors import GoldError, InputError, RasadError
from rasad.eval.gold import GoldDoc, load_gold
from rasad.events.candidates import Candidate, find_candidates
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.read import expand_inputs, read_path

log = logging.getLogger(__name__)


@dataclass(slots=True)
class GoldSet:
    name: str
    gold_dir: Path
    texts: Path

    @classmethod
    def parse(cls, spec: str) -> GoldSet:
        """``GOLD_DIR`` or ``GOLD_DIR=TEXTS``."""
        gold, _, texts = spec.partition("=")
        gold_dir = Path(gold)
        if not gold_dir.is_dir():
            raise GoldError(gold, "gold directory does not exist")
        if texts:
            path = Path(texts)
        else:
            beside = gold_dir.parent / f"{gold_dir.name}-articles.jsonl"
            above = gold_dir.parent.parent / gold_dir.name
            path = beside if beside.is_file() else above
        if not path.exists():
            raise GoldError(gold, f"no texts found for this gold set (looked for {path}); "
                                   "give GOLD_DIR=TEXTS")
        return cls(gold_dir.name, gold_dir, path)


@dataclass(slots=True)
class GoldDocument:
    """One annotated article after the pipeline's stages before ``events``."""

    set: str
    doc: Document
    gold: GoldDoc
    candidates: list[Candidate]


def prepare(sets: list[GoldSet], config: Config | None = None) -> list[GoldDocument]:
    """Every gold document of ``sets`` with its candidates, in set then file order."""
    config = config or load_config()
    stages = [s for s in config.pipeline if s != "events"]
    pipe = Pipeline.from_config(config.with_pipeline(stages))
    out: list[GoldDocument] = []
    for gs in sets:
        gold = load_gold(gs.gold_dir)
        texts: dict[str, Document] = {}
        for item in expand_inputs([str(gs.texts)]):
            if isinstance(item, InputError):
                raise item
            for doc in read_path(Path(item)):
                if isinstance(doc, RasadError):
                    raise doc
                texts[doc.id] = doc
        missing = sorted(set(gold) - set(texts))
        if missing:
            raise GoldError(str(gs.texts), f"no text for gold documents {', '.join(missing[:5])}")
        for doc_id, g in gold.items():
            doc = pipe(texts[doc_id])
            out.append(GoldDocument(gs.name, doc, g, find_candidates(doc)))
    return out
