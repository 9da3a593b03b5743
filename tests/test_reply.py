"""Reply: the caption cut to Telegram's limit never breaks a tag or an entity, and keeps 112."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.answers.reply import CAPTION_LIMIT, Reply, fit
from bot.text import t
from bot.text.format import esc

FOOTER = t("nb", "footer")


@given(st.lists(st.text(min_size=0, max_size=120), min_size=1, max_size=40))
def test_fit_cuts_at_whole_lines_and_keeps_the_footer(lines: list[str]) -> None:
    body = "\n".join(f"<b>{esc(line)}</b> &amp; more" for line in lines)
    html = f"Her er tallene.\n\n{body}\n\n{FOOTER}"
    cut = fit(html, CAPTION_LIMIT)
    assert len(cut) <= CAPTION_LIMIT
    assert cut.endswith(FOOTER)
    assert cut.count("<b>") == cut.count("</b>")
    assert not re.search(r"&[a-z#0-9]*(?![a-z#0-9;])", cut.replace("&amp;", "").replace(
        "&lt;", "").replace("&gt;", "").replace("&quot;", "").replace("&#x27;", ""))  # fmt: skip
    if len(html) <= CAPTION_LIMIT:
        assert cut == html
    else:
        assert "\n…\n\n" in cut


def test_caption_html_of_a_long_reply() -> None:
    html = "Her er tallene.\n\n" + "\n".join(["<b>Hallingdal &amp; co</b>: 256 kr"] * 80)
    reply = Reply("stats", html + "\n\n" + FOOTER, "nb")
    assert len(reply.caption_html) <= CAPTION_LIMIT
    assert reply.caption_html.endswith(FOOTER)
    assert reply.caption_html.splitlines()[0] == "Her er tallene."
