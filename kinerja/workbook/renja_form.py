"""The Permendagri 86/2017 evaluation form "Evaluasi terhadap Hasil Renja Perangkat Daerah" that
every OPD already fills, read as a plan and as quarterly realisations (K) and spending (Rp).

The form's shape: title rows; a header four rows deep (group headings; Visi/Misi/… and the
quarters I–IV; column numbers such as "13 = 9 + 10 + 11 + 12"; K / % / Rp. under each group); a
banner "Perangkat Daerah : …"; then urusan, programme, kegiatan and sub-kegiatan rows, whose level
shows only by which columns are filled; a totals row and a signature block. A quarter's K is that
quarter's increment (the year's realisation is their sum), so every indicator is cumulative.
Columns are found by their headings, not by fixed letters.

The regulation allows columns after its own. The form Kinerja writes puts the plan's own settings
there (indicator code, Rencana Aksi targets, polarity, aggregation, …) under the group heading
``PLAN_GROUP``, so that the form reads back into the same plan; the reader hands them on by their
headings (``FormColumns.extra``, ``FormRow.extra``) and the plan reader decides what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kinerja.domain.achievement import Aggregation
from kinerja.domain.numbers import message_number, parse_number
from kinerja.domain.period import ROMAN, roman
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import normalise_label, parse_aggregation
from kinerja.workbook.spreadsheet import Sheet, column_letter, is_signature_row


@dataclass(frozen=True)
class FormColumns:
    """Where the form's columns are (0-based)."""

    header_row: int  # the K / Rp. row
    first_data_row: int
    tujuan: int | None
    sasaran: int | None
    name: int  # urusan / programme / kegiatan / sub-kegiatan
    indicator: int
    measure_unit: int | None
    target_k: int
    target_rp: int | None
    quarter_k: dict[int, int]
    quarter_rp: dict[int, int]
    quarter_pct: dict[int, int] = field(default_factory=dict)  # the form's own % to date of the annual target
    year_k: int | None = None  # column 13 = 9 + 10 + 11 + 12: the year's realisation as typed
    code: int | None = None  # a Kode column (the form Kinerja writes has one)
    extra: dict[int, str] = field(default_factory=dict)  # columns under PLAN_GROUP: column → normalised heading
    renstra: dict[str, int] = field(default_factory=dict)  # columns 5 and 6: renstra_k/_rp, before_k/_rp → column


@dataclass
class FormRow:
    """One row of the form that carries an indicator or a programme."""

    row: int  # 1-based, as Excel shows it
    tujuan: str | None
    sasaran: str | None
    name: str
    indicator: str | None
    measure_unit: str | None
    target_k: object
    target_rp: object
    quarter_k: dict[int, object] = field(default_factory=dict)
    quarter_rp: dict[int, object] = field(default_factory=dict)
    quarter_pct: dict[int, object] = field(default_factory=dict)
    year_k: object = None
    code: str | None = None
    extra: dict[str, object] = field(default_factory=dict)  # normalised heading → cell, for FormColumns.extra
    renstra: dict[str, object] = field(default_factory=dict)  # columns 5 and 6 as written (FormColumns.renstra)

    @property
    def is_programme(self) -> bool:
        return normalise_label(self.name).startswith("program")


@dataclass
class RenjaForm:
    sheet: Sheet
    columns: FormColumns
    unit_name: str | None
    year: int | None
    rows: list[FormRow]

    def cell_name(self, key: str, quarter: int | None = None) -> str:
        """'H (Indikator Kinerja)' and the like, for messages."""
        c = self.columns
        col, label = {
            "indicator": (c.indicator, "Indikator Kinerja"),
            "target": (c.target_k, "Target K"),
            "quarter": (
                c.quarter_k.get(quarter or 0, c.target_k),
                f"Realisasi TW {roman(quarter)} K" if quarter else "Realisasi K",
            ),
            "budget": (
                c.quarter_rp.get(quarter or 0, c.target_k),
                f"Realisasi TW {roman(quarter)} Rp" if quarter else "Realisasi Rp",
            ),
            "pagu": (c.target_rp or c.target_k, "Anggaran Rp"),
        }[key]
        return f"{column_letter(col)} ({label})"


# The group heading over the columns the form Kinerja writes after the regulation's own
PLAN_GROUP = "Data Rencana Kinerja (dibaca kembali oleh impor Kinerja)"
# Footer lines under the rows: the form's average capaian and predikat, and their table
_FOOTER = re.compile(r"^(rata rata (tingkat )?capaian|predikat|kriteria predikat)")

EMPTY_FORM = (
    "Formulir Evaluasi Renja (Permendagri 86) ini hanya berisi judul dan kepala tabel, belum ada baris "
    "program, kegiatan atau indikator; isi barisnya lalu unggah lagi"
)


def looks_like_renja_form(sheet: Sheet) -> bool:
    top = " ".join(normalise_label(v) for row in sheet.rows[:12] for v in row if isinstance(v, str))
    return "realisasi kinerja pada triwulan" in top and "indikator kinerja" in top


def read_renja_form(sheet: Sheet) -> RenjaForm | None:
    """The form on ``sheet``, or None when the sheet is not one."""
    if not looks_like_renja_form(sheet):
        return None
    columns = _columns(sheet)
    if columns is None:
        return None
    title = " ".join(str(v) for row in sheet.rows[: columns.header_row] for v in row if isinstance(v, str))
    year = re.search(r"\b(20\d\d)\b", title)
    form = RenjaForm(sheet, columns, None, int(year.group(1)) if year else None, [])
    tujuan = sasaran = None
    for index in range(columns.first_data_row, len(sheet.rows)):
        raw = sheet.rows[index]
        if is_signature_row(raw) or _is_footer(raw):
            break
        banner = _banner(raw)
        if banner:
            form.unit_name = banner
            continue
        tujuan = (
            _text(sheet.cell(index, columns.tujuan))
            if columns.tujuan is not None and _text(sheet.cell(index, columns.tujuan))
            else tujuan
        )
        sasaran = (
            _text(sheet.cell(index, columns.sasaran))
            if columns.sasaran is not None and _text(sheet.cell(index, columns.sasaran))
            else sasaran
        )
        name, indicator = _text(sheet.cell(index, columns.name)), _text(sheet.cell(index, columns.indicator))
        if not name and not indicator:
            continue
        form.rows.append(
            FormRow(
                index + 1,
                tujuan,
                sasaran,
                name or "",
                indicator,
                _text(sheet.cell(index, columns.measure_unit)) if columns.measure_unit is not None else None,
                sheet.cell(index, columns.target_k),
                sheet.cell(index, columns.target_rp) if columns.target_rp is not None else None,
                {q: sheet.cell(index, c) for q, c in columns.quarter_k.items()},
                {q: sheet.cell(index, c) for q, c in columns.quarter_rp.items()},
                {q: sheet.cell(index, c) for q, c in columns.quarter_pct.items()},
                sheet.cell(index, columns.year_k) if columns.year_k is not None else None,
                _text(sheet.cell(index, columns.code)) if columns.code is not None else None,
                {heading: sheet.cell(index, c) for c, heading in columns.extra.items()},
                {key: sheet.cell(index, c) for key, c in columns.renstra.items()},
            )
        )
    return form


def _is_footer(row: list[object]) -> bool:
    """The form's footer (average capaian, predikat) under its last row: the rows end there. A
    footer line holds a label and its value, never a row's figures."""
    filled = [v for v in row if v is not None and str(v).strip()]
    return len(filled) <= 3 and any(isinstance(v, str) and _FOOTER.match(normalise_label(v)) for v in filled)


def _columns(sheet: Sheet) -> FormColumns | None:
    """Find the K / Rp. row, then read the headings above it."""
    kinds_row = next(
        (
            r
            for r in range(min(len(sheet.rows), 20))
            if sum(normalise_label(v) in ("k", "rp") for v in sheet.rows[r]) >= 6
        ),
        None,
    )
    if kinds_row is None:
        return None
    kinds = {c: normalise_label(v) for c, v in enumerate(sheet.rows[kinds_row])}
    headings = {}
    for c in range(len(sheet.rows[kinds_row])):
        for r in range(max(0, kinds_row - 4), kinds_row):
            text = normalise_label(sheet.cell(r, c))
            if text and not re.fullmatch(r"[0-9 =+x/]+", text):
                headings.setdefault(c, []).append(text)
    groups = _group_spans(sheet, kinds_row)

    def find(pattern: str) -> int | None:
        return next((c for c, texts in sorted(headings.items()) if any(re.search(pattern, t) for t in texts)), None)

    target = next((c for c, g in groups.items() if g.startswith("target kinerja dan anggaran")), None)
    quarters_at = {c: ROMAN[t] for c, texts in headings.items() for t in texts if t in ROMAN}
    indicator = find(r"^indikator kinerja")
    name = find(r"^urusan|program|kegiatan")
    if target is None or indicator is None or name is None or len(quarters_at) < 4:
        return None
    quarter_k, quarter_rp, quarter_pct = {}, {}, {}
    for start, quarter in quarters_at.items():
        span = [c for c in range(start, start + 3) if c in kinds]
        quarter_k[quarter] = next(c for c in span if kinds[c] == "k")
        rp = [c for c in span if kinds[c] == "rp"]
        if rp:
            quarter_rp[quarter] = rp[0]
        pct = [c for c in range(start, start + 3) if str(sheet.cell(kinds_row, c)).strip() == "%"]
        if pct:
            quarter_pct[quarter] = pct[0]
    year_total = next((c for c, g in groups.items() if g.startswith("realisasi capaian kinerja dan anggaran")), None)
    target_rp = target + 1 if kinds.get(target + 1) == "rp" else None
    renstra = {}
    for prefix, pattern in (("renstra", r"^target renstra"), ("before", r"^realisasi capaian kinerja renstra")):
        start = next((c for c, g in sorted(groups.items()) if re.search(pattern, g)), None)
        for c in (start, start + 1) if start is not None else ():
            if kinds.get(c) in ("k", "rp"):
                renstra.setdefault(f"{prefix}_{kinds[c]}", c)
    first_data = kinds_row + 1
    return FormColumns(
        kinds_row,
        first_data,
        find(r"^tujuan"),
        find(r"^sasaran perangkat daerah|^sasaran$"),
        name,
        indicator,
        find(r"^satuan"),
        target,
        target_rp,
        quarter_k,
        quarter_rp,
        quarter_pct,
        year_total if year_total is not None and kinds.get(year_total) == "k" else None,
        find(r"^kode$"),
        _extra_columns(sheet, kinds_row),
        renstra,
    )


def _extra_columns(sheet: Sheet, kinds_row: int) -> dict[int, str]:
    """The columns under ``PLAN_GROUP`` (from its column rightwards): column → its own heading."""
    group = normalise_label(PLAN_GROUP)
    for r in range(max(0, kinds_row - 4), kinds_row):
        start = next((c for c, v in enumerate(sheet.rows[r]) if normalise_label(v) == group), None)
        if start is None:
            continue
        extra = {}
        for c in range(start, len(sheet.rows[kinds_row])):
            heading = next((normalise_label(sheet.cell(h, c)) for h in range(r + 1, kinds_row + 1)
                            if normalise_label(sheet.cell(h, c))), "")  # fmt: skip
            if heading:
                extra[c] = heading
        return extra
    return {}


def _group_spans(sheet: Sheet, kinds_row: int) -> dict[int, str]:
    """The first column of each group heading (the row of headings highest above the K / Rp. row)."""
    for r in range(max(0, kinds_row - 4), kinds_row):
        labels = {c: normalise_label(v) for c, v in enumerate(sheet.rows[r]) if normalise_label(v)}
        if any(t.startswith("target kinerja dan anggaran") for t in labels.values()):
            return labels
    return {}


def _banner(row: list[object]) -> str | None:
    for value in row:
        match = re.match(r"^\s*perangkat daerah\s*:\s*(.+)$", str(value), re.IGNORECASE)
        if match:
            return " ".join(match.group(1).split())
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_SAME_RUPIAH = 0.5  # rupiah apart that are the same amount (a subtotal written from rounded amounts)


def money_levels(form: RenjaForm) -> dict[int, str]:
    """The level of each non-programme row with a target Rp (column 7), by its money, since an
    office's form shows a row's level only by which columns are filled: a row whose Rp is the sum of
    the Rp of the rows right under it (before the next programme) is a kegiatan, its amount a
    subtotal of those sub-kegiatan; every other such row is a sub-kegiatan, whose amount is the
    budget. A row Kinerja writes says its level after the form's columns ("Tingkat")."""
    levels: dict[int, str] = {}
    run: list[tuple[int, float]] = []

    def settle() -> None:
        index = 0
        while index < len(run):
            row, amount = run[index]
            total, end = 0.0, None
            for later in range(index + 1, len(run)):
                total += run[later][1]
                if abs(total - amount) <= _SAME_RUPIAH:
                    end = later
                    break
                if total > amount + _SAME_RUPIAH:
                    break
            if end is not None and amount > 0:
                levels[row] = "kegiatan"
                levels.update({r: "sub_kegiatan" for r, _ in run[index + 1 : end + 1]})
                index = end + 1
            else:
                levels[row] = "sub_kegiatan"
                index += 1
        run.clear()

    for row in form.rows:
        if row.is_programme:
            settle()
            continue
        said = normalise_label(str(row.extra.get("tingkat") or ""))
        amount = form_money(row.target_rp)
        if said in ("kegiatan", "sub kegiatan"):
            levels[row.row] = said.replace(" ", "_")
        elif amount is not None:
            run.append((row.row, amount))
    settle()
    return levels


def form_money(value: object) -> float | None:
    """A form's Rp as a number: a figure, or text in either convention ("73.945.400,5", "73945400.5")."""
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            return None
    return _figure(value)


def split_indicators(text: str) -> list[str]:
    """'1. Nilai LHE AKIP 2. Nilai IKM' → ['Nilai LHE AKIP', 'Nilai IKM']; one indicator stays one."""
    parts = [p.strip(" ;") for p in re.split(r"(?:^|\s)\d+[.)]\s+", text) if p.strip(" ;")]
    return parts or [text]


def tree_rows(form: RenjaForm) -> set[int]:
    """Rows of the pohon kinerja in a form that also carries the PK's indicators: the form Kinerja
    writes puts each sasaran's PK indicators on rows without a code and the program, kegiatan and
    sub-kegiatan under their Kemendagri codes. Their indicators are the tree's, not the plan's. A
    form whose every row has a code (or none has one) has no such rows: all its indicators are read."""
    if form.columns.code is None:
        return set()
    uncoded = any(r.indicator and not r.code for r in form.rows)
    return {r.row for r in form.rows if r.code and uncoded}


def indicator_names(form: RenjaForm) -> dict[int, str]:
    """Each indicator row's name in Kinerja: the indicator's text, with its kegiatan or
    sub-kegiatan added where the same text recurs in the form (a form repeats "Jumlah Dokumen …"
    under many kegiatan). The plan import and the data import name rows alike, so they match."""
    rows = [r for r in form.rows if r.indicator]
    tree = tree_rows(form)
    counts: dict[str, int] = {}
    for r in rows:
        if r.row not in tree or not r.name:
            counts[normalise_label(r.indicator)] = counts.get(normalise_label(r.indicator), 0) + 1
    names, seen = {}, set()
    for r in rows:
        repeated = counts.get(normalise_label(r.indicator), 0) > 1 or r.row in tree
        name = f"{r.indicator} ({r.name})" if repeated and r.name else r.indicator
        if normalise_label(name) in seen:
            name = f"{name} [baris {r.row}]"
        seen.add(normalise_label(name))
        names[r.row] = name
    return names


def unit_of(form: RenjaForm) -> tuple[str, str] | None:
    """(code, name) of the unit in the banner: "Badan … (BAPPEDA)" → ("BAPPEDA", "Badan …")."""
    if not form.unit_name:
        return None
    match = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", form.unit_name)
    if match:
        return match.group(2).strip(), match.group(1).strip()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", form.unit_name) if w[0].isupper())
    return initials or form.unit_name[:12].upper(), form.unit_name


def _figure(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _pct(value: float) -> float:
    """The form's %: a fraction of the annual target (0.25), or already in percent (25)."""
    return value * 100 if abs(value) <= 2 else value


def consistency_problems(form: RenjaForm, file_name: str) -> list[Problem]:
    """Warnings where the form disagrees with itself: a quarter's % to date is not its K so far
    against the year's target (K all 0 while % says 100), or the year's realisation as typed is
    not the sum of the quarters' K. One warning per row, naming both values."""
    problems = []
    for row in form.rows:
        if not row.indicator:
            continue
        target = _figure(row.target_k)
        ks = {q: _figure(v) for q, v in row.quarter_k.items()}
        so_far, off = 0.0, []
        for quarter in sorted(ks):
            so_far += ks[quarter] or 0.0
            pct = _figure(row.quarter_pct.get(quarter))
            if target and pct is not None and any(v is not None for v in ks.values()):
                expected = so_far / target * 100
                if abs(expected - _pct(pct)) > 1:  # one percentage point: more than float noise
                    off.append(
                        f"TW {roman(quarter)}: K s.d. triwulan {_n(so_far)} ({_n(expected)}% dari target {_n(target)}) sedangkan % {_n(_pct(pct))}%"
                    )
        if off:
            problems.append(
                Problem(
                    "K dan % formulir tidak sejalan; angka K yang disimpan, periksa mana yang benar ("
                    + "; ".join(off)
                    + ")",
                    file_name,
                    form.sheet.name,
                    row.row,
                    form.cell_name("quarter", min(ks)),
                    severity="warning",
                )
            )
        typed = _figure(row.year_k)
        total = _year_of([ks[q] for q in sorted(ks) if ks[q] is not None], _aggregation(row))
        if (
            total is not None
            and typed is not None
            and any(v is not None for v in ks.values())
            and abs(typed - total) > 1e-6 * max(1.0, abs(total))
        ):
            problems.append(
                Problem(
                    f"Realisasi tahun ini yang tertulis berbeda dari {_YEAR_WORDS[_aggregation(row)]} K TW I–IV (tertulis {_n(typed)}, {_YEAR_WORDS[_aggregation(row)].split()[0]} {_n(total)})",
                    file_name,
                    form.sheet.name,
                    row.row,
                    f"{column_letter(form.columns.year_k)} (Realisasi Tahun Ini K)",  # type: ignore[arg-type]
                    typed,
                    "warning",
                )
            )
    return problems


_YEAR_WORDS = {Aggregation.SUM: "jumlah", Aggregation.LAST: "triwulan terakhir dari", Aggregation.AVG: "rata-rata"}


def _aggregation(row: FormRow) -> Aggregation:
    """How the row's quarters make its year: as a column after the form's own says (the form
    Kinerja writes has "Agregasi"), else summed, as the form's own 13 = 9 + 10 + 11 + 12."""
    said = next((v for h, v in row.extra.items() if h == "agregasi" and v not in (None, "")), None)
    return (parse_aggregation(str(said)) if said is not None else None) or Aggregation.SUM


def _year_of(values: list[float], aggregation: Aggregation) -> float | None:
    """The year's realisation from its quarters' K; None where it cannot be told (a ratio, made of
    counts the form does not hold)."""
    if not values or aggregation is Aggregation.RATIO:
        return None
    if aggregation is Aggregation.LAST:
        return values[-1]
    return sum(values) / len(values) if aggregation is Aggregation.AVG else sum(values)


def _n(value: float) -> str:
    return message_number(round(value, 2))
