"""A unit's own yearly sheet sent again each quarter: the quarters it repeats are accounted for as
unchanged, whatever their state, and only a figure that would change a closed quarter is refused,
at its cell (issue 24)."""

import pytest

from kinerja.access.accounts import actor_of
from kinerja.access.roles import set_actor
from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.collection.upload import import_files
from kinerja.storage.backup import snapshot
from kinerja.storage.figures import recap
from kinerja.workflow import review
from tests.workbooks import KESMAS_SHEET, unit_own_sheet

KESMAS = Period(None, None, "KESMAS")


def _sheet(**changes: list[str]) -> bytes:
    """KESMAS's sheet with some indicators' quarters rewritten: name → the quarters' texts."""
    lines = [(*line[:3], changes.get(line[0], line[3])) if line[1] is not None else line for line in KESMAS_SHEET]
    return unit_own_sheet(lines)


def _checked(store, content: bytes):
    return check_data(store, read_data_file(content, "capaian-kesmas-2026.xlsx", KESMAS))


@pytest.fixture
def operator(demo_store):
    set_actor(actor_of(demo_store, "operator.kesmas"))
    return demo_store


def test_the_sheet_repeating_closed_quarters_stores_the_new_quarter_and_says_the_rest_is_unchanged(operator):
    assert review.state_of(operator, "KESMAS", 2026, 2) is review.State.SUBMITTED
    assert review.report_state(operator, 2026, 1) is review.ReportState.FINAL
    data = _checked(operator, unit_own_sheet())
    assert data.errors == []
    assert {(r.quarter, r.indicator_id is not None) for r in data.rows} == {(3, True)}
    assert sorted({r.quarter for r in data.unchanged}) == [1, 2] and len(data.unchanged) == 16
    assert data.accounting() == (
        "11 baris data: 8 berisi angka, 2 baris judul (sasaran/program) tanpa angka, 1 catatan, bukan indikator; "
        "16 angka TW I 2026, TW II 2026 sudah tersimpan, tidak berubah"
    )
    saved = save_data(operator, data, confirm_warnings=True)
    assert [(v.unit_code, v.quarter, v.rows) for v in saved] == [("KESMAS", 3, 8)]
    assert review.state_of(operator, "KESMAS", 2026, 2) is review.State.SUBMITTED, "nothing of TW II moved"
    versions = operator.rows("SELECT quarter, count(*) FROM submission s JOIN unit u ON u.id = s.unit_id "
                             "WHERE u.code = 'KESMAS' AND year = 2026 GROUP BY 1 ORDER BY 1")  # fmt: skip
    assert versions == [(1, 1), (2, 1), (3, 1)]


def test_a_ratio_written_as_a_percentage_is_stored_and_measured_as_such(operator):
    save_data(operator, _checked(operator, unit_own_sheet()), confirm_warnings=True)
    stored = operator.rows(
        "SELECT r.value, r.numerator, r.denominator FROM realization_current r JOIN indicator i ON i.id = r.indicator_id "
        "WHERE i.code = 'IK03' AND r.year = 2026 AND r.quarter = 3"
    )
    assert stored == [(93.0, None, None)]
    row = recap(operator, 2026, 3).set_index("indicator_code").loc["IK03"]
    assert row.realization_to_date == pytest.approx(93.0), "TW III's own percentage, TW I–II having counts"
    assert "Rasio dilaporkan sebagai persentase" in row.note and "persentase TW III" in row.note
    assert recap(operator, 2026, 2).set_index("indicator_code").loc["IK03"].note == "", "TW II still from counts"


@pytest.mark.parametrize(
    ("indicator", "quarters", "column", "says"),
    [
        ("Prevalensi stunting pada balita", ["15,62", "16,6", "15,9"], "F", "sudah diajukan"),
        ("Jumlah kematian ibu", ["3", "2", "3"], "E", "Laporan TW I 2026 sudah final"),
        ("Persentase persalinan di fasilitas pelayanan kesehatan", ["90", "94,15", "93"], "E", "sudah final"),
    ],
)
def test_a_figure_that_would_change_a_closed_quarter_is_refused_at_its_cell(
    operator, indicator, quarters, column, says
):
    before = snapshot(operator)
    data = _checked(operator, _sheet(**{indicator: quarters}))
    assert len(data.errors) == 1, data.errors
    error = data.errors[0]
    row = 8 + [line[0] for line in KESMAS_SHEET].index(indicator)
    assert (error.sheet, error.row, error.column[0]) == ("Capaian 2026", row, column)
    assert says in error.message and "berbeda dari yang tersimpan" not in error.message
    assert "yang tersimpan" in error.message
    assert len(data.unchanged) == 15, "the other repeated figures are still accounted for"
    ((_, saved),) = import_files(operator, [("capaian.xlsx", _sheet(**{indicator: quarters}))], KESMAS)
    assert saved is None and snapshot(operator) == before


def test_the_admin_may_change_a_submitted_quarter_but_not_a_final_one(demo_store):
    data = _checked(demo_store, _sheet(**{"Prevalensi stunting pada balita": ["15,62", "16,6", "15,9"]}))
    assert data.errors == [] and {(r.quarter) for r in data.rows} == {2, 3}
    data = _checked(demo_store, _sheet(**{"Jumlah kematian ibu": ["3", "2", "3"]}))
    assert [e.message.split(":")[0] for e in data.errors] == ["Laporan TW I 2026 sudah final"]


def test_a_file_that_repeats_only_stored_figures_saves_nothing(operator):
    lines = [(*line[:3], line[3][:2]) if line[1] is not None else line for line in KESMAS_SHEET]
    ((data, saved),) = import_files(operator, [("capaian.xlsx", unit_own_sheet(lines))], KESMAS)
    assert data.errors == [] and data.rows == [] and len(data.unchanged) == 16
    assert saved == []
