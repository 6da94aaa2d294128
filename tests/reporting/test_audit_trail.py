"""The audit trail as an Inspektorat auditor reads it: sentences for every action key the code
writes, the fields that changed in Indonesian, the office's time zone, people's names, the filters,
and exports in the same words."""

import ast
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from kinerja.access.accounts import actor_of
from kinerja.access.roles import acting_as
from kinerja.collection.saving import save_data
from kinerja.domain.office_time import OfficeClock
from kinerja.reporting.audit_trail import (
    ACTIONS,
    COLUMNS,
    AuditFilter,
    audit_choices,
    audit_csv,
    audit_entries,
    audit_workbook,
    changes_text,
    filters_in_words,
)
from kinerja.storage.settings import office_clock, save_settings
from kinerja.storage.store import PROJECT_ROOT
from kinerja.workflow import review
from kinerja.workflow.review import ReportState, State
from tests.pages import app_over
from tests.workbooks import kesmas_upload

ROOT = PROJECT_ROOT
# f-string keys (f"status.{state.value}") stand for every value of the enum they are built from
EXPANDED = {"status.": [s.value for s in State], "laporan.": [s.value for s in ReportState]}


def _keys_in(node: ast.AST) -> list[str]:
    """The action keys an expression can be: a string, either branch of a conditional, an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _keys_in(node.body) + _keys_in(node.orelse)
    if isinstance(node, ast.JoinedStr):
        head = "".join(p.value for p in node.values if isinstance(p, ast.Constant))
        assert head in EXPANDED, f"an action key built as f'{head}…': say in EXPANDED what it can be"
        return [head + v for v in EXPANDED[head]]
    if isinstance(node, ast.Tuple) and node.elts:
        return _keys_in(node.elts[0])
    if isinstance(node, ast.ListComp):
        return _keys_in(node.elt)
    if isinstance(node, ast.List):
        return [k for e in node.elts for k in _keys_in(e)]
    return []


def written_action_keys() -> dict[str, str]:
    """Every action key kinerja/ writes to the audit trail, with where: ``w.audit(key, …)``,
    ``w.audit_many([(key, …)])`` and its ``entries.append((key, …))``, ``headings.remember(…, key)``."""
    found: dict[str, str] = {}
    for path in (ROOT / "kinerja").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            audited = name in ("audit", "audit_many")
            queued = name == "append" and isinstance(node.args[0], ast.Tuple) and "audit_many" in source
            argument = node.args[4] if name == "remember" and len(node.args) >= 5 else None
            if audited or queued:
                argument = node.args[0]
            for key in _keys_in(argument) if argument is not None else []:
                found.setdefault(key, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_action_key_written_anywhere_has_wording():
    written = written_action_keys()
    assert {"data.unggah", "status.returned", "akun.masuk", "padanan.kolom_data", "laporan.buka_kunci"} <= set(
        written
    ), "the walk finds the keys written through audit, audit_many and remember"
    missing = {k: where for k, where in written.items() if k not in ACTIONS}
    assert missing == {}, "give these action keys a sentence in kinerja/reporting/audit_trail.ACTIONS"


@pytest.mark.parametrize(
    ("action", "entity", "after", "said"),
    [
        ("status.returned", "KESMAS TW III 2026", None, "Data TW III 2026 Bidang Kesehatan Masyarakat dikembalikan"),
        (
            "data.unggah",
            "KESMAS TW III 2026",
            '{"versi": 2}',
            "Data TW III 2026 Bidang Kesehatan Masyarakat diunggah (versi 2)",
        ),
        ("laporan.final", "laporan tahun 2026", None, "Laporan tahun 2026 ditetapkan final"),
        ("laporan.draft", "laporan tahunan 2026", None, "Draf laporan tahun 2026 dibuat"),
        ("akun.masuk", "akun kabid.kesmas", None, "Kepala Bidang Kesmas (kabid.kesmas) masuk ke aplikasi"),
        ("rencana.simpan", "rencana 2026", None, "Rencana kinerja 2026 disimpan"),
        (
            "padanan.kolom_data",
            "unit KESMAS, judul kolom: Indikator, TW III",
            None,
            "Cara membaca kolom berkas data disimpan Bidang Kesehatan Masyarakat",
        ),
        (
            "disposisi.buat",
            "disposisi TW II 2026",
            '{"kepada": "kabid.kesmas"}',
            "Disposisi TW II 2026 dibuat untuk Kepala Bidang Kesmas (kabid.kesmas)",
        ),
        ("templat.laporan", "templat laporan", '{"sha256": null}', "Templat Word laporan dihapus (kembali ke bawaan)"),
        ("tautan.buat", "tautan 3", '{"label": "Rapat pimpinan"}', "Tautan bagikan «Rapat pimpinan» dibuat"),
    ],
)
def test_an_entry_reads_as_a_sentence_from_its_subject(demo_store, action, entity, after, said):
    raw = pd.DataFrame(
        [
            {
                "at": pd.Timestamp("2026-12-07 09:35:22"),
                "actor": "kabid.kesmas",
                "action": action,
                "entity": entity,
                "before": None,
                "after": after,
            }
        ]
    )
    from kinerja.reporting.audit_trail import readable

    assert readable(demo_store, raw)["Tindakan"].iloc[0] == said


def test_every_wording_fills_from_a_subject_without_leftovers(demo_store):
    from kinerja.reporting.audit_trail import readable

    entities = {
        "unit periode": "KESMAS TW II 2026",
        "periode": "laporan TW II 2026",
        "tahun": "rencana 2026",
        "akun": "akun kadis",
        "unit": "unit KESMAS",
        "": "sesuatu 7",
    }
    raw = pd.DataFrame(
        [
            {
                "at": pd.Timestamp("2026-12-07"),
                "actor": "kadis",
                "action": k,
                "entity": entities[w.subject],
                "before": None,
                "after": None,
            }
            for k, w in ACTIONS.items()
        ]
    )
    for key, text in zip(ACTIONS, readable(demo_store, raw)["Tindakan"], strict=True):
        assert text and "{" not in text and "  " not in text and key not in text, (key, text)


def test_before_and_after_show_only_the_fields_that_changed_in_words():
    said = changes_text(
        "status.returned",
        '{"status": "submitted"}',
        '{"status": "returned", "catatan": "Periksa IK01."}',
    )
    assert said == "Status: Diajukan → Dikembalikan; Catatan: kosong → Periksa IK01."
    upload = changes_text(
        "data.unggah",
        '{"versi": 1, "nilai": {"IK01": 40, "IK02": 12.5}}',
        '{"versi": 2, "berkas": "kesmas.xlsx", "nilai": {"IK01": 41, "IK02": 12.5, "IK03": 1234.5}}',
    )
    assert upload == "Versi: 1 → 2; Berkas: kosong → kesmas.xlsx; Nilai IK01: 40 → 41; Nilai IK03: kosong → 1.234,5"
    assert "null" not in changes_text("akun.aktif", '{"aktif": null}', '{"aktif": true}')
    assert changes_text("akun.aktif", '{"aktif": false}', '{"aktif": true}') == "Aktif: tidak → ya"
    deadlines = changes_text("batas_waktu.ubah", '{"3": "2026-10-15"}', '{"3": "2026-10-20", "4": null}')
    assert deadlines == "Batas kirim TW III: 15 Oktober 2026 → 20 Oktober 2026"
    contacts = changes_text(
        "unit.kontak",
        '[["KESMAS", null, null], ["P2P", "0812", null]]',
        '[{"code": "KESMAS", "phone": "0813", "email": null}, {"code": "P2P", "phone": "0812", "email": null}]',
    )
    assert contacts == "KESMAS telepon: kosong → 0813"
    assert changes_text("akun.tambah", None, '{"peran": "admin", "unit": null}') == "Peran: Admin / perencana"


def test_times_are_the_offices_with_indonesian_dates(store):
    utc = OfficeClock("WIB", "UTC")
    assert utc.show(dt.datetime(2026, 12, 7, 9, 35, 22)) == "7 Desember 2026 16.35 WIB"
    assert OfficeClock("WITA", "UTC").show(dt.datetime(2026, 12, 7, 9, 35)) == "7 Desember 2026 17.35 WITA"
    assert OfficeClock("WIT", "Asia/Jakarta").show(dt.datetime(2026, 12, 7, 23, 0)) == "8 Desember 2026 01.00 WIT"
    assert office_clock(store).zone == "WIB", "WIB unless the office says otherwise"
    save_settings(store, {"office_time_zone": "WIT"})
    assert office_clock(store).zone == "WIT"
    with pytest.raises(ValueError, match="WIB, WITA atau WIT"):
        save_settings(store, {"office_time_zone": "UTC"})


@pytest.fixture
def reviewed(demo_store):
    """KESMAS's TW III 2026 uploaded, submitted and returned; a sign-in by the reviewer."""
    with acting_as(actor_of(demo_store, "operator.kesmas")):
        save_data(demo_store, kesmas_upload(demo_store), confirm_warnings=True)
        review.submit(demo_store, "KESMAS", 2026, 3)
    with acting_as(actor_of(demo_store, "kabid.kesmas")):
        review.send_back(demo_store, "KESMAS", 2026, 3, "Periksa IK01.", {"IK01": "Angka tidak sesuai."})
    return demo_store


def test_an_auditor_filters_by_person_unit_period_and_action(reviewed):
    everything = audit_entries(reviewed)
    assert list(everything.columns[: len(COLUMNS)]) == COLUMNS
    assert not everything["Waktu"].str.contains(r"^\d{4}-").any() and everything["Waktu"].str.endswith("WIB").all()
    returned = audit_entries(
        reviewed, AuditFilter(person="kabid.kesmas", unit="KESMAS", period="2026-3", action="status.returned")
    )
    assert returned[COLUMNS].iloc[0].to_dict() | {"Waktu": ""} == {
        "Waktu": "",
        "Oleh": "Kepala Bidang Kesmas (kabid.kesmas)",
        "Tindakan": "Data TW III 2026 Bidang Kesehatan Masyarakat dikembalikan",
        "Unit": "Bidang Kesehatan Masyarakat (KESMAS)",
        "Periode": "TW III 2026",
        "Perubahan": "Status: Diajukan → Dikembalikan; Catatan: kosong → Periksa IK01.",
    }
    assert len(returned) == 1
    kesmas = audit_entries(reviewed, AuditFilter(unit="KESMAS", period="2026"))
    assert set(kesmas["Tindakan"]) >= {
        "Data TW III 2026 Bidang Kesehatan Masyarakat diunggah (versi 1)",
        "Data TW III 2026 Bidang Kesehatan Masyarakat diajukan untuk verifikasi",
    }
    assert audit_entries(reviewed, AuditFilter(unit="P2P", period="2026-3")).empty
    assert audit_entries(reviewed, AuditFilter(period="2026-4")).empty
    assert set(audit_entries(reviewed, AuditFilter(period="2025-3"))["Periode"]) == {"TW III 2025"}, "the demo's review"
    assert len(audit_entries(reviewed, AuditFilter(text="periksa ik01"))) == 1
    today = office_clock(reviewed).local(dt.datetime.now()).date()
    before = audit_entries(
        reviewed, AuditFilter(until=today - dt.timedelta(days=1))
    )  # the demo's history, at its times
    assert len(audit_entries(reviewed, AuditFilter(since=today))) + len(before) == len(everything)
    assert "Periksa IK01." not in " ".join(before["Perubahan"])
    choices = audit_choices(reviewed)
    assert choices.people["kabid.kesmas"] == "Kepala Bidang Kesmas (kabid.kesmas)"
    assert choices.units["KESMAS"] == "Bidang Kesehatan Masyarakat (KESMAS)"
    assert choices.periods["2026-3"] == "TW III 2026" and choices.actions["status.returned"] == "Data dikembalikan"


def test_the_exports_carry_the_same_words_and_filters(reviewed):
    chosen = AuditFilter(person="kabid.kesmas", period="2026-3")
    frame = audit_entries(reviewed, chosen)
    text = audit_csv(frame).decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "Data TW III 2026 Bidang Kesehatan Masyarakat dikembalikan" in text and "status.returned" not in text
    assert "null" not in text and "unit_code" not in text
    lines = filters_in_words(chosen, audit_choices(reviewed), "WIB")
    sheet = load_workbook(io.BytesIO(audit_workbook(frame, lines))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "Jejak Audit" and cells[1][0] == "Oleh: Kepala Bidang Kesmas (kabid.kesmas)"
    assert cells[2][0] == "Periode: TW III 2026"
    header = cells.index(COLUMNS)
    assert [r[2] for r in cells[header + 1 :]] == list(frame["Tindakan"])


def test_review_screens_name_the_person(reviewed):
    history = review.history(reviewed, "KESMAS", 2026, 3)
    assert history["person"].iloc[-1] == "Kepala Bidang Kesmas (kabid.kesmas)"
    waiting = review.returned_quarters(reviewed, {"KESMAS"}, 2026)
    assert waiting["person"].iloc[0] == "Kepala Bidang Kesmas (kabid.kesmas)"


@pytest.fixture
def app(demo_db_path, monkeypatch):
    """The app over a private demo database (signed in as the demo's admin), caches cleared."""
    yield from app_over(demo_db_path, monkeypatch)


def test_the_audit_page_follows_the_offices_zone_and_filters(app):
    """Pengaturan sets WITA; the audit page shows that setting's change in words, in WITA."""
    app.switch_page("views/pengaturan.py").run()
    zone = next(s for s in app.selectbox if s.label.startswith("Zona waktu kantor"))
    zone.set_value("WITA").run()
    app.button(key="simpan_pengaturan").click().run()
    assert not app.exception
    app.switch_page("views/audit.py").run()
    assert not app.exception
    action = next(s for s in app.selectbox if s.label == "Tindakan")
    action.set_value("pengaturan.ubah").run()
    table = app.dataframe[0].value
    assert list(table.columns) == COLUMNS and len(table) == 1
    assert table["Tindakan"].iloc[0] == "Pengaturan instansi diubah"
    assert "Zona waktu kantor: WIB → WITA" in table["Perubahan"].iloc[0]
    assert table["Waktu"].iloc[0].endswith(" WITA") and "Admin Demo" in table["Oleh"].iloc[0]
