"""The Renja form's money by row level, and its columns 5 and 6, whatever the form's variation
(title rows or none, merged header cells, an extra column, comma or dot decimals): the same stored
pagu, a kegiatan's a subtotal of its sub-kegiatan's."""

import pytest

from kinerja.domain.achievement import Polarity
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.workbook.renja_form import money_levels, read_renja_form
from kinerja.workbook.spreadsheet import read_sheets
from tests.workbooks import RENJA_FORM_HEAD, xlsx

_TITLES = [["Evaluasi Terhadap Hasil RKPD"], ["Kabupaten Contoh"], ["Tahun 2025"], [], []]
_HEAD = RENJA_FORM_HEAD
# (name, indicator, renstra K/Rp, before K/Rp, target K/Rp, level)
_ROWS = [
    ("Program Penunjang Urusan Pemerintahan Daerah", "Persentase Tertib Pelaporan", 100, 9_000_000, 60,
     3_000_000, 100, 2_000_000.5, None),
    ("Perencanaan dan Evaluasi Kinerja", "Jumlah Dokumen Perencanaan", 20, 9_000_000, 8, 3_600_000, 4,
     2_000_000.5, "kegiatan"),
    ("Evaluasi Kinerja Perangkat Daerah", "Jumlah Laporan Evaluasi", 40, 4_000_000, 16, 1_500_000, 8, 800_000,
     "sub_kegiatan"),
    ("Penyusunan Dokumen Renja", "Jumlah Dokumen Renja", 5, 5_000_000, 2, 2_100_000, 1, 1_200_000.5, "sub_kegiatan"),
]  # fmt: skip


def _money_text(value: float, comma: bool) -> str:
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents}" if comma else f"{whole.replace(',', '')}.{cents}"


def _form(titles=True, merged=False, extra_column=False, decimals=None) -> bytes:
    rows = []
    for no, (name, indicator, rk, rrp, bk, brp, tk, trp, _) in enumerate(_ROWS, start=1):
        money = [rrp, brp, trp] if decimals is None else [_money_text(v, decimals == "comma") for v in (rrp, brp, trp)]
        cells = [no, "Meningkatnya Kinerja" if no == 1 else None, name, indicator, "Dok", rk, money[0], bk, money[1],
                 tk, money[2], *[tk / 4, trp / 4] * 4]  # fmt: skip
        rows.append(cells)
    head = [list(r) for r in _HEAD]
    if extra_column:  # a column of the office's own between Satuan and the Renstra target
        for r in (*head, *rows):
            r.insert(5, "Keterangan" if r is head[0] else None)
    body = [*(_TITLES if titles else []), *head, *rows]
    first = len(_TITLES) + 1 if titles else 1
    shift = 1 if extra_column else 0
    merges = []
    if merged:
        merges = [f"A{first}:A{first + 3}", f"{_col(6 + shift)}{first}:{_col(7 + shift)}{first + 2}",
                  f"{_col(12 + shift)}{first}:{_col(19 + shift)}{first}"]  # fmt: skip
    return xlsx({"Evaluasi": body}, {"Evaluasi": merges})


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


VARIATIONS = {
    "plain": {},
    "no titles": {"titles": False},
    "merged header": {"merged": True},
    "extra column": {"extra_column": True},
    "comma decimals": {"decimals": "comma"},
    "dot decimals": {"decimals": "dot"},
}


@pytest.mark.parametrize("variation", list(VARIATIONS))
def test_each_rows_level_and_columns_5_and_6_are_read(variation):
    form = read_renja_form(read_sheets(_form(**VARIATIONS[variation]), "f.xlsx")[0])
    assert form is not None
    levels = money_levels(form)
    assert [levels.get(r.row) for r in form.rows] == [row[-1] for row in _ROWS]
    assert set(form.columns.renstra) == {"renstra_k", "renstra_rp", "before_k", "before_rp"}
    assert [r.renstra["renstra_k"] for r in form.rows] == [row[2] for row in _ROWS]


@pytest.mark.parametrize("variation", list(VARIATIONS))
def test_the_same_pagu_is_stored_whatever_the_variation(store, variation):
    draft = read_plan_file(_form(**VARIATIONS[variation]), "evaluasi-renja.xlsx")
    draft.default_polarity = Polarity.POSITIVE
    assert draft.errors == []
    save_plan(store, draft)
    stored = dict(
        store.rows("SELECT i.name, (b.level, b.pagu) FROM indicator_budget b JOIN indicator i ON i.id = b.indicator_id")
    )
    assert stored == {row[1]: (row[-1], row[7]) for row in _ROWS if row[-1]}
    assert store.scalar("SELECT pagu FROM programme_budget") == 2_000_000.5
