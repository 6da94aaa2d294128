"""The database file: migrations, the one write path, the data version."""

import duckdb
import pytest

from kinerja.storage.store import Store, migrations, resolve_db_path


def test_migrations_are_numbered_and_all_applied(store):
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) == list(range(1, len(versions) + 1))
    assert store.schema_version() == versions[-1]


def test_a_database_made_by_an_older_version_opens_and_migrates(tmp_path):
    path = tmp_path / "lama.duckdb"
    old = Store(path, up_to=1)
    assert old.schema_version() == 1
    with old.write() as w:
        w.execute("INSERT INTO unit (id, code, name) VALUES (1, 'SEK', 'Sekretariat')")
    old.close()
    new = Store(path)
    assert new.schema_version() == len(migrations())
    assert new.rows("SELECT code, name FROM unit") == [("SEK", "Sekretariat")]
    assert new.scalar("SELECT count(*) FROM category_band") == 5
    new.close()
    assert Store(path).migrate() == [], "opening again applies nothing twice"


def test_a_failed_write_leaves_nothing_and_keeps_the_version(store):
    version = store.data_version()
    with pytest.raises(duckdb.ConstraintException), store.write() as w:  # NOT NULL holds on a DuckLake too
        w.execute("INSERT INTO unit (id, code, name) VALUES (1, 'A', 'Satu')")
        w.execute("INSERT INTO unit (id, code, name) VALUES (2, 'B', NULL)")
    assert store.scalar("SELECT count(*) FROM unit") == 0
    assert store.data_version() == version


def test_each_write_bumps_the_data_version(store):
    version = store.data_version()
    with store.write() as w:
        w.execute("INSERT INTO unit (id, code, name) VALUES (?, 'A', 'Satu')", [w.next_id("unit")])
    assert store.data_version() == version + 1


def test_db_path_comes_from_the_option_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KINERJA_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db_path("x.duckdb").name == "x.duckdb"
    assert resolve_db_path(None) == tmp_path / "env.duckdb"
    monkeypatch.delenv("KINERJA_DB")
    assert resolve_db_path(None).parts[-2:] == ("data", "kinerja.duckdb")


def test_settings_are_saved_all_or_none(store):
    from kinerja.domain.problems import InputRejected
    from kinerja.storage.settings import load_settings, office_settings, save_settings
    from kinerja.workflow.year_settings import change_settings

    with pytest.raises(InputRejected):
        change_settings(store, {"office_name": "Dinas X", "score_cap": "90"}, 2026)
    assert office_settings(store).office_name == "Perangkat Daerah"
    change_settings(store, {"office_name": "Dinas X", "score_cap": "150", "negative_formula": "T/R"}, 2026)
    settings = load_settings(store, 2026)
    assert (settings.office_name, settings.score_cap, settings.negative_formula.value) == ("Dinas X", 150.0, "T/R")
    with pytest.raises(InputRejected, match="pengaturan tidak dikenal"):
        change_settings(store, {"warna": "biru"}, 2026)
    with pytest.raises(ValueError, match="berlaku per tahun"):
        save_settings(store, {"score_cap": "130"})


def test_a_remembered_read_lasts_until_the_next_write(store):
    reads = []

    def units() -> list[str]:
        reads.append(1)
        return [code for (code,) in store.rows("SELECT code FROM unit ORDER BY code")]

    assert store.memo("units", units) == store.memo("units", units) == []
    assert len(reads) == 1, "read once while nothing changed"
    with store.write() as w:
        w.execute("INSERT INTO unit (id, code, name) VALUES (1, 'SEK', 'Sekretariat')")
    assert store.memo("units", units) == ["SEK"]
    with store.write(bump=False) as w:  # bookkeeping leaves the data version, not the memo
        w.execute("UPDATE unit SET code = 'SET' WHERE id = 1")
    assert store.memo("units", units) == ["SET"]
    assert len(reads) == 3


def test_an_upgraded_database_keeps_its_cash_plans_as_the_plans(tmp_path):
    """Before 023 a cash plan came with a unit's submission; it moves to the plan, each quarter's latest."""
    old = Store(tmp_path / "v22.duckdb", up_to=22)
    with old.write() as w:
        w.execute("INSERT INTO programme (id, code, name) VALUES (1, 'P01', 'Program Satu')")
        w.execute("INSERT INTO budget_realization VALUES (1, 1, 2025, 1, 100, 90), (2, 1, 2025, 1, 120, 95)")
        w.execute("INSERT INTO budget_realization VALUES (3, 1, 2025, 2, NULL, 50)")
    old.close()
    upgraded = Store(tmp_path / "v22.duckdb")
    assert upgraded.rows("SELECT programme_id, year, quarter, amount FROM programme_cash_plan") == [(1, 2025, 1, 120)]
    upgraded.close()
