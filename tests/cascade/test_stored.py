"""The pohon kinerja stored: a tree saved whole (a wrong parent refuses it all), printed with its scores by the
command line, replaced per year, its drawn branch, its nodes and their own indicators edited."""

import pandas as pd
import pytest

from kinerja.cascade.reading import read_cascade
from kinerja.cascade.stored import TREE_COLUMNS, DraftNode, save_tree, tree_frame, tree_problems
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected
from kinerja.storage.figures import recap
from tests.trees import (
    sasaran_nodes,
    sipd_list,
)


def test_a_tree_is_saved_whole_and_printed_with_its_scores(treeless_store):
    sasaran = sasaran_nodes(treeless_store, 2026)
    found = read_cascade(sipd_list(), "renja-2026.xlsx", {"S1": sasaran[0].code})
    assert save_tree(treeless_store, 2026, [*sasaran, *found.nodes]) == len(sasaran) + 4
    frame = tree_frame(treeless_store, 2026, 2)
    assert list(frame.columns) == TREE_COLUMNS
    program = frame[frame["code"] == "1.02.02"].iloc[0]
    assert program["level"] == "program" and program["parent_code"] == sasaran[0].code
    assert frame.loc[frame["code"] == "1.02.02.2.02.0001", "target"].tolist() == ["1250", "4"]


def test_a_tree_with_a_wrong_parent_is_refused_whole(treeless_store):
    wrong = [
        DraftNode(Level.SUB_KEGIATAN, "1.02.02.2.02.0001", "Ibu hamil", "1.02.02"),
        DraftNode(Level.PROGRAM, "1.02.02", "Program"),
    ]
    problems = tree_problems(treeless_store, 2026, wrong)
    assert [p.message for p in problems] == ["Sub Kegiatan tidak dapat berada di bawah Program (1.02.02)"]
    with pytest.raises(InputRejected):
        save_tree(treeless_store, 2026, wrong)
    assert treeless_store.scalar("SELECT count(*) FROM cascade_node") == 0


def test_the_command_line_prints_the_tree_with_its_stable_columns(treeless_db_path):
    from kinerja.access.roles import SYSTEM, acting_as
    from kinerja.storage.store import Store
    from tests.cli import kinerja

    store = Store(treeless_db_path)
    sasaran = sasaran_nodes(store, 2026)
    with acting_as(SYSTEM):
        save_tree(store, 2026, [*sasaran, *read_cascade(sipd_list(), "renja.xlsx", {"S1": sasaran[0].code}).nodes])
    store.close()
    printed = kinerja("tree", "--year", "2026", "--quarter", "2", db=treeless_db_path)
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0] == ",".join(TREE_COLUMNS)
    assert any(
        line.startswith("sub_kegiatan,1.02.02.2.02.0001,Pengelolaan Pelayanan Kesehatan Ibu Hamil,1.02.02.2.02,")
        and line.endswith(",1250,,450000000,")
        for line in lines
    )
    missing = kinerja("tree", "--year", "2030", db=treeless_db_path)
    assert missing.returncode == 2 and "belum ada pohon kinerja untuk tahun 2030" in missing.stderr


def test_a_sasaran_node_scores_what_the_dashboard_scores_for_its_sasaran(treeless_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.cascade.stored import node_frame
    from kinerja.domain.recap import roll_up_by
    from kinerja.storage.settings import load_settings

    save_tree(treeless_store, 2026, plan_sasaran_nodes(treeless_store, 2026))
    nodes = node_frame(treeless_store, 2026, 2).set_index("code")
    by_goal = roll_up_by(
        recap(treeless_store, 2026, 2), "goal_code", load_settings(treeless_store, 2026).scale
    ).set_index("goal_code")
    assert len(nodes) == len(by_goal) > 0
    for code, row in by_goal.iterrows():
        assert nodes.loc[code, "score_pct"] == pytest.approx(row["score_pct"]), code
        assert nodes.loc[code, "category"] == row["category"], code


def test_saving_again_replaces_the_years_tree_and_leaves_other_years(treeless_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.workflow.lock import unlock_plan

    with pytest.raises(InputRejected, match="LKjIP 2025 sudah final"):  # the demo's 2025 is finished
        save_tree(treeless_store, 2025, plan_sasaran_nodes(treeless_store, 2025))
    unlock_plan(treeless_store, 2025, "Pohon kinerja 2025 belum pernah dicatat")
    save_tree(treeless_store, 2025, plan_sasaran_nodes(treeless_store, 2025))
    save_tree(
        treeless_store,
        2026,
        [*plan_sasaran_nodes(treeless_store, 2026), *read_cascade(sipd_list(), "r.xlsx", {}).nodes],
    )
    again = plan_sasaran_nodes(treeless_store, 2026)[:2]
    assert save_tree(treeless_store, 2026, again) == 2
    assert tree_frame(treeless_store, 2026)["code"].drop_duplicates().tolist() == [n.code for n in again]
    assert treeless_store.scalar("SELECT count(*) FROM cascade_indicator ci JOIN cascade_node n ON n.id = ci.node_id "
                             "WHERE n.year = 2026") == sum(len(n.indicators) for n in again)  # fmt: skip
    assert len(tree_frame(treeless_store, 2025)) > 0, "a year is history: 2025's tree is untouched"


def test_a_drawn_branch_holds_what_fits_and_says_what_it_hides(treeless_store):
    from kinerja.cascade.importing import plan_sasaran_nodes
    from kinerja.cascade.stored import branch, node_frame

    save_tree(
        treeless_store,
        2026,
        [*plan_sasaran_nodes(treeless_store, 2026), *read_cascade(sipd_list(), "r.xlsx", {"S1": "S1"}).nodes],
    )
    nodes = node_frame(treeless_store, 2026, 2)
    whole = branch(nodes)
    assert len(whole) == len(nodes) and (whole["hidden"] == 0).all()
    assert whole.set_index("code").loc["S1", "pagu_total"] == 450_000_000 + 380_500_000, "the pagu under it"
    tops = branch(nodes, limit=len(nodes) - 2)  # the last level does not fit: it stays under its kegiatan
    assert set(tops["level"]) == {"sasaran_opd", "program", "kegiatan"}
    assert tops.set_index("code").loc["1.02.02.2.02", "hidden"] == 2
    program = branch(nodes, "1.02.02")
    assert program["code"].tolist() == ["1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"]
    upper = branch(nodes[nodes["level"] != "sub_kegiatan"])  # a frame filtered first, as the LKjIP's picture is
    assert upper["code"].tolist()[-2:] == ["1.02.02", "1.02.02.2.02"] and (upper["hidden"] == 0).all()


def test_edited_nodes_keep_their_indicators_move_and_are_refused_with_their_row(treeless_store):
    from kinerja.cascade.importing import import_cascade
    from kinerja.cascade.stored import draft_from_edited, nodes_for_editing

    import_cascade(treeless_store, 2026, sipd_list(), "renja-2026.xlsx")  # the program serves S1
    table = nodes_for_editing(treeless_store, 2026)
    assert table["Kode"].tolist()[table["Kode"].tolist().index("S1") + 1] == "1.02.02", "each branch under its parent"
    program = table.index[table["Kode"] == "1.02.02"][0]
    table.loc[program, "Kode Induk"] = "S2"  # the program moves to another sasaran
    table.loc[program, "Nama"] = "Program Pemenuhan Upaya Kesehatan"
    table = table[table["Kode"] != "1.02.02.2.02.0002"]  # a sub-kegiatan removed
    save_tree(treeless_store, 2026, draft_from_edited(treeless_store, 2026, table))
    saved = tree_frame(treeless_store, 2026)
    moved = saved[saved["code"] == "1.02.02"].iloc[0]
    assert (moved["parent_code"], moved["name"]) == ("S2", "Program Pemenuhan Upaya Kesehatan")
    assert moved["indicator_name"] == "Persentase fasilitas kesehatan sesuai standar", "its indicator stays"
    assert "1.02.02.2.02.0002" not in set(saved["code"])
    assert saved[saved["code"] == "S1"]["indicator_code"].notna().all(), "a sasaran keeps the plan's PK"
    wrong = nodes_for_editing(treeless_store, 2026)
    wrong.loc[len(wrong)] = ["Bukan tingkat", "9.99", "Baris salah", None, None, None, None, None, None]
    with pytest.raises(InputRejected) as refused:
        draft_from_edited(treeless_store, 2026, wrong)
    assert refused.value.problems[0].row == len(wrong), "the row as the table numbers it"


def test_the_trees_own_indicators_are_edited_and_the_pk_ones_stay_the_plans(treeless_store):
    from kinerja.cascade.importing import import_cascade, plan_sasaran_nodes
    from kinerja.cascade.stored import INDICATOR_COLUMNS, draft_with_indicators, indicators_for_editing

    first = plan_sasaran_nodes(treeless_store, 2026)[0]
    import_cascade(treeless_store, 2026, sipd_list(), "renja-2026.xlsx")
    table = indicators_for_editing(treeless_store, 2026)
    assert list(table.columns) == INDICATOR_COLUMNS and not table["Kode Simpul"].isin([first.code]).any()
    row = table.index[table["Indikator"] == "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar"][0]
    assert table.loc[row, "Target"] == "1250"
    table.loc[row, "Target"] = "1.300"
    table = table.drop(table.index[table["Indikator"] == "Persentase fasilitas kesehatan sesuai standar"])
    table.loc[len(table) + 10] = ["1.02.02", "Outcome", "Indeks kepuasan layanan", "indeks", "80 - 90"]
    table.loc[len(table) + 11] = ["1.02.02.2.02", "Output", "Opini atas laporan", None, "WTP"]
    save_tree(treeless_store, 2026, draft_with_indicators(treeless_store, 2026, table))
    saved = tree_frame(treeless_store, 2026)
    own = saved[saved["code"] == "1.02.02"]
    assert own[["indicator_name", "target"]].values.tolist() == [["Indeks kepuasan layanan", "80 - 90"]]
    assert "1300" in saved.loc[saved["code"] == "1.02.02.2.02.0001", "target"].tolist()
    assert "WTP" in saved.loc[saved["code"] == "1.02.02.2.02", "target"].tolist()
    assert saved.loc[saved["code"] == first.code, "indicator_code"].notna().all(), "the PK indicators stay"
    assert len(saved[saved["code"] == first.code]) == len(first.indicators)

    before = tree_frame(treeless_store, 2026)
    bad = pd.DataFrame([["9.99", "Output", "X", None, "1"], ["1.02.02", "Hasil", "", None, "90 - 80"]],
                       columns=INDICATOR_COLUMNS)  # fmt: skip
    with pytest.raises(InputRejected) as refused:
        draft_with_indicators(treeless_store, 2026, bad)
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (1, "Kode Simpul"), (2, "Indikator"), (2, "Jenis"), (2, "Target")
    ]  # fmt: skip
    assert tree_frame(treeless_store, 2026).equals(before)
