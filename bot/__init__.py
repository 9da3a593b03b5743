"""Krisebot: finds the right crisis centre (krisesenter) in Norway and the help that exists.

Package layout (imports point one way):
``tg -> answers -> {matching, queries, text} -> {db, schema}`` and ``pipeline -> schema``.
Only ``cli`` knows both sides.
"""

__version__ = "0.1.0"
