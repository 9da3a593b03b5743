"""Reading the stored models: the rows of ``schema.MODEL_PARTS`` and the library that fitted them.

A model is stored as named parts, each JSON or a raw little-endian float64 array with its shape
(never pickle); the pipeline writes them (``bot.pipeline.stored_models``) and
``bot.understand.features`` builds its ``Vectoriser`` and ``LinearModel`` from what is read here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from bot.schema import META

#: The table the model parts live in.
MODEL_PARTS: Final = "model_parts"
Connection = sqlite3.Connection  # the database the models are stored in


class ModelError(Exception):
    """A stored model is missing, broken, or built by other feature or library versions."""


@dataclass(frozen=True)
class StoredModel:
    """The parts of one stored model: part -> (shape, or ``json``; the bytes)."""

    name: str
    parts: dict[str, tuple[str, bytes]]

    def array(self, part: str) -> npt.NDArray[np.float64]:
        shape, data = self.parts[part]
        out = np.frombuffer(data, dtype="<f8").astype(np.float64)
        return out.reshape(tuple(json.loads(shape)))

    def json(self, part: str) -> Any:
        return json.loads(self.parts[part][1].decode())


def read_model(conn: Connection, name: str) -> StoredModel:
    """The parts of model ``name``; ``ModelError`` if there are none."""
    try:
        rows = conn.execute(
            f"SELECT part, shape, data FROM {MODEL_PARTS} WHERE model = ?", (name,)
        ).fetchall()
    except sqlite3.Error as exc:
        raise ModelError(f"no stored models ({exc})") from exc
    if not rows:
        raise ModelError(f"model {name!r} is not in the database")
    return StoredModel(name, {str(r[0]): (str(r[1]), bytes(r[2])) for r in rows})


def meta_value(conn: Connection, key: str) -> str | None:
    """A value of the build's ``_meta`` (such as the scikit-learn version that fitted the
    models); ``ModelError`` if ``_meta`` cannot be read."""
    try:
        row = conn.execute(f"SELECT value FROM {META} WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error as exc:
        raise ModelError(f"cannot read _meta: {exc}") from exc
    return str(row[0]) if row else None
