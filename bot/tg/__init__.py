"""The python-telegram-bot layer: a thin shell over ``bot.answers``.

``app`` builds the Application (handlers, the delivery limiter, Defaults, JobQueue, one error
handler). The handlers: ``handlers`` (the conversation), ``forgetting`` (``/slett``, ``/glem``,
automatic deletion), ``inline`` (inline mode), all sharing ``context`` (``send``, the language);
``keyboards`` turns replies into markup. Getting replies out: ``limiter`` (rate limit, 429s,
retries), ``intake`` and ``delivery`` (a bounded backlog, fair per-chat queues), ``ordering``
(order across replicas), ``polling`` and ``webhook``/``webserver`` (taking updates in). Deletion
that keeps its word: ``deletion``, ``deletion_calls``, ``resent``. ``privacy`` owns log
redaction; ``run`` starts (``startup``), serves until a stop (``serving``) and stops cleanly.
"""
