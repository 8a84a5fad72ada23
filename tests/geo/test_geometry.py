"""One notion of distance and "same place" (rasad.geo.geometry)."""
from rasad.geo.geometry import CONTAINS, NEAR, SAME, contains, haversine_km, km_between, relation, \
    same_place
from rasad.schema import Place


def _p(name, lat, lon, precision=1, admin1="Daraa", admin2=None, feature="town", country="SYR"):
    return Place(name, feature=feature, admin1=admin1, admin2=admin2, country=country, lat=lat,
                 lon=lon, geo_precision=precision, gazetteer_id=name)


def test_distance_is_great_circle():
    assert 110 < haversine_km(33.0, 36.0, 34.0, 36.0) < 112
    assert km_between(_p("a", None, None), _p("b", 1.0, 1.0)) is None


def test_relations_from_same_to_different():
    nasib, daraa = _p("Nasib", 32.55, 36.19), _p("Daraa", 32.62, 36.10)
    assert relation(nasib, _p("Nasib", 32.55, 36.19)) == SAME
    assert relation(nasib, daraa) == NEAR  # 12 km: near, not the same site
    gov = _p("Daraa gov", 32.85, 36.2, precision=3, feature="governorate")
    assert relation(nasib, gov) == CONTAINS and contains(gov, nasib)
    idlib = _p("Idlib gov", 35.9, 36.6, precision=3, admin1="Idlib", feature="governorate")
    assert relation(gov, idlib) is None
    assert relation(nasib, _p("Mosul", 36.34, 43.13, admin1="Nineveh", country="IRQ")) is None


def test_inside_one_article_named_places_must_coincide():
    nasib, daraa = _p("Nasib", 32.55, 36.19), _p("Daraa", 32.62, 36.10)
    gov = _p("Daraa gov", 32.85, 36.2, precision=3, feature="governorate")
    assert not same_place(nasib, daraa)
    assert same_place(nasib, gov) and same_place(gov, daraa)
    country = _p("Syria", 35.0, 38.0, precision=3, admin1=None, feature="country")
    assert same_place(country, nasib)


def test_incidents_use_the_same_relation():
    from rasad.store import incidents

    assert incidents.MAX_KM == 25.0
    assert incidents.place_relation.__doc__ and "geometry" in incidents.place_relation.__doc__
