"""Prometheus metrics (prometheus-client), one registry per application.

What is counted, and nothing that points to a person: updates by intent and topic, the time
from an update's arrival to its answer, Telegram errors and retries by method and kind,
deletions by outcome, and the number of state keys. No chat id, user id or text is ever a
label value.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The application's metrics and the registry ``/metrics`` renders."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter("krisebot_updates", "Updates answered, by intent and topic",
                               ["intent", "topic"], registry=r)  # fmt: skip
        self.latency = Histogram("krisebot_reply_seconds",
                                 "Seconds from an update's turn to its answer",
                                 buckets=LATENCY_BUCKETS, registry=r)  # fmt: skip
        self.telegram_errors = Counter("krisebot_telegram_errors",
                                       "Failed Bot API calls, by method and error kind",
                                       ["method", "kind"], registry=r)  # fmt: skip
        self.telegram_retries = Counter("krisebot_telegram_retries",
                                        "Bot API calls sent again, by method",
                                        ["method"], registry=r)  # fmt: skip
        self.deletions = Counter("krisebot_deletions",
                                 "Messages by deletion outcome: deleted, refused (Telegram "
                                 "says it cannot be deleted), failed (kept, retried)",
                                 ["outcome"], registry=r)  # fmt: skip
        self.state_keys = Gauge("krisebot_state_keys", "Keys in the state backend",
                                registry=r)  # fmt: skip
        self.state_up = Gauge("krisebot_state_up", "1 when the state backend answers",
                              registry=r)  # fmt: skip
        for outcome in ("deleted", "refused", "failed"):
            self.deletions.labels(outcome)

    def reply(self, intent: str, topic: str | None) -> None:
        self.updates.labels(intent or "none", topic or "none").inc()
