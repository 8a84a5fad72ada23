"""Long fuzzing campaign: N generated inputs through reading + the pipeline, and some
through the command line, in worker processes with a per-input time limit.

    python scripts/fuzz.py                 # 100,000 inputs + 300 CLI runs, 4 processes
    python scripts/fuzz.py --inputs 2000 --cli 50 --seed 7

Reports (and writes to benchmarks/results/fuzz.json): uncaught exceptions by type with one
example each, hangs (inputs over the time limit), silent empty successes of the CLI, coded
errors by code, peak RSS of the workers, and the worst CPU time per KB of inputs of 1 KB or
more beside the median of ordinary 2018 articles (from ../shared). The README quotes the
last result. Seeds are fixed: the same arguments generate the same inputs.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import random
import re
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "news" / "ant_conflict_2018_dev.jsonl"

WORDS = ("قتل ثلاثة ألف آلاف مليار و شخص في قصف على حلب يوم الأحد قوات النظام داعش "
         "اعتقال مظاهرة غارة جوية الجيش مسلحين عبوة ناسفة مقتل إصابة عشرات").split()
HOSTILE = ["-", "ـ", ".", "،", "\n", " ", "\u200f", "\u202e", "\x00", "\u064b", "\ufeff",
           "🙂", "<", ">", "&", "\\", '"', "١٢٣", "12 مارس 2018", "5", "\t", "\r"]


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


# ------------------------------------------------------------------ generators

def _shape(rng: random.Random) -> str:
    k = rng.choice((1, 10, 100, 1000))
    return rng.choice([
        lambda: "ب-" * (40 * k),
        lambda: "قتل " + " و".join(["ألف"] * (15 * k)) + " شخص.",
        lambda: " ".join(rng.choice(WORDS) for _ in range(10 * k)),
        lambda: "قتل 5 أشخاص في حلب. " * (4 * k),
        lambda: " ".join(["في 12 مارس 2018"] * (6 * k)),
        lambda: "".join(rng.choice(HOSTILE + WORDS) for _ in range(10 * k)),
        lambda: "\n".join(["شارك على فيسبوك", "قتل ثلاثة في حلب"] * (3 * k)),
    ])()


def _unicode(rng: random.Random) -> str:
    n = rng.choice((1, 10, 100, 1000, 5000))
    return "".join(chr(rng.choice((rng.randrange(0x20, 0x7f), rng.randrange(0x600, 0x700),
                                   rng.randrange(0, 0x110000))))
                   for _ in range(n))


def _jsonl(rng: random.Random) -> bytes:
    def value(depth=0):
        kinds = ["s", "i", "f", "n", "b"] + (["l", "d"] if depth < 3 else [])
        kind = rng.choice(kinds)
        return {"s": lambda: _unicode(rng)[:50], "i": lambda: rng.choice((0, -1, 2 ** 40, 10 ** 30)),
                "f": lambda: rng.random(), "n": lambda: None, "b": lambda: True,
                "l": lambda: [value(depth + 1) for _ in range(3)],
                "d": lambda: {"k": value(depth + 1)}}[kind]()

    lines = []
    for _ in range(rng.randrange(1, 6)):
        rec = {k: value() for k in rng.sample(["id", "text", "title", "published", "url",
                                                "outlet"], rng.randrange(0, 6))}
        if rng.random() < 0.5:
            rec["text"] = _shape(rng)
        line = json.dumps(rec, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.2:
            line = line[: rng.randrange(0, len(line) + 1)]  # cut off
        if rng.random() < 0.1:
            line = rng.choice(['"\\ud800"', "[" * 5000, "1" * 5000, "{}", "null"])
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def _html(rng: random.Random) -> bytes:
    body = _shape(rng)
    n = rng.choice((10, 1000, 20000))
    return rng.choice([
        lambda: "<div>" * n + body + "</div>" * n,
        lambda: f'<p title="{"x" * n * 10}">{body}</p>',
        lambda: "<p>" + "&amp;" * n + body + "</p>",
        lambda: f"<html><body><article><p>{body}</p></article></body></html>",
    ])().encode("utf-8", "surrogatepass")


def generate(seed: int) -> tuple[str, bytes]:
    """Input number ``seed``: (kind, bytes)."""
    rng = random.Random(seed)
    kind = rng.choice(("unicode", "bytes", "shape", "jsonl", "html", "cp1256"))
    if kind == "unicode":
        return kind, _unicode(rng).encode("utf-8", "surrogatepass")
    if kind == "bytes":
        return kind, bytes(rng.randrange(256) for _ in range(rng.choice((0, 1, 50, 3000))))
    if kind == "shape":
        return kind, _shape(rng).encode("utf-8")
    if kind == "jsonl":
        return kind, _jsonl(rng)
    if kind == "html":
        return kind, _html(rng)
    return kind, " ".join(rng.choice(WORDS) for _ in range(200)).encode("cp1256")


# ------------------------------------------------------------------ workers

_PIPE = {}


def _pipeline():
    if "p" not in _PIPE:
        from rasad.pipeline import Pipeline

        _PIPE["p"] = Pipeline.from_config()
    return _PIPE["p"]


def _warm() -> None:
    """Each worker loads the pipeline and the HTML reader before its first timed input,
    and keeps warnings (W1xx, expected here by the thousand) off the terminal."""
    import logging

    logging.getLogger("rasad").setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)
    from rasad.schema import Document
    from rasad.text.read import read_html_bytes

    _pipeline()(Document(id="warm", text="قتل ثلاثة مدنيين في قصف على حلب يوم الأحد."))
    read_html_bytes(b"<html><body><p>\xd9\x82\xd8\xaa\xd9\x84</p></body></html>", "warm", "warm")


def run_one(args: tuple[int, float]) -> dict:
    """One input read and extracted: its outcome, CPU seconds and size."""
    from rasad.errors import RasadError
    from rasad.text.read import read_path

    seed, limit = args
    kind, data = generate(seed)
    suffix = {"jsonl": ".jsonl", "html": ".html"}.get(kind, ".txt")
    out = {"seed": seed, "kind": kind, "bytes": len(data), "outcome": "ok"}
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.process_time()
    with tempfile.NamedTemporaryFile(suffix=suffix) as fh:
        fh.write(data)
        fh.flush()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            for item in read_path(Path(fh.name)):
                if isinstance(item, RasadError):
                    out.setdefault("codes", []).append(item.code)
                    continue
                try:
                    _pipeline()(item)
                except RasadError as exc:
                    out.setdefault("codes", []).append(exc.code)
        except Timeout:
            out["outcome"] = "hang"
        except Exception as exc:  # noqa: BLE001 - what the campaign looks for
            out["outcome"] = "exception"
            out["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    out["cpu"] = time.process_time() - t0
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def run_cli(args: tuple[int, float]) -> dict:
    """One generated file through ``rasad extract`` in-process: exit code and stderr."""
    from rasad import cli

    seed, limit = args
    kind, data = generate(seed)
    suffix = {"jsonl": ".jsonl", "html": ".html"}.get(kind, ".txt")
    out = {"seed": seed, "kind": kind, "outcome": "ok"}
    with tempfile.NamedTemporaryFile(suffix=suffix) as fh:
        fh.write(data)
        fh.flush()
        err, so = io.StringIO(), io.StringIO()
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(so):
                rc = cli.main(["extract", fh.name, "-q", "--format", "jsonl"])
        except Timeout:
            rc, out["outcome"] = None, "hang"
        except BaseException as exc:  # noqa: BLE001 - SystemExit included
            rc, out["outcome"], out["error"] = None, "exception", f"{type(exc).__name__}: {exc}"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    text = err.getvalue()
    if "Traceback" in text:
        out["outcome"], out["error"] = "traceback", text[-300:]
    elif rc == 0 and not so.getvalue().strip() and not text.strip():
        out["outcome"] = "silent"
    elif rc not in (0, None) and not re.search(r"\[E\d{3}\]", text):
        out["outcome"], out["error"] = "uncoded", text[-300:]
    return out


def _ordinary_cpu_per_kb(n: int = 300) -> float | None:
    if not CORPUS.exists():
        return None
    from rasad.schema import Document

    pipe = _pipeline()
    rates = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            rec = json.loads(line)
            t0 = time.process_time()
            pipe(Document(id=rec["id"], text=rec["text"], published=rec.get("published")))
            rates.append((time.process_time() - t0) / (len(rec["text"].encode()) / 1024))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--cli", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per input (a hang past it)")
    ap.add_argument("-o", "--output", default=str(ROOT / "benchmarks" / "results" / "fuzz.json"))
    args = ap.parse_args(argv)
    t0 = time.time()
    ctx = mp.get_context("forkserver")
    base = args.seed * 10_000_000
    with ctx.Pool(args.processes, initializer=_warm, maxtasksperchild=5000) as pool:
        results = list(pool.imap_unordered(run_one, [(base + i, args.limit) for i in range(args.inputs)],
                                           chunksize=50))
        cli_results = list(pool.imap_unordered(run_cli, [(base + 5_000_000 + i, args.limit)
                                                         for i in range(args.cli)], chunksize=5))
    ordinary = _ordinary_cpu_per_kb()
    outcomes = Counter(r["outcome"] for r in results)
    errors: dict[str, dict] = {}
    for r in results + cli_results:
        if r["outcome"] not in ("ok",):
            errors.setdefault(f"{r['outcome']}: {r.get('error', '')[:80]}", r)
    big = [r for r in results if r["bytes"] >= 1024 and r["outcome"] == "ok"]
    worst = max(big, key=lambda r: r["cpu"] / (r["bytes"] / 1024), default=None)
    summary = {
        "inputs": args.inputs, "seed": args.seed, "seconds": round(time.time() - t0, 1),
        "outcomes": dict(outcomes), "cli_runs": args.cli,
        "cli_outcomes": dict(Counter(r["outcome"] for r in cli_results)),
        "codes": dict(Counter(c for r in results for c in r.get("codes", ()))),
        "by_kind": dict(Counter(r["kind"] for r in results)),
        "peak_rss_mb": round(max((r["rss_mb"] for r in results), default=0), 1),
        "worst_cpu_ms_per_kb": worst and round(1000 * worst["cpu"] / (worst["bytes"] / 1024), 2),
        "worst_input": worst and {k: worst[k] for k in ("seed", "kind", "bytes")},
        "ordinary_article_cpu_ms_per_kb": ordinary and round(1000 * ordinary, 2),
        "failures": list(errors.values())[:20],
    }
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    bad = outcomes.get("exception", 0) + outcomes.get("hang", 0) + sum(
        1 for r in cli_results if r["outcome"] != "ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
