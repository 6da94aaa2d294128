"""Monthly sheets (issue 24, item 11): a Rencana Aksi kept by month ("LAPORAN RENAKSI": Januari …
Desember, each with Target | Realisasi) read into quarters by each indicator's aggregation."""

import subprocess
import sys

import pytest

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import MonthFigure, Period
from kinerja.collection.monthly import RATIO_COUNTS, RATIO_PERCENT, fold_quarter
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.collection.upload import corrected, import_files, read_upload, review_upload
from kinerja.domain.achievement import Aggregation
from kinerja.storage.figures import recap
from tests.conftest import snapshot
from tests.workbooks import MONTHLY_CONTENT, csv_bytes, monthly_rows, monthly_workbook, xlsx

SUM, LAST, AVG, RATIO = Aggregation.SUM, Aggregation.LAST, Aggregation.AVG, Aggregation.RATIO
ABBREVIATED = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

# stored per (indicator, quarter): SUM adds, LAST takes Agustus (September blank), AVG the mean,
# RATIO without counts the last month's percentage; quarters with no month filled are not there
STORED = {
    ("IK07", 3): 9.0,
    ("IK07", 4): 5.0,
    ("IK05", 3): 14.7,
    ("IK08", 3): pytest.approx((84.5 + 86 + 85.5) / 3),
    ("IK04", 3): 90.1,
}


def checked(store, content, name="renaksi.xlsx", given=Period(2026)):
    return check_data(store, read_data_file(content, name, given))


def figures(data) -> dict:
    return {(r.code, r.quarter): r.value if r.numerator is None else (r.numerator, r.denominator) for r in data.rows}


def stored(store, year=2026) -> dict:
    return {
        (code, quarter): value if numerator is None else (numerator, denominator)
        for code, quarter, value, numerator, denominator in store.rows(
            "SELECT i.code, r.quarter, r.value, r.numerator, r.denominator FROM realization_current r "
            "JOIN indicator i ON i.id = r.indicator_id WHERE r.year = ? AND r.quarter >= 3",
            [year],
        )
    }


# --- the shape ---------------------------------------------------------------------------------


def test_the_office_template_is_found_with_its_two_row_header_under_merged_months():
    """The empty template as the office application exports it: a title, months merged over
    Target | Realisasi, nothing filled: the table is found and the file said to be empty."""
    rows, merges = monthly_rows(content=[])
    data = read_data_file(xlsx({"Sheet1": rows[:7]}, {"Sheet1": merges}), "renaksi-kosong.xlsx", Period(2026))
    assert [p.message for p in data.errors] == ["Belum ada angka realisasi yang diisi"]
    filled = read_data_file(monthly_workbook(), "renaksi.xlsx", Period(2026))
    columns = filled.rows[0].place.columns
    assert {key: columns[key] for key in ("code", "name", "unit")} == {
        "code": "B (Kode Indikator)",
        "name": "C (Indikator Kinerja)",
        "unit": "D (Unit)",
    }
    assert [columns[f"m{m}_target"][:2] + columns[f"m{m}"] for m in (1, 8, 12)] == [
        "F G (Realisasi Januari)",
        "T U (Realisasi Agustus)",
        "ABAC (Realisasi Desember)",
    ]
    assert len([key for key in columns if key.startswith("m")]) == 24
    assert {r.place.columns[r.value_key] for r in filled.rows if r.code == "IK07"} == {
        "W (Realisasi September)",
        "Y (Realisasi Oktober)",
    }


# --- folding months into a quarter --------------------------------------------------------------


def _months(quarter, *values, counts=()):
    first = 3 * (quarter - 1) + 1
    made = []
    for n, value in enumerate(values):
        numerator, denominator = counts[n] if counts else (None, None)
        made.append(MonthFigure(first + n, value, None, numerator, denominator))
    return made


FOLDS = [
    # aggregation, quarter, months (value or counts), value, (numerator, denominator), used, missing
    (SUM, 3, _months(3, 3, 4, 2), 9, (None, None), (7, 8, 9), ()),
    (SUM, 4, _months(4, 5, None, None), 5, (None, None), (10,), (11, 12)),
    (SUM, 1, _months(1, 1, None, 2.5), 3.5, (None, None), (1, 3), (2,)),
    (SUM, 1, _months(1, 0.1, 0.2, 0), 0.3, (None, None), (1, 2, 3), ()),
    (LAST, 1, _months(1, 14.9, 14.7, 14.6), 14.6, (None, None), (3,), ()),
    (LAST, 1, _months(1, 14.9, 14.7, None), 14.7, (None, None), (2,), (3,)),
    (LAST, 1, _months(1, 14.9, None, None), 14.9, (None, None), (1,), (2, 3)),
    (LAST, 1, _months(1, None, 14.7, 14.6), 14.6, (None, None), (3,), ()),
    (LAST, 2, _months(2, 20, 5), 5, (None, None), (5,), (6,)),  # the latest, not the largest
    (AVG, 3, _months(3, 84.5, 86, 85.5), (84.5 + 86 + 85.5) / 3, (None, None), (7, 8, 9), ()),
    (AVG, 3, _months(3, 84, None, 86), 85, (None, None), (7, 9), (8,)),
    (RATIO, 1, _months(1, None, None, None, counts=[(45, 50), (40, 50), (47, 50)]), None, (132, 150), (1, 2, 3), ()),
    (
        RATIO,
        1,
        _months(1, None, None, None, counts=[(45, 50), (None, None), (None, None)]),
        None,
        (45, 50),
        (1,),
        (2, 3),
    ),
    (RATIO, 1, _months(1, 88.2, 89, 90.1), 90.1, (None, None), (3,), ()),
    (RATIO, 1, _months(1, 88.2, 89, None), 89, (None, None), (2,), (3,)),
    (RATIO, 1, _months(1, None, None, None, counts=[(45, 50), (None, None), (27, 30)]), None, (72, 80), (1, 3), (2,)),
    (RATIO, 1, _months(1, 90, None, 95, counts=[(45, 50), (None, None), (None, None)]), 95, (None, None), (3,), ()),
    (SUM, 2, _months(2, None, None, None), None, (None, None), (), (4, 5, 6)),
]


@pytest.mark.parametrize(("aggregation", "quarter", "months", "value", "counts", "used", "missing"), FOLDS)
def test_each_aggregation_folds_the_quarters_months(aggregation, quarter, months, value, counts, used, missing):
    fold = fold_quarter(aggregation, quarter, months)
    assert fold.value == (None if value is None else pytest.approx(value))
    assert (fold.numerator, fold.denominator) == counts
    assert (fold.used, fold.missing) == (used, missing)


def test_a_ratio_says_whether_it_was_read_from_counts_or_from_a_percentage():
    counted = fold_quarter(RATIO, 1, _months(1, None, None, None, counts=[(45, 50), (40, 50), (47, 50)]))
    assert counted.how == RATIO_COUNTS
    assert fold_quarter(RATIO, 1, _months(1, 88.2, 89, 90.1)).how == RATIO_PERCENT
    lone = fold_quarter(RATIO, 1, _months(1, None, None, None, counts=[(45, 50), (40, None), (47, 50)]))
    assert (lone.numerator, lone.denominator, lone.lone_counts, lone.missing) == (92, 100, (2,), (2,))


def test_monthly_targets_fold_by_the_same_rule():
    months = [MonthFigure(7, 1, 3), MonthFigure(8, 1, 3), MonthFigure(9, None, 4)]
    assert fold_quarter(SUM, 3, months).target == 10
    assert fold_quarter(AVG, 3, months).target == pytest.approx(10 / 3)
    assert (fold_quarter(LAST, 3, months).target, fold_quarter(LAST, 3, months).target_months) == (4, (9,))


# --- read and checked against the plan ------------------------------------------------------------


def test_a_monthly_sheet_is_read_into_quarters_by_each_indicators_aggregation(demo_store):
    data = checked(demo_store, monthly_workbook())
    assert data.errors == []
    assert figures(data) == STORED
    assert data.accounting() == (
        "6 baris data: 4 berisi angka, 1 baris judul (sasaran/program) tanpa angka, 1 belum dilaporkan; "
        "dibaca dari kolom bulanan: TW III = Juli–September, TW IV = Oktober–Desember; "
        "dijumlahkan (kumulatif): 1 indikator; nilai bulan terakhir yang terisi (nilai akhir): 1 indikator; "
        "dirata-ratakan (rata-rata): 1 indikator; "
        "persentase bulan terakhir yang terisi (rasio tanpa pembilang/penyebut): 1 indikator"
    )


def test_a_quarter_with_some_months_blank_is_read_with_a_warning_naming_them(demo_store):
    data = checked(demo_store, monthly_workbook())
    partial = {(p.row, p.column): p.message for p in data.warnings if "belum dilaporkan" in p.message}
    assert partial == {
        (9, "AA (Realisasi November)"): "TW IV: November, Desember belum dilaporkan; dibaca dari Oktober",
        (10, "W (Realisasi September)"): "TW III: September belum dilaporkan; dibaca dari Agustus",
    }
    only_july = [("IK08", "Rata-rata partisipasi penimbangan balita (D/S)", "%", {7: (85, 84.5)})]
    july = checked(demo_store, monthly_workbook(content=only_july))
    assert figures(july) == {("IK08", 3): 84.5}
    assert "TW III: Agustus, September belum dilaporkan; dibaca dari Juli" in [p.message for p in july.warnings]


def test_a_ratio_without_monthly_counts_is_read_from_its_last_percentage_and_said_so(demo_store):
    data = checked(demo_store, monthly_workbook())
    assert not [p for p in data.problems if p.row == 12 and "rasio" in p.message], "said once, in the summary"
    assert "persentase bulan terakhir yang terisi (rasio tanpa pembilang/penyebut): 1 indikator" in data.accounting()
    save_data(demo_store, data, confirm_warnings=True)
    ik04 = recap(demo_store, 2026, 3).set_index("indicator_code").loc["IK04"]
    assert ik04.note.startswith("Rasio dilaporkan sebagai persentase"), "the recap measures it by the percentage"


def test_a_ratio_with_monthly_counts_is_summed_from_them(demo_store):
    counts = {"IK04": {7: (45, 50), 8: (40, 46), 9: (47, 52)}}
    data = checked(demo_store, monthly_workbook(counts=counts))
    assert data.errors == []
    assert figures(data)["IK04", 3] == (132, 148)
    assert not [p for p in data.problems if "rasio" in p.message]


def test_a_quarter_whose_months_are_all_blank_is_not_reported(demo_store):
    content = [("IK05", "Prevalensi stunting pada balita", "%", {7: (14.5, 14.9), 10: (14, "-"), 11: (14, None)})]
    data = checked(demo_store, monthly_workbook(content=content))
    assert figures(data) == {("IK05", 3): 14.9}, "TW IV has targets only: missing, never 0"
    import_files(demo_store, [("renaksi.xlsx", monthly_workbook(content=content))], Period(2026), confirm_warnings=True)
    assert ("IK05", 4) not in stored(demo_store)


def test_monthly_targets_that_differ_from_the_rencana_aksi_are_a_warning_naming_both(demo_store):
    content = [
        ("IK07", "Jumlah desa lokus stunting yang diintervensi", "desa", {7: (4, 3), 8: (4, 4), 9: (4, 2)}),
        ("IK05", "Prevalensi stunting pada balita", "%", {7: (14.5, 14.9), 8: (14.5, 14.7), 9: (14, 14.6)}),
    ]
    data = checked(demo_store, monthly_workbook(content=content))
    assert {(p.column, p.message) for p in data.warnings if p.message.startswith("Target")} == {
        (
            "V (Target September)",
            "Target TW III di berkas (Juli–September dijumlahkan: 12) berbeda dengan target Rencana Aksi TW III (10); "
            "target bulanan tidak disimpan, capaian memakai target Rencana Aksi",
        ),
        (
            "V (Target September)",
            "Target TW III di berkas (September: 14) berbeda dengan target Rencana Aksi TW III (14,5); "
            "target bulanan tidak disimpan, capaian memakai target Rencana Aksi",
        ),
    }
    matching = checked(demo_store, monthly_workbook())
    assert not [p for p in matching.problems if p.message.startswith("Target")]


def test_a_monthly_target_that_is_not_a_number_is_a_warning_not_a_refusal(demo_store):
    content = [("IK08", "Rata-rata partisipasi penimbangan balita (D/S)", "%", {7: ("80 - 90", 84.5)})]
    data = checked(demo_store, monthly_workbook(content=content))
    assert data.errors == [] and figures(data) == {("IK08", 3): 84.5}
    assert any(
        p.column == "R (Target Juli)" and p.message.endswith("tidak dibandingkan dengan Rencana Aksi")
        for p in data.warnings
    )


def test_an_unreadable_month_refuses_the_file_at_its_cell(demo_store):
    content = [("IK07", "Jumlah desa lokus stunting yang diintervensi", "desa", {7: (3, 3), 8: (3, "empat")})]
    before = snapshot(demo_store)
    ((data, saved),) = import_files(
        demo_store, [("renaksi.xlsx", monthly_workbook(content=content))], Period(2026), confirm_warnings=True
    )
    assert saved is None and snapshot(demo_store) == before
    assert [(p.row, p.column) for p in data.errors] == [(9, "U (Realisasi Agustus)")]
    assert data.errors[0].message.startswith("Realisasi Agustus harus berupa angka")


def test_the_pages_correction_table_shows_the_folded_quarters_and_a_retyped_one_is_kept(demo_store):
    """The page shows each quarter's figure as it will be stored; left as shown it is folded again
    from its months (with its warnings), retyped it is what was typed and its months' errors go."""
    content = [
        *MONTHLY_CONTENT[:2],
        ("IK08", MONTHLY_CONTENT[2][1], "%", {7: (85, 84.5), 8: (85, "delapan enam"), 9: (85, 85.5)}),
    ]
    review = review_upload(
        demo_store, read_upload(demo_store, monthly_workbook(content=content), "renaksi.xlsx", Period(2026, 3))
    )
    frame = review.corrections.copy()
    assert list(zip(frame["Kode"], frame["TW"], frame["Realisasi"], strict=True)) == [
        ("IK07", 3, "9"),
        ("IK07", 4, "5"),
        ("IK05", 3, "14,7"),
        ("IK08", 3, "85"),
    ]
    kept = corrected(demo_store, review, frame).data
    assert figures(kept) == {key: STORED[key] for key in figures(kept) if key != ("IK08", 3)} | {("IK08", 3): 85}
    assert [p.column for p in kept.errors] == ["U (Realisasi Agustus)"]
    assert "TW III: September belum dilaporkan; dibaca dari Agustus" in [p.message for p in kept.warnings]
    assert "dibaca dari kolom bulanan" in kept.accounting()
    frame.loc[frame["Kode"] == "IK08", "Realisasi"] = "85,3"
    retyped = corrected(demo_store, review, frame).data
    assert retyped.errors == [] and figures(retyped)["IK08", 3] == 85.3
    assert not [p for p in retyped.warnings if p.row == 11 and "belum dilaporkan" in p.message]


# --- variations of one content ------------------------------------------------------------------

VARIATIONS = {
    "the office template": lambda: monthly_workbook(),
    "month abbreviations": lambda: monthly_workbook(months=ABBREVIATED),
    "Ags for Agustus": lambda: monthly_workbook(months=(*ABBREVIATED[:7], "Ags", *ABBREVIATED[8:])),
    "Bulan 1 … 12": lambda: monthly_workbook(months=tuple(f"Bulan {n}" for n in range(1, 13))),
    "an extra column": lambda: monthly_workbook(extra_column=True),
    "no Unit Kerja column": lambda: monthly_workbook(unit_column=False),
    "no title rows": lambda: monthly_workbook(title=False),
    "months repeated, not merged": lambda: monthly_workbook(repeated=True, merged=False),
    "months not merged": lambda: monthly_workbook(merged=False),
}


@pytest.mark.parametrize("variation", VARIATIONS)
def test_variations_of_one_monthly_sheet_store_the_same_figures(demo_store, variation):
    ((data, saved),) = import_files(
        demo_store, [("renaksi.xlsx", VARIATIONS[variation]())], Period(2026), confirm_warnings=True
    )
    assert data.errors == [], data.errors
    assert [(v.unit_code, v.quarter, v.rows) for v in saved] == [("KESMAS", 3, 4), ("KESMAS", 4, 1)]
    assert stored(demo_store) == STORED


@pytest.mark.parametrize(("separator", "decimal"), [(";", ","), (",", ".")])
def test_a_csv_stores_the_same_figures(demo_store, separator, decimal):
    """Excel in an Indonesian locale writes ';' and decimal commas; an English one ',' and dots."""
    rows, _ = monthly_rows(text=decimal)
    content = csv_bytes(rows, separator)
    assert f"84{decimal}5{separator}".encode() in content
    ((data, _),) = import_files(demo_store, [("renaksi.csv", content)], Period(2026), confirm_warnings=True)
    assert data.errors == [], data.errors
    assert stored(demo_store) == STORED
    assert "dibaca dari kolom bulanan: TW III = Juli–September" in data.accounting()


def test_a_months_figures_are_read_by_its_columns_decimal_mark_or_else_by_all_the_months(demo_store):
    """A month's column holds a few figures: where they do not show the decimal mark, the months'
    columns together do; where nothing shows it, the Indonesian reading is taken and said."""
    people = ("IK07", "Jumlah desa lokus stunting yang diintervensi", "desa")
    content = [(*people, {7: (None, "1.250"), 8: (None, "1.100")}), (*MONTHLY_CONTENT[2][:3], {7: (None, "84,5")})]
    rows, _ = monthly_rows(content=content)
    data = checked(demo_store, csv_bytes(rows, ";"), "renaksi.csv")
    assert figures(data) == {("IK07", 3): 2350, ("IK08", 3): 84.5}, "84,5 shows a decimal comma: dots are thousands"
    assert not [p for p in data.warnings if "dapat berarti" in p.message]
    rows, _ = monthly_rows(content=content[:1])
    undecided = checked(demo_store, csv_bytes(rows, ";"), "renaksi.csv")
    assert figures(undecided) == {("IK07", 3): 2350}
    assert [(p.column, p.message) for p in undecided.warnings if "dapat berarti" in p.message] == [
        (
            "S (Realisasi Juli)",
            "'1.250' dapat berarti 1.250 atau 1,25; dibaca 1.250. Pastikan, atau tulis tanpa pemisah ribuan",
        ),
        (
            "U (Realisasi Agustus)",
            "'1.100' dapat berarti 1.100 atau 1,1; dibaca 1.100. Pastikan, atau tulis tanpa pemisah ribuan",
        ),
    ]


# --- end to end -----------------------------------------------------------------------------------


def test_import_stores_each_quarter_once_and_a_later_month_makes_a_new_version(demo_store):
    ((_, saved),) = import_files(
        demo_store, [("renaksi-agustus.xlsx", monthly_workbook())], Period(2026), confirm_warnings=True
    )
    assert [(v.unit_code, v.year, v.quarter, v.version) for v in saved] == [
        ("KESMAS", 2026, 3, 1),
        ("KESMAS", 2026, 4, 1),
    ]
    assert stored(demo_store) == STORED
    september = [dict(MONTHLY_CONTENT[1][3]) | {9: (14.5, 14.6)}]
    content = [(*MONTHLY_CONTENT[1][:3], september[0])]
    ((_, again),) = import_files(
        demo_store, [("renaksi-september.xlsx", monthly_workbook(content=content))], Period(2026), confirm_warnings=True
    )
    assert [(v.quarter, v.version, v.changed) for v in again] == [(3, 2, 1)]
    assert stored(demo_store)["IK05", 3] == 14.6


def test_the_command_line_import_says_the_file_was_read_from_months(demo_db_path, tmp_path):
    path = tmp_path / "renaksi.xlsx"
    path.write_bytes(monthly_workbook())
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "import", str(path), "--year", "2026", "--db", str(demo_db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "renaksi.xlsx: 5 baris terbaca → disimpan: KESMAS 2026 TW III versi 1" in done.stdout
    assert "rincian: 6 baris data: 4 berisi angka" in done.stdout
    assert "dibaca dari kolom bulanan: TW III = Juli–September, TW IV = Oktober–Desember" in done.stdout
    assert "TW III: September belum dilaporkan; dibaca dari Agustus" in done.stderr
