"""Read SSB's JSON-stat2 responses (PxWebApi v2, and v0 data responses) into tidy figures.

The ``value`` array is flat, row-major in the order of ``id`` (the last dimension varies
fastest). Cells carrying a symbol have ``value`` null and the symbol in ``status``:
``.`` (not possible), ``..`` (figures missing), ``:`` (suppressed); the symbol is kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

METRIC = "ContentsCode"
TIME = "Tid"
SYMBOLS = {
    ".": "ikke mulig å oppgi tall",
    "..": "tallgrunnlag mangler",
    ":": "vises ikke av konfidensialitetshensyn",
    "...": "oppgave mangler foreløpig",
    "-": "null",
}


class JsonStatError(ValueError):
    """The document is not a JSON-stat2 dataset this reader understands."""


@dataclass(frozen=True)
class Cell:
    """One cell: a code and label per dimension, the value (None for symbols) and status."""

    codes: Mapping[str, str]
    labels: Mapping[str, str]
    value: float | None
    status: str


def _categories(dimension: Mapping[str, Any]) -> list[str]:
    index = dimension.get("category", {}).get("index")
    if isinstance(index, dict):
        return [code for code, _ in sorted(index.items(), key=lambda kv: kv[1])]
    if isinstance(index, list):
        return [str(code) for code in index]
    labels = dimension.get("category", {}).get("label", {})
    if len(labels) == 1:
        return list(labels)
    raise JsonStatError("dimension without a category index")


def _status_at(status: Any, position: int) -> str:
    if isinstance(status, dict):
        return str(status.get(str(position), ""))
    if isinstance(status, list) and position < len(status):
        return str(status[position] or "")
    return ""


def cells(doc: Mapping[str, Any]) -> Iterator[Cell]:
    """Every cell of a JSON-stat2 dataset, in the document's order."""
    if doc.get("class") != "dataset" or "id" not in doc or "dimension" not in doc:
        raise JsonStatError("not a JSON-stat2 dataset (class, id and dimension are required)")
    ids: list[str] = list(doc["id"])
    dims = [doc["dimension"][d] for d in ids]
    codes = [_categories(d) for d in dims]
    size = list(doc.get("size") or [len(c) for c in codes])
    if size != [len(c) for c in codes]:
        raise JsonStatError("size does not match the dimensions' categories")
    values = doc.get("value", [])
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(_product(size))]
    if len(values) != _product(size):
        raise JsonStatError(f"expected {_product(size)} values, found {len(values)}")
    status = doc.get("status", {})
    for position, combo in enumerate(itertools.product(*codes)):
        labels = {
            d: str(dims[i].get("category", {}).get("label", {}).get(code, code))
            for i, (d, code) in enumerate(zip(ids, combo, strict=True))
        }
        raw = values[position]
        yield Cell(
            codes=dict(zip(ids, combo, strict=True)),
            labels=labels,
            value=None if raw is None else float(raw),
            status=_status_at(status, position),
        )


def _product(numbers: list[int]) -> int:
    out = 1
    for n in numbers:
        out *= int(n)
    return out


def table_id(doc: Mapping[str, Any]) -> str:
    px = doc.get("extension", {}).get("px", {})
    if px.get("tableid"):
        return str(px["tableid"])
    label = str(doc.get("label", ""))
    return label.split(":", 1)[0].strip() if ":" in label else label


def units(doc: Mapping[str, Any]) -> dict[str, str]:
    metric = doc.get("dimension", {}).get(METRIC, {})
    raw = metric.get("category", {}).get("unit", {})
    return {code: str(u.get("base", "")) for code, u in raw.items()}


def tidy_rows(doc: Mapping[str, Any], source_url: str) -> list[dict[str, Any]]:
    """The dataset as rows of the ``figures`` table (see ``bot.pipeline.ssb``)."""
    tid = table_id(doc)
    unit_of = units(doc)
    updated = str(doc.get("updated", ""))
    rows = []
    for cell in cells(doc):
        others = [d for d in cell.codes if d not in (METRIC, TIME)]
        period = cell.codes.get(TIME, "")
        rows.append(
            {
                "table_id": tid,
                "publisher": "SSB",
                "region_code": " / ".join(cell.codes[d] for d in others),
                "region_label": " / ".join(cell.labels[d] for d in others),
                "year": int(period[:4]) if period[:4].isdigit() else None,
                "period": period,
                "measure": cell.labels.get(METRIC, ""),
                "contents_code": cell.codes.get(METRIC, ""),
                "value": cell.value,
                "value_text": "",
                "unit": unit_of.get(cell.codes.get(METRIC, ""), ""),
                "qualifier": "exact" if cell.value is not None else "",
                "status": cell.status,
                "source_url": source_url,
                "source_quote": f"{doc.get('label', '')} (oppdatert {updated})".strip(),
                "note": SYMBOLS.get(cell.status, ""),
                "origin": "ssb_api",
            }
        )
    return rows
