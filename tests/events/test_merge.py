from rasad.events.merge import Draft, better_mode, compatible, merge, same_place
from rasad.schema import Actor, DateRef, Place, Sentence


def _place(name, lat, lon, precision=1, admin1="A", feature="town", gid=None):
    return Place(name, feature=feature, admin1=admin1, country="SYR", lat=lat, lon=lon,
                 geo_precision=precision, gazetteer_id=gid or name)


def _draft(i, **kw):
    return Draft(type=kw.pop("type", "ASSAULT"), mode=kw.pop("mode", None),
                 modality=kw.pop("modality", "asserted"),
                 sentence=Sentence(i * 10, i * 10 + 9, f"s{i}"), sentence_index=i, **kw)


def test_named_places_must_coincide_but_a_district_holds_its_towns():
    nasib, daraa_city = _place("Nasib", 32.55, 36.19), _place("Daraa", 32.62, 36.10)
    governorate = _place("Daraa gov", 32.85, 36.2, precision=3, feature="governorate")
    assert not same_place(nasib, daraa_city)
    assert same_place(nasib, governorate) and same_place(governorate, daraa_city)
    other = _place("Idlib gov", 35.9, 36.6, precision=3, admin1="B", feature="governorate")
    assert not same_place(nasib, other)


def test_merge_joins_retellings_and_keeps_incidents_apart():
    a = _draft(0, place=_place("Nasib", 32.55, 36.19), place_from_sentence=True,
               counts={"fatalities": (3, "exact")})
    b = _draft(1, counts={"fatalities": (3, "exact")})
    c = _draft(2, place=_place("Idlib", 35.9, 36.6, admin1="B"), place_from_sentence=True)
    out = merge([a, b, c])
    assert len(out) == 2 and len(out[0].sentences) == 2


def test_larger_later_toll_and_distant_dates_are_other_incidents():
    e = _draft(0, counts={"fatalities": (20, "exact")}, date=DateRef("2018-04-08", "day", "الأحد"))
    assert not compatible(e, _draft(1, counts={"fatalities": (30, "exact")}))
    assert compatible(e, _draft(2, counts={"fatalities": (12, "exact")}))
    assert not compatible(e, _draft(3, date=DateRef("2018-04-01", "day", "الأحد الماضي")))
    assert not compatible(e, _draft(4, date=DateRef("2015", "year", "عام 2015")))
    assert not compatible(e, _draft(5, modality="hypothetical"))


def test_different_doers_do_not_merge_and_modes_prefer_the_specific():
    sdf = Actor("SDF", "Syrian Democratic Forces")
    isis = Actor("ISIS", "Islamic State")
    assert not compatible(_draft(0, actor1=sdf), _draft(1, actor1=isis))
    assert better_mode("heavy-weapons", "aerial") == "aerial"
    assert better_mode(None, "firearms") == "firearms"
