"""One node, one identity (issue 25, item 2): a code made for a node a file names without one can
never read as a Kemendagri code, and joining a file to the tree matches by code, else by level and
name under the same parent, said before saving; a name twice at one level under one parent is a
finding. Stored made codes of the old shape are migrated."""

import io

import pytest
from openpyxl import Workbook

from kinerja.cascade.codes import is_kemendagri, made_code
from kinerja.cascade.stored import DraftNode, save_tree, tree_frame
from kinerja.cascade.tree import Level
from tests.trees import (
    kertas_kerja_matrix,
    sipd_with_subtotals,
)


@pytest.mark.parametrize(
    ("parent", "level", "made"),
    [
        (None, Level.TUJUAN_OPD, "T1"),
        ("S1", Level.PROGRAM, "S1.1"),
        ("S1.1", Level.KEGIATAN, "S1.1.1"),
        ("1.02.02", Level.KEGIATAN, "K1.02.02.1"),
        ("1.02.02.2.02", Level.SUB_KEGIATAN, "SK1.02.02.2.02.1"),
        ("K1.02.02.1", Level.SUB_KEGIATAN, "K1.02.02.1.1"),
    ],
)
def test_a_made_code_never_reads_as_a_kemendagri_code(parent, level, made):
    assert made_code(parent, level, 1) == made and not is_kemendagri(made)


def kertas_kerja_names_only(sasaran: str) -> bytes:
    """An office's Kertas Kerja Cascading: a title, the sasaran and program merged down, a kegiatan
    and two sub-kegiatan written by name only (one in capitals, with a double space), the rest with
    their Kemendagri codes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading"
    sheet.append(["MATRIKS CASCADING DINAS KESEHATAN TAHUN 2026"])
    sheet.append([])
    sheet.append(["Sasaran Strategis", "Program", "Indikator Program", "Kegiatan", "Indikator Kegiatan",
                  "Sub Kegiatan", "Indikator Sub Kegiatan", "Target", "Satuan"])  # fmt: skip
    sheet.append([sasaran, "1.02.02 Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                  "Persentase faskes sesuai standar", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP "
                  "Kewenangan Daerah", "Jumlah faskes direhabilitasi", "Pengadaan Alat Kesehatan/Alat Penunjang Medik "
                  "Fasilitas Pelayanan Kesehatan", "Jumlah alat kesehatan", "40", "unit"])  # fmt: skip
    sheet.append([None, None, None, "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
                  "Jumlah layanan", "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                  "Jumlah ibu hamil dilayani", "1.250", "orang"])  # fmt: skip
    sheet.append([None, None, None, None, None, "PENGELOLAAN PELAYANAN KESEHATAN  IBU BERSALIN",
                  "Jumlah ibu bersalin dilayani", "1.180", "orang"])  # fmt: skip
    sheet.merge_cells("A4:A6")
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("C4:C6")
    sheet.merge_cells("D5:D6")
    sheet.merge_cells("E5:E6")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_kertas_kerja_then_sipds_list_joined_gives_each_node_once(treeless_store):
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.importing import Joined, import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import tree_frame

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    worksheet = import_cascade(treeless_store, 2026, kertas_kerja_names_only(first.name), "cascading.xlsx")
    made = [n.code for n in worksheet.read.nodes if not is_kemendagri(n.code)]
    assert made == ["K1.02.02.1", "K1.02.02.1.1", "SK1.02.02.2.02.1"]
    sipd = sipd_with_subtotals(sasaran=first.code)
    preview = import_cascade(treeless_store, 2026, sipd, "renja-2026.xlsx", merge=True, dry_run=True)
    renamed = (("K1.02.02.1", "1.02.02.2.01"), ("K1.02.02.1.1", "1.02.02.2.01.0014"),
               ("SK1.02.02.2.02.1", "1.02.02.2.02.0002"))  # fmt: skip
    assert preview.merged == Joined(6, 1, 0, renamed), "not '3 diperbarui, 4 ditambahkan'"
    assert preview.renamed_line() == (
        "Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): K1.02.02.1 → 1.02.02.2.01; "
        "K1.02.02.1.1 → 1.02.02.2.01.0014; SK1.02.02.2.02.1 → 1.02.02.2.02.0002."
    )
    assert "6 simpul diperbarui, 1 ditambahkan, 0 tetap" in preview.lines()[0]
    import_cascade(treeless_store, 2026, sipd, "renja-2026.xlsx", merge=True)
    tree = tree_frame(treeless_store, 2026).drop_duplicates("code")
    names = tree["name"].str.casefold().str.split().str.join(" ")
    assert (names == "pengelolaan pelayanan kesehatan ibu bersalin").sum() == 1
    coded = tree[tree["level"].isin(["program", "kegiatan", "sub_kegiatan"])]
    assert coded["code"].map(is_kemendagri).all(), "every program, kegiatan and sub-kegiatan has its Kemendagri code"
    kegiatan = tree[tree["level"] == "kegiatan"]
    assert sorted(kegiatan["code"]) == ["1.02.02.2.01", "1.02.02.2.02"]
    nodes = tree.set_index("code")
    assert nodes.loc["1.02.02.2.01.0014", "parent_code"] == "1.02.02.2.01", "the made nodes under it followed"
    assert nodes.loc["1.02.02.2.02.0002", "pagu"] == 380_500_000
    assert not [f for f in tree_checks(treeless_store, 2026) if f.check == "Nama sama dua kali"]

    again = import_cascade(treeless_store, 2026, kertas_kerja_names_only(first.name), "cascading.xlsx", merge=True)
    assert again.merged.added == 0, "the names alone find their nodes, now coded"
    assert dict(again.merged.by_name) == {
        'Kegiatan "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah"': "1.02.02.2.01",
        'Sub Kegiatan "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan"':
            "1.02.02.2.01.0014",
        'Sub Kegiatan "PENGELOLAAN PELAYANAN KESEHATAN IBU BERSALIN"': "1.02.02.2.02.0002",
    }  # fmt: skip
    assert tree_frame(treeless_store, 2026)["code"].nunique() == tree["code"].nunique()


def test_the_command_line_says_the_joining_before_saving(treeless_db_path, tmp_path):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.storage.store import Store
    from tests.cli import kinerja

    store = Store(treeless_db_path)
    first = plan_sasaran_nodes(store, 2026)[0]
    store.close()
    (tmp_path / "kk.xlsx").write_bytes(kertas_kerja_names_only(first.name))
    (tmp_path / "sipd.xlsx").write_bytes(sipd_with_subtotals(sasaran=first.code))
    assert kinerja("import-plan", str(tmp_path / "kk.xlsx"), "--year", "2026", db=treeless_db_path).returncode == 0
    dry = kinerja(
        "import-plan", str(tmp_path / "sipd.xlsx"), "--year", "2026", "--merge", "--dry-run", db=treeless_db_path
    )
    assert dry.returncode == 0, dry.stderr
    assert "K1.02.02.1 → 1.02.02.2.01" in dry.stdout and "SK1.02.02.2.02.1 → 1.02.02.2.02.0002" in dry.stdout
    assert "6 simpul diperbarui, 1 ditambahkan, 0 tetap" in dry.stdout


def test_a_name_twice_at_one_level_under_one_parent_is_a_finding(treeless_store):
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.importing import plan_sasaran_nodes

    sasaran = plan_sasaran_nodes(treeless_store, 2026)[:1]
    s1 = sasaran[0].code
    nodes = [
        *sasaran,
        DraftNode(Level.PROGRAM, "1.02.02", "Program Pemenuhan Upaya Kesehatan", s1),
        DraftNode(Level.KEGIATAN, "1.02.02.2.01", "Penyediaan Layanan Kesehatan", "1.02.02"),
        DraftNode(Level.KEGIATAN, "1.02.02.2.02", "Penyediaan  layanan kesehatan", "1.02.02"),
        DraftNode(Level.PROGRAM, "1.02.03", "Program Lain", s1),
        DraftNode(Level.KEGIATAN, "1.02.03.2.01", "Penyediaan Layanan Kesehatan", "1.02.03"),  # another parent
    ]
    save_tree(treeless_store, 2026, nodes)
    twice = [(f.code, f.message) for f in tree_checks(treeless_store, 2026) if f.check == "Nama sama dua kali"]
    assert twice == [("1.02.02.2.02", "Kegiatan bernama sama dengan 1.02.02.2.01 di bawah 1.02.02: simpul yang sama "
                                      "dua kali? gabungkan, atau bedakan namanya")]  # fmt: skip


def test_stored_made_codes_of_the_old_shape_are_migrated_with_the_nodes_under_them(tmp_path):
    from kinerja.storage.store import Store
    from tests.conftest import db_spec

    store = Store(db_spec(tmp_path / "old.duckdb"), up_to=14)
    rows = [  # id, level, parent, code, pagu, spending
        (1, "sasaran_opd", None, "S1", None, None),
        (2, "program", 1, "1.02.02", 3_961_000_000, 1_000),
        (3, "kegiatan", 2, "1.02.02.1", 2_550_000_000, None),
        (4, "sub_kegiatan", 3, "1.02.02.1.1", 2_550_000_000, 500),
        (5, "kegiatan", 2, "1.02.02.2.02", None, None),
        (6, "sub_kegiatan", 5, "1.02.02.2.02.1", 380_500_000, None),
        (7, "sub_kegiatan", 5, "1.02.02.2.02.0001", 450_000_000, None),
        (8, "program", 1, "S1.1", None, None),
        (9, "kegiatan", 8, "S1.1.1", None, None),
    ]
    with store.write() as w:
        for node_id, level, parent, code, pagu, spending in rows:
            w.execute(
                "INSERT INTO cascade_node (id, year, level, parent_id, code, name, pagu, spending, position, demo) "
                "VALUES (?, 2026, ?, ?, ?, 'x', ?, ?, ?, false)",
                [node_id, level, parent, code, pagu, spending, node_id],
            )
    store.close()
    store = Store(db_spec(tmp_path / "old.duckdb"))
    migrated = store.rows("SELECT code, pagu, pagu_subtotal, spending, spending_subtotal FROM cascade_node ORDER BY id")
    store.close()
    assert migrated == [
        ("S1", None, None, None, None),
        ("1.02.02", None, 3_961_000_000, None, 1_000),
        ("K1.02.02.1", None, 2_550_000_000, None, None),
        ("K1.02.02.1.1", 2_550_000_000, None, 500, None),
        ("1.02.02.2.02", None, None, None, None),
        ("SK1.02.02.2.02.1", 380_500_000, None, None, None),
        ("1.02.02.2.02.0001", 450_000_000, None, None, None),
        ("S1.1", None, None, None, None),
        ("S1.1.1", None, None, None, None),
    ]


def test_a_joined_list_gives_its_kemendagri_code_to_the_node_made_without_one(treeless_store):
    from kinerja.cascade.importing import Joined, import_cascade, plan_sasaran_nodes

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    import_cascade(treeless_store, 2026, kertas_kerja_matrix(first.name), "cascading-2026.xlsx")  # a program "S1.1"
    book = Workbook()
    sheet = book.active
    sheet.append(["Program / Kegiatan / Sub Kegiatan", "Sasaran", "Indikator Kinerja", "Target", "Pagu (Rp)"])
    sheet.append(["1.02.02 PROGRAM PEMENUHAN  UPAYA KESEHATAN", first.code, "Persentase faskes", "85", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    summary = import_cascade(treeless_store, 2026, buffer.getvalue(), "sipd.xlsx", merge=True, dry_run=True)
    made = f"{first.code}.1"
    assert summary.merged == Joined(1, 0, 3, ((made, "1.02.02"),))
    assert summary.renamed_line() == (
        f"Kode Kemendagri dari berkas menggantikan kode buatan (tingkat dan nama sama): {made} → 1.02.02."
    )
    assert summary.renamed_line() in summary.lines(), "said in the preview before anything is saved"
    import_cascade(treeless_store, 2026, buffer.getvalue(), "sipd.xlsx", merge=True)
    tree = tree_frame(treeless_store, 2026).drop_duplicates("code").set_index("code")
    assert made not in tree.index and tree.loc["1.02.02", "parent_code"] == first.code
    assert tree.loc["1.02.02.2.02", "parent_code"] == "1.02.02", "the kegiatan under it follows"
    assert tree.loc["1.02.02", "name"] == "PROGRAM PEMENUHAN UPAYA KESEHATAN"
