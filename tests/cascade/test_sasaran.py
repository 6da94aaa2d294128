"""The cascade may come first (issue 25, item 5): a Kertas Kerja Cascading drawn from the Renstra
before the year's PK is signed imports on a fresh database, its sasaran the tree's own with their
indicators and targets; a PK sasaran of close wording is proposed, never joined in silence; the PK
arriving later joins its sasaran to the tree's; replacing the tree says what it drops."""

import io

import pytest

from kinerja.cascade.checks import NOT_IN_PK, tree_checks
from kinerja.cascade.importing import import_cascade
from kinerja.cascade.sasaran import close_pairs, join_plan
from kinerja.cascade.stored import tree_frame
from kinerja.cascade.tree import Level
from kinerja.domain.problems import InputRejected
from kinerja.planning.saving import save_plan
from kinerja.planning.workbook import read_plan_file
from tests.trees import (
    SASARAN,
    SASARAN_2,
    TUJUAN,
    clear_trees,
    drawn_tree,
    kertas_kerja,
    sipd_list,
    with_sasaran,
)
from tests.workbooks import xlsx

PK_COLUMNS = ["No", "Tujuan", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Polaritas", "Agregasi",
              "Penanggung Jawab", "IKU"]  # fmt: skip


def pk(sasaran: str = SASARAN, year: int = 2026) -> bytes:
    """The office's PK as the Secretariat types it: a title with the year, Tujuan | Sasaran Strategis |
    Indikator Kinerja | Satuan | Target | Polaritas | Agregasi | Penanggung Jawab | IKU."""
    return xlsx(
        {
            "PK": [
                [f"PERJANJIAN KINERJA DINAS KESEHATAN TAHUN {year}"],
                [],
                PK_COLUMNS,
                [1, TUJUAN, sasaran, "Angka Kematian Ibu", "per 100.000 KH", "80", "Negatif", "Nilai Akhir", "", "Ya"],
            ]
        }
    )


def import_pk(store, content: bytes | None = None, year: int = 2026):
    draft = read_plan_file(content or pk(), "pk.xlsx", year)
    draft.default_unit = "SEKRETARIAT"
    return save_plan(store, draft)


def _stored(store, year: int = 2026) -> list[tuple]:
    """Each node and indicator as stored: (level, name, parent's name, indicator, target)."""
    return store.rows(
        "SELECT n.level, n.name, p.name, ci.name, coalesce(ci.target_text, CAST(ci.target AS VARCHAR)) "
        "FROM cascade_node n LEFT JOIN cascade_node p ON p.id = n.parent_id "
        "LEFT JOIN cascade_indicator ci ON ci.node_id = n.id WHERE n.year = ? ORDER BY n.position, ci.position",
        [year],
    )


SHAPES = {
    "as drawn": {},
    "no title": {"title": False},
    "sasaran merged down": {"merged": True},
    "parents on every row": {"repeated": True},
    "dot decimals": {"decimal": "."},
    "an extra column": {"extra": True},
    "columns moved": {"moved": True},
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_kertas_kerja_before_the_pk_imports_on_a_fresh_database_as_the_trees_own_sasaran(store, shape):
    summary = import_cascade(store, 2026, kertas_kerja(**SHAPES[shape]), "kertas-kerja-2026.xlsx")
    import_cascade(store, 2027, kertas_kerja(), "kertas-kerja.xlsx")  # the file as drawn, in a year of its own
    assert _stored(store, 2026) == _stored(store, 2027), "every shape stores the same tree and figures"
    frame = tree_frame(store, 2026)
    sasaran = frame[frame["level"] == "sasaran_opd"]
    assert sorted(set(sasaran["name"])) == sorted([SASARAN, SASARAN_2])
    assert sasaran["indicator_code"].isna().all(), "no PK indicator: the tree's own"
    own = dict(zip(sasaran["indicator_name"], sasaran["target"], strict=True))
    assert own == {"Angka Kematian Ibu": "85", "Angka Kematian Bayi": "7,5", "Angka kesakitan DBD": "49,5"}
    tujuan = frame[frame["level"] == "tujuan_opd"].set_index("indicator_name")["target"].to_dict()
    assert tujuan == {"Usia Harapan Hidup": "72,8", "Nilai SAKIP": "B"}
    by_code = frame.drop_duplicates("code").set_index("code")
    first = sasaran[sasaran["name"] == SASARAN]["code"].iloc[0]
    assert by_code.loc["1.02.02", "parent_code"] == first
    assert by_code.loc["1.02.03", "parent_code"] == sasaran[sasaran["name"] == SASARAN_2]["code"].iloc[0]
    assert frame["pagu"].sum() == 830_500_000
    assert summary.sasaran_lines()[0].startswith("Sasaran pohon yang belum ada di PK 2026")
    found = [f for f in tree_checks(store, 2026) if f.check == NOT_IN_PK]
    assert sorted(f.name for f in found) == sorted([SASARAN, SASARAN_2])
    assert "belum ada di Perjanjian Kinerja 2026" in found[0].message


def test_close_wordings_are_paired_once_and_different_ones_not():
    pairs = close_pairs(
        [("S1", "Meningkatnya kualitas pelayanan kesehatan ibu dan anak"), ("S2", "Meningkatnya tata kelola")],
        [
            ("S7", "Meningkatnya kualitas pelayanan kesehatan ibu dan anak di daerah"),
            ("S8", "Menurunnya prevalensi stunting"),
        ],
    )
    assert [(p.code, p.goal) for p in pairs] == [("S1", "S7")]
    assert pairs[0].likeness >= 0.8


def test_the_pk_arriving_with_the_same_wording_joins_the_trees_sasaran_without_a_duplicate(store):
    import_cascade(store, 2026, kertas_kerja(), "kertas-kerja-2026.xlsx")
    before = len(tree_frame(store, 2026).drop_duplicates("code"))
    import_pk(store, pk(sasaran=f"  {SASARAN.upper()} "))  # case and spacing aside: the same wording
    joined = join_plan(store, 2026)
    goal = store.scalar("SELECT code FROM goal WHERE level = 'sasaran'")
    assert [(how) for _, g, how in joined.joined if g == goal] == ["sama"]
    frame = tree_frame(store, 2026)
    nodes = frame.drop_duplicates("code")
    assert len(nodes) == before, "the tree's sasaran became the PK's: no node added, none lost"
    sasaran = frame[frame["code"] == goal]
    assert list(sasaran["indicator_name"]) == ["Angka Kematian Ibu", "Angka Kematian Bayi"]
    assert sasaran["indicator_code"].notna().tolist() == [True, False], "the PK's indicator, the tree's own kept"
    assert list(sasaran["target"]) == ["80", "7,5"], "the PK's target for the PK's indicator"
    assert nodes.set_index("code").loc["1.02.02", "parent_code"] == goal
    tujuan = store.scalar("SELECT code FROM goal WHERE level = 'tujuan'")
    assert nodes.set_index("code").loc[goal, "parent_code"] == tujuan, "the tree's tujuan joined the PK's"
    assert [f.name for f in tree_checks(store, 2026) if f.check == NOT_IN_PK] == [SASARAN_2]
    assert join_plan(store, 2026).saved is False, "joined once: nothing left to join"


def test_a_close_pk_wording_is_proposed_and_joined_only_when_accepted(store):
    import_cascade(store, 2026, kertas_kerja(), "kertas-kerja-2026.xlsx")
    worded = f"{SASARAN} di Kabupaten Contoh"
    import_pk(store, pk(sasaran=worded))
    pending = join_plan(store, 2026)  # the PK's sasaran is added; the tree's own stays, proposed as it
    (proposal,) = pending.proposals
    assert (proposal.name, proposal.goal_name) == (SASARAN, worded)
    assert any("Peringatan: sasaran pohon" in line and worded in line for line in pending.lines())
    assert store.scalar("SELECT count(*) FROM cascade_node WHERE level = 'sasaran_opd' AND goal_id IS NULL") == 2
    found = {f.name: f.message for f in tree_checks(store, 2026) if f.check == NOT_IN_PK}
    assert f'mirip sasaran PK {proposal.goal} "{worded}"' in found[SASARAN]
    done = join_plan(store, 2026, {proposal.code: proposal.goal})
    assert [(c, g, how) for c, g, how in done.joined] == [(proposal.code, proposal.goal, "diterima")]
    frame = tree_frame(store, 2026)
    assert frame.drop_duplicates("code").set_index("code").loc["1.02.02", "parent_code"] == proposal.goal
    assert (frame["code"] == proposal.code).sum() == 0 or proposal.code == proposal.goal
    names = frame[frame["level"] == "sasaran_opd"].drop_duplicates("code")["name"].tolist()
    assert sorted(names) == sorted([worded, SASARAN_2]), "one node for the sasaran, in the PK's wording"


def test_an_import_after_the_pk_proposes_the_close_wording_and_joins_what_is_accepted(store):
    worded = f"{SASARAN} di Kabupaten Contoh"
    import_pk(store, pk(sasaran=worded))
    summary = import_cascade(store, 2026, kertas_kerja(), "kk.xlsx", dry_run=True)
    (proposal,) = summary.first.proposals
    assert proposal.goal_name == worded
    (warning,) = [w for w in summary.warnings if "mirip sasaran PK" in w.message]
    assert SASARAN in warning.message and worded in warning.message and warning.severity == "warning"
    accepted = import_cascade(store, 2026, kertas_kerja(), "kk.xlsx", accepted={SASARAN: proposal.goal})
    assert accepted.first.accepted == ((" ".join(SASARAN.casefold().split()), proposal.goal),)
    frame = tree_frame(store, 2026).drop_duplicates("code").set_index("code")
    assert frame.loc["1.02.02", "parent_code"] == proposal.goal
    assert (frame["level"] == "sasaran_opd").sum() == 2, "the PK's sasaran and the tree's SASARAN_2"
    again = import_cascade(store, 2026, kertas_kerja(), "kk.xlsx", similar=True)
    assert tree_frame(store, 2026).drop_duplicates("code").set_index("code").loc["1.02.02", "parent_code"] == (
        proposal.goal
    )
    assert not again.first.proposals


def test_replacing_a_tree_keeps_what_the_file_does_not_mention_and_lists_what_it_drops(store):
    import_cascade(store, 2026, kertas_kerja(), "kk.xlsx")
    tujuan_2 = "Nilai SAKIP"
    summary = import_cascade(store, 2026, kertas_kerja(second_tujuan=False), "kk.xlsx", dry_run=True)
    (gone,) = summary.losses.nodes
    assert "Meningkatnya tata kelola perangkat daerah" in gone and "1 indikator" in gone
    assert any(tujuan_2 in line for line in summary.losses.indicators)
    assert any(tujuan_2 in line for line in summary.loss_lines())
    assert store.scalar("SELECT count(*) FROM cascade_indicator WHERE name = ?", [tujuan_2]) == 1, "a preview"
    # the PK's tujuan stays in the tree: its indicators the file does not give stay with it
    import_pk(store)
    join_plan(store, 2026)
    bare = kertas_kerja(second_tujuan=False)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(bare))
    book.active["F5"] = None  # the tujuan's row without its indicator
    book.active["G5"] = book.active["H5"] = None
    buffer = io.BytesIO()
    book.save(buffer)
    kept = import_cascade(store, 2026, buffer.getvalue(), "kk.xlsx")
    assert any("Usia Harapan Hidup" in line for line in kept.losses.kept)
    frame = tree_frame(store, 2026)
    assert "Usia Harapan Hidup" in set(frame[frame["level"] == "tujuan_opd"]["indicator_name"])
    told = import_cascade(store, 2026, buffer.getvalue(), "kk.xlsx", replace_indicators=True)
    assert any("Usia Harapan Hidup" in line for line in told.losses.indicators)
    frame = tree_frame(store, 2026)
    assert "Usia Harapan Hidup" not in set(frame["indicator_name"].dropna())


def test_another_years_tree_and_plan_stay_as_they_were(store):
    import_cascade(store, 2025, kertas_kerja(), "kk-2025.xlsx")
    import_pk(store, pk(year=2025), 2025)
    join_plan(store, 2025)
    before = _stored(store, 2025), store.rows("SELECT * FROM indicator_plan WHERE year = 2025 ORDER BY 1")
    import_cascade(store, 2026, kertas_kerja(sasaran=SASARAN + " baru"), "kk-2026.xlsx")
    import_pk(store, pk(sasaran=SASARAN + " baru sekali"), 2026)
    join_plan(store, 2026, similar=True)
    assert (_stored(store, 2025), store.rows("SELECT * FROM indicator_plan WHERE year = 2025 ORDER BY 1")) == before
    assert store.scalar("SELECT count(*) FROM cascade_node WHERE year = 2025 AND goal_id IS NULL "
                        "AND level = 'sasaran_opd'") == 1  # fmt: skip


def test_a_sasaran_given_only_as_a_code_the_plan_lacks_is_refused_and_nothing_stored(store):
    with pytest.raises(InputRejected) as refused:
        import_cascade(store, 2026, kertas_kerja(sasaran="S9"), "kk.xlsx")
    assert "tulis kalimat sasarannya" in refused.value.problems[0].message
    assert store.scalar("SELECT count(*) FROM cascade_node") == 0


def test_the_command_line_imports_the_tree_first_warns_of_a_close_pk_wording_and_joins_when_told(tmp_path):
    from tests.cli import kinerja
    from tests.conftest import db_spec

    db = db_spec(tmp_path / "baru.duckdb")  # a fresh database: no plan at all
    tree, plan = tmp_path / "kertas-kerja-2026.xlsx", tmp_path / "pk-2026.xlsx"
    tree.write_bytes(kertas_kerja())
    done = kinerja("import-plan", str(tree), "--year", "2026", db=db)
    assert done.returncode == 0, done.stderr
    assert "Sasaran pohon yang belum ada di PK 2026" in done.stdout and SASARAN in done.stdout
    worded = f"{SASARAN} di Kabupaten Contoh"
    plan.write_bytes(pk(sasaran=worded))
    signed = kinerja("import-plan", str(plan), "--unit", "SEKRETARIAT", db=db)
    assert signed.returncode == 0, signed.stderr
    warning = next(line for line in signed.stderr.splitlines() if "mirip sasaran PK" in line)
    assert warning.startswith("Peringatan:") and SASARAN in warning and worded in warning
    assert "--join-similar" in warning
    printed = kinerja("tree", "--year", "2026", db=db).stdout
    assert printed.count(f",{SASARAN},") >= 1, "the tree's own sasaran stays its own: nothing joined in silence"
    again = kinerja("import-plan", str(tree), "--year", "2026", "--join-similar", db=db)
    assert again.returncode == 0, again.stderr
    assert "Sasaran berkas yang diterima sebagai sasaran PK" in again.stdout
    printed = kinerja("tree", "--year", "2026", db=db).stdout
    assert f",{SASARAN}," not in printed and f",{worded}," in printed
    program = next(line for line in printed.splitlines() if line.startswith("program,1.02.02,"))
    assert ",S1," in program, "the program hangs under the PK's sasaran"


def test_the_command_line_joins_the_tree_when_the_pk_arrives_with_close_wording_if_told(tmp_path):
    from tests.cli import kinerja
    from tests.conftest import db_spec

    db = db_spec(tmp_path / "baru.duckdb")
    tree, plan = tmp_path / "kertas-kerja-2026.xlsx", tmp_path / "pk-2026.xlsx"
    tree.write_bytes(kertas_kerja())
    assert kinerja("import-plan", str(tree), "--year", "2026", db=db).returncode == 0
    plan.write_bytes(pk(sasaran=f"{SASARAN} di Kabupaten Contoh"))
    signed = kinerja("import-plan", str(plan), "--unit", "SEKRETARIAT", "--join-similar", db=db)
    assert signed.returncode == 0, signed.stderr
    assert "(usulan diterima)" in signed.stdout and "mirip sasaran PK" not in signed.stderr
    printed = kinerja("tree", "--year", "2026", db=db).stdout
    assert "Angka Kematian Bayi" in printed, "the tree's own indicator kept on the joined sasaran"
    replaced = kinerja("import-plan", str(tree), "--year", "2026", "--dry-run", db=db)  # the file as drawn again
    assert replaced.returncode == 0, replaced.stderr
    assert "mirip sasaran PK S1" in replaced.stderr, "its wording proposed again, not joined untold"


def test_a_drawn_tree_before_the_pk_keeps_its_sasaran_box_as_the_trees_own_with_its_indicator(store):

    summary = import_cascade(store, 2026, drawn_tree(SASARAN, tujuan=TUJUAN), "pohon-2026.xlsx")
    (own,) = [n for n in summary.read.nodes if n.level == "sasaran_opd"]
    assert (own.name, own.goal_code) == (SASARAN, None)
    assert [(i.name, i.target_text) for i in own.indicators] == [("Indeks Kepuasan Masyarakat", "81 (A)")]
    assert any(f"simpul: {own.code} (sasaran pohon, belum ada di PK" in what for _, _, what in summary.read.rows)
    frame = tree_frame(store, 2026).drop_duplicates("code").set_index("code")
    assert (frame["parent_code"] == own.code).sum() == 2, "both programs under the drawn sasaran"
    assert [f.code for f in tree_checks(store, 2026) if f.check == NOT_IN_PK] == [own.code]


def test_a_sasaran_the_plan_does_not_have_becomes_the_trees_own_and_a_bare_code_is_refused(treeless_store):
    from kinerja.cascade.importing import import_cascade

    summary = import_cascade(treeless_store, 2026, with_sasaran(sipd_list(), "Sasaran yang belum ada di PK"), "r.xlsx")
    own = [n for n in summary.read.nodes if n.level is Level.SASARAN_OPD]
    assert [(n.name, n.goal_code) for n in own] == [("Sasaran yang belum ada di PK", None)]
    assert summary.read.rows[1][2] == f"simpul: 1.02.02; sasaran pohon: {own[0].code} (belum ada di PK)"
    saved = tree_frame(treeless_store, 2026).set_index("code")
    assert saved.loc["1.02.02", "parent_code"] == own[0].code
    clear_trees(treeless_store)
    with pytest.raises(InputRejected) as refused:  # a code the plan does not have is no wording to keep
        import_cascade(treeless_store, 2026, with_sasaran(sipd_list(), "S99"), "renja-2026.xlsx")
    (problem,) = refused.value.errors
    assert (problem.sheet, problem.row, problem.column) == ("Renja 2026", 5, "B")
    assert "tidak ada dalam rencana" in problem.message and "tulis kalimat sasarannya" in problem.message
    assert treeless_store.scalar("SELECT count(*) FROM cascade_node") == 0
