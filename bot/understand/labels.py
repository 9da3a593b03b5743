"""The ids of intents and topics (``shared/understanding/TAXONOMY.md``): the contract between
the examples in ``data/curated/examples/``, the models, the answers, ``krisebot eval`` and tests.
"""

from __future__ import annotations

from typing import Final

INTENTS: Final = (
    "emergency", "centre", "clarify", "stats", "disclosure", "help", "smalltalk", "unknown",
)  # fmt: skip

#: Intents the model learns. ``clarify`` is the matcher's call (a name that fits two places), so
#: its examples teach the model ``centre``.
MODEL_INTENTS: Final = tuple(i for i in INTENTS if i != "clarify")

TOPICS: Final = (
    "krisesenter", "is_it_violence", "safety_plan", "police", "protection", "legal_help",
    "children", "honour_control", "sexual_assault", "men", "friends_family", "violence_users",
    "phone_safety", "migrants", "elderly", "money_housing", "emergency_numbers", "overview",
)  # fmt: skip

#: Intents that carry a topic.
WITH_TOPIC: Final = frozenset({"help", "disclosure"})

LANGS: Final = ("nb", "nn", "en", "other")

NO_TOPIC: Final = "-"  # in example files; ``None`` in code and JSON


def model_intent(intent: str) -> str:
    """The label the intent model is trained on for an example's ``intent``."""
    return "centre" if intent == "clarify" else intent
