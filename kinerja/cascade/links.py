"""Crosscutting: a node's work that another office shares, proposed by one office and accepted or
refused (with the reason) by the other. A year's links are kept with its tree: saving the tree again
keeps the links of the nodes that stay; a node that goes takes its links, and the save says which."""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from kinerja.access.roles import Action, require
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store
from kinerja.workbook.cells import MARKUP_REFUSED, has_markup
from kinerja.workflow.lock import hold_for_lkjip


class LinkStatus(StrEnum):
    PROPOSED = "diusulkan"
    ACCEPTED = "diterima"
    REFUSED = "ditolak"


# The page's table of links, in Indonesian
LINK_COLUMNS = ["Kode Simpul", "Perangkat Daerah Lain", "Kode Simpul Lain", "Nama Simpul Lain", "Status", "Alasan"]
_TABLE = "Tabel crosscutting"

_LINKS_SQL = """
SELECT n.code, l.other_office, l.other_code, l.other_name, l.status, l.reason
FROM cascade_link l JOIN cascade_node n ON n.id = l.node_id
WHERE n.year = ?
ORDER BY n.position, l.id
"""


def links_frame(store: Store, year: int) -> pd.DataFrame:
    """The year's crosscutting links, one row each, in the tree's order."""
    return pd.DataFrame(store.rows(_LINKS_SQL, [year]), columns=LINK_COLUMNS)


def save_links(store: Store, year: int, edited: pd.DataFrame) -> int:
    """Replace the year's links with the rows of ``edited`` (``LINK_COLUMNS``), all or nothing; a row
    that names no node of the tree, no office, an unknown status or a refusal without its reason is
    refused with its row. Returns how many links were saved."""
    require(Action.PLAN)
    nodes = dict(store.rows("SELECT code, id FROM cascade_node WHERE year = ?", [year]))
    statuses = {str(s) for s in LinkStatus}
    rows, problems = [], []
    for number, values in enumerate(edited[LINK_COLUMNS].itertuples(index=False), start=1):
        code, office, other_code, other_name, status, reason = (_text(v) for v in values)
        if not any((code, office, other_code, other_name, reason)):
            continue
        status = (status or LinkStatus.PROPOSED).lower()

        def refuse(column: str, value: object, message: str, number: int = number) -> None:
            problems.append(Problem(message, _TABLE, None, number, column, value))

        if code not in nodes:
            refuse("Kode Simpul", code, f"simpul {code or '(kosong)'} tidak ada di pohon kinerja {year}")
        if not office:
            refuse("Perangkat Daerah Lain", office, "sebutkan perangkat daerah yang diajak bekerja sama")
        if status not in statuses:
            refuse("Status", status, "status harus " + ", ".join(sorted(statuses)))
        elif status == LinkStatus.REFUSED and not reason:
            refuse("Alasan", reason, "tautan yang ditolak harus disertai alasannya")
        for column, text in zip(LINK_COLUMNS, (code, office, other_code, other_name, None, reason), strict=True):
            if has_markup(text):
                refuse(column, text, MARKUP_REFUSED)
        rows.append((nodes.get(code), office, other_code, other_name, status, reason))
    if problems:
        raise InputRejected(problems)
    with store.write() as w:
        hold_for_lkjip(w, year)
        before = w.scalar(
            "SELECT count(*) FROM cascade_link WHERE node_id IN (SELECT id FROM cascade_node WHERE year = ?)", [year]
        )
        w.execute("DELETE FROM cascade_link WHERE node_id IN (SELECT id FROM cascade_node WHERE year = ?)", [year])
        first = w.next_id("cascade_link")
        if rows:
            w.insert_df(
                "cascade_link",
                pd.DataFrame(
                    rows, columns=["node_id", "other_office", "other_code", "other_name", "status", "reason"]
                ).assign(id=range(first, first + len(rows)))[
                    ["id", "node_id", "other_office", "other_code", "other_name", "status", "reason"]
                ],
            )
        w.audit("simpan_crosscutting", f"pohon kinerja {year}", {"tautan": before}, {"tautan": len(rows)})
    return len(rows)


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return " ".join(str(value).split()) or None
