"""`python -m kinerja`: a public interface; its commands, columns and exit codes stay stable."""

import csv
import io
import subprocess
import sys

import pytest

from kinerja.demo import YEARS
from kinerja.storage.store import migrations
from tests.cli import kinerja
from tests.workbooks import PK_HEADER, office_plan_workbook, open_data_plan, xlsx

RECAP_HEADER = (
    "unit_code,goal,indicator_code,indicator_name,measure_unit,polarity,aggregation,annual_target,"
    "target_to_date,realization_to_date,achievement_pct,score_pct,category,annual_progress_pct,annual_progress_text"
)


def test_init_creates_the_database(tmp_path):
    done = kinerja("init", db=tmp_path / "baru.duckdb")
    assert done.returncode == 0, done.stderr
    assert f"skema versi {migrations()[-1][0]}" in done.stdout
    assert (tmp_path / "baru.duckdb").exists()


def test_init_loads_the_demo_only_into_an_empty_database(tmp_path):
    db = tmp_path / "k.duckdb"
    first = kinerja("init", "--demo-if-empty", db=db)
    assert first.returncode == 0 and "Data demo dimuat" in first.stdout
    again = kinerja("init", "--demo-if-empty", db=db)
    assert again.returncode == 0 and "Data demo" not in again.stdout
    twice = kinerja("demo", db=db)
    assert twice.returncode == 2 and "sudah berisi rencana" in twice.stderr


def test_recap_csv_columns_and_numbers(demo_db_path):
    done = kinerja("recap", "--year", "2026", "--quarter", "2", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == RECAP_HEADER
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 23
    ik01 = next(r for r in rows if r["indicator_code"] == "IK01")
    assert (ik01["polarity"], ik01["aggregation"], ik01["target_to_date"]) == ("negatif", "SUM", "4")
    assert ik01["annual_progress_pct"] == "50", "the ceiling's share used, not (2T − R) / T = 150"
    assert (
        ik01["annual_progress_text"]
        == "Kuota tahunan terpakai 50,0% (4 dari 8 orang) saat 50% tahun berlalu — sesuai laju"
    )
    for row in rows:
        for column in ("annual_target", "achievement_pct", "score_pct", "annual_progress_pct"):
            if row[column]:
                float(row[column])  # dot decimal, no thousands separator
                assert "," not in row[column] and "e" not in row[column]


def test_recap_leaves_undefined_figures_empty(demo_db_path):
    done = kinerja("recap", "--year", "2026", "--quarter", "3", db=demo_db_path)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert all(r["realization_to_date"] == "" and r["achievement_pct"] == "" and r["category"] == "" for r in rows)


def test_recap_for_one_unit_and_as_a_table(demo_db_path):
    done = kinerja("recap", "--year", "2025", "--quarter", "4", "--unit", "p2p", "--format", "table", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Capaian" in done.stdout.splitlines()[0]
    assert {line.split()[0] for line in done.stdout.splitlines()[1:]} == {"P2P"}
    assert "%" in done.stdout and "," in done.stdout  # Indonesian percentages: 97,5%


def test_recap_bad_input_exits_2_with_the_reason(demo_db_path):
    unknown_unit = kinerja("recap", "--year", "2026", "--quarter", "2", "--unit", "NOPE", db=demo_db_path)
    assert unknown_unit.returncode == 2 and "unit tidak dikenal: NOPE" in unknown_unit.stderr
    no_plan = kinerja("recap", "--year", "2019", "--quarter", "1", db=demo_db_path)
    assert no_plan.returncode == 2 and "tahun 2019" in no_plan.stderr
    bad_quarter = kinerja("recap", "--year", "2026", "--quarter", "5", db=demo_db_path)
    assert bad_quarter.returncode == 2


def test_import_plan(tmp_path):
    path = tmp_path / "pk-2026.xlsx"
    path.write_bytes(office_plan_workbook())
    done = kinerja("import-plan", str(path), db=tmp_path / "k.duckdb")
    assert done.returncode == 0, done.stderr
    assert "Rencana kinerja tahun 2026 disimpan: 5 indikator baru" in done.stdout
    recap = kinerja("recap", "--year", "2026", "--quarter", "1", db=tmp_path / "k.duckdb")
    assert len(recap.stdout.splitlines()) == 6


def test_import_plan_refused_names_the_place_and_stores_nothing(tmp_path):
    db = tmp_path / "k.duckdb"
    path = tmp_path / "salah.xlsx"
    path.write_bytes(xlsx({"PK": [["PK TAHUN 2026"], PK_HEADER, [1, "A", "B", "%", "90", "Naik-turun", "", "", ""]]}))
    done = kinerja("import-plan", str(path), db=db)
    assert done.returncode == 2
    assert "salah.xlsx, sheet PK, baris 3, kolom F (Polaritas)" in done.stderr
    assert "tidak ada yang disimpan" in done.stderr
    assert kinerja("recap", "--year", "2026", "--quarter", "1", db=db).returncode == 2


def test_import_plan_dry_run_and_missing_file(tmp_path):
    path = tmp_path / "pk.xlsx"
    path.write_bytes(office_plan_workbook())
    dry = kinerja("import-plan", str(path), "--dry-run", db=tmp_path / "k.duckdb")
    assert dry.returncode == 0 and "Terbaca 5 indikator" in dry.stdout
    assert kinerja("recap", "--year", "2026", "--quarter", "1", db=tmp_path / "k.duckdb").returncode == 2
    missing = kinerja("import-plan", str(tmp_path / "tidak-ada.xlsx"), db=tmp_path / "k.duckdb")
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


def test_import_plan_maps_unknown_headings_with_map_and_names_the_sasaran(tmp_path):
    db, path = tmp_path / "k.duckdb", tmp_path / "indikator-2027.csv"
    path.write_bytes(open_data_plan())
    refused = kinerja("import-plan", str(path), "--year", "2027", db=db)
    assert refused.returncode == 2 and "Kolom wajib tidak ditemukan: Indikator Kinerja" in refused.stderr
    maps = ["--map", "uraian=Indikator Kinerja", "--map", "nama_skpd=Penanggung Jawab", "--map", "kode_skpd=abaikan"]
    dry = kinerja("import-plan", str(path), "--year", "2027", *maps, "--dry-run", db=db)
    assert dry.returncode == 2 and "4 indikator tanpa Sasaran Strategis" in dry.stderr
    assert "kolom E 'uraian' (sheet indikator-2027, baris 1) → Indikator Kinerja (pemetaan kolom)" in dry.stdout
    assert "kolom G 'target' (sheet indikator-2027, baris 1) → Target (judul dikenali)" in dry.stdout
    defaults = ["--default-polarity", "POSITIF", "--default-aggregation", "NILAI_AKHIR"]  # the export says neither
    done = kinerja(
        "import-plan", str(path), "--year", "2027", *maps, *defaults, "--sasaran", "Meningkatnya mutu layanan", db=db
    )
    assert done.returncode == 0, done.stderr
    assert "4 indikator baru" in done.stdout and "2 unit baru" in done.stdout
    bad = kinerja("import-plan", str(path), "--map", "uraian", db=db)
    assert bad.returncode == 2 and "tulis JUDUL=KOLOM" in bad.stderr


def test_demo_remove(demo_db_path):
    assert kinerja("demo", "--remove", db=demo_db_path).returncode == 0
    gone = kinerja("recap", "--year", str(YEARS[-1]), "--quarter", "1", db=demo_db_path)
    assert gone.returncode == 2


def test_template_then_import(demo_db_path, tmp_path):
    from tests.workbooks import fill_template

    path = tmp_path / "p2p.xlsx"
    made = kinerja("template", "--unit", "P2P", "--year", "2026", "--quarter", "3", "-o", str(path), db=demo_db_path)
    assert made.returncode == 0, made.stderr
    path.write_bytes(
        fill_template(path.read_bytes(), {"IK10": {"Realisasi TW III": 7}, "IK12": {"Realisasi TW III": 0}})
    )
    done = kinerja("import", str(path), db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "p2p.xlsx: 2 baris terbaca → disimpan: P2P 2026 TW III versi 1 (2 baris, 0 berubah)" in done.stdout
    recap = kinerja("recap", "--year", "2026", "--quarter", "3", "--unit", "P2P", db=demo_db_path)
    rows = {r["indicator_code"]: r for r in csv.DictReader(io.StringIO(recap.stdout))}
    assert rows["IK12"]["achievement_pct"] == "100"


def test_import_names_the_programme_spending_it_read(demo_db_path, tmp_path):
    from tests.workbooks import KESMAS_SPENDING, fill_budget

    path = tmp_path / "kesmas.xlsx"
    made = kinerja("template", "--unit", "KESMAS", "--year", "2026", "--quarter", "3", "-o", str(path), db=demo_db_path)
    assert made.returncode == 0, made.stderr
    path.write_bytes(fill_budget(path.read_bytes(), KESMAS_SPENDING))
    done = kinerja("import", str(path), db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "kesmas.xlsx: 0 baris terbaca, 2 realisasi anggaran program → disimpan: KESMAS 2026 TW III" in done.stdout


def test_template_for_an_unknown_unit_is_bad_input(demo_db_path, tmp_path):
    done = kinerja(
        "template",
        "--unit",
        "NOPE",
        "--year",
        "2026",
        "--quarter",
        "3",
        "-o",
        str(tmp_path / "x.xlsx"),
        db=demo_db_path,
    )
    assert done.returncode == 2 and "unit tidak dikenal: NOPE" in done.stderr


def test_import_refuses_bad_files_strict_warnings_and_dry_runs_store_nothing(demo_db_path, tmp_path):
    header = ["Kode Indikator", "Realisasi", "Faktor Penghambat"]
    good = tmp_path / "baik.xlsx"
    good.write_bytes(xlsx({"D": [header, ["IK14", "83", "x"]]}))
    warned = tmp_path / "peringatan.xlsx"
    warned.write_bytes(xlsx({"D": [header, ["IK22", "9", "x"]]}))
    bad = tmp_path / "buruk.xlsx"
    bad.write_bytes(xlsx({"D": [header, ["IK14", "abc", "x"]]}))
    period = ["--year", "2026", "--quarter", "3"]

    dry = kinerja("import", str(good), *period, "--dry-run", db=demo_db_path)
    assert dry.returncode == 0 and "tidak disimpan: --dry-run" in dry.stdout
    strict = kinerja("import", str(warned), *period, "--strict", db=demo_db_path)
    assert strict.returncode == 2 and "Jauh di atas target" in strict.stderr and "DITOLAK" in strict.stdout
    mixed = kinerja("import", str(good), str(bad), *period, db=demo_db_path)
    assert mixed.returncode == 2
    assert "baik.xlsx: 1 baris terbaca → disimpan" in mixed.stdout
    assert "buruk.xlsx, sheet D, baris 2, kolom B (Realisasi)" in mixed.stderr
    versions = kinerja("recap", *period, "--unit", "YANKES", db=demo_db_path)
    assert (
        next(r for r in csv.DictReader(io.StringIO(versions.stdout)) if r["indicator_code"] == "IK14")[
            "realization_to_date"
        ]
        == "83"
    )


def test_import_maps_unknown_headings_with_map_and_lists_the_columns_it_could_name(demo_db_path, tmp_path):
    from tests.workbooks import satu_data_realisations

    path = tmp_path / "realisasi-2026.csv"
    path.write_bytes(satu_data_realisations())
    period = ["--year", "2026", "--quarter", "3"]
    refused = kinerja("import", str(path), *period, db=demo_db_path)
    assert refused.returncode == 2 and "Tabel data tidak ditemukan" in refused.stderr
    assert "import --map 'JUDUL=Realisasi'" in refused.stderr

    unknown = kinerja("import", str(path), *period, "--map", "capaian_2026=Capaian", db=demo_db_path)
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert "--map 'capaian_2026=Capaian' tidak dapat dibaca" in unknown.stderr
    assert "Kolom data: Kode Indikator, Indikator Kinerja, Unit, Tahun, Triwulan, Pembilang, Penyebut" in unknown.stderr

    maps = ["--map", "capaian_2026=Realisasi", "--map", "sumberdana=abaikan"]
    dry = kinerja("import", str(path), *period, *maps, "--dry-run", db=demo_db_path)
    assert dry.returncode == 0, dry.stderr
    assert "  kolom F 'capaian 2026' (sheet realisasi-2026, baris 1) → Realisasi (pemetaan kolom)" in dry.stdout
    assert "  kolom C 'indikator sasaran' (sheet realisasi-2026, baris 1) → Indikator Kinerja (judul dikenali)" in (
        dry.stdout
    )
    done = kinerja("import", str(path), *period, *maps, db=demo_db_path)
    assert done.returncode == 0, done.stderr
    saved = "3 baris terbaca → disimpan: DUKCAPIL 2026 TW III versi 1 (1 baris, 0 berubah); YANKES 2026 TW III versi 1"
    assert f"realisasi-2026.csv: {saved} (2 baris" in done.stdout
    recap = kinerja("recap", *period, db=demo_db_path)
    rows = {r["indicator_code"]: r["realization_to_date"] for r in csv.DictReader(io.StringIO(recap.stdout))}
    assert (rows["IK14"], rows["IK15"], rows["IK18"]) == ("83.5", "55", "92.25")


def test_import_reads_a_file_with_the_heading_row_mapped_on_the_page_and_no_other(demo_db_path, tmp_path):
    from kinerja.collection.mapping import remember_data_columns
    from kinerja.storage.store import Store
    from kinerja.workbook.headings import heading_rows
    from tests.workbooks import SATU_DATA_HEADER, satu_data_realisations

    period = ["--year", "2026", "--quarter", "3"]
    store = Store(demo_db_path)  # what the page's "Pakai pemetaan kolom ini" remembers
    heading = heading_rows(satu_data_realisations(), "realisasi-2026.csv")[0]
    remember_data_columns(store, heading, {"indikator sasaran": "name", "capaian 2026": "value"})
    store.close()
    moved = tmp_path / "kolom-pindah.csv"  # the same headings in another order
    moved.write_bytes(satu_data_realisations(list(reversed(SATU_DATA_HEADER))))
    done = kinerja("import", str(moved), *period, db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "kolom-pindah.csv: 3 baris terbaca → disimpan: DUKCAPIL 2026 TW III versi 1" in done.stdout
    other = tmp_path / "kolom-tambahan.csv"  # another heading row: not read with it
    other.write_bytes(satu_data_realisations(extra=True))
    refused = kinerja("import", str(other), *period, db=demo_db_path)
    assert refused.returncode == 2 and "Tabel data tidak ditemukan" in refused.stderr


def _user(*args, db, password=None):
    return subprocess.run(
        [sys.executable, "-m", "kinerja", "user", *args, "--db", str(db)],
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_user_commands_add_list_change_and_disable_accounts(demo_db_path):
    db = demo_db_path
    added = _user(
        "add", "Budi", "--role", "admin", "--display-name", "Budi, JF Perencana", db=db, password="rahasia-budi"
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Akun budi (admin) dibuat."
    op = _user("add", "op.p2p", "--role", "operator", "--unit", "p2p", db=db, password="rahasia-op-1")
    assert op.returncode == 0, op.stderr
    listed = list(csv.DictReader(io.StringIO(_user("list", db=db).stdout)))
    assert list(listed[0]) == ["name", "display_name", "role", "unit_code", "email", "active"]
    rows = {r["name"]: r for r in listed}
    assert rows["op.p2p"]["unit_code"] == "P2P" and rows["budi"]["display_name"] == "Budi, JF Perencana"
    assert _user("passwd", "budi", db=db, password="sandi-baru-budi").returncode == 0
    assert _user("disable", "op.p2p", db=db).returncode == 0
    from kinerja.access.accounts import SignInRefused, sign_in
    from kinerja.storage.store import Store

    store = Store(db)
    assert sign_in(store, "budi", "sandi-baru-budi").name == "budi"
    with pytest.raises(SignInRefused):
        sign_in(store, "op.p2p", "rahasia-op-1")
    assert "rahasia" not in str(store.rows("SELECT * FROM audit_log")), "no password in the audit trail"
    store.close()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("add", "kadis2", "--role", "kepala"), "rahasia123", "invalid choice"),
        (("add", "op2", "--role", "operator"), "rahasia123", "memerlukan unit"),
        (("add", "op2", "--role", "operator", "--unit", "XYZ"), "rahasia123", "unit 'XYZ' tidak ada"),
        (("add", "kadis2", "--role", "pimpinan"), "pendek", "minimal 8"),
        (("add", "kadis2", "--role", "pimpinan"), "", "kata sandi kosong"),
        (("add", "admin.demo", "--role", "admin"), "rahasia123", "sudah dipakai"),
    ],
)
def test_user_add_refuses_bad_input_with_exit_2(demo_db_path, args, password, message):
    db = demo_db_path
    refused = _user(*args, db=db, password=password)
    assert refused.returncode == 2, refused.stderr
    assert message in refused.stderr


def test_report_writes_the_quarterly_report_and_refuses_what_it_cannot(demo_db_path, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    db = demo_db_path
    done = kinerja("report", "--year", "2026", "--quarter", "2", "-o", str(tmp_path / "tw2.docx"), db=db)
    assert done.returncode == 0, done.stderr
    assert "Laporan Kinerja TW II 2026 ditulis" in done.stdout
    headings = [p.text for p in Document(tmp_path / "tw2.docx").paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["KATA PENGANTAR", "DAFTAR ISI", "BAB I PENDAHULUAN"]
    sheet = kinerja("report", "--year", "2026", "--quarter", "2", "-o", str(tmp_path / "tw2.xlsx"), db=db)
    assert sheet.returncode == 0 and load_workbook(tmp_path / "tw2.xlsx").sheetnames[0] == "Pengukuran TW II"
    unknown = kinerja("report", "--year", "2031", "--quarter", "1", "-o", str(tmp_path / "x.docx"), db=db)
    assert unknown.returncode == 2 and "tidak ada rencana kinerja tahun 2031" in unknown.stderr
    odd = kinerja("report", "--year", "2026", "--quarter", "1", "-o", str(tmp_path / "x.pdf"), db=db)
    assert odd.returncode == 2 and "format keluaran" in odd.stderr


def test_import_of_a_sheet_repeating_closed_quarters_stores_the_new_one_and_says_the_rest(demo_db_path, tmp_path):
    from tests.workbooks import unit_own_sheet

    path = tmp_path / "capaian-kesmas-2026.xlsx"
    path.write_bytes(unit_own_sheet())
    done = kinerja("import", str(path), "--unit", "KESMAS", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "→ disimpan: KESMAS 2026 TW III versi 1 (8 baris, 0 berubah)" in done.stdout
    assert "16 angka TW I 2026, TW II 2026 sudah tersimpan, tidak berubah" in done.stdout
    again = kinerja("import", str(path), "--unit", "KESMAS", db=demo_db_path)
    assert again.returncode == 0, again.stderr
    assert "→ tidak ada yang disimpan: semua angkanya sama dengan yang tersimpan" in again.stdout


def test_settings_prints_what_a_year_keeps_and_set_changes_one_from_a_year(demo_db_path):
    shown = kinerja("settings", "--year", "2025", db=demo_db_path)
    assert shown.returncode == 0, shown.stderr
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert shown.stdout.splitlines()[0] == "key,value,from_year"
    assert [r["key"] for r in rows] == [
        "negative_formula", "score_cap", "category_scale", "risk_threshold", "office_name", "region_kind"
    ]  # fmt: skip
    assert rows[0] == {"key": "negative_formula", "value": "2T-R", "from_year": ""}
    refused = kinerja("settings", "set", "negative_formula", "T/R", "--from-year", "2026", db=demo_db_path)
    assert refused.returncode == 2
    assert "Pengaturan tahun 2026 tidak dapat diubah: laporan TW I 2026 sudah final" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert kinerja("unlock-plan", "--year", "2026", "--reason", "rumus T/R", db=demo_db_path).returncode == 0
    done = kinerja("settings", "set", "negative_formula", "T/R", "--from-year", "2026", db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Rumus polaritas negatif: '2T-R' → 'T/R' untuk tahun 2026 dan sesudahnya." in done.stdout
    keeps = kinerja("settings", "--year", "2025", db=demo_db_path)
    assert keeps.stdout == shown.stdout, "2025 keeps what it had"
    now = list(csv.DictReader(io.StringIO(kinerja("settings", "--year", "2027", db=demo_db_path).stdout)))
    assert now[0] == {"key": "negative_formula", "value": "T/R", "from_year": "2026"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "warna", "biru"), "pengaturan tidak dikenal: 'warna'"),
        (("set", "score_cap", "90", "--from-year", "2027"), "batas skor harus paling sedikit 100"),
        (("set", "negative_formula", "R/T", "--from-year", "2027"), "rumus polaritas negatif harus 2T-R"),
        (("set", "category_scale", "91 Baik", "--from-year", "2027"), "paling sedikit dua kategori"),
        (
            (
                "--year",
                "99999",
            ),
            "di luar 2000–2100",
        ),
    ],
)
def test_settings_bad_input_exits_2_with_the_reason_in_indonesian(demo_db_path, args, message):
    done = kinerja("settings", *args, db=demo_db_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
