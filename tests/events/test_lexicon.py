"""Trigger, modality and attribution lexicons: data integrity and clitic-aware matching."""
from __future__ import annotations

import importlib.util
from collections import Counter
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from rasad.config import load_config
from rasad.events import lexicon as lx
from rasad.pipeline import Pipeline
from rasad.schema import PLOVER_TYPES, Document, Removed
from rasad.text.normalize import key

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "news" / "ant_conflict_2018_dev.jsonl"
EVENT_MODES = {  # EVENTS.md §1
    "ASSAULT": {"firearms", "heavy-weapons", "aerial", "drone", "explosives", "suicide-attack",
                "targeted", "abduct", "destroy", "unconventional"},
    "COERCE": {"arrest", "seize", "curfew", "restrict", "deport", "withhold"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "RETREAT": {"withdraw", "release", "ceasefire", "disarm", "access", "resign"},
    "PROTEST": {"demonstrate", "riot", "strike", "hunger-strike"},
}


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))


def doc_of(pipe: Pipeline, text: str) -> Document:
    return pipe(Document(id="t", text=text, published="2018-07-10"))


def hits(pipe: Pipeline, text: str) -> list[lx.TriggerMatch]:
    return lx.find_triggers(doc_of(pipe, text))


def surfaces(pipe: Pipeline, text: str) -> set[tuple[str, str]]:
    return {(m.type, m.text) for m in hits(pipe, text)}


# ---------------------------------------------------------------- data

def test_every_type_has_entries_and_valid_modes():
    per_type = Counter(e.type for e in lx.load_triggers())
    assert set(per_type) == set(PLOVER_TYPES)
    assert all(per_type[t] >= 40 for t in PLOVER_TYPES), per_type
    for e in lx.load_triggers():
        if e.type in EVENT_MODES and e.mode is not None:
            assert e.mode in EVENT_MODES[e.type], e
    for t, modes in EVENT_MODES.items():  # every listed mode has at least one phrase
        have = {e.mode for e in lx.load_triggers() if e.type == t}
        assert modes <= have, (t, modes - have)


def test_keys_are_unique_across_types():
    seen: dict[str, str] = {}
    for e in lx.load_triggers():
        k = key(e.phrase)
        assert seen.setdefault(k, e.type) == e.type, (e.phrase, seen[k], e.type)


def test_casualty_column_marks_victim_words():
    by_phrase = {(e.phrase, e.pos): e for e in lx.load_triggers()}
    assert by_phrase[("مقتل", "noun")].casualty == "fatalities"
    assert by_phrase[("لقوا حتفهم", "mwe")].casualty == "fatalities"
    assert by_phrase[("جرحى", "noun")].casualty == "injured"
    assert by_phrase[("ألقت القبض", "mwe")].casualty == "arrested"
    assert by_phrase[("غارة جوية", "mwe")].casualty == "none"
    assert by_phrase[("غارة جوية", "mwe")].strength == "strong"
    assert by_phrase[("استهدف", "verb")].strength == "weak"


def test_match_objects_are_frozen(pipe):
    m = hits(pipe, "قصفت الطائرات القرية.")[0]
    with pytest.raises(FrozenInstanceError):
        m.type = "AID"  # type: ignore[misc]


# ---------------------------------------------------------------- matching

@pytest.mark.parametrize("text,typ,surface", [
    ("وقصفت المدفعية البلدة", "ASSAULT", "قصفت"),
    ("والغارات مستمرة", "ASSAULT", "غارات"),
    ("قتل شخص بالقصف على الحي", "ASSAULT", "قصف"),
    ("وتم اعتقالهم فجرا", "COERCE", "اعتقال"),
    ("بعد قتلهم في الحي", "ASSAULT", "قتل"),
    ("أسفرت غارتها عن دمار", "ASSAULT", "غارت"),
    ("ألقت القبض على ثلاثة", "COERCE", "ألقت القبض"),
    ("ولقوا حتفهم جميعا", "ASSAULT", "لقوا حتفهم"),
    ("وصلت تعزيزات عسكرية إلى المدينة", "MOBILIZE", "تعزيزات عسكرية"),
    ("وتظاهر المئات في الساحة", "PROTEST", "تظاهر"),
    ("واتهمت الحكومة الميليشيا", "ACCUSE", "اتهمت"),
    ("ووقعت اتفاقا مع الفصائل", "AGREE", "وقعت اتفاقا"),
    ("وحملت المسؤولية للميليشيا", "ACCUSE", "حملت المسؤولية"),
    ("وفرضت واشنطن عقوبات جديدة", "SANCTION", "عقوبات جديدة"),
    ("وانسحبت القوات من البلدة", "RETREAT", "انسحبت"),
])
def test_known_phrases_match_with_clitics(pipe, text, typ, surface):
    """``text`` of a match is the stem without proclitics or pronoun suffix."""
    found = surfaces(pipe, text)
    assert (typ, surface) in found, found


def test_clitics_are_reported(pipe):
    (m,) = [m for m in hits(pipe, "والغارات مستمرة") if m.type == "ASSAULT"]
    assert m.prefix == "وال" and m.pos == "noun"
    (v,) = [m for m in hits(pipe, "وقصفت المدفعية البلدة") if m.phrase == "قصفت"]
    assert v.prefix == "و" and v.pos == "verb"


@pytest.mark.parametrize("text,banned", [
    ("أعلنت وزارة الدفاع", "زار"),             # ة is not the pronoun ه
    ("العمليات القتالية", "قتال"),           # -ية is not a pronoun suffix
    ("قال المقاتلون", "قتل"),                # inside another word
    ("البحث عن المفقودين", "بحث"),           # a verb entry takes no article
    ("بالبحث عن", "بحث"),                    # nor a preposition
    ("الحشد الشعبي", "حشد"),                 # blocker + verb with article
    ("الفجر", "فجر"),
    ("كما أعلنت منظمة حظر الأسلحة الكيمياوية", "حظر الأسلحة"),
    ("تقاتل في جبهات القتال", "قتال"),
])
def test_no_match_inside_other_words(pipe, text, banned):
    assert all(key(m.text) != key(banned) and m.phrase != banned for m in hits(pipe, text)), hits(pipe, text)


def test_longest_match_wins(pipe):
    got = {(m.type, m.phrase) for m in hits(pipe, "وتم وقف إطلاق النار وإطلاق سراح الأسرى")}
    assert ("RETREAT", "وقف إطلاق النار") in got
    assert ("RETREAT", "إطلاق سراح") in got
    assert not any(t == "ASSAULT" for t, _ in got)
    drone = hits(pipe, "استهدفت طائرة مسيرة الموقع")
    assert [(m.type, m.mode) for m in drone if m.phrase == "طائرة مسيرة"] == [("ASSAULT", "drone")]
    assert not any(m.type == "PROTEST" for m in drone)


def test_offsets_map_to_original_with_diacritics_and_tatweel(pipe):
    text = "قُتِل 5 أشخاص في القـ.ـصف على القرية."
    doc = doc_of(pipe, text)
    ms = lx.find_triggers(doc)
    got = {(m.phrase, text[m.start:m.end]) for m in ms}
    assert ("قتل", "قُتِل") in got
    assert ("قصف", "قـ.ـصف") in got
    qasf = next(m for m in ms if m.phrase == "قصف")
    assert qasf.prefix == "ال" and text[qasf.start - 2:qasf.start] == "ال"
    assert all(m.sentence_index == 0 for m in ms)


def test_sentence_index_and_casualty(pipe):
    doc = doc_of(pipe, "شنت الطائرات غارات على القرية. وأصيب خمسة مدنيين بجروح.")
    ms = lx.find_triggers(doc)
    inj = [m for m in ms if m.casualty == "injured"]
    assert inj and all(m.sentence_index == 1 for m in inj)
    assert any(m.sentence_index == 0 and m.mode == "aerial" for m in ms)


def test_future_prefix(pipe):
    ms = hits(pipe, "وقالت إنها ستقصف المواقع وسيتمركز الجيش في المدينة")
    fut = {m.text: m.future_prefix for m in ms}
    assert fut.get("تقصف") is True
    assert fut.get("يتمركز") is True
    past = hits(pipe, "قصفت المدفعية البلدة")
    assert past and not past[0].future_prefix
    assert not [m for m in hits(pipe, "سقصف") if m.phrase == "قصف"]  # س only before an imperfect


def test_removed_regions_are_skipped(pipe):
    text = "شنت الطائرات غارات على القرية. اقرأ أيضا: غارة جوية على حلب."
    doc = doc_of(pipe, text)
    cut = text.index("اقرأ")
    doc.removed = [Removed(cut, len(text), text[cut:], "boilerplate")]
    ms = lx.find_triggers(doc)
    assert ms and all(m.end <= cut for m in ms)


# ---------------------------------------------------------------- modality and attribution

def cues(pipe, text):
    return [(c.modality, c.phrase) for c in lx.find_modality_cues(doc_of(pipe, text))]


def test_modality_cues(pipe):
    assert ("future", "سوف") in cues(pipe, "وسوف تنسحب القوات")
    assert ("future", "من المقرر") in cues(pipe, "ومن المقرر أن يتمركز الجيش")
    assert ("hypothetical", "قد") in cues(pipe, "وقد يشن التنظيم هجمات")
    assert ("hypothetical", "قد") not in cues(pipe, "وقد قتل خمسة")  # قد + perfect is assertive
    assert ("hypothetical", "توقعات") in cues(pipe, "توقعات بشن هجمات")
    assert ("negated", "لم يعد أمرا واردا") in cues(pipe, "الانسحاب لم يعد أمراً وارداً")
    assert ("negated", "نفت") in cues(pipe, "ونفت الوزارة وقوع القصف")
    assert ("negated", "لا") not in cues(pipe, "لا تزال الاشتباكات مستمرة")
    assert ("negated", "لم") in cues(pipe, "ولم تسفر الغارة عن إصابات")
    assert ("generic", "معظم") in cues(pipe, "فشل معظم هجمات خلايا داعش")
    assert ("asserted", "فشل") in cues(pipe, "فشل معظم هجمات خلايا داعش")
    assert not [c for c in cues(pipe, "بلم") if c[1] == "لم"]


def test_future_proclitic_is_data_not_a_word_cue():
    fut = [m for m in lx.load_modality() if m.morphological]
    assert [m.phrase for m in fut] == ["سـ"] and fut[0].modality == "future"


def test_attribution_cues(pipe):
    doc = doc_of(pipe, "وأفاد المرصد السوري لحقوق الإنسان بمقتل 3، بحسب مصادر محلية ووفقا للمرصد")
    got = [(c.kind, c.phrase, c.source) for c in lx.find_attribution_cues(doc)]
    assert ("verb", "أفاد", None) in got
    assert ("named", "المرصد السوري لحقوق الإنسان", "SOHR") in got
    assert ("according", "بحسب", None) in got
    assert ("source", "مصادر محلية", None) in got
    assert ("according", "وفقا ل", None) in got
    assert ("named", "المرصد", "SOHR") in got  # للمرصد: ل + المرصد


# ---------------------------------------------------------------- corpus

def test_corpus_counts_are_nonzero_for_main_types():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not available")
    spec = importlib.util.spec_from_file_location("count_triggers", ROOT / "scripts" / "count_triggers.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    per_type, per_phrase, docs_per_type, _, n_docs = mod.count(CORPUS, limit=600)
    assert n_docs == 600
    for t in ("ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "THREATEN", "ACCUSE", "AID"):
        assert per_type[t] > 0, t
    assert per_type.most_common(1)[0][0] == "ASSAULT"
    assert docs_per_type["ASSAULT"] > 0.8 * n_docs  # a conflict corpus
