"""The one flat schema: ACLED's columns in ACLED's order and values, then rasad's; an
ACLED user's pandas script runs unchanged on `rasad extract --format csv` and `export`."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from rasad import cli
from rasad.acled_table import ACLED_COLUMNS, COLUMNS, row

# ACLED's documented export columns (codebook 2023), in its order
ACLED_DOCUMENTED = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp").split()


def test_the_schema_starts_with_acleds_columns_in_order():
    assert list(ACLED_COLUMNS) == ACLED_DOCUMENTED
    assert COLUMNS[:31] == ACLED_COLUMNS and {"modality", "injured", "arrested",
                                              "evidence_start", "confidence", "incident_id"} <= set(COLUMNS)


def _acled_users_script(csv_text: str) -> pd.DataFrame:
    """What an ACLED user writes, reading only ACLED's documented columns."""
    df = pd.read_csv(io.StringIO(csv_text), parse_dates=["event_date"])
    df = df[df["event_type"].isin(["Battles", "Explosions/Remote violence",
                                   "Violence against civilians"])]
    df["month"] = df["event_date"].dt.to_period("M")
    return df.groupby(["country", "admin1", "month"], dropna=False).agg(
        events=("event_id_cnty", "count"), fatalities=("fatalities", "sum"),
        civilian=("civilian_targeting", lambda s: (s == "Civilian targeting").sum()))


def test_an_acled_script_runs_on_extract_csv(capsys, seed_path):
    assert cli.main(["extract", str(seed_path), "--sample", "--format", "csv", "-q"]) == 0
    text = capsys.readouterr().out
    table = _acled_users_script(text)
    assert table["fatalities"].sum() >= 3 and table["events"].sum() >= 2
    df = pd.read_csv(io.StringIO(text))
    assert set(df["country"].dropna()) >= {"Syria"}  # a name, as in ACLED; the code is country_iso3
    assert set(df["time_precision"].dropna()) <= {1, 2, 3}
    assert set(df["iso"].dropna()) <= {760, 368}
    assert (df["fatalities"] >= 0).all()  # 0 when none reported, as ACLED


def test_values_follow_acled(seed_path):
    ev = {"id": "e1", "type": "ASSAULT", "acled": {"event_type": "Violence against civilians",
                                                    "sub_event_type": "Attack"},
          "actor1": {"kind": "state_military", "country": "TUR", "name": "Turkish army"},
          "actor2": {"kind": "civilians", "country": "SYR", "name": "Civilians"},
          "location": {"country": "SYR", "admin1": "Aleppo", "lat": 36.2, "lon": 37.1,
                       "geo_precision": 2, "name": "Afrin"},
          "date": {"value": "2018-03", "precision": "month"}, "fatalities": None}
    r = row(ev, outlet="X", published="2018-03-20")
    assert (r["inter1"], r["inter2"], r["interaction"]) == (8, 7, 78)  # external forces
    assert r["civilian_targeting"] == "Civilian targeting" and r["disorder_type"] == "Political violence"
    assert (r["event_date"], r["time_precision"], r["year"]) == ("2018-03-01", 3, 2018)
    assert (r["iso"], r["region"], r["country"]) == (760, "Middle East", "Syria")
    assert r["fatalities"] == 0 and r["fatalities_reported"] is None
    assert r["event_id_cnty"].startswith("SYR") and r["timestamp"] == 1521504000


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_uses_the_same_schema(tmp_path, seed_path, fmt, capsys):
    db = tmp_path / "s.duckdb"
    assert cli.main(["ingest", str(seed_path), "--db", str(db), "-q"]) == 0
    out = tmp_path / f"e.{fmt}"
    assert cli.main(["export", "--db", str(db), "--format", fmt, "-o", str(out)]) == 0
    df = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert list(df.columns) == list(COLUMNS)
    assert set(df["modality"]) == {"asserted"}  # the default selection
    assert df["fatalities"].sum() == 0 and df["injured"].max() == 5 and df["arrested"].max() == 12
