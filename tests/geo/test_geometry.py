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


def test_point_grid_finds_every_point_within_reach_as_a_full_scan_does():
    import random

    from rasad.geo.geometry import PointGrid, haversine_km

    rng = random.Random(13)
    # a dense region, the antimeridian and the poles, where longitude degrees shrink
    points = [(rng.uniform(30, 38), rng.uniform(35, 45), k) for k in range(400)]
    points += [(rng.uniform(-89.9, 89.9), rng.choice([-179.9, 179.9]) + rng.uniform(-0.3, 0.3), k)
               for k in range(400, 600)]
    points += [(rng.uniform(85, 90), rng.uniform(-180, 180), k) for k in range(600, 700)]
    grid = PointGrid(points)
    for _ in range(600):
        lat, lon = rng.choice(points)[:2]
        lat, lon = lat + rng.uniform(-0.5, 0.5), lon + rng.uniform(-0.5, 0.5)
        lat = max(-90.0, min(90.0, lat))
        km = rng.choice([3.0, 25.0, 40.0, 400.0, 5000.0])
        full = {p[2] for p in points if haversine_km(lat, lon, p[0], p[1]) <= km}
        found = {p[2] for p in grid.around(lat, lon, km) if haversine_km(lat, lon, p[0], p[1]) <= km}
        assert found == full, (lat, lon, km)
    # it is an index: a query in the dense region looks at a few cells, not all points
    assert len(list(grid.around(34.0, 40.0, 40.0))) < len(points) / 10


def test_a_small_point_grid_gives_all_its_points():
    from rasad.geo.geometry import PointGrid

    points = [(33.5, 36.3, "damascus"), (36.2, 37.1, "aleppo")]
    assert PointGrid(points).around(33.5, 36.3, 10.0) == points
