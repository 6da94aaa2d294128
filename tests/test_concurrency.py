"""Many sessions at once in one server process: Streamlit runs each session's script in its own
thread over one shared Store. Writers upload while readers read the recap the pages show; no
upload may be lost and no reader may ever see a quarter half written.

Upload k of a unit sets every one of the unit's figures to the same number, so a reader that sees
two different numbers within one unit's quarter has seen half of an upload.
"""

from __future__ import annotations

import threading

from kinerja.access.accounts import actor_of
from kinerja.access.roles import SYSTEM, set_actor
from kinerja.collection.datafile import Period
from kinerja.collection.upload import import_files
from kinerja.storage.figures import recap
from tests import figures
from tests.bad_inputs import workbook

UNITS = {  # unit → its indicators that take a plain figure, and who uploads for it
    "KESMAS": (["IK01", "IK02", "IK05", "IK07", "IK08"], "operator.kesmas"),
    "P2P": (["IK10", "IK12"], "operator.p2p"),
    "YANKES": (["IK14", "IK15", "IK17"], None),
    "SDK": (["IK19"], None),
}
LAST = {"KESMAS": ["IK02", "IK05"], "YANKES": ["IK14", "IK15"]}  # to date = the quarter's own figure
WRITERS_PER_UNIT = 2
UPLOADS_PER_WRITER = 6
READERS = 3


def _figure(unit_index: int, writer: int, k: int) -> float:
    """A percentage-sized figure unique to the upload, marked as ours by its fraction .125."""
    return 100.0 * unit_index + 10 * writer + k + 0.125


def _ours(value: float | None) -> bool:
    return value is not None and value % 1 == 0.125


def _upload(codes: list[str], value: float) -> bytes:
    rows = [[code, value, "kendala lapangan"] for code in codes]
    return workbook({"Data": [["Kode", "Realisasi", "Faktor Penghambat"], *rows]})


def half_written(store) -> list[str]:
    """Units whose TW III 2026 shows figures of two uploads at once, in the recap the pages show
    and in the stored current figures."""
    found = []
    table = recap(store, 2026, 3)
    for unit, codes in LAST.items():
        shown = set(table.loc[table["indicator_code"].isin(codes), "realization_to_date"])
        if any(map(_ours, shown)) and len(shown) > 1:  # once an upload of ours is seen
            found.append(f"rekap {unit}: {sorted(shown, key=str)}")
    rows = store.rows(
        "SELECT u.code, list(DISTINCT c.value) FROM realization_current c JOIN indicator i ON i.id = c.indicator_id "
        "JOIN unit u ON u.id = i.unit_id WHERE c.year = 2026 AND c.quarter = 3 GROUP BY u.code"
    )
    return found + [f"{unit}: {sorted(values)}" for unit, values in rows if unit in UNITS and len(values) > 1]


def test_the_check_sees_half_an_upload(demo_store):
    """The check the readers run does see a quarter where one upload's figures sit beside another's."""
    assert half_written(demo_store) == []
    import_files(
        demo_store, [("a.xlsx", _upload(["IK02", "IK05"], 10.125))], Period(2026, 3, "KESMAS"), confirm_warnings=True
    )
    import_files(demo_store, [("b.xlsx", _upload(["IK05"], 11.125))], Period(2026, 3, "KESMAS"), confirm_warnings=True)
    assert half_written(demo_store) == ["rekap KESMAS: [10.125, 11.125]", "KESMAS: [10.125, 11.125]"]


def test_uploads_and_reads_at_once_lose_nothing_and_never_show_half_a_quarter(demo_store):
    store = demo_store
    saved: list[tuple[str, float, int]] = []  # (unit, figure, version) of every stored upload
    failures: list[str] = []
    half_seen: list[str] = []
    reads = [0]
    writing = threading.Event()
    writing.set()

    def writer(unit_index: int, unit: str, number: int) -> None:
        codes, account = UNITS[unit]
        set_actor(actor_of(store, account) if account else SYSTEM)
        for k in range(UPLOADS_PER_WRITER):
            value = _figure(unit_index, number, k)
            try:
                ((data, versions),) = import_files(
                    store,
                    [(f"{unit}-{number}-{k}.xlsx", _upload(codes, value))],
                    Period(2026, 3, unit),
                    confirm_warnings=True,
                )
            except Exception as exc:  # any failure is a lost upload, reported below
                failures.append(f"{unit} {number} {k}: {exc!r}")
                continue
            if not versions:
                failures.append(f"{unit} {number} {k}: {data.problems}")
                continue
            saved.extend((v.unit_code, value, v.version) for v in versions)

    def reader() -> None:
        set_actor(SYSTEM)
        while writing.is_set():
            half_seen.extend(half_written(store))
            reads[0] += 1

    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    writers = [
        threading.Thread(target=writer, args=(index, unit, number))
        for index, unit in enumerate(UNITS)
        for number in range(WRITERS_PER_UNIT)
    ]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    writing.clear()
    for thread in readers:
        thread.join(timeout=60)

    tried = len(writers) * UPLOADS_PER_WRITER
    assert not failures, failures
    assert len(saved) == tried
    assert not half_seen, half_seen[:5]
    assert reads[0] >= READERS, "the readers read while the writers wrote"
    for unit, (codes, _) in UNITS.items():
        ours = sorted((version, value) for u, value, version in saved if u == unit)
        assert [v for v, _ in ours] == list(range(1, len(ours) + 1)), f"{unit}: versions {ours}"
        stored = store.rows(
            "SELECT version FROM submission s JOIN unit u ON u.id = s.unit_id "
            "WHERE u.code = ? AND s.year = 2026 AND s.quarter = 3 ORDER BY 1",
            [unit],
        )
        assert [v for (v,) in stored] == [v for v, _ in ours], f"{unit}: every stored upload is a version"
        current = store.rows(
            "SELECT DISTINCT c.value FROM realization_current c JOIN indicator i ON i.id = c.indicator_id "
            "WHERE c.year = 2026 AND c.quarter = 3 AND i.code IN (SELECT unnest(?))",
            [codes],
        )
        assert current == [(ours[-1][1],)], f"{unit}: the last version's figures are current"
    for _ in range(tried):
        figures.count("concurrent_threads", held=True)
    figures.NOTES["concurrent_threads"] = (
        f"{len(writers)} penulis, {READERS} pembaca, {reads[0]} pembacaan; hilang 0, setengah tertulis terlihat 0"
    )
