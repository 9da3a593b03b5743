"""The python-telegram-bot layer: a thin shell over ``bot.answers``.

``app`` builds the Application (handlers, AIORateLimiter, Defaults, JobQueue, one error
handler), ``handlers`` holds the short handlers, ``keyboards`` turns replies into markup,
``privacy`` owns log redaction and the in-memory message ids that ``/slett`` needs, ``run``
starts polling or a webhook and turns a rejected token into a fixed message.
"""
