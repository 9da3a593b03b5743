"""A county's crisis centres: those hosted in it, those outside it that serve its
municipalities, with phones, and how many of its municipalities no source assigns."""

from __future__ import annotations

from bot.answers.actions import Action, encode
from bot.answers.centre import hit, short_phone
from bot.answers.reply import Button, Reply
from bot.catalog.models import Centre, CentreStatus
from bot.catalog.places import Catalog
from bot.names import normalize
from bot.text import t
from bot.text.format import esc


class CountyReplies:
    """Counties for one ``Catalog``: their names, and the reply for each."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.names = county_names(catalog)

    def reply(self, county: str, lang: str) -> Reply:
        """The centres in a county and the ones outside it that serve its municipalities."""
        numbers = {m.number for m in self.catalog.municipalities.values() if m.county == county}
        inside, outside = self._centres(numbers)
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

    def _centres(self, numbers: set[str]) -> tuple[list[Centre], list[Centre]]:
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


def county_names(catalog: Catalog) -> dict[str, str]:
    """Normalised county names -> names, leaving out those that are also a municipality's
    (Oslo): such a name is answered as the municipality."""
    munis = {normalize(m.name) for m in catalog.municipalities.values()}
    counties = {normalize(m.county): m.county for m in catalog.municipalities.values() if m.county}
    return {norm: name for norm, name in counties.items() if norm not in munis}
