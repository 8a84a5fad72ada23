import json

from rasad.schema import (AcledType, Actor, Attribution, DateRef, Document, Event, Evidence, Place,
                          Quantity, Sentence, TimeExpr)


def _event():
    return Event(
        id="e1", doc_id="d1", type="ASSAULT", mode="firearms", modality="asserted",
        acled=AcledType("Battles", "Armed clash"),
        actor1=Actor("SDF", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "rebel", "SYR",
                     "قسد", 10, 13),
        location=Place("Al-Jinina", "الجنينة", "facility", "Deir ez-Zor", None, "SYR", 35.38, 40.03,
                       1, "wof:1", "محطة مياه الجنينة", 20, 37),
        date=DateRef("2025-08-31", "day", "مساء الأحد"), injured=5,
        count_qualifier={"injured": "exact"},
        attribution=Attribution("SDF media center", "أعلن المركز الاعلامي", 0, 20),
        evidence=Evidence("صد هجوم", 5, 12), confidence=0.8, explain={"actor1": "rule x"},
    )


def test_event_record_has_exactly_the_contract_fields():
    d = _event().to_dict(debug=False)
    assert list(d) == ["id", "doc_id", "type", "mode", "modality", "acled", "actor1", "actor2",
                       "location", "date", "fatalities", "injured", "arrested", "count_qualifier",
                       "attribution", "evidence", "confidence"]
    assert d["date"] == {"value": "2025-08-31", "precision": "day", "text": "مساء الأحد"}
    assert d["acled"] == {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert "explain" in _event().to_dict(debug=True)


def test_document_round_trips_losslessly_through_json():
    doc = Document(id="d1", text="نص", title="t", published="2018-01-02", warnings=["w"],
                   events=[_event()], sentences=[Sentence(0, 2, "نص")],
                   quantities=[Quantity("5", 1, 2, 5, "exact")],
                   times=[TimeExpr("أمس", 0, 3, None, "day", "evening", True)])
    data = json.loads(json.dumps(doc.to_dict(debug=True), ensure_ascii=False))
    back = Document.from_dict(data)
    assert back == doc
    assert isinstance(back.events[0].location, Place)
    assert back.events[0].actor1.start == 10


def test_result_without_debug_leaves_analysis_layers_out():
    doc = Document(id="d1", text="نص", sentences=[Sentence(0, 2, "نص")])
    d = doc.result_dict()
    assert set(d) == {"id", "title", "published", "url", "outlet", "language", "warnings", "events"}
    assert "sentences" in doc.result_dict(debug=True)
