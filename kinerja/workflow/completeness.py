"""Kelengkapan and Waktu: which units have sent which indicators for a quarter, and whether on time."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.domain.numbers import fmt_date
from kinerja.domain.period import roman, usual_due_date
from kinerja.storage.store import Store

ARRIVED, MISSING, LATE = "Masuk", "Belum", "Terlambat"

_STATUS_SQL = """
SELECT u.code AS unit_code, u.name AS unit_name, i.code AS indicator_code, i.name AS indicator_name,
       q.quarter, r.value IS NOT NULL OR r.numerator IS NOT NULL AS arrived, s.created_at AS sent_at
FROM indicator_in_year i
JOIN target pk ON pk.indicator_id = i.id AND pk.year = $year AND pk.kind = 'pk' AND i.year = $year
JOIN unit u ON u.id = i.unit_id
CROSS JOIN (SELECT unnest([1, 2, 3, 4]) AS quarter) q
LEFT JOIN realization_current r ON r.indicator_id = i.id AND r.year = $year AND r.quarter = q.quarter
LEFT JOIN submission s ON s.id = r.submission_id
ORDER BY u.code, i.position, i.code, q.quarter
"""


def deadlines(store: Store, year: int) -> dict[int, dt.date]:
    """The due date of each quarter of ``year`` that has one."""
    return dict(store.rows("SELECT quarter, due_on FROM quarter_deadline WHERE year = ?", [year]))


def quarter_due_date(store: Store, year: int, quarter: int) -> dt.date:
    """The quarter's due date: the one an admin set, else the usual one (the 15th of the month after
    the quarter). A date picker for the quarter's work opens on it, not on today's month."""
    return deadlines(store, year).get(quarter) or usual_due_date(year, quarter)


def save_deadlines(store: Store, year: int, due: dict[int, dt.date | None]) -> None:
    """Set (or clear, with None) the due date of each quarter, all at once."""
    require(Action.SETTINGS)
    with store.write() as w:
        w.audit("batas_waktu.ubah", f"batas waktu {year}", deadlines(store, year), due)
        for quarter, day in due.items():
            w.execute("DELETE FROM quarter_deadline WHERE year = ? AND quarter = ?", [year, quarter])
            if day is not None:
                w.execute("INSERT INTO quarter_deadline (year, quarter, due_on) VALUES (?, ?, ?)", [year, quarter, day])


def quarter_dates(store: Store, year: int) -> pd.DataFrame:
    """Each quarter's open, due and close dates (quarter, opens_on, due_on, closes_on), all four rows."""
    found = {q: (o, d, c) for q, o, d, c in store.rows(
        "SELECT quarter, opens_on, due_on, closes_on FROM quarter_deadline WHERE year = ?", [year])}  # fmt: skip
    return pd.DataFrame(
        [(q, *found.get(q, (None, None, None))) for q in (1, 2, 3, 4)],
        columns=["quarter", "opens_on", "due_on", "closes_on"],
    )


def save_quarter_dates(store: Store, year: int, dates: pd.DataFrame) -> None:
    """Set every quarter's open, due and close dates at once (rows as :func:`quarter_dates`).
    A quarter needs a due date to have the others; open ≤ due ≤ close."""
    require(Action.SETTINGS)
    problems = []
    rows = []
    for q, opens, due, closes in dates[["quarter", "opens_on", "due_on", "closes_on"]].itertuples(index=False):
        opens, due, closes = (None if pd.isna(d) else pd.Timestamp(d).date() for d in (opens, due, closes))
        name = f"TW {roman(int(q))}"
        if due is None and (opens or closes):
            problems.append(f"{name}: isi batas kirim bila tanggal buka atau tutup diisi.")
        if opens and due and opens > due:
            problems.append(f"{name}: tanggal buka ({fmt_date(opens)}) sesudah batas kirim ({fmt_date(due)}).")
        if closes and due and closes < due:
            problems.append(f"{name}: tanggal tutup ({fmt_date(closes)}) sebelum batas kirim ({fmt_date(due)}).")
        rows.append((int(q), opens, due, closes))
    if problems:
        raise ValueError(" ".join(problems))
    with store.write() as w:
        before = quarter_dates(store, year).to_dict(orient="records")
        w.execute("DELETE FROM quarter_deadline WHERE year = ?", [year])
        for q, opens, due, closes in rows:
            if due is not None:
                w.execute(
                    "INSERT INTO quarter_deadline (year, quarter, opens_on, due_on, closes_on) VALUES (?, ?, ?, ?, ?)",
                    [year, q, opens, due, closes],
                )
        w.audit(
            "batas_waktu.ubah",
            f"periode {year}",
            before,
            [dict(zip(("quarter", "opens_on", "due_on", "closes_on"), r, strict=True)) for r in rows],
        )


def status_matrix(store: Store, year: int, today: dt.date | None = None) -> pd.DataFrame:
    """One row per indicator, a column per quarter: Masuk, Terlambat (after the due date) or Belum.
    Quarters not yet due show as empty while nothing has arrived."""
    today = today or dt.date.today()
    due = deadlines(store, year)
    frame = store.df(_STATUS_SQL, {"year": year})
    if frame.empty:
        return pd.DataFrame(columns=["Unit", "Kode", "Indikator", *(f"TW {roman(q)}" for q in (1, 2, 3, 4))])

    def status(row) -> str:
        if row.arrived:
            late = row.quarter in due and pd.notna(row.sent_at) and row.sent_at.date() > due[row.quarter]
            return LATE if late else ARRIVED
        return MISSING if row.quarter in due and today > due[row.quarter] else ""

    frame["status"] = [status(r) for r in frame.itertuples(index=False)]
    matrix = frame.pivot_table(
        index=["unit_code", "indicator_code", "indicator_name"],
        columns="quarter",
        values="status",
        aggfunc="first",
        sort=False,
    ).reset_index()
    matrix.columns = ["Unit", "Kode", "Indikator", *(f"TW {roman(q)}" for q in (1, 2, 3, 4))]
    return matrix


def unit_completeness(store: Store, year: int, quarter: int, today: dt.date | None = None) -> pd.DataFrame:
    """Per unit for one quarter: indicators, how many arrived, the share, the last upload and
    whether the unit is late (past the due date with something missing, or sent after it)."""
    today = today or dt.date.today()
    due = deadlines(store, year).get(quarter)
    frame = store.df(_STATUS_SQL, {"year": year})
    frame = frame[frame["quarter"] == quarter]
    rows = []
    for (code, name), group in frame.groupby(["unit_code", "unit_name"], sort=True):
        arrived = int(group["arrived"].sum())
        last = group["sent_at"].max()
        sent_late = due is not None and pd.notna(last) and last.date() > due
        missing_late = due is not None and today > due and arrived < len(group)
        rows.append(
            {
                "Unit": code,
                "Nama Unit": name,
                "Indikator": len(group),
                "Masuk": arrived,
                "Kelengkapan": arrived / len(group) * 100 if len(group) else None,
                "Unggahan Terakhir": None if pd.isna(last) else last,
                "Tepat Waktu": "Terlambat"
                if sent_late or missing_late
                else ("Ya" if due and arrived == len(group) else "–"),
            }
        )
    return pd.DataFrame(
        rows, columns=["Unit", "Nama Unit", "Indikator", "Masuk", "Kelengkapan", "Unggahan Terakhir", "Tepat Waktu"]
    )


def units_in_plan(store: Store, year: int) -> list[str]:
    """Codes of the units responsible for at least one indicator of the year's plan."""
    return [
        code
        for (code,) in store.rows(
            "SELECT DISTINCT u.code FROM unit u JOIN indicator_in_year i ON i.unit_id = u.id WHERE i.year = ? ORDER BY 1",
            [year],
        )
    ]
