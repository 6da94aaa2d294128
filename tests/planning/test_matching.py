"""A year's plan belongs to its year: next year's PK never rewrites the past, nothing is matched
silently, finished years are protected, and the first plan of an office just imports."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from kinerja.collection.template import unit_template
from kinerja.domain.problems import InputRejected
from kinerja.planning.editor import draft_from_frames
from kinerja.planning.saving import plan_outcomes, save_plan
from kinerja.planning.stored import plan_frame
from kinerja.planning.workbook import plan_template, read_plan_file
from kinerja.reporting.lkjip import annual_xlsx
from kinerja.reporting.quarterly import quarterly_xlsx
from kinerja.storage.figures import recap
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.opening import opening_period
from kinerja.workflow.review import ReportState, report_state
from tests.conftest import snapshot
from tests.workbooks import PK_HEADER, xlsx

K6 = "Cakupan kunjungan ibu hamil K6"  # IK04 in the demo: a ratio (pembilang/penyebut), unit KESMAS


def _cells(content: bytes) -> list[tuple]:
    """Every value of every sheet of a workbook: what a reader of the file sees."""
    book = load_workbook(io.BytesIO(content))
    return [(s.title, *row) for s in book.worksheets for row in s.iter_rows(values_only=True)]


def _history(store) -> dict:
    """Every figure, template and report of the demo's years, as a user would see them."""
    seen = {}
    for year in (2024, 2025, 2026):
        for quarter in (1, 2, 3, 4):
            seen[("recap", year, quarter)] = recap(store, year, quarter).to_csv(index=False)
        seen[("plan", year)] = plan_frame(store, year).to_csv(index=False)
    seen["lkjip 2025"] = _cells(annual_xlsx(store, 2025))
    seen["tw2 2026"] = _cells(quarterly_xlsx(store, 2026, 2))
    seen["template KESMAS 2026 TW III"] = _cells(unit_template(store, "KESMAS", 2026, 3))
    return seen


def _plan_2027(code: str = "IK99", name: str = K6, aggregation: str = "Nilai Akhir") -> bytes:
    """Next year's PK as a planner writes it: one row of sasaran S1, with a code column."""
    header = [PK_HEADER[0], "Kode Indikator", *PK_HEADER[1:]]
    sasaran = "Meningkatnya mutu dan akses pelayanan kesehatan"
    row = [1, code, sasaran, name, "%", "92", "Positif", aggregation, "KESMAS", "Tidak"]
    return xlsx({"PK": [["PERJANJIAN KINERJA TAHUN 2027"], header, row]})


def test_next_years_plan_with_a_reused_name_changes_no_earlier_figure(demo_store):
    """A 2027 row with a new code, IK04's name and another aggregation leaves 2024–2026 as they were."""
    before = _history(demo_store)
    draft = read_plan_file(_plan_2027(), "pk-2027.xlsx")
    (outcome,) = plan_outcomes(demo_store, draft)
    assert (outcome.code, outcome.status, outcome.proposal) == (None, "baru", "IK04 (2026)")
    summary = save_plan(demo_store, draft)
    assert summary.indicators_created == 1
    assert any("sama dengan IK04 (2026)" in str(w) for w in summary.warnings), "the possible match is named"
    assert _history(demo_store) == before
    stored = plan_frame(demo_store, 2027)
    assert stored[["Kode Indikator", "Agregasi"]].values.tolist() == [["IK99", "Nilai Akhir"]]


def test_a_continuing_code_takes_its_new_wording_for_its_year_only(demo_store):
    """IK04 renamed and turned to Nilai Akhir in 2027: 2026 keeps its name, ratio columns and recap."""
    before = _history(demo_store)
    draft = read_plan_file(_plan_2027("IK04", "Cakupan kunjungan ibu hamil (K6)"), "pk-2027.xlsx")
    (outcome,) = plan_outcomes(demo_store, draft)
    assert (outcome.code, outcome.status, outcome.matched_by) == ("IK04", "lanjutan", "kode")
    assert "agregasi: Rasio → Nilai Akhir (dibanding 2026)" in outcome.changes
    save_plan(demo_store, draft)
    assert _history(demo_store) == before
    assert plan_frame(demo_store, 2027)["Indikator Kinerja"].tolist() == ["Cakupan kunjungan ibu hamil (K6)"]
    template = _cells(unit_template(demo_store, "KESMAS", 2026, 3))
    assert any("Pembilang" in str(v) for row in template for v in row), "2026 keeps IK04's ratio columns"


def test_an_accepted_proposal_continues_the_existing_indicator(demo_store):
    """The planner says the new code is IK04: the row is stored as IK04 in 2027, its history joined."""
    draft = read_plan_file(_plan_2027(), "pk-2027.xlsx")
    draft.accepted = {"IK99": "IK04"}
    (outcome,) = plan_outcomes(demo_store, draft)
    assert (outcome.code, outcome.matched_by) == ("IK04", "usulan disetujui")
    save_plan(demo_store, draft)
    assert plan_frame(demo_store, 2027)["Kode Indikator"].tolist() == ["IK04"]
    assert not demo_store.scalar("SELECT count(*) FROM indicator WHERE code = 'IK99'")


def test_the_command_line_keeps_a_new_code_new_and_warns(demo_db_path, tmp_path):
    plan = tmp_path / "pk-2027.xlsx"
    plan.write_bytes(_plan_2027())
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "import-plan", str(plan), "--db", str(demo_db_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "1 indikator baru" in done.stdout
    assert "sama dengan IK04 (2026)" in done.stderr


@pytest.mark.parametrize(
    ("year", "locked_by", "finished"),
    [(2025, "laporan tahunan (LKjIP) 2025 sudah final", (0, 4)), (2026, "laporan TW I 2026 sudah final", (1,))],
)
def test_a_finished_years_plan_changes_only_after_an_audited_unlock(demo_store, year, locked_by, finished):
    frame = plan_frame(demo_store, year)
    frame.loc[0, "Target"] = "1"
    frame.loc[0, "Alasan Selisih RA"] = "PK perubahan"
    before = snapshot(demo_store)
    with pytest.raises(InputRejected) as refused:
        save_plan(demo_store, draft_from_frames(year, frame))
    assert locked_by in str(refused.value) and "Admin dapat membuka kunci rencana" in str(refused.value)
    assert snapshot(demo_store) == before
    with pytest.raises(InputRejected):
        unlock_plan(demo_store, year, "  ")  # no reason, no unlock
    unlock_plan(demo_store, year, "PK perubahan ditandatangani")
    save_plan(demo_store, draft_from_frames(year, frame))
    assert plan_frame(demo_store, year).loc[0, "Target"] == "1"
    actions = demo_store.rows("SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 2")
    assert [a for a, _ in actions] == ["rencana.simpan", "rencana.buka_kunci"]
    assert "PK perubahan ditandatangani" in actions[1][1]
    frame.loc[0, "Target"] = "2"
    with pytest.raises(InputRejected):  # the unlock was for one change
        save_plan(demo_store, draft_from_frames(year, frame))
    assert plan_frame(demo_store, year).loc[0, "Target"] == "1"
    for quarter in finished:  # the reports themselves stay final
        assert report_state(demo_store, year, quarter) is ReportState.FINAL


def test_the_empty_template_imports_back_and_stores_nothing(store):
    """Downloaded on a fresh database and uploaded unchanged: its example rows are skipped, said so."""
    content = plan_template(store, 2027, "Dinas Contoh")
    draft = read_plan_file(content, "rencana-kinerja-2027.xlsx")
    assert draft.errors == [] and draft.year == 2027
    skipped = [p for p in draft.problems if "Baris contoh" in p.message]
    assert [p.row for p in skipped] == [5, 6, 7]
    before = snapshot(store)
    summary = save_plan(store, draft)
    assert not summary.saved and snapshot(store) == before


def test_the_plan_template_of_the_command_line_is_the_pages(demo_db_path, tmp_path):
    out = tmp_path / "rencana.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kinerja",
            "template",
            "--plan",
            "--year",
            "2026",
            "-o",
            str(out),
            "--db",
            str(demo_db_path),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    from kinerja.storage.settings import office_settings
    from kinerja.storage.store import Store

    store = Store(demo_db_path)
    try:
        assert _cells(out.read_bytes()) == _cells(plan_template(store, 2026, office_settings(store).office_name))
    finally:
        store.close()


def _first_plan(unit_column: bool = True) -> bytes:
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Polaritas", "Agregasi", "IKU"]
    body = [
        [1, "Meningkatnya kualitas pelayanan publik", "Indeks kepuasan masyarakat", "indeks", "82", "Positif"],
        [2, "", "Persentase pengaduan yang ditindaklanjuti", "%", "100", "Positif"],
        [3, "Meningkatnya akuntabilitas kinerja", "Nilai SAKIP", "nilai", "75", "Positif"],
    ]
    body = [[*row, "Nilai Akhir", "Ya"] for row in body]
    units = ["Sekretariat", "Bidang Pelayanan", "Sekretariat"]
    if unit_column:
        header.append("Penanggung Jawab")
        body = [[*row, unit] for row, unit in zip(body, units, strict=True)]
    return xlsx({"PK": [["PERJANJIAN KINERJA TAHUN 2027"], header, *body]})


def test_an_offices_first_plan_names_its_units(store):
    """On a fresh database the names in Penanggung Jawab become the unit list, each named in a warning."""
    draft = read_plan_file(_first_plan(), "pk-2027.xlsx")
    summary = save_plan(store, draft)
    assert summary.units_named == ["SEKRETARIAT (Sekretariat)", "BIDANG_PELAYANAN (Bidang Pelayanan)"]
    assert sum("Unit baru akan dibuat" in str(w) for w in summary.warnings) == 2
    assert unit_template(store, "BIDANG_PELAYANAN", 2027, 1)  # the unit can receive data


def test_strict_refuses_the_units_a_plan_would_create(store):
    draft = read_plan_file(_first_plan(), "pk-2027.xlsx")
    draft.strict = True
    with pytest.raises(InputRejected) as refused:
        save_plan(store, draft)
    assert {e.row for e in refused.value.errors} == {3, 4}  # the first row naming each unknown unit
    assert all("Unit penanggung jawab tidak dikenal" in e.message for e in refused.value.errors)


def test_a_close_unit_name_is_proposed(store):
    save_plan(store, read_plan_file(_first_plan(), "pk-2027.xlsx"))
    rows = [
        ["PK TAHUN 2028"],
        PK_HEADER,
        [1, "S", "X", "%", "9", "Positif", "Nilai Akhir", "Bidang Pelayanann", "Tidak"],
    ]
    draft = read_plan_file(xlsx({"PK": rows}), "pk-2028.xlsx")
    with pytest.raises(InputRejected) as refused:
        draft.strict = True
        save_plan(store, draft)
    assert "mirip unit BIDANG_PELAYANAN (Bidang Pelayanan)" in refused.value.errors[0].message


def test_a_plan_without_a_unit_column_takes_the_chosen_unit(store):
    draft = read_plan_file(_first_plan(unit_column=False), "pk-2027.xlsx")
    draft.default_unit = "SEKRE"
    summary = save_plan(store, draft)
    assert summary.units_named == ["SEKRE (SEKRE)"]
    assert set(plan_frame(store, 2027)["Penanggung Jawab"]) == {"SEKRE"}


def test_the_command_line_takes_the_unit_of_a_plan_without_one(store, tmp_path):
    store.close()
    plan = tmp_path / "pk.xlsx"
    plan.write_bytes(_first_plan(unit_column=False))
    db = str(store.target.local_file)
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "import-plan", str(plan), "--unit", "SEKRE", "--db", db],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Unit baru dari kolom Penanggung Jawab: SEKRE (SEKRE)" in done.stdout


@pytest.mark.parametrize(
    ("reported", "today", "expected"),
    [
        ([(2026, 1), (2026, 2), (2026, 3)], dt.date(2026, 12, 2), (2026, 3)),  # TW IV not in yet
        ([(2026, 1), (2026, 2), (2026, 3), (2026, 4)], dt.date(2026, 12, 2), (2026, 4)),  # today's has data
        ([(2025, 4), (2026, 1)], dt.date(2027, 2, 1), (2026, 1)),  # a 2027 plan without data
        ([], dt.date(2027, 2, 1), (2027, 1)),  # nothing reported: today's quarter of a planned year
    ],
)
def test_while_no_quarter_is_submitted_pages_open_on_the_latest_quarter_with_data(store, reported, today, expected):
    rows = [["PK TAHUN 2027"], PK_HEADER, [1, "S", "X", "%", "9", "Positif", "Nilai Akhir", "U1", "Tidak"]]
    for year in (2025, 2026, 2027):
        save_plan(store, read_plan_file(xlsx({"PK": rows}), "pk.xlsx", year))
    if reported:
        from kinerja.collection.realization import RealizationRow, add_submission

        with store.write() as w:
            for year, quarter in reported:
                add_submission(w, "U1", year, quarter, [RealizationRow("IK001", 1.0)], source="uji")
    assert opening_period(store, today=today).period == expected


def test_no_plan_no_period(store):
    assert opening_period(store) is None


def test_the_plan_template_filled_by_the_demo_is_imported_back_as_a_plan_not_a_tree(demo_db_path, tmp_path):
    """Its Program sheet (Kode Program | Program | Anggaran | Sasaran Strategis) is the plan's
    programmes: it once read as a Kertas Kerja Cascading, and import-plan replaced the year's tree."""
    from kinerja.cascade.kinds import PLAN_KINDS, FileKind, file_kind
    from kinerja.storage.store import Store
    from tests.cli import kinerja

    out = tmp_path / "rencana-2026.xlsx"
    assert kinerja("template", "--plan", "--year", "2026", "-o", str(out), db=demo_db_path).returncode == 0
    assert file_kind(out.read_bytes(), out.name).read_as(PLAN_KINDS) is FileKind.PLAN
    store = Store(demo_db_path)
    tree_before = store.df("SELECT * FROM cascade_node ORDER BY ALL")
    store.close()
    done = kinerja("import-plan", str(out), "--year", "2026", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Pohon kinerja" not in done.stdout and "Kertas Kerja" not in done.stdout
    store = Store(demo_db_path)
    try:
        assert store.df("SELECT * FROM cascade_node ORDER BY ALL").equals(tree_before)
    finally:
        store.close()
