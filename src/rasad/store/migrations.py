"""The database schema as ordered migrations; ``schema_version`` records what has run.

Each migration is a function of a DuckDB connection, applied in order inside one
transaction with the version bump, so a database is always at a whole version.
Add new migrations at the end; never edit one that has shipped.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def _v1(con) -> None:
    con.execute("""
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            outlet VARCHAR,
            published VARCHAR,
            title VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            language VARCHAR,
            warnings VARCHAR,          -- JSON list
            mentions VARCHAR,          -- JSON {"actors": [...], "places": [...]} with offsets
            n_events INTEGER,
            rasad_version VARCHAR,
            ingested_at TIMESTAMP
        )""")
    con.execute("""
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            modality VARCHAR NOT NULL,
            acled_event_type VARCHAR,
            acled_sub_event_type VARCHAR,
            actor1_id VARCHAR, actor1_name VARCHAR, actor1_name_ar VARCHAR,
            actor1_kind VARCHAR, actor1_country VARCHAR, actor1_text VARCHAR,
            actor2_id VARCHAR, actor2_name VARCHAR, actor2_name_ar VARCHAR,
            actor2_kind VARCHAR, actor2_country VARCHAR, actor2_text VARCHAR,
            location_name VARCHAR, location_name_ar VARCHAR, feature VARCHAR,
            admin1 VARCHAR, admin2 VARCHAR, country VARCHAR,
            lat DOUBLE, lon DOUBLE, geo_precision INTEGER, gazetteer_id VARCHAR,
            date_value VARCHAR, date_precision VARCHAR, date_text VARCHAR,
            date_from DATE, date_to DATE,   -- the window the date's precision allows
            fatalities INTEGER, injured INTEGER, arrested INTEGER,
            attribution_source VARCHAR,
            evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            evidence_key VARCHAR,           -- normalised evidence for text search
            confidence DOUBLE,
            record VARCHAR NOT NULL,        -- the EVENTS.md §2 record as JSON
            evidence_spans VARCHAR          -- JSON list of every evidence sentence
        )""")
    con.execute("CREATE INDEX events_doc ON events (doc_id)")
    con.execute("""
        CREATE TABLE incidents (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            n_sources INTEGER NOT NULL,     -- distinct documents
            n_outlets INTEGER NOT NULL,
            n_events INTEGER NOT NULL,
            outlets VARCHAR,                -- JSON list
            date_value VARCHAR, date_precision VARCHAR, date_from DATE, date_to DATE,
            location_name VARCHAR, location_name_ar VARCHAR, admin1 VARCHAR, admin2 VARCHAR,
            country VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision INTEGER,
            actor1_id VARCHAR, actor1_name VARCHAR, actor2_id VARCHAR, actor2_name VARCHAR,
            fatalities_min INTEGER, fatalities_max INTEGER,
            injured_min INTEGER, injured_max INTEGER,
            arrested_min INTEGER, arrested_max INTEGER,
            first_event VARCHAR NOT NULL
        )""")
    con.execute("""
        CREATE TABLE incident_events (
            incident_id VARCHAR NOT NULL,
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            score DOUBLE                    -- best link score that joined it (NULL: seed)
        )""")
    con.execute("CREATE INDEX incident_events_incident ON incident_events (incident_id)")
    con.execute("""
        CREATE TABLE embeddings (
            text_hash VARCHAR NOT NULL,
            model VARCHAR NOT NULL,
            vector FLOAT[],
            PRIMARY KEY (text_hash, model)
        )""")


MIGRATIONS: list[Callable] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con, create: bool = True) -> int:
    """The schema version of the database (0: empty); ``create`` adds the version table."""
    if create:
        con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)")
    elif not con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_version'").fetchone()[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(con) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; returns the number of steps run."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        from rasad.store.store import StoreError

        raise StoreError("store", f"database schema version {version} is newer than this rasad "
                                  f"({SCHEMA_VERSION}); upgrade rasad")
    steps = 0
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            step(con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        log.info("database migrated to schema version %d", number)
        steps += 1
    return steps
