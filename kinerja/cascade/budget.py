"""The tree's money, counted once. A sub-kegiatan's pagu is the budget (SIPD gives pagu per
sub-kegiatan); an amount a file writes on a program, a kegiatan or any level above is a subtotal of
the sub-kegiatan under it: kept apart, checked against them (both figures named when they differ)
and never added. Realised spending alike. Every total of a branch, of the whole tree, of the page's
budget view, the node's detail, the Kertas Kerja and the LKjIP is the sum of the sub-kegiatan under
it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kinerja.cascade.tree import Level
from kinerja.domain.numbers import fmt_percent, fmt_rupiah

# rupiah below this apart are the same figure (a subtotal written from rounded amounts)
_SAME_RUPIAH = 0.5
_MONEY = {"pagu": "pagu", "spending": "realisasi anggaran"}


def sums_under(codes: Sequence[str], parents: Sequence[object], amounts: Sequence[object]) -> list[float]:
    """For each node (``codes[i]`` under ``parents[i]``), its own amount with every amount under it.
    ``amounts`` are the budget's own (the sub-kegiatan's), so the sum is the leaves'. A parent that
    is not among ``codes`` counts as the top; a loop in the parents is not followed twice."""
    totals = [0.0 if a is None or pd.isna(a) else float(a) for a in amounts]
    children: dict[str | None, list[int]] = {}
    known = set(codes)
    for index, parent in enumerate(parents):
        children.setdefault(parent if isinstance(parent, str) and parent in known else None, []).append(index)
    order: list[int] = []
    stack, seen = list(children.get(None, [])), set()
    while stack:  # parents before children, then summed children first
        index = stack.pop()
        if index in seen:
            continue
        seen.add(index)
        order.append(index)
        stack.extend(children.get(codes[index], []))
    for index in reversed(order):
        totals[index] += sum(totals[child] for child in children.get(codes[index], []) if child in seen)
    return totals


def with_totals(nodes: pd.DataFrame) -> pd.DataFrame:
    """``nodes`` (code, parent_code, pagu, spending: the sub-kegiatan's own) with ``pagu_total`` and
    ``spending_total``: the sub-kegiatan's pagu and spending at and under each node."""
    codes, parents = nodes["code"].tolist(), nodes["parent_code"].tolist()
    return nodes.assign(
        pagu_total=sums_under(codes, parents, nodes["pagu"].tolist()),
        spending_total=sums_under(codes, parents, nodes["spending"].tolist()),
    )


@dataclass(frozen=True)
class SubtotalGap:
    """A subtotal a file wrote on a node that is not the sum of the sub-kegiatan under it."""

    code: str
    what: str  # "pagu" or "realisasi anggaran"
    written: float
    summed: float
    subs: int  # the sub-kegiatan under the node

    @property
    def message(self) -> str:
        if not self.subs:
            return (
                f"subtotal {self.what} {fmt_rupiah(self.written)} tertulis pada simpul ini, tetapi tidak ada sub "
                f"kegiatan di bawahnya: tidak dihitung dalam anggaran (anggaran = pagu sub kegiatan)"
            )
        return (
            f"subtotal {self.what} {fmt_rupiah(self.written)} berbeda dari jumlah {self.subs} sub kegiatan di "
            f"bawahnya {fmt_rupiah(self.summed)} (selisih {fmt_rupiah(abs(self.written - self.summed))}); "
            f"yang dihitung adalah jumlah sub kegiatan"
        )


def subtotal_gaps(nodes: pd.DataFrame) -> list[SubtotalGap]:
    """Every subtotal (``pagu_subtotal``, ``spending_subtotal``) of ``nodes`` (:func:`with_totals`)
    that differs from the sum of the sub-kegiatan under its node, in the tree's order."""
    subs = sums_under(
        nodes["code"].tolist(), nodes["parent_code"].tolist(), (nodes["level"] == Level.SUB_KEGIATAN).astype(float)
    )
    gaps = []
    for row, count in zip(nodes.itertuples(index=False), subs, strict=True):
        for column, what in _MONEY.items():
            written = getattr(row, f"{column}_subtotal")
            if written is None or pd.isna(written):
                continue
            summed = float(getattr(row, f"{column}_total"))
            if abs(float(written) - summed) >= _SAME_RUPIAH:
                gaps.append(SubtotalGap(row.code, what, float(written), summed, int(count)))
    return gaps


def money_facts(node: pd.Series) -> list[str]:
    """What a node's detail says of its money, in Rp: a sub-kegiatan's pagu and spending (with the
    share spent); a node above them the sum of the sub-kegiatan under it, and a subtotal its file
    wrote where that differs."""
    facts = []
    leaf = node["level"] == Level.SUB_KEGIATAN
    pagu, spent = float(node["pagu_total"]), float(node["spending_total"])
    under = "" if leaf else " (jumlah sub kegiatan di bawahnya)"
    if pagu or spent or (not leaf and pd.notna(node.get("pagu_subtotal"))):
        facts.append(f"pagu {fmt_rupiah(pagu)}{under}")
    if spent:
        share = f" ({fmt_percent(spent / pagu * 100)} dari pagu)" if pagu > 0 else ""
        facts.append(f"realisasi anggaran {fmt_rupiah(spent)}{share}")
    for column, what in _MONEY.items():
        written = node.get(f"{column}_subtotal")
        total = pagu if column == "pagu" else spent
        if written is not None and pd.notna(written) and abs(float(written) - total) >= _SAME_RUPIAH:
            facts.append(f"subtotal {what} di berkas {fmt_rupiah(written)}, tidak dihitung")
    return facts
