"""Folds and cross-validation (rasad.learn.cv) on a small hand-made gold set."""
import json

from rasad.learn.corpus import GoldSet, prepare
from rasad.learn.cv import assign_folds, cross_validate

REPORTS = [
    ("قتل {n} جنود في هجوم نفذه مسلحون على حاجز في مدينة درعا يوم الأحد.", "ASSAULT", "fatalities"),
    ("اعتقلت قوات الأمن {n} أشخاص في مدينة الموصل يوم الأحد.", "COERCE", "arrested"),
]


def _gold_set(tmp_path, n_docs=10):
    gold = tmp_path / "mini"
    gold.mkdir()
    with open(tmp_path / "mini-articles.jsonl", "w", encoding="utf-8") as out:
        for i in range(n_docs):
            text, etype, role = REPORTS[i % 2]
            text = text.format(n=i + 3)
            doc_id = f"d{i}"
            out.write(json.dumps({"id": doc_id, "text": text, "published": "2018-07-10"},
                                 ensure_ascii=False) + "\n")
            event = {"tier": "core", "type": etype, role: i + 3, "evidence": [text[:-1]]}
            (gold / f"{doc_id}.json").write_text(json.dumps(
                {"doc_id": doc_id, "events": [event], "traps": []}, ensure_ascii=False),
                encoding="utf-8")
    return GoldSet.parse(str(gold))


def test_folds_are_balanced_and_stable():
    ids = [f"doc{i}" for i in range(23)]
    folds = assign_folds(ids, 5)
    sizes = sorted(list(folds.values()).count(f) for f in range(5))
    assert sizes == [4, 4, 5, 5, 5] and assign_folds(list(reversed(ids)), 5) == folds


def test_every_document_is_coded_by_models_that_never_saw_it(tmp_path):
    docs = prepare([_gold_set(tmp_path)])
    cv = cross_validate(docs, k=2)
    assert set(cv.predictions) == {gd.doc.id for gd in docs}
    assert len(cv.folds) == 2 and sum(len(r.per_doc) for r in cv.folds) == len(docs)
    assert cv.result.summary.core == len(docs)
    assert cv.result.summary.core_recall is not None
