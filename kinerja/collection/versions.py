"""The history of each unit's quarter: every version saved, who sent it, the original file, and
what a new upload would change."""

from __future__ import annotations

import pandas as pd

from kinerja.access.people import label_people, people
from kinerja.collection.datafile import DataFile, stored_value
from kinerja.storage.settings import office_clock
from kinerja.storage.store import Store


def versions(store: Store, year: int, quarter: int) -> pd.DataFrame:
    """Every version of every unit's ``quarter`` of ``year``, newest first: "Oleh" names the person
    with the account ('Operator Bidang Kesmas (operator.kesmas)'), "Waktu" as the office reads it."""
    found = store.df(
        """
        SELECT s.id, u.code AS "Unit", s.version AS "Versi", s.created_at AS "Waktu", s.created_by AS "Oleh",
               s.file_name AS "Berkas", s.source AS "Sumber", count(r.indicator_id) AS "Baris", s.file_sha256
        FROM submission s JOIN unit u ON u.id = s.unit_id
        LEFT JOIN realization r ON r.submission_id = s.id
        WHERE s.year = ? AND s.quarter = ?
        GROUP BY ALL
        ORDER BY s.created_at DESC, s.id DESC
        """,
        [year, quarter],
    )
    clock = office_clock(store)
    return found.assign(Waktu=[clock.show(t) for t in found["Waktu"]], Oleh=label_people(found["Oleh"], people(store)))


def version_rows(store: Store, submission_id: int) -> pd.DataFrame:
    """The figures one version holds, as it was saved."""
    return store.df(
        """
        SELECT i.code AS "Kode", i.name AS "Indikator", r.value AS "Realisasi", r.numerator AS "Pembilang",
               r.denominator AS "Penyebut", r.drivers AS "Faktor Pendorong", r.obstacles AS "Faktor Penghambat",
               r.follow_up AS "Tindak Lanjut", r.evidence_url AS "Bukti Dukung"
        FROM realization r JOIN indicator_in_year i ON i.id = r.indicator_id AND i.year = r.year
        WHERE r.submission_id = ? ORDER BY i.position, i.code
        """,
        [int(submission_id)],
    )


def original_file(store: Store, sha256: str) -> tuple[str, bytes] | None:
    """The file as it was uploaded: (name, content)."""
    found = store.rows("SELECT file_name, content FROM stored_file WHERE sha256 = ?", [sha256])
    return (found[0][0], bytes(found[0][1])) if found else None


def changes(store: Store, data: DataFile) -> pd.DataFrame:
    """What saving ``data`` would change: each matched row whose figure differs from the current one."""
    current = {
        (i, y, q): v for i, y, q, v in store.rows("SELECT indicator_id, year, quarter, value FROM realization_current")
    }
    names = {i: (code, name) for i, code, name in store.rows("SELECT id, code, name FROM indicator")}
    records = []
    for row in data.rows:
        if row.indicator_id is None:
            continue
        before, after = current.get((row.indicator_id, row.year, row.quarter)), stored_value(row)
        if before != after:
            records.append(
                {
                    "Kode": names[row.indicator_id][0],
                    "Indikator": names[row.indicator_id][1],
                    "Tahun": row.year,
                    "TW": row.quarter,
                    "Sebelumnya": before,
                    "Baru": after,
                    "Keterangan": "baru" if before is None else "diubah",
                }
            )
    return pd.DataFrame(records, columns=["Kode", "Indikator", "Tahun", "TW", "Sebelumnya", "Baru", "Keterangan"])


BUDGET_CHANGE_COLUMNS = ["Kode Program", "Program", "Tahun", "TW", "Sebelumnya (Rp)", "Baru (Rp)", "Keterangan"]


def budget_changes(store: Store, data: DataFile) -> pd.DataFrame:
    """What saving ``data`` would change of its programmes' spending: each programme's quarter
    matched to the plan whose spending differs from the stored one (equal ones are ``unchanged_budget``)."""
    current = {
        (code, y, q): v
        for code, y, q, v in store.rows(
            "SELECT p.code, b.year, b.quarter, b.spending FROM budget_current b JOIN programme p ON p.id = b.programme_id"
        )
    }
    records = [
        {
            "Kode Program": line.programme_code,
            "Program": line.programme,
            "Tahun": line.year,
            "TW": line.quarter,
            "Sebelumnya (Rp)": current.get((line.programme_code, line.year, line.quarter)),
            "Baru (Rp)": line.spending,
            "Keterangan": "baru" if current.get((line.programme_code, line.year, line.quarter)) is None else "diubah",
        }
        for line in data.budget
        if line.programme_code is not None and line.indicator_id is None
    ]
    return pd.DataFrame(records, columns=BUDGET_CHANGE_COLUMNS)
