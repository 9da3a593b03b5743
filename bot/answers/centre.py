"""Centre replies: a municipality's crisis centre (by agreement, when a source says so) and the
nearest ones; a centre's card; the nearby list. Each reply is assembled from blocks, and the
blocks of a municipality's reply are also what the emergency reply shows below the numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.answers.actions import Action, encode
from bot.answers.reply import Button, CentreHit, Ref, Reply
from bot.answers.sources import age_lines, is_old, sources
from bot.answers.stats import StatsReplies
from bot.catalog.models import Centre, CentreStatus, Membership, Nearby, Via
from bot.catalog.models import PhoneConfidence as Confidence
from bot.catalog.places import Catalog
from bot.names import normalize
from bot.text import t
from bot.text.format import domain, esc, km, link

NEAREST: Final = 3
NEARBY_LIST: Final = 5
#: How a place was found -> the line that says so ("Sandvika ligger i Bærum.").
VIA_LINES: Final = {
    Via.MUNICIPALITY_NUMBER: "via_municipality_number",
    Via.POSTAL_PLACE: "via_postal_place",
    Via.TOWN: "via_town",
    Via.FORMER: "via_former",
    Via.PARALLEL: "via_parallel",
    Via.FUZZY: "via_fuzzy",
}
BASIS_LINES: Final = {"stated": "basis_stated", "derived": "basis_derived", "weak": "basis_weak"}
OFFER_WORDS: Final = {"yes": "yes", "no": "no", "unknown": "unknown"}


@dataclass(frozen=True)
class Place:
    """A municipality's reply before its first and last line: the blocks, and the facts."""

    blocks: tuple[str, ...]
    municipality: Ref
    centres: tuple[CentreHit, ...]
    buttons: tuple[tuple[Button, ...], ...]

    def reply(self, lang: str) -> Reply:
        html = "\n\n".join([t(lang, "lead_centre"), *self.blocks, t(lang, "footer")])
        return Reply("centre", html, lang, self.municipality, (), self.centres, self.buttons)


class CentreReplies:
    """Municipalities and centres for one ``Catalog``."""

    def __init__(self, catalog: Catalog, stats: StatsReplies) -> None:
        self.catalog = catalog
        self.stats = stats
        self.counties = county_names(catalog)

    def place(
        self, number: str, lang: str, via: str, origin: tuple[float, float] | None = None
    ) -> Place:
        """A municipality's agreement (if sourced) and nearest centres, from its point or from
        ``origin`` (a shared location)."""
        muni = self.catalog.municipalities[number]
        if origin is None:
            nearest = list(self.catalog.nearest_to_municipality(number, NEAREST + 1))
        else:
            nearest = self.catalog.nearest_centres(*origin, NEAREST + 1)
        lat, lon = origin or (muni.lat, muni.lon)
        agreement = self.catalog.agreements.get(number)
        blocks = [via] if via else []
        blocks.append(title(muni.name, lang))
        hits: list[CentreHit] = []
        located = "nearest_from_location" if origin else ""
        if agreement:
            centre = self.catalog.centres[agreement.centre_id]
            blocks.append(self._agreement_block(muni.name, centre, agreement, lang))
            hits.append(hit(centre, "agreement", self.catalog.distance_km(lat, lon, centre.id)))
            others = [n for n in nearest if n.centre.id != centre.id][:NEAREST]
            blocks.append(self._nearest_block(others, lang, located or "nearest_others"))
        else:
            others = nearest[:NEAREST]
            blocks.append(t(lang, "no_agreement", muni=esc(muni.name)))
            blocks.append(self._nearest_block(others, lang, located or "nearest_intro"))
            blocks.append(t(lang, "vo_line_helps"))
        hits += [hit(n.centre, "nearest", n.distance_km) for n in others]
        blocks += put_through([self.catalog.centres[h.id] for h in hits], lang)
        buttons = self._buttons(number, hits, lang)
        return Place(tuple(blocks), Ref(muni.number, muni.name), tuple(hits), buttons)

    def via_line(self, number: str, via: Via | str, term: str, lang: str) -> str:
        """How the place was understood, or nothing when the name was the municipality's own."""
        name = self.catalog.municipalities[number].name
        muni = esc(name)
        if via == Via.OFFICIAL:
            return ""
        if via == Via.POSTAL_CODE:
            place = self.catalog.postal[term].place
            return t(lang, "via_postal_code", code=esc(term), place=esc(place), muni=muni)
        if via == Via.PARALLEL and term == name:
            return ""
        return t(lang, VIA_LINES[Via(via)], code=esc(term), term=esc(term), muni=muni)

    def card(self, centre_id: str, lang: str) -> Reply | None:
        """A centre's card: phones, website, what it offers, who it serves, its figures."""
        centre = self.catalog.centres.get(centre_id)
        if centre is None:
            return None
        lines = [t(lang, "lead_centre"), f"<b>{esc(centre.name)}</b>"]
        if centre.status == CentreStatus.CLOSED:
            lines.append(t(lang, "status_closed"))
        lines += phone_lines(centre, lang)
        lines += put_through([centre], lang)
        if centre.website and not lacks_phone(centre):
            lines.append(t(lang, "website", link=link(centre.website, domain(centre.website))))
        offers = {k: t(lang, OFFER_WORDS[getattr(centre, k)]) for k in ("women", "men", "children")}
        lines.append(t(lang, "offers", **offers))
        lines.append(self._served_line(centre, lang))
        lines += self.stats.centre_lines(centre.id, lang)
        if centre.status == CentreStatus.UNVERIFIED:
            lines.append(t(lang, "status_unverified"))
        lines.append(t(lang, "card_note"))
        facts = sources(" ".join(centre.source_urls), centre.source_year, limit=4)
        lines.append(t(lang, "facts_source", sources=facts))
        html = "\n".join(lines) + "\n\n" + t(lang, "footer")
        buttons = (Button(t(lang, "btn_website"), url=centre.website),) if centre.website else ()
        return Reply("centre", html, lang, centres=(hit(centre, "card", None),),
                     buttons=(buttons,) if buttons else ())  # fmt: skip

    def county(self, county: str, lang: str) -> Reply:
        """The centres in a county and the ones outside it that serve its municipalities."""
        numbers = {m.number for m in self.catalog.municipalities.values() if m.county == county}
        inside, outside = self._county_centres(numbers)
        blocks = [f"<b>{esc(t(lang, 'county_title', county=county))}</b>"]
        if inside:
            blocks.append(self._list_block(inside, lang, t(lang, "county_inside", county=county)))
        if outside:
            intro = t(lang, "county_outside", county=county)
            blocks.append(self._list_block(outside, lang, intro))
        if not inside and not outside:
            blocks.append(t(lang, "county_none", county=esc(county)))
        served = {n for c in inside + outside for n in self.catalog.served.get(c.id, ())}
        gaps = len(numbers - served)
        if gaps:
            blocks.append(t(lang, "county_gaps", count=gaps, total=len(numbers)))
        html = "\n\n".join([t(lang, "lead_centre"), *blocks, t(lang, "footer")])
        shown = inside + outside
        buttons = tuple((Button(c.name, data=encode(Action.CENTRE, c.id)),) for c in shown)
        hits = tuple(hit(c, "county", None) for c in shown)
        return Reply("centre", html, lang, centres=hits, buttons=buttons)

    def _county_centres(self, numbers: set[str]) -> tuple[list[Centre], list[Centre]]:
        """Open centres hosted in the county, and those elsewhere serving its municipalities."""
        open_centres = [c for c in self.catalog.centres.values() if c.status != CentreStatus.CLOSED]
        inside = [c for c in open_centres if c.host_municipality_number in numbers]
        outside = [c for c in open_centres if c not in inside
                   and numbers & set(self.catalog.served.get(c.id, ()))]  # fmt: skip
        return sorted(inside, key=lambda c: c.name), sorted(outside, key=lambda c: c.name)

    def _list_block(self, centres: list[Centre], lang: str, intro: str) -> str:
        lines = [esc(intro)]
        for centre in centres:
            host = self.catalog.municipalities.get(centre.host_municipality_number)
            where = f" ({esc(host.name)})" if host else ""
            lines += [f"• <b>{esc(centre.name)}</b>{where}", "   " + short_phone(centre, lang)]
            if centre.status == CentreStatus.UNVERIFIED:
                lines.append("   " + t(lang, "status_unverified"))
        return "\n".join(lines)

    def nearby(self, number: str, lang: str) -> Reply | None:
        """The nearest open centres to a municipality, with phones."""
        muni = self.catalog.municipalities.get(number)
        if muni is None:
            return None
        nearest = list(self.catalog.nearest_to_municipality(number, NEARBY_LIST))
        blocks = [title(muni.name, lang), self._nearest_block(nearest, lang, "nearest_intro")]
        blocks += put_through([n.centre for n in nearest], lang)
        html = "\n\n".join([t(lang, "lead_centre"), *blocks, t(lang, "footer")])
        hits = tuple(hit(n.centre, "nearest", n.distance_km) for n in nearest)
        buttons = tuple((Button(h.name, data=encode(Action.CENTRE, h.id)),) for h in hits)
        return Reply("centre", html, lang, Ref(muni.number, muni.name), (), hits, buttons)

    def _agreement_block(self, muni: str, centre: Centre, agreement: Membership, lang: str) -> str:
        source = sources(agreement.source_url, agreement.source_year)
        lines = [
            t(lang, "agreement_intro", muni=esc(muni)),
            f"<b>{esc(centre.name)}</b>",
            *phone_lines(centre, lang),
            t(lang, BASIS_LINES[agreement.basis], source=source),
        ]
        lines += age_lines(agreement.source_year, lang)
        if centre.status == CentreStatus.UNVERIFIED:
            lines.append(t(lang, "status_unverified"))
        return "\n".join(lines)

    def _nearest_block(self, nearest: list[Nearby], lang: str, intro: str) -> str:
        lines = [t(lang, intro)]
        for n in nearest:
            line = t(lang, "nearest_line", name=esc(n.centre.name), km=km(n.distance_km))
            lines += ["• " + line, "   " + short_phone(n.centre, lang)]
        return "\n".join(lines)

    def _buttons(
        self, number: str, hits: list[CentreHit], lang: str
    ) -> tuple[tuple[Button, ...], ...]:
        rows: list[tuple[Button, ...]] = [
            (Button(t(lang, "btn_centre", name=h.name), data=encode(Action.CENTRE, h.id)),)
            for h in hits
        ]
        first = self.catalog.centres[hits[0].id] if hits else None
        if first and first.website:
            rows.append((Button(t(lang, "btn_website"), url=first.website),))
        rows.append(
            (
                Button(t(lang, "btn_nearby"), data=encode(Action.NEARBY, number)),
                Button(t(lang, "btn_not_mine"), data=encode(Action.NOT_MINE)),
            )
        )
        return tuple(rows)

    def _served_line(self, centre: Centre, lang: str) -> str:
        numbers = self.catalog.served.get(centre.id, ())
        if not numbers:
            return t(lang, "serves_none")
        names = sorted(self.catalog.municipalities[n].name for n in numbers)
        return t(lang, "serves", count=len(names), names=esc(", ".join(names)))


def county_names(catalog: Catalog) -> dict[str, str]:
    """Normalised county names -> names, leaving out those that are also a municipality's
    (Oslo): such a name is answered as the municipality."""
    munis = {normalize(m.name) for m in catalog.municipalities.values()}
    counties = {normalize(m.county): m.county for m in catalog.municipalities.values() if m.county}
    return {norm: name for norm, name in counties.items() if norm not in munis}


def phone_line(centre: Centre, lang: str) -> str:
    """The main phone, "(døgnåpen)" when the source says so."""
    key = "phone_24h" if centre.phone_is_24h else "phone"
    return t(lang, key, phone=esc(centre.phone))


def phone_lines(centre: Centre, lang: str) -> list[str]:
    """A centre's phones with their source, or why none is shown."""
    if centre.phone_confidence == Confidence.CONFLICT:
        return [t(lang, "phone_conflict")]
    lines = [phone_line(centre, lang)] if centre.phone else []
    if centre.phone_men:
        lines.append(t(lang, "phone_men", phone=esc(centre.phone_men)))
    if not lines:
        return [unknown_phone(centre, lang)]
    source = sources(centre.phone_source_url, centre.phone_source_year)
    lines.append(t(lang, "phone_source", source=source))
    if centre.phone_confidence == Confidence.LOW:
        year = centre.phone_source_year
        lines.append(
            t(lang, "phone_old", year=year) if is_old(year) else t(lang, "phone_secondary")
        )
    return lines


def short_phone(centre: Centre, lang: str) -> str:
    """One phone line for a list of centres."""
    if centre.phone and centre.phone_confidence != Confidence.CONFLICT:
        return phone_line(centre, lang)
    if centre.phone_men:
        return t(lang, "phone_men", phone=esc(centre.phone_men))
    if centre.phone_confidence == Confidence.CONFLICT:
        return t(lang, "phone_conflict")
    return unknown_phone(centre, lang)


def unknown_phone(centre: Centre, lang: str) -> str:
    """No phone known here: the centre's website where known (116 006 is said once per reply,
    see ``put_through``)."""
    if centre.website:
        return t(lang, "phone_unknown_web", link=link(centre.website, domain(centre.website)))
    return t(lang, "phone_unknown")


def lacks_phone(centre: Centre) -> bool:
    return not (centre.phone or centre.phone_men) or centre.phone_confidence == Confidence.CONFLICT


def put_through(centres: list[Centre], lang: str) -> list[str]:
    """Once per reply, when a centre shown has no phone here: 116 006 can put you through."""
    return [t(lang, "phone_put_through")] if any(lacks_phone(c) for c in centres) else []


def hit(centre: Centre, basis: str, distance: float | None) -> CentreHit:
    return CentreHit(centre.id, centre.name, centre.phone, basis, distance)


def title(name: str, lang: str) -> str:
    """ "Herøy (Nordland)" -> "<b>Herøy kommune</b> (Nordland)"."""
    base, _, county = name.partition(" (")
    heading = t(lang, "muni_title", muni=esc(base))
    return f"{heading} ({esc(county.rstrip(')'))})" if county else heading
