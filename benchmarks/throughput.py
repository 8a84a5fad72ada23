"""Throughput benchmark: the full rasad pipeline over a JSONL corpus.

    python benchmarks/throughput.py [FILE.jsonl] [--workers N] [--limit N] [--json OUT]
                                    [--markdown] [--engine local|dask]

Prints articles/second, MB/second and events/second (overall and per core), peak RSS,
startup time (import + pipeline build + resource load, measured before any article), and
for one worker the time spent in each pipeline stage (reading, clean, segment, dates,
numbers, actors, geocode, events). ``--markdown`` prints a results-table row with the
machine (CPU model from /proc/cpuinfo, cores) for the README. ``--against REF`` runs the
code of an earlier commit and this tree's one after the other in one run and prints new/old.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"


def machine() -> dict:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": model, "cores": cores, "python": platform.python_version(),
            "platform": platform.platform()}


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class WorkerProbe:
    """CPU time and peak RSS of the worker processes (psutil, when installed): pool
    workers are started by a fork server, so getrusage(RUSAGE_CHILDREN) never sees them."""

    def __init__(self) -> None:
        try:
            import psutil
        except ImportError:
            psutil = None
        self.psutil = psutil
        self.cpu: dict[int, float] = {}
        self.peak_rss_mb = 0.0

    def sample(self) -> None:
        if self.psutil is None:
            return
        me = self.psutil.Process()
        for child in me.children(recursive=True):
            try:
                t = child.cpu_times()
                mem = child.memory_info().rss / 2**20
            except self.psutil.Error:
                continue
            self.cpu[child.pid] = t.user + t.system
            self.peak_rss_mb = max(self.peak_rss_mb, mem)

    def cpu_s(self) -> float:
        return sum(self.cpu.values())


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def startup() -> tuple[dict, object, object]:
    """Import, build the pipeline, load its resources (one short warm-up document)."""
    t0 = time.perf_counter()
    from rasad.config import load_config
    from rasad.pipeline import Pipeline
    from rasad.scale import worker

    t1 = time.perf_counter()
    config = load_config()
    pipe = Pipeline.from_config(config)
    worker._STATE[repr(config)] = pipe  # the warm-up below loads this pipeline's resources
    t2 = time.perf_counter()
    worker.warm(config)
    t3 = time.perf_counter()
    return ({"import_s": t1 - t0, "build_s": t2 - t1, "resources_s": t3 - t2,
             "startup_s": t3 - t0}, pipe, config)


def timed_pipeline(pipe, totals: dict[str, float]):
    from rasad.pipeline import Stage

    def wrap(st):
        fn = st.fn

        def run(doc, config):
            t = time.process_time()
            try:
                return fn(doc, config)
            finally:
                totals[st.name] = totals.get(st.name, 0.0) + time.process_time() - t

        return Stage(st.name, run, st.requires, st.assigns)

    pipe.stages = [wrap(st) for st in pipe.stages]
    return pipe


def bench(path: Path, workers: int, limit: int | None, engine: str) -> dict:
    from itertools import islice

    start, pipe, config = startup()
    from rasad.batch import BatchReport, read_all, run

    stages: dict[str, float] = {}
    report = BatchReport()
    n_bytes = 0
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    if engine == "dask":
        from rasad.scale.dask_engine import run_dask

        with open(os.devnull, "w", encoding="utf-8") as sink:
            report = run_dask([str(path)], config, out=sink,
                              scheduler="processes" if workers > 1 else "sync")
        n_bytes = path.stat().st_size
    elif workers == 1:
        t = time.process_time()
        items = list(islice(read_all([str(path)]), limit))
        stages["reading"] = time.process_time() - t
        timed_pipeline(pipe, stages)
        items.reverse()

        def drain():  # hand documents over one by one: done ones are not kept
            while items:
                yield items.pop()

        for doc in run(drain(), pipe, report):
            n_bytes += len(doc.text.encode("utf-8"))
    else:
        from rasad.scale.local import run_parallel

        probe = WorkerProbe()
        for k, doc in enumerate(run_parallel(islice(read_all([str(path)]), limit), config,
                                             workers, report)):
            n_bytes += len(doc.text.encode("utf-8"))
            if k % 20 == 0:
                probe.sample()
    wall = time.perf_counter() - t0
    cpu = cpu_seconds() - c0
    worker_rss = None
    if engine == "local" and workers > 1:
        cpu += probe.cpu_s()  # worker processes are not our waited-for children
        worker_rss = probe.peak_rss_mb
    n = report.documents
    mb = n_bytes / 1e6
    out = {
        "input": str(path), "engine": engine, "workers": workers, "articles": n,
        "events": report.events, "failures": len(report.failures), "text_mb": round(mb, 3),
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        # CPU time is what a busy machine does not distort: the per-core figure
        "articles_per_cpu_s": round(n / cpu, 1) if cpu else None,
        "articles_per_s": round(n / wall, 1), "articles_per_s_per_core": round(n / wall / workers, 1),
        "mb_per_s": round(mb / wall, 3), "mb_per_s_per_core": round(mb / wall / workers, 3),
        "events_per_s": round(report.events / wall, 1),
        "events_per_s_per_core": round(report.events / wall / workers, 1),
        "startup": {k: round(v, 3) for k, v in start.items()},
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_worker_mb": round(worker_rss, 1) if worker_rss else None,
        "cpu_hours_per_million": round(cpu / max(n, 1) * 1e6 / 3600, 2),
        "machine": machine(),
    }
    if stages:
        total = sum(stages.values())
        out["stages_s"] = {k: round(v, 3) for k, v in stages.items()}
        out["stages_share"] = {k: round(v / total, 3) for k, v in stages.items()}
    return out


def show(r: dict) -> str:
    lines = [
        f"input      {r['input']} ({r['articles']} articles, {r['text_mb']} MB of text, "
        f"{r['events']} events, {r['failures']} failures)",
        f"engine     {r['engine']}, {r['workers']} worker(s) on {r['machine']['cpu']} "
        f"({r['machine']['cores']} cores), Python {r['machine']['python']}",
        f"wall       {r['wall_s']:.2f} s  (CPU {r['cpu_s']:.2f} s: "
        f"{r['articles_per_cpu_s']:.1f} articles per CPU-second)",
        f"articles/s {r['articles_per_s']:.1f}  ({r['articles_per_s_per_core']:.1f} per core)",
        f"MB/s       {r['mb_per_s']:.3f}  ({r['mb_per_s_per_core']:.3f} per core)",
        f"events/s   {r['events_per_s']:.1f}  ({r['events_per_s_per_core']:.1f} per core)",
        "startup    {startup_s:.3f} s (import {import_s:.3f}, build {build_s:.3f}, "
        "resources {resources_s:.3f})".format(**r["startup"]),
        f"peak RSS   {r['peak_rss_mb']:.0f} MB"
        + (f" (main), {r['peak_rss_worker_mb']:.0f} MB (largest worker)"
           if r.get("peak_rss_worker_mb") else ""),
        f"cost       {r['cpu_hours_per_million']:.2f} CPU-hours per million articles",
        "stage times are CPU seconds" if r.get("stages_s") else "",
    ]
    if r.get("stages_s"):
        lines.append("stages     " + "  ".join(
            f"{k} {v:.2f}s ({r['stages_share'][k]:.0%})" for k, v in r["stages_s"].items()))
    return "\n".join(x for x in lines if x) + "\n"


def markdown_row(r: dict) -> str:
    return (f"| {r['machine']['cpu']} ({r['machine']['cores']} cores) | {r['engine']} | "
            f"{r['workers']} | {r['articles']} | {r['wall_s']:.1f} s | {r['articles_per_s']:.0f} | "
            f"{r['articles_per_s_per_core']:.0f} | {r['articles_per_cpu_s']:.0f} | {r['events_per_s']:.0f} | "
            f"{r['startup']['startup_s']:.2f} s | {r['peak_rss_mb']:.0f} MB | "
            f"{r['cpu_hours_per_million']:.2f} |\n")


MARKDOWN_HEADER = ("| machine | engine | workers | articles | wall | articles/s | per core | "
                   "per CPU-s | events/s | startup | peak RSS | CPU-h / M articles |\n"
                   "|---|---|---|---|---|---|---|---|---|---|---|---|\n")


def _run_with(src: Path, args, path: Path, out: Path) -> dict:
    """This benchmark in a fresh process with the package under ``src``."""
    cmd = [sys.executable, str(Path(__file__).resolve()), str(path), "--workers", str(args.workers),
           "--engine", args.engine, "--json", str(out)] + (
        ["--limit", str(args.limit)] if args.limit else [])
    env = dict(os.environ, PYTHONPATH=str(src))
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def _median(runs: list[dict]) -> dict:
    """The run with the median CPU throughput (its figures, whole)."""
    return sorted(runs, key=lambda r: r["articles_per_cpu_s"])[len(runs) // 2]


def compare(args, path: Path) -> int:
    """Old (commit ``args.against``, in a temporary worktree) and new (this tree), one after
    the other on the same input, and new / old for each figure."""
    sys.path.insert(0, str(REPO / "scripts"))
    from same_output import worktree

    with worktree(args.against) as tree, tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        for src in (tree / "src", REPO / "src"):  # bytecode for both, as `pip install` leaves
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True,
                           stdout=subprocess.DEVNULL)
        olds, news = [], []  # alternated, so a machine that slows down mid-run slows both
        for k in range(args.rounds):
            olds.append(_run_with(tree / "src", args, path, Path(tmp) / f"old{k}.json"))
            news.append(_run_with(REPO / "src", args, path, Path(tmp) / f"new{k}.json"))
        old, new = _median(olds), _median(news)
    for name, r in ((f"old ({args.against})", old), ("new (this tree)", new)):
        sys.stdout.write(f"--- {name}, median of {args.rounds} run(s)\n" + show(r))
    rows = [("articles per CPU-second", "articles_per_cpu_s"), ("articles/s", "articles_per_s"),
            ("startup s", None), ("peak RSS MB", "peak_rss_mb")]
    sys.stdout.write("\nfigure                     old       new   new/old\n")
    for label, k in rows:
        a = old["startup"]["startup_s"] if k is None else old[k]
        b = new["startup"]["startup_s"] if k is None else new[k]
        sys.stdout.write(f"{label:24s} {a:8.2f}  {b:8.2f}  {b / a:7.2f}x\n")
    if old["events"] != new["events"]:
        sys.stdout.write(f"warning: events differ ({old['events']} old, {new['events']} new)\n")
    if args.json:
        Path(args.json).write_text(json.dumps({"old": old, "new": new}, indent=1) + "\n",
                                   encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS), help="a JSONL corpus")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", default=None, metavar="OUT", help="also write the figures as JSON")
    ap.add_argument("--markdown", action="store_true", help="print a README table row")
    ap.add_argument("--against", default=None, metavar="REF",
                    help="also run the code of git commit REF, old then new in this one run, "
                         "and print the ratio")
    ap.add_argument("--rounds", type=int, default=1,
                    help="with --against: old/new pairs to run (the medians are compared)")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        ap.error(f"no such corpus: {path}")
    if args.against:
        return compare(args, path)
    r = bench(path, max(1, args.workers), args.limit, args.engine)
    sys.stdout.write(show(r))
    if args.markdown:
        sys.stdout.write("\n" + MARKDOWN_HEADER + markdown_row(r))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
