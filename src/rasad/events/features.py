"""What the learned models see: sparse string features of candidates, actor mentions,
counts and pairs of drafts.

Each function returns a list of feature names (value 1). The rules' findings (vetoes,
role rules, modality cues, counts) are features next to the words around the trigger, so
a model can learn when a rule is right; nothing here decides anything.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from datetime import date

from rasad.events.candidates import Candidate
from rasad.events.casualties import Count
from rasad.events.merge import Draft, acled_class, dates_differ, same_actor
from rasad.events.roles import SOURCE_KINDS
from rasad.events.view import Located, bare
from rasad.geo.geometry import km_between, relation


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 12)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _magnitude(value: int | None) -> str:
    if value is None:
        return "none"
    return str(min(int(math.log10(max(value, 1))), 5))


def _days(value: str | None, published: str | None) -> int | None:
    if not value or not published or len(value) < 10:
        return None
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(value[:10])).days
    except ValueError:
        return None


def _age(c: Candidate, published: str | None) -> str:
    """How long before publication the candidate's date lies."""
    d = c.date
    if d is None or not d.value:
        return "nodate"
    if len(d.value) == 4 and published:
        return "year_same" if d.value == published[:4] else "year_old"
    if len(d.value) == 7 and published:
        return "month_same" if d.value == published[:7] else "month_old"
    days = _days(d.value, published)
    if days is None:
        return "unknown"
    return "after" if days < 0 else _bucket(days, (0, 1, 3, 7, 31, 365))


def _side(c: Candidate, m: Located) -> tuple[str, int]:
    """Where mention ``m`` lies from the candidate's trigger, and how many tokens away."""
    first, last = c.loc.first, c.loc.last
    if m.last < first:
        return "before", first - m.last
    if m.first > last:
        return "after", m.first - last
    return "inside", 0


def _words(c: Candidate, i: int, j: int) -> list[str]:
    return [bare(w) for w in c.view.words(i, j)]


def candidate_features(c: Candidate, published: str | None) -> list[str]:
    """Features of an event candidate (for the event/modality model)."""
    t, trig, ctx, view = c.type, c.trigger, c.ctx, c.view
    first, last = c.loc.first, c.loc.last
    out = ["bias", f"T={t}", f"T={t}|trig={bare(trig.phrase)}", f"T={t}|mode={c.mode}",
           f"T={t}|form={trig.pos}/{trig.voice}/{trig.strength}/{trig.casualty}",
           f"T={t}|rmod={c.modality}", f"rmod={c.modality}", f"prefix={trig.prefix or '-'}"]
    if trig.future_prefix:
        out.append("future_prefix")
    if c.strong:
        out.append(f"T={t}|strong")
    if len({m[0].phrase for m in c.members}) > 1:
        out.append(f"T={t}|several")
    for v in c.vetoes:
        out += [f"veto={v}", f"T={t}|veto={v}"]
    if not c.vetoes:
        out += ["rule_keep", f"T={t}|rule_keep"]
    for cue in ctx.modality_cues:
        side = "before" if cue.last < first else "after" if cue.first > last else "in"
        dist = first - cue.last if side == "before" else cue.first - last if side == "after" else 0
        out += [f"mcue={cue.item.modality}|{side}|{_bucket(dist)}",
                f"mcue={bare(cue.item.phrase)}|{side}"]
    out += [f"a1rule={c.roles.rule1}", f"a2rule={c.roles.rule2}",
            f"T={t}|has_a1={c.roles.actor1 is not None}"]
    if c.roles.actor1 is not None:
        out.append(f"a1kind={c.roles.actor1.kind}")
    if c.roles.actor2 is not None:
        out.append(f"a2kind={c.roles.actor2.kind}")
    out.append(f"n_actors={_bucket(len(ctx.actors), (0, 1, 2, 3))}")
    for role, n in c.counts.items():
        out += [f"T={t}|count={role}", f"count={role}|mag={_magnitude(n.value)}",
                f"count_q={n.qualifier}"]
    for n in ctx.counts:
        out.append(f"any_count_mag={_magnitude(n.value)}")
    for role in ctx.vague:
        out.append(f"vague={role}")
    out += [f"place={c.why_place.split(' ')[0]}", f"age={_age(c, published)}",
            f"T={t}|age={_age(c, published)}", f"date={c.why_date.split(' ')[0]}"]
    if c.place is not None:
        out.append(f"place_prec={c.place.geo_precision}")
    for tm in ctx.times:
        days = _days(tm.item.value, published)
        if tm.item.value and (days is None and tm.item.value[:4] < (published or "0")[:4]
                              or days is not None and days > 31):
            out.append("old_time_in_sentence")
    if c.background:
        out.append(f"T={t}|background")
    if c.anaphoric:
        out.append(f"T={t}|anaphoric")
    if ctx.nonconflict:
        out.append(f"T={t}|nonconflict")
    if ctx.attribution is not None:
        out.append("attributed")
    out.append("title" if view.sentence.in_title else f"sent={_bucket(view.index, (0, 1, 2, 4))}")
    out.append(f"clause={_bucket(c.clause, (0, 1))}")
    for o in ctx.triggers:
        if o.item.type != t:
            out.append(f"other={o.item.type}")
    for k, w in enumerate(reversed(_words(c, first - 3, first)), 1):
        out += [f"L{k}={w}", f"T={t}|L{k}={w}"]
    for k, w in enumerate(_words(c, last + 1, last + 4), 1):
        out += [f"R{k}={w}", f"T={t}|R{k}={w}"]
    out += _bags(c)
    if trig.pos == "verb" and bare(trig.phrase)[:1] in ("ي", "ت"):
        out += ["imperfect", f"T={t}|imperfect"]
    return out


def _bags(c: Candidate) -> list[str]:
    """Words of the candidate's clause (W=), computed once per clause. (The rest of the
    sentence as a bag did not pay on cross-validation.)"""
    cache = c.ctx.feature_cache
    got = cache.get(c.clause)
    if got is None:
        lo, hi = c.ctx.clause_span(c.clause)
        got = cache[c.clause] = sorted(f"W={w}" for w in set(_words(c, lo, hi + 1)))
    return got


def actor_features(c: Candidate, m: Located) -> list[str]:
    """Features of actor mention ``m`` of candidate ``c`` (the actor1 and actor2 models both
    read them)."""
    view, trig = c.view, c.trigger
    first = c.loc.first
    side, dist = _side(c, m)
    same = sorted((a for a in c.ctx.actors if (a.last < first) == (m.last < first)),
                  key=lambda a: abs(a.first - first))
    rank = next((i for i, a in enumerate(same) if a is m), 9)
    form = f"{trig.pos}/{trig.voice}/{trig.casualty}"
    d = _bucket(dist, (0, 1, 2, 3, 5, 8))
    out = ["bias", f"side={side}|d={d}", f"T={c.type}|side={side}|d={d}",
           f"form={form}|side={side}|d={d}", f"rank={side}{min(rank, 3)}",
           f"form={form}|rank={side}{min(rank, 3)}",
           f"kind={m.item.kind}", f"T={c.type}|kind={m.item.kind}|side={side}"]
    if c.ctx.clause_of(m.first) != c.clause:
        out.append("other_clause")
    roles = c.roles
    if m.item is roles.actor1:
        out += [f"rule1={roles.rule1}", "rule1"]
    if m.item is roles.actor2:
        out += [f"rule2={roles.rule2}", "rule2"]
    if (m.item.kind or "") in SOURCE_KINDS:
        out.append("source")
    if m.item.person:
        out.append("person")
    if id(m) in c.ctx.adjectival:
        out += ["adjectival", f"T={c.type}|adjectival|side={side}|d={d}"]
    if any(r is m or r.item is m.item for r in c.ctx.reporters):
        out.append("reporter")
    elif any(r.item is m.item for r in c.ctx.speakers):
        out.append("speaker")
    if not any(a is m for a in c.ctx.actors):
        out.append("supporter")
    elif id(m) in c.ctx.victim_ids():
        out.append("victim_cue")
    for k, w in enumerate(reversed(_words(c, m.first - 2, m.first)), 1):
        out += [f"p{k}={w}", f"{side}|p{k}={w}"]
    out.append(f"n1={bare(view.word(m.last + 1))}")
    return out


def count_features(c: Candidate, n: Count) -> list[str]:
    """Features of count ``n`` as the event's count of its role."""
    first, last = c.loc.first, c.loc.last
    out = ["bias", f"role={n.role}", f"T={c.type}|role={n.role}", f"rule={n.rule}",
           f"q={n.qualifier}", f"mag={_magnitude(n.value)}", f"role={n.role}|mag={_magnitude(n.value)}"]
    if n.token is not None:
        qf = ql = n.token
        side = "before" if ql < first else "after" if qf > last else "inside"
        dist = first - ql if side == "before" else qf - last if side == "after" else 0
        out += [f"side={side}|d={_bucket(dist, (0, 1, 2, 3, 5, 8))}"]
        if c.ctx.clause_of(qf) != c.clause:
            out.append("other_clause")
        for k, w in enumerate(reversed(_words(c, qf - 3, qf)), 1):
            out.append(f"p{k}={w}")
        for k, w in enumerate(_words(c, ql + 1, ql + 4), 1):
            out.append(f"n{k}={w}")
    same_role = [o for o in c.ctx.counts if o.role == n.role]
    if len(same_role) > 1:
        out.append("several_of_role")
        if all((n.value or 0) >= (o.value or 0) for o in same_role):
            out.append("largest_of_role")
    if c.counts.get(n.role) is n:
        out.append("rule_pick")
    if c.trigger.casualty == n.role:
        out.append("trigger_counts_role")
    return out


def _nearest(indices: list[int], at: int) -> int:
    """Distance from ``at`` to the nearest of ``indices`` (in document order, as merging
    appends them: bisection, not a scan of an event's every sentence)."""
    k = bisect_left(indices, at)
    return min(abs(at - indices[j]) for j in (k - 1, k) if 0 <= j < len(indices))


def pair_features(e: Draft, d: Draft, e_words: frozenset[str], d_words: frozenset[str]) -> list[str]:
    """Features of draft ``d`` joining event ``e`` (a merged draft) of the same type.
    ``e``'s sentences and indices are in document order (merging absorbs drafts in order),
    so its first sentence and nearest index are read, not scanned for."""
    t = d.type
    out = ["bias", f"T={t}"]
    indices = e.indices or [e.sentence_index]
    gap = _nearest(indices, d.sentence_index)
    out += [f"gap={_bucket(gap, (0, 1, 2, 4))}", f"T={t}|gap={_bucket(gap, (0, 1, 2, 4))}",
            f"e_first={_bucket(indices[0], (0, 1, 2))}",
            f"d_at={_bucket(d.sentence_index, (0, 1, 2, 4))}"]
    if d.anaphoric:
        out.append("anaphoric")
    if (e.sentences or [e.sentence])[0].in_title:  # title sentences come first
        out.append("e_title")
    if d.sentence.in_title:
        out.append("d_title")
    if e.place and d.place:
        rel = relation(e.place, d.place) or "different"
        src = f"{'s' if e.place_from_sentence else 'd'}{'s' if d.place_from_sentence else 'd'}"
        out += [f"place={rel}|{src}", f"T={t}|place={rel}|{src}"]
        km = km_between(e.place, d.place)
        out.append(f"km={_bucket(int(km), (0, 3, 25, 100)) if km is not None else 'none'}")
        if (d.place.geo_precision or 3) < (e.place.geo_precision or 3):
            out.append("d_finer")
    else:
        out.append(f"place_missing={e.place is None}/{d.place is None}")
    for role in ("actor1", "actor2"):
        a, b = getattr(e, role), getattr(d, role)
        if a is not None and b is not None:
            out.append(f"{role}_{'same' if same_actor(a, b) else 'diff'}")
        else:
            out.append(f"{role}_missing={a is None}/{b is None}")
    if e.actor1 and d.actor2 and same_actor(e.actor1, d.actor2):
        out.append("swapped")
    for role, (value, _) in d.counts.items():
        cur = e.counts.get(role)
        if cur is not None and value is not None and cur[0] is not None:
            out.append("count_eq" if cur[0] == value else
                       "count_gt" if value > cur[0] else "count_lt")
        elif value is not None:
            out.append("count_new")
    if dates_differ(e, d):
        out.append("date_diff")
    elif e.date_from_sentence and d.date_from_sentence and e.date and d.date \
            and e.date.value == d.date.value:
        out.append("date_same")
    if e.mode and d.mode:
        out.append("mode_same" if e.mode == d.mode else
                   "class_diff" if acled_class(e) != acled_class(d) else "mode_diff")
    if e.background != d.background:
        out.append("background_diff")
    shared = len(e_words & d_words)
    union = len(e_words | d_words)
    jac = shared / union if union else 0.0
    out += [f"jaccard={min(int(jac * 20), 8)}", f"shared={_bucket(shared, (0, 1, 2, 3, 5, 8))}"]
    out.append(f"size={_bucket(len(e.sentences or [e.sentence]), (1, 2, 3))}")
    return out


def place_features(c: Candidate, opt) -> list[str]:
    """Features of place option ``opt`` (:class:`rasad.events.places.PlaceOption`) as the
    location of candidate ``c``."""
    from rasad.events.places import purpose_or_origin

    p = opt.place
    feature = p.feature or "?"
    out = ["bias", f"scope={opt.scope}", f"T={c.type}|scope={opt.scope}", f"feat={feature}",
           f"scope={opt.scope}|feat={feature}", f"prec={p.geo_precision}",
           f"mentions={_bucket(opt.mentions, (1, 2, 4))}", f"gap={_bucket(opt.gap, (0, 1, 2))}"]
    if opt.rule:
        out += ["rule", f"rule|scope={opt.scope}", f"rule|feat={feature}"]
    focus = c.doc.focus if c.doc is not None else None
    if focus is not None:
        if p is focus or (p.gazetteer_id and p.gazetteer_id == focus.gazetteer_id):
            out.append("focus")
        elif p.country != focus.country:
            out.append("other_country")
    if opt.loc is not None:
        m = opt.loc
        first = c.loc.first
        side, dist = _side(c, m)
        d = _bucket(dist, (0, 1, 2, 3, 5, 8, 12))
        rank = sorted(c.ctx.places, key=lambda x: abs(x.first - first)).index(m)
        out += [f"side={side}|d={d}", f"side={side}|feat={feature}", f"rank={min(rank, 3)}"]
        for k, w in enumerate(reversed(_words(c, m.first - 2, m.first)), 1):
            out += [f"p{k}={w}", f"p{k}={w}|feat={feature}", f"T={c.type}|p{k}={w}"]
        clause = [x for x in c.ctx.places if c.ctx.clause_of(x.first) == c.clause]
        if len(clause) == 1 and clause[0] is m:
            out.append("only_clause_place")
        finer_here = sum((x.item.geo_precision or 3) < (p.geo_precision or 3) for x in clause)
        out.append(f"finer_in_clause={_bucket(finer_here, (0, 1, 2))}|feat={feature}")
        why = purpose_or_origin(c, m)
        if why:
            out.append(why)
        finer = [x for x in c.ctx.places if (x.item.geo_precision or 3) < (p.geo_precision or 3)]
        if finer:
            out.append("finer_in_sentence")
    return out
