"""The conversation: ``chat`` (in the terminal), ``run`` (on Telegram; without a token, the
terminal) and ``links`` (deep links and QR codes for posters)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from bot import config
from bot.cli.group import LANG, main, stdin
from bot.cli.loading import load_answerer
from bot.config import Settings
from bot.terminal import Terminal
from bot.text import t

HEADLESS_ERROR = (
    "no bot token and no terminal: set TELEGRAM_BOT_TOKEN to serve the bot on Telegram, "
    "or run `krisebot chat` in a terminal"
)


@main.command("chat")
@LANG
@click.pass_obj
def chat(settings: Settings, lang: str) -> None:
    """The bot's conversation in the terminal (no Telegram token needed)."""
    answerer = load_answerer(settings)
    Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(stdin()))


@main.command("run")
@click.option(
    "--webhook", "webhook_url", help="Public HTTPS URL: run a webhook instead of polling."
)
@click.option("--listen", default="0.0.0.0", show_default=True, help="Webhook listen address.")  # noqa: S104
@click.option("--port", default=8443, show_default=True, help="Webhook port.")
@click.option(
    "--base-url", envvar=config.BASE_URL, show_envvar=True,
    help="Another Bot API server, e.g. a self-hosted telegram-bot-api.",
)  # fmt: skip
@LANG
@click.pass_obj
def run(
    settings: Settings,
    webhook_url: str | None,
    listen: str,
    port: int,
    base_url: str | None,
    lang: str,
) -> None:
    """Serve the bot on Telegram (token from TELEGRAM_BOT_TOKEN); without one, chat here.

    Without a token and without a terminal (as in a container) it stops with an error.
    """
    from bot.state import StateUnavailable
    from bot.tg.run import run as run_bot
    from bot.tg.serving import Webhook
    from bot.tg.startup import StartFailed, message

    if base_url:
        settings = replace(settings, base_url=base_url)
    if not settings.token and not sys.stdin.isatty():
        raise click.ClickException(HEADLESS_ERROR)
    answerer = load_answerer(settings)
    if not settings.token:
        click.echo(t(lang, "no_token"), err=True)
        Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(stdin()))
        return
    webhook = Webhook(webhook_url, listen, port) if webhook_url else None
    try:
        run_bot(settings, answerer, webhook)
    except StartFailed as error:
        raise click.ClickException(message(error, lang)) from None
    except StateUnavailable as error:
        raise click.ClickException(str(error)) from None


@main.command("links")
@click.option(
    "--bot", "username", envvar=config.BOT_USERNAME, show_envvar=True, required=True,
    help="The bot's @username (the links open this bot).",
)  # fmt: skip
@click.option(
    "--qr", "qr_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Also write one QR code (PNG) per link into this folder.",
)  # fmt: skip
@click.pass_obj
def links(settings: Settings, username: str, qr_dir: Path | None) -> None:
    """Deep links for posters: one per municipality (m_3201) and per centre (c_<id>).

    Each line: payload, what it opens, URL (tab-separated). A link names a place or a centre,
    never a person.
    """
    from bot.tg.deeplinks import all_links, write_qr_codes

    catalog = load_answerer(settings).catalog
    try:
        found = all_links(catalog, username)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bot") from None
    for link in found:
        click.echo(f"{link.payload}\t{link.label}\t{link.url}")
    if qr_dir is not None:
        try:
            written = write_qr_codes(found, qr_dir)
        except OSError as exc:
            raise click.ClickException(f"cannot write QR codes to {qr_dir}: {exc}") from None
        click.echo(f"{len(written)} QR codes in {qr_dir}", err=True)


def _prompted(stream: TextIO) -> Iterator[str]:
    interactive = stream.isatty()
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = stream.readline()
        if not line:
            return
        yield line
