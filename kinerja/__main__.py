"""The command line: ``python -m kinerja COMMAND``. A public interface planners script against:
commands, options and output columns stay stable. Exit 0 on success, 2 on bad input (the reason
on stderr), 1 on any other failure."""

from __future__ import annotations

import argparse
import getpass
import io
import sys
import zipfile
from pathlib import Path

import duckdb

from kinerja import demo
from kinerja.access.accounts import (
    AccountError,
    NewAccount,
    SignInRefused,
    accounts,
    actor_of,
    add_account,
    set_active,
    set_password,
)
from kinerja.access.roles import SYSTEM, Action, Forbidden, Role, acting_as, current, require, set_actor
from kinerja.cascade.importing import import_cascade
from kinerja.cascade.kinds import CASCADE_KINDS, PLAN_KINDS, FileKind, Recognised, file_kind
from kinerja.cascade.nomenclature import load_nomenclature, nomenclature_versions
from kinerja.cascade.sasaran import join_plan
from kinerja.cascade.stored import tree_frame
from kinerja.collection.datafile import Period
from kinerja.collection.mapping import parse_data_map_options
from kinerja.collection.template import TemplateError, unit_template
from kinerja.collection.upload import import_files
from kinerja.domain.achievement import Aggregation, Polarity
from kinerja.domain.numbers import fmt_number
from kinerja.domain.period import roman, year_in_progress
from kinerja.domain.problems import InputRejected, shown
from kinerja.domain.recap import CLI_COLUMNS, display_recap, with_progress_text
from kinerja.domain.vocabulary import parse_aggregation, parse_polarity
from kinerja.evaluation.assessment import assess, save_answer
from kinerja.evaluation.export import evidence_pack, lke_workbook
from kinerja.evaluation.rules import known_rules
from kinerja.evaluation.worksheet import STAGES, load_version
from kinerja.planning.columns import parse_map_options, remembered_mappings
from kinerja.planning.manual_iku import manual_findings, manual_frame
from kinerja.planning.renstra import plan_codes, renstra_outcome
from kinerja.planning.saving import check_plan, plan_outcomes, save_plan
from kinerja.planning.stored import plan_years
from kinerja.planning.unsaid import carried_lines
from kinerja.planning.workbook import plan_template, read_plan_file
from kinerja.reporting import lkjip, renja_form
from kinerja.reporting import quarterly as reports
from kinerja.reporting.manual_iku import manual_iku_docx
from kinerja.reporting.rhk import rhk_matrix, rhk_xlsx
from kinerja.storage import backup
from kinerja.storage.backup import BackupError
from kinerja.storage.config import ConfigError
from kinerja.storage.figures import recap
from kinerja.storage.settings import DEFAULTS, office_settings, settings_in_force
from kinerja.storage.store import Store, StoreBusyError, StoreDamagedError, resolve_db_path
from kinerja.storage.transfer import TransferError, copy_database
from kinerja.workbook.spreadsheet import SpreadsheetError
from kinerja.workflow.lock import unlock_plan
from kinerja.workflow.year_settings import EARLIEST_YEAR, LATEST_YEAR, change_settings

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """The user's input is wrong; the message says why."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="berkas basis data (bawaan: $KINERJA_DB atau data/kinerja.duckdb)"
    )
    parser = argparse.ArgumentParser(
        prog="python -m kinerja", description="Kinerja: data kinerja SAKIP.", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    init = commands.add_parser("init", parents=[common], help="buat atau perbarui basis data")
    init.add_argument("--demo-if-empty", action="store_true", help="muat data demo bila belum ada rencana apa pun")

    demo_cmd = commands.add_parser("demo", parents=[common], help="muat data demo (atau hapus dengan --remove)")
    demo_cmd.add_argument("--remove", action="store_true", help="hapus data demo")

    plan = commands.add_parser(
        "import-plan", parents=[common], help="impor Perjanjian Kinerja + Rencana Aksi (xlsx/csv)"
    )
    plan.add_argument("file", type=Path, metavar="BERKAS")
    plan.add_argument("--year", type=int, help="tahun rencana (bawaan: dari judul berkas, mis. 'TAHUN 2026')")
    plan.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    plan.add_argument(
        "--strict",
        action="store_true",
        help="tolak unit penanggung jawab yang belum ada (bawaan: dibuat sebagai unit baru)",
    )
    plan.add_argument(
        "--merge",
        action="store_true",
        help="pohon kinerja: gabungkan berkas ke pohon tahun itu (simpul berkode sama diperbarui, kode baru "
        "ditambahkan, simpul lain tetap) alih-alih mengganti seluruh pohon",
    )
    plan.add_argument(
        "--join-similar",
        action="store_true",
        help="sasaran pohon kinerja yang kalimatnya mirip sasaran PK tahun itu digabung ke sasaran PK itu (bawaan: "
        "hanya diperingatkan, dengan kedua kalimatnya; kalimat sama persis selalu digabung)",
    )
    plan.add_argument(
        "--replace-indicators",
        action="store_true",
        help="pohon kinerja, mengganti pohon: indikator simpul yang tidak disebut berkas ikut dihapus (bawaan: tetap)",
    )
    plan.add_argument(
        "--unit",
        help="unit penanggung jawab indikator baru yang tidak menyebutnya (boleh unit baru; indikator lanjutan "
        "memakai unitnya di tahun lain)",
    )
    plan.add_argument("--sasaran", help="sasaran strategis baris yang tidak menyebutnya (berkas tanpa kolom sasaran)")
    plan.add_argument(
        "--default-polarity",
        metavar="POSITIF|NEGATIF",
        help="polaritas indikator baru yang tidak disebut berkas (bawaan: ditolak, dengan usulan dari kata indikator)",
    )
    plan.add_argument(
        "--default-aggregation",
        metavar="KUMULATIF|NILAI_AKHIR|RATA_RATA|RASIO",
        help="agregasi indikator baru yang tidak disebut berkas (bawaan: ditolak, dengan usulan dari kata indikator)",
    )
    plan.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="JUDUL=KOLOM",
        help="kolom berkas berjudul JUDUL dibaca sebagai KOLOM, mis. 'Uraian=Indikator Kinerja' (boleh berulang; "
        "ditambah pemetaan yang disimpan di halaman Perencanaan)",
    )

    nomen = commands.add_parser(
        "nomenklatur",
        parents=[common],
        help="muat nomenklatur Kemendagri (daftar sub kegiatan nasional) sebagai referensi pohon kinerja",
    )
    nomen.add_argument("file", type=Path, nargs="?", metavar="BERKAS")
    nomen.add_argument("--dry-run", action="store_true", help="periksa dan hitung saja, jangan muat")
    nomen.add_argument("--label", help="nama versi (bawaan: nama dan tanggal berkas)")
    nomen.add_argument("--versions", action="store_true", help="daftar versi yang dimuat (CSV), terbaru dulu")

    unlock = commands.add_parser(
        "unlock-plan", parents=[common], help="izinkan satu perubahan rencana tahun yang laporannya sudah final"
    )
    unlock.add_argument("--year", type=int, required=True)
    unlock.add_argument("--reason", required=True, help="alasan (tercatat di jejak audit)")

    sets = commands.add_parser(
        "settings",
        parents=[common],
        help="pengaturan perhitungan yang berlaku untuk satu tahun (CSV: key,value,from_year), atau ubah satu (set)",
    )
    sets.add_argument("--year", type=int, help="tahun (bawaan: tahun berjalan)")
    set_one = sets.add_subparsers(dest="settings_command", metavar="AKSI").add_parser(
        "set",
        parents=[common],
        help="ubah satu pengaturan mulai satu tahun (tercatat di jejak audit; tahun yang laporannya sudah final "
        "hanya setelah unlock-plan)",
    )
    set_one.add_argument("key", metavar="KUNCI", help=f"salah satu dari: {', '.join(DEFAULTS)}")
    set_one.add_argument("value", metavar="NILAI")
    set_one.add_argument("--from-year", type=int, help="berlaku mulai tahun ini (bawaan: tahun berjalan)")

    tpl = commands.add_parser(
        "template", parents=[common], help="buat templat data triwulan untuk satu unit, atau templat rencana (--plan)"
    )
    tpl.add_argument("--plan", action="store_true", help="templat PK + Rencana Aksi tahun itu (terisi bila sudah ada)")
    tpl.add_argument("--unit", help="kode unit (templat data triwulan)")
    tpl.add_argument("--year", type=int, required=True)
    tpl.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="triwulan (templat data triwulan)")
    tpl.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.xlsx")

    imp = commands.add_parser("import", parents=[common], help="impor data triwulan dari templat atau spreadsheet unit")
    imp.add_argument("files", type=Path, nargs="+", metavar="BERKAS")
    imp.add_argument("--year", type=int, help="tahun (bila berkas tidak menyebutnya)")
    imp.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="triwulan (bila berkas tidak menyebutnya)")
    imp.add_argument("--unit", help="kode unit pengirim (bawaan: unit penanggung jawab tiap indikator)")
    imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    imp.add_argument("--strict", action="store_true", help="tolak berkas yang punya peringatan")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="JUDUL=KOLOM",
        help="kolom berkas berjudul JUDUL dibaca sebagai KOLOM, mis. 'realisasi_2025=Realisasi' (boleh berulang; "
        "ditambah pemetaan yang disimpan di halaman Unggah Data)",
    )

    rec = commands.add_parser("recap", parents=[common], help="rekap capaian per indikator untuk satu triwulan")
    rec.add_argument("--year", type=int, required=True)
    rec.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4))
    rec.add_argument("--unit", help="kode unit (beserta unit di bawahnya)")
    rec.add_argument("--format", choices=("csv", "table"), default="csv")

    tree = commands.add_parser(
        "tree", parents=[common], help="pohon kinerja satu tahun: satu baris per simpul dan indikator"
    )
    tree.add_argument("--year", type=int, required=True)
    tree.add_argument("--quarter", type=int, default=4, choices=(1, 2, 3, 4), help="triwulan skor capaian (bawaan: IV)")
    tree.add_argument("--format", choices=("csv", "table"), default="csv")

    report = commands.add_parser("report", parents=[common], help="susun draf laporan kinerja (docx/xlsx)")
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="triwulan (laporan triwulan)")
    report.add_argument("--pk", action="store_true", help="dokumen Perjanjian Kinerja tahun itu")
    report.add_argument("--format", choices=("docx", "xlsx"), help="bawaan: dari akhiran berkas keluaran")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS")

    lke = commands.add_parser(
        "lke", parents=[common], help="Lembar Kerja Evaluasi AKIP: jawaban dari data, nilai dan predikat (xlsx)"
    )
    lke.add_argument("--year", type=int, required=True, help="tahun kinerja yang dievaluasi")
    lke.add_argument("-o", "--output", type=Path, metavar="BERKAS", help="tulis LKE ke BERKAS.xlsx (tata letak daerah)")
    lke.add_argument(
        "--bukti", type=Path, metavar="FOLDER", help="tulis bukti dukung ke FOLDER, satu folder per kriteria"
    )
    lke.add_argument(
        "--load", type=Path, metavar="BERKAS.json", help="muat versi lembar kerja (JSON) untuk tahun ini dan sesudahnya"
    )
    lke.add_argument("--format", choices=("csv", "table"), default="csv", help="daftar kriteria di keluaran standar")
    lke.add_argument(
        "--answer",
        action="append",
        metavar="KODE=JAWABAN",
        help="simpan jawaban kriteria (boleh berulang; KODE= mengosongkan)",
    )
    lke.add_argument("--stage", choices=STAGES, default="mandiri", help="kolom yang dijawab --answer (bawaan: mandiri)")
    lke.add_argument("--reason", help="alasan (wajib bila mengubah jawaban mandiri yang dihitung)")
    lke.add_argument("--note", help="catatan kolom itu")
    lke.add_argument(
        "--as",
        dest="account",
        metavar="AKUN",
        help="jawab sebagai akun ini (verifikator Bappeda/Organisasi, Inspektorat)",
    )

    bak = commands.add_parser(
        "backup", parents=[common], help="cadangkan seluruh basis data (rencana, data, berkas asli, pengaturan)"
    )
    bak.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER", help="folder baru atau kosong")
    res = commands.add_parser(
        "restore",
        parents=[common],
        help="pulihkan basis data dari folder cadangan (berkas lama disimpan di sampingnya)",
    )
    res.add_argument("folder", type=Path, metavar="FOLDER")
    res.add_argument(
        "--accept-unsigned",
        action="store_true",
        help="terima cadangan tanpa tanda tangan (dibuat versi lama Kinerja); isinya tetap diperiksa",
    )
    mig = commands.add_parser(
        "migrate", parents=[common], help="salin seluruh basis data ke penyimpanan lain (DuckLake atau berkas)"
    )
    mig.add_argument("--to", required=True, metavar="TUJUAN", help="ducklake:… atau berkas .duckdb (kosong)")

    form = commands.add_parser("form", parents=[common], help="formulir wajib dari angka Kinerja (Evaluasi Renja, …)")
    forms = form.add_subparsers(dest="form_command", required=True, metavar="FORMULIR")
    renja = forms.add_parser(
        "renja", parents=[common], help="Evaluasi terhadap Hasil Renja Perangkat Daerah (Permendagri 86/2017), .xlsx"
    )
    renja.add_argument("--year", type=int, required=True)
    renja.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4))
    renja.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS", help="berkas .xlsx")
    manual = forms.add_parser(
        "manual-iku", parents=[common], help="Manual IKU: definisi operasional dan formula tiap indikator PK, .docx"
    )
    manual.add_argument("--year", type=int, required=True)
    manual.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS", help="berkas .docx")
    rhk = forms.add_parser(
        "rhk", parents=[common], help="Matriks Peran Hasil: hasil kerja tiap pejabat dari pohon kinerja, .xlsx"
    )
    rhk.add_argument("--year", type=int, required=True)
    rhk.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS", help="berkas .xlsx")

    user = commands.add_parser("user", parents=[common], help="kelola akun (tambah, daftar, sandi, nonaktifkan)")
    users = user.add_subparsers(dest="user_command", required=True, metavar="AKSI")
    add = users.add_parser(
        "add",
        parents=[common],
        help="tambah akun; kata sandi ditanyakan di terminal, atau satu baris dari stdin",
    )
    add.add_argument("name", metavar="NAMA")
    add.add_argument("--role", required=True, choices=sorted(ROLE_NAMES), help="peran akun")
    add.add_argument("--unit", help="kode unit (wajib untuk operator dan peninjau)")
    add.add_argument("--display-name", default="", help="nama lengkap dan jabatan")
    add.add_argument("--email", help="e-mail untuk masuk lewat OpenID Connect")
    add.add_argument("--no-password", action="store_true", help="hanya masuk lewat OpenID Connect (perlu --email)")
    users.add_parser("list", parents=[common], help="daftar akun (CSV)")
    passwd = users.add_parser("passwd", parents=[common], help="ganti kata sandi akun")
    passwd.add_argument("name", metavar="NAMA")
    disable = users.add_parser("disable", parents=[common], help="nonaktifkan akun")
    disable.add_argument("name", metavar="NAMA")
    return parser


ROLE_NAMES = {r.value: r for r in Role} | {"reviewer": Role.REVIEWER, "leader": Role.LEADER}
USER_COLUMNS = ["name", "display_name", "role", "unit_code", "email", "active"]


def _read_password() -> str:
    """From a terminal: asked twice, never echoed. Otherwise: the first line of stdin. Never an
    argument, which would stay in the shell's history and the process list."""
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi: ")
        if getpass.getpass("Ulangi kata sandi: ") != first:
            raise BadInput("kedua kata sandi tidak sama")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise BadInput("kata sandi kosong: berikan satu baris di stdin")
    return line


def _report(store: Store, args: argparse.Namespace) -> int:
    kind = args.format or args.output.suffix.lstrip(".").lower()
    if kind not in ("docx", "xlsx"):
        raise BadInput(f"format keluaran tidak dikenal: '{args.output.suffix}'; gunakan .docx, .xlsx atau --format")
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja tahun {args.year}")
    if args.pk and args.quarter:
        raise BadInput("--pk dan --quarter tidak dapat dipakai bersama")
    if args.pk:
        title = f"Perjanjian Kinerja {args.year}"
        content = lkjip.pk_docx(store, args.year) if kind == "docx" else lkjip.annual_xlsx(store, args.year)
    elif args.quarter:
        title = f"Laporan Kinerja TW {roman(args.quarter)} {args.year}"
        content = (
            reports.quarterly_docx(store, args.year, args.quarter)
            if kind == "docx"
            else reports.quarterly_xlsx(store, args.year, args.quarter)
        )
    else:
        title = f"LKjIP {args.year}"
        content = lkjip.annual_docx(store, args.year) if kind == "docx" else lkjip.annual_xlsx(store, args.year)
    args.output.write_bytes(content)
    print(f"{title} ditulis ke {args.output} ({len(content):,} bita).")
    return EXIT_OK


def _form(store: Store, args: argparse.Namespace) -> int:
    """``form SUBCOMMAND``: each statutory form by its own function (FORMS)."""
    return FORMS[args.form_command](store, args)


def _form_renja(store: Store, args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".xlsx":
        raise BadInput(f"berkas keluaran harus berakhiran .xlsx, bukan '{args.output.suffix or '(tanpa akhiran)'}'")
    if not args.output.parent.is_dir():
        raise BadInput(f"folder tidak ditemukan: {args.output.parent}")
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja tahun {args.year}")
    figures = renja_form.renja_figures(store, args.year, args.quarter)
    content = renja_form.renja_xlsx(store, args.year, args.quarter)
    args.output.write_bytes(content)
    print(
        f"Evaluasi Renja TW {roman(args.quarter)} {args.year} ditulis ke {args.output} "
        f"({len(figures.lines)} baris, {len(content):,} bita)."
    )
    missing = renja_form.missing_renstra(figures)
    if missing:
        print(
            f"Peringatan: kolom 5 dan 6 (Renstra) belum diisi untuk {len(missing)} baris; dibiarkan kosong. "
            "Isi di halaman Laporan → Evaluasi Renja.",
            file=sys.stderr,
        )
    return EXIT_OK


def _form_output(store: Store, args: argparse.Namespace, suffix: str) -> None:
    """The form's output path and year, checked before anything is written."""
    if args.output.suffix.lower() != suffix:
        raise BadInput(f"berkas keluaran harus berakhiran {suffix}, bukan '{args.output.suffix or '(tanpa akhiran)'}'")
    if not args.output.parent.is_dir():
        raise BadInput(f"folder tidak ditemukan: {args.output.parent}")
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja tahun {args.year}")


def _form_manual_iku(store: Store, args: argparse.Namespace) -> int:
    _form_output(store, args, ".docx")
    frame = manual_frame(store, args.year)
    content = manual_iku_docx(store, args.year, frame)
    args.output.write_bytes(content)
    keys = int(frame["is_key"].sum())
    print(
        f"Manual IKU {args.year} ditulis ke {args.output} ({len(frame)} indikator, {keys} IKU; {len(content):,} bita)."
    )
    found = manual_findings(frame, args.year)
    for finding in found:
        if finding.kind == "temuan":
            print(finding.line(), file=sys.stderr)
    notes = sum(f.kind == "catatan" for f in found)
    if notes:
        print(
            f"{notes} catatan kelengkapan (mis. sumber data, frekuensi, alasan target): isi di Perencanaan.",
            file=sys.stderr,
        )
    return EXIT_OK


def _form_rhk(store: Store, args: argparse.Namespace) -> int:
    _form_output(store, args, ".xlsx")
    matrix = rhk_matrix(store, args.year)
    if matrix.empty:
        raise BadInput(f"pohon kinerja {args.year} belum ada: impor atau susun di halaman Pohon Kinerja")
    content = rhk_xlsx(store, args.year, matrix)
    args.output.write_bytes(content)
    officials = matrix["Jabatan"].nunique()
    print(f"Matriks Peran Hasil {args.year} ditulis ke {args.output} ({officials} pejabat, {len(matrix)} baris).")
    return EXIT_OK


LKE_COLUMNS = ["kode", "bobot", "sumber", "mandiri", "nilai_mandiri", "aturan", "angka"]


def _lke(store: Store, args: argparse.Namespace) -> int:
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja tahun {args.year}")
    if args.output and args.output.suffix.lower() != ".xlsx":
        raise BadInput(f"LKE ditulis sebagai .xlsx, bukan '{args.output.suffix}'")
    if args.bukti and args.bukti.exists() and any(args.bukti.iterdir()):
        raise BadInput(f"folder bukti {args.bukti} sudah berisi; pilih folder baru atau kosong")
    if args.answer:
        _lke_answers(store, args)
    if args.load:
        if not args.load.is_file():
            raise BadInput(f"berkas lembar kerja tidak ada: {args.load}")
        sheet = load_version(store, args.year, args.load.read_bytes(), args.load.name, known_rules())
        print(f"Lembar kerja «{sheet.name}» dimuat untuk {args.year} dan sesudahnya.", file=sys.stderr)
    found = assess(store, args.year)
    frame = found.criteria[LKE_COLUMNS].assign(nilai_mandiri=found.criteria["nilai_mandiri"].round(4))
    if args.format == "table":
        print(frame.astype(object).fillna("").to_string(index=False))
    else:
        frame.map(_csv_value).to_csv(sys.stdout, index=False, lineterminator="\n")
    grade = found.grade("mandiri")
    total = f"{found.totals['mandiri']:.2f}".replace(".", ",")
    print(f"Nilai penilaian mandiri {args.year}: {total} — predikat {grade.grade} ({grade.words}).", file=sys.stderr)
    if args.output:
        args.output.write_bytes(lke_workbook(store, found))
        print(f"LKE {args.year} ditulis ke {args.output}.", file=sys.stderr)
    if args.bukti:
        args.bukti.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(io.BytesIO(evidence_pack(store, found))) as pack:
            pack.extractall(args.bukti)
        print(f"Bukti dukung LKE {args.year} ditulis ke {args.bukti}.", file=sys.stderr)
    return EXIT_OK


def _lke_answers(store: Store, args: argparse.Namespace) -> None:
    """Each --answer saved in --stage's column, as --as's account when given (its role decides
    which columns it answers), else as whoever runs the command line: the office."""
    pairs = [a.partition("=") for a in args.answer]
    if bad := [a for a, sep, _ in pairs if not sep or not a.strip()]:
        raise BadInput(f"--answer ditulis KODE=JAWABAN, bukan '{bad[0]}'")
    try:
        with acting_as(actor_of(store, args.account) if args.account else current()):
            for code, _, answer in pairs:
                save_answer(store, args.year, code.strip(), args.stage, answer.strip().upper() or None,
                            reason=args.reason, note=args.note)  # fmt: skip
                print(f"Jawaban {code.strip()} kolom {args.stage} disimpan.", file=sys.stderr)
    except (Forbidden, SignInRefused) as exc:
        raise BadInput(str(exc)) from exc


def _user(store: Store, args: argparse.Namespace) -> int:
    try:
        if args.user_command == "add":
            password = None if args.no_password else _read_password()
            new = NewAccount(args.name, ROLE_NAMES[args.role], password, args.unit, args.display_name, args.email)
            add_account(store, new)
            print(f"Akun {args.name.lower()} ({ROLE_NAMES[args.role].value}) dibuat.")
        elif args.user_command == "list":
            accounts(store)[USER_COLUMNS].to_csv(sys.stdout, index=False)
        elif args.user_command == "passwd":
            set_password(store, args.name.lower(), _read_password())
            print(f"Kata sandi akun {args.name.lower()} diganti.")
        elif args.user_command == "disable":
            set_active(store, args.name.lower(), False)
            print(f"Akun {args.name.lower()} dinonaktifkan.")
    except AccountError as exc:
        raise BadInput(str(exc)) from exc
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    set_actor(SYSTEM)  # whoever runs the command line holds the database file itself
    try:
        if args.command == "restore":  # the target must not be opened (and locked, or created) first
            return _restore(args)
        store = Store(getattr(args, "db", None))
        return COMMANDS[args.command](store, args)
    except (BadInput, StoreBusyError, StoreDamagedError, BackupError, ConfigError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        if isinstance(exc, StoreBusyError) and args.command == "backup":
            print(
                "Selagi aplikasi berjalan, cadangkan dari halaman Pengaturan → Cadangan, "
                "atau jalankan aplikasi dengan KINERJA_BACKUP_DIR untuk cadangan harian.",
                file=sys.stderr,
            )
        return EXIT_BAD_INPUT
    except InputRejected as exc:
        for problem in shown(exc.problems):
            print(problem, file=sys.stderr)
        print(f"Ditolak: {len(exc.errors)} galat; tidak ada yang disimpan.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the output was piped into a command that stopped reading (head)
        sys.stderr.close()
        return EXIT_OK
    except duckdb.IOException as exc:
        if "space left" in str(exc).lower() or "disk full" in str(exc).lower():
            print(
                "Galat: disk penuh; perintah dihentikan dan tidak ada yang disimpan (perubahan dibatalkan). "
                "Kosongkan ruang disk lalu ulangi.",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        print(f"Gagal: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # the last resort: a message, never a traceback, for scripts to log
        print(f"Gagal: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _init(store: Store, args: argparse.Namespace) -> int:
    print(f"Basis data siap: {store.path} (skema versi {store.schema_version()})")
    if args.demo_if_empty and not plan_years(store):
        demo.load_demo(store)
        print(f"Data demo dimuat: {demo.OFFICE}, tahun {', '.join(map(str, demo.YEARS))}.")
    return EXIT_OK


def _demo(store: Store, args: argparse.Namespace) -> int:
    if args.remove:
        demo.remove_demo(store)
        print("Data demo dihapus.")
        return EXIT_OK
    try:
        demo.load_demo(store)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    print(f"Data demo dimuat: {demo.OFFICE}, tahun {', '.join(map(str, demo.YEARS))}.")
    return EXIT_OK


def _import_plan(store: Store, args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise BadInput(f"berkas tidak ditemukan: {args.file}")
    try:
        given = parse_map_options(args.map)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    content = args.file.read_bytes()
    found = file_kind(content, args.file.name)
    kind = found.read_as(PLAN_KINDS)
    if kind in CASCADE_KINDS:
        return _import_cascade(store, args, content, found)
    if kind is None and not (given and found.kind is FileKind.QUARTERLY):  # mapped by hand: a plan
        raise InputRejected([found.refusal(PLAN_KINDS)])
    draft = read_plan_file(
        content, args.file.name, args.year, remembered_mappings(store, content, args.file.name) | given
    )
    draft.strict, draft.default_unit, draft.default_sasaran = args.strict, args.unit, args.sasaran
    draft.default_polarity, draft.default_aggregation = _plan_defaults(args)
    if args.dry_run:
        problems = draft.problems + check_plan(store, draft)
        for problem in shown(problems):
            print(problem, file=sys.stderr)
        print(
            f"Terbaca {len(draft.rows)} indikator, {len(draft.programmes)} program, {len(draft.units)} unit untuk tahun {draft.year}."
        )
        for column in draft.columns:
            print(_column_line(column))
        if draft.year is not None and not any(p.severity == "error" for p in problems):
            outcomes = plan_outcomes(store, draft)
            for outcome in outcomes:
                print(_outcome_line(outcome))
            for line in carried_lines([o.row for o in outcomes]):
                print(line)
            for line in renstra_outcome(store, draft, plan_codes(outcomes)).lines():
                print(line)
        return EXIT_BAD_INPUT if any(p.severity == "error" for p in problems) else EXIT_OK
    summary = save_plan(store, draft)
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith(("Peringatan", "Galat")) else sys.stdout)
    if summary.saved:  # the year's tree, drawn before the PK: its sasaran join the PK's
        try:
            joined = join_plan(store, int(draft.year), similar=args.join_similar)  # type: ignore[arg-type]
        except InputRejected as exc:
            print(f"Peringatan: pohon kinerja {draft.year} tidak digabung ke PK: {exc.problems[0].message}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_OK
        for line in joined.lines():
            print(line, file=sys.stderr if line.startswith("Peringatan") else sys.stdout)
    return EXIT_OK


def _plan_defaults(args: argparse.Namespace) -> tuple[Polarity | None, Aggregation | None]:
    """--default-polarity and --default-aggregation in the words planners write (DOMAIN.md)."""
    polarity = aggregation = None
    if args.default_polarity is not None:
        polarity = parse_polarity(args.default_polarity)
        if polarity not in (Polarity.POSITIVE, Polarity.NEGATIVE):
            raise BadInput(f"--default-polarity '{args.default_polarity}' tidak dikenal: gunakan POSITIF atau NEGATIF")
    if args.default_aggregation is not None:
        aggregation = parse_aggregation(args.default_aggregation)
        if aggregation is None:
            raise BadInput(
                f"--default-aggregation '{args.default_aggregation}' tidak dikenal: "
                "gunakan KUMULATIF, NILAI_AKHIR, RATA_RATA atau RASIO"
            )
    return polarity, aggregation


def _import_cascade(store: Store, args: argparse.Namespace, content: bytes, found: Recognised) -> int:
    """A cascade (a SIPD list, a Kertas Kerja Cascading, a drawn tree): the year's pohon kinerja."""
    if args.year is None:
        raise BadInput(f"berkas ini {found.said()}: sebutkan tahunnya dengan --year")
    summary = import_cascade(
        store,
        args.year,
        content,
        args.file.name,
        dry_run=args.dry_run,
        merge=args.merge,
        recognised=found,
        similar=args.join_similar,
        replace_indicators=args.replace_indicators,
    )
    for line in summary.lines():
        line = line.replace("disimpan", "terbaca (belum disimpan)") if args.dry_run else line
        print(line, file=sys.stderr if line.startswith("Peringatan") else sys.stdout)
    return EXIT_OK


NOMENCLATURE_VERSION_COLUMNS = ["id", "label", "file_name", "file_date", "loaded_at", "loaded_by", "rows", "bidang",
                                "program", "kegiatan", "sub_kegiatan"]  # fmt: skip


def _nomenclature(store: Store, args: argparse.Namespace) -> int:
    """The national nomenclature as the pohon kinerja's reference: a new version, or the list of them."""
    if args.versions:
        nomenclature_versions(store)[NOMENCLATURE_VERSION_COLUMNS].map(_csv_value).to_csv(
            sys.stdout, index=False, lineterminator="\n"
        )
        return EXIT_OK
    if args.file is None:
        raise BadInput("sebutkan berkas nomenklatur (xlsx/csv), atau --versions untuk daftar versinya")
    if not args.file.is_file():
        raise BadInput(f"berkas tidak ditemukan: {args.file}")
    try:
        loaded = load_nomenclature(
            store, args.file.read_bytes(), args.file.name, label=args.label, dry_run=args.dry_run
        )
    except SpreadsheetError as exc:  # not a readable spreadsheet
        raise BadInput(f"{args.file.name}: {exc}") from exc
    for problem in shown(loaded.read.problems):
        print(problem, file=sys.stderr)
    for line in loaded.lines():
        print(line)
    return EXIT_OK


def _column_line(column) -> str:
    """One column of a dry run: where its heading is, and what it is read as."""
    found = column.as_dict()
    return (
        f"kolom {found['Kolom']} '{found['Judul di berkas']}' (sheet {found['Sheet']}, baris {found['Baris judul']}) "
        f"→ {found['Dibaca sebagai']} ({found['Cara']})"
    )


def _outcome_line(outcome) -> str:
    """One row of a dry run: the file's row, the indicator it becomes, and how it was matched."""
    found = outcome.as_dict()
    parts = [f"baris {found['Baris']}", str(found["Kode"]), str(found["Indikator"]), str(found["Status"])]
    parts += [str(found[k]) for k in ("Dicocokkan lewat", "Perubahan", "Usulan", "Asal nilai") if found[k]]
    return " | ".join(parts)


def _recap(store: Store, args: argparse.Namespace) -> int:
    if args.unit and not store.scalar("SELECT 1 FROM unit WHERE upper(code) = upper(?)", [args.unit]):
        raise BadInput(f"unit tidak dikenal: {args.unit}")
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja untuk tahun {args.year}")
    frame = recap(store, args.year, args.quarter, args.unit)
    if args.format == "table":
        print(display_recap(frame).to_string(index=False))
    else:
        with_progress_text(frame)[CLI_COLUMNS].map(_csv_value).to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def _tree(store: Store, args: argparse.Namespace) -> int:
    frame = tree_frame(store, args.year, args.quarter)
    if frame.empty:
        raise BadInput(f"belum ada pohon kinerja untuk tahun {args.year}")
    if args.format == "table":
        print(frame.astype(object).fillna("").to_string(index=False))
    else:
        frame.map(_csv_value).to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


def _csv_value(value: object) -> object:
    """Numbers with a dot decimal and no exponent; empty where undefined."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and abs(value) != float("inf"):
        return f"{round(value, 6):f}".rstrip("0").rstrip(".")
    return value


def _template(store: Store, args: argparse.Namespace) -> int:
    if args.plan:
        args.output.write_bytes(plan_template(store, args.year, office_settings(store).office_name))
        print(f"Templat rencana {args.year} disimpan: {args.output}")
        return EXIT_OK
    if not args.unit or not args.quarter:
        raise BadInput("templat data triwulan membutuhkan --unit dan --quarter (atau --plan untuk templat rencana)")
    try:
        content = unit_template(store, args.unit, args.year, args.quarter)
    except TemplateError as exc:
        raise BadInput(str(exc)) from exc
    args.output.write_bytes(content)
    print(f"Templat disimpan: {args.output}")
    return EXIT_OK


def _import(store: Store, args: argparse.Namespace) -> int:
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        raise BadInput("berkas tidak ditemukan: " + ", ".join(missing))
    try:
        mapped = parse_data_map_options(args.map)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    given = Period(args.year, args.quarter, args.unit)
    refused = 0
    for path in args.files:  # each file read, checked, stored and reported before the next
        content = path.read_bytes()
        ((data, saved),) = import_files(
            store,
            [(path.name, content)],
            given,
            confirm_warnings=not args.strict,
            dry_run=args.dry_run,
            created_by=getpass.getuser(),
            mapped=mapped,  # over the columns mapped on the page, as the page reads them
        )
        for problem in shown(data.problems):
            print(problem, file=sys.stderr)
        money = f", {data.programme_spending} realisasi anggaran program" if data.programme_spending else ""
        print(f"{data.file_name}: {len(data.rows)} baris terbaca{money}", end="")
        if saved == []:
            print(" → tidak ada yang disimpan: semua angkanya sama dengan yang tersimpan")
        elif saved:
            print(
                " → disimpan: "
                + "; ".join(
                    f"{v.unit_code} {v.year} TW {roman(v.quarter)} versi {v.version} ({v.rows} baris, {v.changed} berubah)"
                    for v in saved
                )
            )
        elif args.dry_run and not data.errors:
            print(" → lolos pemeriksaan (tidak disimpan: --dry-run)")
        else:
            refused += 1
            reason = "galat" if data.errors else "peringatan (--strict)"
            print(f" → DITOLAK karena {reason}; tidak ada yang disimpan dari berkas ini")
        print(f"  rincian: {data.accounting()}")  # every data row of the file, stored or skipped and why
        if args.dry_run:
            for column in data.columns:
                print(f"  {_column_line(column)}")
    return EXIT_BAD_INPUT if refused else EXIT_OK


def _backup(store: Store, args: argparse.Namespace) -> int:
    require(Action.BACKUP)
    manifest = backup.backup(store, args.output)
    print(
        f"Cadangan ditulis ke {args.output}: {len(manifest.tables)} tabel, {fmt_number(manifest.rows)} baris "
        f"(skema versi {manifest.schema_version}), diperiksa."
    )
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    target = resolve_db_path(getattr(args, "db", None))
    manifest, kept = backup.restore(args.folder, target, accept_unsigned=args.accept_unsigned)
    print(
        f"Basis data {target} dipulihkan dari cadangan {manifest.created_at}: {len(manifest.tables)} tabel, "
        f"{fmt_number(manifest.rows)} baris, cocok nilai demi nilai"
        + (", tanda tangan cadangan sah." if manifest.signature else " (cadangan tanpa tanda tangan, diterima).")
    )
    if kept:
        print(f"Salinan berkas sebelumnya disimpan sebagai {kept}.")
    return EXIT_OK


def _migrate(store: Store, args: argparse.Namespace) -> int:
    require(Action.BACKUP)
    target = Store(args.to)
    try:
        digests = copy_database(store, target)
    except TransferError as exc:
        raise BadInput(str(exc)) from exc
    finally:
        target.close()
    rows = sum(int(d["rows"]) for d in digests.values())
    print(
        f"{len(digests)} tabel, {fmt_number(rows)} baris disalin dari {store.target.describe()} "
        f"ke {target.target.describe()}, cocok nilai demi nilai."
    )
    return EXIT_OK


def _settings(store: Store, args: argparse.Namespace) -> int:
    if args.settings_command == "set":
        if args.key not in DEFAULTS or args.key == "demo_loaded":
            raise BadInput(f"pengaturan tidak dikenal: '{args.key}'; yang dapat diubah: {', '.join(SETTABLE)}")
        from_year = args.from_year or year_in_progress()
        change = change_settings(store, {args.key: args.value}, from_year)
        print("\n".join(change.lines()))
        return EXIT_OK
    year = args.year or year_in_progress()
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise BadInput(f"tahun {year} di luar {EARLIEST_YEAR}–{LATEST_YEAR}")
    settings_in_force(store, year).to_csv(sys.stdout, index=False, lineterminator="\n")
    return EXIT_OK


SETTABLE = [k for k in DEFAULTS if k != "demo_loaded"]


def _unlock_plan(store: Store, args: argparse.Namespace) -> int:
    if args.year not in plan_years(store):
        raise BadInput(f"tidak ada rencana kinerja untuk tahun {args.year}")
    unlock_plan(store, args.year, args.reason)
    print(f"Kunci rencana {args.year} dibuka untuk satu perubahan; alasan tercatat di jejak audit.")
    return EXIT_OK


FORMS = {"renja": _form_renja, "manual-iku": _form_manual_iku, "rhk": _form_rhk}

COMMANDS = {
    "form": _form,
    "init": _init,
    "unlock-plan": _unlock_plan,
    "settings": _settings,
    "demo": _demo,
    "import-plan": _import_plan,
    "nomenklatur": _nomenclature,
    "template": _template,
    "import": _import,
    "recap": _recap,
    "tree": _tree,
    "report": _report,
    "lke": _lke,
    "user": _user,
    "backup": _backup,
    "migrate": _migrate,
}

if __name__ == "__main__":
    sys.exit(main())
