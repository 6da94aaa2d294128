"""One node, one identity, however often a file writes it. Flat lists (the national nomenclature,
SIPD's RKA/DPA exports) repeat the bidang, program and kegiatan as "code name" on every row, and a
Kertas Kerja may write a program again further down: the same code with the same name is one node
(its indicators and amounts joined, a repeated amount counted once); the same code written with two
names, under two parents or with two amounts is one problem naming both and their rows. A node
without a code is the same node where its level and name (case and spacing aside) are written again
under the same parent."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kinerja.cascade.tree import Level
from kinerja.domain.numbers import fmt_rupiah
from kinerja.domain.problems import Problem, row_list


def said(name: str) -> str:
    """A name as it is compared: case and spacing aside."""
    return " ".join(str(name).casefold().split())


@dataclass(frozen=True)
class Place:
    """Where a node was written: the file, sheet, row and the column of its name."""

    file: str
    sheet: str | None
    row: int
    column: str | None = None


@dataclass
class Written:
    """What a file wrote for each code: where its node is in the read nodes, and every name,
    parent and amount written for it with the rows that wrote it."""

    at: dict[str, int] = field(default_factory=dict)
    names: dict[str, dict[tuple[Level, str], tuple[str, list[Place]]]] = field(default_factory=dict)
    parents: dict[str, dict[str, list[Place]]] = field(default_factory=dict)
    amounts: dict[tuple[str, str], dict[float, list[Place]]] = field(default_factory=dict)
    made: dict[tuple[str | None, Level, str], str] = field(default_factory=dict)  # a made code by parent, level, name

    def take(self, nodes: list, node, place: Place) -> tuple[int, bool]:
        """Where ``node`` is in ``nodes`` once read (appended, or joined to the node of its code
        read before), and whether it is new."""
        code = node.code
        self.names.setdefault(code, {}).setdefault((node.level, said(node.name)), (node.name, []))[1].append(place)
        if node.parent_code:
            self.parents.setdefault(code, {}).setdefault(node.parent_code, []).append(place)
        for amount in ("pagu", "spending", "pagu_subtotal", "spending_subtotal"):
            value = getattr(node, amount)
            if value is not None:
                self.amounts.setdefault((code, amount), {}).setdefault(float(value), []).append(place)
        index = self.at.get(code)
        if index is None:
            self.at[code] = len(nodes)
            nodes.append(node)
            return len(nodes) - 1, True
        nodes[index] = joined(nodes[index], node)
        return index, False

    def again(self, code: str, level: Level, name: str, place: Place) -> None:
        """``code``'s node written again, as the row above wrote it (a list repeating its parents)."""
        self.names.setdefault(code, {}).setdefault((level, said(name)), (name, []))[1].append(place)

    def problems(self) -> list[Problem]:
        """One problem per code written two ways (names, parents, amounts), naming both and where."""
        found = []
        for code, names in self.names.items():
            if len(names) > 1:
                said_as = [f'{level.word} "{name}" ({_where(places)})' for (level, _), (name, places) in names.items()]
                found.append(_problem(f"kode {code} tertulis dengan {len(names)} nama: {_and(said_as)}", code, names))
        for code, parents in self.parents.items():
            if len(parents) > 1:
                under = [f"{parent} ({_where(places)})" for parent, places in parents.items()]
                message = f"kode {code} berada di bawah {len(parents)} induk: {_and(under)}; satu simpul satu induk"
                found.append(_problem(message, code, {k: (k, v) for k, v in parents.items()}))
        for (code, amount), values in self.amounts.items():
            if len(values) > 1:
                what = _AMOUNT_WORD[amount]
                listed = [f"{fmt_rupiah(value)} ({_where(places)})" for value, places in values.items()]
                message = f"{what} kode {code} tertulis berbeda: {_and(listed)}; tulis satu angka untuk simpul ini"
                found.append(_problem(message, code, {k: (k, v) for k, v in values.items()}))
        return found


_AMOUNT_WORD = {
    "pagu": "pagu",
    "spending": "realisasi anggaran",
    "pagu_subtotal": "subtotal pagu",
    "spending_subtotal": "subtotal realisasi anggaran",
}


def joined(first, again):
    """The node ``first`` with what ``again`` (the same code written once more) adds: a parent
    where the first gave none, the indicators not yet on it, an amount where the first gave none."""
    names = {said(i.name) for i in first.indicators}
    more = tuple(i for i in again.indicators if said(i.name) not in names)
    return replace(
        first,
        parent_code=first.parent_code or again.parent_code,
        unit_code=first.unit_code or again.unit_code,
        official=first.official or again.official,
        indicators=(*first.indicators, *more),
        **{
            amount: getattr(first, amount) if getattr(first, amount) is not None else getattr(again, amount)
            for amount in ("pagu", "spending", "pagu_subtotal", "spending_subtotal")
        },
    )


def _where(places: list[Place]) -> str:
    """'baris 2–50' (or 'sheet A baris 2, 3; sheet B baris 9' where they span sheets)."""
    sheets: dict[str | None, list[int]] = {}
    for place in places:
        sheets.setdefault(place.sheet, []).append(place.row)
    if len(sheets) == 1:
        return row_list(sorted(set(next(iter(sheets.values())))))
    return "; ".join(f"sheet {sheet} {row_list(sorted(set(rows)))}" for sheet, rows in sheets.items())


def _and(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + f" dan {parts[-1]}" if len(parts) > 1 else parts[0]


def _problem(message: str, code: str, written: dict) -> Problem:
    """The problem at the first place of the second way the code was written."""
    place = list(written.values())[1][1][0]
    return Problem(message, place.file, place.sheet, place.row, place.column, code)
