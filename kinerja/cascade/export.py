"""The Kertas Kerja Cascading: the tree's nodes and indicators in order, as an Excel workbook."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook

from kinerja.workbook.writing import workbook_bytes, write_sheet

_CASCADE_LEVELS = (
    ("tujuan_pemda", "Tujuan Pemda"),
    ("sasaran_pemda", "Sasaran Pemda"),
    ("tujuan_opd", "Tujuan PD"),
    ("sasaran_opd", "Sasaran PD"),
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub Kegiatan"),
    ("rhk", "Rencana Hasil Kerja"),
)


def cascade_workbook(
    tree: pd.DataFrame,
    year: int,
    office_name: str,
    links: pd.DataFrame | None = None,
    money: pd.DataFrame | None = None,
) -> bytes:
    """The Kertas Kerja Cascading evaluators ask for: one row per node and indicator in the tree's
    order (each branch under its parent), the node and its indicator in its level's columns, with
    the target, the score to date, the money and the official; the same rows as a plain list
    (``tree`` is :func:`kinerja.cascade.stored.tree_frame`); and the crosscutting links, if any.
    ``money`` (by node code: level, pagu, spending, pagu_total, spending_total) fills a node's first
    row: a sub-kegiatan's pagu and realised spending in "Pagu (Rp)" and "Realisasi (Rp)", so those
    columns sum to the budget; a node above, the sum of the sub-kegiatan under it in the "Subtotal"
    columns, never in the budget's."""
    levels = [(key, word) for key, word in _CASCADE_LEVELS if (tree["level"] == key).any()]
    rows, seen = [], set()
    for record in depth_first(tree).itertuples(index=False):
        row = {f"{word}": None for _, word in levels} | {f"Indikator {word}": None for _, word in levels}
        word = dict(levels)[record.level]
        row[word] = f"{record.code} {record.name}"
        row[f"Indikator {word}"] = record.indicator_name
        first = record.code not in seen
        seen.add(record.code)
        amounts = _amounts(money, record.code) if first else {}
        rows.append(row | {"Target": record.target, "Skor (%)": record.score_pct, **amounts,
                           "Penanggung Jawab": record.official})  # fmt: skip
    ordered = [c for _, word in levels for c in (word, f"Indikator {word}")]
    matrix = pd.DataFrame(rows, columns=[*ordered, "Target", "Skor (%)", *_MONEY_HEADINGS, "Penanggung Jawab"])
    workbook = Workbook()
    write_sheet(workbook.active, f"KERTAS KERJA CASCADING TAHUN {year}", office_name, matrix, _CASCADE_FORMATS)
    workbook.active.title = "Kertas Kerja Cascading"
    listed = tree.rename(columns=_TREE_HEADINGS)[list(_TREE_HEADINGS.values())]
    write_sheet(
        workbook.create_sheet("Daftar Simpul"), f"POHON KINERJA TAHUN {year}", office_name, listed, _CASCADE_FORMATS
    )
    if links is not None and len(links):
        write_sheet(workbook.create_sheet("Crosscutting"), f"CROSSCUTTING TAHUN {year}", office_name, links, {})
    return workbook_bytes(workbook)


_MONEY_HEADINGS = ("Pagu (Rp)", "Realisasi (Rp)", "Subtotal Pagu (Rp)", "Subtotal Realisasi (Rp)")
_CASCADE_FORMATS = {
    "Skor (%)": "0.0",
    **dict.fromkeys(_MONEY_HEADINGS, "#,##0"),
    "Subtotal Pagu di Berkas (Rp)": "#,##0",
}


def _amounts(money: pd.DataFrame | None, code: str) -> dict[str, float | None]:
    """A node's money in the Kertas Kerja's columns: a sub-kegiatan's own, or a branch's subtotal."""
    if money is None or code not in money.index:
        return {}
    node = money.loc[code]
    if node["level"] == "sub_kegiatan":
        return {"Pagu (Rp)": _amount(node["pagu"]), "Realisasi (Rp)": _amount(node["spending"])}
    return {"Subtotal Pagu (Rp)": node["pagu_total"] or None, "Subtotal Realisasi (Rp)": node["spending_total"] or None}


def _amount(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


_TREE_HEADINGS = {
    "level": "Tingkat",
    "code": "Kode",
    "name": "Nama",
    "parent_code": "Kode Induk",
    "unit_code": "Unit",
    "official": "Penanggung Jawab",
    "indicator_code": "Kode Indikator",
    "indicator_name": "Indikator",
    "target": "Target",
    "score_pct": "Skor (%)",
    "pagu": "Pagu (Rp)",
    "pagu_subtotal": "Subtotal Pagu di Berkas (Rp)",
}


def depth_first(tree: pd.DataFrame) -> pd.DataFrame:
    """The tree's rows with each node's branch right under it (a node's indicators stay together)."""
    codes = list(dict.fromkeys(tree["code"]))
    parent_of = dict(zip(tree["code"], tree["parent_code"], strict=True))
    children: dict[object, list[str]] = {}
    for code in codes:
        parent = parent_of[code]
        children.setdefault(parent if isinstance(parent, str) and parent in parent_of else None, []).append(code)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        order.append(code)
        stack.extend(reversed(children.get(code, [])))
    rank = {code: n for n, code in enumerate(order)}
    return tree.assign(_rank=tree["code"].map(rank)).sort_values("_rank", kind="stable").drop(columns="_rank")
