"""What a plan file does not say is never a silent default: it comes from the same indicator's other
year and is said so, or it is proposed from the indicator's words and asked, or the plan is refused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.problems import InputRejected
from kinerja.domain.wording import propose_aggregation, propose_polarity
from kinerja.planning.saving import check_plan, plan_outcomes, prepare_plan, save_plan
from kinerja.planning.stored import plan_frame
from kinerja.planning.unsaid import choices_from_table, rows_text
from kinerja.planning.workbook import read_plan_file
from kinerja.storage.figures import recap
from tests.conftest import db_spec, snapshot
from tests.workbooks import first_pk, xlsx

# --- the word rules --------------------------------------------------------------------------------

N, P = Polarity.NEGATIVE, Polarity.POSITIVE
SUM, LAST, AVG = Aggregation.SUM, Aggregation.LAST, Aggregation.AVG


@pytest.mark.parametrize(
    ("name", "measure_unit", "polarity", "aggregation"),
    [
        ("Angka putus sekolah SD", "%", N, LAST),
        ("Angka kematian ibu per 100.000 kelahiran hidup", "per 100.000 KH", N, LAST),
        ("Jumlah kematian bayi", "orang", N, SUM),
        ("Prevalensi stunting pada balita", "%", N, LAST),
        ("Jumlah kasus DBD", "kasus", N, SUM),
        ("Angka kesakitan malaria", "per 1.000", N, LAST),
        ("Tingkat Pengangguran Terbuka (TPT)", "%", N, LAST),
        ("Persentase penduduk miskin", "%", N, LAST),
        ("Angka kemiskinan", "%", N, LAST),
        ("Jumlah penduduk miskin", "ribu jiwa", N, LAST),
        ("Waktu penyelesaian perizinan", "hari", N, LAST),
        ("Lama proses pelayanan KTP", "hari", N, LAST),
        ("Rata-rata waktu tunggu pelayanan rawat jalan", "menit", N, AVG),
        ("Jumlah pengaduan masyarakat", "pengaduan", N, SUM),
        ("Jumlah pengaduan masyarakat yang belum ditindaklanjuti", "pengaduan", N, LAST),
        ("Luas kawasan permukiman kumuh", "ha", N, LAST),
        ("Jumlah cagar budaya yang ditetapkan", "situs", P, SUM),
        ("Jumlah desa lokus stunting yang diintervensi", "desa", P, SUM),
        ("Jumlah rumah layak huni yang dibangun", "unit", P, SUM),
        ("Jumlah guru yang dilatih", "orang", P, SUM),
        ("Jumlah izin usaha yang diterbitkan", "izin", P, SUM),
        ("Jumlah dokumen perencanaan yang disusun", "dokumen", P, SUM),
        ("Persentase pengaduan yang ditindaklanjuti", "%", P, LAST),
        ("Persentase kasus TB yang diobati", "%", P, LAST),
        ("Persentase balita gizi buruk yang mendapat perawatan", "%", P, LAST),
        ("Angka keberhasilan pengobatan TBC", "%", P, LAST),
        ("Persentase penurunan angka kematian ibu", "%", P, LAST),
        ("Cakupan imunisasi dasar lengkap", "%", P, LAST),
        ("Angka Partisipasi Murni SD", "%", P, LAST),
        ("Indeks Kepuasan Masyarakat", "indeks", P, LAST),
        ("Rasio elektrifikasi", "%", P, LAST),
        ("Jumlah dokumen perencanaan dan pelaporan kinerja yang tepat waktu", "dokumen", P, SUM),
        ("Jumlah puskesmas terakreditasi", "puskesmas", P, LAST),
    ],
)
def test_an_indicators_words_propose_its_polarity_and_aggregation(name, measure_unit, polarity, aggregation):
    assert propose_polarity(name, measure_unit).value is polarity, name
    assert propose_aggregation(name, measure_unit).value is aggregation, name


def test_every_proposal_says_why():
    assert propose_polarity("Angka putus sekolah SD").reason == "kata 'angka putus sekolah': makin rendah makin baik"
    assert propose_polarity("Indeks Kepuasan Masyarakat").reason == "tidak ada kata indikator negatif"
    assert propose_aggregation("Jumlah cagar budaya yang ditetapkan").reason == (
        "kata 'ditetapkan': jumlah yang dikerjakan sepanjang tahun: kumulatif"
    )


@pytest.mark.parametrize(
    ("quarters", "target", "aggregation", "reason"),
    [
        ([1, 1, 1, 2], 5, SUM, "TW I–IV berjumlah target PK"),
        ([80, 82, 84, 85], 85, LAST, "TW IV sama dengan target PK"),
        ([95, 95, 95, 95], 95, LAST, "kata"),  # both readings fit: the words decide
    ],
)
def test_a_rencana_aksi_that_tells_its_aggregation_is_heard_before_the_words(quarters, target, aggregation, reason):
    from kinerja.domain.achievement import Target

    proposal = propose_aggregation(
        "Persentase sekolah terakreditasi", "%", Target(target), [Target(q) for q in quarters]
    )
    assert proposal.value is aggregation and proposal.reason.startswith(reason)


def test_the_words_agree_with_the_demo_offices_own_polarity():
    """The demo plan says every polarity: the words propose the same for each of its 22 single-target rows."""
    from kinerja.demo import plan_file

    draft = read_plan_file(plan_file(2026).read_bytes(), plan_file(2026).name)
    rows = [r for r in draft.rows if not r.target.is_range]
    assert len(rows) == 22
    assert [(r.name, propose_polarity(r.name, r.measure_unit).value) for r in rows] == [
        (r.name, r.polarity) for r in rows
    ]


def test_rows_are_named_compactly():
    assert rows_text([12, 5, 6, 7, 9, 10, 14]) == "5–7, 9–10, 12, 14"


# --- an office's first plan, which says no polarity, aggregation or IKU ------------------------------


def test_a_first_plan_without_polarity_and_aggregation_is_refused_with_proposals(store):
    draft = read_plan_file(first_pk(), "pk-2026.xlsx")
    before = snapshot(store)
    with pytest.raises(InputRejected) as refused:
        save_plan(store, draft)
    assert snapshot(store) == before
    polarity, aggregation = refused.value.errors
    assert "kolom Polaritas tidak ada di berkas" in polarity.message
    assert "Negatif untuk baris 7 ('Angka putus sekolah SD')" in polarity.message
    assert "Positif untuk baris 8–10" in polarity.message
    assert "kolom Agregasi tidak ada di berkas" in aggregation.message
    assert "Kumulatif untuk baris 10 ('Jumlah cagar budaya yang ditetapkan')" in aggregation.message
    assert (polarity.file, polarity.sheet) == ("pk-2026.xlsx", "Perencanaan")


def test_the_page_proposes_and_stores_what_the_planner_confirms(store):
    """The page's questions: one per new row, each setting proposed from its words; the planner keeps
    or changes them, and the plan is stored with the answers, each said where it came from."""
    draft = read_plan_file(first_pk(), "pk-2026.xlsx")
    questions = prepare_plan(store, draft).questions
    asked = [q.as_dict() for q in questions]
    assert [(r["Indikator"], r["Polaritas"], r["Agregasi"]) for r in asked] == [
        ("Angka putus sekolah SD", "Negatif", "Nilai Akhir"),
        ("Angka Partisipasi Murni SD", "Positif", "Nilai Akhir"),
        ("Persentase sekolah terakreditasi minimal B", "Positif", "Nilai Akhir"),
        ("Jumlah cagar budaya yang ditetapkan", "Positif", "Kumulatif"),
    ]
    assert asked[0]["Alasan usulan"] == (
        "polaritas: kata 'angka putus sekolah': makin rendah makin baik; "
        "agregasi: kata 'angka': angka, persentase, rasio atau indeks: posisi akhir"
    )
    assert [o.status for o in plan_outcomes(store, draft)] == ["baru"] * 4
    assert "belum dikonfirmasi" in plan_outcomes(store, draft)[0].as_dict()["Asal nilai"]
    assert not [p for p in check_plan(store, draft, unanswered=False) if p.severity == "error"], "the page asks"

    asked[2]["Agregasi"] = "Rasio"  # the planner changes one proposal and confirms the rest
    draft.chosen = choices_from_table(questions, asked)
    summary = save_plan(store, draft)
    assert summary.indicators_created == 4
    said = " ".join(summary.lines())
    assert "polaritas Negatif: usulan dikonfirmasi (1 indikator)" in said
    assert "agregasi Rasio: dipilih perencana (usulan: Nilai Akhir) (1 indikator)" in said
    stored = plan_frame(store, 2026).set_index("Kode Indikator")
    assert stored.loc["PD01", ["Polaritas", "Agregasi"]].tolist() == ["Negatif", "Nilai Akhir"]
    assert stored.loc["PD03", "Agregasi"] == "Rasio"
    assert stored.loc["PD04", ["Polaritas", "Agregasi", "IKU"]].tolist() == ["Positif", "Kumulatif", "Tidak"]
    assert any("Kolom IKU tidak ada di berkas: 4 indikator baru disimpan bukan IKU" in str(w) for w in summary.warnings)


def test_defaults_given_are_stored_and_a_default_against_the_words_is_said(store):
    draft = read_plan_file(first_pk(), "pk-2026.xlsx")
    draft.default_polarity, draft.default_aggregation = Polarity.POSITIVE, Aggregation.LAST
    summary = save_plan(store, draft)
    warned = " ".join(str(w) for w in summary.warnings)
    assert "--default-polarity Positif dipakai untuk 1 indikator" in warned
    assert "baris 7 'Angka putus sekolah SD' (usulan Negatif)" in warned
    assert "baris 10 'Jumlah cagar budaya yang ditetapkan' (usulan Kumulatif)" in warned
    assert set(plan_frame(store, 2026)["Agregasi"]) == {"Nilai Akhir"}


def _kinerja(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args, "--db", str(db)], capture_output=True, text=True, check=False
    )


def test_the_command_line_refuses_then_takes_the_defaults_it_is_given(tmp_path):
    db, path = db_spec(tmp_path / "k.duckdb"), tmp_path / "pk-2026.xlsx"
    path.write_bytes(first_pk())
    refused = _kinerja(db, "import-plan", str(path))
    assert refused.returncode == 2
    assert "kolom Polaritas tidak ada di berkas" in refused.stderr and "--default-polarity" in refused.stderr
    assert "Negatif untuk baris 7 ('Angka putus sekolah SD')" in refused.stderr
    assert "Kumulatif untuk baris 10 ('Jumlah cagar budaya yang ditetapkan')" in refused.stderr
    assert "Ditolak: 2 galat" in refused.stderr
    bad = _kinerja(db, "import-plan", str(path), "--default-polarity", "RENTANG")
    assert bad.returncode == 2 and "gunakan POSITIF atau NEGATIF" in bad.stderr
    bad = _kinerja(db, "import-plan", str(path), "--default-polarity", "NEGATIF", "--default-aggregation", "kadang")
    assert bad.returncode == 2 and "gunakan KUMULATIF, NILAI_AKHIR, RATA_RATA atau RASIO" in bad.stderr
    done = _kinerja(
        db, "import-plan", str(path), "--default-polarity", "NEGATIF", "--default-aggregation", "NILAI_AKHIR"
    )
    assert done.returncode == 0, done.stderr
    assert "4 indikator baru" in done.stdout
    assert "polaritas dari --default-polarity (4 indikator)" in done.stdout
    assert "(usulan Positif)" in done.stderr, "the rows whose words say otherwise are named"


def test_a_plan_without_a_unit_column_is_refused_naming_it(tmp_path):
    db, path = db_spec(tmp_path / "k.duckdb"), tmp_path / "pk-2026.xlsx"
    path.write_bytes(first_pk(unit_column=False))
    defaults = ["--default-polarity", "POSITIF", "--default-aggregation", "NILAI_AKHIR"]
    refused = _kinerja(db, "import-plan", str(path), *defaults)
    assert refused.returncode == 2
    assert "Penanggung Jawab tidak diketahui untuk 4 indikator: kolom Penanggung Jawab tidak ada" in refused.stderr
    assert "--unit" in refused.stderr
    done = _kinerja(db, "import-plan", str(path), *defaults, "--unit", "DISDIKBUD")
    assert done.returncode == 0, done.stderr
    recap_csv = _kinerja(db, "recap", "--year", "2026", "--quarter", "1")
    assert recap_csv.returncode == 0 and "DISDIKBUD" in recap_csv.stdout


# --- next year's plan, which leaves out what last year's said ---------------------------------------

SD, BUDAYA = "Meningkatnya akses pendidikan dasar", "Meningkatnya pelestarian kebudayaan"
# name, satuan, target, TW I–IV, polaritas, agregasi, penanggung jawab, IKU, bobot (2025's plan)
PLAN_2025 = [
    (SD, "Angka putus sekolah SD", "%", "0,12", ["0,15", "0,14", "0,13", "0,12"], "Negatif", "Nilai Akhir", "SD", "Ya", 30),
    (SD, "Angka Partisipasi Murni SD", "%", "98", ["98", "98", "98", "98"], "Positif", "Nilai Akhir", "SD", "Ya", 30),
    (SD, "Persentase sekolah terakreditasi minimal B", "%", "80", ["80"] * 4, "Positif", "Rasio", "SD", "Tidak", 20),
    (BUDAYA, "Jumlah cagar budaya yang ditetapkan", "situs", "4", ["1", "1", "1", "1"], "Positif", "Kumulatif", "BUD", "Tidak", 20),
]  # fmt: skip
TARGETS_2026 = {  # the new year's figures: all a next year's PK says
    "Angka putus sekolah SD": ("0,1", ["0,13", "0,12", "0,11", "0,1"]),
    "Angka Partisipasi Murni SD": ("98,5", ["98,5"] * 4),
    "Persentase sekolah terakreditasi minimal B": ("85", ["85"] * 4),
    "Jumlah cagar budaya yang ditetapkan": ("5", ["1", "1", "1", "2"]),  # a sum: 'Nilai Akhir' would refuse it
}
UNITS = [
    ["Kode Unit", "Nama Unit", "Jenis"],
    ["SD", "Bidang Pendidikan SD", "bidang"],
    ["BUD", "Bidang Kebudayaan", "bidang"],
]


def _office_sheet(year: int, header: list[str], body: list[list[object]]) -> tuple[list[list[object]], list[str]]:
    """A PK sheet as a Secretariat builds it: titles, "Target Triwulan" merged over TW I–IV, the other
    headings merged down two rows, a numbering row, each sasaran written once, a signature block."""
    first, last = header.index("TW I"), header.index("TW IV")
    top = [None if first <= i <= last else h for i, h in enumerate(header)]
    top[first] = "Target Triwulan"
    bottom = [h if first <= i <= last else None for i, h in enumerate(header)]
    shown, sasaran = [], None
    for row in body:
        shown.append([None if i == 1 and v == sasaran else v for i, v in enumerate(row)])
        sasaran = row[1]
    rows = [
        ["PERJANJIAN KINERJA DAN RENCANA AKSI"],
        [f"DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN CONTOH TAHUN {year}"],
        [],
        top,
        bottom,
        [str(i) for i in range(1, len(header) + 1)],
        *shown,
        [],
        [None] * 6 + [f"Contoh, 2 Januari {year}"],
        [None] * 6 + ["Kepala Dinas Pendidikan dan Kebudayaan,"],
        [None] * 6 + ["NIP. 19700101 199001 1 001"],
    ]
    letter = lambda i: chr(ord("A") + i)  # noqa: E731
    merges = [f"{letter(i)}4:{letter(i)}5" for i in range(len(header)) if not first <= i <= last]
    return rows, [*merges, f"{letter(first)}4:{letter(last)}4"]


def _plan_2025() -> bytes:
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "TW I", "TW II", "TW III", "TW IV"]
    header += ["Polaritas", "Agregasi", "Penanggung Jawab", "IKU", "Bobot"]
    body = [
        [n, s, name, u, t, *q, p, a, pj, iku, w] for n, (s, name, u, t, q, p, a, pj, iku, w) in enumerate(PLAN_2025, 1)
    ]
    rows, merges = _office_sheet(2025, header, body)
    return xlsx({"PK 2025": rows, "Unit Kerja": UNITS}, {"PK 2025": merges})


def _plan_2026(shape: str = "office", new: tuple | None = None, polarity_column: dict | None = None) -> bytes:
    """2026's PK with targets only: no Polaritas, Agregasi, Penanggung Jawab, IKU or Bobot column
    (``polarity_column``: a Polaritas column after all, name → its cell). ``new``: one more indicator."""
    header = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "TW I", "TW II", "TW III", "TW IV"]
    named = [(s, name, u) for s, name, u, *_ in PLAN_2025] + ([new[:3]] if new else [])
    targets = TARGETS_2026 | ({new[1]: new[3:]} if new else {})
    body = [[n, s, name, u, targets[name][0], *targets[name][1]] for n, (s, name, u) in enumerate(named, 1)]
    if polarity_column is not None:
        header.append("Polaritas")
        body = [[*row, polarity_column.get(row[2], "")] for row in body]
    if shape == "office":
        rows, merges = _office_sheet(2026, header, body)
        return xlsx({"PK 2026": rows}, {"PK 2026": merges})
    # a plain export: no titles, one heading row, the sasaran on every row, columns moved, one more column
    order = [2, 1, 4, 3, *range(5, len(header)), 0]
    plain = [[header[i] for i in order] + ["Lokasi"]] + [[row[i] for i in order] + ["Kab. Contoh"] for row in body]
    return xlsx({"Rencana 2026": plain})


@pytest.fixture
def store_2025(store):
    summary = save_plan(store, read_plan_file(_plan_2025(), "pk-2025.xlsx"))
    assert summary.indicators_created == 4
    return store


def _settings(store, year: int) -> list[list[object]]:
    frame = plan_frame(store, year)
    columns = ["Indikator Kinerja", "Target", "TW IV", "Polaritas", "Agregasi", "Penanggung Jawab", "IKU", "Bobot"]
    return frame[columns].values.tolist()


@pytest.mark.parametrize("shape", ["office", "plain"])
def test_next_years_plan_keeps_last_years_settings_and_says_so(store_2025, shape):
    before = (plan_frame(store_2025, 2025).to_csv(), recap(store_2025, 2025, 4).to_csv())
    draft = read_plan_file(_plan_2026(shape), "pk-2026.xlsx", 2026)
    assert draft.errors == []
    outcomes = plan_outcomes(store_2025, draft)
    assert [(o.status, o.matched_by) for o in outcomes] == [("lanjutan", "nama dalam sasaran")] * 4
    notes = outcomes[0].as_dict()["Asal nilai"]
    assert notes == (
        "polaritas dari 2025; agregasi dari 2025; IKU dari 2025; penanggung jawab dari 2025; bobot dari 2025"
    )
    assert all(o.changes == () for o in outcomes), "nothing turns to Positif, Nilai Akhir, Tidak or no unit"
    summary = save_plan(store_2025, draft)
    assert "Tidak disebut berkas: IKU dari 2025 (4 indikator), agregasi dari 2025 (4 indikator)" in " ".join(
        summary.lines()
    )
    assert not summary.warnings
    assert _settings(store_2025, 2026) == [
        ["Angka putus sekolah SD", "0,1", "0,1", "Negatif", "Nilai Akhir", "SD", "Ya", 30.0],
        ["Angka Partisipasi Murni SD", "98,5", "98,5", "Positif", "Nilai Akhir", "SD", "Ya", 30.0],
        ["Persentase sekolah terakreditasi minimal B", "85", "85", "Positif", "Rasio", "SD", "Tidak", 20.0],
        ["Jumlah cagar budaya yang ditetapkan", "5", "2", "Positif", "Kumulatif", "BUD", "Tidak", 20.0],
    ]
    assert (plan_frame(store_2025, 2025).to_csv(), recap(store_2025, 2025, 4).to_csv()) == before


def test_a_blank_cell_of_a_continuing_indicator_takes_last_years_value(store_2025):
    cells = {"Angka putus sekolah SD": "", "Angka Partisipasi Murni SD": "Positif"}
    draft = read_plan_file(_plan_2026(polarity_column=cells), "pk-2026.xlsx", 2026)
    outcomes = plan_outcomes(store_2025, draft)
    assert "polaritas dari 2025" in outcomes[0].as_dict()["Asal nilai"]
    assert "polaritas" not in outcomes[1].as_dict()["Asal nilai"], "said by the file"
    save_plan(store_2025, draft)
    assert plan_frame(store_2025, 2026)["Polaritas"].tolist()[:2] == ["Negatif", "Positif"]


def test_a_new_indicator_of_next_years_plan_is_asked_and_not_made_iku_in_silence(store_2025):
    new = (SD, "Jumlah guru yang dilatih", "orang", "120", ["30", "30", "30", "30"])
    draft = read_plan_file(_plan_2026(new=new), "pk-2026.xlsx", 2026)
    with pytest.raises(InputRejected) as refused:
        save_plan(store_2025, draft)
    messages = " ".join(p.message for p in refused.value.errors)
    assert "Polaritas tidak diketahui untuk 1 indikator baru" in messages
    assert "Kumulatif untuk baris 11 ('Jumlah guru yang dilatih')" in messages
    assert "Penanggung Jawab tidak diketahui untuk 1 indikator" in messages, "the continuing four have theirs"
    assert plan_frame(store_2025, 2026).empty

    draft.default_unit = "SD"
    draft.chosen = choices_from_table(
        prepare_plan(store_2025, draft).questions, [{"Polaritas": "Positif", "Agregasi": "Kumulatif"}]
    )
    summary = save_plan(store_2025, draft)
    (warning,) = [w for w in summary.warnings if "Kolom IKU" in w.message]
    assert "1 indikator baru disimpan bukan IKU (Tidak), baris 11: 'Jumlah guru yang dilatih'" in warning.message
    stored = plan_frame(store_2025, 2026).set_index("Indikator Kinerja")
    assert stored.loc["Jumlah guru yang dilatih", ["Polaritas", "Agregasi", "IKU", "Penanggung Jawab"]].tolist() == [
        "Positif",
        "Kumulatif",
        "Tidak",
        "SD",
    ]
    assert stored.loc["Angka putus sekolah SD", "IKU"] == "Ya"


def test_a_years_own_plan_comes_before_an_earlier_years(store_2025):
    """Re-importing 2026 without an Agregasi column keeps what 2026's plan says, not 2025's."""
    draft = read_plan_file(_plan_2026(), "pk-2026.xlsx", 2026)
    save_plan(store_2025, draft)
    frame = plan_frame(store_2025, 2026)
    frame.loc[frame["Indikator Kinerja"] == "Angka Partisipasi Murni SD", "Agregasi"] = "Rata-rata"
    from kinerja.planning.editor import draft_from_frames

    save_plan(store_2025, draft_from_frames(2026, frame))
    again = read_plan_file(_plan_2026(), "pk-2026.xlsx", 2026)
    outcomes = plan_outcomes(store_2025, again)
    assert "agregasi dari 2026" in outcomes[1].as_dict()["Asal nilai"]
    assert outcomes[1].status == "tetap"


def test_the_dry_run_says_where_each_unsaid_value_comes_from(tmp_path):
    db = db_spec(tmp_path / "k.duckdb")
    (tmp_path / "pk-2025.xlsx").write_bytes(_plan_2025())
    (tmp_path / "pk-2026.xlsx").write_bytes(_plan_2026())
    assert _kinerja(db, "import-plan", str(tmp_path / "pk-2025.xlsx")).returncode == 0
    dry = _kinerja(db, "import-plan", str(tmp_path / "pk-2026.xlsx"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    line = next(x for x in dry.stdout.splitlines() if "Angka putus sekolah SD" in x)
    assert line.endswith(
        "polaritas dari 2025; agregasi dari 2025; IKU dari 2025; penanggung jawab dari 2025; bobot dari 2025"
    )
    assert "Tidak disebut berkas: IKU dari 2025 (4 indikator)" in dry.stdout
    done = _kinerja(db, "import-plan", str(tmp_path / "pk-2026.xlsx"))
    assert done.returncode == 0, done.stderr
    recap_csv = _kinerja(db, "recap", "--year", "2026", "--quarter", "4")
    assert ",?," not in recap_csv.stdout and "BUD" in recap_csv.stdout
