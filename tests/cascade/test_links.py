"""Crosscutting links: checked, kept with their nodes, exported."""

import io
from dataclasses import replace

import pandas as pd
import pytest

from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import save_tree
from kinerja.domain.problems import InputRejected
from tests.trees import (
    links_table,
    sasaran_nodes,
    sipd_list,
)


def test_crosscutting_links_are_checked_kept_with_their_nodes_and_exported(treeless_store):
    from kinerja.cascade.checks import tree_checks
    from kinerja.cascade.links import links_frame, save_links
    from kinerja.cascade.stored import dropped_links, kertas_kerja

    sasaran = sasaran_nodes(treeless_store, 2026)
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": sasaran[0].code})
    save_tree(treeless_store, 2026, [*sasaran, *found.nodes])
    with pytest.raises(InputRejected) as refused:
        save_links(treeless_store, 2026, links_table(
            ["1.02.02", "Dinas Sosial", "1.06.04", "Program Rehabilitasi Sosial", "diusulkan", None],
            ["9.99.99", "Bappeda", None, None, "diusulkan", None],
            ["1.02.02.2.02", "Dinas PUPR", None, "Jalan ke puskesmas", "ditolak", None],
        ))  # fmt: skip
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Kode Simpul"), (3, "Alasan")]
    assert links_frame(treeless_store, 2026).empty, "a refused table saves nothing"
    assert save_links(treeless_store, 2026, links_table(
        ["1.02.02", "Dinas Sosial", "1.06.04", "Program Rehabilitasi Sosial", "diusulkan", None],
        ["1.02.02.2.02", "Dinas PUPR", None, "Jalan ke puskesmas", "ditolak", "bukan prioritas tahun ini"],
        ["1.02.02.2.02.0001", "RSUD", None, "Rujukan ibu hamil", "diterima", None],
    )) == 3  # fmt: skip
    checks = {(f.check, f.code, f.message) for f in tree_checks(treeless_store, 2026)}
    assert ("Crosscutting menunggu", "1.02.02", "tautan ke Dinas Sosial (1.06.04 Program Rehabilitasi Sosial) belum "
            "disetujui") in checks  # fmt: skip
    assert ("Crosscutting ditolak", "1.02.02.2.02", "ditolak oleh Dinas PUPR (Jalan ke puskesmas): bukan prioritas "
            "tahun ini") in checks  # fmt: skip
    assert not any(code == "1.02.02.2.02.0001" and check.startswith("Crosscutting") for check, code, _ in checks)

    renamed = [replace(n, name="Program Kesehatan") if n.code == "1.02.02" else n for n in [*sasaran, *found.nodes]]
    save_tree(treeless_store, 2026, renamed)
    assert links_frame(treeless_store, 2026)["Kode Simpul"].tolist() == ["1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001"]
    without = [n for n in renamed if n.code != "1.02.02.2.02.0001"]
    assert dropped_links(treeless_store, 2026, without) == ["1.02.02.2.02.0001 ↔ RSUD"], "said before the save"
    save_tree(treeless_store, 2026, without)
    assert links_frame(treeless_store, 2026)["Kode Simpul"].tolist() == ["1.02.02", "1.02.02.2.02"]
    audit = treeless_store.scalar("SELECT after FROM audit_log WHERE action = 'simpan_pohon_kinerja' ORDER BY id DESC")
    assert "1.02.02.2.02.0001 ↔ RSUD" in audit, "and recorded with the save"
    sheet = pd.read_excel(
        io.BytesIO(kertas_kerja(treeless_store, 2026)), sheet_name="Crosscutting", header=None, engine="calamine"
    )
    assert "bukan prioritas tahun ini" in sheet.astype(str).values
