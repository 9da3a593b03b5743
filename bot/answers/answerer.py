"""THE core: text or a location in -> ``Reply`` (text, buttons, facts) out.

Telegram (``bot.tg``) and the terminal (``krisebot ask``/``chat``) are two thin shells over
``Answerer``. Every reply starts with a neutral line (it shows in notification previews) and
ends with 112 and 116 006. Facts come from the database with their sources; where we do not
know, the reply says so and points to 116 006.
"""

from __future__ import annotations

from bot.answers import understood
from bot.answers.actions import Action, Pressed, encode
from bot.answers.context import Context
from bot.answers.reply import Button, CentreHit, Ref, Reply
from bot.answers.stats import StatsReplies
from bot.catalog.figures import Stats
from bot.catalog.load import load_catalog, load_stats
from bot.catalog.models import Centre, CentreStatus, HelpFact, Helpline, Membership, Nearby
from bot.catalog.models import PhoneConfidence as Confidence
from bot.catalog.places import Catalog
from bot.schema import NOT_MUNICIPALITIES
from bot.text import t
from bot.text.format import domain, esc, km, link
from bot.understand.classifier import Classifier
from bot.understand.features import Connection
from bot.understand.matching import Candidate, Match, Matcher

OLD_SOURCE_BEFORE = 2019
NEAREST = 3
NEARBY_LIST = 5
NAMED = {"official", "parallel", "former"}  # ways a municipality is named outright

HELP_LINES: dict[str, tuple[str, ...]] = {
    "overview": ("vo_linjen", "dinutvei", "alarmtelefonen", "legevakt", "familievernet"),
    "emergency_numbers": (
        "politi_nod", "medisinsk_nod", "vo_linjen", "politi_ikke_akutt", "legevakt",
    ),
    "krisesenter": ("vo_linjen", "dinutvei"),
    "children": ("alarmtelefonen", "kors_pa_halsen", "statens_barnehus"),
    "sexual_assault": ("overgrepsmottak", "hjelpetelefon_seksuelt_misbrukte", "smiso"),
    "friends_family": ("vo_linjen", "dinutvei", "familievernet"),
    "violence_users": ("atv", "dinutvei"),
    "men": ("reform_mannstelefonen", "vo_linjen"),
    "police_legal": ("politi_nod", "politi_ikke_akutt", "stottesenter_kriminalitetsutsatte"),
    "phone_safety": ("vo_linjen", "dinutvei"),
}  # fmt: skip
#: Taxonomy topics (TAXONOMY.md) without a page of their own -> the page that covers them.
HELP_PAGE: dict[str, str] = {
    "police": "police_legal", "protection": "police_legal", "legal_help": "police_legal",
    "is_it_violence": "overview", "safety_plan": "overview", "honour_control": "overview",
    "migrants": "overview", "elderly": "overview", "money_housing": "overview",
}  # fmt: skip


class Answerer:
    """Answers for one ``Catalog``; build once, use from any number of handlers."""

    def __init__(
        self, catalog: Catalog, stats: Stats | None = None, classifier: Classifier | None = None
    ) -> None:
        self.catalog = catalog
        self.matcher = Matcher(catalog)
        self.classifier = classifier
        self.stats = StatsReplies(stats or Stats(()), catalog)

    @classmethod
    def load(cls, conn: Connection) -> Answerer:
        """Everything the answers need from an open database, models included
        (``features.ModelError`` if they are missing or from another scikit-learn)."""
        return cls(load_catalog(conn), load_stats(conn), Classifier.load(conn))

    # -- entry points --------------------------------------------------------------------
    def answer(
        self,
        text: str,
        lang: str,
        chart: bool = False,
        context: Context | None = None,
        chosen: bool = False,
    ) -> Reply:
        """Free text in, one reply out. Never raises for any input. ``context``: what the
        conversation holds (a follow-up such as a bare "Bodø" answers the last question);
        ``chosen``: the person chose ``lang``, else the reply follows the message's language."""
        return understood.answer(self, text, lang, chart, context, chosen)

    def location(self, lat: float, lon: float, lang: str) -> Reply:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return self.unknown(lang)
        muni, _ = self.catalog.municipality_at(lat, lon)
        nearest = self.catalog.nearest_centres(lat, lon, NEAREST + 1)
        via = t(lang, "via_location", muni=esc(muni.name))
        return self._municipality_reply(muni.number, lang, via, nearest, (lat, lon))

    def municipality(self, number: str, lang: str, via: Candidate | None = None) -> Reply:
        if number not in self.catalog.municipalities:
            return self.unknown(lang)
        nearest = list(self.catalog.nearest_to_municipality(number, NEAREST + 1))
        return self._municipality_reply(number, lang, self._via_line(via, lang), nearest)

    def start(self, lang: str) -> Reply:
        """The first message: neutral first line, 112, 116 006, is it safe, the menu."""
        html = "\n\n".join(
            [
                t(lang, "start_lead"),
                t(lang, "start_body"),
                t(lang, "start_safe"),
                t(lang, "start_find"),
            ]
        )
        return Reply("help", html, lang, buttons=self.menu_buttons(lang))

    def menu_buttons(self, lang: str) -> tuple[tuple[Button, ...], ...]:
        def b(key: str, data: str) -> Button:
            return Button(t(lang, key), data=data)

        return (
            (b("menu_find", encode(Action.FIND)), b("menu_now", encode(Action.EMERGENCY))),
            (b("menu_what", encode(Action.HELP, "krisesenter")),
             b("menu_family", encode(Action.HELP, "friends_family"))),
            (b("menu_users", encode(Action.HELP, "violence_users")),
             b("menu_stats", encode(Action.STATS))),
            (b("menu_safety", encode(Action.HELP, "phone_safety")),
             b("menu_delete", encode(Action.DELETE))),
            (b("menu_language", encode(Action.LANGUAGE)),),
        )  # fmt: skip

    def press(self, pressed: Pressed | None, lang: str) -> Reply:
        """A button (``bot.answers.actions.decode``) -> the reply it asks for. The shell's own
        actions (language, deletion) never come here."""
        if pressed is None:
            return self.unknown(lang)
        action, arg = pressed.action, pressed.arg
        if action == Action.MUNICIPALITY:
            return self.municipality(arg, lang)
        if action == Action.CENTRE:
            return self.centre_card(arg, lang)
        if action == Action.NEARBY:
            return self.nearby(arg, lang)
        if action == Action.HELP and (arg in HELP_LINES or arg in HELP_PAGE):
            return self.help(arg, lang)
        if action == Action.STATS_TOPIC:
            return self.stats.topic(arg, pressed.year, lang)
        if action == Action.CHART:
            return self.stats.chart_reply(arg, pressed.year, lang)
        simple = {Action.NOT_MINE: self.find_prompt, Action.FIND: self.find_prompt,
                  Action.EMERGENCY: self.emergency, Action.STATS: self.stats_overview,
                  Action.MENU: self.start}  # fmt: skip
        handler = simple.get(action)
        return handler(lang) if handler else self.unknown(lang)

    def find_prompt(self, lang: str) -> Reply:
        html = "\n\n".join([t(lang, "lead_clarify"), t(lang, "find_prompt"), t(lang, "footer")])
        return Reply("clarify", html, lang)

    # -- municipality and centres ------------------------------------------------------------
    def _municipality_reply(
        self,
        number: str,
        lang: str,
        via: str,
        nearest: list[Nearby],
        origin: tuple[float, float] | None = None,
    ) -> Reply:
        muni = self.catalog.municipalities[number]
        from_location = origin is not None
        lat, lon = origin or (muni.lat, muni.lon)
        agreement = self.catalog.agreements.get(number)
        parts = [t(lang, "lead_centre")]
        if via:
            parts.append(via)
        parts.append(_title(muni.name, lang))
        hits: list[CentreHit] = []
        if agreement:
            centre = self.catalog.centres[agreement.centre_id]
            parts.append(self._agreement_block(muni.name, centre, agreement, lang))
            hits.append(_hit(centre, "agreement", self.catalog.distance_km(lat, lon, centre.id)))
            others = [n for n in nearest if n.centre.id != centre.id][:NEAREST]
            intro = "nearest_from_location" if from_location else "nearest_others"
            parts.append(self._nearest_block(others, lang, intro))
        else:
            others = nearest[:NEAREST]
            parts.append(t(lang, "no_agreement", muni=esc(muni.name)))
            intro = "nearest_from_location" if from_location else "nearest_intro"
            parts.append(self._nearest_block(others, lang, intro))
            parts.append(t(lang, "vo_line_helps"))
        hits += [_hit(n.centre, "nearest", n.distance_km) for n in others]
        parts.append(t(lang, "footer"))
        return Reply(
            intent="centre",
            html="\n\n".join(parts),
            lang=lang,
            municipality=Ref(muni.number, muni.name),
            centres=tuple(hits),
            buttons=self._centre_buttons(number, hits, lang),
        )

    def _agreement_block(self, muni: str, centre: Centre, agreement: Membership, lang: str) -> str:
        source = _sources(agreement.source_url, agreement.source_year)
        lines = [
            t(lang, "agreement_intro", muni=esc(muni)),
            f"<b>{esc(centre.name)}</b>",
            *self._phone_lines(centre, lang),
            t(lang, f"basis_{agreement.basis}", source=source),
        ]
        lines += _age_lines(agreement.source_year, lang)
        if centre.status == CentreStatus.UNVERIFIED:
            lines.append(t(lang, "status_unverified"))
        return "\n".join(lines)

    def _nearest_block(self, nearest: list[Nearby], lang: str, intro: str) -> str:
        lines = [t(lang, intro)]
        for n in nearest:
            lines.append(
                "• " + t(lang, "nearest_line", name=esc(n.centre.name), km=km(n.distance_km))
            )
            lines.append("   " + self._short_phone(n.centre, lang))
        return "\n".join(lines)

    def _phone_lines(self, centre: Centre, lang: str) -> list[str]:
        if centre.phone_confidence == Confidence.CONFLICT:
            return [t(lang, "phone_conflict")]
        lines = []
        if centre.phone:
            key = "phone_24h" if centre.phone_is_24h else "phone"
            lines.append(t(lang, key, phone=esc(centre.phone)))
        if centre.phone_men:
            lines.append(t(lang, "phone_men", phone=esc(centre.phone_men)))
        if not lines:
            return [t(lang, "phone_unknown")]
        source = _sources(centre.phone_source_url, centre.phone_source_year)
        lines.append(t(lang, "phone_source", source=source))
        if centre.phone_confidence == Confidence.LOW:
            year = centre.phone_source_year
            old = year.isdigit() and int(year) < OLD_SOURCE_BEFORE
            lines.append(t(lang, "phone_old", year=year) if old else t(lang, "phone_secondary"))
        return lines

    def _short_phone(self, centre: Centre, lang: str) -> str:
        if centre.phone and centre.phone_confidence != Confidence.CONFLICT:
            key = "phone_24h" if centre.phone_is_24h else "phone"
            return t(lang, key, phone=esc(centre.phone))
        if centre.phone_men:
            return t(lang, "phone_men", phone=esc(centre.phone_men))
        return t(lang, "phone_unknown") if centre.phone_confidence != Confidence.CONFLICT else t(
            lang, "phone_conflict"
        )  # fmt: skip

    def _centre_buttons(
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

    def centre_card(self, centre_id: str, lang: str) -> Reply:
        centre = self.catalog.centres.get(centre_id)
        if centre is None:
            return self.unknown(lang)
        lines = [t(lang, "lead_centre"), f"<b>{esc(centre.name)}</b>"]
        if centre.status == CentreStatus.CLOSED:
            lines.append(t(lang, "status_closed"))
        lines += self._phone_lines(centre, lang)
        if centre.website:
            lines.append(t(lang, "website", link=link(centre.website, domain(centre.website))))
        lines.append(t(lang, "offers", **{k: t(lang, getattr(centre, k)) for k in
                                           ("women", "men", "children")}))  # fmt: skip
        lines.append(self._served_line(centre, lang))
        lines += self.stats.centre_lines(centre.id, lang)
        if centre.status == CentreStatus.UNVERIFIED:
            lines.append(t(lang, "status_unverified"))
        lines.append(t(lang, "card_note"))
        sources = _sources(" ".join(centre.source_urls), centre.source_year, limit=4)
        lines.append(t(lang, "facts_source", sources=sources))
        html = "\n".join(lines) + "\n\n" + t(lang, "footer")
        buttons = (Button(t(lang, "btn_website"), url=centre.website),) if centre.website else ()
        return Reply("centre", html, lang, centres=(_hit(centre, "card", None),),
                     buttons=(buttons,) if buttons else ())  # fmt: skip

    def _served_line(self, centre: Centre, lang: str) -> str:
        numbers = self.catalog.served.get(centre.id, ())
        if not numbers:
            return t(lang, "serves_none")
        names = sorted(self.catalog.municipalities[n].name for n in numbers)
        return t(lang, "serves", count=len(names), names=esc(", ".join(names)))

    def nearby(self, number: str, lang: str) -> Reply:
        """The nearest open centres to a municipality, with phones."""
        if number not in self.catalog.municipalities:
            return self.unknown(lang)
        muni = self.catalog.municipalities[number]
        nearest = list(self.catalog.nearest_to_municipality(number, NEARBY_LIST))
        html = "\n\n".join(
            [
                t(lang, "lead_centre"),
                _title(muni.name, lang),
                self._nearest_block(nearest, lang, "nearest_intro"),
                t(lang, "footer"),
            ]
        )
        hits = tuple(_hit(n.centre, "nearest", n.distance_km) for n in nearest)
        buttons = tuple((Button(h.name, data=encode(Action.CENTRE, h.id)),) for h in hits)
        return Reply("centre", html, lang, Ref(muni.number, muni.name), (), hits, buttons)

    # -- clarify, unknown, emergency ---------------------------------------------------------
    def clarify(self, match: Match, lang: str) -> Reply:
        labels = [(c, _candidate_label(c, lang)) for c in match.candidates]
        lines = [t(lang, "lead_clarify"), t(lang, "clarify_question")]
        lines += [f"{i}. {esc(label)}" for i, (_, label) in enumerate(labels, start=1)]
        lines.append(t(lang, "clarify_hint"))
        html = "\n".join(lines) + "\n\n" + t(lang, "footer")
        buttons = tuple(
            (Button(label, data=encode(Action.MUNICIPALITY, c.number)),) for c, label in labels
        )
        refs = tuple(Ref(c.number, c.name) for c in match.candidates)
        return Reply("clarify", html, lang, candidates=refs, buttons=buttons)

    def unknown(self, lang: str) -> Reply:
        html = "\n\n".join([t(lang, "lead_unknown"), t(lang, "unknown_body"), t(lang, "footer")])
        return Reply("unknown", html, lang)

    def error(self, lang: str) -> Reply:
        """The calm reply when something broke on our side."""
        html = "\n\n".join([t(lang, "lead_error"), t(lang, "error_body"), t(lang, "footer")])
        return Reply("unknown", html, lang)

    def emergency(self, lang: str, match: Match | None = None) -> Reply:
        parts = [
            t(lang, "lead_emergency"),
            t(lang, "emergency_call_112") + "\n" + t(lang, "emergency_call_113"),
            t(lang, "emergency_116006"),
        ]
        reply = Reply("emergency", "", lang)
        if match and match.status == "found" and match.best:
            place = self.municipality(match.best.number, lang, match.best)
            body = place.html.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
            parts.append(body)
            reply = place
        elif match and match.status == "ambiguous":
            reply = self.clarify(match, lang)
        else:
            parts.append(t(lang, "emergency_more"))
        return Reply(
            intent="emergency",
            html="\n\n".join(parts),
            lang=lang,
            municipality=reply.municipality,
            candidates=reply.candidates,
            centres=reply.centres,
            buttons=reply.buttons,
        )

    def svalbard(self, text: str, lang: str) -> Reply | None:
        code = text.strip()
        postal = self.catalog.postal.get(code)
        if not postal or postal.municipality_number not in NOT_MUNICIPALITIES:
            return None
        html = "\n\n".join(
            [
                t(lang, "lead_unknown"),
                t(lang, "svalbard", code=esc(code), place=esc(postal.place)),
                t(lang, "vo_line_helps"),
                t(lang, "footer"),
            ]
        )
        return Reply("unknown", html, lang)

    def _via_line(self, via: Candidate | None, lang: str) -> str:
        if via is None or via.via == "official":
            return ""
        muni = esc(via.name)
        if via.via == "postal_code":
            place = self.catalog.postal[via.term].place
            return t(lang, "via_postal_code", code=esc(via.term), place=esc(place), muni=muni)
        if via.via == "parallel" and via.term == via.name:
            return ""
        return t(lang, f"via_{via.via}", code=esc(via.term), term=esc(via.term), muni=muni)

    # -- help and statistics -----------------------------------------------------------------
    def help(self, topic: str, lang: str) -> Reply:
        """What the bot holds on a topic today (a taxonomy topic without its own page gets the
        page that covers it, see ``HELP_PAGE``)."""
        topic = HELP_PAGE.get(topic, topic)
        ids = HELP_LINES.get(topic, HELP_LINES["overview"])
        lines = [self.catalog.helplines[i] for i in ids if i in self.catalog.helplines]
        blocks = [t(lang, "lead_help"), t(lang, f"help_title_{topic}")]
        facts = [f for f in self.catalog.help_facts.values() if f.topic == topic]
        if facts:
            blocks.append("\n".join(self._fact_line(f, lang) for f in facts))
        blocks += [self._helpline_block(h, lang) for h in lines]
        if topic in {"overview", "krisesenter", "men", "friends_family"}:
            blocks.append(t(lang, "help_find_centre"))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if topic == "phone_safety":
            blocks.append(t(lang, "safety_more"))
            buttons = (
                (Button(t(lang, "menu_delete"), data=encode(Action.DELETE)),),
                (Button(t(lang, "btn_auto_15"), data=encode(Action.AUTO_DELETE, 15)),
                 Button(t(lang, "btn_auto_60"), data=encode(Action.AUTO_DELETE, 60))),
                (Button(t(lang, "btn_auto_off"), data=encode(Action.AUTO_DELETE, 0)),),
            )  # fmt: skip
        blocks.append(t(lang, "footer"))
        return Reply("help", "\n\n".join(blocks), lang, buttons=buttons)

    def _fact_line(self, fact: HelpFact, lang: str) -> str:
        source = link(fact.source_url, domain(fact.source_url)) + _year(fact.source_year)
        return f"• {t(lang, f'fact_{fact.id}')} ({source})"

    def _helpline_block(self, line: Helpline, lang: str) -> str:
        number = t(lang, "helpline_number", number=esc(line.number)) if line.number else ""
        hours = ""
        if line.hours:
            hours = t(lang, "helpline_hours", hours=esc(t(lang, f"hlh_{line.id}")))
        text = t(lang, "helpline", name=esc(line.name), number=number, hours=hours,
                 what=esc(t(lang, f"hl_{line.id}")))  # fmt: skip
        extra = [] if line.number else [t(lang, "helpline_no_number")]
        if line.website:
            extra.append(t(lang, "helpline_website", link=link(line.website)))
        extra.append(t(lang, "helpline_source", sources=_sources(line.source_url, "")))
        return "\n".join([text, *extra])

    def named_municipality(self, text: str) -> str | None:
        """A municipality named outright in a statistics question ("tall for Bodø"); never a
        year read as a postal code, never a fuzzy guess."""
        match = self.matcher.resolve(text)
        best = match.best
        return best.number if match.status == "found" and best and best.via in NAMED else None

    def stats_overview(self, lang: str) -> Reply:
        return self.stats.overview(lang)


def _only_fuzzy(match: Match) -> bool:
    return all(c.via == "fuzzy" for c in match.candidates)


def _hit(centre: Centre, basis: str, distance: float | None) -> CentreHit:
    return CentreHit(centre.id, centre.name, centre.phone, basis, distance)


def _sources(urls: str, year: str, limit: int = 2) -> str:
    """Linked sources (by domain) and their year: "bufdir.no, nrk.no (2021)"."""
    return ", ".join(link(u) for u in dict.fromkeys(urls.split()[:limit])) + _year(year)


def _title(name: str, lang: str) -> str:
    """ "Herøy (Nordland)" -> "<b>Herøy kommune</b> (Nordland)"."""
    base, _, county = name.partition(" (")
    title = t(lang, "muni_title", muni=esc(base))
    return f"{title} ({esc(county.rstrip(')'))})" if county else title


def _year(year: str) -> str:
    return f" ({esc(year)})" if year else ""


def _age_lines(year: str, lang: str) -> list[str]:
    years = [int(y) for y in year.replace(";", " ").split() if y.isdigit()]
    if not years:
        return [t(lang, "source_undated")]
    newest = max(years)
    return [t(lang, "source_old", year=newest)] if newest < OLD_SOURCE_BEFORE else []


def _candidate_label(c: Candidate, lang: str) -> str:
    if c.via in {"postal_code", "municipality_number"}:
        return t(lang, f"cand_{c.via}", muni=c.name, code=c.term)
    if c.via == "former":
        return t(lang, "cand_former", muni=c.name, term=c.term)
    if c.via in {"postal_place", "town"} and c.term != c.name:
        return t(lang, "cand_place", muni=c.name, term=c.term)
    return t(lang, "cand_plain", muni=c.name)
