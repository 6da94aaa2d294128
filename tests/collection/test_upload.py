"""The one upload use case (kinerja.collection.upload): the command line and the page give the same
result for the same file, a file is read (its workbook opened) once and checked once, and a rerun of
the Unggah Data page neither reads nor checks it again."""

import subprocess
import sys
from contextlib import closing

import pytest

from kinerja.collection import reading, upload
from kinerja.collection.checking import check_data
from kinerja.collection.corrections import with_edits
from kinerja.collection.datafile import Period, stored_value
from kinerja.collection.mapping import remember_data_columns
from kinerja.collection.saving import save_data
from kinerja.collection.upload import corrected, import_files, read_upload, review_upload
from kinerja.domain.problems import shown
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.store import Store
from kinerja.workbook import headings
from kinerja.workbook.headings import heading_rows
from tests.conftest import copy_db, db_spec
from tests.pages import app_over
from tests.workbooks import lkpj_plan, lkpj_table, satu_data_realisations, xlsx

PERIOD = Period(2025, 4, "DINKES")
HEADER = ["Kode", "Indikator Kinerja", "Realisasi", "Pembilang", "Penyebut"]
COUNTS = [  # numbers as cells, so no column shows its decimal mark: '1,046' could be 1046 or 1,046
    ["IKU04", "Indeks Kepuasan Masyarakat", 82.123456789, None, None],  # more decimals than the page shows
    ["IKU05", "Prevalensi stunting", 13.9, "1,046", 7525],
]
FILES = {  # office files of the LKPJ plan's year: an annex table, counts, columns to map, a broken file
    "lkpj-2025.xlsx": lkpj_table(["71.62", "11.713", "10,274,076", "83.5", "Belum Rilis"]),
    "capaian.xlsx": xlsx({"Capaian 2025": [HEADER, *COUNTS]}),
    "satu-data.csv": satu_data_realisations(),
    "rusak.xlsx": b"PK\x03\x04 bukan buku kerja",
}


@pytest.fixture
def lkpj_db(tmp_path):
    """A database with the LKPJ annex's IKU plan of 2025 (annual targets, one unit DINKES)."""
    path = tmp_path / "lkpj.duckdb"
    store = Store(db_spec(path))
    save_plan(store, read_plan_file(lkpj_plan(), "iku-2025.xlsx"))
    store.close()
    return path


@pytest.fixture
def lkpj_store(lkpj_db):
    store = Store(db_spec(lkpj_db))
    yield store
    store.close()


def outcome(data) -> tuple:
    """What a checked file comes to: each figure at its place, every problem, every row accounted for."""
    figures = sorted((r.place.sheet, r.place.row, r.quarter, r.indicator_id, stored_value(r)) for r in data.rows)
    return figures, [str(p) for p in shown(data.problems)], data.accounting(), len(data.unchanged)


@pytest.mark.parametrize("name", FILES)
def test_the_command_line_and_the_page_come_to_the_same_result_for_the_same_file(lkpj_store, name):
    ((imported, _),) = import_files(lkpj_store, [(name, FILES[name])], PERIOD, dry_run=True)
    review = review_upload(lkpj_store, read_upload(lkpj_store, FILES[name], name, PERIOD))
    assert outcome(review.data) == outcome(imported)
    if review.corrections is not None:  # the page's table left as shown: the same file, to the last decimal
        assert corrected(lkpj_store, review, review.corrections.copy()) is review
        as_shown = check_data(lkpj_store, with_edits(review.settled, review.corrections))
        assert outcome(as_shown) == outcome(review.data)


def test_a_warning_on_a_cell_left_as_shown_stays_and_a_retyped_figure_clears_it(lkpj_store):
    review = review_upload(lkpj_store, read_upload(lkpj_store, FILES["capaian.xlsx"], "capaian.xlsx", PERIOD))
    asked = [(p.row, p.column) for p in review.data.warnings]
    assert (3, "D (Pembilang)") in asked, "'1,046' is asked about, on the page as on the command line"
    assert {r.place.row: r.value for r in review.data.rows}[2] == 82.123456789
    table = review.corrections.copy()
    table.loc[1, "Realisasi"] = "14,1"  # another cell of the row corrected: the count is still asked about
    edited = corrected(lkpj_store, review, table)
    assert (3, "D (Pembilang)") in [(p.row, p.column) for p in edited.data.warnings]
    assert {r.place.row: r.value for r in edited.data.rows} == {2: 82.123456789, 3: 14.1}
    table.loc[1, "Pembilang"] = "1046"
    retyped = corrected(lkpj_store, review, table)
    assert (3, "D (Pembilang)") not in [(p.row, p.column) for p in retyped.data.warnings]


STORED = "SELECT indicator_id, year, quarter, value, numerator, denominator FROM realization_current ORDER BY ALL"


def test_the_command_line_prints_what_the_page_shows_and_stores_the_same_figures(lkpj_db, tmp_path):
    content, name = FILES["lkpj-2025.xlsx"], "lkpj-2025.xlsx"
    path = tmp_path / name
    path.write_bytes(content)
    by_hand, by_command = tmp_path / "halaman.duckdb", tmp_path / "perintah.duckdb"
    copy_db(lkpj_db, by_hand)
    copy_db(lkpj_db, by_command)
    period = ["--year", "2025", "--quarter", "4", "--unit", "DINKES"]
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "import", str(path), *period, "--db", str(db_spec(by_command))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with closing(Store(db_spec(by_hand))) as store:
        review = review_upload(store, read_upload(store, content, name, PERIOD))
        assert done.stderr.splitlines() == [str(p) for p in shown(review.data.problems)]
        assert f"  rincian: {review.data.accounting()}" in done.stdout.splitlines()
        save_data(store, review.data, confirm_warnings=True)
        on_the_page = store.rows(STORED)
    with closing(Store(db_spec(by_command))) as store:
        assert store.rows(STORED) == on_the_page


def counted(monkeypatch, module, name: str) -> list:
    """Calls of ``module.name`` (by whoever looks it up there), counted."""
    calls, work = [], getattr(module, name)

    def count(*args, **kwargs):
        calls.append(args)
        return work(*args, **kwargs)

    monkeypatch.setattr(module, name, count)
    return calls


def test_a_file_is_opened_once_and_checked_once(lkpj_store, monkeypatch):
    content = satu_data_realisations()
    heading = heading_rows(content, "realisasi-2026.csv")[0]  # a heading row remembered: read with it
    remember_data_columns(lkpj_store, heading, {"indikator sasaran": "name", "capaian 2026": "value"})
    opened = [counted(monkeypatch, module, "read_sheets") for module in (upload, reading, headings)]
    checks = counted(monkeypatch, upload, "check_data")
    review = review_upload(lkpj_store, read_upload(lkpj_store, content, "realisasi-2026.csv", PERIOD))
    assert sum(map(len, opened)) == 1, "the workbook opened once: for the mapping, the reading and the headings"
    assert review.headings and review.data.columns, "read with the remembered columns; its heading rows kept"
    ambiguous = lkpj_table(["71.62", "11.713", "10,274,076", "83.5", "Belum Rilis"])  # '11.713' decided by checking
    review = review_upload(lkpj_store, read_upload(lkpj_store, ambiguous, "lkpj.xlsx", PERIOD))
    assert len(checks) == 2, "one check a file, also where the table shows figures checking decided"
    assert corrected(lkpj_store, review, review.corrections.copy()) is review and len(checks) == 2
    table = review.corrections.copy()
    table.loc[0, "Realisasi"] = "71,7"
    corrected(lkpj_store, review, table)
    assert len(checks) == 3, "a correction is checked once"


@pytest.fixture
def app(demo_db_path, monkeypatch):
    yield from app_over(demo_db_path, monkeypatch)


def test_a_rerun_of_the_page_neither_reads_nor_checks_the_file_again(app, monkeypatch):
    reads = counted(monkeypatch, upload, "read_data_file")
    checks = counted(monkeypatch, upload, "check_data")
    app.switch_page("views/unggah.py").run()
    content = xlsx({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], ["IK10", 30, "KLB di dua kecamatan"]]})
    app.get("file_uploader")[0].upload("p2p.xlsx", content, "application/vnd.ms-excel").run()
    assert not app.exception
    assert "peringatan" in app.main.warning[0].value
    assert (len(reads), len(checks)) == (1, 1)
    app.checkbox[0].check().run()  # a click reruns the page
    app.run()
    assert not app.exception and "peringatan" in app.main.warning[0].value
    assert (len(reads), len(checks)) == (1, 1), "the file is kept per content and data version"
