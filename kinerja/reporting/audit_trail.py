"""The audit trail as an Inspektorat auditor reads it: each entry a sentence built from its subject
("Data TW III 2026 Bidang Kesehatan Masyarakat dikembalikan"), the fields that changed with
Indonesian labels ("Status: Diajukan → Dikembalikan"), the time in the office's zone ("7 Desember
2026 16.35 WIB") and the person's name beside the account; filtered by person, unit, period and
action. The page, the CSV and the Excel file show the same rows in the same words.

Every action key written anywhere (``Writer.audit``'s callers) has its wording in ``ACTIONS``: a
test walks the code and fails on a key without one."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook

from kinerja.access.audit import audit_trail
from kinerja.access.people import label_people, people
from kinerja.access.roles import ROLE_WORD, Role
from kinerja.domain.numbers import fmt_date, fmt_number
from kinerja.domain.office_time import OfficeClock
from kinerja.domain.period import ANNUAL, ROMAN, period_name
from kinerja.storage.settings import office_clock
from kinerja.storage.store import Store
from kinerja.workbook.writing import csv_bytes, workbook_bytes
from kinerja.workflow.review import REPORT_WORD, STATE_WORD, ReportState, State

EMPTY = "kosong"


@dataclass(frozen=True)
class Wording:
    """How one action key reads. ``sentence`` is filled from the entry's subject: {unit} (the unit's
    name), {periode} ('TW III 2026'), {tahun}, {akun} (the person of the account named), {objek}
    (the entry's object as written) and the new values' fields ({label}, {kepada}, {versi} …).
    ``subject`` says how the entry's object names it: 'unit periode' ('KESMAS TW III 2026'),
    'periode' ('laporan TW III 2026'), 'tahun' ('rencana 2026'), 'akun' ('akun budi'), 'unit'
    ('unit KESMAS'), or '' (nothing to read). ``removed``: the sentence when every new value is empty."""

    label: str
    sentence: str
    subject: str = ""
    removed: str | None = None


ACTIONS: dict[str, Wording] = {
    "data.unggah": Wording("Data diunggah", "Data {periode} {unit} diunggah (versi {versi})", "unit periode"),
    "status.draft": Wording("Data menjadi draf", "Data {periode} {unit} menjadi draf", "unit periode"),
    "status.submitted": Wording("Data diajukan", "Data {periode} {unit} diajukan untuk verifikasi", "unit periode"),
    "status.verified": Wording("Data diverifikasi", "Data {periode} {unit} diverifikasi", "unit periode"),
    "status.returned": Wording("Data dikembalikan", "Data {periode} {unit} dikembalikan", "unit periode"),
    "periode.buka_unit": Wording(
        "Periode dibuka untuk unit", "Periode {periode} dibuka kembali untuk {unit}", "unit periode"
    ),
    "laporan.draft": Wording("Laporan dibuat", "Draf laporan {periode} dibuat", "periode"),
    "laporan.corrected": Wording("Laporan dikoreksi", "Laporan {periode} ditandai terkoreksi", "periode"),
    "laporan.final": Wording("Laporan final", "Laporan {periode} ditetapkan final", "periode"),
    "laporan.buka_kunci": Wording("Kunci laporan dibuka", "Kunci laporan {periode} dibuka", "periode"),
    "laporan.narasi": Wording("Narasi laporan diubah", "Narasi laporan {periode} diubah", "periode"),
    "templat.laporan": Wording(
        "Templat laporan", "Templat Word laporan diganti", removed="Templat Word laporan dihapus (kembali ke bawaan)"
    ),
    "rencana.simpan": Wording("Rencana disimpan", "Rencana kinerja {tahun} disimpan", "tahun"),
    "renja.renstra": Wording(
        "Kolom Renstra Evaluasi Renja", "Target dan realisasi Renstra Evaluasi Renja {tahun} disimpan", "tahun"
    ),
    "rencana.buka_kunci": Wording("Kunci rencana dibuka", "Kunci rencana {tahun} dibuka untuk satu perubahan", "tahun"),
    "batas_waktu.ubah": Wording("Batas waktu diubah", "Batas waktu pengiriman data {tahun} diubah", "tahun"),
    "padanan.indikator": Wording("Padanan indikator", "Padanan nama indikator {unit} disimpan", "unit"),
    "padanan.kolom": Wording("Padanan kolom", "Padanan kolom berkas {unit} disimpan", "unit"),
    "padanan.kolom_data": Wording("Padanan kolom data", "Cara membaca kolom berkas data disimpan {unit}", "unit"),
    "padanan.kolom_rencana": Wording("Padanan kolom rencana", "Cara membaca kolom berkas rencana disimpan"),
    "akun.tambah": Wording("Akun dibuat", "Akun {akun} dibuat", "akun"),
    "akun.ganti_sandi": Wording("Kata sandi diganti", "Kata sandi akun {akun} diganti", "akun"),
    "akun.aktif": Wording("Akun diaktifkan", "Akun {akun} diaktifkan", "akun"),
    "akun.nonaktif": Wording("Akun dinonaktifkan", "Akun {akun} dinonaktifkan", "akun"),
    "akun.masuk": Wording("Masuk aplikasi", "{akun} masuk ke aplikasi", "akun"),
    "akun.gagal_masuk": Wording("Gagal masuk", "Gagal masuk dengan nama akun {akun}", "akun"),
    "tautan.buat": Wording("Tautan bagikan dibuat", "Tautan bagikan «{label}» dibuat"),
    "tautan.cabut": Wording("Tautan bagikan dicabut", "Tautan bagikan dicabut ({objek})"),
    "disposisi.buat": Wording("Disposisi dibuat", "Disposisi {periode} dibuat untuk {kepada}", "periode"),
    "disposisi.selesai": Wording("Disposisi selesai", "Disposisi ditandai selesai ({objek})"),
    "unit.kontak": Wording("Kontak unit diubah", "Kontak unit untuk pengingat diubah"),
    "pengaturan.ubah": Wording("Pengaturan diubah", "Pengaturan instansi diubah"),
    "nomenklatur.muat": Wording("Nomenklatur dimuat", "Nomenklatur Kemendagri dimuat ({objek})"),
    "simpan_pohon_kinerja": Wording("Pohon kinerja disimpan", "Pohon kinerja {tahun} disimpan", "tahun"),
    "simpan_crosscutting": Wording(
        "Crosscutting disimpan", "Tautan crosscutting pohon kinerja {tahun} disimpan", "tahun"
    ),
    "demo.hapus": Wording("Data demo dihapus", "Data demo dihapus"),
    "lke.muat": Wording("Lembar LKE dimuat", "Lembar kerja evaluasi (LKE) {tahun} dimuat", "tahun"),
    "lke.jawab": Wording("Jawaban LKE", "Jawaban LKE {tahun} kriteria {kriteria}, kolom {kolom}, disimpan", "tahun"),
    "lke.bukti": Wording(
        "Bukti dukung LKE", "Bukti dukung LKE {tahun} kriteria {kriteria} ditambahkan: {nama}", "tahun"
    ),
    "rapat.tampil": Wording("Mode rapat", "Capaian {periode} ditampilkan dalam mode rapat", "periode"),
    "lke.tindak_lanjut": Wording(
        "Tindak lanjut LHE", "Tindak lanjut rekomendasi evaluasi {tahun} dicatat ({objek})", "tahun"
    ),
}

FIELD_LABELS = {
    "status": "Status",
    "catatan": "Catatan",
    "alasan": "Alasan",
    "versi": "Versi",
    "berkas": "Berkas",
    "nilai": "Nilai",
    "belanja": "Realisasi anggaran",
    "sha256": "Sidik berkas",
    "aktif": "Aktif",
    "peran": "Peran",
    "unit": "Unit",
    "nama": "Nama",
    "email": "E-mail",
    "sampai": "Dibuka sampai",
    "label": "Label",
    "periode": "Periode",
    "sasaran": "Sasaran",
    "cabang": "Cabang pohon",
    "kedaluwarsa": "Berlaku sampai",
    "kepada": "Kepada",
    "tugas": "Tugas",
    "batas": "Batas",
    "selesai": "Selesai",
    "tautan": "Tautan",
    "simpul": "Simpul",
    "tautan_dihapus": "Tautan dihapus",
    "baris": "Baris",
    "indikator_baru": "Indikator baru",
    "indikator_lanjutan": "Indikator lanjutan",
    "indikator_diubah": "Indikator diubah",
    "dicocokkan_dengan_nama": "Dicocokkan dengan nama",
    "dihapus_dari_tahun": "Dihapus dari tahun ini",
    "tidak_disebut_berkas": "Tidak disebut berkas",
    "unit_baru": "Unit baru",
    "program": "Program",
    "sumber": "Sumber",
    "opens_on": "dibuka",
    "due_on": "batas kirim",
    "closes_on": "ditutup",
    "phone": "telepon",
    "negative_formula": "Rumus polaritas negatif",
    "score_cap": "Batas skor (%)",
    "office_name": "Nama instansi",
    "risk_threshold": "Batas berisiko (%)",
    "demo_loaded": "Data demo dimuat",
    "region_kind": "Jenis pemda",
    "office_time_zone": "Zona waktu kantor",
    "head_name": "Nama kepala instansi",
    "head_nip": "NIP kepala instansi",
    "kriteria": "Kriteria",
    "kolom": "Kolom",
    "jawaban": "Jawaban",
    "rekomendasi": "Rekomendasi",
    "pemilik": "Penanggung jawab",
    "keterangan": "Keterangan",
}

_ORDER = {key: n for n, key in enumerate(FIELD_LABELS)}  # the stored JSON is sorted by key: shown in this order
_STATUS_WORDS = {s.value: w for s, w in STATE_WORD.items() if isinstance(s, State)} | {
    s.value: w for s, w in REPORT_WORD.items() if s is not ReportState.DRAFT
}
_ROLE_WORDS = {r.value: w for r, w in ROLE_WORD.items() if isinstance(r, Role)}
_PERIOD = re.compile(r"\bTW (IV|III|II|I) (\d{4})\b|\btahun(?:an)? (\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(\d{4})\b")
_UNIT_PERIOD = re.compile(r"^(\S+) (?:TW (?:IV|III|II|I) \d{4}|tahun \d{4})$", re.IGNORECASE)
_UNIT = re.compile(r"\bunit (\S+?)(?:,|$|\s)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

COLUMNS = ["Waktu", "Oleh", "Tindakan", "Perubahan", "Unit", "Periode"]


@dataclass(frozen=True)
class Subject:
    """What an entry is about, read from its object: a unit code, a year and quarter (0: the year's
    report), an account."""

    unit: str | None = None
    year: int | None = None
    quarter: int | None = None
    account: str | None = None


def read_subject(action: str, entity: str) -> Subject:
    """The subject an entry's object names, as its action's wording says the object is written."""
    how = ACTIONS[action].subject if action in ACTIONS else "unit periode tahun"
    text = entity or ""
    year = quarter = account = None
    if "akun" in how and text.startswith("akun "):
        account = text[5:]
    named = _UNIT_PERIOD.match(text) if "unit periode" in how else _UNIT.search(text) if "unit" in how else None
    unit = named.group(1) if named else None
    if "periode" in how and (found := _PERIOD.search(text)):
        numeral, year_q, year_a = found.groups()
        year, quarter = (int(year_q), ROMAN[numeral.lower()]) if numeral else (int(year_a), ANNUAL)
    elif "tahun" in how and (found := _YEAR.search(text)):
        year = int(found.group(1))
    return Subject(unit, year, quarter, account)


def _loads(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _quarter_keyed(value: Any) -> Any:
    """Deadlines by quarter ({"1": date} or [{quarter: 1, opens_on: …}]) keyed 'TW I' …."""
    if isinstance(value, dict):
        return {f"Batas kirim TW {_roman(k)}" if _roman(k) else k: v for k, v in value.items()}
    if isinstance(value, list):
        return {
            f"TW {_roman(r['quarter'])}": {k: v for k, v in r.items() if k != "quarter"}
            for r in value
            if isinstance(r, dict) and _roman(r.get("quarter"))
        }
    return value


def _roman(quarter: Any) -> str:
    return {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(str(quarter), "")


def _contacts(value: Any) -> Any:
    """Units' contacts ([[code, phone, email]] before, [{code, phone, email}] after) by unit code."""
    if not isinstance(value, list):
        return value
    rows = [dict(zip(("code", "phone", "email"), r, strict=False)) if isinstance(r, list) else r for r in value]
    return {str(r.get("code")): {k: v for k, v in r.items() if k != "code"} for r in rows if isinstance(r, dict)}


_NORMALISE: dict[str, Callable[[Any], Any]] = {"batas_waktu.ubah": _quarter_keyed, "unit.kontak": _contacts}


def _label(key: str) -> str:
    return FIELD_LABELS.get(key) or key.replace("_", " ")


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """Fields by label, nested dictionaries one label each ('Nilai IK01', 'TW I batas kirim')."""
    if not isinstance(value, dict):
        return {} if value is None else {prefix or "Nilai": value}
    found: dict[str, Any] = {}
    ordered = sorted(value.items(), key=lambda i: _ORDER.get(str(i[0]), len(_ORDER))) if not prefix else value.items()
    for key, item in ordered:
        label = f"{prefix} {_label(str(key))}" if prefix else _label(str(key))
        if isinstance(item, dict) and item:
            found |= _flat(item, label)
        else:
            found[label] = item
    return found


def show_value(value: Any, field: str = "") -> str:
    """A value as the auditor reads it: 'kosong', 'ya', 1.234,5, 15 Oktober 2026, Dikembalikan."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return fmt_number(value, 2)
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show_value(v)}" for k, v in value.items())
    text = str(value)
    if field == "Status":
        return _STATUS_WORDS.get(text, text)
    if field == "Peran":
        return _ROLE_WORDS.get(text, text)
    if field == "Sidik berkas":
        return text[:12] + "…"
    if _ISO_DATE.match(text):
        return fmt_date(dt.date.fromisoformat(text))
    return text


def changed_fields(action: str, before: Any, after: Any) -> list[tuple[str, str | None, str]]:
    """The fields that changed, by Indonesian label: (label, before or None for a new record, after);
    a new record's empty fields are left out."""
    normalise = _NORMALISE.get(action, lambda v: v)
    old, new = _flat(normalise(_loads(before))), _flat(normalise(_loads(after)))
    created = _loads(before) is None
    labels = list(new) + [k for k in old if k not in new]
    return [
        (label, None if created else show_value(old.get(label), label), show_value(new.get(label), label))
        for label in labels
        if (created and show_value(new.get(label)) != EMPTY) or (not created and old.get(label) != new.get(label))
    ]


def changes_text(action: str, before: Any, after: Any) -> str:
    """'Status: Diajukan → Dikembalikan; Catatan: kosong → Lengkapi bukti' (a new record: 'Peran: Admin')."""
    return "; ".join(
        f"{label}: {new}" if old is None else f"{label}: {old} → {new}"
        for label, old, new in changed_fields(action, before, after)
    )


def sentence(
    action: str, subject: Subject, after: Any, units: dict[str, str], known: dict[str, str], entity: str
) -> str:
    """The entry in words, from its wording and its subject."""
    wording = ACTIONS.get(action)
    if wording is None:  # an action key from a newer or older version: said plainly
        return f"Perubahan tercatat pada {entity}"
    values = _loads(after)
    fields = {k: v for k, v in values.items() if not isinstance(v, dict | list)} if isinstance(values, dict) else {}
    if wording.removed and fields and all(v is None for v in fields.values()):
        return wording.removed
    words = {k: show_value(v) for k, v in fields.items()}
    words |= {
        "unit": units.get(subject.unit or "", subject.unit or ""),
        "periode": period_name(subject.year, subject.quarter) if subject.year and subject.quarter is not None else "",
        "tahun": str(subject.year or ""),
        "akun": known.get(subject.account or "", subject.account or ""),
        "objek": entity,
    }
    if "kepada" in fields:
        words["kepada"] = known.get(str(fields["kepada"]), str(fields["kepada"]))
    text = wording.sentence.format_map(_Blank(words))
    return re.sub(r"\s+", " ", text.replace("()", "").replace("«»", "")).strip()


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class AuditFilter:
    """What the auditor narrows the trail to: a person (account), a unit (code), a period ('2026' for
    the whole year, '2026-3' for TW III), an action key, dates at the office (both ends included), words."""

    person: str | None = None
    unit: str | None = None
    period: str | None = None
    action: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None


def readable(store: Store, raw: pd.DataFrame, clock: OfficeClock | None = None) -> pd.DataFrame:
    """Raw entries (``access.audit.audit_trail``) in words, with the subject's unit code, year and
    quarter kept for filtering (columns unit_code, year, quarter; not shown)."""
    clock = clock or office_clock(store)
    units = dict(store.rows("SELECT code, name FROM unit"))
    known = people(store)
    subjects = [read_subject(a, e) for a, e in zip(raw["action"], raw["entity"], strict=True)]
    frame = pd.DataFrame(
        {
            "Waktu": [clock.show(t.to_pydatetime() if isinstance(t, pd.Timestamp) else t) for t in raw["at"]],
            "Oleh": label_people(raw["actor"], known),
            "Tindakan": [
                sentence(a, s, x, units, known, e)
                for a, s, x, e in zip(raw["action"], subjects, raw["after"], raw["entity"], strict=True)
            ],
            "Unit": [f"{units[s.unit]} ({s.unit})" if s.unit in units else (s.unit or "") for s in subjects],
            "Periode": [_period_text(s) for s in subjects],
            "Perubahan": [
                changes_text(a, b, x) for a, b, x in zip(raw["action"], raw["before"], raw["after"], strict=True)
            ],
            "unit_code": [s.unit for s in subjects],
            "year": pd.array([s.year for s in subjects], dtype="Int64"),
            "quarter": pd.array([s.quarter for s in subjects], dtype="Int64"),
        }
    )
    return frame[[*COLUMNS, "unit_code", "year", "quarter"]]


def _period_text(subject: Subject) -> str:
    if subject.year is None:
        return ""
    return str(subject.year) if subject.quarter is None else period_name(subject.year, subject.quarter)


def audit_entries(store: Store, chosen: AuditFilter = AuditFilter()) -> pd.DataFrame:
    """The trail in words, newest first, narrowed by ``chosen``: the page's table and its exports."""
    clock = office_clock(store)
    raw = audit_trail(store, actor=chosen.person, action=chosen.action)
    if chosen.since:  # the office's days, not the server's
        raw = raw[raw["at"] >= pd.Timestamp(clock.stored(dt.datetime.combine(chosen.since, dt.time.min)))]
    if chosen.until:
        end = dt.datetime.combine(chosen.until + dt.timedelta(days=1), dt.time.min)
        raw = raw[raw["at"] < pd.Timestamp(clock.stored(end))]
    frame = readable(store, raw.reset_index(drop=True), clock)
    if chosen.unit:
        frame = frame[frame["unit_code"].fillna("").str.upper() == chosen.unit.upper()]
    if chosen.period:
        year, _, quarter = chosen.period.partition("-")
        keep = frame["year"] == int(year)
        if quarter:
            keep &= frame["quarter"] == int(quarter)
        frame = frame[keep.fillna(False)]
    if chosen.text:
        words = chosen.text.strip().lower()
        haystack = frame[COLUMNS].astype(str).agg(" ".join, axis=1).str.lower()
        frame = frame[haystack.str.contains(words, regex=False)]
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class AuditChoices:
    """What the filters offer, each value with its words: people (account → 'Name (account)'), units
    (code → name), periods ('2026' → 'Tahun 2026 (semua)', '2026-3' → 'TW III 2026'), actions."""

    people: dict[str, str]
    units: dict[str, str]
    periods: dict[str, str]
    actions: dict[str, str]


def audit_choices(store: Store) -> AuditChoices:
    """The filters' choices: only what the trail holds."""
    known = people(store)
    actors = [a for (a,) in store.rows("SELECT DISTINCT actor FROM audit_log ORDER BY 1")]
    pairs = store.rows("SELECT DISTINCT action, entity FROM audit_log")
    subjects = [read_subject(a, e) for a, e in pairs]
    names = dict(store.rows("SELECT code, name FROM unit"))
    units = sorted({s.unit for s in subjects if s.unit})
    periods: dict[str, str] = {}
    for year in sorted({s.year for s in subjects if s.year}, reverse=True):
        periods[str(year)] = f"Tahun {year} (semua)"
        for quarter in sorted({s.quarter for s in subjects if s.year == year and s.quarter is not None}):
            name = period_name(year, quarter)
            periods[f"{year}-{quarter}"] = name[0].upper() + name[1:]
    actions = sorted({a for a, _ in pairs}, key=lambda a: ACTIONS[a].label if a in ACTIONS else a)
    return AuditChoices(
        people=dict(zip(actors, label_people(actors, known), strict=True)),
        units={u: f"{names[u]} ({u})" if u in names else u for u in units},
        periods=periods,
        actions={a: ACTIONS[a].label if a in ACTIONS else a for a in actions},
    )


def audit_csv(frame: pd.DataFrame) -> bytes:
    """The entries as shown, for a spreadsheet (Excel in an Indonesian locale opens it)."""
    return csv_bytes(frame[COLUMNS])


def audit_workbook(frame: pd.DataFrame, described: Iterable[str] = ()) -> bytes:
    """The entries as shown, as an Excel workbook; ``described``: the filters in words, above the table."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Jejak Audit"
    said = list(described)
    for line in said:
        sheet.append([line])
    if said:
        sheet.append([])
    sheet.append(COLUMNS)
    header_row = sheet.max_row
    for row in frame[COLUMNS].itertuples(index=False):
        sheet.append([str(v) if v is not None else "" for v in row])
    for letter, width in zip("ABCDEF", (24, 32, 60, 80, 34, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    return workbook_bytes(workbook)


def filters_in_words(chosen: AuditFilter, choices: AuditChoices, zone: str) -> list[str]:
    """The filters an export was made with, as lines over its table."""
    lines = ["Jejak Audit"]
    for label, key, names in (
        ("Oleh", chosen.person, choices.people),
        ("Unit", chosen.unit, choices.units),
        ("Periode", chosen.period, choices.periods),
        ("Tindakan", chosen.action, choices.actions),
    ):
        if key:
            lines.append(f"{label}: {names.get(key, key)}")
    if chosen.since or chosen.until:
        start = fmt_date(chosen.since) if chosen.since else "awal"
        end = fmt_date(chosen.until) if chosen.until else "sekarang"
        lines.append(f"Tanggal: {start} s.d. {end} ({zone})")
    if chosen.text:
        lines.append(f"Cari: {chosen.text}")
    return lines
