"""``python -m bot.cli``: the same as the ``krisebot`` command."""

import sys

from bot.cli import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
