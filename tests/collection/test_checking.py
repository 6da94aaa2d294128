"""Files in the image of real offices' (issue 14): every figure is stored right, or the uploader is
told where and why; every data row is accounted for."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.collection.checking import check_data
from kinerja.collection.datafile import Period, SkippedRow
from kinerja.collection.reading import read_data_file
from kinerja.collection.saving import save_data
from kinerja.collection.upload import read_upload, review_upload
from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.problems import InputRejected, Problem, shown
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from kinerja.reporting.dashboard import explain
from kinerja.reporting.narrative import indicator_paragraph
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from tests.workbooks import LKPJ_PLAN_ROWS, lkpj_plan, lkpj_table, xlsx

ANNEX = ["71.62", "11.713", "10,274,076", "83.5", "Belum Rilis"]


@pytest.fixture
def lkpj_store(store):
    save_plan(store, read_plan_file(lkpj_plan(), "iku-2025.xlsx"))
    return store


def _checked(store, content, name="lkpj-2025.xlsx"):
    return check_data(store, read_data_file(content, name, Period(2025, 4, "DINKES")))


def _figures(data):
    return {row.code or row.name: row.value for row in data.rows}


def test_an_annual_table_reads_each_figure_by_its_columns_decimal_mark(lkpj_store):
    data = _checked(lkpj_store, lkpj_table(ANNEX))
    assert _figures(data) == {
        "Angka Harapan Hidup": 71.62,
        "Jumlah penduduk miskin": 11.713,  # the column writes 71.62 and 83.5: its dot is a decimal mark
        "PDRB per kapita": 10274076.0,
        "Indeks Kepuasan Masyarakat": 83.5,
    }
    far = [p for p in data.warnings if p.row == 8]
    assert len(far) == 1 and "Jauh di atas target tahunan (10.274)" in far[0].message
    assert far[0].column == "E (Realisasi)"
    assert data.errors == []


def test_not_yet_released_is_not_reported_and_accounted_for(lkpj_store):
    data = _checked(lkpj_store, lkpj_table(ANNEX))
    assert [(s.place.row, s.reason, s.value) for s in data.skipped] == [(10, "belum dilaporkan", "Belum Rilis")]
    assert data.accounting() == "5 baris data: 4 berisi angka, 1 belum dilaporkan"
    save_data(lkpj_store, data, confirm_warnings=True)
    figures = recap(lkpj_store, 2025, 4).set_index("indicator_code")
    assert pd_isna(figures.loc["IKU05", "realization_to_date"]), "not reported is missing, never 0"
    # negative polarity (2T − R) / T: (2 × 11,58 − 11,713) / 11,58
    assert figures.loc["IKU02", "achievement_pct"] == pytest.approx((2 * 11.58 - 11.713) / 11.58 * 100)
    assert figures.loc["IKU01", "achievement_pct"] == pytest.approx(71.62 / 71.5 * 100)


def pd_isna(value) -> bool:
    return value is None or value != value


def test_where_the_column_does_not_say_the_targets_decide_and_the_uploader_is_told(lkpj_store):
    data = _checked(lkpj_store, lkpj_table(["71,62", "11.713", "10.274", "83,5", "-"]))
    # the column says nothing: 11.713 and 10.274 can each be read two ways, 71,62 uses a comma
    # (so here the comma is the decimal mark and the dots are thousands): the column decides
    assert _figures(data)["Jumlah penduduk miskin"] == 11713.0
    assert any("Jauh di atas target tahunan (11,58)" in p.message for p in data.warnings)

    undecided = _checked(lkpj_store, lkpj_table(["", "11.713", "10.274", "", ""]))
    figures = _figures(undecided)
    assert figures["Jumlah penduduk miskin"] == 11.713, "near its target 11,58: read with a decimal dot"
    assert figures["PDRB per kapita"] == 10274.0, "near its target 10.274: read with a thousands dot"
    told = [p for p in undecided.warnings if p.row == 7]
    assert len(told) == 1 and told[0].message.startswith(
        "'11.713' dapat berarti 11.713 atau 11,713; dibaca 11,713 karena dekat dengan target"
    )
    assert not [p for p in undecided.problems if p.row == 8], "the Indonesian reading fits its target: nothing to ask"


def test_a_level_far_from_last_years_figure_is_a_warning(lkpj_store):
    """(And a file whose title names its year is read in that year, whatever was chosen.)"""
    save_data(lkpj_store, _checked(lkpj_store, lkpj_table(ANNEX), "lkpj-2025.xlsx"), confirm_warnings=True)
    save_plan(lkpj_store, read_plan_file(lkpj_plan(), "iku-2026.xlsx", 2026))
    data = check_data(
        lkpj_store, read_data_file(lkpj_table(["0,7162", "", "", "", ""], 2026), "x.xlsx", Period(2026, 4, "DINKES"))
    )
    assert any("Jauh berbeda dari angka TW IV 2025 (71,62)" in p.message for p in data.warnings)


ROW_KINDS = ("figure", "blank", "not_reported", "heading", "dash")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(ROW_KINDS), min_size=1, max_size=12))
def test_every_data_row_is_stored_or_skipped_with_a_reason(lkpj_store, kinds):
    """Whatever mix of rows a unit's sheet holds, the summary accounts for each of them once."""
    names = ["Angka Harapan Hidup", "Jumlah penduduk miskin", "PDRB per kapita", "Indeks Kepuasan Masyarakat"]
    rows = [["REALISASI TAHUN 2025"], ["Indikator Kinerja", "Realisasi", "Keterangan"]]
    for n, kind in enumerate(kinds):
        name = names[n % len(names)] if kind != "heading" else f"SASARAN {n}"
        value = {"figure": str(70 + n), "blank": None, "not_reported": "Belum Rilis", "heading": None, "dash": "-"}[
            kind
        ]
        rows.append([name, value, None])
    data = read_data_file(xlsx({"Data": rows}), "unit.xlsx", Period(2025, 4, "DINKES"))
    accounted = {(r.place.row) for r in data.rows} | {s.place.row for s in data.skipped}
    assert sorted(accounted) == list(range(3, 3 + len(kinds)))
    assert len({r.place.row for r in data.rows}) + len(data.skipped) == len(kinds)
    assert all(isinstance(s, SkippedRow) and s.reason for s in data.skipped)


def nomenclature(last_heading: str, rows: int = 7765) -> bytes:
    """The national nomenclature of sub-kegiatan (Kepmendagri 050-5889) as offices download it: a
    title, codes, names, indicators and satuan on 7,765 rows, and no target anywhere."""
    table = [
        ["LAMPIRAN KEPUTUSAN MENTERI DALAM NEGERI NOMOR 050-5889 TAHUN 2021"],
        [],
        ["KODE", "NOMENKLATUR URUSAN/PROGRAM/KEGIATAN/SUB KEGIATAN", "KINERJA", "INDIKATOR", "SATUAN", last_heading],
    ]
    for i in range(rows):
        code = f"1.02.02.2.{i // 100:02d}.{i % 100:04d}"
        table.append([code, f"Sub Kegiatan {i}", "Tersedianya layanan", f"Jumlah dokumen {i}", "Dokumen", "DAK"])
    return xlsx({"Nomenklatur": table})


def test_a_file_that_is_not_a_plan_gets_one_sentence():
    draft = read_plan_file(nomenclature("ALOKASI TAG"), "nomenklatur.xlsx", 2026)
    assert [p.message.split(".")[0] for p in draft.errors] == ["Kolom wajib tidak ditemukan: Target"]
    assert draft.programmes == [], "a tag column is not a budget"


def test_a_column_that_holds_no_target_stops_the_reading_early_and_says_why():
    draft = read_plan_file(nomenclature("TARGET"), "nomenklatur.xlsx", 2026)
    first, *rest = shown(draft.problems)
    assert first.message.startswith(
        "Berkas ini tampaknya bukan rencana kinerja (PK/Rencana Aksi): 200 baris pertama tidak ada yang sah; "
        "kolom F (Target) tidak berisi yang diharapkan (mis. 'DAK')"
    )
    assert len(draft.errors) <= 201, "reading stopped: not one error per row of the 7,765"
    assert len(rest) == 1 and "— di 200 baris: baris 4–203" in rest[0].message


def test_problems_are_listed_fifty_at_most_with_a_count_of_the_rest():
    many = [Problem(f"Masalah {n}", "a.xlsx", "S", n, f"{chr(65 + n % 20)} (X)") for n in range(120)]
    listed = shown(many)
    assert len(listed) == 51
    assert listed[-1].message.startswith("… dan 70 masalah lain (70 galat) tidak ditampilkan")


def test_the_same_problem_on_many_rows_lists_those_rows_and_no_other_rows_values():
    rows = [16, 17, 20, 22, 23, 24, 25]
    many = [
        Problem(
            f"K dan % formulir tidak sejalan (TW I: K {n} sedangkan % {n * 2}%)",
            "f.xlsx",
            "S",
            n,
            "P (K)",
            n,
            "warning",
        )
        for n in rows
    ]
    (said,) = shown(many)
    assert said.message == "K dan % formulir tidak sejalan — di 7 baris: baris 16, 17, 20, 22–25"
    assert said.value is None and said.row is None and said.column == "P (K)"


def test_a_problem_grouped_over_rows_keeps_what_follows_each_rows_own_values():
    """The Rencana Aksi check over 399 rows once said only "Rencana Aksi — di 399 baris"."""
    many = [
        Problem(
            f"Rencana Aksi (jumlah TW I–IV = {n}; target PK 12, indikator Kumulatif) berbeda dari target PK; "
            "samakan, atau tulis alasannya di kolom 'Alasan Selisih RA'",
            "ra.xlsx",
            "RA",
            n,
            "J (TW IV)",
            n,
        )
        for n in range(5, 12)
    ]
    (said,) = shown(many)
    assert said.message == (
        "Rencana Aksi berbeda dari target PK; samakan, atau tulis alasannya di kolom 'Alasan Selisih RA' "
        "— di 7 baris: baris 5–11"
    )


def test_a_column_of_comma_decimals_names_the_cells_written_otherwise_and_reads_none_of_them(lkpj_store):
    data = _checked(lkpj_store, lkpj_table(["71,62", "11,58", "10,274,076", "83,5", "13.9"]))
    assert _figures(data) == {
        "Angka Harapan Hidup": 71.62,
        "Jumlah penduduk miskin": 11.58,
        "Indeks Kepuasan Masyarakat": 83.5,
        "PDRB per kapita": None,  # kept unread, for the uploader to retype on the page
        "Prevalensi stunting": None,
    }
    said = {p.row: p for p in data.errors}
    assert sorted(said) == [8, 10] and {p.column for p in data.errors} == {"E (Realisasi)"}
    assert said[8].message.startswith(
        "Angka ini ditulis berbeda dari angka lain di kolomnya (koma sebagai tanda desimal, mis. '71,62')"
    )
    assert "Bila maksudnya 10.274.076, tulis '10.274.076'" in said[8].message
    assert "Bila maksudnya 13,9, tulis '13,9'" in said[10].message
    assert said[8].subject == 'IKU03 "PDRB per kapita"', "the indicator is named with every problem of its row"
    assert 'Galat: lkpj-2025.xlsx, sheet Tabel 3.2, baris 8, kolom E (Realisasi), isi "10,274,076": IKU03' in str(
        said[8]
    )


def test_a_figure_far_below_its_target_is_a_warning_naming_the_indicator(lkpj_store):
    data = _checked(lkpj_store, lkpj_table(["0,7162", "11,58", "10.274", "83,5", "1,2"]))
    below = {p.row: p for p in data.warnings if p.message.startswith("Jauh di bawah target")}
    assert sorted(below) == [6], "stunting (less is better) far below its target is good news, not a slip"
    assert below[6].message == "Jauh di bawah target tahunan (71,5); pastikan satuan dan pemisah desimalnya benar"
    assert below[6].subject == 'IKU01 "Angka Harapan Hidup"'


def test_a_million_rows_are_refused_before_they_are_read():
    content = ("Indikator;Realisasi\n" + "Jumlah dokumen;5\n" * 1_000_000).encode()
    data = read_data_file(content, "sejuta.csv", Period(2025, 4, "DINKES"))
    assert data.rows == []
    assert [p.message for p in data.errors] == [
        "Berkas tidak dapat dibaca: sheet sejuta berisi 1.000.001 baris, melebihi batas 200.000 baris per sheet; "
        "pisahkan berkasnya (per unit atau per tahun)"
    ]


def test_a_text_cell_over_the_csv_limit_is_named_in_indonesian():
    content = ('Indikator;Realisasi\nJumlah dokumen;5\nA;"' + "x" * 200_000 + '"\n').encode()
    data = read_data_file(content, "panjang.csv", Period(2025, 4, "DINKES"))
    assert len(data.errors) == 1
    assert data.errors[0].message.startswith("Berkas tidak dapat dibaca: baris 3 tidak dapat dibaca sebagai CSV")


def test_an_open_data_json_is_read_like_a_csv(lkpj_store):
    """A CKAN datastore answer, as a Satu Data portal serves an indicator table."""
    records = [
        {
            "_id": 1,
            "tahun": 2025,
            "kode_indikator": "IKU01",
            "nama_indikator": "Angka Harapan Hidup",
            "realisasi": "71.62",
        },
        {
            "_id": 2,
            "tahun": 2025,
            "kode_indikator": "IKU02",
            "nama_indikator": "Jumlah penduduk miskin",
            "realisasi": "11.713",
        },
        {
            "_id": 3,
            "tahun": 2025,
            "kode_indikator": "IKU05",
            "nama_indikator": "Prevalensi stunting",
            "realisasi": None,
        },
    ]
    content = json.dumps({"help": "datastore_search", "success": True, "result": {"records": records}}).encode()
    data = check_data(lkpj_store, read_data_file(content, "iku-2025.json", Period(None, 4, "DINKES")))
    assert data.errors == []
    assert _figures(data) == {"IKU01": 71.62, "IKU02": 11.713}
    assert data.accounting() == "3 baris data: 2 berisi angka, 1 belum dilaporkan"  # a JSON null: nothing written


@pytest.mark.parametrize(
    "content, message",
    [
        (b'[{"a": 1}, ', "bukan JSON yang sah (baris 1, kolom"),
        (b'{"pesan": "ok"}', "JSON tidak berisi daftar rekaman"),
    ],
)
def test_a_json_that_holds_no_records_says_so(content, message):
    data = read_data_file(content, "portal.json", Period(2025, 4, "DINKES"))
    assert len(data.errors) == 1 and message in data.errors[0].message


def rkpd_extract(duplicate_row: bool = False) -> bytes:
    """An RKPD extract as a Bappeda sends it: 966 rows, one per sub-output, 21 sasaran written once
    and merged down, programmes in their own column, and the same indicator name under every
    sasaran with its own target."""
    rows = [
        ["RENCANA KERJA PEMERINTAH DAERAH TAHUN 2027"],
        [],
        ["No", "Sasaran Strategis", "Program", "Indikator Kinerja", "Satuan", "Target", "Penanggung Jawab"],
    ]
    for s in range(21):
        for k in range(46):
            name = "Penyediaan Bahan Logistik Kantor" if k == 0 else f"Persentase layanan {s}-{k} tepat waktu"
            target = str([15000, 1, 7628, 9462][s % 4] + s) if k == 0 else "100"
            rows.append(
                [
                    len(rows) - 2,
                    f"Sasaran {s}" if k == 0 else None,
                    f"Program {k % 5}",
                    name,
                    "paket",
                    target,
                    "SEKRETARIAT",
                ]
            )
    if duplicate_row:  # the same indicator again under the last sasaran, another programme
        rows.append(
            [len(rows) - 2, None, "Program 9", "Persentase layanan 20-45 tepat waktu", "paket", "90", "SEKRETARIAT"]
        )
    return xlsx({"RKPD": rows})


def test_the_same_name_under_every_sasaran_is_as_many_indicators_each_with_its_target(store):
    draft = read_plan_file(rkpd_extract(), "rkpd-2027.xlsx")
    draft.default_polarity, draft.default_aggregation = Polarity.POSITIVE, Aggregation.LAST  # the extract says neither
    summary = save_plan(store, draft)
    assert (summary.indicators_created, len(summary.outcomes)) == (966, 966)
    logistics = recap(store, 2027, 4).query("indicator_name == 'Penyediaan Bahan Logistik Kantor'")
    assert sorted(logistics["annual_target"]) == sorted(float([15000, 1, 7628, 9462][s % 4] + s) for s in range(21))
    again = save_plan(store, read_plan_file(rkpd_extract(), "rkpd-2027.xlsx"))
    assert not again.saved and len(again.outcomes) == 966, "every row found its own indicator again"


def test_repeats_that_cannot_be_told_apart_are_refused_naming_every_row(store):
    draft = read_plan_file(rkpd_extract(duplicate_row=True), "rkpd-2027.xlsx")
    named = [p for p in draft.errors if p.message.startswith("Indikator ganda")]
    assert [p.row for p in named] == [969, 970]
    assert "sama di baris 969, 970" in named[0].message
    with pytest.raises(InputRejected):
        save_plan(store, draft)


def test_a_qualitative_target_is_refused_with_the_way_to_write_it():
    rows = [row[:] for row in LKPJ_PLAN_ROWS]
    rows.append(
        [6, "Meningkatnya akuntabilitas", "IKU06", "Opini BPK atas LKPD", "opini", "WTP", "Positif", "DINKES", "", "Ya"]
    )
    draft = read_plan_file(xlsx({"IKU 2025": rows}), "iku-2025.xlsx")
    (error,) = draft.errors
    assert (error.row, error.column, error.value) == (8, "F (Target)", "WTP")
    assert "target berupa teks 'WTP'" in error.message and "target 1 dan realisasi 1 (tercapai) atau 0" in error.message


def test_an_annual_only_indicator_has_a_capaian_every_quarter_named_as_such(lkpj_store):
    table = [
        ["REALISASI TRIWULAN II TAHUN 2025"],
        ["Kode", "Indikator", "Realisasi"],
        ["IKU01", "Angka Harapan Hidup", "71,2"],
    ]
    save_data(
        lkpj_store,
        check_data(lkpj_store, read_data_file(xlsx({"TW II": table}), "tw2.xlsx", Period(2025, 2, "DINKES"))),
    )
    row = recap(lkpj_store, 2025, 2).set_index("indicator_code").loc["IKU01"]
    assert (row.target_to_date, row.realization_to_date) == (71.5, 71.2)
    assert row.achievement_pct == pytest.approx(71.2 / 71.5 * 100)
    assert row.note.startswith("Tanpa Rencana Aksi: capaian s.d. triwulan ini dihitung terhadap target tahunan")
    how = explain(row, 2, load_settings(lkpj_store, 2025))
    assert "T (target s.d. TW II) = target tahunan (PK), karena indikator ini tanpa target Rencana Aksi" in how[2]
    paragraph = indicator_paragraph(row.to_dict() | {"indicator_code": "IKU01"}, 2, 2025)
    assert "dari target tahunan 71,5 tahun (indikator ini tidak memiliki target Rencana Aksi triwulanan)" in paragraph


def test_the_correction_table_shows_the_figure_that_will_be_stored(lkpj_store):
    content = lkpj_table(["", "11.713", "10.274", "", ""])
    review = review_upload(lkpj_store, read_upload(lkpj_store, content, "x.xlsx", Period(2025, 4, "DINKES")))
    frame = review.corrections.set_index("Indikator")
    assert frame.loc["Jumlah penduduk miskin", "Realisasi"] == "11,713"
    assert frame.loc["PDRB per kapita", "Realisasi"] == "10274"
    kept = review.data
    assert _figures(kept)["Jumlah penduduk miskin"] == 11.713
    assert [p.row for p in kept.warnings] == [7], "still asked to confirm the reading"
    assert [(s.place.row, s.reason) for s in kept.skipped] == [
        (6, "belum dilaporkan"),
        (9, "belum dilaporkan"),
        (10, "belum dilaporkan"),
    ], "indicator rows without a figure are not headings"
