"""Settings: the only place that reads ``os.environ``. Frozen; the token never shows in a repr.

Every environment variable the program reads is listed once, in ``ENV_VARS``: the CLI shows
them in ``krisebot --help`` and the README has the same table (a test keeps the three in step).

Where the data lives. In a source checkout (an editable install, the Docker build) the raw
sources are ``data/raw`` and ``data/curated`` and the database is ``data/krisebot.db``. An
installed wheel carries the same folders as package data (``bot/_data/``, copied there by
``setup.py``) and keeps its database in the user's data folder (``platformdirs``), since
``site-packages`` may not be writable. ``KRISEBOT_DB`` and ``KRISEBOT_RAW_DIR`` override both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import platformdirs

APP_NAME: Final = "krisebot"
PROJECT_DIR: Final = Path(__file__).resolve().parent.parent
CHECKOUT_DATA: Final = PROJECT_DIR / "data"
PACKAGED_DATA: Final = Path(__file__).resolve().parent / "_data"


@dataclass(frozen=True)
class EnvVar:
    """One environment variable: its name and what it sets (shown in ``--help``)."""

    name: str
    help: str


TOKEN: Final = "TELEGRAM_BOT_TOKEN"  # noqa: S105 (a variable name, not a secret)
BASE_URL: Final = "TELEGRAM_API_BASE_URL"
DB: Final = "KRISEBOT_DB"
RAW_DIR: Final = "KRISEBOT_RAW_DIR"
WEBHOOK_SECRET: Final = "KRISEBOT_WEBHOOK_SECRET"  # noqa: S105
LOG_LEVEL: Final = "KRISEBOT_LOG_LEVEL"
BOT_USERNAME: Final = "KRISEBOT_BOT_USERNAME"
REDIS_URL: Final = "KRISEBOT_REDIS_URL"
HTTP_PORT: Final = "KRISEBOT_HTTP_PORT"

ENV_VARS: Final = (
    EnvVar(TOKEN, "the bot token from @BotFather; never printed or logged"),
    EnvVar(BASE_URL, "another Bot API server, e.g. a self-hosted telegram-bot-api"),
    EnvVar(DB, "the database file (default: data/krisebot.db, or the user data folder)"),
    EnvVar(RAW_DIR, "the raw sources the database is built from (default: data/raw)"),
    EnvVar(WEBHOOK_SECRET, "the webhook's secret token (default: a random one per start)"),
    EnvVar(LOG_LEVEL, "log level: DEBUG, INFO, WARNING (default), ERROR"),
    EnvVar(BOT_USERNAME, "the bot's @username, for the links of `krisebot links`"),
    EnvVar(REDIS_URL, "Redis for state shared by replicas, redis://:password@host:6379/0 "
           "(default: this process's memory); the password is never shown"),
    EnvVar(HTTP_PORT, "serve /healthz and /metrics on 127.0.0.1 at this port (webhook mode "
           "also serves them on the webhook port)"),
)  # fmt: skip


def data_dir() -> Path:
    """``data/`` of a source checkout, else the data shipped inside the installed package."""
    return CHECKOUT_DATA if (CHECKOUT_DATA / "raw").is_dir() else PACKAGED_DATA


def default_raw() -> Path:
    return data_dir() / "raw"


def default_db() -> Path:
    """``data/krisebot.db`` in a checkout; the user's data folder for an installed wheel."""
    if data_dir() == CHECKOUT_DATA:
        return CHECKOUT_DATA / "krisebot.db"
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "krisebot.db"


DEFAULT_DB: Final = default_db()
DEFAULT_RAW: Final = default_raw()


@dataclass(frozen=True)
class Settings:
    db_path: Path = DEFAULT_DB
    raw_dir: Path = DEFAULT_RAW
    token: str = field(default="", repr=False)
    base_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    log_level: str = "WARNING"
    bot_username: str = ""
    redis_url: str = field(default="", repr=False)
    http_port: int = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from the environment; keyword overrides (from CLI options) win."""
        env = os.environ if env is None else env
        settings = cls(
            db_path=Path(env.get(DB) or default_db()),
            raw_dir=Path(env.get(RAW_DIR) or default_raw()),
            token=env.get(TOKEN, "").strip(),
            base_url=env.get(BASE_URL, "").strip(),
            webhook_secret=env.get(WEBHOOK_SECRET, "").strip(),
            log_level=(env.get(LOG_LEVEL) or "WARNING").upper(),
            bot_username=env.get(BOT_USERNAME, "").strip().lstrip("@"),
            redis_url=env.get(REDIS_URL, "").strip(),
            http_port=_port(env.get(HTTP_PORT, "")),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)


def _port(text: str) -> int:
    """A TCP port, or 0 (none) for an empty or invalid value."""
    text = text.strip()
    return int(text) if text.isdigit() and 0 < int(text) < 65536 else 0
