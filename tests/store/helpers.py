"""Hand-built documents and events for the store tests (no pipeline needed)."""
from __future__ import annotations

from rasad.schema import Actor, DateRef, Document, Event, Evidence, Place

# Three outlets report one air strike on al-Jinina (Deir ez-Zor) on 2018-08-31; a fourth
# report is a strike 100 km away the same day; one outlet also reports a protest.
JININA = dict(name="Al-Jinina", name_ar="الجنينة", feature="village", admin1="Deir ez-Zor",
              admin2="Deir ez-Zor", country="SYR", lat=35.30, lon=40.10, geo_precision=1,
              gazetteer_id="g:jinina")
DEIR_REGION = dict(name="Deir ez-Zor", name_ar="دير الزور", feature="governorate",
                   admin1="Deir ez-Zor", country="SYR", lat=35.33, lon=40.14, geo_precision=3,
                   gazetteer_id="g:deir")
ALBUKAMAL = dict(name="Al-Bukamal", name_ar="البوكمال", feature="city", admin1="Deir ez-Zor",
                 admin2="Al-Bukamal", country="SYR", lat=34.45, lon=40.92, geo_precision=1,
                 gazetteer_id="g:bukamal")
COALITION = dict(id="US_COALITION", name="International coalition", name_ar="التحالف الدولي",
                 kind="international")


def event(doc_id: str, text: str, sentence: str, *, type_: str = "ASSAULT",
          modality: str = "asserted", place: dict | None = None, day: str = "2018-08-31",
          precision: str = "day", fatalities: int | None = None, actor1: dict | None = None,
          date_text: str | None = "الجمعة") -> Event:
    start = text.index(sentence)
    place_text = place["name_ar"] if place else ""
    loc = None
    if place:
        p0 = text.find(place_text, start)
        loc = Place(**place, text=place_text, start=p0, end=p0 + len(place_text))
    a1 = Actor(**actor1, text=actor1["name_ar"]) if actor1 else None
    return Event(id=f"{doc_id}:{type_}:{start}", doc_id=doc_id, type=type_, mode="aerial",
                 modality=modality, actor1=a1, location=loc,
                 date=DateRef(day, precision, date_text), fatalities=fatalities,
                 evidence=Evidence(sentence, start, start + len(sentence)), confidence=0.9)


def doc(doc_id: str, outlet: str, sentences: list[str], events: list[dict],
        published: str = "2018-08-31") -> Document:
    text = "\n".join(sentences)
    d = Document(id=doc_id, text=text, title=sentences[0], published=published,
                 url=f"https://example.org/{doc_id}", outlet=outlet)
    d.events = [event(doc_id, text, sentences[e.pop("s")], **e) for e in events]
    d.places = [Place(**JININA, text="الجنينة", start=text.find("الجنينة"),
                      end=text.find("الجنينة") + 7)] if "الجنينة" in text else []
    return d


def corpus() -> list[Document]:
    return [
        doc("a1", "skynews", ["غارات على الجنينة",
                              "قتل 5 مدنيين في غارة للتحالف الدولي على قرية الجنينة بريف دير الزور الجمعة."],
            [dict(s=1, place=JININA, fatalities=5, actor1=COALITION)]),
        doc("b1", "alarabia", ["مقتل مدنيين بدير الزور",
                               "قتل 7 مدنيين بغارة جوية للتحالف الدولي استهدفت الجنينة في دير الزور يوم الجمعة.",
                               "وتظاهر العشرات في الرقة احتجاجا على الغارات."],
            [dict(s=1, place=JININA, fatalities=7, actor1=COALITION),
             dict(s=2, type_="PROTEST", place=None)]),
        doc("c1", "BBC", ["غارة في ريف دير الزور",
                          "أفاد ناشطون بمقتل 6 مدنيين في غارة للتحالف الدولي على ريف دير الزور الجمعة."],
            [dict(s=1, place=DEIR_REGION, fatalities=6, actor1=COALITION)]),
        doc("d1", "france24", ["قصف على البوكمال",
                               "قتل عنصران في قصف مدفعي على مدينة البوكمال الجمعة."],
            [dict(s=1, place=ALBUKAMAL, fatalities=2, date_text=None)]),
        doc("e1", "CNN", ["تهديدات",
                          "قد يشن التحالف الدولي غارات على الجنينة في دير الزور الجمعة."],
            [dict(s=1, modality="hypothetical", place=JININA, actor1=COALITION)]),
    ]
