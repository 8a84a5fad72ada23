"""Fitting the decision models from gold documents (scikit-learn logistic regression).

Deterministic: examples are built in document order, features sorted by name, the solver
is lbfgs (no randomness) and weights are rounded, so the same gold gives the same file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rasad.events.casualties import summed_counts
from rasad.events import places, types
from rasad.events.decide import ModelLinker, content_words, draft_of, learned_counts, \
    learned_places, learned_roles
from rasad.events.features import actor_features, candidate_features, count_features, \
    pair_features, place_features
from rasad.events.merge import Draft, absorb, separate_sites
from rasad.events.model import LinearModel, Models
from rasad.learn.corpus import GoldDocument
from rasad.learn.labels import LABELS, is_actor, is_count, is_place, label_candidate

DIGITS = 4  # weights are rounded to this many decimals


@dataclass(slots=True)
class Params:
    """Regularisation (inverse strength) and feature-count floor of each model."""

    c: dict[str, float] = field(default_factory=lambda: {
        "event": 0.3, "actor1": 0.5, "actor2": 0.5, "count": 0.5, "place": 0.5, "merge": 0.5})
    min_count: int = 2  # features seen fewer times in training are dropped
    merge_label: str = "equal"  # two drafts are one incident when their gold events are equal / intersect
    # decision thresholds, chosen on the cross-validated scores of train + dev (a sweep
    # over a small grid; see the README): P(actor) for actor1/actor2, P(count), P(place)
    # for a further site of one clause (a split), P(same incident) for merging
    thresholds: dict[str, float] = field(default_factory=lambda: {
        "actor1": 0.3, "actor2": 0.5, "count": 0.4, "place": 0.8, "merge": 0.35})
    # the place model replaces the rules' place only when its pick is this much likelier
    margins: dict[str, float] = field(default_factory=lambda: {"place": 0.5})
    # P(asserted) an event candidate needs: material types, and the statements ("*")
    event_thresholds: dict[str, float] = field(default_factory=lambda: {
        **{name: 0.6 for name, t in types.table().items() if t.material}, "*": 0.7})


Examples = tuple[list[list[str]], list]


def _fit(name: str, xs: list[list[str]], ys: list, params: Params,
         classes: tuple | None = None) -> LinearModel | None:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    if len(set(ys)) < 2:
        return None
    freq = Counter(f for x in xs for f in set(x))
    vocab = sorted(f for f, n in freq.items() if n >= params.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, x in enumerate(xs):
        for f in sorted({index[f] for f in x if f in index}):
            rows.append(r)
            cols.append(f)
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(xs), len(vocab)))
    clf = LogisticRegression(C=params.c[name], max_iter=5000, tol=1e-6)
    clf.fit(matrix, ys)
    coef = clf.coef_
    weights = {}
    for f, i in index.items():
        ws = tuple(round(float(v), DIGITS) + 0.0 for v in coef[:, i])
        if any(ws):
            weights[f] = ws
    intercept = tuple(round(float(v), DIGITS) + 0.0 for v in clf.intercept_)
    labels = tuple(str(c) for c in clf.classes_)
    return LinearModel.from_weights(labels, intercept, weights, params.thresholds.get(name, 0.5),
                                    params.margins.get(name, 0.0))


def event_examples(docs: list[GoldDocument]) -> Examples:
    xs, ys = [], []
    for gd in docs:
        for c in gd.candidates:
            xs.append(candidate_features(c, gd.doc.published))
            ys.append(label_candidate(c, gd.doc, gd.gold).label)
    return xs, ys


def _asserted(docs: list[GoldDocument]):
    for gd in docs:
        for c in gd.candidates:
            lab = label_candidate(c, gd.doc, gd.gold)
            if lab.label == "asserted":
                yield gd, c, lab.events


def actor_examples(docs: list[GoldDocument], which: int) -> Examples:
    xs, ys = [], []
    for _, c, events in _asserted(docs):
        for m in c.ctx.all_actors:
            xs.append(actor_features(c, m))
            ys.append(int(is_actor(m.item, events, which)))
    return xs, ys


def count_examples(docs: list[GoldDocument]) -> Examples:
    xs, ys = [], []
    for _, c, events in _asserted(docs):
        roles = c.etype.counts
        for n in summed_counts(c.ctx.counts):
            if n.role in roles:
                xs.append(count_features(c, n))
                ys.append(int(is_count(n, events)))
    return xs, ys


def place_examples(docs: list[GoldDocument]) -> Examples:
    xs, ys = [], []
    for _, c, events in _asserted(docs):
        located = [g for g in events if g.location is not None]
        if not located:
            continue
        for opt in places.options(c):
            xs.append(place_features(c, opt))
            ys.append(int(is_place(opt.place, located)))
    return xs, ys


def refs(d: Draft, events) -> frozenset[int]:
    """The gold events a draft stands for: those it matches whose location is its place,
    when there are such (a candidate split by place), else all it matches."""
    here = [g for g in events if d.place is not None and is_place(d.place, [g])]
    return frozenset(g.index for g in (here or events))


def merge_examples(docs: list[GoldDocument], models: Models, label: str = "equal") -> Examples:
    """Pairs met by an oracle merge: each gold-matched draft meets the events formed so far
    (the true clusters) in document order, as the greedy merge would."""
    xs, ys = [], []
    linker = ModelLinker(LinearModel(("0", "1"), (0.0,), (), ((),)))  # for its word cache
    for gd in docs:
        drafts: list[tuple[Draft, frozenset[int]]] = []
        for _, c, events in _asserted([gd]):
            roles, counts = learned_roles(c, models), learned_counts(c, models)
            for n, place in enumerate(learned_places(c, models)):
                d = draft_of(c, "asserted", roles, counts if n == 0 else {}, place=place)
                d.split = n
                drafts.append((d, refs(d, events)))
        drafts.sort(key=lambda x: (x[0].sentence_index, x[0].anchor))
        clusters: list[tuple[Draft, set[int]]] = []
        for d, gold in drafts:
            join = None
            for e, egold in clusters:
                if e.type != d.type or (e.anchor == d.anchor and e.sentence is d.sentence) \
                        or separate_sites(e, d):
                    continue
                xs.append(pair_features(e, d, linker.words(e), linker.words(d)))
                same = gold == egold if label == "equal" else bool(gold & egold)
                ys.append(int(same))
                if same and join is None:
                    join = (e, egold)
            if join is None:
                d.sentences, d.indices = [d.sentence], [d.sentence_index]
                clusters.append((d, set(gold)))  # the first draft's gold decides "equal"
            else:
                if d.anaphoric:
                    d.place, d.place_from_sentence, d.date = None, False, None
                absorb(join[0], d)
                join[1].update(gold)
    return xs, ys


def fit(docs: list[GoldDocument], params: Params | None = None) -> Models:
    """The five models from the gold documents ``docs``."""
    params = params or Params()
    models = Models(meta={"labels": list(LABELS), "documents": len(docs)},
                    event_thresholds=dict(params.event_thresholds))
    models.event = _fit("event", *event_examples(docs), params)
    models.actor1 = _fit("actor1", *actor_examples(docs, 1), params)
    models.actor2 = _fit("actor2", *actor_examples(docs, 2), params)
    models.count = _fit("count", *count_examples(docs), params)
    models.place = _fit("place", *place_examples(docs), params)
    models.merge = _fit("merge", *merge_examples(docs, models, params.merge_label), params)
    return models


__all__ = ["Params", "fit", "content_words"]
