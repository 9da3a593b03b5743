"""Bokmål: what the shells say: the terminal chat, and on Telegram the settings, deletion,
command menus and start-up. In the same order as ``shell_en.py``."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # -- terminal.py: krisebot chat
    "chat_chart": "(Diagrammet vises i Telegram. Her i terminalen: krisebot ask --chart diagram.png «kostnad per innbygger».)",
    "chat_choose": "Skriv et tall for å velge, /meny for menyen eller /avslutt for å avslutte.",
    "chat_bye": "Ha det. Ta vare på deg selv.",
    "chat_cleared": "Samtalen er fjernet fra skjermen.",
    "chat_forgot": "Jeg har glemt språkvalget og samtalen.",
    "chat_auto": "I terminalen lagres ingenting. Lukk vinduet når du er ferdig.",
    # -- tg/ and state/: settings, deletion, commands, start-up
    "btn_auto_15": "Slett etter 15 min",
    "btn_auto_60": "Slett etter 1 time",
    "btn_auto_off": "Ikke slett automatisk",
    "btn_location": "Del posisjonen min",
    "input_placeholder": "Kommune, sted eller postnummer",
    "lead_settings": "Innstillingen er lagret.",
    "auto_on": "Meldingene i denne samtalen slettes automatisk etter {minutes} minutter.",
    "auto_off": "Meldingene slettes ikke automatisk.",
    "deleted_none": "Jeg fant ingen meldinger å slette.",
    "deleted_one": "Slettet {n} melding.",
    "deleted_n": "Slettet {n} meldinger.",
    "delete_refused": "{n} av meldingene kunne jeg ikke slette, fordi Telegram ikke tillot det. Slett samtalen i Telegram-appen for å få dem bort.",
    "delete_failed": "{n} av meldingene fikk jeg ikke slettet ennå, fordi Telegram ikke svarte. Jeg prøver igjen om litt.",
    "delete_maybe_copy": "Ett av svarene mine kan ha kommet to ganger, fordi Telegram svarte sent. Jeg prøvde å slette begge, men kan ikke se om det lyktes. Se over samtalen, og slett det som er igjen i appen.",
    "delete_incomplete": "Minnet mitt var utilgjengelig en stund, så jeg kan ha mistet oversikten over noen meldinger. Se over samtalen, og slett det som er igjen i appen.",
    "auto_refused": "{n} av meldingene kunne ikke slettes automatisk, fordi Telegram ikke tillot det. Slett samtalen i Telegram-appen for å få dem bort.",
    "forgotten": "Jeg har glemt språkvalget ditt og hva vi snakket om. Meldingene er ikke slettet: send /slett for å slette dem.",
    "forgotten_auto": "Automatisk sletting etter {minutes} minutter er fortsatt på.",
    "group_only_private": "Jeg svarer bare i private samtaler. Skriv til meg direkte.",
    "cmd_start": "Start og meny",
    "cmd_slett": "Slett samtalen",
    "cmd_glem": "Glem språkvalget og temaet (sletter ikke meldinger)",
    "cmd_hjelp": "Hjelp som finnes",
    "token_rejected": "Telegram avviste tokenet. Sjekk TELEGRAM_BOT_TOKEN og prøv igjen.",
    "telegram_unreachable": "Fikk ikke kontakt med Telegram. Sjekk nettverket (og --base-url) og prøv igjen.",
    "telegram_rate_limited": "Telegram ber oss vente {seconds} s. Start boten igjen etter det.",
    "telegram_error": "Telegram svarte med en feil ({error}). Prøv igjen om litt.",
    "no_token": "Ingen TELEGRAM_BOT_TOKEN er satt: starter samtalen i terminalen.",
}
