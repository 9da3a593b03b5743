"""Every source read, checked and tidied into one frame per table (``Tables``, ``read_all``).

Raises ``SourceError`` on the first problem, naming the file, the row and what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from bot import schema
from bot.names import base_name, normalize
from bot.pipeline import centres as centres_mod
from bot.pipeline import curated, knowledge, places, postal, ssb
from bot.pipeline import municipalities as muni
from bot.pipeline.readers import records
from bot.pipeline.sources import RawPaths


@dataclass(frozen=True)
class Tables:
    """The tidy frames, one per table, before they are written."""

    counties: pd.DataFrame
    municipalities: pd.DataFrame
    names: pd.DataFrame
    postal_codes: pd.DataFrame
    places: pd.DataFrame
    centres: pd.DataFrame
    centre_points: pd.DataFrame
    centre_municipalities: pd.DataFrame
    helplines: pd.DataFrame
    help_facts: pd.DataFrame
    figures: pd.DataFrame
    knowledge: knowledge.Knowledge
    danger_phrases: pd.DataFrame
    measures: pd.DataFrame


def read_known(raw: RawPaths) -> knowledge.Knowledge:
    """Read and check the knowledge base alone (``build`` starts fitting its retrieval while
    the other sources are read)."""
    return _knowledge(raw, centres_mod.read_helplines(raw.helplines))


def _knowledge(raw: RawPaths, helplines: pd.DataFrame) -> knowledge.Knowledge:
    """The knowledge base, its help lines checked against ``helplines``."""
    return knowledge.read_knowledge(raw, set(helplines["id"]))


def read_all(raw: RawPaths, read_first: knowledge.Knowledge | None = None) -> Tables:
    """Read and check every source (``read_first``: the knowledge base, already read); raises
    ``SourceError`` on the first problem."""
    municipalities = muni.read_municipalities(raw.municipalities)
    counties = muni.read_counties(raw.counties)
    known = set(municipalities["number"])
    register = postal.read_register(raw.postal_2026)
    codes = postal.postal_codes(register, known, raw.postal_2026)
    postal_names = postal.place_names(codes)
    pairs = postal.renumbering(postal.read_register(raw.postal_2022), register)
    towns = places.assign_municipalities(places.read_towns(raw.geonames), postal_names)
    kartverket = muni.read_kartverket(raw.kartverket)
    municipalities = muni.attach_points(
        municipalities, kartverket, pairs, towns, postal_names, raw.kartverket
    )
    municipalities = municipalities.merge(counties, on="county_number", how="left")
    names = _names(
        municipalities, kartverket, pairs, known, raw, postal_names, places.town_names(towns)
    )
    centres = centres_mod.read_centres(raw.centres, known)
    memberships = centres_mod.read_memberships(raw.memberships, set(centres["id"]), known)
    centres_mod.check_one_centre_each(memberships, centres, raw.memberships)
    points = centres_mod.centre_points(centres, memberships, municipalities, towns, raw.centres)
    figures = ssb.figures(raw.transcribed_figures(), raw.api_figures(), raw.root)
    figures["centre_id"] = figures["region_label"].map(centre_matcher(centres))
    helplines = centres_mod.read_helplines(raw.helplines)
    return Tables(
        counties=counties,
        municipalities=municipalities,
        names=names,
        postal_codes=codes,
        places=towns.drop(columns=["norm"]),
        centres=centres,
        centre_points=points,
        centre_municipalities=memberships,
        helplines=curated.with_english(helplines, raw.helplines_en),
        help_facts=centres_mod.read_help_facts(raw.help_facts),
        figures=figures,
        knowledge=_knowledge(raw, helplines) if read_first is None else read_first,
        danger_phrases=curated.read_danger_phrases(raw.danger_phrases),
        measures=curated.read_measures(raw.measures, figures),
    )


def _names(
    municipalities: pd.DataFrame,
    kartverket: pd.DataFrame,
    pairs: pd.DataFrame,
    known: set[str],
    raw: RawPaths,
    postal_names: pd.DataFrame,
    town_names: pd.DataFrame,
) -> pd.DataFrame:
    former = muni.former_names(muni.read_former_2016(raw.former_2016), kartverket, pairs, known,
                               raw.former_2016)  # fmt: skip
    frames = [
        muni.official_names(municipalities),
        muni.parallel_names(kartverket, pairs),
        former,
        postal_names,
        town_names,
    ]
    out = pd.concat(frames, ignore_index=True)
    out = out[out["norm"] != ""]
    out["rank"] = out["kind"].map({k: i for i, k in enumerate(schema.NAME_KINDS)})
    out = out.sort_values(["norm", "municipality_number", "rank", "name"])
    out = out.drop_duplicates(["norm", "municipality_number"], keep="first")
    return out.reset_index(drop=True)


def centre_matcher(centres: pd.DataFrame) -> Callable[[str], str]:
    """A function mapping an SSB/Bufdir region label to a centre id by name or alias ("")."""
    by_norm: dict[str, str] = {}
    for row in records(centres):
        aliases = [a.replace("(historical)", "") for a in str(row["aliases"]).split(";")]
        for name in [str(row["name"]), *aliases]:
            if name.strip():
                by_norm.setdefault(_label_norm(name), str(row["id"]))

    def match(label: str) -> str:
        for candidate in (label, label.split(",")[0]):
            hit = by_norm.get(_label_norm(candidate))
            if hit:
                return hit
        return ""

    return match


_FILLER = {"i", "for", "iks"}


def _label_norm(label: str) -> str:
    """Normalise a centre label, ignoring "(...)", "i", "for" and "IKS"."""
    return " ".join(w for w in normalize(base_name(label)).split() if w not in _FILLER)
