"""Settings belong to years: each value is in force from a year up to its next change, a change from
one year leaves every earlier year's figures and reports as they were, a final year changes only
through the plan's audited unlock, and an upgraded database keeps what it had."""

import io
import json
import subprocess
import sys

import pytest
from docx import Document
from openpyxl import load_workbook

from kinerja.domain.achievement import NegativeFormula
from kinerja.domain.problems import InputRejected
from kinerja.storage.figures import recap
from kinerja.storage.settings import (
    format_scale,
    load_scale,
    load_settings,
    parse_scale,
    setting_history,
    settings_in_force,
)
from kinerja.storage.store import Store
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.year_settings import change_settings, locked_years_from
from tests.conftest import db_spec, snapshot


def test_a_value_is_in_force_from_its_year_up_to_the_next_change(store):
    change_settings(store, {"negative_formula": "T/R"}, 2024)
    change_settings(store, {"negative_formula": "2T-R", "score_cap": "150"}, 2026)
    formula = {y: load_settings(store, y).negative_formula for y in range(2022, 2028)}
    assert formula == {
        2022: NegativeFormula.DIFFERENCE,  # before the first change: the default
        2023: NegativeFormula.DIFFERENCE,
        2024: NegativeFormula.INVERSE,
        2025: NegativeFormula.INVERSE,
        2026: NegativeFormula.DIFFERENCE,
        2027: NegativeFormula.DIFFERENCE,
    }
    assert [load_settings(store, y).score_cap for y in (2025, 2026, 2030)] == [120, 150, 150]
    assert load_settings(store, 2025).from_year("negative_formula") == 2024
    assert load_settings(store, 2023).from_year("negative_formula") is None


def test_a_change_between_two_others_covers_only_the_years_up_to_the_next(store):
    change_settings(store, {"score_cap": "150"}, 2026)
    change = change_settings(store, {"score_cap": "110"}, 2024)
    assert change.until == {"score_cap": 2025}
    assert "tahun 2024–2025" in change.lines()[0]
    assert [load_settings(store, y).score_cap for y in (2023, 2024, 2025, 2026)] == [120, 110, 110, 150]
    assert list(setting_history(store).itertuples(index=False, name=None)) == [
        ("score_cap", 2024, "110"),
        ("score_cap", 2026, "150"),
    ]


def test_an_unchanged_value_is_no_change_and_writes_nothing(store):
    change = change_settings(store, {"score_cap": "120,0", "negative_formula": "2T-R"}, 2026)
    assert not change.changed and change.lines() == ["Tidak ada yang berubah: nilai itu sudah berlaku."]
    assert store.scalar("SELECT count(*) FROM setting_from_year") == 0
    assert store.scalar("SELECT count(*) FROM audit_log") == 0


def test_a_change_of_a_final_year_is_refused_and_stores_nothing(demo_store):
    before = snapshot(demo_store)
    with pytest.raises(InputRejected) as refused:
        change_settings(demo_store, {"negative_formula": "T/R"}, 2025)
    messages = [p.message for p in refused.value.problems]
    assert messages[0].startswith("Pengaturan tahun 2025 tidak dapat diubah: laporan tahunan (LKjIP) 2025 sudah final")
    assert "Pengaturan tahun 2026 tidak dapat diubah: laporan TW I 2026 sudah final" in messages[1]
    assert snapshot(demo_store) == before
    assert [y for y, _ in locked_years_from(demo_store, 2024)] == [2024, 2025, 2026]
    assert locked_years_from(demo_store, 2027) == []


def test_the_plans_unlock_lets_a_final_year_change_once_and_the_audit_says_it_all(demo_store):
    unlock_plan(demo_store, 2026, "Keputusan Kepala Dinas: rumus T/R mulai 2026")
    change = change_settings(demo_store, {"negative_formula": "T/R"}, 2026)
    assert change.unlocks_used == (2026,)
    assert demo_store.scalar("SELECT count(*) FROM plan_unlock WHERE year = 2026 AND used_at IS NULL") == 0
    action, entity, before, after = demo_store.rows(
        "SELECT action, entity, before, after FROM audit_log ORDER BY id DESC LIMIT 1"
    )[0]
    assert (action, entity) == ("pengaturan.ubah", "pengaturan mulai tahun 2026")
    assert json.loads(before) == {"negative_formula": "2T-R"}
    assert json.loads(after) == {
        "negative_formula": "T/R",
        "berlaku_mulai": 2026,
        "sampai_tahun": {"negative_formula": None},
        "kunci_dipakai": [2026],
    }
    with pytest.raises(InputRejected, match="Pengaturan tahun 2026 tidak dapat diubah"):
        change_settings(demo_store, {"negative_formula": "2T-R"}, 2026)  # the unlock was for one change


def test_a_year_after_every_final_report_changes_without_an_unlock(demo_store):
    change_settings(demo_store, {"negative_formula": "T/R"}, 2027)
    assert load_settings(demo_store, 2026).negative_formula is NegativeFormula.DIFFERENCE
    assert load_settings(demo_store, 2027).negative_formula is NegativeFormula.INVERSE


def test_the_office_name_holds_for_every_year(store):
    change_settings(store, {"office_name": "Dinas Kesehatan"}, 2026)
    assert {load_settings(store, y).office_name for y in (2020, 2026, 2030)} == {"Dinas Kesehatan"}
    assert store.scalar("SELECT count(*) FROM setting_from_year") == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"negative_formula": "R/T"}, "rumus polaritas negatif harus 2T-R"),
        ({"score_cap": "90"}, "batas skor harus paling sedikit 100"),
        ({"score_cap": "nan"}, "batas skor harus berupa angka"),
        ({"risk_threshold": "0"}, "batas berisiko harus di atas 0"),
        ({"category_scale": "91 Baik"}, "paling sedikit dua kategori"),
        ({"category_scale": "76 Baik; 91 Sangat Baik; Kurang"}, "harus menurun"),
        ({"category_scale": "91 Baik; 76 Cukup"}, "kategori terakhir ditulis tanpa batas bawah"),
        ({"category_scale": "91 <b>Baik</b>; Kurang"}, "tidak terbaca"),
        ({"warna": "biru"}, "pengaturan tidak dikenal: 'warna'"),
    ],
)
def test_a_bad_value_is_refused_in_indonesian_and_stores_nothing(store, values, message):
    with pytest.raises(InputRejected, match=message):
        change_settings(store, values, 2026)
    assert store.scalar("SELECT count(*) FROM setting_from_year") == 0


def test_a_year_outside_reason_is_refused(store):
    with pytest.raises(InputRejected, match="tahun mulai berlaku 20260"):
        change_settings(store, {"score_cap": "130"}, 20260)


def test_a_scale_is_written_from_the_best_band_down(store):
    scale = parse_scale("90,5 Sangat Baik; 75 Baik; 60 Cukup; Kurang")
    assert [(b.lower, b.label) for b in scale] == [
        (90.5, "Sangat Baik"),
        (75, "Baik"),
        (60, "Cukup"),
        (float("-inf"), "Kurang"),
    ]
    assert scale[-1].color == "#D55E00", "the lowest band keeps the usual colour"
    assert parse_scale(format_scale(scale)) == scale
    assert parse_scale(format_scale(load_scale(store))) == load_scale(store)


def test_a_years_scale_decides_that_years_categories_only(demo_store):
    change_settings(demo_store, {"category_scale": "95 Istimewa; 50 Cukup; Kurang"}, 2027)
    assert set(recap(demo_store, 2025, 4)["category"].dropna()) <= {b.label for b in load_scale(demo_store)}
    settings = load_settings(demo_store, 2027)
    assert [b.label for b in settings.scale] == ["Istimewa", "Cukup", "Kurang"]
    assert settings.risk_threshold == 50, "the at-risk threshold follows the year's scale"
    assert "kategori Istimewa ≥ 95, Cukup ≥ 50, Kurang < 50" in settings.statement()


def test_settings_in_force_for_a_year(demo_store):
    change_settings(demo_store, {"score_cap": "130"}, 2027)
    rows = {r.key: (r.value, r.from_year) for r in settings_in_force(demo_store, 2027).itertuples()}
    assert rows["score_cap"] == ("130", 2027)
    assert rows["negative_formula"][0] == "2T-R" and rows["negative_formula"][1] is pd_na()
    assert rows["risk_threshold"][0] == "76", "the threshold in force, not an empty value"
    assert rows["office_name"][0] == "Dinas Kesehatan Kabupaten Sukamaju"
    assert settings_in_force(demo_store, 2026).set_index("key").loc["score_cap", "value"] == "120"


def pd_na():
    import pandas as pd

    return pd.NA


def test_an_upgraded_database_keeps_its_settings_from_the_earliest_year_it_holds(tmp_path):
    old = Store(db_spec(tmp_path / "v16.duckdb"), up_to=16)  # a database made before settings had years
    with old.write() as w:
        w.execute("INSERT INTO target VALUES (1, 2023, 'pk', 0, 5, NULL)")
        w.execute("INSERT INTO setting VALUES ('negative_formula', 'T/R'), ('score_cap', '150'), ('office_name', 'X')")
    old.close()
    upgraded = Store(db_spec(tmp_path / "v16.duckdb"))
    assert upgraded.rows("SELECT key, from_year, value FROM setting_from_year ORDER BY key") == [
        ("negative_formula", 2023, "T/R"),
        ("score_cap", 2023, "150"),
    ]
    assert upgraded.rows("SELECT key FROM setting") == [("office_name",)]
    assert load_settings(upgraded, 2026).negative_formula is NegativeFormula.INVERSE
    upgraded.close()


# --- the done-when of issue 27: on the demo, a change from 2026 leaves 2024–2025 as they were ---------------


def _recap_csvs(db) -> dict[tuple[int, int], str]:
    """`python -m kinerja recap` of every quarter of 2024 and 2025, as the command line writes it."""
    out = {}
    for year in (2024, 2025):
        for quarter in (1, 2, 3, 4):
            args = ["recap", "--year", str(year), "--quarter", str(quarter), "--db", str(db)]
            done = subprocess.run([sys.executable, "-m", "kinerja", *args], capture_output=True, timeout=120)
            assert done.returncode == 0, done.stderr
            out[year, quarter] = done.stdout
    return out


def _docx_content(content: bytes) -> list[object]:
    """A Word file's text and tables, in order (its bytes carry the time it was written)."""
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs] + [
        [[c.text for c in r.cells] for r in t.rows] for t in document.tables
    ]


def _xlsx_content(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def _reports(store: Store, charts: list) -> dict[str, object]:
    import datetime as dt

    from kinerja.reporting.lkjip import annual_docx, annual_xlsx
    from kinerja.reporting.quarterly import quarterly_docx, quarterly_xlsx

    day, out = dt.date(2026, 12, 7), {}
    for year in (2024, 2025):
        for quarter in (1, 2, 3, 4):
            out[f"tw{quarter}-{year}.docx"] = _docx_content(quarterly_docx(store, year, quarter, today=day))
            out[f"tw{quarter}-{year}.xlsx"] = _xlsx_content(quarterly_xlsx(store, year, quarter))
        out[f"lkjip-{year}.docx"] = _docx_content(annual_docx(store, year, today=day))
        out[f"lkjip-{year}.xlsx"] = _xlsx_content(annual_xlsx(store, year))
    out["grafik"] = list(charts)
    charts.clear()
    return out


@pytest.fixture
def charts_as_json(monkeypatch) -> list:
    """The reports' charts kept as their figures' JSON (no browser): compared like the rest."""
    import kinerja.reporting.lkjip as lkjip
    import kinerja.reporting.quarterly as quarterly

    drawn: list = []

    def as_json(figures, _cache):
        drawn.extend(figure.to_json() for figure in figures.values())
        return {}

    monkeypatch.setattr(quarterly, "chart_images", as_json)
    monkeypatch.setattr(lkjip, "chart_images", as_json)
    return drawn


def test_a_formula_changed_from_2026_leaves_2024_and_2025_as_reported(demo_db_path, charts_as_json):
    csv_before = _recap_csvs(demo_db_path)
    store = Store(demo_db_path)
    reports_before = _reports(store, charts_as_json)
    before_2026 = recap(store, 2026, 1).set_index("indicator_code")
    unlock_plan(store, 2026, "Rumus T/R mulai 2026")
    change_settings(store, {"negative_formula": "T/R"}, 2026)
    reports_after = _reports(store, charts_as_json)
    after_2026 = recap(store, 2026, 1).set_index("indicator_code")
    statement = load_settings(store, 2026).statement()
    store.close()  # a DuckLake is attached once per process: the command line opens it next
    assert _recap_csvs(demo_db_path) == csv_before
    assert reports_after.keys() == reports_before.keys()
    for name, content in reports_before.items():
        assert reports_after[name] == content, name
    negative = before_2026["polarity"] == "negatif"
    changed = before_2026["achievement_pct"].fillna(-1).ne(after_2026["achievement_pct"].fillna(-1))
    assert changed[negative].sum() >= 2, "2026's negative indicators are computed with T / R"
    assert not changed[before_2026["polarity"] == "positif"].any(), "positive indicators keep their figures"
    assert "polaritas negatif C = T / R × 100" in statement
    assert any("Pengaturan perhitungan tahun 2025: polaritas negatif C = (2T − R) / T × 100" in str(x)
               for x in reports_after["lkjip-2025.docx"])  # fmt: skip
