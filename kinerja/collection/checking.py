"""Checking a file's rows against the year's plan: which indicator and unit each row is, and every
problem with its place (errors refuse the file, warnings must be confirmed)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from kinerja.access.roles import Action, can, current
from kinerja.collection.datafile import LABEL, BudgetLine, DataFile, DataRow, collector_paused, stored_value
from kinerja.collection.monthly import fold_months
from kinerja.collection.repeats import STORED_COLUMNS, StoredFigure, settle_budget_repeats, settle_repeats
from kinerja.collection.spending import check_spending
from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import message_number, plain_number
from kinerja.domain.period import period_name, roman
from kinerja.domain.problems import Problem
from kinerja.domain.vocabulary import normalise_label
from kinerja.storage.store import Store
from kinerja.workflow.review import PeriodRules

FAR_ABOVE_TARGET = 3.0  # × the quarter's target
FAR_BELOW_TARGET = 10.0  # ÷ the quarter's target, where more is better
NAME_MATCH_CUTOFF = 0.85

# --- checking ----------------------------------------------------------------------------------

_PLAN_SQL = """
SELECT i.id, i.code, i.name, i.measure_unit, i.polarity, i.aggregation, u.code AS unit_code, t.year,
       max(t.value) FILTER (WHERE t.kind = 'pk') AS pk,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 1) AS ra1,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 2) AS ra2,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 3) AS ra3,
       max(t.value) FILTER (WHERE t.kind = 'ra' AND t.quarter = 4) AS ra4
FROM indicator_in_year i JOIN target t ON t.indicator_id = i.id AND t.year = i.year
LEFT JOIN unit u ON u.id = i.unit_id
WHERE $all_years OR t.year IN (SELECT unnest($years::INTEGER[]))
GROUP BY ALL
HAVING count(*) FILTER (WHERE t.kind = 'pk') > 0
"""


@dataclass
class PlanIndex:
    """What checking needs of the plan, loaded once per batch, as dictionaries for fast lookups."""

    by_code: dict[tuple[str, int], dict]  # (CODE, year) → indicator
    by_id: dict[tuple[int, int], dict]  # (id, year) → indicator
    names: dict[int, dict[str, list[dict]]]  # year → normalised name → indicators
    units: dict[str, str]  # normalised code or name → code
    aliases: dict[tuple[str, str], int]  # (unit code, normalised name) → indicator id
    programmes: dict[str, str] = field(default_factory=dict)  # normalised name → code
    # (indicator, year, quarter) → stored value, of the quarters a file touches (read by check_data)
    current: dict[tuple[int, int, int], float | None] = field(default_factory=dict)
    # (indicator, year, quarter) → the latest stored figure of an earlier quarter, this year or
    # last: (value, year, quarter)
    previous: dict[tuple[int, int, int], tuple[float, int, int]] = field(default_factory=dict)


def load_plan(store: Store, years: set[int] | None = None) -> PlanIndex:
    """The plan of ``years`` (all years when None), ready for matching a file's rows."""
    by_code, by_id, names = {}, {}, defaultdict(lambda: defaultdict(list))
    wanted = sorted(y for y in years or () if y is not None)
    columns = (
        "id",
        "code",
        "name",
        "measure_unit",
        "polarity",
        "aggregation",
        "unit_code",
        "year",
        "pk",
        "ra1",
        "ra2",
        "ra3",
        "ra4",
    )
    normalised: dict[int, str] = {}
    for values in store.rows(_PLAN_SQL, {"all_years": years is None, "years": wanted}):
        record = dict(zip(columns, values, strict=True))
        # what the checks ask of every row, worked out once per indicator
        record["quarter_targets"] = (record["ra1"], record["ra2"], record["ra3"], record["ra4"])
        record["aggregation_mode"] = Aggregation(record["aggregation"])
        record["polarity_kind"] = Polarity(record["polarity"])
        record["percent"] = record["measure_unit"].strip() == "%"
        by_code[record["code"].upper(), record["year"]] = record
        by_id[record["id"], record["year"]] = record
        if record["id"] not in normalised:
            normalised[record["id"]] = normalise_label(record["name"])
        names[record["year"]][normalised[record["id"]]].append(record)
    units = {}
    for code, name in store.rows("SELECT code, name FROM unit"):
        units[normalise_label(code)] = code
        units.setdefault(normalise_label(name), code)
    aliases = {
        (code, name): indicator
        for code, name, indicator in store.rows(
            "SELECT u.code, a.source_name, a.indicator_id FROM indicator_alias a JOIN unit u ON u.id = a.unit_id"
        )
    }
    programmes = {normalise_label(name): code for code, name in store.rows("SELECT code, name FROM programme")}
    return PlanIndex(by_code, by_id, names, units, aliases, programmes)


@collector_paused
def check_data(store: Store, data: DataFile, plan: PlanIndex | None = None, threshold: float = 90.0) -> DataFile:
    """Match every row to the plan and add the problems found; returns ``data``."""
    plan = plan or load_plan(store, {r.year for r in data.rows})
    resolved = [row for row in data.rows if _resolve(row, plan, data.problems)]
    for row in resolved:
        indicator = plan.by_id[row.indicator_id, row.year]
        row.place.subject = f'{indicator["code"]} "{indicator["name"]}"'  # named by every problem from here on
        if row.months:  # a monthly sheet's quarter: its figure is its months by the indicator's aggregation
            fold_months(row, indicator, data.problems)
    stored, plan.previous = _current_of(store, resolved)
    plan.current = {key: figure.value for key, figure in stored.items()}
    rules = PeriodRules.load(store, {row.year for row in resolved})
    resolved, repeats = settle_repeats(resolved, stored, rules, current(), data.problems)
    if repeats:
        repeated = {id(row) for row in repeats}
        data.rows = [row for row in data.rows if id(row) not in repeated]
        data.unchanged += repeats
    seen: dict[tuple[int, int, int], int] = {}
    for row in resolved:
        key = (row.indicator_id, row.year, row.quarter)
        if key in seen:
            data.problems.append(
                row.place.problem(
                    "name",
                    row.name or row.code,
                    f"Baris ganda: indikator dan triwulan yang sama sudah ada di baris {seen[key]}",
                )
            )
            continue
        seen[key] = row.place.row
        link = row.text.get("evidence_url")
        if link and not is_web_link(link):
            data.problems.append(
                row.place.problem(
                    "evidence_url", link, "Bukti dukung harus berupa tautan yang diawali http:// atau https://"
                )
            )
        _check_values(row, plan, data.problems, threshold if data.narrative else None)
    for line in data.budget:
        if not line.table:  # a budget table's lines are checked against the year's programmes below
            _resolve_budget(line, plan, data.problems)
    check_spending(store, data.budget, plan.units, data.problems)
    data.budget, same = settle_budget_repeats(store, data.budget)
    data.unchanged_budget += same
    data.problems = _named(data.problems, [*resolved, *data.unchanged])
    return data


def _named(problems: list[Problem], rows: list[DataRow]) -> list[Problem]:
    """Every problem of a row matched to the plan names its indicator ('IK03 "Persentase …"'),
    whichever step found it: the checks' problems are made with it (``RowPlace.subject``), the
    reader's, found before the row was matched, get it here."""
    wanted = {(p.sheet, p.row) for p in problems if p.subject is None and p.row is not None}
    subjects = {
        (row.place.sheet, row.place.row): row.place.subject
        for row in rows
        if (row.place.sheet, row.place.row) in wanted
    }
    return [
        Problem(p.message, p.file, p.sheet, p.row, p.column, p.value, p.severity, subjects[p.sheet, p.row])
        if p.subject is None and (p.sheet, p.row) in subjects
        else p
        for p in problems
    ]


def _resolve_budget(line: BudgetLine, plan: PlanIndex, problems: list[Problem]) -> None:
    line.unit_code = plan.units.get(normalise_label(line.unit or ""))
    if line.indicator is not None:
        found = plan.names.get(line.year or 0, {}).get(normalise_label(line.indicator), [])
        line.indicator_id = found[0]["id"] if len(found) == 1 else None
        if line.indicator_id is None:
            problems.append(
                line.place.problem(
                    "value",
                    line.spending,
                    f'Indikator "{line.indicator}" ({line.programme}) tidak ada dalam rencana {line.year}; '
                    "realisasi anggaran kegiatannya dilewati",
                    "warning",
                )
            )
            return
    else:
        line.programme_code = plan.programmes.get(normalise_label(line.programme))
    if line.programme_code is None and line.indicator_id is None:
        problems.append(
            line.place.problem(
                "value",
                line.spending,
                f'Program "{line.programme}" tidak ada dalam rencana; realisasi anggarannya dilewati',
                "warning",
            )
        )
    elif line.unit_code is None:
        problems.append(
            line.place.problem("value", line.spending, "Unit pengirim tidak dikenal: pilih unit saat mengunggah")
        )


_PREVIOUS = """
WITH k AS (SELECT DISTINCT indicator_id, year, quarter, year * 10 + quarter AS period FROM _file_keys),
c AS (
    SELECT indicator_id, year * 10 + quarter AS period, value FROM realization_current
    WHERE value IS NOT NULL AND indicator_id IN (SELECT indicator_id FROM k) AND year >= (SELECT min(year) - 1 FROM k)
)

SELECT k.indicator_id, k.year, k.quarter, c.value, c.period
FROM k ASOF JOIN c ON k.indicator_id = c.indicator_id AND k.period > c.period
WHERE c.period >= (k.year - 1) * 10
"""


def _current_of(store: Store, rows: list[DataRow]):
    """The stored figures of the indicator-quarters a file touches (for repeats and the falling-SUM
    warning), and each one's latest earlier figure, this year or last (for the plausibility checks)."""
    if not rows:
        return {}, {}
    keys = pd.DataFrame(
        {
            "indicator_id": [r.indicator_id for r in rows],
            "year": [r.year for r in rows],
            "quarter": [r.quarter for r in rows],
        }
    )
    cursor = store.cursor()
    cursor.register("_file_keys", keys)
    try:
        found = cursor.execute(
            f"SELECT c.indicator_id, c.year, c.quarter, {', '.join(f'c.{k}' for k in STORED_COLUMNS)} "
            "FROM realization_current c JOIN (SELECT DISTINCT * FROM _file_keys) k USING (indicator_id, year, quarter)"
        ).fetchnumpy()
        earlier = cursor.execute(_PREVIOUS).fetchnumpy()
    finally:
        cursor.unregister("_file_keys")
    figures = map(StoredFigure._make, zip(*(_plain(found[k]) for k in STORED_COLUMNS), strict=True))
    current = dict(zip(_keys_of(found), figures, strict=True))
    periods = earlier["period"].tolist()
    previous = dict(
        zip(
            _keys_of(earlier),
            ((v, p // 10, p % 10) for v, p in zip(earlier["value"].tolist(), periods, strict=True)),
            strict=True,
        )
    )
    return current, previous


def _plain(column) -> list:
    """A fetched column as Python values, a SQL NULL as None (numpy gives masked arrays for them)."""
    return column.astype(object).filled(None).tolist() if hasattr(column, "filled") else column.tolist()


def _keys_of(columns) -> zip:
    return zip(columns["indicator_id"].tolist(), columns["year"].tolist(), columns["quarter"].tolist(), strict=True)


def _resolve(row: DataRow, plan: PlanIndex, problems: list[Problem]) -> bool:
    if row.year is None:
        problems.append(
            row.place.problem(
                None, None, "Tahun tidak diketahui: pilih tahun saat mengunggah, atau tulis 'TAHUN 2026' pada judul"
            )
        )
        return False
    if row.quarter is None:
        problems.append(
            row.place.problem(
                None,
                None,
                "Triwulan tidak diketahui: pilih triwulan saat mengunggah, atau tulis 'TRIWULAN II' pada judul",
            )
        )
        return False
    if row.unit is not None:
        row.unit_code = plan.units.get(normalise_label(row.unit))
        if row.unit_code is None:
            problems.append(row.place.problem("unit", row.unit, "Unit tidak dikenal"))
            return False
    indicator = _match_indicator(row, plan, problems)
    if indicator is None:
        return False
    owner = indicator["unit_code"]
    if owner and not can(current(), Action.UPLOAD, owner):
        problems.append(
            row.place.problem(
                "code" if row.code else "name",
                row.code or row.name,
                f"Indikator {indicator['code']} adalah tanggung jawab unit {owner}; akun ini tidak berwenang mengirim datanya",
            )
        )
        return False
    row.indicator_id = int(indicator["id"])
    row.unit_code = row.unit_code or owner
    if row.unit_code is None:
        problems.append(
            row.place.problem(
                "name", row.name, "Indikator ini belum punya unit penanggung jawab; pilih unit saat mengunggah"
            )
        )
        return False
    return True


def _match_indicator(row: DataRow, plan: PlanIndex, problems: list[Problem]) -> dict | None:
    """By code; else by a name this unit's uploads were mapped to; else by exact name (the unit's own
    indicator first); else by a close name, as a warning to confirm."""
    year_names = plan.names.get(row.year)
    if not year_names:
        problems.append(row.place.problem(None, row.year, f"Tidak ada rencana kinerja untuk tahun {row.year}"))
        return None
    if row.code:
        found = plan.by_code.get((row.code.upper(), row.year))
        if found is not None:
            return found
        if not row.name:
            problems.append(
                row.place.problem("code", row.code, f"Kode indikator tidak ada dalam rencana tahun {row.year}")
            )
            return None
    wanted = normalise_label(row.name)
    alias = plan.aliases.get((row.unit_code or "", wanted))
    if alias is None and row.unit_code is None:
        anywhere = {i for (_, name), i in plan.aliases.items() if name == wanted}
        alias = anywhere.pop() if len(anywhere) == 1 else None
    if alias is not None and (alias, row.year) in plan.by_id:
        return plan.by_id[alias, row.year]
    exact = year_names.get(wanted, [])
    own = [r for r in exact if r["unit_code"] == row.unit_code]
    if len(own or exact) == 1:
        return (own or exact)[0]
    if exact:
        problems.append(
            row.place.problem("name", row.name, "Nama indikator dipakai lebih dari satu indikator; tulis kodenya")
        )
        return None
    close = difflib.get_close_matches(wanted, list(year_names), n=1, cutoff=NAME_MATCH_CUTOFF)
    if close and len(year_names[close[0]]) == 1:
        match = year_names[close[0]][0]
        similarity = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
        problems.append(
            row.place.problem(
                "name",
                row.name,
                f'Dicocokkan dengan {match["code"]} "{match["name"]}" (kemiripan {similarity:.0%}); pastikan benar',
                "warning",
            )
        )
        return match
    problems.append(row.place.problem("name", row.name, f"Indikator tidak ditemukan dalam rencana tahun {row.year}"))
    return None


def is_web_link(text: object) -> bool:
    """An evidence link people can open: http(s) only, never ``javascript:`` or a local file."""
    return isinstance(text, str) and re.match(r"(?i)https?://[^\s<>\"']+$", text.strip()) is not None


ABSURD = 1e15  # beyond any count or rupiah figure a regional office reports
ABSURD_PERCENT = 1000.0


def _check_values(row: DataRow, plan: PlanIndex, problems: list[Problem], threshold: float | None) -> None:
    indicator = plan.by_id[row.indicator_id, row.year]
    aggregation = indicator["aggregation_mode"]
    key = row.value_key
    if aggregation is Aggregation.RATIO:
        if not (row.months and row.numerator is None and row.denominator is None):  # said when folded
            _check_ratio(row, problems)
    elif row.value is None and (row.numerator is not None or row.denominator is not None):
        problems.append(row.place.problem(key, None, "Isi realisasi; pembilang/penyebut hanya untuk indikator rasio"))
    previous = plan.previous.get((row.indicator_id, row.year, row.quarter))
    quarter_target = _quarter_target(indicator, row.quarter)
    if row.ambiguous and aggregation is not Aggregation.RATIO:
        _decide_separator(row, (quarter_target, indicator["pk"], previous[0] if previous else None), problems)
    value = stored_value(row)
    if value is None:
        return
    if abs(value) >= ABSURD or (indicator["percent"] and abs(value) > ABSURD_PERCENT):
        unit = "persentase" if indicator["percent"] else "angka realisasi"
        problems.append(
            row.place.problem(
                key, value, f"Nilai tidak masuk akal sebagai {unit}; periksa pemisah desimal dan satuannya"
            )
        )
        return
    if value < 0:
        problems.append(row.place.problem(key, value, "Nilai negatif; pastikan benar", "warning"))
    if indicator["percent"] and 0 < value <= 1 and (quarter_target or 0) > 1:
        problems.append(
            row.place.problem(
                key,
                value,
                f"Tampaknya persentase ditulis sebagai pecahan ({message_number(value)} untuk {message_number(value * 100)}%)",
                "warning",
            )
        )
    _check_zero_target(row, indicator, problems)
    _check_far_from(row, value, (quarter_target, indicator["pk"]), previous, indicator, problems)
    stored = plan.current.get((row.indicator_id, row.year, row.quarter))
    if aggregation is Aggregation.SUM and stored is not None and value < stored:
        problems.append(
            row.place.problem(
                key, value, f"Nilai kumulatif turun dari unggahan sebelumnya ({message_number(stored)})", "warning"
            )
        )
    if threshold is not None:
        _check_obstacle_note(row, indicator, value, quarter_target, problems, threshold)


FAR_FROM_PREVIOUS = 10.0  # × or ÷ the latest earlier figure of a level (not a SUM's quarterly increment)
PLAUSIBLE = 10.0  # a reading within this factor of a target or an earlier figure is plausible


def _check_far_from(row: DataRow, value: float, targets, previous, indicator: dict, problems) -> None:
    """A figure far above the quarter's target, or (with no quarterly target) the year's; far from
    the latest earlier figure of a level; or far below the target: a unit or separator slip to
    confirm, one warning a cell. (Far below is not asked where less is better, nor of a zero.)"""
    quarter_target, annual_target = targets
    target, which = (quarter_target, "triwulan") if quarter_target else (annual_target, "tahunan")
    slip = "pastikan satuan dan pemisah desimalnya benar"
    if target and target > 0 and value > FAR_ABOVE_TARGET * target:
        message = f"Jauh di atas target {which} ({message_number(target)}); {slip}"
    elif _far_from_previous(value, previous, indicator["aggregation_mode"]):
        earlier, year, quarter = previous
        message = f"Jauh berbeda dari angka {period_name(year, quarter)} ({message_number(earlier)}); {slip}"
    elif (
        target
        and target > 0
        and 0 < value < target / FAR_BELOW_TARGET
        and indicator["polarity_kind"] is not Polarity.NEGATIVE
    ):
        message = f"Jauh di bawah target {which} ({message_number(target)}); {slip}"
    else:
        return
    problems.append(row.place.problem(row.value_key, value, message, "warning"))


def _far_from_previous(value: float, previous, aggregation: Aggregation) -> bool:
    """A level ten times above or below its latest earlier figure (a SUM's quarters are increments)."""
    if previous is None or aggregation is Aggregation.SUM or not previous[0] or not value:
        return False
    return not 1 / FAR_FROM_PREVIOUS <= value / previous[0] <= FAR_FROM_PREVIOUS


def _decide_separator(row: DataRow, references, problems: list[Problem]) -> None:
    """A value such as '11.713' whose column did not show its decimal mark: the reading near the
    targets and the latest earlier figure is taken, and the uploader is told; where neither or both
    are near, the Indonesian reading stays and the uploader is asked to check."""
    text, read, other = row.ambiguous  # type: ignore[misc]
    known = [abs(r) for r in references if r]

    def plausible(value: float) -> bool:
        return any(r / PLAUSIBLE <= abs(value) <= r * PLAUSIBLE for r in known)

    if known and plausible(read) and not plausible(other):
        return
    shown = f"'{text}' dapat berarti {message_number(read, 6)} atau {message_number(other, 6)}"
    if known and plausible(other) and not plausible(read):
        row.value = other
        message = (
            f"{shown}; dibaca {message_number(other, 6)} karena dekat dengan target/angka sebelumnya "
            f"({message_number(known[0])}). Pastikan; bila bukan, perbaiki di tabel"
        )
    else:
        message = f"{shown}; dibaca {message_number(read, 6)}. Pastikan, atau tulis tanpa pemisah ribuan"
    problems.append(row.place.problem(row.value_key, text, message, "warning"))


def _check_ratio(row: DataRow, problems: list[Problem]) -> None:
    """A RATIO's figure: its counts (numerator and denominator), or the percentage alone as units
    write it (measured as such, see achievement.ratio_as_percent); one count without the other is
    an error, said once for the row."""
    if row.numerator is None and row.denominator is None:
        if row.value is None:
            problems.append(
                row.place.problem(
                    row.value_key,
                    None,
                    "Indikator rasio: isi persentasenya, atau pembilang dan penyebutnya",
                )
            )
        return
    if row.numerator is None or row.denominator is None:
        lacking = "numerator" if row.numerator is None else "denominator"
        problems.append(
            row.place.problem(
                lacking,
                None,
                f"Indikator rasio: {LABEL[lacking].lower()} kosong; isi pembilang dan penyebut, "
                "atau kosongkan keduanya dan tulis persentasenya saja",
            )
        )
    elif row.denominator == 0:
        problems.append(row.place.problem("denominator", 0, "Penyebut tidak boleh nol"))
    elif row.numerator > row.denominator:
        problems.append(row.place.problem("numerator", row.numerator, "Pembilang lebih besar dari penyebut", "warning"))
    elif row.value is not None and abs(row.value - row.numerator / row.denominator * 100) > ROUNDED_PERCENT:
        counted = row.numerator / row.denominator * 100
        problems.append(
            row.place.problem(
                row.value_key,
                row.value,
                f"Persentase {message_number(row.value)} tidak sama dengan pembilang ÷ penyebut "
                f"({message_number(counted)}): yang disimpan {message_number(counted)}",
                "warning",
            )
        )


ROUNDED_PERCENT = 0.051  # a percentage written to one decimal beside its counts is not a different figure


def _check_zero_target(row: DataRow, indicator: dict, problems: list[Problem]) -> None:
    """Where more is better, a target to date of 0 leaves the achievement undefined (DOMAIN.md):
    the figure is stored, and the uploader is told why no capaian will show."""
    if indicator["polarity_kind"] is not Polarity.POSITIVE:
        return
    targets = [t for t in indicator["quarter_targets"][: row.quarter] if t is not None]
    if not targets:
        to_date, which = indicator["pk"], "tahunan"
    elif indicator["aggregation_mode"] in (Aggregation.SUM, Aggregation.AVG):
        to_date, which = sum(targets), f"s.d. TW {roman(row.quarter)}"
    else:
        to_date, which = indicator["quarter_targets"][row.quarter - 1], f"TW {roman(row.quarter)}"
    if to_date == 0:
        problems.append(
            row.place.problem(
                row.value_key,
                stored_value(row),
                f"Target {which} 0: capaian indikator ini tidak dapat dihitung (tampil '–'); angkanya tetap disimpan",
                "warning",
            )
        )


def _quarter_target(indicator: dict, quarter: int) -> float | None:
    return indicator["quarter_targets"][quarter - 1]


def _check_obstacle_note(row, indicator, value, quarter_target, problems, threshold) -> None:
    """Below the threshold, the unit should say what held it back."""
    if row.text.get("obstacles") or not quarter_target:
        return
    polarity = indicator["polarity_kind"]
    if polarity is Polarity.POSITIVE:
        quarter_achievement = value / quarter_target * 100
    elif polarity is Polarity.NEGATIVE:
        quarter_achievement = (2 * quarter_target - value) / quarter_target * 100
    else:
        return
    if quarter_achievement < threshold:
        problems.append(
            row.place.problem(
                "obstacles",
                None,
                f"Capaian triwulan ini di bawah {plain_number(threshold)}% (sekitar {plain_number(round(quarter_achievement, 1))}%): "
                "isi faktor penghambat",
                "warning",
            )
        )
