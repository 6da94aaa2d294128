"""Annual progress (README, "Progres tahunan"): for every polarity and aggregation, what the figure is
and what a leader reads, through the same to-date rules the recap uses."""

import math

import numpy as np
import pytest

from kinerja.domain.achievement import (
    Aggregation,
    NegativeFormula,
    Polarity,
    QuarterFigure,
    Target,
    to_date,
)
from kinerja.domain.progress import BAD, GOOD, Reading, annual_progress_array, progress_words
from kinerja.domain.recap import annual_progress_text, display_recap, pace_summary
from kinerja.storage.figures import recap

POS, NEG, RNG = Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.RANGE
SUM, LAST, AVG, RATIO = Aggregation.SUM, Aggregation.LAST, Aggregation.AVG, Aggregation.RATIO
R = Reading
NAN = math.nan


# (name, polarity, aggregation, quarter, figures TW I…, Rencana Aksi targets TW I–IV, annual target
#  (low, high), measure unit, expected percent, expected reading, words the reading must contain)
CASES = [
    # --- counts where more is better: share of the annual target reached, beside the year gone
    ("pos-sum-behind", POS, SUM, 2, [9, 9], [10] * 4, (40, None), "desa", 45.0, R.BEHIND,
     "Target tahunan tercapai 45,0% (18 dari 40 desa) saat 50% tahun berlalu — di bawah laju"),
    ("pos-sum-on-pace", POS, SUM, 2, [10, 10], [10] * 4, (40, None), "desa", 50.0, R.ON_PACE,
     "Target tahunan tercapai 50,0% (20 dari 40 desa) saat 50% tahun berlalu — sesuai laju"),
    ("pos-sum-ahead", POS, SUM, 1, [15], [10] * 4, (40, None), "desa", 37.5, R.AHEAD,
     "Target tahunan tercapai 37,5% (15 dari 40 desa) saat 25% tahun berlalu — di atas laju"),
    ("pos-sum-reached", POS, SUM, 3, [20, 15, 10], [10] * 4, (40, None), "desa", 112.5, R.REACHED,
     "Target tahunan sudah tercapai: 112,5% (45 dari 40 desa) saat 75% tahun berlalu"),
    ("pos-sum-year-end-missed", POS, SUM, 4, [9, 9, 9, 9], [10] * 4, (40, None), "desa", 90.0, R.NOT_MET,
     "Target tahunan tercapai 90,0% (36 dari 40 desa) pada akhir tahun — target tahunan tidak tercapai"),
    ("pos-sum-zero-target", POS, SUM, 2, [1, 0], [0] * 4, (0, None), "dokumen", NAN, R.UNDEFINED,
     "Target tahunan 0 dokumen: tidak ada bagian target yang dapat dihitung"),
    ("pos-sum-missing-quarter", POS, SUM, 2, [None, 10], [10] * 4, (40, None), "desa", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Belum dilaporkan: TW I"),
    ("pos-sum-pct", POS, SUM, 2, [20, 25], [25] * 4, (100, None), "%", 45.0, R.BEHIND,
     "Target tahunan tercapai 45,0% (45% dari 100%) saat 50% tahun berlalu — di bawah laju"),
    # --- counts where less is better: share of the year's ceiling (kuota) used
    ("neg-sum-issue-27", NEG, SUM, 2, [2, 2], [2] * 4, (8, None), "orang", 50.0, R.ON_PACE,
     "Kuota tahunan terpakai 50,0% (4 dari 8 orang) saat 50% tahun berlalu — sesuai laju"),
    ("neg-sum-over-pace", NEG, SUM, 2, [20, 14.41], [10] * 4, (40, None), "per 100.000", 86.025, R.OVER_PACE,
     "Kuota tahunan terpakai 86,0% (34,41 dari 40 per 100.000) saat 50% tahun berlalu — di atas laju: "
     "kuota tahunan bisa terlampaui"),
    ("neg-sum-under-pace", NEG, SUM, 2, [1, 1], [2] * 4, (8, None), "orang", 25.0, R.UNDER_PACE,
     "Kuota tahunan terpakai 25,0% (2 dari 8 orang) saat 50% tahun berlalu — di bawah laju"),
    ("neg-sum-exceeded", NEG, SUM, 2, [5, 4], [2] * 4, (8, None), "orang", 112.5, R.EXCEEDED,
     "Kuota tahunan sudah terlampaui: terpakai 112,5% (9 dari 8 orang) saat 50% tahun berlalu"),
    ("neg-sum-year-end-kept", NEG, SUM, 4, [2, 2, 2, 1], [2] * 4, (8, None), "orang", 87.5, R.MET,
     "Kuota tahunan terpakai 87,5% (7 dari 8 orang) pada akhir tahun — tidak terlampaui"),
    ("neg-sum-year-end-exceeded", NEG, SUM, 4, [3, 2, 2, 2], [2] * 4, (8, None), "orang", 112.5, R.EXCEEDED,
     "Kuota tahunan sudah terlampaui: terpakai 112,5% (9 dari 8 orang) pada akhir tahun"),
    ("neg-sum-zero-ceiling-kept", NEG, SUM, 2, [0, 0], [0] * 4, (0, None), "kasus", NAN, R.ON_PACE,
     "Kuota tahunan 0 kasus: belum ada s.d. TW II — tidak terlampaui"),
    ("neg-sum-zero-ceiling-year-end", NEG, SUM, 4, [0, 0, 0, 0], [0] * 4, (0, None), "kasus", NAN, R.MET,
     "Kuota tahunan 0 kasus: belum ada sepanjang tahun — tidak terlampaui"),
    ("neg-sum-zero-ceiling-broken", NEG, SUM, 2, [0, 1], [0] * 4, (0, None), "kasus", NAN, R.EXCEEDED,
     "Kuota tahunan 0 kasus sudah terlampaui: 1 kasus s.d. TW II"),
    # a zero quarterly target of a negative count means "none expected", not "nothing to report"
    ("neg-sum-missing-quarter", NEG, SUM, 2, [0, None], [0] * 4, (0, None), "kasus", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Belum dilaporkan: TW II"),
    # --- counts whose annual target is a range
    ("range-sum-behind", RNG, SUM, 2, [20, 15], [20] * 4, (80, 90), "kegiatan", 43.75, R.BEHIND,
     "Realisasi 35 kegiatan: 43,8% dari batas bawah rentang target tahunan 80–90 kegiatan saat 50% tahun "
     "berlalu — di bawah laju"),
    ("range-sum-inside", RNG, SUM, 3, [30, 30, 25], [20] * 4, (80, 90), "kegiatan", 106.25, R.REACHED,
     "Realisasi 85 kegiatan sudah di dalam rentang target tahunan 80–90 kegiatan saat 75% tahun berlalu"),
    ("range-sum-above", RNG, SUM, 3, [40, 30, 25], [20] * 4, (80, 90), "kegiatan", 118.75, R.EXCEEDED,
     "Realisasi 95 kegiatan melampaui batas atas rentang target tahunan 80–90 kegiatan saat 75% tahun berlalu"),
    # --- levels: the value to date against the annual target by the achievement formula
    ("pos-last-met", POS, LAST, 2, [70, 86.07], [80, 81, 82, 82], (82, None), "indeks", 86.07 / 82 * 100, R.MET,
     "Nilai TW II (86,07 indeks) terhadap target tahunan 82 indeks: capaian 105,0% — memenuhi target tahunan"),
    ("pos-last-latest-not-highest", POS, LAST, 2, [50, 43.15], [20, 45, 70, 95], (95, None), "%",
     43.15 / 95 * 100, R.NOT_MET,
     "Nilai TW II (43,15%) terhadap target tahunan 95%: capaian 45,4% — belum memenuhi target tahunan"),
    ("pos-last-year-end-short", POS, LAST, 4, [90, 91, 92, 93.96], [94] * 4, (94, None), "%", 93.96 / 94 * 100,
     R.NOT_MET, "capaian 99,96% — tidak memenuhi target tahunan"),
    ("pos-last-zero-target", POS, LAST, 2, [1, 2], [0] * 4, (0, None), "nilai", NAN, R.UNDEFINED,
     "Nilai TW II (2 nilai) terhadap target tahunan 0 nilai: capaian terhadap target 0 tidak terdefinisi"),
    ("neg-last", NEG, LAST, 2, [10.24, 10.23], [9.9, 9.8, 9.6, 9.5], (9.5, None), "per 1.000 KH",
     (2 * 9.5 - 10.23) / 9.5 * 100, R.NOT_MET,
     "Nilai TW II (10,23 per 1.000 KH) terhadap target tahunan 9,5 per 1.000 KH: capaian 92,3% — belum memenuhi"),
    ("neg-last-zero-target-kept", NEG, LAST, 2, [1, 0], [0] * 4, (0, None), "pengaduan", 100.0, R.MET,
     "Nilai TW II (0 pengaduan) terhadap target tahunan 0 pengaduan: capaian 100,0% — memenuhi target tahunan"),
    ("neg-last-zero-target-broken", NEG, LAST, 4, [0, 0, 0, 1], [0] * 4, (0, None), "pengaduan", 0.0, R.NOT_MET,
     "capaian 0,0% — tidak memenuhi target tahunan"),
    ("range-last-inside", RNG, LAST, 2, [90, 83.3], [60] * 4, (60, 85), "%", 100.0, R.MET,
     "Nilai TW II (83,3%) terhadap target tahunan 60–85%: capaian 100,0% — memenuhi target tahunan"),
    ("range-last-above", RNG, LAST, 2, [80, 89.75], [60] * 4, (60, 85), "%", (2 * 85 - 89.75) / 85 * 100,
     R.NOT_MET, "capaian 94,4% — belum memenuhi target tahunan"),
    ("last-missing-quarter", POS, LAST, 2, [80, None], [80] * 4, (85, None), "%", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Belum dilaporkan: TW II"),
    ("pos-avg", POS, AVG, 2, [80, 83.31], [85] * 4, (85, None), "%", 81.655 / 85 * 100, R.NOT_MET,
     "Rata-rata TW I s.d. TW II (81,66%) terhadap target tahunan 85%: capaian 96,1% — belum memenuhi"),
    ("neg-avg", NEG, AVG, 1, [58], [60] * 4, (60, None), "menit", (120 - 58) / 60 * 100, R.MET,
     "Rata-rata TW I (58 menit) terhadap target tahunan 60 menit: capaian 103,3% — memenuhi target tahunan"),
    ("avg-missing-quarter", NEG, AVG, 2, [None, 66], [60] * 4, (60, None), "menit", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Belum dilaporkan: TW I"),
    ("pos-ratio", POS, RATIO, 2, [(90, 100), (95, 100)], [95] * 4, (95, None), "%", 92.5 / 95 * 100, R.NOT_MET,
     "Rasio s.d. TW II (92,5%) terhadap target tahunan 95%: capaian 97,4% — belum memenuhi target tahunan"),
    ("neg-ratio", NEG, RATIO, 2, [(5, 100), (3, 100)], [5] * 4, (5, None), "%", (10 - 4) / 5 * 100, R.MET,
     "Rasio s.d. TW II (4%) terhadap target tahunan 5%: capaian 120,0% — memenuhi target tahunan"),
    ("ratio-zero-denominator", POS, RATIO, 2, [(0, 0), (0, 0)], [95] * 4, (95, None), "%", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Penyebut nol: rasio tidak terdefinisi"),
    ("ratio-missing-quarter", POS, RATIO, 2, [None, (95, 100)], [95] * 4, (95, None), "%", NAN, R.UNDEFINED,
     "Progres tahunan belum dapat dihitung: Belum dilaporkan: TW I"),
]  # fmt: skip


def _figure(value) -> QuarterFigure | None:
    if value is None:
        return None
    return QuarterFigure(numerator=value[0], denominator=value[1]) if isinstance(value, tuple) else QuarterFigure(value)


def _progress(polarity, aggregation, quarter, figures, targets, annual, formula=NegativeFormula.DIFFERENCE, base=None):
    """Realisation to date by the recap's rules, then annual progress: (percent, reading, note)."""
    found = to_date(aggregation, [_figure(f) for f in figures], [Target(t) for t in targets], quarter, polarity)
    low, high = annual
    percent, reading = annual_progress_array(
        np.array([NAN if found.realization is None else found.realization]),
        np.array([float(low)]),
        np.array([NAN if high is None else float(high)]),
        np.array([polarity], dtype=object),
        np.array([aggregation], dtype=object),
        quarter,
        formula,
        None if base is None else np.array([float(base)]),
    )
    return percent[0], reading[0], found


@pytest.mark.parametrize(
    ("polarity", "aggregation", "quarter", "figures", "targets", "annual", "unit", "percent", "reading", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_annual_progress(polarity, aggregation, quarter, figures, targets, annual, unit, percent, reading, words):
    """Each polarity × aggregation: the figure, what it means, and the words a leader reads."""
    got, read, found = _progress(polarity, aggregation, quarter, figures, targets, annual)
    if math.isnan(percent):
        assert math.isnan(got), "undefined is left empty, never a 0"
    else:
        assert got == pytest.approx(percent)
    assert read == reading
    said = progress_words(
        read, None if math.isnan(got) else got, found.realization, *annual, polarity, aggregation, quarter, unit,
        found.note,
    )  # fmt: skip
    assert words in said


def test_the_table_covers_every_polarity_and_aggregation():
    """Every polarity with every aggregation, a zero target and a missing quarter are in the table."""
    pairs = {(case[1], case[2]) for case in CASES}
    assert {(POS, a) for a in Aggregation} <= pairs
    assert {(NEG, a) for a in Aggregation} <= pairs
    assert {(RNG, SUM), (RNG, LAST)} <= pairs
    assert any(case[6][0] == 0 for case in CASES if case[2] is SUM and case[1] is NEG)
    assert any("Belum dilaporkan" in case[-1] for case in CASES if case[2] is SUM)
    assert {case[9] for case in CASES} == set(Reading)
    assert GOOD | BAD | {Reading.UNDEFINED} == set(Reading) and not GOOD & BAD


def test_less_is_better_count_over_the_year_is_never_good_news():
    """A negative count using its ceiling faster than the year goes reads bad, whatever its capaian reads."""
    percent, reading, _ = _progress(NEG, SUM, 2, [5, 1], [2] * 4, (8, None))
    assert percent == pytest.approx(75.0) and reading is Reading.OVER_PACE and reading in BAD


def test_levels_follow_the_deployments_negative_formula():
    """A negative level is held against the annual target by the formula the deployment chose."""
    difference, _, _ = _progress(NEG, LAST, 2, [10, 10.23], [9.5] * 4, (9.5, None))
    inverse, _, _ = _progress(NEG, LAST, 2, [10, 10.23], [9.5] * 4, (9.5, None), NegativeFormula.INVERSE)
    assert difference == pytest.approx((19 - 10.23) / 9.5 * 100)
    assert inverse == pytest.approx(9.5 / 10.23 * 100)


def test_a_baseline_moves_a_level_but_not_a_count():
    """With a baseline a level measures the planned movement; a count's share stays of the year's amount."""
    level, reading, _ = _progress(POS, LAST, 2, [50, 53.4], [57] * 4, (60, None), base=45)
    assert level == pytest.approx((53.4 - 45) / (60 - 45) * 100) and reading is Reading.NOT_MET
    count, _, _ = _progress(POS, SUM, 2, [10, 10], [10] * 4, (40, None), base=5)
    assert count == pytest.approx(50.0)


# --- on the demo, as the recap, the command line and the pages read it ------------------------------------


@pytest.fixture
def tw2(demo_store):
    return recap(demo_store, 2026, 2)


def test_maternal_deaths_read_as_the_ceiling_used_not_150(tw2):
    """Issue 27: 'Jumlah kematian ibu' (negative, SUM, target 8) at TW II: half the ceiling at half the year."""
    row = tw2.set_index("indicator_code").loc["IK01"]
    assert (row.polarity, row.aggregation, row.annual_target, row.realization_to_date) == ("negatif", "SUM", 8, 4)
    assert row.annual_progress_pct == pytest.approx(50.0)
    assert row.annual_progress_reading == Reading.ON_PACE


def test_dengue_running_ahead_of_the_year_reads_as_a_warning(tw2):
    """'Angka kesakitan DBD' read 113,975%: it has used 86% of its annual ceiling at 50% of the year."""
    row = tw2.set_index("indicator_code").loc["IK10"]
    assert row.annual_progress_pct == pytest.approx(row.realization_to_date / 40 * 100)
    assert row.annual_progress_reading == Reading.OVER_PACE
    said = dict(zip(tw2["indicator_code"], annual_progress_text(tw2), strict=True))["IK10"]
    assert said.startswith("Kuota tahunan terpakai 86,0%") and "saat 50% tahun berlalu — di atas laju" in said


def test_the_recap_tables_and_the_summary_say_it_in_words(tw2):
    """The recap as people read it carries the words; the summary names the counts off the year's pace."""
    shown = display_recap(tw2).set_index("Kode")
    assert shown.loc["IK01", "Keterangan Progres Tahunan"].startswith("Kuota tahunan terpakai 50,0% (4 dari 8 orang)")
    assert shown.loc["IK01", "Progres Tahunan"] == "50,0%"
    summary = pace_summary(tw2)
    assert "kuota tahunan terpakai di atas laju (IK10)" in summary
    assert "di bawah laju target tahunan (IK07)" in summary
