"""Charts as PNG bytes (matplotlib, Agg backend), made on demand; matplotlib is imported at
the first chart, not at start-up.

Every chart is a plain bar chart with the values written on the bars, a title naming the year
and a footer naming the source. Bars for figures with a qualifier ("under 50") are drawn in a
lighter colour and labelled with the qualifier, never as if they were exact.

The PNG also carries its title and bars as text (PNG ``tEXt`` chunks ``Title`` and
``Description``, the bars as JSON), so a program, a screen reader tool or a test can read what
the picture shows without looking at pixels.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as MplFigure

BAR = "#1f5f8b"
BAR_QUALIFIED = "#8fb3cc"
DPI = 100


@cache
def _pyplot() -> ModuleType:
    """matplotlib, imported on the first chart only: it is most of the bot's start-up time."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what is written at the bar: "256", "under 50"
    exact: bool = True


def horizontal(bars: Sequence[Bar], title: str, source: str) -> bytes:
    """Sorted horizontal bars, the first bar at the top."""
    height = 1.2 + 0.38 * len(bars)
    fig, ax = _pyplot().subplots(figsize=(8, height), dpi=DPI)
    positions = list(range(len(bars)))
    colours = [BAR if b.exact else BAR_QUALIFIED for b in bars]
    ax.barh(positions, [b.value for b in bars], color=colours, height=0.7)
    ax.set_yticks(positions, [b.label for b in bars], fontsize=9)
    ax.invert_yaxis()
    _finish(fig, ax, bars, title, source, horizontal=True)
    return _png(fig, title, bars)


def vertical(bars: Sequence[Bar], title: str, source: str) -> bytes:
    """Bars over time (years on the x axis)."""
    fig, ax = _pyplot().subplots(figsize=(8, 4.5), dpi=DPI)
    positions = list(range(len(bars)))
    colours = [BAR if b.exact else BAR_QUALIFIED for b in bars]
    ax.bar(positions, [b.value for b in bars], color=colours, width=0.7)
    ax.set_xticks(positions, [b.label for b in bars])
    _finish(fig, ax, bars, title, source, horizontal=False)
    return _png(fig, title, bars)


def _finish(
    fig: MplFigure, ax: Axes, bars: Sequence[Bar], title: str, source: str, horizontal: bool
) -> None:
    for i, bar in enumerate(bars):
        if horizontal:
            ax.text(bar.value, i, f" {bar.text}", va="center", fontsize=9)
        else:
            ax.text(i, bar.value, bar.text, ha="center", va="bottom", fontsize=9)
    top = max((b.value for b in bars), default=1.0) * 1.15 or 1.0
    (ax.set_xlim if horizontal else ax.set_ylim)(0, top)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=11, loc="left")
    fig.text(0.01, 0.01, source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))


def _png(fig: MplFigure, title: str, bars: Sequence[Bar]) -> bytes:
    described = [{"label": b.label, "value": b.value, "text": b.text} for b in bars]
    metadata = {"Title": title, "Description": json.dumps(described), "Software": "Krisebot"}
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata=metadata)
    _pyplot().close(fig)
    return buffer.getvalue()
