"""Proof of no behaviour change: record every reply the answer core gives, compare later.

Run: ``python bench/snapshot.py record DIR`` once before a change and
``python bench/snapshot.py compare DIR`` after it. Records, in both languages:

* ``ask_{nb,en}.jsonl``: the output of ``krisebot ask --json -`` (a subprocess) over every query
  of the query set (tests/support/queryset.py, with its danger and nasty inputs) and every
  message of the labelled dev set (measuring use only);
* ``full.jsonl``: the same queries answered in-process, with the HTML, the buttons (label and
  URL) and a hash of any chart, plus the fixed replies and a shared location at every
  municipality's point;
* ``buttons.jsonl``: every button payload the bot can produce (all municipalities, centres,
  help topics, statistics topics and years, charts, then every button found on any reply,
  breadth first), decoded and answered. Callback strings are not recorded: they may change with
  the codec; the replies they decode to may not.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Answerer  # noqa: E402
from bot.answers.actions import SHELL, Action, decode, encode  # noqa: E402
from bot.answers.help import HELP_LINES  # noqa: E402
from bot.answers.reply import Reply  # noqa: E402
from bot.catalog.db import open_readonly  # noqa: E402
from bot.catalog.measures import TOPICS  # noqa: E402
from bot.cli import load_answerer  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.support.queryset import DANGER, NASTY, build  # noqa: E402

DEV_SET = Path("/work/shared/understanding/examples_dev.tsv")
LANGS = ("nb", "en")


def queries(settings: Settings) -> list[str]:
    conn = open_readonly(settings.db_path)
    found = [c.query for c in build(conn)] + DANGER + NASTY
    if DEV_SET.is_file():
        with DEV_SET.open(encoding="utf-8") as f:
            found += [row["message"] for row in csv.DictReader(f, delimiter="\t")]
    return found


def record(reply: Reply) -> dict[str, Any]:
    return {
        **reply.to_json(""),
        "html": reply.html,
        "buttons": [[[b.label, b.url, bool(b.data)] for b in row] for row in reply.buttons],
        "chart": hashlib.sha256(reply.chart).hexdigest() if reply.chart else None,
        "caption": reply.caption_html if reply.chart else None,
    }


def press(answerer: Answerer, data: str, lang: str) -> Reply | str:
    """A button payload -> the reply (or the name of what the shell does itself)."""
    pressed = decode(data)
    if pressed and pressed.action in SHELL:
        return "shell " + ":".join([pressed.action.value, *pressed.args])
    return answerer.press(pressed, lang)


def seeds(answerer: Answerer) -> list[str]:
    """Payloads for every municipality, centre, help topic and statistics choice."""
    cat = answerer.catalog
    out = [encode(Action.MUNICIPALITY, n) for n in sorted(cat.municipalities)]
    out += [encode(Action.NEARBY, n) for n in sorted(cat.municipalities)]
    out += [encode(Action.CENTRE, c) for c in sorted(cat.centres)]
    out += [encode(Action.HELP, h) for h in HELP_LINES]
    for topic in TOPICS:
        years = answerer.stats.stats.years(topic)
        for action in (Action.STATS_TOPIC, Action.CHART):
            out += [encode(action, topic), *(encode(action, topic, y) for y in years)]
    simple = (Action.NOT_MINE, Action.FIND, Action.EMERGENCY, Action.STATS, Action.LANGUAGE,
              Action.DELETE)  # fmt: skip
    out += [encode(a) for a in simple]
    return out + [encode(Action.AUTO_DELETE, m) for m in (15, 60, 0)]


def fixed(answerer: Answerer, lang: str) -> Iterator[tuple[str, Reply]]:
    yield "start", answerer.start(lang)
    yield "unknown", answerer.unknown(lang)
    yield "error", answerer.error(lang)
    yield "find_prompt", answerer.find_prompt(lang)
    yield "stats_overview", answerer.stats_overview(lang)
    yield "emergency", answerer.emergency(lang)
    for number, muni in sorted(answerer.catalog.municipalities.items()):
        yield f"location {number}", answerer.location(muni.lat, muni.lon, lang)
    yield "location bad", answerer.location(91.0, 0.0, lang)
    for q in ("statistikk for Bodø", "kostnad per innbygger 2021", "overnatting 2019"):
        yield f"chart {q}", answerer.answer(q, lang, chart=True)


def run_cli(settings: Settings, qs: list[str], lang: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(settings.db_path), "ask", "--lang", lang,
         "--json", "-"],
        input="\n".join(qs).encode(), capture_output=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return result.stdout.decode()


def snapshot(out: Path) -> dict[str, int]:
    settings = Settings.from_env()
    answerer = load_answerer(settings)
    qs = queries(settings)
    counts: dict[str, int] = {}
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        text = run_cli(settings, qs, lang)
        (out / f"ask_{lang}.jsonl").write_text(text, encoding="utf-8")
        counts[f"ask_{lang}"] = text.count("\n")
    full: list[str] = []
    replies: list[Reply] = []
    for lang in LANGS:
        for q in qs:
            reply = answerer.answer(q, lang)
            replies.append(reply)
            full.append(json.dumps({"q": q, "lang": lang, **record(reply)}, ensure_ascii=False))
        for name, reply in fixed(answerer, lang):
            replies.append(reply)
            full.append(json.dumps({"q": name, "lang": lang, **record(reply)}, ensure_ascii=False))
    (out / "full.jsonl").write_text("\n".join(full) + "\n", encoding="utf-8")
    counts["full"] = len(full)
    lines = buttons(answerer, replies)
    (out / "buttons.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts["buttons"] = len(lines)
    return counts


def buttons(answerer: Answerer, replies: list[Reply]) -> list[str]:
    """Breadth first over every payload: the seeds, then every button on every reply."""
    queue: list[tuple[str, str, str]] = [
        (s, lang, "seed") for lang in LANGS for s in seeds(answerer)
    ]
    for reply in replies:
        queue += [(b.data, reply.lang, b.label) for row in reply.buttons for b in row if b.data]
    seen: set[tuple[str, str]] = set()
    lines: list[str] = []
    while queue:
        data, lang, label = queue.pop(0)
        if (data, lang) in seen:
            continue
        seen.add((data, lang))
        got = press(answerer, data, lang)
        if isinstance(got, str):
            lines.append(
                json.dumps({"label": label, "lang": lang, "shell": got}, ensure_ascii=False)
            )
            continue
        lines.append(json.dumps({"label": label, "lang": lang, **record(got)}, ensure_ascii=False))
        queue += [(b.data, lang, b.label) for row in got.buttons for b in row if b.data]
    return lines


def compare(baseline: Path, fresh: Path) -> bool:
    same = True
    for path in sorted(baseline.glob("*.jsonl")):
        old = path.read_text(encoding="utf-8").splitlines()
        new = (fresh / path.name).read_text(encoding="utf-8").splitlines()
        diff = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        ok = not diff and len(old) == len(new)
        same &= ok
        verdict = "byte-identical" if ok else f"{len(diff)} differ, first at line {diff[:1]}"
        print(f"{path.name}: {len(old)} baseline, {len(new)} now, {verdict}")
    return same


def main() -> None:
    mode, where = sys.argv[1], Path(sys.argv[2])
    if mode == "record":
        print(snapshot(where))
        return
    fresh = where.with_name(where.name + "-now")
    print(snapshot(fresh))
    sys.exit(0 if compare(where, fresh) else 1)


if __name__ == "__main__":
    main()
