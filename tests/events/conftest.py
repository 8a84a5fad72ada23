import pytest

from rasad.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipe():
    return Pipeline.from_config()
