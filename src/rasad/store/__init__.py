"""Event store: documents, events and incidents in an embedded DuckDB database."""
