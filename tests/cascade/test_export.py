"""The Kertas Kerja written from the stored tree, each branch under its sasaran, kept in the archive."""

import io

from tests.trees import (
    sipd_list,
)


def test_the_kertas_kerja_puts_each_branch_under_its_sasaran_and_the_archive_keeps_it(treeless_store):
    import zipfile

    from openpyxl import load_workbook

    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import kertas_kerja
    from kinerja.reporting.archive import period_archive

    import_cascade(treeless_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program names its sasaran S1
    book = load_workbook(io.BytesIO(kertas_kerja(treeless_store, 2026, 2)))
    sheet = book["Kertas Kerja Cascading"]
    header = [c.value for c in sheet[4]]
    assert header[:10] == ["Tujuan PD", "Indikator Tujuan PD", "Sasaran PD", "Indikator Sasaran PD", "Program",
                           "Indikator Program", "Kegiatan", "Indikator Kegiatan", "Sub Kegiatan",
                           "Indikator Sub Kegiatan"]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert (rows[0][0] or "").startswith("T1 "), "the plan's tujuan above its sasaran"
    first_s1 = next(n for n, r in enumerate(rows) if (r[2] or "").startswith("S1 "))
    below = [r for r in rows[first_s1:] if not (r[2] or "").startswith("S1 ")][:5]
    assert [next(v for v in r[:10] if v).split()[0] for r in below] == [
        "1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0001", "1.02.02.2.02.0002"
    ], "the program, its kegiatan and sub-kegiatan right under the sasaran they serve"  # fmt: skip
    mothers = next(r for r in rows if r[8] and r[8].startswith("1.02.02.2.02.0001"))
    assert mothers[header.index("Pagu (Rp)")] == 450_000_000
    pagu = [r[header.index("Pagu (Rp)")] for r in rows if r[8] and r[8].startswith("1.02.02.2.02.0001")]
    assert pagu == [450_000_000, None], "a node's pagu on its first row only: the column sums to the budget"
    assert sum(r[header.index("Pagu (Rp)")] or 0 for r in rows) == 830_500_000
    assert header[header.index("Pagu (Rp)") + 1] == "Realisasi (Rp)"
    assert book["Daftar Simpul"]["A4"].value == "Tingkat"
    with zipfile.ZipFile(io.BytesIO(period_archive(treeless_store, 2026, 2))) as archive:
        assert any(name.endswith("data/kertas-kerja-cascading-2026.xlsx") for name in archive.namelist())
