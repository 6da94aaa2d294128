"""Pieces of the Pohon Kinerja page: importing a program / kegiatan / sub-kegiatan list with a
preview of what each row becomes, editing the tree, its crosscutting links, its PDF."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja.cascade.importing import import_cascade
from kinerja.cascade.links import LinkStatus, links_frame, save_links
from kinerja.cascade.stored import (
    draft_from_edited,
    draft_with_indicators,
    dropped_links,
    indicators_for_editing,
    nodes_for_editing,
    save_tree,
)
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected, shown
from kinerja.reporting.chart_images import ChartImageError
from kinerja.reporting.tree_printing import tree_pdf
from kinerja.storage.store import Store
from kinerja.workbook.spreadsheet import UPLOAD_TYPES
from ui import keys
from ui.resources import data_version, flash
from ui.tables import edit_table, show_table
from ui.text import md_escape
from views.pohon_parts.sasaran import proposal_choices


def cascade_import(store: Store, year: int, empty: bool) -> None:
    """An admin's import: the file read, every row's fate shown, saved only on request."""
    with st.expander(
        "Impor pohon kinerja (daftar SIPD, Kertas Kerja Cascading, atau gambar kotak)",
        icon=":material/upload_file:",
        expanded=empty,
        key=f"pohon_impor_{year}",  # stays open while the messages above it come and go
        on_change="rerun",
    ):
        st.markdown(
            "Tiga bentuk berkas dibaca:\n"
            "- **Daftar SIPD**: kolom Program/Kegiatan/Sub Kegiatan berawalan kode Kemendagri (mis. 1.02.02.2.02.0001), "
            "Indikator, Target, Satuan, Pagu, dan Sasaran pada baris program;\n"
            "- **Kertas Kerja Cascading**: satu kolom per tingkat (Tujuan, Sasaran Strategis, Program, Kegiatan, "
            "Sub Kegiatan) dengan kolom indikatornya;\n"
            '- **Pohon yang digambar sebagai kotak sel**, menurut program atau menurut pejabat: sel "Sasaran : …", '
            '"Indikator : … (100%)" (teksnya di sel yang sama, di kanan, atau di bawahnya); "Sasaran 1" kepala, '
            '"Sasaran : 1" dan "1.1" menunjuk sasaran atasan yang didukung; judul unit ("BAGIAN …", "SUB BAGIAN …") '
            "memberi tingkat dan unit kotak di bawahnya; kotak lain tergantung pada kotak di atas kolomnya. Pohon "
            "yang digambar dengan kotak teks (shape) tidak terbaca: ekspor sebagai Kertas Kerja Cascading.\n\n"
            "Sasaran perangkat daerah diambil dari rencana tahun ini (dengan indikator PK-nya); sasaran yang belum ada "
            "di PK (pohon digambar dari Renstra sebelum PK ditandatangani) menjadi sasaran pohon dengan indikator dan "
            "targetnya dari berkas, dan sasaran PK yang kalimatnya mirip diusulkan sebagai sasaran yang sama. Berkas "
            "rencana, data triwulan atau nomenklatur disebut jenisnya dan tempat mengunggahnya."
        )
        uploaded = st.file_uploader("Berkas (xlsx, xls, csv)", type=UPLOAD_TYPES, key=f"pohon_berkas_{year}")
        merge = not empty and st.radio(
            "Berkas ini",
            [False, True],
            format_func=lambda joined: "digabung ke pohon yang ada" if joined else "mengganti seluruh pohon",
            horizontal=True,
            key=f"pohon_gabung_{year}",
            help="Digabung: simpul berkode sama diperbarui (yang kosong di berkas tetap), kode baru ditambahkan, "
            "simpul lain tetap; mis. Kertas Kerja untuk tingkat atas, lalu daftar sub kegiatan SIPD dengan pagunya.",
        )
        replacing = (
            not empty
            and not merge
            and st.checkbox(
                "Indikator yang tidak disebut berkas ikut dihapus",
                key=f"pohon_ganti_indikator_{year}",
                help="Bawaan: simpul yang tetap di pohon (mis. tujuan dan sasaran) menyimpan indikator yang tidak disebut "
                "berkas. Daftar yang terhapus selalu ditampilkan sebelum menyimpan.",
            )
        )
        if uploaded is None:
            return
        options = {"merge": merge, "replace_indicators": replacing}
        try:
            preview = import_cascade(store, year, uploaded.getvalue(), uploaded.name, dry_run=True, **options)
            accepted = proposal_choices(preview.first.proposals, f"usulan_pohon_{year}", file=True)
            if accepted:
                options["accepted"] = accepted
                preview = import_cascade(store, year, uploaded.getvalue(), uploaded.name, dry_run=True, **options)
        except InputRejected as exc:
            if len(exc.problems) == 1 and exc.problems[0].row is None:  # not a tree: what it is, where it goes
                st.error(md_escape(exc.problems[0].message), icon=":material/block:")
                return
            st.error(
                f"{md_escape(uploaded.name)} tidak dapat disimpan: {len(exc.errors)} galat. Tidak ada yang berubah."
            )
            show_table(pd.DataFrame([p.as_dict() for p in shown(exc.problems)]), hide_index=True, width="stretch")
            return
        except ValueError as exc:
            st.error(str(exc))
            return
        for line in preview.lines()[1:2]:
            st.markdown(md_escape(line))
        if preview.renamed_line():
            st.info(md_escape(preview.renamed_line()), icon=":material/swap_horiz:")
        if preview.dropped_line():
            st.warning(md_escape(preview.dropped_line()), icon=":material/link_off:")
        for line in preview.named.lines() if preview.named else []:  # names from the national nomenclature
            st.info(md_escape(line), icon=":material/menu_book:")
        for line in preview.sasaran_lines():  # the tree's own sasaran, the proposals accepted
            st.info(md_escape(line), icon=":material/flag:")
        for line in preview.loss_lines():  # every node and indicator the save drops (or keeps)
            st.warning(md_escape(line), icon=":material/delete:")
        if preview.warnings:
            st.warning(
                f"{len(preview.warnings)} peringatan (tidak menghalangi penyimpanan):", icon=":material/warning:"
            )
            show_table(pd.DataFrame([p.as_dict() for p in shown(preview.warnings)]), hide_index=True, width="stretch")
        show_table(
            pd.DataFrame(preview.read.rows, columns=["Sheet", "Baris", "Menjadi"]), hide_index=True, width="stretch"
        )
        if st.button("Simpan pohon kinerja", type="primary", icon=":material/save:", key=f"simpan_pohon_{year}"):
            try:
                saved = import_cascade(store, year, uploaded.getvalue(), uploaded.name, **options)
                flash(saved.lines()[0])
                st.rerun()
            except (InputRejected, PermissionError) as exc:
                st.error(str(exc))


def node_editor(store: Store, year: int) -> None:
    """An admin edits the nodes: rename, move under another parent (Kode Induk), add, remove. Each
    node keeps its indicators; the whole table is checked and saved at once, or refused with its rows."""
    st.caption(
        "Ubah nama, pindahkan simpul dengan mengganti Kode Induk, tambah baris baru atau hapus baris. Indikator setiap "
        "simpul tetap; seluruh tabel diperiksa dan disimpan sekaligus."
    )

    def save(edited: pd.DataFrame) -> str:
        nodes = draft_from_edited(store, year, edited)
        dropped = dropped_links(store, year, nodes)
        saved = save_tree(store, year, nodes)
        gone = f" Tautan crosscutting ikut terhapus bersama simpulnya: {'; '.join(dropped)}." if dropped else ""
        return f"Pohon kinerja {year} disimpan: {saved} simpul.{gone}"

    edit_and_save(
        nodes_for_editing(store, year),
        f"ubah_pohon_{year}",
        {
            "Tingkat": st.column_config.SelectboxColumn(options=[level.word for level in Level], required=True),
            "Nama": st.column_config.TextColumn(width="large", required=True),
            "Pagu (Rp)": st.column_config.NumberColumn(min_value=0, format="localized"),
            "Realisasi (Rp)": st.column_config.NumberColumn(min_value=0, format="localized"),
        },
        "Simpan perubahan pohon",
        save,
    )


_LINKS_SHOWN = ["Kode Simpul", "Perangkat Daerah Lain", "Status", "Alasan", "Kode Simpul Lain", "Nama Simpul Lain"]


def crosscutting(store: Store, year: int, codes: list[str], editing: bool) -> None:
    """The year's crosscutting links: an admin records them and their status, others read them."""
    links = links_frame(store, year)[_LINKS_SHOWN]  # the status in sight, the other node's words last
    st.caption(
        "Kinerja yang dikerjakan bersama perangkat daerah lain: diusulkan oleh kita, lalu diterima atau ditolak "
        "(dengan alasan) oleh perangkat daerah itu. Tautan yang belum diterima muncul di tab Pemeriksaan."
    )
    if not editing:
        if links.empty:
            st.info("Belum ada tautan crosscutting.")
        else:
            show_table(links, hide_index=True, width="stretch", key="tautan_pohon")
        return
    edit_and_save(
        links,
        f"ubah_tautan_{year}",
        {
            "Kode Simpul": st.column_config.SelectboxColumn(options=codes, required=True),
            "Status": st.column_config.SelectboxColumn(options=[str(s) for s in LinkStatus], default="diusulkan"),
            "Nama Simpul Lain": st.column_config.TextColumn(width="medium"),
            "Alasan": st.column_config.TextColumn(width="medium"),
        },
        "Simpan crosscutting",
        lambda edited: f"Crosscutting {year} disimpan: {save_links(store, year, edited)} tautan.",
    )


def indicator_editor(store: Store, year: int, codes: list[str]) -> None:
    """An admin edits the tree's own indicators (outcome, output, a tujuan's IKU): add, rename,
    retarget, remove; the sasaran's PK indicators stay the plan's (change them in Perencanaan)."""
    st.caption(
        "Indikator program, kegiatan dan sub kegiatan (serta tujuan). Target ditulis seperti biasa: 1.250, 72,5, "
        "80 - 90, atau kata seperti WTP. Indikator PK pada sasaran diubah di Perencanaan."
    )
    edit_and_save(
        indicators_for_editing(store, year),
        f"ubah_indikator_pohon_{year}",
        {
            "Kode Simpul": st.column_config.SelectboxColumn(options=codes, required=True),
            "Jenis": st.column_config.SelectboxColumn(options=["IKU", "Outcome", "Output"], default="Output"),
            "Indikator": st.column_config.TextColumn(width="large", required=True),
            "Target": st.column_config.TextColumn(),
        },
        "Simpan indikator",
        lambda edited: (
            f"Indikator pohon kinerja {year} disimpan "
            f"({save_tree(store, year, draft_with_indicators(store, year, edited))} simpul)."
        ),
    )


def edit_and_save(table: pd.DataFrame, key: str, columns: dict, button: str, save) -> None:
    """An editable table (rows added and removed) and its save button: ``save(edited)`` checks the
    whole table and returns what to say, or raises with every row's problem and nothing changes."""
    edited = edit_table(
        table,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"{key}_{data_version()}",
        column_config=columns,
    )
    if st.button(button, type="primary", icon=":material/save:", key=f"simpan_{key}"):
        try:
            flash(save(edited))
            st.rerun()
        except InputRejected as exc:
            st.error(f"Tidak disimpan: {len(exc.errors)} galat. Tidak ada yang berubah.")
            show_table(pd.DataFrame([p.as_dict() for p in shown(exc.problems)]), hide_index=True, width="stretch")
        except PermissionError as exc:
            st.error(str(exc))


def printed_tree(store: Store, year: int, quarter: int, root: str | None) -> None:
    """The opened node's branch (None: the tree from its top) as an A4 landscape PDF, as offices draw
    it, made on request (a browser draws it: a few seconds)."""
    key = ("pohon_pdf", year, quarter, root, data_version())
    if st.button("Siapkan PDF pohon (A4 lanskap)", icon=":material/print:", key="siapkan_pdf_pohon"):
        with st.spinner("Menggambar pohon kinerja…"):
            try:
                st.session_state[keys.TREE_PDF] = (key, tree_pdf(store, year, quarter, root))
            except ChartImageError as exc:
                st.error(str(exc))
    made = st.session_state.get(keys.TREE_PDF)
    if made and made[0] == key:
        st.download_button(
            "Unduh PDF pohon kinerja",
            made[1],
            file_name=f"pohon-kinerja-{year}{'-' + root.replace(':', '-') if root else ''}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            key="unduh_pdf_pohon",
        )
