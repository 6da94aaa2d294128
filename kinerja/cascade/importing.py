"""Importing a cascade file into a year's tree: the office's sasaran come from the year's plan (with
their PK indicators as IKU), the programs, kegiatan and sub-kegiatan from the file; a sasaran the
plan lacks is the tree's own (:mod:`kinerja.cascade.sasaran`). What each row of the file became, and
every node and indicator the save drops, is said in the summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kinerja.cascade.checks import draft_warnings
from kinerja.cascade.codes import is_kemendagri
from kinerja.cascade.drawn import unit_key
from kinerja.cascade.identity import said
from kinerja.cascade.kinds import CASCADE_KINDS, FileKind, Recognised, file_kind
from kinerja.cascade.reading import CascadeRead, read_cascade
from kinerja.cascade.reference import NamesFilled, with_official_names
from kinerja.cascade.sasaran import Proposal, close_pairs, plan_nodes
from kinerja.cascade.sasaran import plan_sasaran_nodes as plan_sasaran_nodes  # where callers have found it
from kinerja.cascade.stored import (
    DraftNode,
    NodeIndicator,
    draft_from_edited,
    dropped_links,
    nodes_for_editing,
    save_tree,
    tree_problems,
)
from kinerja.cascade.tree import Level
from kinerja.domain.numbers import plain_number
from kinerja.domain.problems import InputRejected, Problem, shown
from kinerja.storage.store import Store


def unit_names(store: Store) -> dict[str, str]:
    """The units a drawing's unit headings may name, by name or code ("BAGIAN PERTANIAN" → its code)."""
    units: dict[str, str] = {}
    for code, name in store.rows("SELECT code, name FROM unit ORDER BY code"):
        units.setdefault(unit_key(name), code)
        units.setdefault(unit_key(code), code)
    return units


@dataclass(frozen=True)
class CascadeSummary:
    """What an import did: the nodes saved (sasaran from the plan, the rest from the file), and
    what became of each of the file's rows."""

    year: int
    from_plan: int  # the plan's sasaran
    from_file: int
    read: CascadeRead

    plan_tujuan: int = 0  # the plan's tujuan above its sasaran
    dropped: tuple[str, ...] = ()  # crosscutting links whose node the file no longer has
    merged: Joined | None = None  # what joining the file to the tree did
    named: NamesFilled | None = None  # official names the nomenclature gave nodes the file gave codes only
    warnings: tuple[Problem, ...] = ()  # what the save does not refuse but the planner should see
    recognised: Recognised | None = None  # what the file was read as
    first: FirstSasaran | None = None  # the tree's own sasaran, and those proposed as the PK's
    losses: Losses | None = None  # the nodes and indicators of the tree the save drops, or keeps

    @property
    def _tujuan(self) -> str:
        return f" (dan {self.plan_tujuan} tujuan di atasnya)" if self.plan_tujuan else ""

    def renamed_line(self) -> str | None:
        """The made codes that took the file's Kemendagri codes, and the file's nodes without one
        joined to the tree's node of the same level and name, if any."""
        said = []
        if self.merged and self.merged.renamed:
            pairs = "; ".join(f"{old} → {new}" for old, new in self.merged.renamed)
            said.append(f"Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): {pairs}.")
        if self.merged and self.merged.by_name:
            pairs = "; ".join(f"{node} → {code}" for node, code in self.merged.by_name)
            said.append(
                f"Simpul berkas tanpa kode Kemendagri digabung ke simpul pohon (tingkat dan nama sama): {pairs}."
            )
        return " ".join(said) or None

    def dropped_line(self) -> str | None:
        """The crosscutting links the save drops with their nodes, if any."""
        if not self.dropped:
            return None
        return (
            f"Tautan crosscutting yang ikut terhapus karena simpulnya tidak ada di berkas: {'; '.join(self.dropped)}."
        )

    def sasaran_lines(self) -> list[str]:
        """The tree's own sasaran (the PK lacks them) and the proposals joined as the PK's."""
        return self.first.lines(self.year) if self.first else []

    def loss_lines(self) -> list[str]:
        """Every node and indicator of the tree the save drops, and the indicators it keeps."""
        return self.losses.lines() if self.losses else []

    def lines(self) -> list[str]:
        counts = self.read.accounting()
        said = ", ".join(f"{n} {what}" for what, n in counts.items())
        lines = [
            f"Pohon kinerja {self.year} disimpan: {self.from_plan} sasaran{self._tujuan} dari rencana, "
            f"{self.from_file} simpul dari berkas (tujuan, program, kegiatan, sub kegiatan)"
            + (
                f", digabung dengan pohon yang ada: {self.merged.updated} simpul diperbarui, {self.merged.added} "
                f"ditambahkan, {self.merged.kept} tetap."
                if self.merged
                else "."
            ),
            (f"Dibaca sebagai {self.recognised.said()}. " if self.recognised else "") + f"Baris berkas: {said}.",
        ]
        lines += [line for line in (self.renamed_line(), self.dropped_line()) if line]
        lines += self.sasaran_lines() + self.loss_lines()
        lines += self.named.lines() if self.named else []
        lines += [str(problem) for problem in shown(self.warnings)]
        lines += [
            f"  {sheet} baris {row}: {what}" for sheet, row, what in self.read.rows if what.startswith("dilewati")
        ]
        return lines


def import_cascade(
    store: Store,
    year: int,
    content: bytes,
    file_name: str,
    *,
    dry_run: bool = False,
    demo: bool = False,
    merge: bool = False,
    recognised: Recognised | None = None,
    accepted: Mapping[str, str] | None = None,
    similar: bool = False,
    replace_indicators: bool = False,
) -> CascadeSummary:
    """Read ``file_name`` and save the year's tree (all or nothing). A program's "Sasaran" cell may
    name the sasaran by its code or by its name as the plan writes it. With ``merge``, the file's
    nodes join the year's tree instead of replacing it: a node of the same code is updated (what
    the file leaves blank stays as it was), a new code is added, the rest of the tree stays (a
    Kertas Kerja for the upper levels, then SIPD's sub-kegiatan list with the pagu). A file that is
    not a cascade (a plan, quarterly data, the nomenclature, a tree drawn with text boxes) is refused
    with what it is and where it goes (``recognised``: what ``file_kind`` made of it, if known).

    A sasaran the year's plan lacks is the tree's own, with the file's indicators and targets; one
    worded close to a PK sasaran is proposed as it and joined only where ``accepted`` (the file's
    wording → the PK sasaran's code) says so, or every proposal with ``similar``. Replacing the
    tree, a node that stays keeps the indicators the file does not mention, unless
    ``replace_indicators``; the summary lists every node and indicator the save drops."""
    recognised = recognised or file_kind(content, file_name)
    if refused := recognised.refusal(CASCADE_KINDS):
        raise InputRejected([refused])
    plan = plan_nodes(store, year)
    before = draft_from_edited(store, year, nodes_for_editing(store, year))
    existing = before if merge else []
    aliases = {said(wording): code for wording, code in (accepted or {}).items()}
    read = _read(store, year, content, file_name, plan, existing, recognised, aliases)
    proposals = _proposals(plan, read, aliases)
    if similar and proposals:
        aliases |= {said(p.name): p.goal for p in proposals}
        read = _read(store, year, content, file_name, plan, existing, recognised, aliases)
        proposals = _proposals(plan, read, aliases)
    plan = [
        replace(
            n,
            parent_code=read.placed.get(n.code, n.parent_code),
            indicators=(*n.indicators, *read.added.get(n.code, ())),
        )
        for n in plan
    ]
    nodes, merged = [*plan, *read.nodes], None
    if merge:
        nodes, merged = joined(existing, plan, read)
    kept = []
    if not merge and not replace_indicators:
        nodes, kept = _keep_unmentioned(before, nodes)
    problems = read.problems + tree_problems(store, year, nodes)
    if any(p.severity == "error" for p in problems):
        raise InputRejected(problems)
    warnings = problems + draft_warnings(nodes, file_name) + _proposal_warnings(proposals, read)
    dropped = dropped_links(store, year, nodes)
    if not dry_run:
        save_tree(store, year, nodes, demo=demo)
    counted = [n.level for n in plan]
    first = FirstSasaran(
        tuple((n.code, n.name) for n in read.nodes if n.level is Level.SASARAN_OPD),
        tuple((wording, code) for wording, code in _named_as(aliases, read)),
        tuple(proposals),
    )
    return CascadeSummary(
        year,
        counted.count(Level.SASARAN_OPD),
        len(read.nodes),
        read,
        counted.count(Level.TUJUAN_OPD),
        tuple(dropped),
        merged,
        read.named,
        tuple(warnings),
        recognised,
        first,
        losses(before, nodes, merged, kept),
    )


def _read(
    store: Store,
    year: int,
    content: bytes,
    file_name: str,
    plan: list[DraftNode],
    existing: list[DraftNode],
    recognised: Recognised,
    aliases: dict[str, str],
) -> CascadeRead:
    """The file read against the year's plan (``aliases``: a file's wording of a sasaran the
    planner accepted as a PK sasaran → its code), official names filled from the nomenclature."""
    names = {
        level: {n.code: n.code for n in plan if n.level is level}
        | {" ".join(n.name.split()): n.code for n in plan if n.level is level}
        for level in (Level.SASARAN_OPD, Level.TUJUAN_OPD)
    }
    taken = {n.code for n in plan} | {n.code for n in existing}  # a code made in the file names no other node
    read = read_cascade(
        content,
        file_name,
        names[Level.SASARAN_OPD] | aliases,
        tujuan=names[Level.TUJUAN_OPD],
        taken=taken,
        units=unit_names(store),
    )
    read.nodes, read.named, nameless = with_official_names(store, read.nodes)
    read.problems += nameless
    if recognised.kind is FileKind.DRAWING:
        read.rows += [
            (sheet, 1, f"dilewati: {recognised.shapes[sheet]} kotak teks (shape) di sheet ini; isinya tidak dibaca")
            for sheet in recognised.sheets
            if recognised.shapes.get(sheet)
        ]
    return read


def _proposals(plan: list[DraftNode], read: CascadeRead, aliases: dict[str, str]) -> list[Proposal]:
    """The file's own sasaran worded close to a PK sasaran the file does not name."""
    named = set(read.placed) | {n.parent_code for n in read.nodes} | set(aliases.values())
    waiting = [(n.code, n.name) for n in plan if n.level is Level.SASARAN_OPD and n.code not in named]
    own = [(n.code, n.name) for n in read.nodes if n.level is Level.SASARAN_OPD]
    return close_pairs(own, waiting)


def _named_as(aliases: dict[str, str], read: CascadeRead) -> list[tuple[str, str]]:
    """The accepted proposals the file used: (its wording, the PK sasaran's code)."""
    return [(wording, code) for wording, code in aliases.items() if code in read.placed or any(
        n.parent_code == code for n in read.nodes)]  # fmt: skip


def _proposal_warnings(proposals: list[Proposal], read: CascadeRead) -> list[Problem]:
    where = {n.code: n.where for n in read.nodes}
    return [
        Problem(
            f'sasaran berkas "{p.name}" (disimpan sebagai sasaran pohon {p.code}) mirip sasaran PK {p.goal} '
            f'"{p.goal_name}": sama? Terima usulannya di halaman Pohon Kinerja, atau impor dengan --join-similar; '
            "tidak ada yang digabung tanpa diminta",
            where[p.code].file,
            where[p.code].sheet,
            where[p.code].row,
            severity="warning",
        )
        for p in proposals
    ]


@dataclass(frozen=True)
class FirstSasaran:
    """The file's sasaran the PK lacks (code, wording: the tree's own), the file's wordings joined
    to a PK sasaran as the planner accepted (wording, PK code), and the proposals left."""

    own: tuple[tuple[str, str], ...] = ()
    accepted: tuple[tuple[str, str], ...] = ()
    proposals: tuple[Proposal, ...] = ()

    def lines(self, year: int) -> list[str]:
        lines = []
        if self.own:
            listed = "; ".join(f'{code} "{name}"' for code, name in self.own)
            lines.append(
                f"Sasaran pohon yang belum ada di PK {year} (disimpan dengan indikator dan targetnya dari berkas): "
                f"{listed}."
            )
        if self.accepted:
            listed = "; ".join(f'"{wording}" → {code}' for wording, code in self.accepted)
            lines.append(f"Sasaran berkas yang diterima sebagai sasaran PK: {listed}.")
        return lines


@dataclass(frozen=True)
class Losses:
    """What a save drops of the stored tree: its nodes (with their indicators) and the indicators
    of nodes that stay; and the indicators it keeps that the file did not mention."""

    nodes: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        lines = []
        if self.nodes:
            lines.append(f"Terhapus dari pohon ({len(self.nodes)} simpul yang tidak ada di berkas): "
                         + "; ".join(self.nodes) + ".")  # fmt: skip
        if self.indicators:
            lines.append(f"Indikator yang terhapus ({len(self.indicators)}): " + "; ".join(self.indicators) + ".")
        if self.kept:
            lines.append(
                f"Indikator yang tidak disebut berkas tetap pada simpulnya ({len(self.kept)}): "
                + "; ".join(self.kept)
                + " (pilih mengganti indikator, atau --replace-indicators, untuk menghapusnya)."
            )
        return lines


def _indicator_key(indicator: NodeIndicator) -> str:
    return indicator.indicator_code or said(indicator.name)


def _said_indicator(code: str, indicator: NodeIndicator) -> str:
    target = indicator.target_text or (None if indicator.target is None else plain_number(indicator.target))
    return f'{code}: "{indicator.name}"' + (f" (target {target})" if target else "")


def _keep_unmentioned(before: list[DraftNode], nodes: list[DraftNode]) -> tuple[list[DraftNode], list[str]]:
    """Replacing the tree: each node that stays (by its Kemendagri code, or a made code with the same
    level and name) keeps the stored indicators the file does not mention (by PK code or wording),
    after the file's; and what was kept, said."""
    stored = {n.code: n for n in before}
    kept: list[str] = []
    out = []
    for node in nodes:
        old = stored.get(node.code)
        if (
            old is not None
            and old.level is node.level
            and (is_kemendagri(node.code) or said(old.name) == said(node.name))
        ):
            given = {_indicator_key(i) for i in node.indicators}
            more = [i for i in old.indicators if _indicator_key(i) not in given]
            kept += [_said_indicator(node.code, i) for i in more]
            node = replace(node, indicators=(*node.indicators, *more)) if more else node
        out.append(node)
    return out, kept


def losses(before: list[DraftNode], nodes: list[DraftNode], merged: Joined | None, kept: list[str]) -> Losses:
    """Every node of ``before`` (the stored tree) that ``nodes`` no longer has, with its indicators,
    and every indicator of a node that stays that it no longer carries (a made code a file's code
    replaced, ``merged.renamed``, is the same node)."""
    renamed = dict(merged.renamed) if merged else {}
    after = {n.code: n for n in nodes}
    gone, dropped = [], []
    for old in before:
        new = after.get(renamed.get(old.code, old.code))
        if new is None:
            count = f", {len(old.indicators)} indikator" if old.indicators else ""
            gone.append(f'{old.code} "{old.name}" ({old.level.word}{count})')
            dropped += [_said_indicator(old.code, i) for i in old.indicators]
            continue
        given = {_indicator_key(i) for i in new.indicators}
        dropped += [_said_indicator(old.code, i) for i in old.indicators if _indicator_key(i) not in given]
    return Losses(tuple(gone), tuple(dropped), tuple(kept))


def joined(existing: list[DraftNode], plan: list[DraftNode], read: CascadeRead) -> tuple[list[DraftNode], Joined]:
    """The year's tree with a file's nodes joined to it, and what the joining did. The plan's
    nodes come from the plan, each where the tree had it unless the file places it (a tujuan keeps
    its indicators unless the file gives some). A file's node is the tree's node of the same code,
    else the tree's node of the same level and name (case and spacing aside) under the same parent
    (any parent where the file names none), where one of the two codes was made: a node the tree
    holds under a made code ("S1.1") takes the file's Kemendagri code ("S1.1 → 1.02.02"), a file's
    node without one takes the tree's code, and the nodes under either follow. The joined node is
    updated in its place with what the file gives; the rest of the tree stays; a new node is added."""
    planned = {node.code for node in plan}
    same = _same_nodes(existing, planned, read.nodes)
    renamed = {tree: file for file, tree in same.items() if is_kemendagri(file) and not is_kemendagri(tree)}

    def final(code: str | None, file: bool = False) -> str | None:
        """A code of the tree (or of the file) as the joined tree writes it."""
        if code is None:
            return None
        code = same.get(code, code) if file else code
        return renamed.get(code, code)

    before = {node.code: node for node in existing}
    given = {final(node.code, file=True): node for node in read.nodes}
    nodes: dict[str, DraftNode] = {}
    for node in plan:
        old = before.get(node.code)
        if node.code in read.placed:
            node = replace(node, parent_code=final(read.placed[node.code], file=True))
        elif old is not None:
            node = replace(node, parent_code=final(old.parent_code))
        if old is not None and node.level is Level.TUJUAN_OPD and not node.indicators:
            node = replace(node, indicators=old.indicators)
        nodes[node.code] = node
    updated = kept = 0
    for old in existing:
        if old.code in nodes:
            continue
        old = replace(old, code=final(old.code), parent_code=final(old.parent_code))
        new = given.get(old.code)
        if new is None:
            kept += 1
            nodes[old.code] = old
            continue
        updated += 1
        nodes[old.code] = replace(
            new,
            code=old.code,
            parent_code=final(new.parent_code, file=True) or old.parent_code,
            unit_code=new.unit_code or old.unit_code,
            official=new.official or old.official,
            official_nip=new.official_nip or old.official_nip,
            pagu=_given(new.pagu, old.pagu),
            spending=_given(new.spending, old.spending),
            pagu_subtotal=_given(new.pagu_subtotal, old.pagu_subtotal),
            spending_subtotal=_given(new.spending_subtotal, old.spending_subtotal),
            indicators=new.indicators or old.indicators,
        )
    fresh = [
        replace(node, code=code, parent_code=final(node.parent_code, file=True))
        for code, node in given.items()
        if code not in nodes
    ]
    nodes.update((node.code, node) for node in fresh)
    by_name = tuple(
        (f'{node.level.word} "{node.name}"', tree)
        for node in read.nodes
        if (tree := same.get(node.code)) and tree not in renamed
    )
    return list(nodes.values()), Joined(updated, len(fresh), kept, tuple(renamed.items()), by_name)


def _given(new: float | None, old: float | None) -> float | None:
    return new if new is not None else old


@dataclass(frozen=True)
class Joined:
    """What joining a file to the tree did: nodes updated, added, kept as they were, the made
    codes that took a file's Kemendagri code (old, new), and the file's nodes without a Kemendagri
    code joined to the tree's node of the same level and name (the file's node, the tree's code)."""

    updated: int
    added: int
    kept: int
    renamed: tuple[tuple[str, str], ...] = ()
    by_name: tuple[tuple[str, str], ...] = ()


_LEVEL_ORDER = {level: n for n, level in enumerate(Level)}


def _same_nodes(existing: list[DraftNode], planned: set[str], read: list[DraftNode]) -> dict[str, str]:
    """A file's node code → the code of the tree's node it is, where the two codes differ: the
    same level and name under the same parent (upper levels first, so that the parent of a node
    is known as the tree's by the time the node is matched), one of the two codes made."""
    codes = {node.code for node in existing}
    waiting: dict[tuple[Level, str], list[DraftNode]] = {}
    for node in existing:
        if node.code not in planned:
            waiting.setdefault((node.level, said(node.name)), []).append(node)
    same: dict[str, str] = {}
    for node in sorted(read, key=lambda n: _LEVEL_ORDER[n.level]):
        if node.code in codes:
            continue
        parent = same.get(node.parent_code, node.parent_code) if node.parent_code else None
        candidates = waiting.get((node.level, said(node.name)), [])
        match = next(
            (
                old
                for old in candidates
                if (parent is None or old.parent_code == parent)
                and not (is_kemendagri(old.code) and is_kemendagri(node.code))
            ),
            None,
        )
        if match is not None:
            candidates.remove(match)
            same[node.code] = match.code
    return same
