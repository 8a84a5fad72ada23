import codecs
import random
import json
import os

import pytest

from rasad.errors import (BinaryInput, EmptyInput, MalformedRecord, MissingInput,
                          UndecodableInput)
from rasad.text.read import decode, doc_id_for, expand_inputs, read_path, read_stdin_bytes

ARABIC = "قُتل ثلاثة مدنيين في قصف على ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1256", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_encodings_are_detected(encoding, prefix):
    data = prefix + ARABIC.encode(encoding)
    assert decode(data, "x.txt") == ARABIC


def test_cp1256_file_reads_as_arabic(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes(("عنوان\n" + ARABIC * 3).encode("cp1256"))
    (doc,) = read_path(p)
    assert doc.text.startswith("عنوان\nقُتل")
    assert doc.id == "legacy"


def test_bad_inputs_get_one_line_messages(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    garbage = tmp_path / "garbage.txt"
    rng = random.Random(7)  # high bytes: invalid UTF-8, and no prose in any code page
    garbage.write_bytes(bytes(rng.randrange(0xC0, 0xFF) for _ in range(2000)))
    cases = [(tmp_path / "missing.txt", MissingInput, "no such file"),
             (empty, EmptyInput, "empty"), (binary, BinaryInput, "binary"),
             (garbage, UndecodableInput, "not valid")]
    for path, cls, words in cases:
        (err,) = read_path(path)
        assert isinstance(err, cls), (path, err)
        msg = str(err)
        assert "\n" not in msg and str(path) in msg and words in msg


def test_jsonl_records_and_malformed_line_numbers(tmp_path):
    p = tmp_path / "batch.jsonl"
    good = {"id": "a1", "title": "عنوان", "text": ARABIC, "published": "2018-07-10T08:00:00",
            "url": "https://example.org/a1", "outlet": "skynews"}
    p.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json",
                            json.dumps({"id": "a3", "text": ""}),
                            json.dumps({"id": "a4", "title": "x"}),
                            json.dumps({**good, "id": "a5"}, ensure_ascii=False)]) + "\n",
                 encoding="utf-8")
    out = list(read_path(p))
    assert [getattr(o, "id", None) for o in out] == ["a1", None, None, None, "a5"]
    assert out[0].published == "2018-07-10" and out[0].title == "عنوان" and out[0].outlet == "skynews"
    assert isinstance(out[1], MalformedRecord) and f"{p}:2" in str(out[1])
    assert isinstance(out[2], EmptyInput) and f"{p}:3" in str(out[2])
    assert isinstance(out[3], MalformedRecord) and "'text'" in str(out[3])


def test_html_main_text_is_extracted(tmp_path):
    body = "".join(f"<p>{ARABIC.strip()} الفقرة {i}.</p>" for i in range(4))
    html = (f"<html><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية | اتصل بنا</nav>"
            f"<article><h1>مقتل ثلاثة مدنيين</h1>{body}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("cp1256"))
    (doc,) = read_path(p)
    assert "قُتل ثلاثة مدنيين" in doc.text
    assert "اتصل بنا" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.id == "page"


def test_stdin_and_ids(tmp_path):
    (doc,) = read_stdin_bytes(ARABIC.encode())
    assert doc.id == "stdin" and doc.text == ARABIC
    docs = list(read_stdin_bytes(json.dumps({"id": "z", "text": ARABIC}).encode()))
    assert docs[0].id == "z"
    assert doc_id_for(tmp_path / "000_307b6d8156389d2c.txt") == "000_307b6d8156389d2c"


def test_directories_and_globs(tmp_path):
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    found = list(expand_inputs([str(tmp_path)]))
    assert [p.name for p in found] == ["a.txt", "b.jsonl"]
    assert [p.name for p in expand_inputs([str(tmp_path / "*.txt")])] == ["a.txt"]
    (err,) = expand_inputs([str(tmp_path / "*.nothing")])
    assert isinstance(err, MissingInput)


def test_bad_records_are_one_error_each_and_the_batch_goes_on():
    from rasad.errors import MalformedRecord
    from rasad.text.read import read_jsonl_lines

    lines = [
        b'{"id": "a", "text": "\\ud800 \xd9\x86\xd8\xb5"}',           # lone surrogate
        b'{"id": "b", "text": "x", "n": ' + b"1" * 5000 + b"}",     # 5,000-digit integer
        b"[" * 100000,                                             # nested too deeply
        b'{"id": "c", "text": "\xd9\x86\xd8\xb5", "url": 5}',       # non-string url
        b'{"id": {"a": 1}, "text": "\xd9\x86\xd8\xb5"}',            # dict id
        b'{"id": 0, "text": "\xd9\x86\xd8\xb5 \xd9\x86\xd8\xb5"}',  # id 0 is an id
        b'{"id": "ok", "text": "\xd9\x86\xd8\xb5 \xd9\x86\xd8\xb5"}',
    ]
    out = list(read_jsonl_lines(lines, "f.jsonl"))
    errors = [o for o in out if isinstance(o, MalformedRecord)]
    assert [e.source for e in errors] == [f"f.jsonl:{i}" for i in (1, 2, 3, 4, 5)]
    assert "surrogate" in str(errors[0]) and "url" in str(errors[3]) and "id" in str(errors[4])
    docs = [o for o in out if not isinstance(o, MalformedRecord)]
    assert [d.id for d in docs] == ["0", "ok"]


def test_devices_and_fifos_are_refused(tmp_path):
    import os

    from rasad.errors import MissingInput
    from rasad.text.read import read_path

    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    for p in (link, fifo):
        out = list(read_path(p))
        assert len(out) == 1 and isinstance(out[0], MissingInput), out
        assert "not a regular file" in str(out[0])


def test_blank_jsonl_is_reported(tmp_path):
    from rasad.errors import EmptyInput
    from rasad.text.read import read_path

    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n   \n\n", encoding="utf-8")
    out = list(read_path(blank))
    assert len(out) == 1 and isinstance(out[0], EmptyInput) and "no records" in str(out[0])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_subdirectory_is_reported(tmp_path):
    (tmp_path / "ok.txt").write_text(ARABIC, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(ARABIC, encoding="utf-8")
    locked.chmod(0)
    try:
        out = list(expand_inputs([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    errors = [x for x in out if isinstance(x, MissingInput)]
    assert errors and "locked" in str(errors[0]) and "cannot read" in str(errors[0])
    assert tmp_path / "ok.txt" in out
