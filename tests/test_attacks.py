"""Issue 15's attacks, each performed: they succeeded on the code before the fix, and must not now."""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile

import duckdb
import pytest
import streamlit as st

from kinerja.access.accounts import (
    AccountError,
    NewAccount,
    SignInRefused,
    accounts,
    actor_of,
    add_account,
    has_accounts,
    set_active,
    sign_in,
)
from kinerja.access.roles import SYSTEM, Actor, Forbidden, Role, acting_as, set_actor
from kinerja.access.sharing import create_link
from kinerja.collection.datafile import Period
from kinerja.collection.template import all_unit_templates
from kinerja.collection.upload import import_files
from kinerja.storage.backup import backup
from kinerja.storage.store import Store
from tests.bad_inputs import workbook
from tests.cli import kinerja
from tests.pages import as_account
from ui import keys


def _attempts_at_once(store, name: str, count: int, now: dt.datetime) -> list[str]:
    """``count`` wrong-password sign-ins started at the same moment, as six browsers or ten threads
    would; each one's answer."""
    answers: list[str] = []
    start = threading.Barrier(count)

    def attempt() -> None:
        start.wait()
        try:
            sign_in(store, name, "bukan-sandinya", now)
        except SignInRefused as exc:
            answers.append(str(exc))

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_parallel_sign_ins_cannot_slip_under_the_limit(demo_store):
    now = dt.datetime(2026, 7, 1, 9, 0)
    answers = _attempts_at_once(demo_store, "kadis", 10, now)
    checked = [a for a in answers if a.startswith("Nama akun atau kata sandi salah")]
    assert len(checked) == 3, "three free attempts, then the lock: never ten passwords tried"
    assert len(answers) == 10 and all("Coba lagi dalam" in a for a in answers if a not in checked)
    kadis = accounts(demo_store).set_index("name").loc["kadis"]
    assert kadis.failed_count == 3


def test_a_name_that_does_not_exist_is_answered_exactly_like_one_that_does(demo_store):
    now = dt.datetime(2026, 7, 1, 9, 0)

    def answers(name: str) -> list[str]:
        said = []
        for attempt in range(5):
            try:
                sign_in(demo_store, name, "bukan-sandinya", now + dt.timedelta(seconds=attempt))
            except SignInRefused as exc:
                said.append(str(exc))
        return said

    assert answers("kadis") == answers("tidak.ada.orangnya")
    assert answers("tidak.ada.orangnya")[-1].startswith("Terlalu banyak percobaan")


def test_with_every_account_disabled_nobody_creates_an_admin_from_a_browser(demo_store):
    for name in accounts(demo_store)["name"]:
        if name != "admin.demo":
            set_active(demo_store, name, False)
    with demo_store.write() as w:  # the last admin disabled behind the app's back
        w.execute("UPDATE account SET active = false")
    assert has_accounts(demo_store), "accounts exist, disabled: this is not a first run"
    set_actor(None)  # a visitor nobody signed in
    with pytest.raises(Forbidden):
        add_account(demo_store, NewAccount("penyusup", Role.ADMIN, "sandi-penyusup-1"))
    set_actor(SYSTEM)  # the command line may, as the README says
    add_account(demo_store, NewAccount("perencana", Role.ADMIN, "sandi-perencana-1"))
    assert sign_in(demo_store, "perencana", "sandi-perencana-1").role is Role.ADMIN


def test_two_first_admins_at_once_make_one(store):
    set_actor(None)
    made, refused = [], []
    start = threading.Barrier(2)

    def first(name: str) -> None:
        start.wait()
        try:
            made.append(add_account(store, NewAccount(name, Role.ADMIN, "sandi-pertama-1")))
        except (Forbidden, AccountError) as exc:
            refused.append(exc)

    threads = [threading.Thread(target=first, args=(n,)) for n in ("admin.satu", "admin.dua")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(made), len(refused)) == (1, 1)


def test_a_damaged_database_is_called_damaged_and_restore_replaces_it(demo_store, tmp_path):
    backup(demo_store, tmp_path / "cadangan")
    damaged = tmp_path / "kinerja.duckdb"
    damaged.write_bytes(demo_store.path.read_bytes()[:100_000])  # cut short, as a full disk leaves it
    said = kinerja("recap", "--year", "2026", "--quarter", "1", db=damaged)
    assert said.returncode == 2
    assert "rusak" in said.stderr and "sedang dipakai" not in said.stderr
    restored = kinerja("restore", str(tmp_path / "cadangan"), db=damaged)
    assert restored.returncode == 0, restored.stderr
    assert kinerja("recap", "--year", "2026", "--quarter", "1", db=damaged).returncode == 0
    kept = [p for p in tmp_path.iterdir() if ".sebelum-pulih-" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_size == 100_000, "the damaged file is kept aside"


def test_a_full_disk_is_said_in_indonesian_with_exit_2(monkeypatch, capsys, tmp_path):
    from kinerja import __main__ as cli

    def full(store, args):
        raise duckdb.IOException('Could not write file "k.duckdb.wal": No space left on device')

    monkeypatch.setitem(cli.COMMANDS, "recap", full)
    code = cli.main(["--db", str(tmp_path / "k.duckdb"), "recap", "--year", "2026", "--quarter", "1"])
    assert code == 2
    assert "disk penuh" in capsys.readouterr().err


def test_a_links_label_and_bare_addresses_in_notes_are_text_not_links(demo_db_path, monkeypatch):
    store = Store(demo_db_path)
    with acting_as(Actor("kadis", Role.LEADER)):
        create_link(store, "[rapat](http://pelacak.invalid) kirim ke budi@pelacak.invalid", 2026, 3)
    note = "lihat http://pelacak.invalid/p.png atau www.pelacak.invalid"
    content = workbook({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], ["IK10", 6, note]]})
    ((data, saved),) = import_files(store, [("p2p.xlsx", content)], Period(2026, 3, "P2P"), confirm_warnings=True)
    assert saved, data.problems
    store.close()
    app = as_account(demo_db_path, monkeypatch, "admin.demo")
    app.query_params.update({keys.YEAR: "2026", keys.QUARTER: "TW III", "indikator": "IK10"})
    app.run()
    app.switch_page("views/dasbor.py").run()
    assert not app.exception
    listed = [m.value for m in app.markdown if "pelacak" in m.value and "oleh" in m.value]
    assert listed and "\\[rapat\\](http:\u2060//pelacak.invalid)" in listed[0], "the label is text, not a link"
    assert "budi@\u2060pelacak.invalid" in listed[0], "an e-mail address is text, not a mailto: link"
    said = next(m.value for m in app.markdown if "Faktor penghambat" in m.value)
    assert "http:\u2060//pelacak.invalid/p.png" in said and "www\u2060.pelacak.invalid" in said, "no autolink"
    st.cache_resource.clear()


def test_an_operators_template_zip_holds_only_its_units(demo_store):
    with acting_as(actor_of(demo_store, "operator.p2p")):
        names = zipfile.ZipFile(io.BytesIO(all_unit_templates(demo_store, 2026, 3))).namelist()
    assert names == ["data-kinerja-p2p-2026-tw3.xlsx"]
    everyone = zipfile.ZipFile(io.BytesIO(all_unit_templates(demo_store, 2026, 3))).namelist()
    assert len(everyone) > 1, "the command line (and an admin) gets every unit's"


def test_a_zip_made_on_click_still_holds_only_the_operators_units(demo_store):
    """Streamlit makes a download's content outside the page's run: it keeps the account that saw it."""
    from ui.resources import made_on_click

    with acting_as(actor_of(demo_store, "operator.p2p")):
        make = made_on_click(all_unit_templates, demo_store, 2026, 3)
    assert zipfile.ZipFile(io.BytesIO(make())).namelist() == ["data-kinerja-p2p-2026-tw3.xlsx"]


MARKUP = "<a href='//e.vil'>K</a><img src='//e.vil/p.png'> <b>tebal</b>"


def _raw_markup(spec: str) -> list[str]:
    """The user's own tags, as Plotly would render them (link, image, bold), found in a figure."""
    return [tag for tag in ("<a href='//e.vil'", "<img", "<b>tebal") if tag in spec]


def test_every_chart_the_dashboard_draws_keeps_user_text_as_text(demo_db_path, monkeypatch):
    """Names written by users (sasaran, indicators, units, programmes) reach every figure escaped:
    Plotly renders <a>, <img>-less HTML and <b> in text (issue 26)."""
    from tests.conftest import opened

    with opened(demo_db_path) as store, store.write() as w:
        w.execute("UPDATE goal SET name = name || ?", [MARKUP])
        w.execute("UPDATE indicator_plan SET name = name || ?", [MARKUP])
        w.execute("UPDATE unit SET name = name || ?", [MARKUP])
        w.execute("UPDATE programme SET name = name || ?", [MARKUP])
    app = as_account(demo_db_path, monkeypatch, "admin.demo")
    app.query_params.update({keys.YEAR: "2026", keys.QUARTER: "TW II", "indikator": "IK05"})
    app.run()
    app.switch_page("views/dasbor.py").run()
    assert not app.exception
    specs = [c.proto.spec for c in app.get("plotly_chart")]
    assert len(specs) >= 6, "the sasaran, unit, indicator, projection, budget, category and trend charts"
    assert any("&lt;a href" in spec for spec in specs), "the names are there, as written"
    for spec in specs:
        assert _raw_markup(spec) == [], spec[:300]
    st.cache_resource.clear()


def test_markup_in_a_pohon_kinerja_file_or_editor_is_refused(demo_store):
    """A SIPD list or the node editors storing `<a href=…>` as a name: refused at its row, as plans are."""
    import pandas as pd

    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.links import LINK_COLUMNS, save_links
    from kinerja.cascade.stored import draft_from_edited, nodes_for_editing, save_tree
    from kinerja.domain.problems import InputRejected
    from kinerja.storage.backup import snapshot
    from tests.workbooks import xlsx

    before = snapshot(demo_store)
    rows = [
        ["Kode", "Program / Kegiatan / Sub Kegiatan", "Indikator", "Target", "Satuan", "Pagu"],
        ["1.02.02", f"PROGRAM PEMENUHAN UPAYA KESEHATAN {MARKUP}", "Cakupan layanan", 90, "%", None],
        ["1.02.02.2.02", "Penyediaan Layanan Kesehatan", "Jumlah layanan", 4, "dokumen", None],
        [
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            f"Jumlah ibu hamil {MARKUP}",
            100,
            "orang",
            1e8,
        ],
    ]
    with pytest.raises(InputRejected) as refused:
        import_cascade(demo_store, 2026, xlsx({"Renja": rows}), "sipd.xlsx", merge=True)
    assert {p.row for p in refused.value.errors if "tag HTML" in p.message} == {2, 4}
    edited = nodes_for_editing(demo_store, 2026)
    edited.iloc[-1, edited.columns.get_loc("Nama")] = MARKUP
    with pytest.raises(InputRejected, match="tag HTML"):
        save_tree(demo_store, 2026, draft_from_edited(demo_store, 2026, edited))
    link = pd.DataFrame([["S1", f"Dinas Sosial {MARKUP}", None, None, "diusulkan", None]], columns=LINK_COLUMNS)
    with pytest.raises(InputRejected, match="tag HTML"):
        save_links(demo_store, 2026, link)
    assert snapshot(demo_store) == before
