"""Person mentions: names the dictionary knows, and unknown names introduced by a title.

``الجنرال مظلوم عبدي`` -> a person mention linked to SDF (the dictionary knows him);
``الباحث العراقي أحمد الياسري`` -> an unknown person, country IRQ from the nisba;
``القائد العام لقوات سوريا الديمقراطية فلان الفلاني`` -> linked to the organisation named
between title and name. Titles are data (``resources/actors/titles.txt``).
"""
from __future__ import annotations

import re
from functools import cache

from rasad import resources
from rasad.entities.actors_lexicon import View, hits, lexicon
from rasad.text.spans import Containment, Disjoint, SpanSet

_TOKEN = re.compile(r"[\u0621-\u064a]+")
# Words that end or cannot start a name (keys: alef/yeh/teh marbuta unified).
_STOP = set("""
في من الى الي على علي عن مع ان او ام ثم قد لقد لم لن ما لا هو هي هم هذا هذه ذلك تلك الذي التي الذين
قال قالت اكد اكدت اعلن اعلنت اشار اشارت اضاف اضافت اوضح اوضحت اعتبر دعا دعت وصف نفي نفت هدد حذر
طالب يقول تقول يري يؤكد يوم امس اليوم خلال بعد قبل منذ عند حيث كما لكن بين حول ضد عبر امام باسم
وقال وقالت واكد واضاف واشار واوضح بان بانه بانها انه انها الذي عام سنه شهر الاسبوع الماضي الحالي
الجاري مساء صباح ليله فجر ظهر اثناء جميع كل بعض عدد اكثر اقل نحو حوالي غير سوي ايضا جدا فقط
اطلق اطلقت قتل قتلت شن شنت استهدف استهدفت هاجم هاجمت نفذ نفذت اعتبر اعتبرت ذكر ذكرت كشف كشفت افاد
افادت صرح صرحت وصف وصفت زار زارت التقي التقت وصل وصلت غادر بحث ناقش استقبل رفض رفضت اتهم اتهمت
طالبت دعا اشاد ادان ادانت توعد بخصوص بشان حيال تجاه برياسه بتشكيل بقياده يجب كان كانت يكون ليس لدي لدى الان هناك هنا اذا حتي بل انما
""".split())
_COMPOUND = {"عبد", "ابو", "ابي", "ابن", "بن", "ام", "بنت", "ال", "ولد"}
_GOV_TITLES = set("الرييس رييس رييس الوزراء رييس الحكومه الملك العاهل الامير ولي العهد الوزير وزير وزير الخارجيه "
                  "وزيره نايب السفير سفير المبعوث مبعوث المندوب مندوب رييسه".split())
_MIL_TITLES = set("الجنرال المشير الفريق العماد اللواء العميد العقيد المقدم الرايد النقيب الملازم الادميرال "
                  "القايد العسكري".split())
_QUOTES = "\"'“”«»‘’"


@cache
def nisbas() -> dict[str, str]:
    """Nisba adjective key (``العراقي``, ``الامريكيه``) -> ISO3."""
    return resources.load_json("actors", "actors.json")["nisbas"]


def _titles(view: View, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    removed = SpanSet(holes)
    found = sorted(((s, e) for s, e, _p, _k, _st in hits(lexicon().titles, view.text)
                    if not removed.overlaps(s, e)), key=lambda t: (t[0] - t[1], t[0]))
    free = Disjoint()
    taken = [(s, e) for s, e in found if free.take(s, e)]
    return sorted(taken)


def _next_token(text: str, pos: int) -> tuple[int, int] | None:
    """The next word after ``pos`` if only one space (and maybe an opening quote) separates them."""
    i = pos
    if i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] in _QUOTES:
        i += 1
    m = _TOKEN.match(text, i)
    return (m.start(), m.end()) if m else None


def _is_nisba(word: str) -> bool:
    return word.startswith("ال") and (word.endswith("ي") or word.endswith("يه")) and len(word) > 4


def _name_after(text: str, pos: int, titles: set[str]) -> tuple[int, int] | None:
    """A 2-4 word name starting right after ``pos`` (or after a comma: ``الرئيس الروسي، فلاديمير``)."""
    words: list[tuple[int, int]] = []
    comma = text[pos:pos + 2] in ("، ", ", ")
    cur = pos + 1 if comma else pos
    need_more = False
    while len(words) < 4:
        tok = _next_token(text, cur)
        if tok is None or (words and text[words[-1][1]:tok[0]] != " "):
            break
        w = text[tok[0]:tok[1]]
        if w in _STOP or w in titles or len(w) < 2:
            break
        if not words and (w.startswith("ال") or w.startswith("و")) and w not in ("الله",):
            break
        if len(words) >= 2 and not need_more and not (_is_nisba(w) and w not in nisbas()):
            break
        if w in nisbas() and not need_more:
            break
        words.append(tok)
        cur = tok[1]
        if w in _COMPOUND:
            need_more = True
            continue
        need_more = False
        if w.startswith("ال") and len(words) >= 2:
            break  # a family name with the article closes the name (أحمد الشرع)
    if need_more or len(words) < 2:
        return None
    if comma and text[words[-1][1]:words[-1][1] + 1] not in ("،", ",", "."):
        return None  # an apposition is closed by a comma: "الرئيس الروسي، فلاديمير بوتين، ..."
    return words[0][0], words[-1][1]


def person_mentions(view: View, mentions: list, holes: list[tuple[int, int]]) -> list:
    """Add title-introduced persons to ``mentions`` and attach titles to known persons."""
    from rasad.entities.actors import Mention

    lex = lexicon()
    text = view.text
    title_words = {w for t in lex.titles.keys() for w in str(t).split()}
    by_start = {m.start - len(m.prefix): m for m in mentions}
    added: list[Mention] = []
    # what mentions and added cover together (it only grows: mentions dropped below lie
    # inside the mention added for them), and what added alone covers
    used, used_added = SpanSet((m.start, m.end) for m in mentions), SpanSet()
    for ts, te in _titles(view, holes):
        if used.overlaps(ts, te):
            continue  # a title word inside a name or an actor (عبد الملك)
        pos, org, country, via_country, bare_end = te, None, None, False, None
        for _ in range(4):  # nisba adjectives, an organisation, another title, in any order
            tok = _next_token(text, pos)
            nxt = by_start.get(pos + 1) or by_start.get(pos + 2)
            if nxt is not None and nxt.actor is not None and nxt.actor.kind != "person" \
                    and nxt.actor.kind not in ("civilians",) and not (country and nxt.actor.kind == "state"):
                org = org or nxt.actor
                pos = nxt.end
                bare_end = bare_end or pos
                continue
            if tok is not None and text[tok[0]:tok[1]] in ("باسم", "في") and by_start.get(tok[1] + 1):
                pos = tok[1]
                continue
            if tok is not None and _is_nisba(text[tok[0]:tok[1]]):
                country = country or nisbas().get(text[tok[0]:tok[1]])
                pos = tok[1]
                if country and bare_end is None:
                    bare_end = pos
                continue
            break
        known = by_start.get(pos + 1) or by_start.get(pos + 2)
        if known is not None and known.actor is not None and known.actor.kind == "person":
            if org is None:  # the title (and nisba) belong to the known person
                known.start, known.prefix = ts, ""
            continue
        title = text[ts:te]
        first = title.split()[0]
        suffix = ("_MIL" if first in _MIL_TITLES or title.startswith("وزير الدفاع")
                  else "_GOV" if first in _GOV_TITLES else None)
        if org is None and country is not None:
            org = lex.actors.get(country + suffix) if suffix else None
            via_country = org is not None
        elif org is not None and suffix and org.kind == "state" and org.id == org.country:
            org = lex.actors.get(org.id + suffix, org)  # "رئيس جنوب السودان", "مندوب السعودية"
            via_country = True
        span = _name_after(text, pos, title_words)
        if span is None and via_country and bare_end is not None:
            # a title with a nisba or a country but no name: "الرئيس الأمريكي", "مندوب السعودية"
            if not used_added.overlaps(ts, bare_end) and by_start.get(ts) is None:
                mentions = [m for m in mentions if not (ts <= m.start and m.end <= bare_end)]
                added.append(Mention(ts, bare_end, "", (), org))
                used.add(ts, bare_end)
                used_added.add(ts, bare_end)
            continue
        if span is None or used.overlaps(span[0], span[1]):
            continue
        start = ts if org is None or te == pos or by_start.get(te + 1) is None else span[0]
        if used.overlaps(start, span[1]):
            start = span[0]
        used.add(start, span[1])
        used_added.add(start, span[1])
        added.append(Mention(start, span[1], "", (), org, kind="person", person_span=span,
                             country=country or (org.country if org else None)))
    merged = _surnames(text, mentions + added, holes)
    # mentions swallowed by a person mention's title ("وزير الخارجية الألماني هايكو ماس")
    persons = [m for m in merged if m.kind == "person" or (m.actor is not None and m.actor.kind == "person")]
    inside = Containment(persons)
    keep = [m for m in merged if not inside(m)]
    out = sorted(keep, key=lambda m: m.start)
    return out


def _surnames(text: str, mentions: list, holes: list[tuple[int, int]]) -> list:
    """Later mentions of a person by family name alone (``المالكي`` after ``العقيد تركي المالكي``)."""
    from rasad.entities.actors import Mention

    found: dict[str, object] = {}
    for m in mentions:
        if m.kind != "person" and (m.actor is None or m.actor.kind != "person"):
            continue
        ps, pe = m.person_span or (m.start, m.end)
        words = text[ps:pe].split()
        if len(words) < 2 or words[-2] in _COMPOUND or words[-1] in _STOP or words[-1] in nisbas():
            continue
        last = words[-1]
        # a family name with the article ("المالكي", "الغريبي"); a long one without it for
        # dictionary persons ("لافروف"); short or plain words ("صالح", "حسن") are too ambiguous
        known = m.actor is not None and m.actor.kind == "person"
        if (last.startswith("ال") and last.endswith("ي") and len(last) >= 5) or (known and len(last) >= 6):
            found.setdefault(last, m)
    if not found:
        return mentions
    # Each name as a whole letter run, bare or after و: one pass over the text's runs
    # (not one regex scan per name, which grows with names x text).
    hits: dict[str, list[tuple[int, int, str]]] = {name: [] for name in found}
    for run in _TOKEN.finditer(text):
        word, s, e = run.group(), run.start(), run.end()
        if word in hits:
            hits[word].append((s, e, ""))
        if word.startswith("و") and word[1:] in hits:
            hits[word[1:]].append((s + 1, e, "و"))
    for name in found:
        if not _TOKEN.fullmatch(name):  # not one letter run: the run pass cannot see it
            hits[name] = [(h.start(2), h.end(), h.group(1)) for h in re.finditer(
                r"(?<![\u0621-\u064a])(و?)(" + re.escape(name) + r")(?![\u0621-\u064a])", text)]
    out = list(mentions)
    used, removed = SpanSet((x.start, x.end) for x in out), SpanSet(holes)
    for name, m in found.items():
        for s, e, prefix in hits[name]:
            if s <= m.start or used.overlaps(s, e) or removed.overlaps(s, e):
                continue
            used.add(s, e)
            out.append(Mention(s, e, prefix, m.cands, m.actor, kind=m.kind, country=m.country,
                               person_span=(s, e) if m.person_span is not None else None))
    return out
