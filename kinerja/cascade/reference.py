"""The national nomenclature put to use on an office's pohon kinerja: its Kemendagri codes checked
against the reference in force (a code the nomenclature lacks, a retired code with its successor, a
name other than the official one), official names filled in where a file gives codes only, and the
standard indicator, satuan and definisi operasional proposed for a sub-kegiatan without an indicator,
to be accepted by the planner (never stored on their own)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

import pandas as pd

from kinerja.cascade.codes import is_kemendagri, level_of
from kinerja.cascade.nomenclature import REGION_KINDS, reference_version
from kinerja.cascade.stored import DraftNode, NodeIndicator, draft_from_edited, nodes_for_editing, save_tree
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.domain.numbers import fmt_number
from kinerja.domain.problems import Problem
from kinerja.storage.settings import office_settings
from kinerja.storage.store import Store

_LEVELS = {Level.PROGRAM: "program", Level.KEGIATAN: "kegiatan", Level.SUB_KEGIATAN: "code"}

_ENTRIES_SQL = """
SELECT row_number, region_kind, program_code, program_name, kegiatan_code, kegiatan_name, code, name,
       output, indicator, measure_unit, spm, previous_code
FROM nomenclature_entry WHERE version_id = ? ORDER BY row_number
"""


@dataclass(frozen=True)
class Standard:
    """A sub-kegiatan as the nomenclature gives it: its output, indicator and satuan (the definisi
    operasional is read with :func:`definitions`, by ``row``)."""

    row: int
    region_kind: str | None
    code: str
    name: str
    output: str | None
    indicator: str | None
    measure_unit: str | None
    spm: bool | None


@dataclass
class Reference:
    """The reference in force, read for lookups: names by (level, code) and region kind, the
    sub-kegiatan's standards, and the codes retired by a successor. ``region_kind``: the office's
    (Pengaturan), where chosen: entries of the other kind are left out."""

    version: int
    label: str
    region_kind: str
    names: dict[tuple[Level, str], dict[str | None, list[str]]] = field(default_factory=dict)
    standards: dict[str, list[Standard]] = field(default_factory=dict)
    successors: dict[str, list[tuple[str | None, str, str]]] = field(default_factory=dict)

    def _fits(self, kind: str | None) -> bool:
        return not self.region_kind or kind is None or kind == self.region_kind

    def official_names(self, level: Level, code: str) -> dict[str | None, list[str]]:
        """Each region kind's names for ``code`` (most used first); an office's support program
        ``1.02.01…`` is the nomenclature's ``X.XX.01…``."""
        for key in _reference_codes(code):
            found = {k: v for k, v in self.names.get((level, key), {}).items() if self._fits(k)}
            if found:
                return found
        return {}

    def standard(self, code: str) -> list[Standard]:
        for key in _reference_codes(code):
            found = [s for s in self.standards.get(key, []) if self._fits(s.region_kind)]
            if found:
                return found
        return []

    def successor(self, code: str) -> list[tuple[str | None, str, str]]:
        """(region kind, code, name) of the sub-kegiatan that replaced ``code``, if it is retired."""
        return [s for s in self.successors.get(code, []) if self._fits(s[0])]


def load_reference(store: Store) -> Reference | None:
    """The reference in force, for the office's region kind; None before any version is loaded.
    Read once per data version."""
    version = reference_version(store)
    if version is None:
        return None
    kind = office_settings(store).region_kind
    return store.memo(("nomenklatur", version, kind), lambda: _reference(store, *version, kind))


def _reference(store: Store, version: int, label: str, kind: str) -> Reference:
    frame = store.df(_ENTRIES_SQL, [version])
    found = Reference(version, label, kind)
    counted: dict[tuple[Level, str], dict[str | None, Counter]] = {}
    for row in frame.itertuples(index=False):
        region = row.region_kind if isinstance(row.region_kind, str) else None
        for level, code, name in (
            (Level.PROGRAM, row.program_code, row.program_name),
            (Level.KEGIATAN, row.kegiatan_code, row.kegiatan_name),
            (Level.SUB_KEGIATAN, row.code, row.name),
        ):
            counted.setdefault((level, code), {}).setdefault(region, Counter())[name] += 1
        spm = None if pd.isna(row.spm) else bool(row.spm)
        standard = Standard(
            row.row_number,
            region,
            row.code,
            row.name,
            _text(row.output),
            _text(row.indicator),
            _text(row.measure_unit),
            spm,
        )
        found.standards.setdefault(row.code, []).append(standard)
        if isinstance(row.previous_code, str):
            found.successors.setdefault(row.previous_code, []).append((region, row.code, row.name))
    found.names = {
        key: {k: [n for n, _ in c.most_common()] for k, c in kinds.items()} for key, kinds in counted.items()
    }
    for old in list(found.successors):  # a code still current for its region kind is not retired there
        current = {s.region_kind for s in found.standards.get(old, [])}
        found.successors[old] = [s for s in found.successors[old] if s[0] not in current and None not in current]
    return found


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _reference_codes(code: str) -> list[str]:
    """``code`` and, for a support program's code (``1.02.01``, ``1.02.01.2.01.0001``), the
    nomenclature's own spelling of it (``X.XX.01…``), which every office writes with its bidang."""
    parts = code.split(".")
    if len(parts) >= 3 and parts[2] == "01" and parts[0] != "X":
        return [code, ".".join(["X", "XX", *parts[2:]])]
    return [code]


def _said(name: str) -> str:
    """A name as compared: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split())


def _kinds(names: dict[str | None, list[str]]) -> str:
    """'provinsi: A; kabupaten/kota: B' (or the one name where every kind says the same)."""
    firsts = {kind: listed[0] for kind, listed in names.items()}
    if len({_said(n) for n in firsts.values()}) == 1:
        return f"«{next(iter(firsts.values()))}»"
    return "; ".join(f"{REGION_KINDS.get(k, 'semua pemda')}: «{n}»" for k, n in firsts.items())


# --- checks ---------------------------------------------------------------------------------------

_NODES_SQL = """
SELECT n.code, n.level, n.name, count(ci.id) AS indicators
FROM cascade_node n LEFT JOIN cascade_indicator ci ON ci.node_id = n.id
WHERE n.year = ? AND n.level IN ('program', 'kegiatan', 'sub_kegiatan')
GROUP BY ALL
ORDER BY min(n.position)
"""
UNKNOWN, RETIRED, OTHER_NAME, PROPOSED = (
    "Kode tidak ada di nomenklatur",
    "Kode lama nomenklatur",
    "Nama berbeda dari nomenklatur",
    "Usulan indikator nomenklatur",
)


def nomenclature_findings(store: Store, year: int) -> list[tuple[str, str, str, str]]:
    """(check, code, name, message) for each program, kegiatan and sub-kegiatan of the year's tree
    with a Kemendagri code that the reference in force does not have (a retired code names its
    successor), whose name is not the official one, or (a sub-kegiatan without an indicator) for
    which the nomenclature has a standard indicator to propose. Nothing before a version is loaded."""
    reference = load_reference(store)
    if reference is None:
        return []
    version = f"nomenklatur Kemendagri versi {reference.version}"
    found = []
    for code, level, name, indicators in store.rows(_NODES_SQL, [year]):
        level = Level(level)
        if not is_kemendagri(code) or level_of(code) is not level:
            continue
        names = reference.official_names(level, code)
        if not names:
            later = reference.successor(code) if level is Level.SUB_KEGIATAN else []
            if later:
                instead = "; ".join(
                    f"{c} «{n}»" + (f" untuk {REGION_KINDS[k]}" if k and not reference.region_kind else "")
                    for k, c, n in later
                )
                found.append((RETIRED, code, name, f"kode ini sudah diganti dengan {instead} ({version})"))
            else:
                found.append((UNKNOWN, code, name, f"{level.word} dengan kode ini tidak ada di {version}"))
            continue
        if name and _said(name) not in {_said(n) for listed in names.values() for n in listed}:
            choose = "" if len(names) == 1 or reference.region_kind else "; pilih jenis pemda di Pengaturan"
            found.append((OTHER_NAME, code, name, f"nama resmi: {_kinds(names)}{choose}"))
        if level is Level.SUB_KEGIATAN and not indicators:
            proposal = _proposal(reference.standard(code), name)
            if proposal is not None and proposal.indicator:
                unit = f" (satuan {proposal.measure_unit})" if proposal.measure_unit else ""
                said = (
                    f"belum punya indikator; usulan: «{proposal.indicator}»{unit}, perencana dapat menerimanya di "
                    "bawah tabel ini"
                )
                found.append((PROPOSED, code, name, said))
    return found


def _proposal(standards: list[Standard], name: str) -> Standard | None:
    """The one standard that fits a node: the only one, else the one of the node's own name."""
    if len({(s.indicator, s.measure_unit) for s in standards}) == 1:
        return standards[0]
    named = [s for s in standards if _said(s.name) == _said(name)]
    return named[0] if len(named) == 1 else None


# --- indicator proposals --------------------------------------------------------------------------

PROPOSAL_COLUMNS = ["Kode", "Sub Kegiatan", "Kinerja", "Indikator", "Satuan", "Definisi Operasional"]


def indicator_proposals(store: Store, year: int) -> pd.DataFrame:
    """The standard output, indicator, satuan and definisi operasional of each sub-kegiatan of the
    year's tree that has no indicator yet, as the nomenclature in force gives them."""
    reference = load_reference(store)
    rows = []
    if reference is not None:
        for code, level, name, indicators in store.rows(_NODES_SQL, [year]):
            if level != Level.SUB_KEGIATAN or indicators:
                continue
            proposal = _proposal(reference.standard(code), name)
            if proposal is not None and proposal.indicator:
                rows.append((code, name, proposal.output, proposal.indicator, proposal.measure_unit, proposal.row))
    frame = pd.DataFrame(rows, columns=[*PROPOSAL_COLUMNS[:-1], "row"])
    texts = definitions(store, reference.version, frame["row"].tolist()) if reference is not None else {}
    frame["Definisi Operasional"] = frame["row"].map(texts)
    return frame.drop(columns="row")[PROPOSAL_COLUMNS]


def definitions(store: Store, version: int, rows: list[int]) -> dict[int, str | None]:
    """The definisi operasional of the given rows of a version (long texts, read only when shown)."""
    if not rows:
        return {}
    return dict(
        store.rows(
            "SELECT row_number, definition FROM nomenclature_entry WHERE version_id = ? AND list_contains(?, row_number)",
            [version, rows],
        )
    )


def accept_proposals(store: Store, year: int, codes: list[str]) -> int:
    """Give each sub-kegiatan of ``codes`` that still has no indicator the nomenclature's standard
    indicator and satuan (its target is the planner's to set); the tree is saved as the page's
    editors save it. Returns how many nodes got one."""
    proposals = indicator_proposals(store, year).set_index("Kode")
    chosen = [code for code in dict.fromkeys(codes) if code in proposals.index]
    if not chosen:
        return 0

    def standard(code: str) -> NodeIndicator:
        row = proposals.loc[code]
        return NodeIndicator(str(row["Indikator"]), IndicatorKind.OUTPUT, _text(row["Satuan"]))

    nodes = draft_from_edited(store, year, nodes_for_editing(store, year))
    save_tree(
        store,
        year,
        [replace(n, indicators=(standard(n.code),)) if n.code in chosen and not n.indicators else n for n in nodes],
    )
    return len(chosen)


# --- names for codes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamesFilled:
    """The nodes a file gave a code and no name, named from the reference in force."""

    label: str
    filled: tuple[str, ...]

    def lines(self) -> list[str]:
        if not self.filled:
            return []
        return [
            f"Nama resmi dari nomenklatur «{self.label}» diisi untuk {fmt_number(len(self.filled), 0)} simpul yang di "
            f"berkas hanya berkode: {', '.join(self.filled)}."
        ]


def with_official_names(
    store: Store, nodes: list[DraftNode]
) -> tuple[list[DraftNode], NamesFilled | None, list[Problem]]:
    """``nodes`` with the official name given to each program, kegiatan and sub-kegiatan that has a
    Kemendagri code and no name (the file gave codes only), what was filled (None when no node
    lacks a name), and a problem at each such node the reference cannot name: a node is never
    saved without a name."""
    nameless = [n for n in nodes if n.level in _LEVELS and not n.name.strip() and is_kemendagri(n.code)]
    if not nameless:
        return nodes, None, []
    reference = load_reference(store)
    names: dict[str, str] = {}
    problems = []
    for node in nameless:
        found = reference.official_names(node.level, node.code) if reference else {}
        firsts = {_said(listed[0]): listed[0] for listed in found.values()}
        if len(firsts) == 1:
            names[node.code] = next(iter(firsts.values()))
            continue
        if reference is None:
            why = "belum ada nomenklatur Kemendagri yang dimuat (Pengaturan) untuk mengisi nama resmi dari kodenya"
        elif firsts:
            why = f"kodenya bernama lain untuk provinsi dan kabupaten/kota ({_kinds(found)}): pilih jenis pemda di Pengaturan"
        else:
            why = f"kodenya tidak ada di nomenklatur Kemendagri versi {reference.version}"
        where = node.where
        problems.append(Problem(f"nama kosong; {why}, atau tulis namanya di berkas", where.file, where.sheet,
                                where.row, where.column, node.code))  # fmt: skip
    done = [replace(n, name=names[n.code]) if n.code in names and not n.name.strip() else n for n in nodes]
    return done, NamesFilled(reference.label, tuple(names)) if reference and names else None, problems
