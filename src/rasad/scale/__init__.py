"""Running extraction over many documents: local processes and Dask."""
