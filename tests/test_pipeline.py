import pytest

from rasad.config import load_config, merge
from rasad.errors import ConfigError, StageError
from rasad.pipeline import Pipeline, Stage, registered, stage
from rasad.schema import Document


def test_default_pipeline_builds_from_the_registry():
    pipe = Pipeline.from_config()
    assert pipe.names[:2] == ["clean", "segment"]
    assert set(pipe.names) <= set(registered())


def test_a_failing_stage_is_named_with_the_document():
    @stage("test_boom")
    def boom(doc, config):
        raise ValueError("bad thing")

    pipe = Pipeline([registered()["clean"], registered()["test_boom"]], load_config())
    with pytest.raises(StageError) as info:
        pipe(Document(id="doc-7", text="نص عربي"))
    msg = str(info.value)
    assert "test_boom" in msg and "doc-7" in msg and "bad thing" in msg


def test_a_stage_must_return_a_document():
    pipe = Pipeline([Stage("nothing", lambda d, c: None)], load_config())
    with pytest.raises(StageError, match="returned NoneType"):
        pipe(Document(id="d", text="x"))


def test_unknown_or_misordered_stages_are_config_errors():
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline.from_config(load_config().with_pipeline(["clean", "nope"]))
    with pytest.raises(ConfigError, match="needs"):
        Pipeline.from_config(load_config().with_pipeline(["segment"]))


def test_user_config_overrides_only_what_it_sets(tmp_path):
    user = tmp_path / "rasad.toml"
    user.write_text('[input]\nmax_chars = 50\n', encoding="utf-8")
    cfg = load_config(user)
    assert cfg.get("input", "max_chars") == 50
    assert cfg.get("input", "min_arabic_share") == load_config().get("input", "min_arabic_share")
    assert cfg.pipeline == load_config().pipeline
    bad = tmp_path / "bad.toml"
    bad.write_text("[input\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(bad)
    assert merge({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}}) == {"a": {"b": 3, "c": 2}}
