"""The checks no spreadsheet makes of a pohon kinerja, each naming the node to open: an indicator
without a target, a node without an indicator, a sub-kegiatan that no sasaran reaches, a sasaran
with no program under it, budget that no IKU accounts for, crosscutting the other office has not
accepted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kinerja.cascade.links import LinkStatus
from kinerja.cascade.reference import nomenclature_findings
from kinerja.cascade.tree import Level
from kinerja.domain.numbers import fmt_percent, fmt_rupiah
from kinerja.storage.store import Store

_NODES_SQL = """
SELECT n.id, n.level, n.code, n.name, n.parent_id, n.pagu, n.position,
       count(ci.id) AS indicators, count(ci.id) FILTER (WHERE ci.target IS NULL AND ci.target_text IS NULL) AS untargeted
FROM cascade_node n LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
WHERE n.year = ?
GROUP BY ALL
ORDER BY n.position
"""


@dataclass(frozen=True)
class Finding:
    """One thing a check found: which check, the node's code and name, and what is wrong."""

    check: str
    code: str
    name: str
    message: str


def tree_checks(store: Store, year: int) -> list[Finding]:
    """Every finding of every check over the year's tree, in the tree's order within each check."""
    nodes = store.df(_NODES_SQL, [year])
    if nodes.empty:
        return []
    parent = dict(zip(nodes["id"], nodes["parent_id"], strict=True))
    level = dict(zip(nodes["id"], nodes["level"], strict=True))
    found: list[Finding] = []

    def say(check: str, row, message: str) -> None:
        found.append(Finding(check, row.code, row.name, message))

    rows = list(nodes.itertuples(index=False))
    for row in rows:
        if row.untargeted:
            say("Indikator tanpa target", row, f"{row.untargeted} indikator belum bertarget")
    for row in rows:
        if not row.indicators:
            say("Simpul tanpa indikator", row, f"{Level(row.level).word} ini belum punya indikator")
    reached = {i: _reaches_sasaran(i, parent, level) for i in nodes["id"]}
    for row in rows:
        if row.level == Level.SUB_KEGIATAN and not reached[row.id]:
            say("Sub kegiatan tak terhubung", row, "tidak berada di bawah sasaran mana pun")
    has_program = {p for i, p in parent.items() if level[i] == Level.PROGRAM}
    for row in rows:
        if row.level == Level.SASARAN_OPD and row.id not in has_program:
            say("Sasaran tanpa program", row, "belum ada program yang mendukung sasaran ini")
    budget = nodes[nodes["level"] == Level.SUB_KEGIATAN]
    total = float(budget["pagu"].sum())
    stray = budget[~budget["id"].map(reached) & budget["pagu"].notna()]
    if total > 0 and len(stray):
        share = float(stray["pagu"].sum()) / total * 100
        for row in stray.itertuples(index=False):
            say(
                "Anggaran tanpa IKU",
                row,
                f"pagu {fmt_rupiah(row.pagu)} tidak mendukung IKU mana pun "
                f"(seluruhnya {fmt_percent(share)} dari pagu sub kegiatan)",
            )
    for code, name, office, other, status, reason in store.rows(_WAITING_SQL, [year]):
        with_other = f"{office} ({other})" if other else office
        if status == LinkStatus.REFUSED:
            found.append(Finding("Crosscutting ditolak", code, name, f"ditolak oleh {with_other}: {reason}"))
        else:
            found.append(Finding("Crosscutting menunggu", code, name, f"tautan ke {with_other} belum disetujui"))
    found += [Finding(*said) for said in nomenclature_findings(store, year)]  # the national nomenclature's checks
    return found


_WAITING_SQL = """
SELECT n.code, n.name, l.other_office, trim(concat_ws(' ', l.other_code, l.other_name)), l.status, l.reason
FROM cascade_link l JOIN cascade_node n ON n.id = l.node_id
WHERE n.year = ? AND l.status <> 'diterima'
ORDER BY n.position, l.id
"""


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a page or a sheet shows them."""
    return pd.DataFrame(
        [(f.check, f.code, f.name, f.message) for f in findings], columns=["Pemeriksaan", "Kode", "Simpul", "Temuan"]
    )


def _reaches_sasaran(node: int, parent: dict, level: dict) -> bool:
    seen = set()
    while node is not None and not pd.isna(node) and node not in seen:
        if level.get(node) == Level.SASARAN_OPD:
            return True
        seen.add(node)
        node = parent.get(node)
    return False
