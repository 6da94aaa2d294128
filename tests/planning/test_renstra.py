"""import-plan of the Renja form keeps its columns 5 and 6 (the Renstra's end target, its realisation
up to the year before; K and Rp) under the Laporan page's row keys, with the plan, all or nothing:
whatever the form's variation the same values kept; the form Kinerja writes changes nothing; a
changed value said with both values; the dry run the same without writing."""

import io

import openpyxl
import pytest

import kinerja.planning.saving as saving
from kinerja.__main__ import main
from kinerja.domain.achievement import Polarity
from kinerja.domain.problems import InputRejected
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.renja_form import renja_figures, renja_xlsx, renstra_frame, save_renstra
from kinerja.storage.store import Store
from tests.workbooks import RENJA_FORM_HEAD, xlsx

_TITLES = [["Evaluasi Terhadap Hasil Renja Perangkat Daerah"], ["Tahun 2025"], []]
_HEAD = RENJA_FORM_HEAD
# (name, indicator, renstra K, Rp, before K, Rp, target K, Rp): a programme's row carries its outcome
# indicator (K) and the programme's money (Rp); a kegiatan's and sub-kegiatan's their indicator's both
_ROWS = [
    ("Program Penunjang Urusan Pemerintahan Daerah", "Persentase Tertib Pelaporan", 100, 50_000_000, 60,
     18_000_000, 100, 2_000_000),
    ("Perencanaan dan Evaluasi Kinerja", "Jumlah Dokumen Perencanaan", 20, 9_000_000, 8, 3_600_000, 4, 2_000_000),
    ("Evaluasi Kinerja Perangkat Daerah", "Jumlah Laporan Evaluasi", 40.5, 4_000_000, 16, 1_500_000, 8, 800_000),
    ("Penyusunan Dokumen Renja", "Jumlah Dokumen Renja", 5, 5_000_000, 2, 2_100_000, 1, 1_200_000),
]  # fmt: skip


def _text(value: float, comma: bool) -> str:
    """A figure typed as text: '4.000.000' / '40,5' the Indonesian way, '4000000' / '40.5' the other."""
    if comma:
        whole, _, cents = f"{value:,.2f}".partition(".")
        return whole.replace(",", ".") + ("" if cents == "00" else "," + cents.rstrip("0"))
    return f"{value:g}" if value < 1e6 else f"{value:.0f}"


def _form(titles=True, merged=False, extra_column=False, decimals=None, rows=_ROWS) -> bytes:
    body = []
    for no, (name, indicator, *figures) in enumerate(rows, start=1):
        renstra = figures[:4] if decimals is None else [_text(v, decimals == "comma") for v in figures[:4]]
        target_k, target_rp = figures[4], figures[5]
        quarter_k = target_k / 4 if isinstance(target_k, int | float) else None
        body.append([no, "Meningkatnya Kinerja" if no == 1 else None, name, indicator, "Dok", *renstra, target_k,
                     target_rp, *[quarter_k, target_rp / 4] * 4])  # fmt: skip
    head = [list(r) for r in _HEAD]
    if extra_column:  # a column of the office's own between Satuan and the Renstra target
        for r in (*head, *body):
            r.insert(5, "Keterangan" if r is head[0] else None)
    first = len(_TITLES) + 1 if titles else 1
    merges = [f"A{first}:A{first + 3}", f"F{first}:G{first + 2}", f"L{first}:S{first}"] if merged else []
    return xlsx({"Evaluasi": [*(_TITLES if titles else []), *head, *body]}, {"Evaluasi": merges})


def _import(store: Store, content: bytes):
    draft = read_plan_file(content, "evaluasi-renja.xlsx", 2025)
    draft.default_polarity = Polarity.POSITIVE
    return draft, save_plan(store, draft)


def _kept(store: Store) -> dict[str, tuple]:
    """renja_renstra of 2025 by row key, the indicator's code and the programme's code given by name."""
    names = dict(store.rows("SELECT code, name FROM indicator")) | dict(store.rows("SELECT code, name FROM programme"))
    kept = {}
    for key, *values in store.rows("SELECT row_key, target_k, target_rp, realised_k, realised_rp FROM renja_renstra"):
        kind, code = key.split(":", 1)
        kept[f"{kind}:{names[code]}"] = tuple(values)
    return kept


_EXPECTED = {  # row key (by name) → target K, target Rp, realised K, realised Rp
    f"indikator:{_ROWS[0][1]}": (100, None, 60, None),
    f"program:{_ROWS[0][0]}": (None, 50_000_000, None, 18_000_000),
    **{f"indikator:{r[1]}": (r[2], r[3], r[4], r[5]) for r in _ROWS[1:]},
}
VARIATIONS = {
    "plain": {},
    "no titles": {"titles": False},
    "merged header": {"merged": True},
    "extra column": {"extra_column": True},
    "comma decimals as text": {"decimals": "comma"},
    "dot decimals as text": {"decimals": "dot"},
}


@pytest.mark.parametrize("variation", list(VARIATIONS))
def test_the_same_columns_5_and_6_are_kept_whatever_the_variation(store, variation):
    draft, summary = _import(store, _form(**VARIATIONS[variation]))
    assert draft.errors == []
    assert _kept(store) == _EXPECTED
    assert "Kolom 5 dan 6 (Renstra) tahun 2025 dari 4 baris formulir: 4 baru, 0 diubah, 0 tetap." in summary.lines()
    asked = renstra_frame(renja_figures(store, 2025, 4)).set_index("Kunci")
    code = store.scalar("SELECT code FROM indicator WHERE name = ?", [_ROWS[2][1]])
    assert asked.loc[f"indikator:{code}", "Target Renstra K (5)"] == 40.5, "the page shows what was kept"


def test_imported_again_unchanged_and_a_changed_value_said_with_both(store):
    _import(store, _form())
    kept = store.rows("SELECT * FROM renja_renstra ORDER BY row_key")
    _, again = _import(store, _form())
    assert "Kolom 5 dan 6 (Renstra) tahun 2025 dari 4 baris formulir: 0 baru, 0 diubah, 4 tetap." in again.lines()
    assert store.rows("SELECT * FROM renja_renstra ORDER BY row_key") == kept
    rows = [list(r) for r in _ROWS]
    rows[1][2], rows[0][3] = 25, 55_000_000
    _, changed = _import(store, _form(rows=rows))
    code = store.scalar("SELECT code FROM indicator WHERE name = ?", [_ROWS[1][1]])
    programme = store.scalar("SELECT code FROM programme")
    lines = changed.lines()
    assert "Kolom 5 dan 6 (Renstra) tahun 2025 dari 4 baris formulir: 0 baru, 2 diubah, 2 tetap." in lines
    assert f"Target Renstra K {code}: 20 → 25" in lines
    assert f"Target Renstra Rp {programme}: 50.000.000 → 55.000.000" in lines
    assert _kept(store)[f"indikator:{_ROWS[1][1]}"] == (25, 9_000_000, 8, 3_600_000)


def test_a_blank_cell_keeps_what_was_kept_and_text_is_told_not_kept(store):
    _import(store, _form())
    rows = [list(r) for r in _ROWS]
    rows[1][2], rows[1][4], rows[2][2] = None, "-", "empat puluh"
    draft, _ = _import(store, _form(rows=rows))
    assert _kept(store) == _EXPECTED, "blank and '-' leave what was kept; text is not a number"
    told = [p for p in draft.problems if "Kolom Renstra" in p.message]
    assert [(p.row, p.column, p.severity) for p in told] == [(11, "F (Target Renstra K)", "warning")]
    assert "tidak disimpan" in told[0].message


def test_a_rejected_plan_keeps_none_of_its_columns_5_and_6(store):
    rows = [list(r) for r in _ROWS]
    rows[3][6] = "banyak"  # a target that is not a number: the plan is refused whole
    draft = read_plan_file(_form(rows=rows), "evaluasi-renja.xlsx", 2025)
    draft.default_polarity = Polarity.POSITIVE
    with pytest.raises(InputRejected):
        save_plan(store, draft)
    assert store.scalar("SELECT count(*) FROM renja_renstra") == 0


def test_columns_5_and_6_are_kept_in_the_plans_transaction(store, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("gagal di tengah penyimpanan")

    monkeypatch.setattr(saving, "outcome_counts", fail)  # fails after columns 5 and 6 are written
    draft = read_plan_file(_form(), "evaluasi-renja.xlsx", 2025)
    draft.default_polarity = Polarity.POSITIVE
    with pytest.raises(RuntimeError):
        save_plan(store, draft)
    assert store.scalar("SELECT count(*) FROM renja_renstra") == 0
    assert store.scalar("SELECT count(*) FROM indicator") == 0


# --- the form Kinerja writes ---------------------------------------------------------------------

_GIVEN = {"indikator:IK07": (200.0, None, 120.0, None), "program:P01": (None, 90e9, None, 50e9)}


def _keep_some(store: Store) -> None:
    asked = renstra_frame(renja_figures(store, 2026, 2))
    asked = asked[asked["Kunci"].isin(list(_GIVEN))].copy()
    labels = ["Target Renstra K (5)", "Target Renstra Rp (5)", "Realisasi Renstra s.d. tahun lalu K (6)",
              "Realisasi Renstra s.d. tahun lalu Rp (6)"]  # fmt: skip
    for index, label in enumerate(labels):
        asked[label] = [_GIVEN[key][index] for key in asked["Kunci"]]
    save_renstra(store, 2026, asked.to_dict(orient="records"))


def test_the_written_form_imported_changes_nothing_and_a_change_shows_in_the_dry_run(demo_db_path, tmp_path, capsys):
    store = Store(demo_db_path)
    _keep_some(store)
    kept = store.rows("SELECT * FROM renja_renstra ORDER BY row_key")
    content = renja_xlsx(store, 2026, 2)
    store.close()
    form, db = tmp_path / "evaluasi-renja.xlsx", str(demo_db_path)
    form.write_bytes(content)
    said_unchanged = "Kolom 5 dan 6 (Renstra) tahun 2026 dari 2 baris formulir: 0 baru, 0 diubah, 2 tetap."
    assert main(["import-plan", str(form), "--dry-run", "--db", db]) == 0
    assert said_unchanged in capsys.readouterr().out
    assert main(["import-plan", str(form), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Tidak ada perubahan: 23 indikator dan 5 program" in out and said_unchanged in out

    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    row = next(r for r in range(11, sheet.max_row + 1) if "IK07" in [c.value for c in sheet[r]])
    target_k = next(c.column for c in sheet[9] if c.value == "K")  # column 5's K, the first K
    assert sheet.cell(row, target_k).value == 200
    sheet.cell(row, target_k).value = 210
    book.save(form)
    assert main(["import-plan", str(form), "--dry-run", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "0 baru, 1 diubah, 1 tetap." in out and "Target Renstra K IK07: 200 → 210" in out
    store = Store(demo_db_path)
    assert store.rows("SELECT * FROM renja_renstra ORDER BY row_key") == kept, "a dry run writes nothing"
    store.close()
    assert main(["import-plan", str(form), "--db", db]) == 0, (
        "TW I is final: the plan is not changed, the report's 5 is"
    )
    out = capsys.readouterr().out
    assert "Rencana tidak berubah: 23 indikator dan 5 program" in out and "Target Renstra K IK07: 200 → 210" in out
    store = Store(demo_db_path)
    assert store.scalar("SELECT target_k FROM renja_renstra WHERE row_key = 'indikator:IK07'") == 210
    store.close()
