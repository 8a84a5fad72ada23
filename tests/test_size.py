"""Work per kilobyte stays flat from a 1 KB to a 1 MB document of real news (issue 13):
no stage may scan all pairs of mentions, names or candidates across a document.

The measure is the number of Python and builtin calls (deterministic, unlike time);
the text is the 2018 corpus joined into one document and cut at each size."""
from __future__ import annotations

import json

import pytest

from rasad.pipeline import Pipeline
from rasad.schema import Document
from tests.calls import count_calls
from tests.conftest import SHARED, need_shared

CORPUS = SHARED / "data" / "news" / "ant_conflict_2018_dev.jsonl"


@pytest.fixture(scope="module")
def news() -> str:
    with need_shared(CORPUS).open(encoding="utf-8") as fh:
        return "\n\n".join(json.loads(line)["text"] for line in fh if line.strip())


def _calls(pipeline: Pipeline, text: str) -> tuple[int, int]:
    """Calls made extracting ``text``, and the events found (the work must be real)."""
    n, doc = count_calls(lambda: pipeline(Document(id=f"size-{len(text)}", text=text)))
    return n, len(doc.events)


def test_work_per_kilobyte_of_a_1_mb_document_is_within_1_5x_of_a_1_kb_one(news):
    pipeline = Pipeline.from_config()
    pipeline(Document(id="warm", text=news[:3000]))  # resources loaded before counting
    assert len(news) >= 1_000_000
    small, small_events = _calls(pipeline, news[:1000])
    large, large_events = _calls(pipeline, news[:1_000_000])
    assert small_events >= 1 and large_events >= 1000  # both coded for real
    per_kb_small, per_kb_large = small, large / 1000
    assert per_kb_large <= 1.5 * per_kb_small, (
        f"{per_kb_small:.0f} calls per KB at 1 KB, {per_kb_large:.0f} at 1 MB")
