"""A small corpus for the scale tests, taken at test time from ../shared (not copied into
the repository: the articles' copyright stays with their outlets), with two bad lines."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import need_shared

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "news" / "ant_conflict_2018_dev.jsonl"
DEV_ARTICLES = SHARED / "gold" / "dev-articles.jsonl"
# RASAD_SCALE_ARTICLES=1000 for the full-size check (about a minute on two cores)
N_ARTICLES = int(os.environ.get("RASAD_SCALE_ARTICLES", "150"))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    need_shared(CORPUS)
    gold = set()
    if DEV_ARTICLES.exists():
        gold = {json.loads(line)["id"] for line in DEV_ARTICLES.open(encoding="utf-8")}
    lines = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            # every k-th article, spread over outlets and dates
            if i % max(1, 2600 // N_ARTICLES) == 0 and json.loads(line)["id"] not in gold:
                lines.append(line)
            if len(lines) == N_ARTICLES:
                break
    # a malformed line and an empty record in the middle: reported, the rest goes on
    lines[40:40] = ['{"id": "broken", "text": \n', json.dumps({"id": "empty", "text": " "}) + "\n",
                    json.dumps({"text": "قتل شخص في قصف على حلب."}, ensure_ascii=False) + "\n"]
    path = tmp_path_factory.mktemp("scale") / "articles.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def n_articles(corpus) -> int:
    """Articles in ``corpus`` (besides the two bad lines and the record without an id)."""
    return N_ARTICLES
