"""The officials' cascade (Matriks Peran Hasil): from a programme-code tree and from the same tree
drawn by officials, the same matrix; the head signs with the settings' name and NIP; the workbook
has the office's matrix and one sheet per official; the command line's exit codes."""

import io

import pytest
from openpyxl import load_workbook

from kinerja.cascade.importing import import_cascade
from kinerja.cascade.stored import DraftNode, NodeIndicator, save_tree
from kinerja.cascade.tree import IndicatorKind, Level
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.rhk import RHK_COLUMNS, rhk_matrix, rhk_xlsx
from kinerja.storage.settings import write_office_settings
from tests.bureau_drawings import EXPECTED, SASARAN, TUJUAN, bureau_drawing, bureau_plan
from tests.cli import kinerja

PK = {"S1": ("IK01", "Persentase rekomendasi kebijakan perekonomian yang ditindaklanjuti", "%", 80),
      "S2": ("IK02", "Nilai SAKIP Biro Perekonomian", "nilai", 75)}  # fmt: skip


def _programme_tree() -> list[DraftNode]:
    """The drawing's tree as a programme-code list holds it: Kemendagri-like codes, parents by code."""
    nodes = [DraftNode(Level.TUJUAN_OPD, "T1", TUJUAN)]
    for code, name in zip(("S1", "S2"), SASARAN, strict=True):
        ik, wording, unit, target = PK[code]
        indicator = NodeIndicator(wording, IndicatorKind.IKU, unit, target, indicator_code=ik)
        nodes.append(DraftNode(Level.SASARAN_OPD, code, name, "T1", goal_code=code, indicators=(indicator,)))
    codes = {"S1": "S1", "S2": "S2"}
    count: dict[str, int] = {}
    for name, (level, parent, unit, official, indicators) in EXPECTED.items():
        parent_code = codes[parent]
        count[parent_code if level is Level.KEGIATAN else "program"] = number = (
            count.get(parent_code if level is Level.KEGIATAN else "program", 0) + 1
        )
        code = f"7.01.{number:02d}" if level is Level.PROGRAM else f"{parent_code}.2.{number:02d}"
        codes[name] = code
        nodes.append(
            DraftNode(
                level, code, name, parent_code, unit_code=unit, official=official,
                indicators=tuple(NodeIndicator(n, k, u, t) for n, k, u, t in indicators),
            )
        )  # fmt: skip
    return nodes


@pytest.fixture
def bureau(store):
    save_plan(store, read_plan_file(bureau_plan(), "pk-biro-2026.xlsx", 2026))
    with store.write() as w:
        write_office_settings(w, {"office_name": "Biro Perekonomian", "head_name": "Dr. Ani", "head_nip": "19700101"})
    return store


def test_a_drawing_and_a_programme_code_tree_give_the_same_matrix(bureau, tmp_path):
    save_tree(bureau, 2026, _programme_tree())
    from_codes = rhk_matrix(bureau, 2026)
    import_cascade(bureau, 2026, bureau_drawing(), "pohon-biro.xlsx")
    drawn = rhk_matrix(bureau, 2026)
    assert list(drawn.columns) == RHK_COLUMNS
    key = ["Rencana Hasil Kerja", "Indikator"]
    assert drawn.sort_values(key).reset_index(drop=True).equals(from_codes.sort_values(key).reset_index(drop=True))
    rows = {(r["Rencana Hasil Kerja"], r["Indikator"]): r for r in drawn.to_dict("records")}
    head = rows[(SASARAN[0], PK["S1"][1])]
    assert (head["Jabatan"], head["Nama"], head["NIP"], head["Eselon"]) == (
        "Kepala Biro Perekonomian",
        "Dr. Ani",
        "19700101",
        "II",
    )
    program = rows[("Meningkatnya kualitas rekomendasi kebijakan pertanian", "Jumlah kajian komoditas unggulan")]
    assert program["Jabatan"] == "Kepala Bagian Pertanian" and program["Eselon"] == "III"
    assert program["RHK Atasan yang Diintervensi"] == SASARAN[0]
    assert program["Jabatan Atasan"] == "Kepala Biro Perekonomian" and program["Target"] == "3"
    kegiatan = rows[("Tersedianya kajian perekonomian daerah", "Jumlah kajian perekonomian daerah")]
    assert kegiatan["Jabatan"] == "Sub Bagian Perekonomian Daerah" and kegiatan["Eselon"] == "IV"
    assert kegiatan["RHK Atasan yang Diintervensi"] == "Meningkatnya kualitas rekomendasi kebijakan perekonomian"
    assert kegiatan["Jabatan Atasan"] == "Bagian Perekonomian"
    assert len(drawn) == 2 + sum(len(e[4]) for e in EXPECTED.values())


def test_the_workbook_has_the_offices_matrix_and_a_sheet_per_official(bureau):
    import_cascade(bureau, 2026, bureau_drawing(), "pohon-biro.xlsx")
    matrix = rhk_matrix(bureau, 2026)
    book = load_workbook(io.BytesIO(rhk_xlsx(bureau, 2026, matrix)))
    assert book.sheetnames[0] == "Matriks Peran Hasil"
    assert len(book.sheetnames) == 1 + matrix["Jabatan"].nunique()
    head = book["Kepala Biro Perekonomian"]
    assert head["A1"].value == "RENCANA HASIL KERJA KEPALA BIRO PEREKONOMIAN TAHUN 2026 — Dr. Ani (NIP 19700101)"
    assert [c.value for c in head[4]] == RHK_COLUMNS[1:]
    assert head["A5"].value and head["A6"].value and head["A7"].value is None, "two results under the header"
    signed = [c.value for row in head.iter_rows(min_row=8) for c in row if c.value]
    assert signed[-3:] == ["Kepala Biro Perekonomian", "Dr. Ani", "NIP. 19700101"], "the official signs"
    assert head.page_setup.orientation == "landscape" and head.print_title_rows == "$4:$4"


def test_command_line_writes_the_matrix_and_refuses_in_indonesian(demo_db_path, tmp_path):
    done = kinerja("form", "rhk", "--year", "2026", "-o", str(tmp_path / "rhk.xlsx"), db=demo_db_path)
    assert done.returncode == 0, done.stderr
    assert "Matriks Peran Hasil 2026 ditulis ke" in done.stdout
    for args, said in [
        (("--year", "2025", "-o", str(tmp_path / "r.xlsx")), "pohon kinerja 2025 belum ada"),
        (("--year", "2026", "-o", str(tmp_path / "r.docx")), "harus berakhiran .xlsx"),
        (("--year", "2019", "-o", str(tmp_path / "r.xlsx")), "tidak ada rencana kinerja tahun 2019"),
    ]:
        refused = kinerja("form", "rhk", *args, db=demo_db_path)
        assert refused.returncode == 2 and said in refused.stderr and "Traceback" not in refused.stderr
