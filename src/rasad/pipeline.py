"""A small registry of named stages ``Document -> Document`` and the loop that runs them."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rasad.config import Config, load_config
from rasad.errors import ConfigError, StageError, TooDenseInput
from rasad.schema import Document

log = logging.getLogger(__name__)

StageFn = Callable[[Document, Config], Document]


# Document fields a reader fills (or leaves at their defaults): no stage needs to assign them.
INPUT_FIELDS = frozenset({"id", "text", "title", "published", "url", "outlet", "source_path",
                          "warnings"})


@dataclass(frozen=True, slots=True)
class Stage:
    """A named ``Document -> Document`` step. ``requires``: the Document fields it reads
    that an earlier stage must assign; ``assigns``: the fields it writes; ``optional``:
    fields it reads when an earlier stage assigned them (and works without otherwise).
    ``tests/test_pipeline.py`` traces every stage to keep these true."""

    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


_REGISTRY: dict[str, Stage] = {}

# Annotation layers whose size drives the work of the later stages; their total is the
# per-document work budget (``[input] max_annotations``).
ANNOTATION_FIELDS = ("sentences", "quantities", "times", "actors", "places", "events")
DEFAULT_MAX_ANNOTATIONS = 250_000


# Modules whose import registers stages.
STAGE_MODULES = (
    "rasad.text.clean",
    "rasad.text.segment",
    "rasad.entities.numbers",
    "rasad.entities.dates",
    "rasad.entities.actors",
    "rasad.geo.geocode",
    "rasad.events.extract",
)


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
          optional: Iterable[str] = ()):
    """Register ``fn(doc, config) -> doc`` under ``name`` (fields as in :class:`Stage`)."""

    def deco(fn: StageFn) -> StageFn:
        _REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(assigns), tuple(optional))
        return fn

    return deco


def registered() -> dict[str, Stage]:
    _import_stage_modules()
    return dict(_REGISTRY)


def _import_stage_modules() -> None:
    # Stage modules register themselves when imported; importing here (not at package
    # import) keeps ``import rasad`` free of resource loading.
    import importlib

    for module in STAGE_MODULES:
        importlib.import_module(module)


@dataclass(slots=True)
class Pipeline:
    stages: list[Stage]
    config: Config = field(default_factory=load_config)

    @classmethod
    def from_config(cls, config: Config | None = None) -> Pipeline:
        config = config or load_config()
        reg = registered()
        stages = []
        assigned: set[str] = set(INPUT_FIELDS)
        for name in config.pipeline:
            if name not in reg:
                raise ConfigError("pipeline", f"unknown stage '{name}' (known: {', '.join(sorted(reg))})")
            st = reg[name]
            missing = [r for r in st.requires if r not in assigned]
            if missing:
                by = sorted({o.name for o in reg.values() for f in missing if f in o.assigns})
                raise ConfigError("pipeline", f"stage '{name}' needs {missing}, which "
                                  f"{' or '.join(by) or 'no stage'} assigns, earlier in the pipeline")
            stages.append(st)
            assigned.update(st.assigns)
        return cls(stages, config)

    def __call__(self, doc: Document) -> Document:
        budget = int(self.config.get("input", "max_annotations", DEFAULT_MAX_ANNOTATIONS))
        for st in self.stages:
            try:
                out = st.fn(doc, self.config)
            except Exception as exc:  # noqa: BLE001 - re-raised with stage and document named
                raise StageError(st.name, doc.id, exc) from exc
            if not isinstance(out, Document):
                raise StageError(st.name, doc.id, TypeError(f"returned {type(out).__name__}, not Document"))
            doc = out
            used = sum(len(getattr(doc, name, None) or ()) for name in ANNOTATION_FIELDS)
            if used > budget:
                raise TooDenseInput(doc.id,
                                    f"{used} annotations after stage '{st.name}' pass the "
                                    f"work budget of {budget} per document (input.max_annotations); "
                                    "split the text")
        return doc

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]
