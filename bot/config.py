"""Settings: the only place that reads ``os.environ``. Frozen; the token never shows in a repr.

Environment variables:
``TELEGRAM_BOT_TOKEN`` (the bot token), ``TELEGRAM_API_BASE_URL`` (another Bot API server),
``KRISEBOT_DB`` (database path), ``KRISEBOT_RAW_DIR`` (the raw sources),
``KRISEBOT_WEBHOOK_SECRET`` (the webhook's secret token), ``KRISEBOT_LOG_LEVEL``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_DIR / "data" / "krisebot.db"
DEFAULT_RAW = PROJECT_DIR / "data" / "raw"


@dataclass(frozen=True)
class Settings:
    db_path: Path = DEFAULT_DB
    raw_dir: Path = DEFAULT_RAW
    token: str = field(default="", repr=False)
    base_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    log_level: str = "WARNING"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from the environment; keyword overrides (from CLI options) win."""
        env = os.environ if env is None else env
        settings = cls(
            db_path=Path(env.get("KRISEBOT_DB") or DEFAULT_DB),
            raw_dir=Path(env.get("KRISEBOT_RAW_DIR") or DEFAULT_RAW),
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            base_url=env.get("TELEGRAM_API_BASE_URL", "").strip(),
            webhook_secret=env.get("KRISEBOT_WEBHOOK_SECRET", "").strip(),
            log_level=(env.get("KRISEBOT_LOG_LEVEL") or "WARNING").upper(),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)
