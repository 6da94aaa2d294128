"""The plan's rows as the PK + Rencana Aksi sheet writes them: its columns and the names planners
give them, and each row read and checked into a typed indicator, unit or programme (a plan with
any error is refused whole)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kinerja.domain.achievement import Aggregation, Polarity, Target, targets_to_date
from kinerja.domain.numbers import fmt_number, fmt_rupiah, parse_number
from kinerja.domain.period import quarter_in_label, roman
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import (
    AGGREGATION_HELP,
    AGGREGATION_WORD,
    POLARITY_HELP,
    normalise_label,
    parse_aggregation,
    parse_polarity,
    parse_target,
    parse_yes_no,
)
from kinerja.workbook.cells import RowPlace, parse_cell, refuse_markup
from kinerja.workbook.headings import ColumnRead
from kinerja.workbook.spreadsheet import ColumnSpec, pattern

_NOT_A_TARGET = r"realisasi|capaian|anggaran|\brp\b|\bk\b$"


_NOT_PAGU = r"\bkas\b|penarikan|realisasi|serapan|\btw\b|triwulan"


def _cash_plan(q: int):
    """A programme's anggaran kas of quarter ``q``: "Anggaran Kas TW I", "Rencana Penarikan Dana Triwulan I",
    or "TW I" under a merged "Anggaran Kas" heading."""
    named = re.compile(r"^(anggaran kas|rencana (penarikan( dana)?|kas)|ak\b)")
    return lambda label: bool(named.match(label)) and quarter_in_label(label) == q


def _quarter_target(q: int):
    return lambda label: quarter_in_label(label) == q and not re.search(_NOT_A_TARGET, label)


_INDICATOR_GROUP = re.compile(r"^(iku|indikator kinerja utama|indikator kinerja|indikator) (?=\S)")


def _in_indicator_group(test):
    """A column's test that also takes its label under a group heading of the indicator's columns
    ("I K U" over "Kode | IKU | Bobot | Target | Satuan | Polarisasi | Unit Kerja", beside "SASARAN"
    over the sasaran's own "Kode | Sasaran | Bobot"), as offices' applications export them."""
    return lambda label: (
        test(label) or (_INDICATOR_GROUP.match(label) is not None and test(_INDICATOR_GROUP.sub("", label, count=1)))
    )


_TARGET_REASON = r"^(alasan|dasar) (penetapan |pemilihan )?target"

# The plan sheet's columns: the key, the label the template writes, and the names planners use.
PLAN_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("tujuan", "Tujuan", pattern(r"^tujuan")),
    # not required to find the table: a plan without it takes one sasaran for all its rows (default_sasaran)
    ColumnSpec("sasaran", "Sasaran Strategis", pattern(r"^sasaran", unless=r"target|kode|bobot|\bno\b")),
    ColumnSpec(
        "code",
        "Kode Indikator",
        _in_indicator_group(pattern(r"^(kode|kode indikator|kode ik|kode iku|no indikator)$")),
    ),
    # under an "IKU" group heading, the column headed "IKU" holds the indicator itself
    ColumnSpec(
        "name",
        "Indikator Kinerja",
        pattern(r"^(indikator|uraian indikator|nama indikator|iku (iku|indikator))"),
        required=True,
    ),
    ColumnSpec("measure_unit", "Satuan", _in_indicator_group(pattern(r"^(satuan|sat)\b"))),
    ColumnSpec(
        "target",
        "Target",
        _in_indicator_group(
            pattern(
                r"^target\b",
                unless=r"renstra|rpjmd|jangka|" + _NOT_A_TARGET + r"|tw|triwulan|trw|\bq\s*[1-4]\b|rencana aksi|\bra\b",
            )
        ),
        required=True,
    ),
    *(ColumnSpec(f"tw{q}", f"TW {roman(q)}", _quarter_target(q)) for q in (1, 2, 3, 4)),
    ColumnSpec(
        "polarity", "Polaritas", _in_indicator_group(pattern(r"^(polaritas|polarisasi|polarity|arah|sifat indikator)"))
    ),
    ColumnSpec(
        "aggregation",
        "Agregasi",
        _in_indicator_group(
            pattern(
                r"^(agregasi|jenis( target| indikator| data| agregasi)?$|sifat( target| data)?$|cara (perhitungan|pengukuran)|tipe)"
            )
        ),
    ),
    ColumnSpec(
        "unit",
        "Penanggung Jawab",
        _in_indicator_group(
            pattern(r"^(penanggung ?jawab|pj|unit( kerja)?( penanggung jawab)?|bidang|pelaksana|pic|pengampu)$")
        ),
    ),
    ColumnSpec("is_key", "IKU", pattern(r"^(iku|ik utama)$")),
    ColumnSpec("weight", "Bobot", _in_indicator_group(pattern(r"^bobot"))),
    ColumnSpec("baseline", "Baseline", pattern(r"^(baseline|kondisi awal|nilai awal|data awal)")),
    ColumnSpec("renstra", "Target Renstra", pattern(r"^target (renstra|rpjmd|jangka menengah)")),
    ColumnSpec("national_standard", "Standar Nasional", pattern(r"^(standar|standard)")),
    ColumnSpec(
        "reason", "Alasan Selisih RA", pattern(r"^(alasan|keterangan|catatan|penjelasan)", unless=_TARGET_REASON)
    ),
    ColumnSpec("definition", "Definisi Operasional", pattern(r"^(definisi|pengertian)")),
    # "Sumber Dana", "sumberdana" (APBD, DAK) is the money's source, not the data's
    ColumnSpec("data_source", "Sumber Data", pattern(r"^sumber", unless=r"dana|anggaran|biaya|pembiayaan")),
    # the Manual IKU's fields (KKE B.1.2): how the indicator is counted, how often, why its target
    ColumnSpec("formula", "Formula", pattern(r"^(formula|rumus|cara menghitung)")),
    ColumnSpec("numerator", "Pembilang", pattern(r"^(pembilang|numerator)")),
    ColumnSpec("denominator", "Penyebut", pattern(r"^(penyebut|denominator)")),
    ColumnSpec("frequency", "Frekuensi", pattern(r"^(frekuensi|periode (pengumpulan|pelaporan|pengukuran))")),
    ColumnSpec("target_reason", "Alasan Target", pattern(_TARGET_REASON)),
)
# Manual IKU fields a plan may carry (the last five in indicator_manual): a table without a field's
# column leaves the year's stored text as it was
MANUAL_KEYS = ("definition", "data_source", "formula", "numerator", "denominator", "frequency", "target_reason")
PROGRAMME_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("code", "Kode Program", pattern(r"^kode( program)?$")),
    ColumnSpec("name", "Program", pattern(r"^(nama )?program\b"), required=True),
    ColumnSpec(
        "pagu",
        "Anggaran (Rp)",
        pattern(r"^(anggaran|pagu|jumlah anggaran|alokasi (anggaran|dana))", unless=_NOT_PAGU),
        required=True,
    ),
    ColumnSpec("sasaran", "Sasaran Strategis", pattern(r"^sasaran")),
    ColumnSpec("unit", "Penanggung Jawab", pattern(r"^(penanggung ?jawab|pj|unit( kerja)?|bidang)$")),
    # the DPA's anggaran kas: how much of the pagu is planned to be drawn in each quarter
    *(ColumnSpec(f"cash{q}", f"Anggaran Kas TW {roman(q)} (Rp)", _cash_plan(q)) for q in (1, 2, 3, 4)),
)
CASH_KEYS = ("cash1", "cash2", "cash3", "cash4")
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
# What a row may leave unsaid: filled from the indicator's other years, else asked (kinerja.planning.unsaid).
UNSAID_FIELDS = ("polarity", "aggregation", "is_key", "unit", "weight")
EXAMPLE_MARK = "Contoh:"  # the empty template's example rows start their name with this; they are never stored
_EXAMPLE = normalise_label(EXAMPLE_MARK)
UNIT_KINDS = ("opd", "sekretariat", "bidang", "subbag", "uptd", "eksternal")


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
    polarity: Polarity | None  # None until what the file does not say is filled (kinerja.planning.unsaid)
    aggregation: Aggregation | None
    unit: str | None
    is_key: bool
    weight: float
    baseline: float | None
    renstra: Target | None
    national_standard: float | None
    reason: str | None
    definition: str | None
    data_source: str | None
    unsaid: tuple[str, ...] = ()  # of UNSAID_FIELDS: those the row leaves blank or the table has no column for
    absent: tuple[str, ...] = ()  # of those, the ones whose column the table lacks
    origin: dict[str, str] = field(default_factory=dict)  # a filled field → where its value came from, in words
    manual: dict[str, str | None] = field(default_factory=dict)  # of MANUAL_KEYS: those the table has a column for


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
    # the anggaran kas of TW I … IV; (): the row leaves it blank; None: the table has no such columns,
    # so the year's stored cash plan stays as it was
    cash_plan: tuple[float, ...] | None = None


@dataclass
class ActivityBudget:
    """The pagu of a kegiatan's or sub-kegiatan's row of the Renja form, kept with the indicator the
    row carries (``name``, as the plan row names it); a kegiatan's is a subtotal of its sub-kegiatan's."""

    place: RowPlace
    name: str
    level: str  # kegiatan, sub_kegiatan
    pagu: float


@dataclass
class RenstraGiven:
    """Columns 5 and 6 of one row of the Renja form (the Renstra's end target, its realisation up to
    the year before; K and Rp), as kept for the form's year in ``renja_renstra`` under the row key the
    Laporan page uses. ``owners``: field (renstra_k, renstra_rp, before_k, before_rp) → whose it is:
    ("indikator", the plan row's name), ("program", the programme's name, its code or None) or
    ("simpul", the row key of a pohon kinerja row); ``values``: field → the number written (blank
    cells are not given: what is kept stays)."""

    place: RowPlace
    owners: dict[str, tuple]
    values: dict[str, float]


@dataclass
class PlanDraft:
    """A plan read from a file or the editor, not yet stored."""

    year: int | None
    source: str
    rows: list[PlanRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    programmes: list[ProgrammeRow] = field(default_factory=list)
    activity_budgets: list[ActivityBudget] = field(default_factory=list)
    renstra: list[RenstraGiven] = field(default_factory=list)  # the Renja form's columns 5 and 6
    problems: list[Problem] = field(default_factory=list)
    accepted: dict[str, str] = field(default_factory=dict)  # a new code → the existing code the planner accepted
    chosen: dict[int, dict[str, object]] = field(default_factory=dict)  # row index → polarity/aggregation confirmed
    default_polarity: Polarity | None = None  # of rows neither the file nor another year says (--default-polarity)
    default_aggregation: Aggregation | None = None  # likewise (--default-aggregation)
    default_unit: str | None = None  # the unit of rows that name none (a plan without a unit column)
    default_sasaran: str | None = None  # the sasaran of rows that name none (a plan without a sasaran column)
    columns: list[ColumnRead] = field(default_factory=list)  # which column of the file was read as what
    strict: bool = False  # refuse units the plan would create, instead of warning

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# --- parsing rows ----------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    if value is None:
        return None
    if type(value) is str and value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value or None  # no whitespace but single spaces between words: as it is (a plan's 150,000 cells)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _number(place: RowPlace, key: str, value: object, problems: list[Problem]) -> float | None:
    return parse_cell(place, key, value, problems, parse_number, "angka", LABEL.get(key, key))


def _target(place: RowPlace, key: str, value: object, problems: list[Problem]) -> Target | None:
    return parse_cell(place, key, value, problems, parse_target, "angka atau rentang", LABEL.get(key, key))


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
        if _EXAMPLE in name.lower() and normalise_label(name).startswith(_EXAMPLE):
            problems.append(
                place.problem("name", name, "Baris contoh dari templat: dilewati, tidak disimpan", "warning")
            )
            continue
        row = _parse_plan_row(place, raw, tujuan, sasaran, name, problems)
        if row is not None:
            rows.append(row)
    problems += check_action_plans([r for r in rows if r.aggregation is not None])  # else once it is known
    problems += _duplicates(rows)
    return rows, problems


GIVE_UP_AFTER = 200  # rows read without one valid plan row: the table is not a plan


def _not_a_plan(place: RowPlace, read: int, problems: list[Problem]) -> Problem:
    columns = [p.column for p in problems if p.column]
    column = max(set(columns), key=columns.count) if columns else None
    where = f"; kolom {column} tidak berisi yang diharapkan (mis. '{problems[0].value}')" if column else ""
    return Problem(
        f"Berkas ini tampaknya bukan rencana kinerja (PK/Rencana Aksi): {read} baris pertama tidak ada yang sah{where}. "
        "Pembacaan dihentikan",
        place.file,
        place.sheet,
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
    if len(problems) > before or target is None:
        return None
    said = {"polarity": polarity is not None}  # a range target says Rentang itself
    unsaid = tuple(key for key in UNSAID_FIELDS if not said.get(key, _text(raw.get(key)) is not None))
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
        bool(is_key),  # a blank is Tidak unless another year says otherwise
        1.0 if weight is None else weight,  # likewise: equal weights
        baseline,
        renstra,
        standard,
        _text(raw.get("reason")),
        _text(raw.get("definition")),
        _text(raw.get("data_source")),
        unsaid,
        tuple(key for key in unsaid if key not in raw),
        manual={key: _text(raw.get(key)) for key in MANUAL_KEYS if key in raw},
    )
    return row


def _polarity(place: RowPlace, value: object, target: Target | None, problems: list[Problem]) -> Polarity | None:
    """The polarity the row writes; a blank with a range target ('80 - 90') is Rentang, said by the
    target itself; any other blank is None: not said."""
    if _text(value) is None:
        return Polarity.RANGE if target is not None and target.is_range else None
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
        return None  # not said
    aggregation = parse_aggregation(value)
    if aggregation is None:
        problems.append(place.problem("aggregation", value, f"Agregasi tidak dikenal; {AGGREGATION_HELP}"))
    return aggregation


def check_action_plan(row: PlanRow) -> list[Problem]:
    """The Rencana Aksi's target to date at TW IV must equal the PK target, or carry a reason.

    A blank quarter of a SUM indicator counts as 0 (nothing planned that quarter) once any quarter
    is filled; a plan without any quarterly target is a PK without Rencana Aksi and is not checked.
    """
    return check_action_plans([row])


def check_action_plans(rows: Sequence[PlanRow]) -> list[Problem]:
    """:func:`check_action_plan` of every row at once (the year-end sums of a province's 6,000
    indicators computed in one pass)."""
    planned = [row for row in rows if any(q is not None for q in row.quarters)]
    quarters = [
        [q if q is not None else Target(0) for q in row.quarters]
        if row.aggregation is Aggregation.SUM
        else row.quarters
        for row in planned
    ]
    ends = targets_to_date([row.aggregation for row in planned], quarters, 4)
    return [problem for row, end in zip(planned, ends, strict=True) for problem in _action_plan_problems(row, end)]


def _action_plan_problems(row: PlanRow, year_end: Target | None) -> list[Problem]:
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
            f"Rencana Aksi ({how} = {fmt_number(year_end.low)}; target PK {fmt_number(row.target.low)}, "
            f"indikator {AGGREGATION_WORD[row.aggregation]}) berbeda dari target PK; "
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
    """Typed programme rows; a sasaran written once (or merged down) holds for the programmes below
    it, as it does for the plan's indicators."""
    programmes, problems, sasaran = [], [], None
    for place, raw in raw_rows:
        sasaran = _text(raw.get("sasaran")) or sasaran
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
        cash_plan = _cash_plan_of(place, raw, pagu, problems)
        if len(problems) > before:
            continue
        programmes.append(
            ProgrammeRow(place, _text(raw.get("code")), name, pagu, sasaran, _text(raw.get("unit")), cash_plan)
        )
    return programmes, problems


def _cash_plan_of(place: RowPlace, raw: dict[str, object], pagu: float, problems: list[Problem]) -> tuple | None:
    """The row's anggaran kas TW I … IV: all four or none, each a sum of money, together the pagu (the
    DPA draws the whole pagu over the year). () where the row leaves them blank, None where the table
    has no column for them."""
    if not any(key in raw for key in CASH_KEYS):
        return None
    amounts = []
    for q, key in enumerate(CASH_KEYS, start=1):
        try:
            amount = parse_number(raw.get(key))
        except ValueError as exc:
            problems.append(place.problem(key, raw.get(key), f"Anggaran kas TW {roman(q)} harus berupa angka ({exc})"))
            return None
        if amount is not None and amount < 0:
            problems.append(place.problem(key, raw.get(key), f"Anggaran kas TW {roman(q)} tidak boleh negatif"))
            return None
        amounts.append(amount)
    if all(amount is None for amount in amounts):
        return ()
    missing = [roman(q) for q, amount in enumerate(amounts, start=1) if amount is None]
    if missing:
        problems.append(
            place.problem(
                CASH_KEYS[amounts.index(None)],
                None,
                f"Anggaran kas diisi sebagian: TW {', '.join(missing)} kosong (isi keempat triwulan)",
            )
        )
        return None
    if abs(sum(amounts) - pagu) > 0.5:  # a rupiah's rounding
        problems.append(
            place.problem(
                "cash4",
                raw.get("cash4"),
                f"Jumlah anggaran kas TW I–IV ({fmt_rupiah(sum(amounts))}) tidak sama dengan pagu ({fmt_rupiah(pagu)})",
            )
        )
        return None
    return tuple(amounts)
