"""THE core: text, a location or a button in -> a ``Reply`` out. No Telegram, no SQL, no state.

Entry points (``Answerer``): ``answer(text, lang)`` for free text, ``location(lat, lon, lang)``
for a shared location, ``press(decode(data), lang)`` for a button (``bot.answers.actions``).
"""

from bot.answers.answerer import Answerer
from bot.answers.reply import Button, Reply

__all__ = ["Answerer", "Button", "Reply"]
