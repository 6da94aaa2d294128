"""The checks no spreadsheet makes of a pohon kinerja, each naming the node to open: an indicator
without a target, a node without an indicator, a sub-kegiatan that no sasaran reaches, a sasaran
with no program under it, budget that no IKU accounts for, a sub-kegiatan without pagu, a name
twice at one level under one parent, a child whose Kemendagri code is not under its parent's, a
subtotal that differs from the sub-kegiatan under it, crosscutting the other office has not
accepted, a sasaran of the tree the PK does not have (yet), with the PK sasaran it may be. The
checks of the tree's shape run on a draft too: an import's preview warns of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja.cascade.budget import subtotal_gaps, with_totals
from kinerja.cascade.codes import is_kemendagri, parent_code
from kinerja.cascade.identity import said
from kinerja.cascade.links import LinkStatus
from kinerja.cascade.reference import nomenclature_findings
from kinerja.cascade.sasaran import join_plan
from kinerja.cascade.stored import DraftNode
from kinerja.cascade.tree import Level
from kinerja.domain.numbers import fmt_percent, fmt_rupiah
from kinerja.domain.problems import Problem
from kinerja.storage.store import Store

_NODES_SQL = """
SELECT n.id, n.level, n.code, n.name, n.parent_id, n.goal_id, p.code AS parent_code, n.pagu, n.spending, n.pagu_subtotal,
       n.spending_subtotal, n.position,
       count(ci.id) AS indicators, count(ci.id) FILTER (WHERE ci.target IS NULL AND ci.target_text IS NULL) AS untargeted
FROM cascade_node n LEFT JOIN cascade_node p ON p.id = n.parent_id LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
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
    found += _first_sasaran(store, year, rows)
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
    for row in rows:
        if row.level == Level.SUB_KEGIATAN and pd.isna(row.pagu):
            say("Sub kegiatan tanpa pagu", row, "belum berpagu: anggaran cabangnya belum lengkap")
    found += shape_findings(with_totals(nodes))
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


NOT_IN_PK = "Sasaran pohon belum ada di PK"


def _first_sasaran(store: Store, year: int, rows: list) -> list[Finding]:
    """The tree's own sasaran (drawn before the PK, or worded apart from it), each with the PK
    sasaran it may be: the same wording, or a close one to accept or decline."""
    own = [row for row in rows if row.level == Level.SASARAN_OPD and pd.isna(row.goal_id)]
    if not own:
        return []
    pending = join_plan(store, year, dry_run=True)
    same = {tree: goal for tree, goal, _ in pending.joined}
    close = {p.code: p for p in pending.proposals}
    found = []
    for row in own:
        message = f"sasaran ini belum ada di Perjanjian Kinerja {year}; indikator dan targetnya milik pohon"
        if row.code in same:
            message += f"; PK kini punya sasaran bernama sama ({same[row.code]}): gabungkan di tab Pemeriksaan"
        elif row.code in close:
            proposal = close[row.code]
            message += (
                f'; mirip sasaran PK {proposal.goal} "{proposal.goal_name}": terima atau tolak usulannya di tab '
                "Pemeriksaan"
            )
        found.append(Finding(NOT_IN_PK, row.code, row.name, message))
    return found


NAMES_TWICE = "Nama sama dua kali"
CODE_OUTSIDE = "Kode tidak di bawah induknya"
SUBTOTAL_DIFFERS = "Subtotal berbeda dari rinciannya"


def shape_findings(nodes: pd.DataFrame) -> list[Finding]:
    """The checks of the tree's shape and money over ``nodes`` (code, name, level, parent_code, the
    budget's and the subtotals' columns, with :func:`kinerja.cascade.budget.with_totals`), stored or
    a draft: a name twice at one level under one parent (the same node joined twice), a Kemendagri
    code under a parent whose code it does not continue, a subtotal not the sum of its sub-kegiatan."""
    found: list[Finding] = []
    names = dict(zip(nodes["code"], nodes["name"], strict=True))
    first: dict[tuple, str] = {}
    for code, name, level, parent in zip(nodes["code"], nodes["name"], nodes["level"], nodes["parent_code"],
                                         strict=True):  # fmt: skip
        key = (parent if isinstance(parent, str) else None, level, said(name))
        if key in first:
            under = f" di bawah {key[0]}" if key[0] else ""
            found.append(Finding(NAMES_TWICE, code, name, f"{Level(level).word} bernama sama dengan {first[key]}{under}: "
                                 "simpul yang sama dua kali? gabungkan, atau bedakan namanya"))  # fmt: skip
        first.setdefault(key, code)
    for code, name, parent in zip(nodes["code"], nodes["name"], nodes["parent_code"], strict=True):
        expected = parent_code(code) if is_kemendagri(code) else None
        if expected and isinstance(parent, str) and is_kemendagri(parent) and parent != expected:
            found.append(Finding(CODE_OUTSIDE, code, name, f"kodenya di bawah {expected}, tetapi simpul ini berada di "
                                 f"bawah {parent}: periksa kode atau induknya"))  # fmt: skip
    for gap in subtotal_gaps(nodes):
        found.append(Finding(SUBTOTAL_DIFFERS, gap.code, names[gap.code], gap.message))
    return found


def draft_warnings(nodes: Sequence[DraftNode], file_name: str) -> list[Problem]:
    """What an import's preview warns of before saving ``nodes`` (:func:`shape_findings`), each at
    the node's row of the file where it came from the file."""
    columns = ["code", "name", "level", "parent_code", "pagu", "spending", "pagu_subtotal", "spending_subtotal"]
    rows = [(n.code, n.name, str(n.level), n.parent_code, n.pagu, n.spending, n.pagu_subtotal, n.spending_subtotal)
            for n in nodes]  # fmt: skip
    frame = with_totals(pd.DataFrame(rows, columns=columns))
    where = {n.code: n.where for n in nodes}
    warnings = []
    for finding in shape_findings(frame):
        at = where[finding.code] if where[finding.code].file == file_name else Problem("")
        subject = f"{finding.code} {finding.name}"
        warnings.append(Problem(finding.message, at.file, at.sheet, at.row, None, None, "warning", subject))
    return warnings


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
