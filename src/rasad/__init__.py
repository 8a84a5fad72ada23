"""rasad: Arabic conflict-news event coder."""

# the one place the version is written: pyproject.toml reads it from here (setuptools'
# ``attr:``), so no import of importlib.metadata (60 ms) is needed to know it at run time
__version__ = "0.1.0"

__all__ = ["__version__"]
