"""Text from users that looks like a formula stays text in every sheet Kinerja writes."""

import io

import pytest
from openpyxl import load_workbook

from kinerja.reporting.exports import recap_workbook
from kinerja.storage.figures import recap
from kinerja.workbook.writing import workbook_bytes

DANGEROUS = ['=HYPERLINK("http://x","klik")', "+6281234", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_formula_looking_text_is_written_as_text(text):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = text
    cell = load_workbook(io.BytesIO(workbook_bytes(workbook))).active["A1"]
    assert cell.data_type == "s" and cell.value == text


def test_recap_and_audit_workbooks_keep_user_text_as_text(demo_store):
    from kinerja.reporting.audit_trail import audit_entries, audit_workbook

    frame = recap(demo_store, 2026, 2)
    frame.loc[0, "indicator_name"] = DANGEROUS[0]
    frame.loc[1, "note"] = DANGEROUS[1]
    sheet = load_workbook(io.BytesIO(recap_workbook(frame, 2026, 2, "Dinas"))).active
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert DANGEROUS[0] in [c.value for row in sheet.iter_rows() for c in row]
    trail = audit_entries(demo_store).head(1).assign(Tindakan=DANGEROUS[3])
    audit = load_workbook(io.BytesIO(audit_workbook(trail))).active
    assert audit["C2"].value == DANGEROUS[3] and audit["C2"].data_type == "s"


def test_a_unit_template_keeps_a_plan_text_that_looks_like_a_formula(demo_store):
    from kinerja.collection.template import unit_template

    with demo_store.write() as w:
        w.execute(
            "UPDATE indicator_plan SET name = '=1+1 kasus' WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'IK10')"
        )
    workbook = load_workbook(io.BytesIO(unit_template(demo_store, "P2P", 2026, 3)))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if c.value == "=1+1 kasus"]
    assert cells and all(c.data_type == "s" for c in cells)
