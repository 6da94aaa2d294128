"""The unit's quarterly template (kinerja.collection.template): its Anggaran sheet of the unit's
programmes, filled in and uploaded through the one upload use case into budget_current."""

import io

import pytest
from openpyxl import load_workbook

from kinerja.collection.datafile import Period
from kinerja.collection.template import unit_template
from kinerja.collection.upload import import_files
from tests.workbooks import KESMAS_PROGRAMMES, KESMAS_SPENDING, fill_budget, fill_template

KESMAS = Period(2026, 3, "KESMAS")


def spent(store, year=2026, quarter=3) -> dict[str, float]:
    """Each programme's stored spending of the quarter (budget_current)."""
    return dict(
        store.rows(
            "SELECT p.code, b.spending FROM budget_current b JOIN programme p ON p.id = b.programme_id "
            "WHERE b.year = ? AND b.quarter = ? ORDER BY p.code",
            [year, quarter],
        )
    )


def budget_sheet(content: bytes):
    return load_workbook(io.BytesIO(content))["Anggaran"]


def test_the_template_lists_the_units_programmes_with_pagu_and_earlier_quarters_locked(demo_store):
    sheet = budget_sheet(unit_template(demo_store, "KESMAS", 2026, 3))
    header = [c.value for c in sheet[5]]
    assert header == [
        "Kode Program", "Program", "Pagu (Rp)", "Anggaran Kas TW III (Rp)",
        "Realisasi Anggaran TW I (Rp)", "Realisasi Anggaran TW II (Rp)", "Realisasi Anggaran TW III (Rp)",
    ]  # fmt: skip
    rows = {sheet.cell(r, 1).value: r for r in range(6, sheet.max_row + 1)}
    assert {code: sheet.cell(r, 2).value for code, r in rows.items()} == KESMAS_PROGRAMMES
    assert sheet.cell(rows["P01"], 3).value == 18_500_000_000
    assert sheet.cell(rows["P01"], 5).value == spent(demo_store, 2026, 1)["P01"]
    assert sheet.protection.sheet
    for r in rows.values():
        assert all(sheet.cell(r, col).protection.locked for col in range(1, 7))
        assert not sheet.cell(r, 7).protection.locked and sheet.cell(r, 7).fill.fgColor.rgb.endswith("FFF7D6")
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert "G6:G7" in str(validation.sqref)


def test_the_quarters_cash_plan_is_shown_blank_where_the_plan_has_none_and_petunjuk_names_the_sheet(demo_store):
    with demo_store.write() as w:
        w.execute("DELETE FROM programme_cash_plan WHERE year = 2026 AND quarter = 3")
        w.execute("INSERT INTO programme_cash_plan SELECT id, 2026, 3, 4500000000 FROM programme WHERE code = 'P01'")
    workbook = load_workbook(io.BytesIO(unit_template(demo_store, "KESMAS", 2026, 3)))
    assert workbook["Anggaran"]["D6"].value == 4_500_000_000
    assert workbook["Anggaran"]["D7"].value is None, "no cash plan: blank, not 0"
    assert any("Anggaran" in str(row[0]) for row in workbook["Petunjuk"].iter_rows(values_only=True))


def test_a_unit_without_programmes_gets_no_budget_sheet(demo_store):
    workbook = load_workbook(io.BytesIO(unit_template(demo_store, "YANKES", 2026, 3)))
    assert "Anggaran" not in workbook.sheetnames
    assert not any("Anggaran" in str(row[0]) for row in workbook["Petunjuk"].iter_rows(values_only=True))


def test_spending_filled_in_the_template_is_stored_and_shown_again_on_the_next_download(demo_store):
    earlier = spent(demo_store, 2026, 2)
    content = fill_budget(unit_template(demo_store, "KESMAS", 2026, 3), KESMAS_SPENDING)
    ((data, saved),) = import_files(demo_store, [("kesmas-tw3.xlsx", content)], KESMAS)
    assert not data.problems, data.problems
    assert saved and saved[0].unit_code == "KESMAS"
    assert spent(demo_store) == KESMAS_SPENDING
    assert spent(demo_store, 2026, 2) == earlier, "the template's earlier quarters are shown, never stored"
    assert "2 berisi anggaran saja" in data.accounting()
    sheet = budget_sheet(unit_template(demo_store, "KESMAS", 2026, 3))
    assert [sheet.cell(r, 7).value for r in (6, 7)] == [KESMAS_SPENDING["P01"], KESMAS_SPENDING["P02"]]


@pytest.mark.parametrize("with_figures", [False, True])
def test_uploading_the_same_template_again_saves_nothing_new(demo_store, with_figures):
    content = fill_budget(unit_template(demo_store, "KESMAS", 2026, 3), KESMAS_SPENDING)
    if with_figures:
        content = fill_template(content, {"IK01": {"Realisasi TW III": 2}})
    import_files(demo_store, [("kesmas-tw3.xlsx", content)], KESMAS)
    versions = demo_store.scalar("SELECT count(*) FROM submission")
    ((data, saved),) = import_files(demo_store, [("kesmas-tw3.xlsx", content)], KESMAS)
    assert saved == []
    assert len(data.unchanged_budget) == 2 and not data.budget
    assert "2 realisasi anggaran program sudah tersimpan, tidak berubah" in data.accounting()
    assert demo_store.scalar("SELECT count(*) FROM submission") == versions


def test_spending_saved_is_in_the_audit_trail_beside_the_figures(demo_store):
    from kinerja.reporting.audit_trail import changed_fields, show_value

    earlier = spent(demo_store, 2026, 2)["P01"]  # the demo's own upload of TW II
    content = fill_budget(unit_template(demo_store, "KESMAS", 2026, 2), {"P01": 1_000_000, "P02": 2_000_000})
    ((data, saved),) = import_files(demo_store, [("kesmas-tw2.xlsx", content)], Period(2026, 2, "KESMAS"))
    assert saved, data.problems
    (entry,) = demo_store.rows(
        "SELECT before, after FROM audit_log WHERE action = 'data.unggah' ORDER BY id DESC LIMIT 1"
    )
    fields = {label: (old, new) for label, old, new in changed_fields("data.unggah", *entry)}
    assert fields["Realisasi anggaran P01"] == (show_value(earlier), "1.000.000")
    assert fields["Realisasi anggaran P02"][1] == "2.000.000"
