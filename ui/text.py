"""User text inside Markdown: names, notes and file names come from many hands and must read as
written, never as links, images, emphasis, colours or HTML."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>!|~$])")  # emphasis, code, links and images, HTML, tables, maths
_LINE_START = re.compile(r"^([-+#>=]|\d+[.)])")  # lists, headings and quotes at the start


# Streamlit's Markdown turns bare "http://…", "www.…" and e-mail addresses into links even when
# escaped; a word joiner (U+2060, invisible) after the colon, the "www" or the "@" keeps them text
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=\bwww)(?=\.)|(?<=\w@)(?=\w)")


def md_escape(text: object) -> str:
    """``text`` as one line with every Markdown character that could change it escaped, bare web
    addresses included (they read as written, and are not links)."""
    line = _INLINE.sub(r"\\\1", " ".join(str(text).split()))
    line = _AUTOLINK.sub("\u2060", line)
    return _LINE_START.sub(r"\\\1", line)
