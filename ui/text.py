"""User text inside Markdown: names, notes and file names come from many hands and must read as
written, never as links, images, emphasis or HTML."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")


def md_escape(text: object) -> str:
    """``text`` with every Markdown character escaped (and line breaks kept as spaces)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
