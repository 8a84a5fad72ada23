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
    with pytest.raises(ConfigError, match="needs .*norm.*clean assigns"):
        Pipeline.from_config(load_config().with_pipeline(["segment"]))
    with pytest.raises(ConfigError, match="events.*sentences"):
        Pipeline.from_config(load_config().with_pipeline(["clean", "events"]))


class _Traced:
    """A Document stand-in that records which fields a stage reads and writes."""

    def __init__(self, doc):
        object.__setattr__(self, "_doc", doc)
        object.__setattr__(self, "reads", set())
        object.__setattr__(self, "writes", set())

    def __getattr__(self, name):
        self.reads.add(name)
        return getattr(self._doc, name)

    def __setattr__(self, name, value):
        self.writes.add(name)
        setattr(self._doc, name, value)


@pytest.mark.parametrize("text", [
    "مقتل 5 جنود بهجوم على حاجز في درعا\nقتل 5 جنود من قوات النظام صباح الأحد في هجوم شنه مسلحون "
    "على حاجز عسكري في مدينة درعا، وأفادت مصادر محلية باعتقال 3 أشخاص. اقرأ أيضاً",
    "Police arrested three people in London on Sunday.",  # non-Arabic: the warning path
])
def test_every_stage_reads_and_writes_only_what_it_declares(text):
    """``requires``/``assigns``/``optional`` are true: traced over a real run."""
    from rasad.pipeline import INPUT_FIELDS

    pipe = Pipeline.from_config()
    doc = Document(id="t", text=text, published="2018-07-10")
    for st in pipe.stages:
        traced = _Traced(doc)
        doc = st.fn(traced, pipe.config)._doc
        read = traced.reads - traced.writes - INPUT_FIELDS
        assert read <= set(st.requires) | set(st.optional), (st.name, read)
        assert traced.writes <= set(st.assigns), (st.name, traced.writes)


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
