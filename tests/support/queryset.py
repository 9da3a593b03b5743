"""A test set of queries built from the database itself, with the expected outcome of each.

Expected outcomes come from the data, not from the matcher: a name that the names table gives
to several municipalities (at the most certain tier that has it) must be asked about; a name
that belongs to one municipality must resolve to it. Used by the tests and by the benchmark.
"""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from bot.names import base_name, normalize

TIERS = {"official": 0, "parallel": 0, "former": 1, "postal_place": 2, "town": 2}


@dataclass(frozen=True)
class Case:
    query: str
    kind: str
    expected: frozenset[str]  # municipality numbers; one = resolve, several = ask
    lang: str = "nb"

    @property
    def must_ask(self) -> bool:
        return len(self.expected) > 1


NASTY = [
    "",
    "   ",
    "\t\n",
    "😀😀😀",
    "🏳️‍🌈🙏🏽",
    "x" * 10_000,
    "Bærum " * 2_000,
    "'; DROP TABLE names; --",
    "1 OR 1=1",
    "<script>alert(1)</script>",
    "\x00\x01\x02\x1b[31m",
    "\u202eumræB",
    "B\u200bæ\u200brum",
    "مرحبا، أين مركز الأزمات",
    "Z̤̈a̤̤l̤g̤o̤",
    "%s %d {0} {muni}",
    "../../etc/passwd",
    "NULL",
    "0000",
    "99999999999999999999",
]

DANGER = [
    "han slår meg nå",
    "jeg er i fare",
    "hjelp, han kommer",
    "I'm in danger",
    "he is hitting me",
    "hun truer med å drepe meg",
    "jeg er redd for livet mitt",
    "he's coming home and I'm scared",
    "Han slår meg nå. Jeg bor i Bodø",
    "help me now please",
]


def _name_index(conn: sqlite3.Connection) -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for norm, number, kind in conn.execute("SELECT norm, municipality_number, kind FROM names"):
        index[norm].append((number, TIERS[kind]))
    return index


def expected_for(index: dict[str, list[tuple[str, int]]], norm: str) -> frozenset[str]:
    """The municipalities a whole-name query must lead to (several: ask)."""
    hits = index.get(norm, [])
    if not hits:
        return frozenset()
    best = min(tier for _, tier in hits)
    limit = 1 if best == 0 else best
    return frozenset(n for n, tier in hits if tier <= limit and (best != 0 or tier <= 1))


def ascii_variant(name: str) -> str:
    table = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "aa", "Å": "Aa"})
    return name.translate(table)


def typo(name: str, rng: random.Random) -> str:
    """Swap two adjacent inner letters, or drop one."""
    i = rng.randrange(1, len(name) - 2)
    if rng.random() < 0.5:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i + 1 :]


def build(conn: sqlite3.Connection, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    index = _name_index(conn)
    munis = conn.execute("SELECT number, name FROM municipalities ORDER BY number").fetchall()
    cases: list[Case] = []

    def named(query: str, kind: str, lang: str = "nb") -> None:
        expected = expected_for(index, normalize(query))
        if expected:
            cases.append(Case(query, kind, expected, lang))

    for _number, name in munis:
        named(base_name(name), "official")
        named(ascii_variant(base_name(name)).lower(), "ascii")
    for _number, name in munis[::3]:
        named(base_name(name).upper(), "upper")
    for (name,) in conn.execute("SELECT name FROM names WHERE kind IN ('parallel', 'former')"):
        named(name, "parallel_or_former")
    places = conn.execute(
        "SELECT name FROM names WHERE kind = 'postal_place' ORDER BY norm"
    ).fetchall()
    for (name,) in places[::15]:
        named(name, "postal_place")
    _numbers(conn, cases)
    _sentences(munis, index, cases, rng)
    _typos(munis, index, cases, rng)
    return cases


def _numbers(conn: sqlite3.Connection, cases: list[Case]) -> None:
    munis = {n for (n,) in conn.execute("SELECT number FROM municipalities")}
    postal = dict(
        conn.execute(
            "SELECT code, municipality_number FROM postal_codes WHERE in_municipality = 1"
        ).fetchall()
    )
    for code in sorted(postal)[::25]:
        expected = {postal[code]} | ({code} if code in munis else set())
        cases.append(Case(code, "postal_code", frozenset(expected)))
    for number in sorted(munis)[::6]:
        expected = {number} | ({postal[number]} if number in postal else set())
        cases.append(Case(number, "municipality_number", frozenset(expected)))


def _sentences(
    munis: list[tuple[str, str]],
    index: dict[str, list[tuple[str, int]]],
    cases: list[Case],
    rng: random.Random,
) -> None:
    templates = [
        ("jeg bor i {} og trenger hjelp", "nb"),
        ("krisesenter i {}?", "nb"),
        ("Hvor er nærmeste krisesenter til {}", "nb"),
        ("I live in {}", "en"),
        ("crisis centre near {} please", "en"),
    ]
    for i, (_number, name) in enumerate(munis[::3]):
        template, lang = templates[i % len(templates)]
        base = base_name(name)
        expected = expected_for(index, normalize(base))
        if expected:
            cases.append(Case(template.format(base), "sentence", expected, lang))


def _typos(
    munis: list[tuple[str, str]],
    index: dict[str, list[tuple[str, int]]],
    cases: list[Case],
    rng: random.Random,
) -> None:
    for number, name in munis[::3]:
        base = base_name(name)
        if len(base) < 7 or " " in base or "-" in base:
            continue
        query = typo(base, rng)
        if normalize(query) in index:
            continue  # the "typo" is itself a real name
        expected = expected_for(index, normalize(base))
        if len(expected) == 1:
            cases.append(Case(query, "typo", frozenset({number})))
