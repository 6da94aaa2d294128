"""The unit and sasaran lists every page's filters read (kinerja.planning.stored), kept per data
version: the kept lists are a fresh read's, a caller's copy is its own, and a write is in the next."""

from kinerja.planning.stored import sasaran_codes, unit_codes, unit_names


def _fresh(store):
    return (
        [code for (code,) in store.rows("SELECT code FROM unit ORDER BY code")],
        dict(store.rows("SELECT code, name FROM unit ORDER BY code")),
        dict(store.rows("SELECT name, code FROM goal WHERE level = 'sasaran' ORDER BY code")),
    )


def test_unit_and_sasaran_lists_kept_per_data_version_follow_a_write(demo_store):
    kept = unit_codes(demo_store), unit_names(demo_store), sasaran_codes(demo_store)
    assert kept == _fresh(demo_store)
    kept[0].append("ZZ9")  # changed by whoever got it: the kept list stays as read
    kept[1]["ZZ9"] = "Ubahan"
    kept[2]["Ubahan"] = "S999"
    assert (unit_codes(demo_store), unit_names(demo_store), sasaran_codes(demo_store)) == _fresh(demo_store)
    with demo_store.write() as w:
        w.execute("INSERT INTO unit (id, code, name) VALUES (999, 'ZZ9', 'Unit Baru')")
        w.execute("INSERT INTO goal (id, code, level, name) VALUES (9999, 'S999', 'sasaran', 'Sasaran Baru')")
    after = unit_codes(demo_store), unit_names(demo_store), sasaran_codes(demo_store)
    assert after == _fresh(demo_store)
    assert "ZZ9" in after[0] and after[1]["ZZ9"] == "Unit Baru" and after[2]["Sasaran Baru"] == "S999"
