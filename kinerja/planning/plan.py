"""The year's plan: units, tujuan → sasaran, indicators with their PK, Rencana Aksi and Renstra targets,
and programmes with their pagu.

A plan arrives as rows (from the PK + Rencana Aksi workbook, or from the editor on the Perencanaan
page); both go through ``parse_plan_rows`` and ``save_plan``, so the same rules hold wherever a plan
is entered. A plan with any error is refused whole.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja.access.roles import Action, actor_name, require
from kinerja.collection.screening import CellError
from kinerja.collection.spreadsheet import ColumnSpec, Sheet, Table, normalise_label, pattern
from kinerja.domain.achievement import Aggregation, Polarity, Target, roman, target_to_date
from kinerja.domain.numbers import fmt_number, parse_number, plain_number
from kinerja.domain.problems import InputRejected, Problem
from kinerja.domain.vocabulary import (
    AGGREGATION_HELP,
    AGGREGATION_WORD,
    POLARITY_HELP,
    POLARITY_WORD,
    parse_aggregation,
    parse_polarity,
    parse_target,
    parse_yes_no,
)
from kinerja.planning.matching import (
    CHANGED,
    CONTINUED,
    NEW,
    UNCHANGED,
    RowOutcome,
    match_rows,
    outcome_counts,
    proposal_warnings,
)
from kinerja.storage.store import Store, Writer
from kinerja.workflow.review import ANNUAL, ReportState, report_state

_QUARTER = re.compile(
    r"(?:\b(?:tw|triwulan|trw|q)\s*(iv|iii|ii|i|[1-4])\b)|(?:^(?:target|rencana aksi|ra)\s+(iv|iii|ii|i)$)"
)
_NOT_A_TARGET = r"realisasi|capaian|anggaran|\brp\b|\bk\b$"
_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def quarter_in_label(label: str) -> int | None:
    """'target tw ii' → 2, 'rencana aksi triwulan 3' → 3, 'tw i' → 1; None where no quarter is named."""
    match = _QUARTER.search(label)
    if not match:
        return None
    return _QUARTER_NUMBER[match.group(1) or match.group(2)]


def _quarter_target(q: int):
    return lambda label: quarter_in_label(label) == q and not re.search(_NOT_A_TARGET, label)


# The plan sheet's columns: the key, the label the template writes, and the names planners use.
PLAN_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("tujuan", "Tujuan", pattern(r"^tujuan")),
    # not required to find the table: a plan without it takes one sasaran for all its rows (default_sasaran)
    ColumnSpec("sasaran", "Sasaran Strategis", pattern(r"^sasaran", unless=r"target")),
    ColumnSpec("code", "Kode Indikator", pattern(r"^(kode|kode indikator|kode ik|kode iku|no indikator)$")),
    ColumnSpec("name", "Indikator Kinerja", pattern(r"^indikator"), required=True),
    ColumnSpec("measure_unit", "Satuan", pattern(r"^satuan")),
    ColumnSpec(
        "target",
        "Target",
        pattern(
            r"^target\b",
            unless=r"renstra|rpjmd|jangka|" + _NOT_A_TARGET + r"|tw|triwulan|trw|\bq\s*[1-4]\b|rencana aksi|\bra\b",
        ),
        required=True,
    ),
    *(ColumnSpec(f"tw{q}", f"TW {roman(q)}", _quarter_target(q)) for q in (1, 2, 3, 4)),
    ColumnSpec("polarity", "Polaritas", pattern(r"^(polaritas|polarisasi|polarity|arah|sifat indikator)")),
    ColumnSpec(
        "aggregation",
        "Agregasi",
        pattern(
            r"^(agregasi|jenis( target| indikator| data| agregasi)?$|sifat( target| data)?$|cara (perhitungan|pengukuran)|tipe)"
        ),
    ),
    ColumnSpec(
        "unit",
        "Penanggung Jawab",
        pattern(r"^(penanggung ?jawab|pj|unit( kerja)?( penanggung jawab)?|bidang|pelaksana|pic|pengampu)$"),
    ),
    ColumnSpec("is_key", "IKU", pattern(r"^(iku|ik utama)$")),
    ColumnSpec("weight", "Bobot", pattern(r"^bobot")),
    ColumnSpec("baseline", "Baseline", pattern(r"^(baseline|kondisi awal|nilai awal|data awal)")),
    ColumnSpec("renstra", "Target Renstra", pattern(r"^target (renstra|rpjmd|jangka menengah)")),
    ColumnSpec("national_standard", "Standar Nasional", pattern(r"^(standar|standard)")),
    ColumnSpec("reason", "Alasan Selisih RA", pattern(r"^(alasan|keterangan|catatan|penjelasan)")),
    ColumnSpec("definition", "Definisi Operasional", pattern(r"^(definisi|formula|rumus|cara menghitung)")),
    ColumnSpec("data_source", "Sumber Data", pattern(r"^sumber")),
)
PROGRAMME_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode Program", pattern(r"^kode( program)?$")),
    ColumnSpec("name", "Program", pattern(r"^(nama )?program\b"), required=True),
    ColumnSpec(
        "pagu", "Anggaran (Rp)", pattern(r"^(anggaran|pagu|jumlah anggaran|alokasi (anggaran|dana))"), required=True
    ),
    ColumnSpec("sasaran", "Sasaran Strategis", pattern(r"^sasaran")),
    ColumnSpec("unit", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pj|unit( kerja)?|bidang)$")),
)
UNIT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "code", "Kode Unit", pattern(r"^kode( unit| skpd| opd| satker| perangkat daerah)?( kerja)?$"), required=True
    ),
    ColumnSpec(
        "name", "Nama Unit", pattern(r"^nama( unit| skpd| opd| satker| perangkat daerah)?( kerja)?$"), required=True
    ),
    ColumnSpec("parent", "Unit Induk", pattern(r"^(unit )?(induk|atasan)")),
    ColumnSpec("kind", "Jenis", pattern(r"^(jenis|tipe)")),
    ColumnSpec("is_external", "Eksternal", pattern(r"^(eksternal|instansi luar|luar)")),
)
LABEL = {spec.key: spec.label for spec in PLAN_COLUMNS}
EXAMPLE_MARK = "Contoh:"  # the empty template's example rows start their name with this; they are never stored
UNIT_KINDS = ("opd", "sekretariat", "bidang", "subbag", "uptd", "eksternal")


@dataclass(slots=True)
class RowPlace:
    """Where a row came from, so every problem names the file, sheet, row and column."""

    file: str
    sheet: str | None
    row: int | None
    columns: dict[str, str] = field(default_factory=dict)  # key → "F (Polaritas)"

    def problem(self, key: str | None, value: object, message: str, severity: str = "error") -> Problem:
        column = self.columns.get(key) if key else None
        return Problem(message, self.file, self.sheet, self.row, column, value, severity)  # type: ignore[arg-type]


@dataclass
class PlanRow:
    """One indicator of the plan, read and checked."""

    place: RowPlace
    tujuan: str | None
    sasaran: str
    code: str | None
    name: str
    measure_unit: str
    target: Target
    quarters: list[Target | None]
    polarity: Polarity
    aggregation: Aggregation
    unit: str | None
    is_key: bool
    weight: float
    baseline: float | None
    renstra: Target | None
    national_standard: float | None
    reason: str | None
    definition: str | None
    data_source: str | None


@dataclass
class UnitRow:
    place: RowPlace
    code: str
    name: str
    parent: str | None
    kind: str
    is_external: bool


@dataclass
class ProgrammeRow:
    place: RowPlace
    code: str | None
    name: str
    pagu: float
    sasaran: str | None
    unit: str | None


@dataclass(frozen=True)
class ColumnRead:
    """Which column of a file was read as what: shown before the plan is saved."""

    sheet: str
    row: int  # the heading row, 1-based
    letter: str
    heading: str  # as the reader normalised it
    key: str  # what Kinerja reads there, qualified: 'rencana.name', 'unit.code' (kinerja.planning.columns)
    target: str  # the same in words, e.g. "Indikator Kinerja"
    mapped: bool  # by a mapping the planner gave, not by the heading's usual name

    def as_dict(self) -> dict[str, object]:
        return {
            "Sheet": self.sheet,
            "Baris judul": self.row,
            "Kolom": self.letter,
            "Judul di berkas": self.heading,
            "Dibaca sebagai": self.target,
            "Cara": "pemetaan kolom" if self.mapped else "judul dikenali",
        }


@dataclass
class PlanDraft:
    """A plan read from a file or the editor, not yet stored."""

    year: int | None
    source: str
    rows: list[PlanRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    programmes: list[ProgrammeRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    accepted: dict[str, str] = field(default_factory=dict)  # a new code → the existing code the planner accepted
    default_unit: str | None = None  # the unit of rows that name none (a plan without a unit column)
    default_sasaran: str | None = None  # the sasaran of rows that name none (a plan without a sasaran column)
    columns: list[ColumnRead] = field(default_factory=list)  # which column of the file was read as what
    strict: bool = False  # refuse units the plan would create, instead of warning

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class PlanSummary:
    """What a save did, row by row: every indicator row is new, continued, changed or unchanged."""

    year: int
    outcomes: list[RowOutcome]
    goals: int
    units_created: int
    programmes: int
    untouched_indicators: list[str]
    warnings: list[Problem]
    units_named: list[str] = field(default_factory=list)  # units first named in Penanggung Jawab, created
    saved: bool = True  # False when the draft says exactly what is stored: nothing was written

    @property
    def indicators_created(self) -> int:
        return sum(o.status == NEW for o in self.outcomes)

    @property
    def indicators_updated(self) -> int:
        return len(self.outcomes) - self.indicators_created

    def lines(self) -> list[str]:
        counts = outcome_counts(self.outcomes)
        if not self.saved:
            return [
                f"Tidak ada perubahan: {len(self.outcomes)} indikator dan {self.programmes} program "
                f"sama dengan rencana {self.year} yang tersimpan. Tidak ada yang disimpan."
            ] + [str(w) for w in self.warnings]
        lines = [
            f"Rencana kinerja tahun {self.year} disimpan: {self.indicators_created} indikator baru, "
            f"{self.indicators_updated} diperbarui, {self.goals} tujuan/sasaran, {self.programmes} program, "
            f"{self.units_created} unit baru.",
            f"Dari {len(self.outcomes)} baris indikator: {counts[NEW]} baru, {counts[CONTINUED]} lanjutan dari tahun lain, "
            f"{counts[CHANGED]} diubah, {counts[UNCHANGED]} tetap.",
        ]
        lines += [f"{o.code or o.row.code}: {'; '.join(o.changes)}" for o in self.outcomes if o.status == CHANGED]
        if self.units_named:
            lines.append("Unit baru dari kolom Penanggung Jawab: " + ", ".join(self.units_named))
        if self.untouched_indicators:
            lines.append(
                f"{len(self.untouched_indicators)} indikator tahun {self.year} tidak ada di berkas dan tidak diubah: "
                + ", ".join(self.untouched_indicators[:10])
                + (" …" if len(self.untouched_indicators) > 10 else "")
            )
        lines += [str(w) for w in self.warnings]
        return lines


# --- parsing rows ----------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def parse_cell(place: RowPlace, key: str, value: object, problems: list[Problem], parse, expected: str, label: str):
    """``parse(value)``, or None with a problem at the cell saying what was expected there. A date
    where a number belongs (Excel turning "1.5" into 1 May) is refused, not read as a number, and
    so is a cell Excel shows as an error or a formula saved without its result."""
    if isinstance(value, CellError):
        problems.append(place.problem(key, str(value), f"{label}: {value.reason}"))
        return None
    if isinstance(value, dt.date | dt.time):
        problems.append(place.problem(key, value, f"{label} berisi tanggal, bukan {expected}"))
        return None
    try:
        return parse(value)
    except ValueError as exc:
        problems.append(place.problem(key, value, f"{label} harus berupa {expected} ({exc})"))
        return None


def _number(place: RowPlace, key: str, value: object, problems: list[Problem]) -> float | None:
    return parse_cell(place, key, value, problems, parse_number, "angka", LABEL.get(key, key))


def _target(place: RowPlace, key: str, value: object, problems: list[Problem]) -> Target | None:
    return parse_cell(place, key, value, problems, parse_target, "angka atau rentang", LABEL.get(key, key))


def layout_problems(table: Table, columns: dict[str, str], file_name: str, value_keys: set[str]) -> list[Problem]:
    """Where the sheet's layout hides figures: a merged cell across data rows in a column of figures."""
    return [
        RowPlace(file_name, table.sheet.name, row + 1, columns).problem(
            key,
            None,
            f"Sel {span} digabung melintasi beberapa baris data, sehingga baris ini terbaca kosong. "
            "Pisahkan sel itu dan isi angka tiap baris",
        )
        for row, key, span in table.merges_across_rows(value_keys)
    ]


def hidden_row_problem(place: RowPlace, severity: str = "warning") -> Problem:
    """A row hidden in Excel that holds figures: read, but the user must know. In a plan it is an
    error: a hidden row is often an indicator dropped from the PK by hiding rather than deleting."""
    if severity == "error":
        message = "Baris ini disembunyikan di Excel; hapus baris itu bila bukan bagian rencana, atau tampilkan"
    else:
        message = "Baris ini disembunyikan di Excel tetapi angkanya ikut dibaca; pastikan memang dikirim"
    return place.problem(None, None, message, severity)


def hidden_sheet_problem(file_name: str, sheet: Sheet) -> Problem:
    return Problem(
        f"Sheet '{sheet.name}' disembunyikan di Excel; tabelnya tidak dibaca. "
        "Tampilkan sheet itu (klik kanan pada tab → Tampilkan) bila angkanya perlu diimpor",
        file_name,
        sheet.name,
        severity="warning",
    )


def parse_plan_rows(raw_rows: Iterable[tuple[RowPlace, dict[str, object]]]) -> tuple[list[PlanRow], list[Problem]]:
    """Typed plan rows from raw cells, with every problem found; a merged (blank) sasaran or tujuan
    cell takes the value above it."""
    rows: list[PlanRow] = []
    problems: list[Problem] = []
    sasaran = tujuan = None
    for read, (place, raw) in enumerate(raw_rows, start=1):
        if read > GIVE_UP_AFTER and not rows:  # not a plan: say so once instead of thousands of times
            problems.insert(0, _not_a_plan(place, read - 1, problems))
            break
        tujuan = _text(raw.get("tujuan")) or tujuan
        if _text(raw.get("sasaran")):
            sasaran = _text(raw.get("sasaran"))
        name = _text(raw.get("name"))
        if not name:
            if _text(raw.get("target")):
                problems.append(place.problem("name", None, "Indikator Kinerja kosong padahal ada targetnya"))
            continue
        if normalise_label(name).startswith(normalise_label(EXAMPLE_MARK)):
            problems.append(
                place.problem("name", name, "Baris contoh dari templat: dilewati, tidak disimpan", "warning")
            )
            continue
        row = _parse_plan_row(place, raw, tujuan, sasaran, name, problems)
        if row is not None:
            rows.append(row)
    problems += _duplicates(rows)
    return rows, problems


GIVE_UP_AFTER = 200  # rows read without one valid plan row: the table is not a plan


def _not_a_plan(place: RowPlace, read: int, problems: list[Problem]) -> Problem:
    columns = [p.column for p in problems if p.column]
    column = max(set(columns), key=columns.count) if columns else None
    where = f"; kolom {column} tidak berisi yang diharapkan (mis. {problems[0].value!r})" if column else ""
    return Problem(
        f"Berkas ini tampaknya bukan rencana kinerja (PK/Rencana Aksi): {read} baris pertama tidak ada yang sah{where}. "
        "Pembacaan dihentikan",
        place.file,
        place.sheet,
    )


_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|javascript:|\]\(", re.IGNORECASE)  # tags, scripts, [links](…)


def refuse_markup(place: RowPlace, texts: dict[str, object], problems: list[Problem]) -> None:
    """Names are shown on pages and in reports: markup such as ``<script>`` in one is refused, so
    nobody has to trust that every place escapes it. ("< 5 tahun" is not markup.)"""
    for key, value in texts.items():
        if isinstance(value, str) and _MARKUP.search(value):
            problems.append(
                place.problem(key, value, "Berisi tag HTML, skrip atau tautan; tulis nama tanpa tanda < > atau ](")
            )


def _parse_plan_row(
    place: RowPlace, raw: dict[str, object], tujuan: str | None, sasaran: str | None, name: str, problems: list[Problem]
) -> PlanRow | None:
    before = len(problems)
    texts = {"tujuan": tujuan, "sasaran": sasaran, "name": name, "code": raw.get("code")}
    refuse_markup(place, texts | {"measure_unit": raw.get("measure_unit"), "unit": raw.get("unit")}, problems)
    if not sasaran and "sasaran" in raw:  # without the column at all, the draft's default sasaran applies
        problems.append(
            place.problem("sasaran", None, "Sasaran Strategis kosong: setiap indikator harus punya sasaran")
        )
    target = _target(place, "target", raw.get("target"), problems)
    if target is None and len(problems) == before:
        problems.append(place.problem("target", raw.get("target"), "Target kosong: isi target tahunan (PK)"))
    quarters = [_target(place, f"tw{q}", raw.get(f"tw{q}"), problems) for q in (1, 2, 3, 4)]
    polarity = _polarity(place, raw.get("polarity"), target, problems)
    aggregation = _aggregation(place, raw.get("aggregation"), problems)
    is_key = parse_yes_no(raw.get("is_key"))
    if is_key is None:
        problems.append(place.problem("is_key", raw.get("is_key"), "IKU harus diisi Ya atau Tidak"))
    weight = _number(place, "weight", raw.get("weight"), problems)
    if weight is not None and weight < 0:
        problems.append(place.problem("weight", raw.get("weight"), "Bobot tidak boleh negatif"))
    baseline = _number(place, "baseline", raw.get("baseline"), problems)
    renstra = _target(place, "renstra", raw.get("renstra"), problems)
    standard = _number(place, "national_standard", raw.get("national_standard"), problems)
    if len(problems) > before or target is None or polarity is None or aggregation is None:
        return None
    row = PlanRow(
        place,
        tujuan,
        sasaran or "",
        _text(raw.get("code")),
        name,
        _text(raw.get("measure_unit")) or "",
        target,
        quarters,
        polarity,
        aggregation,
        _text(raw.get("unit")),
        bool(is_key),
        1.0 if weight is None else weight,
        baseline,
        renstra,
        standard,
        _text(raw.get("reason")),
        _text(raw.get("definition")),
        _text(raw.get("data_source")),
    )
    problems += check_action_plan(row)
    return row


def _polarity(place: RowPlace, value: object, target: Target | None, problems: list[Problem]) -> Polarity | None:
    if _text(value) is None:
        return Polarity.RANGE if target is not None and target.is_range else Polarity.POSITIVE
    polarity = parse_polarity(value)
    if polarity is None:
        problems.append(place.problem("polarity", value, f"Polaritas tidak dikenal; {POLARITY_HELP}"))
    elif polarity is Polarity.RANGE and target is not None and not target.is_range:
        problems.append(
            place.problem("target", target.low, "Polaritas Rentang membutuhkan target rentang, mis. 80 - 90")
        )
        return None
    return polarity


def _aggregation(place: RowPlace, value: object, problems: list[Problem]) -> Aggregation | None:
    if _text(value) is None:
        return Aggregation.LAST
    aggregation = parse_aggregation(value)
    if aggregation is None:
        problems.append(place.problem("aggregation", value, f"Agregasi tidak dikenal; {AGGREGATION_HELP}"))
    return aggregation


def check_action_plan(row: PlanRow) -> list[Problem]:
    """The Rencana Aksi's target to date at TW IV must equal the PK target, or carry a reason.

    A blank quarter of a SUM indicator counts as 0 (nothing planned that quarter) once any quarter
    is filled; a plan without any quarterly target is a PK without Rencana Aksi and is not checked.
    """
    quarters = row.quarters
    if all(q is None for q in quarters):
        return []
    if row.aggregation is Aggregation.SUM:
        quarters = [q if q is not None else Target(0) for q in quarters]
    year_end = target_to_date(row.aggregation, quarters, 4)
    if year_end is None:
        return [row.place.problem("tw4", None, "Target TW IV kosong padahal target triwulan lain diisi")]
    if year_end.approx_equals(row.target) or row.reason:
        return []
    how = {
        Aggregation.SUM: "jumlah TW I–IV",
        Aggregation.LAST: "target TW IV",
        Aggregation.AVG: "rata-rata TW I–IV",
        Aggregation.RATIO: "target TW IV",
    }[row.aggregation]
    return [
        row.place.problem(
            "tw4",
            fmt_number(year_end.low),
            f"Rencana Aksi ({how} = {fmt_number(year_end.low)}) berbeda dari target PK "
            f"{fmt_number(row.target.low)} untuk indikator {AGGREGATION_WORD[row.aggregation]}; "
            f"samakan, atau tulis alasannya di kolom '{LABEL['reason']}'",
        )
    ]


def _duplicates(rows: Sequence[PlanRow]) -> list[Problem]:
    """Two rows with one code, or without codes and with the same name in the same sasaran for the
    same unit, cannot be told apart: each such row is named, with the others of its group."""
    problems, codes = [], {}
    for row in rows:
        if row.code:
            key = row.code.upper()
            if key in codes:
                problems.append(
                    row.place.problem("code", row.code, f"Kode indikator ganda (sudah dipakai di baris {codes[key]})")
                )
            codes.setdefault(key, row.place.row)
    groups: dict[tuple[str, str, str], list[PlanRow]] = {}
    for row in rows:
        if not row.code:
            key = (normalise_label(row.sasaran), normalise_label(row.unit or ""), normalise_label(row.name))
            groups.setdefault(key, []).append(row)
    for group in groups.values():
        if len(group) > 1:
            where = ", ".join(str(r.place.row) for r in group)
            problems += [
                row.place.problem(
                    "name",
                    row.name,
                    f"Indikator ganda: nama, sasaran dan penanggung jawab sama di baris {where}; "
                    "beri kode indikator tiap baris, atau bedakan namanya",
                )
                for row in group
            ]
    return problems


def parse_unit_rows(raw_rows: Iterable[tuple[RowPlace, dict[str, object]]]) -> tuple[list[UnitRow], list[Problem]]:
    units, problems, seen = [], [], {}
    for place, raw in raw_rows:
        code, name = _text(raw.get("code")), _text(raw.get("name"))
        if not code and not name:
            continue
        if not code or not name:
            problems.append(place.problem("code" if not code else "name", None, "Kode dan nama unit wajib diisi"))
            continue
        if code.upper() in seen:
            problems.append(place.problem("code", code, f"Kode unit ganda (baris {seen[code.upper()]})"))
            continue
        seen[code.upper()] = place.row
        before = len(problems)
        refuse_markup(place, {"code": code, "name": name, "parent": raw.get("parent")}, problems)
        if len(problems) > before:
            continue
        kind = normalise_label(raw.get("kind") or "bidang").replace(" ", "")
        if kind not in UNIT_KINDS:
            problems.append(
                place.problem("kind", raw.get("kind"), "Jenis unit tidak dikenal; gunakan " + ", ".join(UNIT_KINDS))
            )
            continue
        external = parse_yes_no(raw.get("is_external"))
        units.append(UnitRow(place, code, name, _text(raw.get("parent")), kind, bool(external) or kind == "eksternal"))
    return units, problems


def parse_programme_rows(
    raw_rows: Iterable[tuple[RowPlace, dict[str, object]]],
) -> tuple[list[ProgrammeRow], list[Problem]]:
    programmes, problems = [], []
    for place, raw in raw_rows:
        name = _text(raw.get("name"))
        if not name:
            continue
        if normalise_label(name) in {"jumlah", "total", "jumlah total"}:
            continue
        before = len(problems)
        refuse_markup(place, {"name": name, "code": raw.get("code")}, problems)
        if len(problems) > before:
            continue
        try:
            pagu = parse_number(raw.get("pagu"))
        except ValueError as exc:
            problems.append(place.problem("pagu", raw.get("pagu"), f"Anggaran harus berupa angka ({exc})"))
            continue
        if pagu is None or pagu < 0:
            problems.append(place.problem("pagu", raw.get("pagu"), "Anggaran program kosong atau negatif"))
            continue
        programmes.append(
            ProgrammeRow(place, _text(raw.get("code")), name, pagu, _text(raw.get("sasaran")), _text(raw.get("unit")))
        )
    return programmes, problems


# --- checking against what is stored, and saving ---------------------------------------------


def _unit_lookup(store_units: pd.DataFrame, new_units: Sequence[UnitRow]) -> dict[str, str]:
    """normalised code or name → unit code, over stored units and those the draft adds."""
    lookup = {}
    for code, name in zip(store_units["code"], store_units["name"], strict=True):
        lookup[normalise_label(code)] = code
        lookup.setdefault(normalise_label(name), code)
    for unit in new_units:
        lookup[normalise_label(unit.code)] = unit.code
        lookup.setdefault(normalise_label(unit.name), unit.code)
    return lookup


def unit_code_for(name: str, taken: set[str]) -> str:
    """A code for a unit first named in a plan: its name in capitals, e.g. 'BIDANG_KESMAS'."""
    base = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:24] or "UNIT"
    code, number = base, 2
    while code.upper() in taken:
        code, number = f"{base}_{number}", number + 1
    return code


def units_to_create(store: Store | Writer, draft: PlanDraft) -> list[UnitRow]:
    """Units the draft names (in Penanggung Jawab, or as the default unit) that neither the store
    nor its unit sheet has: each becomes a new unit with a code made from its name."""
    stored = _unit_frame(store)
    lookup = _unit_lookup(stored, draft.units)
    taken = {c.upper() for c in stored["code"]} | {u.code.upper() for u in draft.units}
    created: dict[str, UnitRow] = {}
    named = [(r.place, r.unit) for r in [*draft.rows, *draft.programmes] if r.unit]
    if draft.default_unit:
        named.insert(0, (RowPlace(draft.source, None, None), draft.default_unit))
    for place, name in named:
        key = normalise_label(name)
        if key in lookup or key in created:
            continue
        code = name if draft.default_unit == name and re.fullmatch(r"[A-Za-z0-9_.-]{1,24}", name) else None
        code = code if code and code.upper() not in taken else unit_code_for(name, taken)
        taken.add(code.upper())
        created[key] = UnitRow(place, code, name, None, "bidang", False)
    return list(created.values())


def _unit_frame(store: Store | Writer) -> pd.DataFrame:
    cursor = store.cursor if isinstance(store, Writer) else store.cursor()
    return cursor.execute("SELECT code, name FROM unit").df()


def _close_unit(name: str, stored: pd.DataFrame) -> str | None:
    names = {normalise_label(n): f"{c} ({n})" for c, n in zip(stored["code"], stored["name"], strict=True)}
    close = difflib.get_close_matches(normalise_label(name), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def check_plan(store: Store, draft: PlanDraft) -> list[Problem]:
    """Problems that depend on what is stored: parents that do not exist, units the plan would
    create (a warning naming each, or with ``strict`` an error), matches by name, and new codes
    whose name is an existing indicator's."""
    stored = _unit_frame(store)
    units = _unit_lookup(stored, draft.units)
    problems = []
    for unit in draft.units:
        if unit.parent and normalise_label(unit.parent) not in units:
            problems.append(unit.place.problem("parent", unit.parent, "Unit induk tidak dikenal"))
    for unit in units_to_create(store, draft):
        close = _close_unit(unit.name, stored)
        hint = f"; mirip unit {close}: bila sama, tulis kode unit itu" if close else ""
        if draft.strict:
            message = "Unit penanggung jawab tidak dikenal; tambahkan di sheet 'Unit Kerja' atau di halaman Perencanaan"
            problems.append(unit.place.problem("unit", unit.name, message + hint))
        else:
            message = f"Unit baru akan dibuat: '{unit.name}' dengan kode {unit.code}{hint}"
            problems.append(unit.place.problem("unit", unit.name, message, "warning"))
    without = [row for row in draft.rows if not row.sasaran]
    if without and not draft.default_sasaran:
        problems.append(
            without[0].place.problem(
                None,
                None,
                f"{len(without)} indikator tanpa Sasaran Strategis (berkas tidak punya kolom sasaran): pilih sasarannya "
                "di halaman Perencanaan atau berikan --sasaran, atau tambahkan kolom Sasaran Strategis",
            )
        )
    if draft.year is None:
        problems.append(
            Problem("Tahun rencana tidak diketahui: tulis 'TAHUN 2026' pada judul atau berikan --year", draft.source)
        )
    else:
        problems += proposal_warnings(match_rows(store, draft.rows, draft.year, draft.accepted))
    return problems


def plan_outcomes(store: Store, draft: PlanDraft) -> list[RowOutcome]:
    """What saving the draft would do to each indicator row, before it is saved."""
    return match_rows(store, _with_defaults(draft).rows, int(draft.year), draft.accepted)  # type: ignore[arg-type]


def _with_defaults(draft: PlanDraft) -> PlanDraft:
    """Rows that name no unit or sasaran take the one the planner chose for them."""
    for row in draft.rows:
        row.unit = row.unit or draft.default_unit
        row.sasaran = row.sasaran or draft.default_sasaran or ""
    for programme in draft.programmes:
        programme.unit = programme.unit or draft.default_unit
    return draft


def _final_report(store: Store | Writer, year: int) -> int | None:
    """The year's final report that locks its plan: the LKjIP (ANNUAL) first, else the latest quarter."""
    return next((q for q in (ANNUAL, 4, 3, 2, 1) if report_state(store, year, q) is ReportState.FINAL), None)


def plan_year_lock(store: Store | Writer, year: int) -> str | None:
    """Why the year's plan cannot change: its LKjIP or one of its quarterly reports is final (their
    figures come from the plan), and no admin has unlocked the plan for one change (``unlock_plan``)."""
    quarter = _final_report(store, year)
    if quarter is None or _open_unlock(store, year):
        return None
    what = "laporan tahunan (LKjIP)" if quarter == ANNUAL else f"laporan TW {roman(quarter)}"
    return (
        f"Rencana {year} tidak dapat diubah: {what} {year} sudah final, dan angkanya dihitung dari rencana ini. "
        "Admin dapat membuka kunci rencana dengan alasan (tercatat di jejak audit), lalu rencana dapat diubah sekali."
    )


def _open_unlock(store: Store | Writer, year: int) -> int | None:
    return store.scalar("SELECT max(id) FROM plan_unlock WHERE year = ? AND used_at IS NULL", [year])


def unlock_plan(store: Store, year: int, reason: str) -> None:
    """An admin lets a finished year's plan change once, with a reason kept in the audit trail."""
    require(Action.UNLOCK)
    if not reason.strip():
        raise InputRejected([Problem("Tulis alasan membuka kunci rencana: tercatat di jejak audit.")])
    with store.write() as w:
        w.execute(
            "INSERT INTO plan_unlock (id, year, reason, opened_by) VALUES (?, ?, ?, ?)",
            [w.next_id("plan_unlock"), year, reason.strip(), actor_name()],
        )
        w.audit("rencana.buka_kunci", f"rencana {year}", after={"alasan": reason.strip()})


def save_plan(store: Store, draft: PlanDraft, *, demo: bool = False, remove_codes: Sequence[str] = ()) -> PlanSummary:
    """Store a checked plan in one transaction, or raise InputRejected and store nothing.

    What the draft says of an indicator is stored for the draft's year alone: no other year's
    recap, report or template changes. Rows find their indicator as ``kinerja.planning.matching``
    says (code, else name in its sasaran, else a unique name, or a proposal the planner accepted).
    Indicators of that year that the draft does not mention are left as they are and reported,
    unless named in ``remove_codes`` (rows deleted in the editor): those leave the year's plan,
    their realisations are kept.
    """
    draft = _with_defaults(draft)
    problems = draft.problems + check_plan(store, draft)
    nothing = not (draft.rows or draft.units or draft.programmes or remove_codes)
    examples_only = any(p.message.startswith("Baris contoh") for p in problems)
    if nothing and examples_only and not any(p.severity == "error" for p in problems):
        return PlanSummary(
            int(draft.year), [], 0, 0, 0, [], [p for p in problems if p.severity == "warning"], saved=False
        )  # type: ignore[arg-type]
    if nothing and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem(
                "Tidak ada baris rencana yang terbaca: periksa judul kolom (Sasaran Strategis, Indikator Kinerja, Target)",
                draft.source,
            )
        )
    if any(p.severity == "error" for p in problems):
        raise InputRejected(problems)
    require(Action.PLAN)
    year = int(draft.year)  # type: ignore[arg-type]
    warnings = [p for p in problems if p.severity == "warning"]  # skipped rows among them: the summary says so
    if not remove_codes and _changes_nothing(store, draft, year):
        return PlanSummary(year, plan_outcomes(store, draft), 0, 0, len(draft.programmes), [], warnings, saved=False)
    with store.write() as w:
        locked = plan_year_lock(w, year)  # read inside the transaction: nothing can finalise in between
        if locked:
            raise InputRejected([Problem(locked, draft.source)])
        if _final_report(w, year) is not None:
            w.execute("UPDATE plan_unlock SET used_at = current_timestamp WHERE id = ?", [_open_unlock(w, year)])
        new_units = units_to_create(w, draft)
        units_created = _save_units(w, [*draft.units, *new_units], demo)
        unit_ids = {normalise_label(k): v for k, v in _unit_ids(w).items()}
        goal_ids, goals = _save_goals(w, draft.rows, demo)
        outcomes = match_rows(w, draft.rows, year, draft.accepted)
        touched = _save_indicators(w, outcomes, year, goal_ids, unit_ids, demo)
        _save_programmes(w, draft.programmes, year, goal_ids, unit_ids, demo)
        for code in remove_codes:
            indicator = w.scalar("SELECT id FROM indicator WHERE upper(code) = upper(?)", [code])
            w.execute("DELETE FROM target WHERE year = ? AND indicator_id = ?", [year, indicator])
            w.execute("DELETE FROM indicator_plan WHERE year = ? AND indicator_id = ?", [year, indicator])
        untouched = [
            code
            for (code,) in w.cursor.execute(
                "SELECT code FROM indicator_in_year WHERE year = ? ORDER BY 1", [year]
            ).fetchall()
            if code not in touched
        ]
        counts = outcome_counts(outcomes)
        w.audit(
            "rencana.simpan",
            f"rencana {year}",
            after={
                "indikator_baru": counts[NEW],
                "indikator_lanjutan": counts[CONTINUED],
                "indikator_diubah": {o.code: list(o.changes) for o in outcomes if o.status == CHANGED},
                "dicocokkan_dengan_nama": {
                    o.row.name: o.code for o in outcomes if o.matched_by and o.matched_by != "kode"
                },
                "dihapus_dari_tahun": list(remove_codes),
                "unit_baru": [u.code for u in new_units],
                "program": len(draft.programmes),
                "sumber": draft.source,
            },
        )
    return PlanSummary(
        year,
        outcomes,
        goals,
        units_created,
        len(draft.programmes),
        untouched,
        warnings,
        [f"{u.code} ({u.name})" for u in new_units],
    )


def _changes_nothing(store: Store, draft: PlanDraft, year: int) -> bool:
    """Whether the draft says exactly what is stored for the year (a downloaded plan uploaded back)."""
    if not (draft.rows or draft.units or draft.programmes) or units_to_create(store, draft):
        return False
    if any(o.status != UNCHANGED for o in plan_outcomes(store, draft)):
        return False
    stored_units = {str(r["Kode Unit"]).upper(): r for _, r in units_frame(store).iterrows()}
    for unit in draft.units:
        stored = stored_units.get(unit.code.upper())
        if stored is None or (stored["Nama Unit"], stored["Jenis"], bool(stored["Eksternal"])) != (
            unit.name,
            unit.kind,
            unit.is_external,
        ):
            return False
        if normalise_label(unit.parent or "") != normalise_label(
            stored["Unit Induk"] if pd.notna(stored["Unit Induk"]) else ""
        ):
            return False
    stored_programmes = programmes_frame(store, year)
    budgets = {
        (normalise_label(c), normalise_label(n)): p
        for c, n, p in zip(
            stored_programmes["Kode Program"],
            stored_programmes["Program"],
            stored_programmes["Anggaran (Rp)"],
            strict=True,
        )
    }
    return all(  # programmes the draft does not name are kept as they are anyway
        budgets.get((normalise_label(p.code or ""), normalise_label(p.name))) == p.pagu for p in draft.programmes
    )


def _unit_ids(w: Writer) -> dict[str, int]:
    ids = {}
    for uid, code, name in w.cursor.execute("SELECT id, code, name FROM unit ORDER BY id").fetchall():
        ids[code] = uid
        ids.setdefault(name, uid)
    return ids


def _save_units(w: Writer, units: Sequence[UnitRow], demo: bool) -> int:
    created = 0
    for unit in units:
        existing = w.scalar("SELECT id FROM unit WHERE upper(code) = upper(?)", [unit.code])
        if existing is None:
            w.execute(
                "INSERT INTO unit (id, code, name, kind, is_external, demo) VALUES (?, ?, ?, ?, ?, ?)",
                [w.next_id("unit"), unit.code, unit.name, unit.kind, unit.is_external, demo],
            )
            created += 1
        else:
            w.execute(
                "UPDATE unit SET name = ?, kind = ?, is_external = ? WHERE id = ?",
                [unit.name, unit.kind, unit.is_external, existing],
            )
    ids = {normalise_label(k): v for k, v in _unit_ids(w).items()}
    for unit in units:
        parent = ids.get(normalise_label(unit.parent)) if unit.parent else None
        w.execute("UPDATE unit SET parent_id = ? WHERE upper(code) = upper(?)", [parent, unit.code])
    return created


def _goal_id(w: Writer, level: str, name: str, parent_id: int | None, demo: bool) -> int:
    for gid, stored in w.cursor.execute("SELECT id, name FROM goal WHERE level = ?", [level]).fetchall():
        if normalise_label(stored) == normalise_label(name):
            if parent_id is not None:
                w.execute("UPDATE goal SET parent_id = ? WHERE id = ?", [parent_id, gid])
            return gid
    gid = w.next_id("goal")
    prefix = "T" if level == "tujuan" else "S"
    number = w.scalar("SELECT count(*) FROM goal WHERE level = ?", [level]) + 1
    code = f"{prefix}{number}"
    while w.scalar("SELECT 1 FROM goal WHERE code = ?", [code]):
        number += 1
        code = f"{prefix}{number}"
    w.execute(
        "INSERT INTO goal (id, code, level, name, parent_id, demo) VALUES (?, ?, ?, ?, ?, ?)",
        [gid, code, level, name, parent_id, demo],
    )
    return gid


def _save_goals(w: Writer, rows: Sequence[PlanRow], demo: bool) -> tuple[dict[str, int], int]:
    ids: dict[str, int] = {}
    for row in rows:
        key = normalise_label(row.sasaran)
        if key in ids:
            continue
        parent = _goal_id(w, "tujuan", row.tujuan, None, demo) if row.tujuan else None
        ids[key] = _goal_id(w, "sasaran", row.sasaran, parent, demo)
    tujuan = {normalise_label(r.tujuan) for r in rows if r.tujuan}
    return ids, len(ids) + len(tujuan)


def _new_indicator_code(w: Writer) -> str:
    number = w.scalar("SELECT count(*) FROM indicator") + 1
    while w.scalar("SELECT 1 FROM indicator WHERE code = ?", [f"IK{number:03d}"]):
        number += 1
    return f"IK{number:03d}"


_ATTRIBUTES = (
    "goal_id, name, measure_unit, polarity, aggregation, is_key, weight, definition, data_source, unit_id, position"
)


def _save_indicators(
    w: Writer,
    outcomes: Sequence[RowOutcome],
    year: int,
    goal_ids: dict[str, int],
    unit_ids: dict[str, int],
    demo: bool,
) -> set[str]:
    """The year's plan row of each indicator; a new indicator also gets its identity row, and the
    identity row takes the wording of the newest year the indicator is planned in."""
    touched: set[str] = set()
    for position, outcome in enumerate(outcomes, start=1):
        row = outcome.row
        unit_id = unit_ids.get(normalise_label(row.unit)) if row.unit else None
        attributes = [
            goal_ids[normalise_label(row.sasaran)],
            row.name,
            row.measure_unit,
            row.polarity.value,
            row.aggregation.value,
            row.is_key,
            row.weight,
            row.definition,
            row.data_source,
            unit_id,
            position,
        ]
        if outcome.code is None:
            indicator_id, code = w.next_id("indicator"), row.code or _new_indicator_code(w)
            w.execute(
                f"INSERT INTO indicator ({_ATTRIBUTES}, id, code, demo) VALUES ({', '.join('?' * 14)})",
                [*attributes, indicator_id, code, demo],
            )
        else:
            code = outcome.code
            indicator_id = w.scalar("SELECT id FROM indicator WHERE code = ?", [code])
            newest = w.scalar(
                "SELECT max(year) FROM indicator_plan WHERE indicator_id = ? AND year > ?", [indicator_id, year]
            )
            if newest is None:
                assignments = ", ".join(f"{c.strip()} = ?" for c in _ATTRIBUTES.split(","))
                w.execute(f"UPDATE indicator SET {assignments} WHERE id = ?", [*attributes, indicator_id])
        w.execute("DELETE FROM indicator_plan WHERE indicator_id = ? AND year = ?", [indicator_id, year])
        w.execute(
            f"INSERT INTO indicator_plan (indicator_id, year, {_ATTRIBUTES}) VALUES ({', '.join('?' * 13)})",
            [indicator_id, year, *attributes],
        )
        touched.add(code)
        _save_targets(w, indicator_id, year, row)
    return touched


def _save_targets(w: Writer, indicator_id: int, year: int, row: PlanRow) -> None:
    w.execute("DELETE FROM target WHERE indicator_id = ? AND year = ?", [indicator_id, year])
    w.execute("DELETE FROM indicator_year WHERE indicator_id = ? AND year = ?", [indicator_id, year])
    targets = [("pk", 0, row.target)] + [("ra", q, t) for q, t in enumerate(row.quarters, start=1) if t is not None]
    if row.renstra is not None:
        targets.append(("renstra", 0, row.renstra))
    w.executemany(
        "INSERT INTO target VALUES (?, ?, ?, ?, ?, ?)",
        [[indicator_id, year, kind, q, t.low, t.high] for kind, q, t in targets],
    )
    if row.baseline is not None or row.reason or row.national_standard is not None:
        w.execute(
            "INSERT INTO indicator_year VALUES (?, ?, ?, ?, ?)",
            [indicator_id, year, row.baseline, row.reason, row.national_standard],
        )


def _save_programmes(
    w: Writer,
    programmes: Sequence[ProgrammeRow],
    year: int,
    goal_ids: dict[str, int],
    unit_ids: dict[str, int],
    demo: bool,
) -> None:
    all_goals = {
        normalise_label(n): i
        for i, n in w.cursor.execute("SELECT id, name FROM goal WHERE level = 'sasaran'").fetchall()
    }
    for programme in programmes:
        goal_id = all_goals.get(normalise_label(programme.sasaran)) if programme.sasaran else None
        unit_id = unit_ids.get(normalise_label(programme.unit)) if programme.unit else None
        existing = w.scalar(
            "SELECT id FROM programme WHERE upper(code) = upper(?) OR lower(name) = lower(?) ORDER BY (upper(code) = upper(?)) DESC LIMIT 1",
            [programme.code or "", programme.name, programme.code or ""],
        )
        if existing is None:
            existing = w.next_id("programme")
            code = programme.code or f"P{existing:02d}"
            w.execute(
                "INSERT INTO programme VALUES (?, ?, ?, ?, ?, ?)",
                [existing, code, programme.name, goal_id, unit_id, demo],
            )
        else:
            w.execute(
                "UPDATE programme SET name = ?, goal_id = coalesce(?, goal_id), unit_id = coalesce(?, unit_id) WHERE id = ?",
                [programme.name, goal_id, unit_id, existing],
            )
        w.execute("DELETE FROM programme_budget WHERE programme_id = ? AND year = ?", [existing, year])
        w.execute("INSERT INTO programme_budget VALUES (?, ?, ?)", [existing, year, programme.pagu])


# --- reading the stored plan ---------------------------------------------------------------------

PLAN_QUERY = """
SELECT
    t.name AS tujuan, g.name AS sasaran, i.code, i.name, i.measure_unit,
    pk.value AS target_low, pk.value_high AS target_high,
    max(CASE WHEN ra.quarter = 1 THEN ra.value END) AS tw1_low, max(CASE WHEN ra.quarter = 1 THEN ra.value_high END) AS tw1_high,
    max(CASE WHEN ra.quarter = 2 THEN ra.value END) AS tw2_low, max(CASE WHEN ra.quarter = 2 THEN ra.value_high END) AS tw2_high,
    max(CASE WHEN ra.quarter = 3 THEN ra.value END) AS tw3_low, max(CASE WHEN ra.quarter = 3 THEN ra.value_high END) AS tw3_high,
    max(CASE WHEN ra.quarter = 4 THEN ra.value END) AS tw4_low, max(CASE WHEN ra.quarter = 4 THEN ra.value_high END) AS tw4_high,
    i.polarity, i.aggregation, u.code AS unit, i.is_key, i.weight, iy.baseline,
    rs.value AS renstra_low, rs.value_high AS renstra_high, iy.national_standard, iy.ra_reason AS reason,
    i.definition, i.data_source, g.code AS goal_code, i.position
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = $year AND pk.kind = 'pk' AND i.year = $year
JOIN goal g ON g.id = i.goal_id
LEFT JOIN goal t ON t.id = g.parent_id
LEFT JOIN unit u ON u.id = i.unit_id
LEFT JOIN target ra ON ra.indicator_id = i.id AND ra.year = $year AND ra.kind = 'ra'
LEFT JOIN target rs ON rs.indicator_id = i.id AND rs.year = $year AND rs.kind = 'renstra'
LEFT JOIN indicator_year iy ON iy.indicator_id = i.id AND iy.year = $year
GROUP BY ALL
ORDER BY g.code, i.position, i.code
"""


def units_in_plan(store: Store, year: int) -> list[str]:
    """Codes of the units responsible for at least one indicator of the year's plan."""
    return [
        code
        for (code,) in store.rows(
            "SELECT DISTINCT u.code FROM unit u JOIN indicator_in_year i ON i.unit_id = u.id WHERE i.year = ? ORDER BY 1",
            [year],
        )
    ]


def unit_codes(store: Store) -> list[str]:
    """Every unit's code, in order."""
    return [code for (code,) in store.rows("SELECT code FROM unit ORDER BY code")]


def sasaran_codes(store: Store) -> dict[str, str]:
    """Every sasaran's name → its code, in order."""
    return dict(store.rows("SELECT name, code FROM goal WHERE level = 'sasaran' ORDER BY code"))


def indicators_in_year(store: Store, year: int | None) -> list[tuple[str, str, str | None]]:
    """(code, name as the year's plan writes it, responsible unit) of each indicator of ``year``."""
    return store.rows(
        "SELECT i.code, i.name, u.code FROM indicator_in_year i LEFT JOIN unit u ON u.id = i.unit_id "
        "WHERE i.year = ? ORDER BY i.code",
        [year],
    )


def sasaran_names(store: Store) -> list[str]:
    """The sasaran already known, for rows of a plan file that name none."""
    return [name for (name,) in store.rows("SELECT name FROM goal WHERE level = 'sasaran' ORDER BY code")]


def plan_years(store: Store) -> list[int]:
    """Years that have a plan, newest first."""
    return [y for (y,) in store.rows("SELECT DISTINCT year FROM target WHERE kind = 'pk' ORDER BY year DESC")]


def plan_frame(store: Store, year: int) -> pd.DataFrame:
    """The year's plan with the plan sheet's column labels, targets written as the sheet reads them."""
    raw = store.df(PLAN_QUERY, {"year": year})
    if raw.empty:
        return _typed(pd.DataFrame({LABEL[key]: [] for key in LABEL}))
    data = {
        "tujuan": raw["tujuan"],
        "sasaran": raw["sasaran"],
        "code": raw["code"],
        "name": raw["name"],
        "measure_unit": raw["measure_unit"],
        "renstra": _target_texts(raw, "renstra"),
        "target": _target_texts(raw, "target"),
        **{f"tw{q}": _target_texts(raw, f"tw{q}") for q in (1, 2, 3, 4)},
        "polarity": raw["polarity"].map(lambda p: POLARITY_WORD[Polarity(p)]),
        "aggregation": raw["aggregation"].map(lambda a: AGGREGATION_WORD[Aggregation(a)]),
        "unit": raw["unit"],
        "is_key": raw["is_key"].map({True: "Ya", False: "Tidak"}),
        "weight": raw["weight"],
        "baseline": raw["baseline"],
        "national_standard": raw["national_standard"],
        "reason": raw["reason"],
        "definition": raw["definition"],
        "data_source": raw["data_source"],
    }
    return _typed(pd.DataFrame({LABEL[key]: data[key] for key in LABEL}))


_NUMERIC_KEYS = ("weight", "baseline", "national_standard")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as text and numbers as numbers, even when a column is empty, so an editor
    offers the right kind of cell."""
    return frame.astype({LABEL[k]: ("float64" if k in _NUMERIC_KEYS else "string") for k in LABEL})


def _target_texts(raw: pd.DataFrame, prefix: str) -> list[str]:
    texts = []
    for low, high in zip(raw[f"{prefix}_low"], raw[f"{prefix}_high"], strict=True):
        if pd.isna(low):
            texts.append("")
        elif pd.isna(high):
            texts.append(plain_number(low))
        else:
            texts.append(f"{plain_number(low)} - {plain_number(high)}")
    return texts


def units_frame(store: Store) -> pd.DataFrame:
    """Units with their parent's code, in tree order."""
    return store.df(
        """
        SELECT u.code AS "Kode Unit", u.name AS "Nama Unit", p.code AS "Unit Induk", u.kind AS "Jenis",
               u.is_external AS "Eksternal"
        FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
        ORDER BY coalesce(p.code, u.code), u.parent_id NULLS FIRST, u.code
        """
    )


def programmes_frame(store: Store, year: int) -> pd.DataFrame:
    return store.df(
        """
        SELECT p.code AS "Kode Program", p.name AS "Program", b.pagu AS "Anggaran (Rp)", g.name AS "Sasaran Strategis",
               u.code AS "Penanggung Jawab"
        FROM programme p JOIN programme_budget b ON b.programme_id = p.id AND b.year = ?
        LEFT JOIN goal g ON g.id = p.goal_id LEFT JOIN unit u ON u.id = p.unit_id
        ORDER BY p.code
        """,
        [year],
    )


# --- the editor's tables -----------------------------------------------------------------------


def _frame_rows(
    frame: pd.DataFrame, specs: Sequence[ColumnSpec], table: str
) -> list[tuple[RowPlace, dict[str, object]]]:
    by_label = {spec.label: spec.key for spec in specs}
    columns = {by_label[c]: f"{c}" for c in frame.columns if c in by_label}
    rows = []
    for number, (_, record) in enumerate(frame.iterrows(), start=1):
        values = {by_label[c]: (None if pd.isna(v) else v) for c, v in record.items() if c in by_label}
        rows.append((RowPlace(table, None, number, columns), values))
    return rows


def draft_from_frames(
    year: int, plan: pd.DataFrame, units: pd.DataFrame | None = None, programmes: pd.DataFrame | None = None
) -> PlanDraft:
    """A plan draft from the editor's tables (labelled as the plan sheet), checked like a file."""
    draft = PlanDraft(year, "Tabel rencana")
    draft.rows, problems = parse_plan_rows(_frame_rows(plan, PLAN_COLUMNS, "Tabel indikator"))
    draft.problems += problems
    if units is not None:
        draft.units, problems = parse_unit_rows(_frame_rows(units, UNIT_COLUMNS, "Tabel unit"))
        draft.problems += problems
    if programmes is not None:
        draft.programmes, problems = parse_programme_rows(_frame_rows(programmes, PROGRAMME_COLUMNS, "Tabel program"))
        draft.problems += problems
    return draft
