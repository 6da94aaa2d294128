"""Flat lists with repeated parents (issue 25, item 3): the national nomenclature's shape and SIPD's
RKA/DPA exports write the bidang, program and kegiatan again as "code name" on every row. The same
code with the same name is one node; the same code with two names is one problem naming both and
their rows. Built in the image of ../shared/samples/nomenklatur-kemendagri-subkegiatan.xlsx."""

import io

import pytest
from openpyxl import Workbook

from kinerja.cascade.reading import read_cascade
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected
from tests.trees import (
    sipd_list,
)

HEADINGS = ["JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA", "INDIKATOR", "SATUAN", "TAG",
            "DEFINISI OPERASIONAL", "PELAKSANA", "SPM", "JENIS", "SUBKEGIATAN SEBELUMNYA"]  # fmt: skip
BIDANG = "1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN"
P1 = "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
P2 = "1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN"
SDM_PLAN = "1.02.03.2.01 Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan"
SDM_QUALITY = "1.02.03.2.01 Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan"
ROWS = [  # (jenis pemda, program, kegiatan, sub-kegiatan)
    ("PROV", P1, "1.02.02.1.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Provinsi",
     "1.02.02.1.01.0001 Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya"),
    ("PROV", P1, "1.02.02.1.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Provinsi",
     "1.02.02.1.01.0002 Pembangunan Fasilitas Kesehatan Lainnya"),
    ("PROV", P2, "1.02.03.1.01 Perencanaan Kebutuhan Sumber Daya Manusia Kesehatan untuk UKM dan UKP Provinsi",
     "1.02.03.1.01.0001 Perencanaan dan Distribusi serta Pemerataan Sumber Daya Manusia Kesehatan"),
    ("KAB/KOTA", P1, "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah "
     "Kabupaten/Kota", "1.02.02.2.01.0001 Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya"),
    ("KAB/KOTA", P1, "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah "
     "Kabupaten/Kota", "1.02.02.2.01.0002 Pembangunan Puskesmas"),
    ("KAB/KOTA", P1, "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
     "Kabupaten/Kota", "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("KAB/KOTA", P1, "1.02.02.2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
     "Kabupaten/Kota", "1.02.02.2.02.0002 Pengelolaan Pelayanan Kesehatan Ibu Bersalin"),
    ("KAB/KOTA", P2, SDM_PLAN, "1.02.03.2.01.0001 Perencanaan dan Distribusi serta Pemerataan SDM Kesehatan"),
    ("KAB/KOTA", P2, SDM_QUALITY, "1.02.03.2.01.0002 Pengembangan Mutu dan Peningkatan Kompetensi Teknis SDM"),
    ("KAB/KOTA", P2, SDM_QUALITY, "1.02.03.2.01.0003 Pelatihan Tenaga Kesehatan"),
]  # fmt: skip


def nomenclature(title: bool = False, merged: bool = False) -> bytes:
    """The list as Kemendagri publishes it: a sheet "Worksheet", one row per sub-kegiatan, each with
    its bidang, program and kegiatan as "code name" written again (or, as an office may keep it,
    merged down the rows they span), its output, indicator, satuan, a JSON tag list and a definition
    with line breaks; the province's rows, then the regencies' reusing program codes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Worksheet"
    if title:
        sheet.append(["NOMENKLATUR SUB KEGIATAN PEMERINTAH DAERAH (KEPMENDAGRI 900.1.15.5-1317/2023)"])
        sheet.append([])
    sheet.append(HEADINGS)
    first = sheet.max_row + 1
    for kind, program, kegiatan, sub in ROWS:
        name = sub.split(" ", 1)[1]
        sheet.append([kind, BIDANG, program, kegiatan, sub, f"{name} yang Terlaksana", f"Jumlah {name}", "Unit",
                      '["BELANJA INFRASTRUKTUR PELAYANAN PUBLIK"]', f"Cakupan:\n- {name}\n\nNSPK:\n1) Permenkes",
                      "bidang yang mengurusi kesehatan", "NON-SPM", "Layanan", None])  # fmt: skip
    if merged:  # each run of one text in the bidang, program and kegiatan columns merged down
        for column in "BCD":
            start = first
            for row in range(first + 1, sheet.max_row + 2):
                if row > sheet.max_row or sheet[f"{column}{row}"].value != sheet[f"{column}{start}"].value:
                    if row - 1 > start:
                        for blank in range(start + 1, row):
                            sheet[f"{column}{blank}"] = None
                        sheet.merge_cells(f"{column}{start}:{column}{row - 1}")
                    start = row
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _tree(found) -> list[tuple]:
    return sorted((n.level, n.code, n.name, n.parent_code, tuple(i.name for i in n.indicators)) for n in found.nodes)


def test_a_code_written_again_with_its_name_is_one_node_and_with_another_name_one_problem():
    found = read_cascade(nomenclature(), "nomenklatur.xlsx")
    codes = [n.code for n in found.nodes]
    assert len(codes) == len(set(codes)) == 2 + 5 + 10
    assert [n.code for n in found.nodes if n.level == "program"] == ["1.02.02", "1.02.03"]
    (problem,) = found.problems
    assert problem.message == (
        'kode 1.02.03.2.01 tertulis dengan 2 nama: Kegiatan "Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya '
        'Manusia Kesehatan" (baris 9) dan Kegiatan "Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya '
        'Manusia Kesehatan" (baris 10, 11)'
    )
    assert (problem.sheet, problem.row, problem.column[0], problem.value) == ("Worksheet", 10, "D", "1.02.03.2.01")
    said = {row: what for _, row, what in found.rows}
    assert said[5] == (  # the one Indikator column: the row's deepest node's
        "simpul: 1.02.02.2.01; simpul: 1.02.02.2.01.0001; indikator: 1.02.02.2.01.0001; simpul yang sama: 1.02.02"
    )
    assert len(found.rows) == len(ROWS), "every row accounted for"
    sub = next(n for n in found.nodes if n.code == "1.02.02.2.02.0002")
    assert sub.parent_code == "1.02.02.2.02" and sub.name == "Pengelolaan Pelayanan Kesehatan Ibu Bersalin"


@pytest.mark.parametrize(("title", "merged"), [(True, False), (False, True), (True, True)])
def test_the_list_with_a_title_or_its_parents_merged_reads_the_same_tree(title, merged):
    base = read_cascade(nomenclature(), "nomenklatur.xlsx")
    found = read_cascade(nomenclature(title, merged), "nomenklatur.xlsx")
    assert _tree(found) == _tree(base)
    assert [p.value for p in found.problems] == ["1.02.03.2.01"]


def test_the_nomenclature_itself_is_refused_as_a_tree_and_pointed_to_its_command(demo_store):
    """The list is reference data (`python -m kinerja nomenklatur`), never a year's tree; read as a flat
    list (above) its code with two names is one problem, not 'dipakai dua kali' per row."""
    from kinerja.cascade.importing import import_cascade

    before = demo_store.scalar("SELECT count(*) FROM cascade_node")
    with pytest.raises(InputRejected) as refused:
        import_cascade(demo_store, 2026, nomenclature(), "nomenklatur.xlsx")
    assert len(refused.value.errors) == 1 and "nomenklatur" in refused.value.errors[0].message
    assert demo_store.scalar("SELECT count(*) FROM cascade_node") == before


def rka_list(second_subtotal: str = "1.570.500.000") -> bytes:
    """An RKA-like export with one name column, the program and kegiatan rows written again before
    every sub-kegiatan (their subtotal repeated with them)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode", "Uraian", "Indikator", "Target", "Satuan", "Pagu (Rp)"])
    program = ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Persentase faskes sesuai standar", "85", "%",
               "1.570.500.000"]  # fmt: skip
    kegiatan = ["1.02.02.2.02", "Penyediaan Layanan Kesehatan", "Jumlah layanan", "12", "layanan", "1.570.500.000"]
    for n, (code, name, pagu) in enumerate([("0001", "Ibu Hamil", "450.000.000"), ("0002", "Ibu Bersalin",
                                                                                      "380.500.000"),
                                            ("0003", "Bayi Baru Lahir", "740.000.000")]):  # fmt: skip
        sheet.append(program)
        sheet.append([*kegiatan[:5], second_subtotal if n == 2 else kegiatan[5]])
        sheet.append([f"1.02.02.2.02.{code}", f"Pengelolaan Pelayanan Kesehatan {name}", f"Jumlah {name}", "100",
                      "orang", pagu])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_list_repeating_its_parents_before_every_row_reads_each_node_once():
    found = read_cascade(rka_list(), "rka.xlsx")
    assert not found.problems
    assert [n.code for n in found.nodes] == ["1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002",
                                             "1.02.02.2.02.0003"]  # fmt: skip
    program = found.nodes[0]
    assert program.pagu is None and program.pagu_subtotal == 1_570_500_000
    assert [i.name for i in program.indicators] == ["Persentase faskes sesuai standar"], "its indicator once"
    assert found.accounting() == {"simpul": 5, "simpul yang sama": 4}
    assert ("Sheet", 5, "simpul yang sama: 1.02.02 (seperti baris 2)") in found.rows

    differs = read_cascade(rka_list(second_subtotal="1.500.000.000"), "rka.xlsx")
    (problem,) = differs.problems
    assert problem.message == (
        "subtotal pagu kode 1.02.02.2.02 tertulis berbeda: Rp 1.570.500.000 (baris 3, 6) dan Rp 1.500.000.000 "
        "(baris 9); tulis satu angka untuk simpul ini"
    )


def test_a_sipd_list_reads_into_nodes_with_every_row_accounted_for():
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": "S1"})
    # '1.250' and '1.180' in a target column whose figures show no decimal mark: read as thousands, and named
    assert [(p.row, p.column, p.severity) for p in found.problems] == [(7, "D", "warning"), (9, "D", "warning")]
    assert [(n.level, n.code, n.parent_code) for n in found.nodes] == [
        (Level.PROGRAM, "1.02.02", "S1"),
        (Level.KEGIATAN, "1.02.02.2.02", "1.02.02"),
        (Level.SUB_KEGIATAN, "1.02.02.2.02.0001", "1.02.02.2.02"),
        (Level.SUB_KEGIATAN, "1.02.02.2.02.0002", "1.02.02.2.02"),
    ]
    mothers = found.nodes[2]
    assert mothers.pagu == 450_000_000 and [i.target for i in mothers.indicators] == [1250, 4]
    assert found.accounting() == {"dilewati": 1, "simpul": 4, "indikator": 1}
    assert ("Renja 2026", 4, "dilewati: 1.02 kode urusan/bidang, bukan simpul pohon kinerja") in found.rows
