"""A monthly sheet's months folded into quarters: once a row is matched to the plan, its
indicator's aggregation says how (the file does not). SUM adds the quarter's months, LAST takes
its last reported month, AVG the mean of its reported months, RATIO adds the months' numerators
and denominators, or where the sheet has none takes the last reported month's percentage. A month
left blank is never 0: the quarter is read from the months there are, and the uploader is told."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.collection.datafile import DataRow, MonthFigure, month_key
from kinerja.domain.achievement import Aggregation
from kinerja.domain.numbers import message_number
from kinerja.domain.period import MONTHS, month_span, quarter_months, roman
from kinerja.domain.problems import Problem

HOW = {
    Aggregation.SUM: "dijumlahkan (kumulatif)",
    Aggregation.LAST: "nilai bulan terakhir yang terisi (nilai akhir)",
    Aggregation.AVG: "dirata-ratakan (rata-rata)",
}
RATIO_COUNTS = "pembilang dan penyebut dijumlahkan (rasio)"
RATIO_PERCENT = "persentase bulan terakhir yang terisi (rasio tanpa pembilang/penyebut)"


@dataclass(frozen=True)
class QuarterFold:
    """A quarter's figure from its months, and what it was read from."""

    how: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    used: tuple[int, ...] = ()  # the months the figure is read from
    missing: tuple[int, ...] = ()  # blank months the figure needed (a quarter read from fewer)
    target: float | None = None  # the file's monthly targets, folded by the same rule
    target_months: tuple[int, ...] = ()
    lone_counts: tuple[int, ...] = ()  # months with a numerator or a denominator only: not counted


def fold_quarter(aggregation: Aggregation, quarter: int, months: Sequence[MonthFigure]) -> QuarterFold:
    """The quarter's figure from the months read for it (missing months count as blank)."""
    given = {f.month: f for f in months}
    figures = [given.get(m) or MonthFigure(m) for m in quarter_months(quarter)]
    if aggregation is Aggregation.RATIO:
        return _fold_ratio(figures)
    reported = [f for f in figures if f.value is not None]
    targets = [f for f in figures if f.target is not None]
    if aggregation is Aggregation.LAST:
        used, target = reported[-1:], targets[-1:]
        combine = _last
    else:
        used, target = reported, targets
        combine = _sum if aggregation is Aggregation.SUM else _mean
    return QuarterFold(
        HOW[aggregation],
        combine([f.value for f in used]),
        used=_months(used),
        missing=_missing(figures, used, needs_all=aggregation is not Aggregation.LAST),
        target=combine([f.target for f in target]),
        target_months=_months(target),
    )


def _fold_ratio(figures: list[MonthFigure]) -> QuarterFold:
    """Σ numerators / Σ denominators where every reported month has both counts; else the last
    reported month's percentage (its value, or its own counts' ratio)."""
    counted = [f for f in figures if f.numerator is not None and f.denominator is not None]
    reported = [f for f in figures if f.value is not None or f in counted]
    lone = tuple(f.month for f in figures if f.filled and f not in reported)
    targets = [f for f in figures if f.target is not None]
    common = {"target": _last([f.target for f in targets]), "target_months": _months(targets[-1:]), "lone_counts": lone}
    if reported and len(counted) == len(reported):
        return QuarterFold(
            RATIO_COUNTS,
            None,
            _round(sum(f.numerator for f in counted)),
            _round(sum(f.denominator for f in counted)),
            used=_months(counted),
            missing=_missing(figures, counted, needs_all=True),
            **common,
        )
    last = reported[-1:]
    percent = [f.value if f.value is not None else _percent(f) for f in last]
    return QuarterFold(
        RATIO_PERCENT, _last(percent), used=_months(last), missing=_missing(figures, last, needs_all=False), **common
    )


def _percent(figure: MonthFigure) -> float | None:
    return figure.numerator / figure.denominator * 100 if figure.denominator else None


def _missing(figures: list[MonthFigure], used: list[MonthFigure], *, needs_all: bool) -> tuple[int, ...]:
    """The blank months the figure needed: every other month of the quarter for a sum or mean, the
    months after the one taken for a last value (a later month would have been the one)."""
    if not used:
        return tuple(f.month for f in figures)
    taken = {f.month for f in used}
    return tuple(f.month for f in figures if f.month not in taken and (needs_all or f.month > max(taken)))


def _months(figures: Sequence[MonthFigure]) -> tuple[int, ...]:
    return tuple(f.month for f in figures)


def _round(value: float) -> float:
    return round(value, 9)  # 0.1 + 0.2 is stored as 0.3, as typed


def _sum(values: list[float]) -> float | None:
    return _round(math.fsum(values)) if values else None


def _mean(values: list[float]) -> float | None:
    return _round(math.fsum(values) / len(values)) if values else None


def _last(values: list[float | None]) -> float | None:
    return values[-1] if values else None


# --- a row's quarter, folded and said ------------------------------------------------------------


def fold_months(row: DataRow, indicator: dict, problems: list[Problem]) -> None:
    """Set a monthly row's figure from its months by its indicator's aggregation (a plan record of
    checking.load_plan), and say what the uploader must know: months left blank, a ratio without
    counts, monthly targets that do not add up to the Rencana Aksi's."""
    aggregation = indicator["aggregation_mode"]
    fold = fold_quarter(aggregation, row.quarter, row.months)
    row.value, row.numerator, row.denominator = fold.value, fold.numerator, fold.denominator
    row.fold = fold.how if fold.used else None
    if fold.used:
        row.value_key = month_key(fold.used[-1])
    quarter = f"TW {roman(row.quarter)}"
    for month in fold.lone_counts:
        problems.append(
            row.place.problem(
                month_key(month, "numerator"),
                None,
                f"{quarter}: {MONTHS[month - 1]} berisi pembilang atau penyebut saja; isi keduanya "
                "(bulan ini tidak dihitung)",
                "warning",
            )
        )
    if fold.used and fold.missing:
        problems.append(
            row.place.problem(
                month_key(fold.missing[0]),
                None,
                f"{quarter}: {', '.join(MONTHS[m - 1] for m in fold.missing)} belum dilaporkan; "
                f"dibaca dari {month_span(fold.used)}",
                "warning",
            )
        )
    if aggregation is not Aggregation.RATIO and not fold.used and any(f.filled for f in row.months):
        problems.append(
            row.place.problem(row.value_key, None, "Isi realisasi; pembilang/penyebut hanya untuk indikator rasio")
        )
    _compare_targets(row, aggregation, fold, indicator["quarter_targets"][row.quarter - 1], problems)


def _compare_targets(row: DataRow, aggregation: Aggregation, fold: QuarterFold, planned, problems) -> None:
    """The file's monthly targets are not stored (the plan holds the targets); where they fold to
    another figure than the Rencana Aksi's quarter target, the uploader is told both."""
    if fold.target is None or planned is None or math.isclose(fold.target, planned, rel_tol=1e-9, abs_tol=1e-9):
        return
    months = month_span(fold.target_months)
    folded = {Aggregation.SUM: f"{months} dijumlahkan", Aggregation.AVG: f"rata-rata {months}"}.get(aggregation, months)
    quarter = f"TW {roman(row.quarter)}"
    problems.append(
        row.place.problem(
            month_key(fold.target_months[-1], "target"),
            fold.target,
            f"Target {quarter} di berkas ({folded}: {message_number(fold.target)}) berbeda dengan target Rencana "
            f"Aksi {quarter} ({message_number(planned)}); target bulanan tidak disimpan, capaian memakai target "
            "Rencana Aksi",
            "warning",
        )
    )
