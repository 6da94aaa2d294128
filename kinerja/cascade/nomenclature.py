"""The national nomenclature as a file and as stored reference data: Kemendagri's list of urusan/bidang,
program, kegiatan and sub-kegiatan (Kepmendagri 050-5889/2021 and its updates, the list SIPD uses),
one row per sub-kegiatan with its output (KINERJA), indicator, satuan, definisi operasional, SPM and
the code it replaced (SUBKEGIATAN SEBELUMNYA). Recognised by its columns, read with every row
accounted for, and loaded as a new version; the newest version is the reference (DOMAIN.md, "The
national nomenclature")."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

import pandas as pd

from kinerja.access.roles import Action, actor_name, require
from kinerja.cascade.codes import split_code
from kinerja.domain.numbers import fmt_date, fmt_datetime, fmt_number
from kinerja.domain.problems import InputRejected, Problem, row_list
from kinerja.storage.store import Store
from kinerja.workbook.spreadsheet import (
    HEADER_SCAN_ROWS,
    ColumnSpec,
    Sheet,
    SpreadsheetError,
    column_letter,
    could_be_header,
    header_labels,
    is_blank_row,
    is_numbering_row,
    match_columns,
    pattern,
    read_sheets,
    visible,
)

_NOT_OLD = r"sebelum|lama"
COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("region_kind", "Jenis Pemda", pattern(r"^(jenis )?pemda$|^jenis (daerah|pemerintah)")),
    ColumnSpec("bidang", "Bidang", pattern(r"^(urusan( bidang)?|bidang( urusan)?)$"), required=True),
    ColumnSpec("program", "Program", pattern(r"^program$"), required=True),
    ColumnSpec("kegiatan", "Kegiatan", pattern(r"^kegiatan$"), required=True),
    ColumnSpec("sub_kegiatan", "Subkegiatan", pattern(r"^sub ?kegiatan$"), required=True),
    ColumnSpec("output", "Kinerja", pattern(r"^(kinerja|keluaran|output)( sub ?kegiatan)?$")),
    ColumnSpec("indicator", "Indikator", pattern(r"^indikator"), required=True),
    ColumnSpec("measure_unit", "Satuan", pattern(r"^satuan\b")),
    ColumnSpec("tags", "Tag", pattern(r"^tag\b|^penandaan")),
    ColumnSpec("definition", "Definisi Operasional", pattern(r"^definisi")),
    ColumnSpec("executor", "Pelaksana", pattern(r"^pelaksana")),
    ColumnSpec("spm", "SPM", pattern(r"^(spm|standar pelayanan minimal)$")),
    ColumnSpec("kind", "Jenis", pattern(r"^jenis$|^jenis sub ?kegiatan$")),
    ColumnSpec("previous", "Subkegiatan Sebelumnya", pattern(r"^(sub ?kegiatan|kode) (sebelumnya|lama)")),
)
# what only the nomenclature has, beside the level columns every cascade list has too
_REFERENCE_ONLY = {"definition", "previous", "spm", "output"}
# a plan or a cascade file has targets or a budget; the nomenclature has neither
_PLAN_WORDS = pattern(r"^(target|pagu|anggaran|realisasi|capaian)", unless=_NOT_OLD)

REGION_KINDS = {"PROV": "provinsi", "KABKOT": "kabupaten/kota"}
_REGION_WORDS = {
    "prov": "PROV",
    "provinsi": "PROV",
    "kabkot": "KABKOT",
    "kab kota": "KABKOT",
    "kabupaten kota": "KABKOT",
    "kab": "KABKOT",
    "kota": "KABKOT",
    "kabupaten": "KABKOT",
}
_PARTS = {"bidang": 2, "program": 3, "kegiatan": 5, "sub_kegiatan": 6}
_LEVEL_WORD = {"bidang": "bidang", "program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The nomenclature's header row in ``sheet`` (among the first rows) and its columns."""
    required = {s.key for s in COLUMNS if s.required}
    for row in range(min(len(sheet.rows), HEADER_SCAN_ROWS)):
        if not could_be_header(sheet.rows[row]):
            continue
        labels = header_labels(sheet, row, 1)
        columns = match_columns(labels, COLUMNS)
        planned = any(_PLAN_WORDS(label) for label in labels.values())
        if required <= columns.keys() and columns.keys() & _REFERENCE_ONLY and not planned:
            return row, columns
    return None


def is_nomenclature(sheets: list[Sheet]) -> bool:
    """Whether a workbook's sheets (as ``read_sheets`` gives them) are the national nomenclature:
    separate BIDANG, PROGRAM, KEGIATAN and SUBKEGIATAN columns with an INDIKATOR, at least one
    column only the nomenclature has (KINERJA, DEFINISI OPERASIONAL, SPM, SUBKEGIATAN
    SEBELUMNYA), and no target or budget column (which a Kertas Kerja or a SIPD list has)."""
    return any(_header(sheet) is not None for sheet in visible(sheets))


def file_is_nomenclature(content: bytes, file_name: str) -> bool:
    """:func:`is_nomenclature` of a file's bytes; a file that is not a readable spreadsheet is not."""
    try:
        return is_nomenclature(read_sheets(content, file_name))
    except SpreadsheetError:
        return False


# --- reading --------------------------------------------------------------------------------------

ENTRY_COLUMNS = [
    "row_number",
    "region_kind",
    "bidang_code",
    "bidang_name",
    "program_code",
    "program_name",
    "kegiatan_code",
    "kegiatan_name",
    "code",
    "name",
    "output",
    "indicator",
    "measure_unit",
    "tags",
    "definition",
    "executor",
    "spm",
    "kind",
    "previous_code",
    "previous_name",
]


@dataclass
class NomenclatureRead:
    """What a nomenclature file gave: one entry per sub-kegiatan row (``ENTRY_COLUMNS``), the
    problems found (warnings keep a row, errors refuse the file), and what became of every row
    under the header (``skipped``: reason → rows)."""

    file_name: str
    sheet: str = ""
    entries: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ENTRY_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)
    file_date: dt.date | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def counts(self) -> dict[str, int]:
        """Distinct codes per level, as the file gives them."""
        frame = self.entries
        return {
            "bidang": frame["bidang_code"].nunique(),
            "program": frame["program_code"].nunique(),
            "kegiatan": frame["kegiatan_code"].nunique(),
            "sub_kegiatan": frame["code"].nunique(),
        }

    def lines(self) -> list[str]:
        """What the file holds, in the words the command line and the page say it."""
        frame = self.entries
        counts = self.counts()
        kinds = Counter(frame["region_kind"].dropna())
        by_kind = ", ".join(f"{fmt_number(kinds[k], 0)} {word}" for k, word in REGION_KINDS.items() if kinds[k])
        replaced = int(frame["previous_code"].notna().sum())
        lines = [
            f"Nomenklatur Kemendagri terbaca dari {self.file_name} (sheet {self.sheet}): "
            f"{fmt_number(len(frame), 0)} baris sub kegiatan{f' ({by_kind})' if by_kind else ''} — "
            + ", ".join(f"{fmt_number(n, 0)} {_LEVEL_WORD[level]}" for level, n in counts.items())
            + f"; {fmt_number(replaced, 0)} sub kegiatan menggantikan kode lama."
        ]
        for reason, rows in self.skipped.items():
            lines.append(f"  dilewati {fmt_number(len(rows), 0)} baris ({reason}): {row_list(rows, limit=10)}")
        return lines


def read_nomenclature(content: bytes, file_name: str) -> NomenclatureRead:
    """Read the nomenclature from the first sheet that has its columns. Every row under the header
    is a sub-kegiatan entry or skipped with its reason; bidang, program and kegiatan cells left blank
    under a merged cell or a repeated parent take the one above when the codes agree."""
    sheets = visible(read_sheets(content, file_name))
    found = NomenclatureRead(file_name, file_date=_file_date(content, file_name))
    for sheet in sheets:
        header = _header(sheet)
        if header is not None:
            found.sheet = sheet.name
            _read_rows(sheet, *header, found)
            break
    else:
        found.problems.append(
            Problem(
                "bukan nomenklatur Kemendagri: tidak ada tabel dengan kolom BIDANG, PROGRAM, KEGIATAN, SUBKEGIATAN dan "
                "INDIKATOR (dengan KINERJA, DEFINISI OPERASIONAL, SPM atau SUBKEGIATAN SEBELUMNYA)",
                file_name,
            )
        )
        return found
    if found.entries.empty and not found.errors:
        found.problems.append(Problem("tidak ada baris sub kegiatan di bawah judul kolomnya", file_name, found.sheet))
    return found


def _read_rows(sheet: Sheet, header: int, columns: dict[str, int], found: NomenclatureRead) -> None:
    rows: list[dict[str, object]] = []
    above: dict[str, tuple[str, str]] = {}  # the last bidang / program / kegiatan read, for blank cells
    first_of: dict[tuple[object, str], dict[str, object]] = {}  # (region kind, code) → its first entry

    def skip(reason: str, row: int) -> None:
        found.skipped.setdefault(reason, []).append(row)

    def warn(row: int, key: str, value: object, message: str) -> None:
        where = f"{column_letter(columns[key])} ({_label(key)})" if key in columns else None
        found.problems.append(Problem(message, found.file_name, sheet.name, row, where, value, "warning"))

    short = {key: col for key, col in columns.items() if key not in ("tags", "definition")}  # read as written
    for index in range(header + 1, len(sheet.rows)):
        raw, row = sheet.rows[index], index + 1
        if is_blank_row(raw):
            skip("baris kosong", row)
            continue
        if is_numbering_row(raw):
            skip("nomor kolom", row)
            continue
        cell = {key: _text(raw[col]) if col < len(raw) else "" for key, col in short.items()}
        code, name = split_code(cell["sub_kegiatan"]) if cell["sub_kegiatan"] else (None, "")
        if code is None or len(code.split(".")) != 6:
            message = (
                "bukan kode sub kegiatan (enam bagian, mis. 1.02.02.2.02.0001)" if code else "tanpa kode sub kegiatan"
            )
            warn(row, "sub_kegiatan", cell["sub_kegiatan"], f"{message}: baris dilewati")
            skip(message, row)
            continue
        entry: dict[str, object] = {"row_number": row, "code": code, "name": name}
        for level in ("bidang", "program", "kegiatan"):
            entry[f"{level}_code"], entry[f"{level}_name"] = _parent(level, cell[level], code, above, row, warn)
        entry["region_kind"] = _region_kind(cell.get("region_kind", ""), row, warn)
        entry["output"] = cell.get("output") or None
        entry["indicator"] = cell.get("indicator") or None
        entry["measure_unit"] = cell.get("measure_unit") or None
        entry["tags"] = _tags(_raw(raw, columns, "tags"))
        entry["definition"] = _long_text(_raw(raw, columns, "definition"))
        entry["executor"] = cell.get("executor") or None
        entry["spm"] = _spm(cell.get("spm", ""), row, warn)
        entry["kind"] = cell.get("kind") or None
        entry["previous_code"], entry["previous_name"] = _previous(cell.get("previous", ""), row, warn)
        key = (entry["region_kind"], code)
        if key in first_of:
            earlier = first_of[key]["row_number"]
            if _same(first_of[key], entry):
                skip(f"sama persis dengan baris sebelumnya ({code})", row)
                continue
            said = f"kode {code} sudah dipakai di baris {earlier} dengan isi lain; rujukan memakai baris {earlier}"
            warn(row, "sub_kegiatan", cell["sub_kegiatan"], said)
        else:
            first_of[key] = entry
        rows.append(entry)
    found.entries = pd.DataFrame(rows, columns=ENTRY_COLUMNS)


def _same(one: dict[str, object], other: dict[str, object]) -> bool:
    """Two entries alike but for their row."""
    return all(repr(value) == repr(other[key]) for key, value in one.items() if key != "row_number")


def _raw(raw: list[object], columns: dict[str, int], key: str) -> object:
    """A cell as the file holds it (line breaks and all), "" where the file has no such column."""
    col = columns.get(key)
    return raw[col] if col is not None and col < len(raw) else ""


def _label(key: str) -> str:
    return next(s.label for s in COLUMNS if s.key == key)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _long_text(value: object) -> str | None:
    """A long text with its line breaks (Windows' too) kept, each line's trailing spaces dropped."""
    text = "\n".join(line.rstrip() for line in str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return text.strip("\n") or None


def _parent(level: str, text: str, code: str, above: dict, row: int, warn) -> tuple[str, str]:
    """A row's bidang, program or kegiatan (code, name): its own cell, else the one above when it is
    this sub-kegiatan's (a merged or blank cell), else the code the sub-kegiatan's own code holds."""
    column = level
    own = ".".join(code.split(".")[: _PARTS[level]])
    if not text:
        if level in above and above[level][0] == own:
            return above[level]
        warn(row, column, text, f"{_LEVEL_WORD[level]} kosong: kodenya diambil dari kode sub kegiatan ({own})")
        return own, ""
    parent, name = split_code(text)
    if parent is None:
        warn(row, column, text, f"{_LEVEL_WORD[level]} tanpa kode; kodenya diambil dari kode sub kegiatan ({own})")
        parent = own
    elif parent != own:
        warn(row, column, text, f"sub kegiatan {code} tidak berada di bawah {_LEVEL_WORD[level]} {parent}")
    above[level] = (parent, name)
    return parent, name


def _region_kind(text: str, row: int, warn) -> str | None:
    if not text:
        return None
    kind = _REGION_WORDS.get(" ".join(text.lower().replace("/", " ").replace(".", " ").split()))
    if kind is None:
        warn(row, "region_kind", text, "jenis pemda tidak dikenal (PROV atau KABKOT): baris berlaku untuk keduanya")
    return kind


def _spm(text: str, row: int, warn) -> bool | None:
    said = text.upper().replace(" ", "").replace("_", "-")
    if not said:
        return None
    if said in ("SPM", "YA", "Y"):
        return True
    if said in ("NON-SPM", "NONSPM", "BUKANSPM", "TIDAK", "T"):
        return False
    warn(row, "spm", text, "SPM tidak dikenal (SPM atau NON-SPM): dibiarkan kosong")
    return None


def _tags(value: object) -> list[str]:
    """TAG as the file writes it: a JSON list (``[null]`` is none), else the text as one tag."""
    text = str(value or "").strip()
    if not text:
        return []
    try:
        found = json.loads(text)
    except ValueError:
        return [" ".join(text.split())]
    listed = found if isinstance(found, list) else [found]
    return [" ".join(str(t).split()) for t in listed if t is not None and str(t).strip()]


def _previous(text: str, row: int, warn) -> tuple[str | None, str | None]:
    if not text or text in ("-", "–"):
        return None, None
    code, name = split_code(text)
    if code is None or len(code.split(".")) != 6:
        warn(row, "previous", text, "subkegiatan sebelumnya tanpa kode sub kegiatan: hanya namanya disimpan")
        return None, text
    return code, name or None


_CORE = {"dcterms": "http://purl.org/dc/terms/"}


def _file_date(content: bytes, file_name: str) -> dt.date | None:
    """The workbook's own date (modified, else created, in its properties); None for other files."""
    if Path(file_name).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml")[:100_000])
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    for tag in ("modified", "created"):
        found = core.find(f"dcterms:{tag}", _CORE)
        if found is not None and found.text:
            try:
                return dt.datetime.fromisoformat(found.text.strip()).date()
            except ValueError:
                continue
    return None


# --- storing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NomenclatureLoad:
    """What loading a file did: the version it became (``stored``), would become (``dry_run``) or
    already is (``unchanged``: the same file as the reference in force), and what the file holds."""

    read: NomenclatureRead
    version: int
    label: str
    outcome: Literal["stored", "dry_run", "unchanged"]

    def lines(self) -> list[str]:
        said = {
            "stored": f"Dimuat sebagai versi {self.version} «{self.label}»: kini menjadi referensi"
            + ("; versi sebelumnya tetap disimpan." if self.version > 1 else "."),
            "dry_run": f"Belum dimuat (--dry-run): akan menjadi versi {self.version} «{self.label}».",
            "unchanged": f"Berkas ini sama dengan versi {self.version} «{self.label}» yang berlaku: tidak dimuat lagi.",
        }
        return [*self.read.lines(), said[self.outcome]]


def default_label(read: NomenclatureRead) -> str:
    """The file's own name and date, as a version is called when the admin gives no label."""
    return f"{read.file_name} ({fmt_date(read.file_date)})" if read.file_date else read.file_name


def load_nomenclature(
    store: Store, content: bytes, file_name: str, *, label: str | None = None, dry_run: bool = False
) -> NomenclatureLoad:
    """Read the file and store it as the newest version of the reference (all or nothing, audited).
    A file that is not the nomenclature, or has no sub-kegiatan row, is refused whole; the same file
    as the version in force is not stored again; ``dry_run`` reads and counts only."""
    require(Action.SETTINGS)
    read = read_nomenclature(content, file_name)
    if read.errors:
        raise InputRejected(read.problems)
    digest = hashlib.sha256(content).hexdigest()
    said = " ".join((label or "").split()) or default_label(read)
    current = store.rows("SELECT id, label, file_sha256 FROM nomenclature_version ORDER BY id DESC LIMIT 1")
    if current and current[0][2] == digest:
        return NomenclatureLoad(read, current[0][0], current[0][1], "unchanged")
    if dry_run:
        return NomenclatureLoad(read, current[0][0] + 1 if current else 1, said, "dry_run")
    with store.write() as w:
        version = w.next_id("nomenclature_version")
        w.execute(
            "INSERT INTO nomenclature_version (id, label, file_name, file_date, file_sha256, loaded_at, loaded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [version, said, file_name, read.file_date, digest, dt.datetime.now().replace(microsecond=0), actor_name()],
        )
        w.insert_df("nomenclature_entry", read.entries.assign(version_id=version)[["version_id", *ENTRY_COLUMNS]])
        w.audit(
            "nomenklatur.muat",
            f"nomenklatur Kemendagri versi {version}",
            None,
            {"label": said, "berkas": file_name, "baris": len(read.entries), **read.counts()},
        )
    return NomenclatureLoad(read, version, said, "stored")


_VERSIONS_SQL = """
SELECT v.id, v.label, v.file_name, v.file_date, v.loaded_at, v.loaded_by,
       count(e.row_number) AS rows,
       count(DISTINCT e.bidang_code) AS bidang, count(DISTINCT e.program_code) AS program,
       count(DISTINCT e.kegiatan_code) AS kegiatan, count(DISTINCT e.code) AS sub_kegiatan
FROM nomenclature_version v LEFT JOIN nomenclature_entry e ON e.version_id = v.id
GROUP BY ALL
ORDER BY v.id DESC
"""
VERSION_COLUMNS = {
    "id": "Versi",
    "label": "Label",
    "file_name": "Berkas",
    "file_date": "Tanggal berkas",
    "loaded_at": "Dimuat",
    "loaded_by": "Oleh",
    "rows": "Baris",
    "bidang": "Bidang",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
}


def nomenclature_versions(store: Store) -> pd.DataFrame:
    """Every loaded version, newest (the reference in force) first, with what it holds."""
    found = store.df(_VERSIONS_SQL)
    found["file_date"] = [d.date() if pd.notna(d) else None for d in found["file_date"]]
    return found


def versions_shown(versions: pd.DataFrame) -> pd.DataFrame:
    """The versions as the page lists them: Indonesian headings and dates, the reference marked."""
    shown = versions.rename(columns=VERSION_COLUMNS)
    shown["Tanggal berkas"] = [fmt_date(d) if pd.notna(d) else "" for d in versions["file_date"]]
    shown["Dimuat"] = [fmt_datetime(d) for d in versions["loaded_at"]]
    shown.insert(1, "Status", ["berlaku" if n == 0 else "lama" for n in range(len(shown))])
    return shown


def reference_version(store: Store) -> tuple[int, str] | None:
    """The version in force (the newest) and its label; None before any is loaded."""
    found = store.rows("SELECT id, label FROM nomenclature_version ORDER BY id DESC LIMIT 1")
    return (int(found[0][0]), str(found[0][1])) if found else None
