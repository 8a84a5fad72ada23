#!/usr/bin/env python3
"""Build the packaged actor dictionary ``src/rasad/resources/actors/actors.json``.

Inputs (same inputs -> same bytes):
- the curated files next to the output: ``countries.tsv`` (expanded into state, government,
  armed-forces and police actors per country), ``curated_*.toml`` (conflict actors and
  generic agents), ``persons.toml`` (public figures linked to an organisation),
  ``variants.tsv`` (spelling variants applied to every alias), ``titles.txt``;
- the PETRARCH / Phoenix dictionaries in ``../shared/data/actors/`` (MIT, see
  ATTRIBUTION.md): person names from ``actor_dict_ar_v4.txt`` (their CAMEO code gives
  country and organisation) and generic agent phrases from ``agents.all.ar.txt``.

Usage: python scripts/build_actors.py [--shared ../shared/data/actors] [--out PATH]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "src" / "rasad" / "resources" / "actors"
sys.path.insert(0, str(ROOT / "src"))

from rasad.text.normalize import key  # noqa: E402

PETR_DICT = "actor_dict_ar_v4.txt"
PETR_AGENTS = "agents.all.ar.txt"
# CAMEO agent codes of agents.all.ar.txt -> the generic actor they name.
AGENT_CODES = {
    "~MIL": "GEN_MILITARY", "~GOVMIL": "GEN_MILITARY", "~MILGOV": "GEN_MILITARY",
    "~COP": "GEN_POLICE", "~SPY": "GEN_POLICE", "~MILSPY": "GEN_POLICE",
    "~REB": "GEN_REBELS", "~OPP": "GEN_REBELS", "~REBMUS": "GEN_TERRORISTS",
    "~RAD": "GEN_TERRORISTS", "~MUSRAD": "GEN_TERRORISTS", "~UAFMUS": "GEN_ARMED_MEN",
    "~UAF": "GEN_ARMED_MEN", "~CVL": "GEN_CIVILIANS", "~REF": "GEN_CIVILIANS",
    "~MED": "GEN_MEDIA", "~GOVMED": "GEN_MEDIA", "~OPPMED": "GEN_MEDIA",
}
# CAMEO role code (after the country) -> suffix of the country actor it belongs to.
PERSON_ROLES = {"GOV", "ELI", "MIL", "COP", "SPY", "REB", "OPP", "PTY", "LEG", "UAF", "IGO"}
ROLE_ORG = {"GOV": "_GOV", "ELI": "_GOV", "MIL": "_MIL", "COP": "_POLICE", "SPY": "_POLICE"}
# Words that mark a PETRARCH entry as a description, not a person's name.
NOT_NAME = set("""
وزير وزارة رئيس رئاسة مسؤول مسئول قوة قوات جيش حكومة مجلس حزب حركة جماعة منظمة وكالة صحيفة
جامعة شركة بنك مصرف محكمة مدينة محافظة قرية سفارة قاعدة مطار دولة اتحاد لجنة هيئة جبهة مركز
معهد مؤسسة نظام سلطة شرطة أمن دفاع خارجية داخلية نائب سفير ملك أمير شيخ زعيم قائد ضابط جنرال
عقيد عميد لواء رائد نقيب جندي عسكري مدني متحدث ناطق مندوب مبعوث ممثل عضو أعضاء برلمان نواب
شعب شعبي وطني إسلامي عربي دولي ثوري ثورة مقاومة معارضة تحالف ائتلاف كتلة تيار فصيل فصائل
ميليشيا مليشيا مسلح مسلحين مسلحون إرهابي خلية تنظيم شبكة موقع قناة تلفزيون إذاعة مجلة
مدير مديرية محافظ قاضي نيابة مفتي إمام مرشد كنيسة مسجد جمهورية مملكة إمارة ولاية إقليم
عام سابق أول ثاني جديد كبير أعلى أمانة أمين سكرتير مكتب ديوان بلدية لجان مستشار خبير باحث
قيادة سياسي إعلام وسيلة نبأ إدارة مخابرات سيارة داخلي قصر جريدة تايمز بوست نيوز راديو دكتور
دكتورة أمام سيدة سيد بيت البيت
""".split())

# The state or main news agency that "وكالة الأنباء <nisba>" names, where the dictionary has one;
# other countries get a generated ISO3_MEDIA actor.
MEDIA_IDS = {"SYR": "SANA", "SAU": "SPA", "ARE": "WAM", "YEM": "SABA", "IRQ": "IRQ_MEDIA"}
# Ministries named "وزارة X <nisba>" that stand for the government (defence, interior and
# foreign affairs have their own rows below).
MINISTRIES = ("العمل", "العدل", "المالية", "الخزانة", "الصحة", "التعليم", "التربية", "الاقتصاد", "النفط",
              "الطاقة", "التجارة", "النقل", "الزراعة", "الأوقاف", "الشؤون الخارجية", "الثقافة", "الشباب",
              "الشؤون الاجتماعية", "العدل والمساواة", "الخارجية والتعاون الدولي")
# Nouns for members or units of armed forces before an indefinite nisba: "مقاتلات إسرائيلية",
# "عسكريين إيرانيين".
MIL_FEM_INDEF = ("قوات", "طائرات", "طائرات حربية", "مقاتلات", "مقاتلات حربية", "مروحيات", "بوارج", "سفن حربية",
                 "دوريات", "وحدات", "قوات خاصة", "مدفعية", "صواريخ")
MIL_PLURAL_INDEF = ("عسكريين", "عسكريون", "جنود", "ضباط", "مستشارين", "مستشارون", "مستشارين عسكريين",
                    "خبراء عسكريين", "جنديين", "جنديان")
GOV_PLURAL = ("المسؤولين", "المسؤولون", "مسؤولين", "مسؤولون", "الدبلوماسيين", "دبلوماسيين", "المسئولين")
GOV_MASC_INDEF = ("مسؤول", "مسؤول حكومي", "مصدر حكومي", "مسؤول رسمي", "مصدر رسمي", "دبلوماسي", "مصدر دبلوماسي",
                  "وفد")
MIL_MASC_INDEF = ("مصدر عسكري", "مسؤول عسكري", "قائد عسكري", "قائد عسكري كبير", "ضابط", "جندي", "مصدر أمني")

HEADER = ("rasad actor dictionary, built by scripts/build_actors.py from the curated files in "
          "this folder and the PETRARCH/Phoenix dictionaries (openeventdata/UniversalPetrarch, "
          "MIT; see ATTRIBUTION.md)")


def slug_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(key(text).encode("utf-8")).hexdigest()[:8].upper()


# ------------------------------------------------------------------ curated inputs

def read_countries(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, en, adj_en, names, adjs, qid = line.split("\t")
        rows.append({"iso": iso, "en": en, "adj_en": adj_en, "names": names.split(";"),
                     "adjs": adjs.split(";"), "qid": qid})
    return rows


def nisba(adj: str, fem: bool) -> str:
    """``سوري`` -> ``السوري`` / ``السورية``; ``كوري شمالي`` -> ``الكورية الشمالية``."""
    words = adj.split()
    if words[0] == "جنوب":  # جنوب سوداني -> جنوب السودان has no clean nisba; keep literal
        return ""
    return " ".join("ال" + w + ("ة" if fem else "") for w in words)


def nisba_indef(adj: str, form: str) -> str:
    """``إيراني`` -> ``إيرانية`` (fem), ``إيرانيين`` (pl), per word of a compound adjective."""
    words = adj.split()
    if words[0] == "جنوب":
        return ""
    ending = {"masc": "", "fem": "ة", "pl": "ين"}[form]
    return " ".join(w + ending for w in words)


def country_actors(rows: list[dict]) -> tuple[dict, list]:
    actors: dict[str, dict] = {}
    aliases: list[tuple] = []  # (alias, id, period, place)
    for r in rows:
        iso = r["iso"]
        names = [n.lstrip("!") for n in r["names"]]
        solo_names = [n for n in r["names"] if not n.startswith("!")]
        masc = [nisba(a.lstrip("!"), False) for a in r["adjs"]]
        fem = [nisba(a.lstrip("!"), True) for a in r["adjs"]]
        masc, fem = [m for m in masc if m], [f for f in fem if f]
        src = "curated:countries.tsv"
        actors[iso] = {"id": iso, "name": r["en"], "name_ar": names[0], "kind": "state",
                       "country": iso, "qid": r["qid"], "source": src}
        actors[iso + "_GOV"] = {"id": iso + "_GOV", "name": f"{r['en']} government",
                                "name_ar": f"الحكومة {fem[0]}" if fem else f"حكومة {names[0]}",
                                "kind": "state", "country": iso, "parent": iso, "source": src}
        actors[iso + "_MIL"] = {"id": iso + "_MIL", "name": f"{r['adj_en']} armed forces",
                                "name_ar": f"القوات المسلحة {fem[0]}" if fem else f"جيش {names[0]}",
                                "kind": "state_military", "country": iso, "parent": iso + "_GOV",
                                "source": src}
        actors[iso + "_POLICE"] = {"id": iso + "_POLICE", "name": f"{r['adj_en']} police and security forces",
                                   "name_ar": f"قوات الأمن {fem[0]}" if fem else f"شرطة {names[0]}",
                                   "kind": "police", "country": iso, "parent": iso + "_GOV",
                                   "source": src}
        media = MEDIA_IDS.get(iso, iso + "_MEDIA")
        if media == iso + "_MEDIA":
            actors[media] = {"id": media, "name": f"{r['adj_en']} media", "name_ar": f"وسائل الإعلام {fem[0]}" if fem else
                             f"إعلام {names[0]}", "kind": "media", "country": iso, "source": src}
        plain_adjs = [a.lstrip("!") for a in r["adjs"]]
        for adj in plain_adjs:
            fi, pl, mi = nisba_indef(adj, "fem"), nisba_indef(adj, "pl"), nisba_indef(adj, "masc")
            if not fi:
                continue
            aliases += [(f"{n} {fi}", iso + "_MIL", None, False) for n in MIL_FEM_INDEF]
            aliases += [(f"{n} {pl}", iso + "_MIL", None, False) for n in MIL_PLURAL_INDEF]
            aliases += [(f"{n} {mi}", iso + "_MIL", None, False) for n in MIL_MASC_INDEF]
            aliases += [(f"{n} {mi}", iso + "_GOV", None, False) for n in GOV_MASC_INDEF]
            aliases += [(f"وسائل إعلام {fi}", media, None, False), (f"وكالة أنباء {fi}", media, None, False)]
        for m in masc:
            aliases += [(f"الإعلام {m}", media, None, False), (f"الإعلام الرسمي {m}", media, None, False),
                        (f"التلفزيون {m}", media, None, False), (f"التلفزيون الرسمي {m}", media, None, False),
                        (f"مجلس الأمن القومي {m}", iso + "_GOV", None, False),
                        (f"المجلس الأعلى للأمن القومي {m}", iso + "_GOV", None, False)]
            pl = m + "ين" if m.endswith("ي") and " " not in m else None
            if pl:
                aliases += [(f"{n} {pl}", iso + "_GOV", None, False) for n in GOV_PLURAL]
                aliases += [(f"العسكريين {pl}", iso + "_MIL", None, False), (f"الجنود {pl}", iso + "_MIL", None, False),
                            (f"الضباط {pl}", iso + "_MIL", None, False)]
        for f in fem:
            aliases += [(f"وكالة الأنباء {f}", media, None, False), (f"الوكالة {f}", media, None, False),
                        (f"وسائل الإعلام {f}", media, None, False), (f"وسائل الإعلام الرسمية {f}", media, None, False),
                        (f"القوات الجوية {f}", iso + "_MIL", None, False)]
            aliases += [(f"وزارة {x} {f}", iso + "_GOV", None, False) for x in MINISTRIES]
        for n in solo_names:
            aliases.append((n, iso, None, True))
        for n in names:
            aliases += [(f"حكومة {n}", iso + "_GOV", None, False), (f"جيش {n}", iso + "_MIL", None, False),
                        (f"شرطة {n}", iso + "_POLICE", None, False), (f"قوات {n}", iso + "_MIL", None, False),
                        (f"سلطات {n}", iso + "_GOV", None, False), (f"نظام {n}", iso + "_GOV", None, False)]
        for m in masc:
            aliases += [(f"الجيش {m}", iso + "_MIL", None, False), (f"الطيران {m}", iso + "_MIL", None, False),
                        (f"الطيران الحربي {m}", iso + "_MIL", None, False),
                        (f"الأمن {m}", iso + "_POLICE", None, False),
                        (f"النظام {m}", iso + "_GOV", None, False)]
        for f in fem:
            aliases += [(f"القوات {f}", iso + "_MIL", None, False), (f"القوات المسلحة {f}", iso + "_MIL", None, False),
                        (f"القوات الجوية {f}", iso + "_MIL", None, False), (f"البحرية {f}", iso + "_MIL", None, False),
                        (f"الطائرات {f}", iso + "_MIL", None, False), (f"الطائرات الحربية {f}", iso + "_MIL", None, False),
                        (f"المقاتلات {f}", iso + "_MIL", None, False), (f"وزارة الدفاع {f}", iso + "_MIL", None, False),
                        (f"القوات الخاصة {f}", iso + "_MIL", None, False),
                        (f"الحكومة {f}", iso + "_GOV", None, False), (f"السلطات {f}", iso + "_GOV", None, False),
                        (f"الرئاسة {f}", iso + "_GOV", None, False), (f"الخارجية {f}", iso + "_GOV", None, False),
                        (f"وزارة الخارجية {f}", iso + "_GOV", None, False), (f"السفارة {f}", iso + "_GOV", None, False),
                        (f"الدبلوماسية {f}", iso + "_GOV", None, False),
                        (f"وزارة الإعلام {f}", iso + "_GOV", None, False),
                        (f"الشرطة {f}", iso + "_POLICE", None, False), (f"قوات الأمن {f}", iso + "_POLICE", None, False),
                        (f"القوات الأمنية {f}", iso + "_POLICE", None, False), (f"الأجهزة الأمنية {f}", iso + "_POLICE", None, False),
                        (f"وزارة الداخلية {f}", iso + "_POLICE", None, False), (f"المخابرات {f}", iso + "_POLICE", None, False),
                        (f"الاستخبارات {f}", iso + "_POLICE", None, False), (f"السلطات الأمنية {f}", iso + "_POLICE", None, False)]
    return actors, aliases


ACTOR_KEYS = ("name", "name_ar", "kind", "country", "qid", "period", "parent", "resolve",
              "succeeds", "since", "keeps",
              "resolve_kinds", "context_country", "long_name", "context_map", "anaphor")


def curated_actors(paths: list[Path], actors: dict, aliases: list) -> None:
    for path in paths:
        src = f"curated:{path.name}"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for aid, t in data.items():
            entry = actors.get(aid)
            if entry is None:
                if "en" not in t or "kind" not in t:
                    raise SystemExit(f"{path.name}: [{aid}] is new but lacks en/kind")
                entry = actors[aid] = {"id": aid, "source": src}
            else:
                entry["source"] = entry["source"] + "+" + src if src not in entry["source"] else entry["source"]
            for k, v in (("name", t.get("en")), ("name_ar", t.get("ar"))) + tuple(
                    (k, t.get(k)) for k in ACTOR_KEYS[2:]):
                if k == "name" and v is not None and " (" in v and "long_name" not in t:
                    # "Islamic State (ISIS)": the plain name, the qualified form kept as long_name
                    entry["long_name"] = v
                    v = v.split(" (")[0]
                if v is not None:
                    entry[k] = v
            if entry.get("name_ar"):
                aliases.append((entry["name_ar"], aid, None, False))
            periods = t.get("periods", {})
            places = set(t.get("place_aliases", []))
            for a in t.get("aliases", []):
                aliases.append((a, aid, periods.get(a), a in places))


def curated_persons(path: Path, actors: dict, aliases: list) -> None:
    src = f"curated:{path.name}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for pid, t in data.items():
        org = t["org"]
        if org not in actors:
            raise SystemExit(f"persons.toml: [{pid}] org {org} unknown")
        country = t.get("country", actors[org].get("country"))
        actors[pid] = {"id": pid, "name": t["en"], "name_ar": t["ar"], "kind": "person",
                       "country": country, "org": org, "period": t.get("period"), "source": src}
        for a in [t["ar"]] + t.get("aliases", []):
            aliases.append((a, pid, None, False))
        # others: further people of the organisation; a one-word name that ends a longer
        # name listed before it is that person's surname.
        last_full: dict[str, str] = {}
        for name in t.get("others", []):
            words = name.split()
            if len(words) == 1 and name in last_full:
                aliases.append((name, last_full[name], None, False))
                continue
            oid = slug_id("P_", name)
            if oid not in actors:
                actors[oid] = {"id": oid, "name": None, "name_ar": name, "kind": "person",
                               "country": country, "org": org, "source": src}
            aliases.append((name, oid, None, False))
            last_full[words[-1]] = oid


# ------------------------------------------------------------------ PETRARCH / Phoenix

def read_petrarch(path: Path) -> list[tuple[str, list[str]]]:
    entries: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t" and line.strip().startswith("["):
            if entries:
                entries[-1][1].extend(re.findall(r"\[([^\]]+)\]", line))
            continue
        m = re.match(r"\s*([^\[]+?)\s*(\[.*)?$", line)
        if m:
            entries.append((m.group(1), re.findall(r"\[([^\]]+)\]", m.group(2) or "")))
    return entries


def current_code(codes: list[str]) -> str | None:
    """The code valid now: an open-ended range (``>date`` or ``-18000101``), else the last."""
    best = None
    for c in codes:
        parts = c.split()
        if not parts:
            continue
        code, rng = parts[0], " ".join(parts[1:])
        if not rng or rng.startswith(">") or rng.endswith("18000101"):
            best = code
        elif best is None:
            best = code
    if best is None and codes and codes[-1].split():
        best = codes[-1].split()[0]
    return best


def petrarch_persons(path: Path, actors: dict, aliases: list, taken: set[str],
                     country_words: set[str]) -> int:
    n = 0
    isos = {a["country"] for a in actors.values() if a["kind"] == "state" and a["id"] == a.get("country")}
    for raw, codes in read_petrarch(path):
        words = [w for w in raw.replace("ٰ", "").split("_") if w]
        if not 2 <= len(words) <= 4 or any(len(w) < 2 for w in words):
            continue
        if not all(re.fullmatch(r"[\u0621-\u064a]+", w) for w in words):
            continue
        if any(w in NOT_NAME or key(w) in country_words for w in words):
            continue
        code = current_code(codes)
        if not code or len(code) < 6 or code[:3] not in isos:
            continue
        name = " ".join(words)
        k = key(name)
        if k in taken:
            continue
        iso, role = code[:3], code[3:6]
        if role not in PERSON_ROLES:
            continue
        org = iso + ROLE_ORG[role] if role in ROLE_ORG and iso + ROLE_ORG[role] in actors else None
        taken.add(k)
        pid = slug_id("P_", name)
        actors[pid] = {"id": pid, "name": None, "name_ar": name, "kind": "person", "country": iso,
                       "org": org, "cameo": code, "source": f"PETRARCH:{PETR_DICT}"}
        aliases.append((name, pid, None, False))
        n += 1
    return n


def petrarch_agents(path: Path, aliases: list, taken: set[str], titles: set[str]) -> int:
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\S+\s*(?:\{\})?\s*\[(~[A-Z]+)\]\s*(?:#\s*\??)?\s*([\u0621-\u064a ]+)$", line.strip())
        if not m or m.group(1) not in AGENT_CODES:
            continue
        ar = " ".join(m.group(2).split())
        # one-word agent phrases are too often plain nouns (حملة, مجتمع); titles are not actors
        if not 2 <= len(ar.split()) <= 3 or key(ar) in taken or key(ar) in titles:
            continue
        taken.add(key(ar))
        aliases.append((ar, AGENT_CODES[m.group(1)], None, False, f"PETRARCH:{PETR_AGENTS}"))
        n += 1
    return n


# ------------------------------------------------------------------ variants and output

def read_variants(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = line.split("\t")
            out.append((a, b))
    return out


def expand(alias: str, variants: list[tuple[str, str]]) -> list[str]:
    forms = {alias}
    for a, b in variants:
        for f in list(forms):
            if a in f:
                forms.add(f.replace(a, b))
            if b in f:
                forms.add(f.replace(b, a))
    return sorted(forms)


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def succeed(actors: dict, rows: dict) -> None:
    """Identities that change on a date (``succeeds = "SYR_GOV"``, ``since = "2024-12-08"``):
    the predecessor's unrestricted aliases name it until the day before and the successor
    from that day on, except those it ``keeps`` (its own names, ``نظام الأسد``); its aliases
    restricted to a period from the successor's month on move to the successor."""
    for sid in sorted(actors):
        succ = actors[sid]
        pred, since = succ.get("succeeds"), succ.get("since")
        if not pred:
            continue
        if pred not in actors or not since:
            raise SystemExit(f"[{sid}] succeeds {pred!r}: unknown actor or no since date")
        keeps = {key(a) for a in succ.get("keeps", [])}
        until = _day_before(since)
        for (k, aid), row in sorted(rows.items()):
            if aid != pred:
                continue
            period, own = row[2], rows.get((k, sid))
            if period is None and k not in keeps:  # a name both carry: split by the date
                row[2] = f"/{until}"
                if own is None:
                    rows[(k, sid)] = [k, sid, f"{since}/", row[3], row[4]]
                elif own[2] is None:
                    own[2] = f"{since}/"
            elif period and period.split("/")[0] >= since[:7]:  # a name of the new order
                del rows[(k, aid)]
                if own is None:
                    rows[(k, sid)] = [k, sid, period, row[3], row[4]]


def build(shared: Path) -> dict:
    actors, aliases = country_actors(read_countries(RES / "countries.tsv"))
    curated_actors(sorted(RES.glob("curated_*.toml")), actors, aliases)
    curated_persons(RES / "persons.toml", actors, aliases)
    variants = read_variants(RES / "variants.tsv")
    country_words = {key(a[0]) for a in aliases if a[1] in actors and actors[a[1]]["kind"] == "state"}
    for r in read_countries(RES / "countries.tsv"):  # bare nisba adjectives, both genders
        for adj in r["adjs"]:
            w = adj.lstrip("!").split()[-1]
            country_words |= {key(w), key(w + "ة"), key(w[:-1] + "ية") if w.endswith("ي") else key(w)}
    taken = {key(a[0]) for a in aliases}
    n_petr = petrarch_persons(shared / PETR_DICT, actors, aliases, taken, country_words)
    titles = sorted({key(t) for t in (RES / "titles.txt").read_text(encoding="utf-8").splitlines()
                     if t.strip() and not t.startswith("#")})
    n_agents = petrarch_agents(shared / PETR_AGENTS, aliases, taken, set(titles))
    rows: dict[tuple[str, str], list] = {}
    for item in aliases:
        alias, aid, period, place = item[:4]
        src = item[4] if len(item) > 4 else None
        if aid not in actors:
            raise SystemExit(f"alias {alias!r} names unknown actor {aid}")
        for form in expand(alias, variants):
            k = key(form)
            if len(k.replace(" ", "")) < 2:
                continue
            row = rows.get((k, aid))
            if row is None:
                rows[(k, aid)] = [k, aid, period, 1 if place else 0, src or actors[aid]["source"].split("+")[0]]
            elif row[2] and not period:
                row[2] = None  # an unrestricted form of the same alias wins
    succeed(actors, rows)
    out_actors = []
    for aid in sorted(actors):
        a = actors[aid]
        out_actors.append({k: a[k] for k in ("id", "name", "long_name", "name_ar", "kind", "country", "qid",
                                              "period", "parent", "org", "resolve", "resolve_kinds", "succeeds", "since",
                                              "context_country", "context_map", "anaphor", "cameo", "source")
                           if a.get(k) is not None})
    stats = {"actors": len(out_actors),
             "actors_non_person": sum(1 for a in out_actors if a["kind"] != "person"),
             "persons_curated": sum(1 for a in out_actors if a["kind"] == "person" and a["source"].startswith("curated")),
             "persons_petrarch": n_petr, "aliases": len(rows), "petrarch_agent_phrases": n_agents}
    nisbas = {}
    for r in read_countries(RES / "countries.tsv"):
        for adj in r["adjs"]:
            for fem in (False, True):
                form = nisba(adj.lstrip("!"), fem)
                if form and not adj.startswith("!"):
                    nisbas[key(form)] = r["iso"]
    return {"_source": HEADER, "stats": stats, "titles": titles, "nisbas": dict(sorted(nisbas.items())),
            "actors": out_actors,
            "aliases": sorted(rows.values(), key=lambda r: (r[0], r[1]))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data/actors")
    ap.add_argument("--out", type=Path, default=RES / "actors.json")
    args = ap.parse_args(argv)
    data = build(args.shared)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.write_text(text.replace('],["', '],\n["') + "\n", encoding="utf-8")
    print(json.dumps(data["stats"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
