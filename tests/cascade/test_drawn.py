"""A pohon kinerja drawn by officials, as two provincial bureaus draw theirs (tests/bureau_drawings.py):
every box under the superior its number names, at its unit's level, with its unit, indicators and
targets, in every layout; a box that cannot be placed named with its cell, nothing saved; a tree
drawn with text boxes told so in one sentence; and one function saying what a file is, for the page
and the command line alike."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kinerja.cascade.importing import import_cascade
from kinerja.cascade.kinds import CASCADE_KINDS, FileKind, file_kind
from kinerja.cascade.stored import tree_frame
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from tests.bureau_drawings import (
    EXPECTED,
    STYLES,
    bureau_drawing,
    bureau_plan,
    shapes_only_drawing,
    tree_of,
    with_text_boxes,
)
from tests.trees import (
    drawn_tree,
    kertas_kerja_matrix,
    sipd_list,
)

UNITS = {
    "KEPALA BIRO PEREKONOMIAN": "kepala, eselon II",
    "BAGIAN PERTANIAN": "eselon III, tingkat Program, unit TANI",
    "BAGIAN PEREKONOMIAN": "eselon III, tingkat Program, penanggung jawab (belum ada di daftar unit)",
    "SUB BAGIAN TANAMAN PANGAN": "eselon IV, tingkat Kegiatan, penanggung jawab (belum ada di daftar unit)",
    "SUB BAGIAN TATA USAHA": "eselon IV, tingkat Kegiatan, unit TU-TANI",
    "SUB BAGIAN PEREKONOMIAN DAERAH": "eselon IV, tingkat Kegiatan, penanggung jawab (belum ada di daftar unit)",
}


@pytest.fixture
def bureau(store):
    """A bureau's database: its 2026 PK (tujuan T1 over sasaran S1 and S2) and its units."""
    save_plan(store, read_plan_file(bureau_plan(), "pk-biro-2026.xlsx", 2026))
    return store


def _rows(summary) -> list[str]:
    return [what for _, _, what in summary.read.rows]


@pytest.mark.parametrize("stacked", [True, False], ids=["bertumpuk", "berdampingan"])
@pytest.mark.parametrize("style", STYLES)
def test_every_box_of_a_bureaus_drawing_hangs_under_the_superior_it_names(bureau, style, stacked):
    """Each layout of one tree: the same nodes, parents, levels, units, indicators and targets."""
    summary = import_cascade(bureau, 2026, bureau_drawing(style, stacked=stacked), "pohon-biro.xlsx", dry_run=True)
    assert not summary.read.problems
    assert tree_of(summary.read.nodes) == EXPECTED
    said = _rows(summary)
    assert sorted(w.split(" (")[0] for w in said if w.startswith("sasaran ")) == ["sasaran S1", "sasaran S2"]
    units = {w.split(" (")[0].removeprefix("unit: "): w.split("; ", 1)[1][:-1] for w in said if w.startswith("unit")}
    assert units == UNITS
    skipped = [w for w in said if w.startswith("dilewati")]
    assert len(skipped) == 4 and all(w.startswith("dilewati: teks di luar kotak (A") for w in skipped), (
        "the title and the eselon labels are outside the boxes, nothing else"
    )
    assert summary.lines()[1].startswith("Dibaca sebagai gambar pohon kinerja (kotak sel) di sheet Pohon Kinerja.")


def test_a_bureaus_drawing_is_saved_as_read_and_its_sasaran_are_the_plans(bureau):
    import_cascade(bureau, 2026, bureau_drawing(eselon=False), "pohon-biro.xlsx")
    saved = tree_frame(bureau, 2026).drop_duplicates("code").set_index("code")
    names = dict(zip(saved.index, saved["name"], strict=True))
    assert saved.loc["S1", "parent_code"] == "T1" and saved.loc["S2", "parent_code"] == "T1"
    pertanian = saved[saved["name"] == "Meningkatnya akuntabilitas kinerja Bagian Pertanian"].iloc[0]
    assert (pertanian["level"], pertanian["parent_code"], pertanian["unit_code"]) == ("program", "S2", "TANI")
    tata_usaha = saved[saved["name"] == "Terkelolanya administrasi dan laporan kinerja bagian"].iloc[0]
    assert names[tata_usaha["parent_code"]] == "Meningkatnya akuntabilitas kinerja Bagian Pertanian"
    assert (tata_usaha["level"], tata_usaha["unit_code"]) == ("kegiatan", "TU-TANI")
    rows = tree_frame(bureau, 2026)
    pangan = rows[rows["name"] == "Tersedianya bahan kebijakan tanaman pangan"]
    assert pangan["official"].tolist() == ["SUB BAGIAN TANAMAN PANGAN"] * 2, "a unit the list lacks, as written"
    assert sorted(pangan["target"]) == ["12", "4"]


def test_without_unit_headings_the_numbers_still_place_every_box(bureau):
    """The numbers alone ("Sasaran : 1", "2.1") hang each box under its superior: the nearest box of
    that number over its columns; the boxes then carry no unit."""
    book = load_workbook(io.BytesIO(bureau_drawing("teks di kanan", stacked=True)))
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("BAGIAN", "SUB BAGIAN", "KEPALA")):
                cell.value = None
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(bureau, 2026, buffer.getvalue(), "pohon-biro.xlsx", dry_run=True)
    assert not summary.read.problems
    assert tree_of(summary.read.nodes) == {
        name: (level, parent, None, None, indicators) for name, (level, parent, _, _, indicators) in EXPECTED.items()
    }


def _with(content: bytes, cells: dict[str, str | None]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value in cells:
                cell.value = cells[cell.value]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_box_that_cannot_be_placed_is_named_with_its_cell_and_nothing_is_saved(bureau):
    drawing = bureau_drawing("teks di kanan", stacked=True)
    before = tree_frame(bureau, 2026)
    cases = {
        "no such sasaran": ({"2.1": "3.1"}, "H", "menunjuk sasaran 3 BAGIAN PERTANIAN (B"),
        "no number, two sasaran above": ({"1.1": None, "1.2": None}, "B", "punya 2 sasaran (B14, B18); tulis nomor"),
        "no such indicator": ({"1.2": "1.5"}, "C", "menunjuk indikator ke-5 sasaran 1 atasannya"),
    }
    for change, column, said in cases.values():
        with pytest.raises(InputRejected) as refused:
            import_cascade(bureau, 2026, _with(drawing, change), "pohon-biro.xlsx")
        (problem,) = refused.value.problems
        assert said in problem.message and problem.column == column and problem.sheet == "Pohon Kinerja"
        assert f"{column}{problem.row}" in problem.message, "the cell is named in the message too"
    assert tree_frame(bureau, 2026).equals(before)


def test_a_box_whose_indicators_support_two_sasaran_is_a_node_under_each(bureau):
    """A Sub Bagian's "1.1" and "2.1" in one box: its sasaran serves both of the Bagian's, each with its indicator."""
    drawing = _with(bureau_drawing("teks di kanan", stacked=True), {"1.2": "2.1"})
    summary = import_cascade(bureau, 2026, drawing, "pohon-biro.xlsx", dry_run=True)
    assert not summary.read.problems
    names = {n.code: n.name for n in summary.read.nodes}
    pangan = [n for n in summary.read.nodes if n.name == "Tersedianya bahan kebijakan tanaman pangan"]
    assert [(names[n.parent_code], [i.name for i in n.indicators]) for n in pangan] == [
        ("Meningkatnya kualitas rekomendasi kebijakan pertanian", ["Jumlah bahan rekomendasi tanaman pangan"]),
        ("Meningkatnya akuntabilitas kinerja Bagian Pertanian", ["Jumlah data komoditas unggulan yang dimutakhirkan"]),
    ]
    assert any(w.endswith("sasaran atasan 2)") for w in _rows(summary)), "the preview says the box was split"


def test_the_old_reading_of_a_stacked_sibling_and_a_number_as_a_name_is_gone(bureau):
    """ "Sasaran : 2" stacked under "Sasaran : 1" was made a program under it, and "1" a sasaran's name."""
    summary = import_cascade(bureau, 2026, bureau_drawing("teks di bawah kanan"), "pohon-biro.xlsx", dry_run=True)
    nodes = {n.name: n for n in summary.read.nodes}
    assert not {"1", "2"} & set(nodes)
    second = nodes["Meningkatnya akuntabilitas kinerja Bagian Pertanian"]
    assert (second.level, second.parent_code) == (Level.PROGRAM, "S2")


def test_a_target_line_under_an_indicator_gives_its_target(bureau):
    book = Workbook()
    sheet = book.active
    for ref, text in {"B2": "Sasaran 1", "B3": "Meningkatnya kualitas kebijakan perekonomian daerah",
                      "B6": "BAGIAN PERTANIAN", "B7": "Sasaran : 1", "C8": "Meningkatnya produksi padi",
                      "B9": "Indikator :", "C9": "Persentase kenaikan produksi padi", "B10": "Target :",
                      "C10": "5,5 %"}.items():  # fmt: skip
        sheet[ref] = text
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(bureau, 2026, buffer.getvalue(), "pohon.xlsx", dry_run=True)
    (node,) = summary.read.nodes
    assert [(i.name, i.target, i.measure_unit) for i in node.indicators] == [
        ("Persentase kenaikan produksi padi", 5.5, "%")
    ]
    assert (node.parent_code, node.unit_code) == ("S1", "TANI")


def test_a_tree_drawn_only_with_text_boxes_is_told_so_in_one_sentence(bureau, tmp_path):
    from tests.cli import kinerja

    with pytest.raises(InputRejected) as refused:
        import_cascade(bureau, 2026, shapes_only_drawing(), "pohon-shape.xlsx")
    (problem,) = refused.value.problems
    assert problem.message.startswith("Pohon kinerja di sheet Pohon Kinerja dibuat dengan kotak teks (shape): 3 kotak")
    assert (
        "ekspor sebagai Kertas Kerja Cascading" in problem.message and "isi teks setiap kotak di sel" in problem.message
    )
    assert problem.message.count(". ") == 0, "one sentence"
    assert tree_frame(bureau, 2026).empty

    path = tmp_path / "pohon-shape.xlsx"
    path.write_bytes(shapes_only_drawing())
    done = kinerja("import-plan", str(path), "--year", "2026", db=tmp_path / "k.duckdb")
    assert done.returncode == 2 and "dibuat dengan kotak teks (shape)" in done.stderr
    assert "Tabel rencana tidak ditemukan" not in done.stderr

    beside = with_text_boxes(bureau_drawing(), [(60, 1, "Keterangan"), (60, 8, "Garis: atasan langsung")])
    summary = import_cascade(bureau, 2026, beside, "pohon-biro.xlsx", dry_run=True)
    assert tree_of(summary.read.nodes) == EXPECTED
    assert (
        "Pohon Kinerja",
        1,
        "dilewati: 2 kotak teks (shape) di sheet ini; isinya tidak dibaca",
    ) in summary.read.rows, "text boxes beside a drawing in cells are said to be left"


def _nomenclature() -> bytes:
    """The national nomenclature's shape (samples/nomenklatur-kemendagri-subkegiatan.xlsx): 14 columns,
    each row a sub-kegiatan repeating its bidang, program and kegiatan as "code name"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Worksheet"
    sheet.append(["JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR", "SATUAN",
                  "TAG", "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS", "SUBKEGIATAN SEBELUMNYA"])  # fmt: skip
    for n in (1, 2):
        sheet.append(["PROV", "1.01 URUSAN PEMERINTAHAN BIDANG PENDIDIKAN", "1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN",
                      "1.01.02.1.01 Pengelolaan Pendidikan Sekolah Menengah Atas",
                      f"1.01.02.1.01.000{n} Pembangunan USB", "Sekolah Baru yang Terbangun",
                      "Jumlah Sekolah Baru yang Telah Dibangun", "Unit", "[]", "Cakupan: …", "bidang SMA", "SPM",
                      "Layanan", ""])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_one_function_says_what_a_file_is():
    from tests.trees import drawn_tree
    from tests.workbooks import office_plan_workbook, renja_form_workbook, unit_own_sheet

    kinds = {
        "pk.xlsx": (office_plan_workbook(), (FileKind.PLAN,)),
        "pk-biro.xlsx": (bureau_plan(), (FileKind.PLAN,)),  # Tujuan and Sasaran columns: a PK, not a cascade
        "renja-tw4.xlsx": (renja_form_workbook(), (FileKind.QUARTERLY, FileKind.PLAN)),
        "kesmas-tw2.xlsx": (unit_own_sheet(), (FileKind.QUARTERLY, FileKind.PLAN)),  # "Sasaran :" rows
        "renja-2026.xlsx": (sipd_list(), (FileKind.SIPD_LIST, FileKind.PLAN)),
        "cascading.xlsx": (kertas_kerja_matrix("Sasaran"), (FileKind.KERTAS_KERJA, FileKind.PLAN)),
        "pohon-dinas.xlsx": (drawn_tree("Sasaran"), (FileKind.DRAWING,)),
        "pohon-biro.xlsx": (bureau_drawing(), (FileKind.DRAWING,)),
        "pohon-shape.xlsx": (shapes_only_drawing(), (FileKind.SHAPES,)),
        "nomenklatur.xlsx": (_nomenclature(), (FileKind.NOMENCLATURE,)),
        "catatan.csv": (b"Catatan;Isi\nrapat;besok\n", ()),
    }
    assert {name: file_kind(content, name).kinds for name, (content, _) in kinds.items()} == {
        name: kind for name, (_, kind) in kinds.items()
    }
    refused = {name: file_kind(c, name).refusal(CASCADE_KINDS) for name, (c, _) in kinds.items()}
    assert refused["pk.xlsx"].message == (
        "Berkas ini rencana kinerja (tabel Indikator Kinerja dan Target) di sheet PK 2026: unggah di halaman "
        "Perencanaan atau dengan perintah python -m kinerja import-plan"
    )
    assert "data triwulan" in refused["renja-tw4.xlsx"].message and "Unggah Data" in refused["renja-tw4.xlsx"].message
    assert "nomenklatur Kemendagri" in refused["nomenklatur.xlsx"].message
    assert [n for n, r in refused.items() if r is None] == [
        "renja-2026.xlsx", "cascading.xlsx", "pohon-dinas.xlsx", "pohon-biro.xlsx", "catatan.csv"
    ]  # fmt: skip


def test_import_plan_and_the_page_read_a_drawing_as_a_tree_and_refuse_what_is_not_theirs(bureau, tmp_path):
    """The bureaus' drawings went to the plan reader ("Kolom wajib tidak ditemukan: Target")."""
    from tests.cli import kinerja

    db = tmp_path / "biro.duckdb"
    (tmp_path / "pk.xlsx").write_bytes(bureau_plan())
    assert kinerja("import-plan", str(tmp_path / "pk.xlsx"), "--year", "2026", db=db).returncode == 0
    (tmp_path / "pohon.xlsx").write_bytes(bureau_drawing())
    done = kinerja("import-plan", str(tmp_path / "pohon.xlsx"), "--year", "2026", db=db)
    assert done.returncode == 0, done.stderr
    assert "Dibaca sebagai gambar pohon kinerja (kotak sel) di sheet Pohon Kinerja" in done.stdout
    assert "6 simpul dari berkas" in done.stdout
    printed = kinerja("tree", "--year", "2026", db=db).stdout
    assert "kegiatan,S2.1.1,Terkelolanya administrasi dan laporan kinerja bagian,S2.1,TU-TANI" in printed
    no_year = kinerja("import-plan", str(tmp_path / "pohon.xlsx"), db=db)
    assert no_year.returncode == 2 and "gambar pohon kinerja (kotak sel)" in no_year.stderr
    (tmp_path / "nomenklatur.xlsx").write_bytes(_nomenclature())
    reference = kinerja("import-plan", str(tmp_path / "nomenklatur.xlsx"), "--year", "2026", db=db)
    assert reference.returncode == 2 and "nomenklatur Kemendagri" in reference.stderr
    assert "dipakai dua kali" not in reference.stderr


def test_the_page_says_what_a_file_is_that_is_not_a_tree(demo_db_path, monkeypatch):
    import streamlit as st

    from tests.pages import as_account
    from tests.workbooks import office_plan_workbook

    app = as_account(demo_db_path, monkeypatch, "admin.demo").run()
    app.switch_page("views/pohon.py").run()
    uploader = next(u for u in app.get("file_uploader") if u.proto.label.startswith("Berkas"))
    uploader.upload("pohon-shape.xlsx", shapes_only_drawing(), "application/octet-stream").run()
    assert not app.exception
    (said,) = [e.value for e in app.error]
    assert said.startswith("Pohon kinerja di sheet Pohon Kinerja dibuat dengan kotak teks (shape)")
    assert not app.dataframe or "Menjadi" not in app.dataframe[0].value.columns, "no preview of a tree"
    uploader = next(u for u in app.get("file_uploader") if u.proto.label.startswith("Berkas"))
    uploader.upload("pk-2026.xlsx", office_plan_workbook(), "application/octet-stream").run()
    (said,) = [e.value for e in app.error]
    assert said.startswith("Berkas ini rencana kinerja (tabel Indikator Kinerja dan Target) di sheet PK 2026")
    assert "unggah di halaman Perencanaan" in said
    st.cache_resource.clear()


def test_a_drawn_tree_is_read_box_by_box_with_targets_from_the_text(treeless_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    content = drawn_tree(first.name)
    summary = import_cascade(treeless_store, 2026, content, "pohon-kinerja-2026.xlsx")
    nodes = {n.code: n for n in summary.read.nodes}
    assert list(nodes) == ["1.02.02", f"{first.code}.1", "1.02.02.2.02", "K1.02.02.1", f"{first.code}.1.1",
                           "1.02.02.2.02.0001", "1.02.02.2.02.0002"]  # fmt: skip
    assert nodes["1.02.02"].parent_code == first.code
    assert nodes["1.02.02"].name.startswith("PROGRAM PEMENUHAN") and nodes["1.02.02"].official == (
        "Kepala Bidang Pelayanan Kesehatan"
    )
    assert nodes[f"{first.code}.1"].name == "Meningkatnya akuntabilitas kinerja", "a box without a program's name"
    drawn = [*(i for n in nodes.values() for i in n.indicators), *summary.read.added["T1"]]  # T1: the plan's tujuan
    targets = {(i.name, i.target, i.measure_unit, i.target_text) for i in drawn}
    assert targets >= {
        ("Usia Harapan Hidup", 72.5, "Tahun", None),
        ("Persentase fasilitas kesehatan terakreditasi", 100, "%", None),
        ("Nilai AKIP", 70, None, "70 (BB)"),
        ("Jumlah dokumen layanan rujukan", 13, "Dokumen", None),
        ("Persentase rumah sakit rujukan", 100, "%", None),
        ("Jumlah puskesmas direhabilitasi", None, None, None),
        ("Opini BPK", None, None, "WTP"),
        ("Jumlah ibu hamil yang mendapatkan pelayanan", 1250, "Orang", None),
    }
    assert nodes["1.02.02.2.02.0001"].pagu == 450_000_000
    assert nodes["1.02.02.2.02.0001"].parent_code == "1.02.02.2.02", "its code, not the drawing, gives its parent"
    said = {(row, what) for _, row, what in summary.read.rows}
    assert (1, "dilewati: teks di luar kotak (A1)") in said and (6, "dilewati: teks di luar kotak (A6)") in said
    assert (7, f"indikator sasaran {first.code}: dari Perjanjian Kinerja") in said
    assert (22, "simpul: 1.02.02.2.02.0002 (kotak C22)") in said and (3, "tujuan T1 (kotak B3)") in said
    assert summary.read.accounting() == {"tujuan": 1, "indikator": 7, "sasaran": 1, "indikator sasaran": 1, "simpul": 7,
                                         "nama": 2, "penanggung jawab": 1, "pagu": 1, "dilewati": 4}  # every cell  # fmt: skip
    saved = tree_frame(treeless_store, 2026).set_index("code")
    assert saved.loc["T1", "indicator_name"] == "Usia Harapan Hidup", "the plan's tujuan takes the indicator drawn"
    assert saved.loc[first.code, "parent_code"].tolist()[0] == "T1"

    elsewhere = import_cascade(
        treeless_store, 2026, drawn_tree(first.name, tujuan="Meningkatnya usia harapan hidup"), "p.xlsx"
    )
    (made,) = [n for n in elsewhere.read.nodes if n.level is Level.TUJUAN_OPD]
    assert made.code == "T3", "a tujuan not in the plan gets a code the plan's T1 and T2 do not use"
    saved = tree_frame(treeless_store, 2026).drop_duplicates("code").set_index("code")
    assert saved.loc[first.code, "parent_code"] == "T3", "the plan's sasaran hangs under the tujuan drawn above it"


def test_a_box_that_cannot_be_placed_is_named_and_nothing_is_saved(treeless_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    before = tree_frame(treeless_store, 2026)
    with pytest.raises(InputRejected) as refused:
        import_cascade(treeless_store, 2026, drawn_tree(first.name, stray=True), "pohon-kinerja-2026.xlsx")
    (problem,) = [p for p in refused.value.problems if p.row == 18 and p.column == "N"]
    assert problem.sheet == "Pohon Kinerja" and "kotak N18 tidak dapat ditempatkan" in problem.message
    assert "B14, E14, H14" in problem.message, "it names the boxes of the row above to choose from"
    assert tree_frame(treeless_store, 2026).equals(before)
