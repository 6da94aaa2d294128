"""Evidence several files at once, each to its criterion, kept as originals are and packed by
criterion; meetings shown in meeting mode kept and counted as the leaders' use, with the link."""

import datetime as dt
import io
import zipfile

import pytest

from kinerja.access.roles import Actor, Forbidden, Role, acting_as
from kinerja.domain.problems import InputRejected
from kinerja.evaluation.assessment import assess
from kinerja.evaluation.evidence import EvidenceFile, add_evidence_files, criterion_in_name
from kinerja.evaluation.export import evidence_pack
from kinerja.workflow.meetings import meeting_link, record_meeting

TODAY = dt.date(2026, 12, 1)
CODES = ["A.2.1", "B.2.4", "C.1.5"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("A.2.1 SK Renstra.pdf", "A.2.1"), ("b.2.4_jadwal.xlsx", "B.2.4"), ("C-1-5 LKjIP.pdf", "C.1.5"),
     ("A.2.10 x.pdf", None), ("SK Renstra.pdf", None), ("Z.9.9 lain.pdf", None)],
)  # fmt: skip
def test_a_files_name_proposes_the_criterion_it_begins_with(name, code):
    assert criterion_in_name(name, CODES) == code


def test_several_files_are_kept_each_to_its_criterion_and_packed_in_its_folder(demo_store):
    files = [
        EvidenceFile("sk.pdf", b"%PDF sk renstra", "A.2.1", "SK Renstra"),
        EvidenceFile("sk.pdf", b"%PDF sk tim", "A.2.1", "SK Tim SAKIP"),  # same name, other content
        EvidenceFile("jadwal.xlsx", b"PK jadwal", "B.2.4"),
    ]
    add_evidence_files(demo_store, 2025, files)
    assert (
        demo_store.scalar("SELECT count(*) FROM stored_file WHERE content IN ('%PDF sk renstra', '%PDF sk tim')") == 2
    )
    found = assess(demo_store, 2025, TODAY).criteria.set_index("kode")
    assert (found.loc["A.2.1", "bukti_diberikan"], found.loc["B.2.4", "bukti_diberikan"]) == (2, 1)
    pack = zipfile.ZipFile(io.BytesIO(evidence_pack(demo_store, assess(demo_store, 2025, TODAY))))
    a21 = sorted(n for n in pack.namelist() if n.startswith("A.2.1 ") and n.endswith(".pdf"))
    assert [n.split("/")[-1] for n in a21] == ["sk (2).pdf", "sk.pdf"]
    assert {pack.read(n) for n in a21} == {b"%PDF sk renstra", b"%PDF sk tim"}
    assert any(n.startswith("B.2.4 ") and n.endswith("/jadwal.xlsx") for n in pack.namelist())


def test_an_upload_with_one_file_unassigned_or_unknown_keeps_none_of_them(demo_store):
    before = demo_store.scalar("SELECT count(*) FROM stored_file")
    with pytest.raises(InputRejected) as refused:
        add_evidence_files(demo_store, 2025, [EvidenceFile("a.pdf", b"a", "A.2.1"), EvidenceFile("b.pdf", b"b", None)])
    assert "b.pdf" in str(refused.value) and "pilih kriteria" in str(refused.value)
    with pytest.raises(InputRejected, match=r"kriteria 'X\.1\.1' tidak ada di LKE 2025"):
        add_evidence_files(
            demo_store, 2025, [EvidenceFile("a.pdf", b"a", "A.2.1"), EvidenceFile("c.pdf", b"c", "X.1.1")]
        )
    with acting_as(Actor("inspektur", Role.INSPECTORATE)), pytest.raises(Forbidden):
        add_evidence_files(demo_store, 2025, [EvidenceFile("a.pdf", b"a", "A.2.1")])
    assert demo_store.scalar("SELECT count(*) FROM lke_evidence") == 0
    assert demo_store.scalar("SELECT count(*) FROM stored_file") == before


def test_a_meeting_shown_in_meeting_mode_counts_for_leaders_use_with_its_link(demo_store):
    row = assess(demo_store, 2025, TODAY).criteria.set_index("kode").loc["B.2.1"]
    assert "TW I 2025: 2 disposisi, 6 verifikasi/pengembalian, 1 rapat" in row["angka"]  # the demo's Kepala Dinas
    link = meeting_link({"tahun": "2025", "tw": "3", "unit": "KESMAS", "rapat": "1"})
    assert link == "/dasbor?tahun=2025&tw=3&unit=KESMAS&rapat=1"
    with acting_as(Actor("sekretaris", Role.REVIEWER, "DINKES")):
        record_meeting(demo_store, 2025, 3, link, at=dt.datetime(2025, 10, 20, 2, 0))
    found = assess(demo_store, 2025, TODAY).criteria.set_index("kode").loc["B.2.1"]
    assert "TW III 2025: 2 disposisi, 6 verifikasi/pengembalian, 2 rapat" in found["angka"]
    assert ("Rapat TW III 2025, 20 Oktober 2025 09.00 WIB, Sekretaris Dinas (sekretaris)", link) in found["tautan"]
    assert (
        demo_store.scalar("SELECT count(*) FROM audit_log WHERE action = 'rapat.tampil' AND entity = 'TW III 2025'")
        == 2
    )


def test_meetings_alone_count_a_quarter_when_there_was_no_disposition(demo_store):
    with demo_store.write() as w:
        w.execute("DELETE FROM assignment WHERE year = 2025")
        w.execute("DELETE FROM meeting_shown WHERE year = 2025 AND quarter > 1")
    found = assess(demo_store, 2025, TODAY).computed["B.2.1"]
    assert found.share == pytest.approx(1 / 4) and "1 dari 4 triwulan" in found.figures[0]
