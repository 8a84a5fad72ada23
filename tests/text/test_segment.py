from rasad.text.segment import prefix_ok, sentence_spans, split_clitics, tokens


def _sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentences_split_on_arabic_and_latin_punctuation_and_newlines():
    text = "قتل ثلاثة. أصيب خمسة؟ وماذا بعد! سطر\nسطر آخر؛ ثم هذا"
    assert _sentences(text) == ["قتل ثلاثة.", "أصيب خمسة؟", "وماذا بعد!", "سطر", "سطر آخر؛", "ثم هذا"]


def test_double_dot_and_quotes_end_sentences_but_decimals_do_not():
    text = "من العراق.. قسد ترفع الجاهزية. قال «انتهى الأمر.» ثم غادر بنسبة 3.5 بالمئة"
    assert _sentences(text) == ["من العراق..", "قسد ترفع الجاهزية.", "قال «انتهى الأمر.»",
                                "ثم غادر بنسبة 3.5 بالمئة"]


def test_skip_regions_are_left_out():
    text = "جملة أولى.\nالتعليقات مغلقة.\nجملة ثانية."
    hole = (text.index("التعليقات"), text.index("مغلقة.") + len("مغلقة."))
    assert _sentences(text) == _sentences(text)  # deterministic
    spans = sentence_spans(text, [hole])
    assert [text[s:e] for s, e in spans] == ["جملة أولى.", "جملة ثانية."]


def test_tokens_have_offsets():
    text = "قصف، على 3.5 كم"
    toks = tokens(text)
    assert [t.text for t in toks] == ["قصف", "على", "3.5", "كم"]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_clitics():
    assert prefix_ok("و") and prefix_ok("وبال") and prefix_ok("لل") and prefix_ok("")
    assert not prefix_ok("مم")
    assert not prefix_ok("ال", allow_article=False)
    analyses = split_clitics("للتحالف")
    assert ("لل", "التحالف", "") in analyses
    assert ("و", "قسد", "") in split_clitics("وقسد")
    assert ("", "اعتقال", "هم") in split_clitics("اعتقالهم")


def test_text_without_punctuation_is_cut_at_clause_breaks():
    text = ("قصفت القوات مدينة حلب وقتل ثلاثة مدنيين، " * 400).strip()  # 16 KB, no full stop
    spans = sentence_spans(text, max_chars=2000)
    assert len(spans) > 7 and all(e - s <= 2000 for s, e in spans)
    assert all(text[e - 1] == "،" for s, e in spans[:-1])  # at the comma, not mid-word
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_ordinary_sentences_are_not_cut():
    text = "قتل ثلاثة مدنيين في قصف على حلب. وأصيب خمسة آخرون."
    assert sentence_spans(text) == sentence_spans(text, max_chars=10_000)


def test_many_skip_regions_cost_no_more_per_region():
    # every other line removed: the subtraction looks only at holes that can overlap
    lines = ["قتل ثلاثة مدنيين في حلب"] * 2000
    text = "\n".join(lines)
    holes, pos = [], 0
    for i, line in enumerate(lines):
        if i % 2:
            holes.append((pos, pos + len(line)))
        pos += len(line) + 1
    assert len(sentence_spans(text, holes)) == 1000
