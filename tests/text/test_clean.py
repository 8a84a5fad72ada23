from rasad.config import load_config
from rasad.pipeline import Pipeline
from rasad.schema import Document
from rasad.text.clean import arabic_share, find_boilerplate, find_signature, find_title


def _run(text, **kw):
    pipe = Pipeline.from_config(load_config().with_pipeline(["clean", "segment"]))
    return pipe(Document(id="t", text=text, **kw))


def test_boilerplate_lines_are_found_and_reported():
    text = "خبر أول.\nاقرأ أيضاً: مقتل عشرة\nشارك على فيسبوك\nالتعليقات مغلقة، ولكن تركبكس وبينغبكس مفتوحة."
    found = find_boilerplate(text)
    assert [r.text for r in found] == ["اقرأ أيضاً: مقتل عشرة", "شارك على فيسبوك",
                                       "التعليقات مغلقة، ولكن تركبكس وبينغبكس مفتوحة."]
    assert all(text[r.start:r.end] == r.text for r in found)


def test_ordinary_sentences_are_not_boilerplate():
    assert find_boilerplate("شارك آلاف المتظاهرين في مسيرة حاشدة وسط بغداد احتجاجا على تردي الخدمات.") == []


def test_signature_and_title():
    text = "عنوان الخبر هنا\nنص الخبر الطويل. وفيه جملتان.\nنورث بالس\nالتعليقات مغلقة."
    removed = find_boilerplate(text)
    sig = find_signature(text, removed)
    assert sig is not None and sig.text == "نورث بالس"
    assert find_title(text, 200).text == "عنوان الخبر هنا"
    assert find_title("جملة كاملة تنتهي بنقطة.\nثم نص", 200) is None


def test_seed_cleaning(seed_text):
    doc = _run(seed_text)
    assert doc.outlet == "نورث بالس"
    assert [r.reason for r in doc.removed] == ["signature", "boilerplate"]
    assert doc.removed[1].text.startswith("التعليقات مغلقة")
    assert doc.title.startswith("مع بدء انسحاب")
    assert doc.sentences[0].in_title and not doc.sentences[2].in_title
    for s in doc.sentences:
        assert seed_text[s.start:s.end] == s.text
        assert "التعليقات" not in s.text and s.text != "نورث بالس"
    for word in ("القوات", "وتيرة", "الاستعدادات"):
        assert word in doc.cleaned


def test_non_arabic_text_gets_a_warning_but_is_processed():
    doc = _run("Three civilians were killed in shelling on Tuesday, according to the observatory.")
    assert any(w.startswith("W101") for w in doc.warnings)
    assert doc.sentences
    assert arabic_share("قتل ثلاثة") == 1.0


def test_a_long_line_that_contains_a_template_is_text_not_boilerplate():
    article = "أعلنت القوات عن مقتل ثلاثة مسلحين في اشتباك قرب حلب " * 20
    assert find_boilerplate(article + " التعليقات مغلقة ولكن تركبكس وبينغبكس مفتوحة") == []
    assert find_boilerplate("التعليقات مغلقة ولكن تركبكس وبينغبكس مفتوحة")
