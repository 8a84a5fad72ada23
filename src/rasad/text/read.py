"""Reading inputs into Documents: .txt, .html, .jsonl, stdin; encoding detection.

Readers yield either a :class:`Document` or an :class:`InputError` for each input unit
(a file, or a JSONL line), so a batch keeps going past a bad document and reports it.
"""
from __future__ import annotations

import codecs
import glob
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from rasad.errors import (
    BinaryInput, EmptyInput, InputError, MalformedRecord, MissingInput, TooLargeInput,
    UndecodableInput, W_LEGACY, W_TRUNCATED,
)
from rasad.schema import Document
from rasad.text.normalize import ARABIC_LETTER

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_FILE_BYTES = 64 * 1024 * 1024  # one article file; JSONL batches are streamed instead
DEFAULT_MAX_CHARS = 1_000_000

_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")
_LETTER_RE = re.compile(r"[^\W\d_]")

ReadResult = Document | InputError


# ------------------------------------------------------------------ encodings

def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 or cp1256; raise a clear error."""
    if not data.strip():
        raise EmptyInput(source, "file is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, enc, source)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, source)
    if b"\x00" in data or _control_share(data) > 0.1:
        raise BinaryInput(source, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Arabic legacy pages are overwhelmingly Windows-1256.
    try:
        text = data.decode("cp1256")
        if _arabic_letter_share(text) >= 0.5 and _looks_like_arabic_prose(text):
            log.warning("%s: %s", source, W_LEGACY.format(encoding="cp1256"))
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.chaos < 0.2 and best.encoding not in ("utf_8", "cp1256"):
        log.warning("%s: %s", source, W_LEGACY.format(encoding=best.encoding))
        return str(best)
    raise UndecodableInput(source, "bytes are not valid UTF-8, UTF-16 or cp1256 text")


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(source, f"invalid {encoding} at byte {exc.start}") from None
    if not text.strip():
        raise EmptyInput(source, "file is empty")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL in every other byte for ASCII, or a regular high byte
    (0x06 for Arabic) in one parity."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, hi, lo in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        share = sum(1 for b in hi if b in (0x00, 0x06)) / len(hi)
        if share > 0.9 and sum(1 for b in lo if b == 0) / len(lo) < 0.3:
            return enc
    return None


def _control_share(data: bytes) -> float:
    sample = data[:4000]
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl / len(sample)


# cp1256 decodes any byte string, so a decoding is accepted only when it reads as prose.
_FUNCTION_WORDS = frozenset("في من على إلى عن أن التي الذي مع بعد".split())


def _looks_like_arabic_prose(text: str) -> bool:
    words = text[:20000].split()
    if len(words) < 8:
        return len(words) > 0 and all(len(w) < 15 for w in words)
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) > 0.02


def _arabic_letter_share(text: str) -> float:
    letters = _LETTER_RE.findall(text[:20000])
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_RE.match(ch)) / len(letters)


# ------------------------------------------------------------------ helpers

def doc_id_for(path: Path) -> str:
    """A file's id is its name without the extension."""
    return path.name[: -len("".join(path.suffixes))] if path.suffixes else path.name


def normalise_published(value: object, source: str = "") -> str | None:
    """ISO date ``YYYY-MM-DD`` from a date, datetime or string; None if absent/unparseable."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    log.warning("%s: publication date %r is not an ISO date; ignored", source, s)
    return None


def _limit(doc: Document, max_chars: int) -> Document:
    if len(doc.text) > max_chars:
        doc.text = doc.text[:max_chars]
        doc.warnings.append(W_TRUNCATED.format(limit=max_chars))
    return doc


# ------------------------------------------------------------------ readers

def read_text_bytes(data: bytes, source: str, doc_id: str, **meta) -> Document:
    text = decode(data, source)
    return Document(id=doc_id, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                    source_path=source, **meta)


def read_html_bytes(data: bytes, source: str, doc_id: str, **meta) -> Document:
    import trafilatura  # heavy import, only when HTML is read

    html = decode(data, source)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise EmptyInput(source, "HTML page has no article text")
    title = getattr(extracted, "title", None)
    published = normalise_published(getattr(extracted, "date", None), source)
    outlet = getattr(extracted, "sitename", None)
    return Document(id=doc_id, text=text, title=meta.pop("title", None) or title,
                    published=meta.pop("published", None) or published,
                    outlet=meta.pop("outlet", None) or outlet,
                    url=meta.pop("url", None) or getattr(extracted, "url", None),
                    source_path=source, **meta)


# The fields of a JSONL record and the types each may have (None: the field may be null).
RECORD_FIELDS: dict[str, tuple[type, ...]] = {
    "text": (str,), "id": (str, int, type(None)), "title": (str, type(None)),
    "published": (str, type(None)), "url": (str, type(None)), "outlet": (str, type(None)),
}


def _lone_surrogate(value: str) -> int | None:
    """Offset of the first lone surrogate (a "\\ud800" escape that is not a character)."""
    try:
        value.encode("utf-8")  # C speed; only surrogates fail
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def record_problem(rec: dict) -> str | None:
    """What is wrong with a JSONL record's known fields, or None."""
    if "text" not in rec:
        return "record has no 'text' string"
    for name, types in RECORD_FIELDS.items():
        value = rec.get(name)
        if name not in rec and type(None) in types:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            want = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            return f"field '{name}' is {type(value).__name__}, not {want}"
        if isinstance(value, str):
            at = _lone_surrogate(value)
            if at is not None:
                return f"field '{name}' holds a lone surrogate at character {at}"
    return None


def read_jsonl_lines(lines: Iterable[bytes], source: str, published: str | None = None,
                     first_line: int = 1) -> Iterator[ReadResult]:
    """Documents (or errors) from JSONL lines; ``first_line`` numbers a shard that starts
    further into its file (rasad.scale)."""
    for lineno, raw in enumerate(lines, first_line):
        where = f"{source}:{lineno}"
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw.decode("utf-8-sig") if lineno == 1 else raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield UndecodableInput(where, "line is not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield MalformedRecord(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield MalformedRecord(where, "malformed JSON (nested too deeply)")
            continue
        except ValueError as exc:  # an integer of more than 4,300 digits
            yield MalformedRecord(where, f"malformed JSON ({str(exc).split(';')[0]})")
            continue
        if not isinstance(rec, dict):
            yield MalformedRecord(where, "a JSONL line must be an object")
            continue
        problem = record_problem(rec)
        if problem is not None:
            yield MalformedRecord(where, problem)
            continue
        text = rec["text"]
        rid = rec.get("id")
        doc_id = str(rid) if rid is not None and rid != "" else f"{Path(source).stem}-{lineno}"
        if not text.strip():
            yield EmptyInput(f"{where} ({doc_id})", "record text is empty")
            continue
        title = rec.get("title")
        yield Document(
            id=doc_id, text=text,
            title=title if isinstance(title, str) and title.strip() else None,
            published=published or normalise_published(rec.get("published"), where),
            url=rec.get("url"), outlet=rec.get("outlet"), source_path=where,
        )


def read_path(path: Path, published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
              ) -> Iterator[ReadResult]:
    """Documents (or errors) from one file, by its extension (text when unknown)."""
    source = str(path)
    if not path.exists():
        yield MissingInput(source, "no such file")
        return
    if path.is_dir():
        yield MissingInput(source, "is a directory with no readable files")
        return
    if not path.is_file():  # a device (a link to /dev/zero), a FIFO or a socket never ends
        yield MissingInput(source, "is not a regular file (a device, FIFO or socket)")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        seen = False
        with path.open("rb") as fh:
            for item in read_jsonl_lines(fh, source, published):
                seen = True
                yield _limit(item, max_chars) if isinstance(item, Document) else item
        if not seen:  # blank lines only: say so, never a silent empty success
            yield EmptyInput(source, "no records (the file has blank lines only)")
        return
    try:
        with path.open("rb") as fh:  # cap what is read, not what st_size claims
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise TooLargeInput(source, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
        meta = {"published": published}
        if suffix in HTML_SUFFIXES:
            doc = read_html_bytes(data, source, doc_id_for(path), **meta)
        else:
            doc = read_text_bytes(data, source, doc_id_for(path), **meta)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield MissingInput(source, f"cannot read: {exc.strerror or exc}")
        return
    yield _limit(doc, max_chars)


def read_stdin_bytes(data: bytes, published: str | None = None,
                     max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    """``-``: JSONL if it starts with '{', HTML if with '<', else plain text (id 'stdin')."""
    head = data.lstrip()[:1]
    try:
        if head == b"{":
            yield from read_jsonl_lines(data.splitlines(), "<stdin>", published)
            return
        if head == b"<":
            yield _limit(read_html_bytes(data, "<stdin>", "stdin", published=published), max_chars)
            return
        yield _limit(read_text_bytes(data, "<stdin>", "stdin", published=published), max_chars)
    except InputError as exc:
        yield exc


def _walk(root: Path, known: set[str] | frozenset[str]) -> tuple[list[Path], list[InputError]]:
    """Files with a known suffix under ``root``; directories that cannot be listed are
    errors (never skipped in silence)."""
    files: list[Path] = []
    unreadable: list[InputError] = []

    def failed(exc: OSError) -> None:
        unreadable.append(MissingInput(str(exc.filename or root),
                                       f"cannot read this directory: {exc.strerror or exc}"))

    for folder, _dirs, names in os.walk(root, onerror=failed, followlinks=False):
        for name in names:
            f = Path(folder) / name
            if f.suffix.lower() in known and f.is_file():
                files.append(f)
    return sorted(files), unreadable


def expand_inputs(args: Iterable[str]) -> Iterator[Path | InputError]:
    """Paths from arguments: files, directories (recursively, known suffixes) and globs."""
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            files, unreadable = _walk(p, known)
            yield from unreadable
            if not files and not unreadable:
                yield MissingInput(arg, "directory holds no .txt, .html or .jsonl files")
            yield from files
        elif any(ch in arg for ch in "*?[") and not p.exists():
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            if not matches:
                yield MissingInput(arg, "pattern matches no file")
            yield from (m for m in matches if m.is_file())
        else:
            yield p
