"""The coverage report printed after every build: what we know, and the gaps, in plain SQL.

The gaps are real. This report keeps them visible: municipalities with only a nearest-centre
answer, centres without a phone number, and which figures exist for which years.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.schema import CURRENT_YEAR, TOPICS

#: A topic with fewer statements than this is named as thin in the report.
THIN_TOPIC = 5

VALID_TODAY = f"""
    SELECT cm.municipality_number, cm.centre_id, cm.basis
    FROM centre_municipalities cm JOIN centres c ON c.id = cm.centre_id
    WHERE c.status != 'closed'
      AND (cm.valid_from IS NULL OR cm.valid_from <= {CURRENT_YEAR})
      AND (cm.valid_to IS NULL OR cm.valid_to >= {CURRENT_YEAR})
"""


@dataclass(frozen=True)
class Coverage:
    municipalities: int
    with_agreement: int
    by_basis: dict[str, int]
    nearest_only: int
    nearest_only_by_county: dict[str, int]
    centres: int
    centres_by_status: dict[str, int]
    centres_without_phone: list[str]
    phone_by_confidence: dict[str, int]
    postal_codes: int
    figures_by_table: dict[str, tuple[int, list[int]]]
    statements_by_topic: dict[str, int]


def measure(conn: sqlite3.Connection) -> Coverage:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    def pairs(sql: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in conn.execute(sql).fetchall()}

    return Coverage(
        municipalities=one("SELECT COUNT(*) FROM municipalities"),
        with_agreement=one(f"SELECT COUNT(DISTINCT municipality_number) FROM ({VALID_TODAY})"),
        by_basis=pairs(
            f"SELECT basis, COUNT(*) FROM ({VALID_TODAY}) GROUP BY basis ORDER BY basis"
        ),
        nearest_only=one(
            f"SELECT COUNT(*) FROM municipalities WHERE number NOT IN "
            f"(SELECT municipality_number FROM ({VALID_TODAY}))"
        ),
        nearest_only_by_county=pairs(
            f"SELECT county_name, COUNT(*) FROM municipalities WHERE number NOT IN "
            f"(SELECT municipality_number FROM ({VALID_TODAY})) "
            f"GROUP BY county_name ORDER BY COUNT(*) DESC, county_name"
        ),
        centres=one("SELECT COUNT(*) FROM centres"),
        centres_by_status=pairs("SELECT status, COUNT(*) FROM centres GROUP BY 1 ORDER BY 1"),
        centres_without_phone=[
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM centres WHERE phone IS NULL AND status != 'closed' ORDER BY name"
            )
        ],
        phone_by_confidence=pairs(
            "SELECT phone_confidence, COUNT(*) FROM centres WHERE phone_confidence IS NOT NULL "
            "GROUP BY 1 ORDER BY 1"
        ),
        postal_codes=one("SELECT COUNT(*) FROM postal_codes"),
        figures_by_table=_figures(conn),
        statements_by_topic=_statements(conn),
    )


def _figures(conn: sqlite3.Connection) -> dict[str, tuple[int, list[int]]]:
    out: dict[str, tuple[int, list[int]]] = {}
    for table_id, count in conn.execute(
        "SELECT table_id, COUNT(*) FROM figures GROUP BY table_id ORDER BY table_id"
    ):
        years = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT year FROM figures WHERE table_id = ? ORDER BY year", (table_id,)
            )
        ]
        out[str(table_id)] = (int(count), years)
    return out


def _statements(conn: sqlite3.Connection) -> dict[str, int]:
    """Statements per help topic, every topic of the taxonomy listed (0 where none)."""
    counts = dict(conn.execute("SELECT topic, COUNT(*) FROM statements GROUP BY topic").fetchall())
    return {topic: int(counts.get(topic, 0)) for topic in TOPICS}


def thin_topics(cov: Coverage) -> list[str]:
    return [t for t, n in cov.statements_by_topic.items() if n < THIN_TOPIC]


def report(cov: Coverage) -> str:
    """The report as plain text."""
    share = 100 * cov.with_agreement / cov.municipalities if cov.municipalities else 0.0
    basis = ", ".join(f"{k} {v}" for k, v in cov.by_basis.items())
    counties = ", ".join(f"{k} {v}" for k, v in cov.nearest_only_by_county.items())
    statuses = ", ".join(f"{k} {v}" for k, v in cov.centres_by_status.items())
    confidence = ", ".join(f"{k} {v}" for k, v in cov.phone_by_confidence.items())
    lines = [
        "Coverage report",
        f"  Municipalities: {cov.municipalities}; postal codes: {cov.postal_codes}",
        f"  With a sourced centre agreement valid in {CURRENT_YEAR}: {cov.with_agreement} "
        f"({share:.0f} %) - by basis: {basis}",
        f"  Only a nearest-by-distance answer (+ 116 006): {cov.nearest_only}",
        f"    by county: {counties}",
        f"  Centres: {cov.centres} ({statuses}); phone confidence: {confidence}",
        f"  Centres not closed without a main phone number: {len(cov.centres_without_phone)}",
        f"    {', '.join(cov.centres_without_phone)}",
        "  Figures by table (rows: years):",
    ]
    for table_id, (count, years) in cov.figures_by_table.items():
        lines.append(f"    {table_id}: {count} rows: {_year_span(years)}")
    total = sum(cov.statements_by_topic.values())
    per_topic = ", ".join(f"{t} {n}" for t, n in cov.statements_by_topic.items())
    thin = ", ".join(thin_topics(cov)) or "none"
    lines += [
        f"  Knowledge: {total} sourced statements over {len(cov.statements_by_topic)} topics",
        f"    by topic: {per_topic}",
        f"    thin topics (fewer than {THIN_TOPIC}): {thin}",
    ]
    return "\n".join(lines)


def _year_span(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)
