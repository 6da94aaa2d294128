"""Indonesian everywhere: every page, opened as the demo's admin (who sees them all), shows no English
word a user would read (labels, placeholders, help, captions, messages, buttons, table headings)."""

import re

import pytest

from tests.pages import app_over

PAGES = [
    "beranda", "dasbor", "pohon", "perencanaan", "unggah", "verifikasi", "rekap", "proses", "laporan",
    "pengaturan", "akun", "audit", "panduan",
]  # fmt: skip
# words of Streamlit's and programmers' English a user of Kinerja must not meet (none is Indonesian)
ENGLISH = re.compile(
    r"\b(the|and|of|with|from|please|click|select|choose|upload|download|submit|save|cancel|delete|search|"
    r"view \d+ more|view less|loading|browse files|drag and drop|no data|none|nan|null|true|false|"
    r"error|warning|settings|show more|show less|dd ?/ ?mm ?/ ?yyyy|yyyy/mm/dd)\b",
    re.IGNORECASE,
)
# proto fields that carry words a person reads
SHOWN_FIELDS = {"label", "body", "placeholder", "help", "caption", "value", "default", "options", "text"}


def _texts(node) -> list[str]:
    """Every readable string of an element tree node and its children."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        for field, value in proto.ListFields():
            if field.name not in SHOWN_FIELDS:
                continue
            if isinstance(value, str):
                found.append(value)
            elif hasattr(value, "__iter__") and not hasattr(value, "ListFields"):
                found += [v for v in value if isinstance(v, str)]
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        found += _texts(child)
    return found


MARKUP = re.compile(
    r"(?<![\w.])/[\w./-]+|<style>.*?</style>|<script>.*?</script>|<[^>]+>|:material/[a-z_]+:|\(https?://[^)]*\)",
    re.DOTALL,
)


def _english(texts: list[str]) -> list[str]:
    read = [MARKUP.sub(" ", t) for t in texts]
    return sorted({f"{m.group(0)!r} in {t.strip()[:80]!r}" for t in read for m in [ENGLISH.search(t)] if m})


@pytest.fixture
def app(small_db_path, monkeypatch):
    yield from app_over(small_db_path, monkeypatch, timeout=120)


def test_the_walk_finds_english_where_there_is_some():
    assert _english(["View 3 more", "Sampai tanggal dd / mm / yyyy", "Nilai: None"]) == [
        "'None' in 'Nilai: None'",
        "'View 3 more' in 'View 3 more'",
        "'dd / mm / yyyy' in 'Sampai tanggal dd / mm / yyyy'",
    ]
    assert _english(["Data TW III 2026 dikembalikan", "Unduh CSV", "Pilih berkas"]) == []


def test_every_page_speaks_indonesian(app):
    app.run()
    offenders = {}
    for page in PAGES:
        app.switch_page(f"views/{page}.py").run()
        assert not app.exception, page
        texts = _texts(app._tree)
        assert texts, f"{page}: the walk read no text"
        if found := _english(texts):
            offenders[page] = found
    assert offenders == {}
