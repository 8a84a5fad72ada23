"""Bounded load test of `rasad serve` on loopback (not run in CI).

    python benchmarks/load.py [--articles 400] [--clients 64] [--seconds 30] [--json OUT]

Builds a store from the first N articles of the 2018 corpus (../shared), starts `rasad
serve` on it, and runs C concurrent clients for S seconds over a mix of reads (events
pages, GeoJSON pages, incidents, stats, timeline, health) with a pathological POST
/extract now and then (a dense megabyte-long document, which meets the extraction time
budget). Prints requests/s, p50/p99 latency per endpoint, errors, and the server's peak
RSS (sampled every 0.1 s, children included).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "news" / "ant_conflict_2018_dev.jsonl"

MIX = [  # (weight, method, path)
    (30, "GET", "/events?limit=100"),
    (15, "GET", "/events?limit=100&offset=200&type=ASSAULT"),
    (15, "GET", "/events.geojson"),
    (10, "GET", "/incidents?limit=50"),
    (10, "GET", "/stats"),
    (8, "GET", "/timeline"),
    (10, "GET", "/health"),
    (2, "POST", "/extract"),
]
DENSE = "قتل 5 أشخاص في حلب. " * 45_000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_sampler(pid: int, stop: threading.Event, peak: list[float]) -> None:
    import psutil

    proc = psutil.Process(pid)
    while not stop.is_set():
        try:
            procs = [proc, *proc.children(recursive=True)]
            main = proc.memory_info().rss
            total = sum(p.memory_info().rss for p in procs)
            peak[0] = max(peak[0], main / 2**20)
            peak[1] = max(peak[1], total / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.1)


async def _client(http, base: str, until: float, rng: random.Random, out: dict) -> None:
    weights = [w for w, _, _ in MIX]
    while time.monotonic() < until:
        _, method, path = rng.choices(MIX, weights)[0]
        t0 = time.monotonic()
        try:
            if method == "POST":
                r = await http.post(base + path, json={"text": DENSE[:400_000]}, timeout=120)
            else:
                r = await http.get(base + path, timeout=60)
            status = r.status_code
        except Exception as exc:  # noqa: BLE001 - counted as an error
            status = type(exc).__name__
        key = path.split("?")[0] + ("" if "offset" not in path else " (page)")
        out.setdefault(key, []).append((time.monotonic() - t0, status))


async def _run(base: str, clients: int, seconds: float) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits) as http:
        out: dict = {}
        until = time.monotonic() + seconds
        await asyncio.gather(*(_client(http, base, until, random.Random(i), out)
                               for i in range(clients)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--json", default=None)
    ap.add_argument("--no-extract", action="store_true", help="reads only (no POST /extract)")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is needed: ../shared must sit beside the repository")
    tmp = Path(tempfile.mkdtemp(prefix="rasad-load-"))
    sample = tmp / "sample.jsonl"
    with CORPUS.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(args.articles), fh)),
                          encoding="utf-8")
    db = tmp / "load.duckdb"
    subprocess.run([sys.executable, "-m", "rasad.cli", "ingest", str(sample), "--db", str(db),
                    "-q"], check=True, stdout=subprocess.DEVNULL)
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db),
                               "--port", str(port), "--extract-seconds", "5"],
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            httpx.get(base + "/health", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    stop, peak = threading.Event(), [0.0, 0.0]
    sampler = threading.Thread(target=_rss_sampler, args=(server.pid, stop, peak), daemon=True)
    sampler.start()
    t0 = time.monotonic()
    try:
        if args.no_extract:
            MIX[:] = [m for m in MIX if m[1] != "POST"]
        results = asyncio.run(_run(base, args.clients, args.seconds))
    finally:
        elapsed = time.monotonic() - t0
        stop.set()
        server.terminate()
        server.communicate(timeout=30)
    rows, total = {}, 0
    for key, samples in sorted(results.items()):
        times = sorted(t for t, _ in samples)
        total += len(samples)
        bad = sum(1 for _, s in samples if not isinstance(s, int) or s >= 500)
        rows[key] = {"requests": len(samples), "p50_ms": round(1000 * statistics.median(times), 1),
                     "p99_ms": round(1000 * times[min(len(times) - 1, int(0.99 * len(times)))], 1),
                     "statuses": dict(sorted({str(s): sum(1 for _, x in samples if x == s)
                                              for _, s in samples}.items())),
                     "errors": bad}
    summary = {"articles": args.articles, "clients": args.clients, "seconds": round(elapsed, 1),
               "requests_per_s": round(total / elapsed, 1),
               "server_peak_rss_mb": round(peak[0], 1),
               "server_and_extractor_peak_rss_mb": round(peak[1], 1), "endpoints": rows}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
