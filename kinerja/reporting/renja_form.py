"""The Permendagri 86/2017 form "Evaluasi terhadap Hasil Renja Perangkat Daerah", written from
Kinerja's figures (the reader is ``kinerja.workbook.renja_form``).

One store of figures: the PK indicators of each sasaran with the recap's realisations (the same
function the dashboard and the quarterly report call), the programmes with their pagu and quarterly
spending, and the pohon kinerja's program, kegiatan and sub-kegiatan with their Kemendagri codes,
indicators, targets and pagu. What Kinerja does not hold, the Renstra's end target (column 5) and
its realisation up to the year before (column 6), is asked once and kept (``renja_renstra``); left
blank, never invented, and listed by :func:`missing_renstra`.

Columns as the form numbers them: (1) No, (2) Sasaran, (3) Program / Kegiatan / Sub Kegiatan (code
and name), (4) Indikator and Satuan, (5) Renstra target, (6) Renstra realisation to the year
before, (7) this year's Renja target, (8)–(11) realisation TW I–IV, (12) this year's realisation,
(13) = 6 + 12, (14) = 13 / 5 × 100%, (15) unit responsible; then the narrative columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kinerja.access.roles import Action, require
from kinerja.domain.achievement import NegativeFormula, Polarity, achievement_array, score_array
from kinerja.domain.period import roman
from kinerja.domain.recap import overall_score
from kinerja.planning.rows import LABEL
from kinerja.planning.stored import plan_frame
from kinerja.storage.figures import recap
from kinerja.storage.settings import load_settings
from kinerja.storage.store import Store
from kinerja.workbook.renja_form import PLAN_GROUP
from kinerja.workbook.writing import workbook_bytes

# The form's own table of predikat (Permendagri 86/2017): above 90 Sangat Tinggi, … else Sangat Rendah.
PREDIKAT = ((90.0, "Sangat Tinggi"), (75.0, "Tinggi"), (65.0, "Sedang"), (50.0, "Rendah"))
LOWEST = "Sangat Rendah"
QUARTERS = (1, 2, 3, 4)


def predikat(score: float | None) -> str | None:
    """The form's predikat of an average capaian: strictly above 90 Sangat Tinggi, above 75 Tinggi,
    above 65 Sedang, above 50 Rendah, else Sangat Rendah; None without a score."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    return next((label for bound, label in PREDIKAT if score > bound), LOWEST)


@dataclass
class FormLine:
    """One row of the form: a PK indicator of a sasaran, a programme, or a node of the pohon kinerja
    with one of its indicators. K figures are the indicator's, Rp the programme's or node's."""

    key: str  # the row's key for what is asked (renja_renstra.row_key)
    level: str  # indikator, program, kegiatan, sub_kegiatan
    tujuan: str | None
    sasaran: str
    code: str | None
    name: str
    indicator: str | None
    measure_unit: str | None
    target_k: float | None = None
    target_rp: float | None = None
    quarter_k: dict[int, float | None] = field(default_factory=dict)
    quarter_rp: dict[int, float | None] = field(default_factory=dict)
    year_k: float | None = None
    year_rp: float | None = None
    renstra_k: float | None = None  # (5)
    renstra_rp: float | None = None
    before_k: float | None = None  # (6)
    before_rp: float | None = None
    unit: str | None = None
    drivers: str | None = None
    obstacles: str | None = None
    follow_up: str | None = None
    polarity: str = "positif"
    aggregation: str = "SUM"
    target_text: str | None = None  # a target that is not one number ("60 – 85", "WTP")
    plan: dict[str, object] = field(
        default_factory=dict
    )  # a PK indicator's PLAN_EXTRA columns, as the plan sheet writes them

    @property
    def to_date_k(self) -> float | None:
        """(13) = 6 + 12 for a count that adds up over the years; a level (latest value, average,
        ratio) is the level now: the Renstra realisation to date is this year's (12)."""
        if self.year_k is None:
            return None
        if self.aggregation != "SUM":
            return self.year_k
        return None if self.before_k is None else self.before_k + self.year_k

    @property
    def to_date_rp(self) -> float | None:
        """(13) = 6 + 12 in rupiah: spending adds up."""
        return None if self.year_rp is None or self.before_rp is None else self.before_rp + self.year_rp


@dataclass
class RenjaFigures:
    """The form of a year and quarter: its rows, the averages of its footer, and what is missing."""

    year: int
    quarter: int
    office: str
    lines: list[FormLine]
    negative_formula: NegativeFormula
    score_cap: float
    renja_average: float | None  # the recap's overall score at the quarter, as the dashboard shows it
    office_code: str | None = None  # the unit of the office's name, so that the banner names it as the reader reads it
    head_name: str = ""  # who signs (the Pengaturan setting); empty: a line for the name written by hand
    head_nip: str = ""

    def capaian(self) -> tuple[np.ndarray, np.ndarray]:
        """(14) = 13 / 5 × 100% per row, K by the indicator's polarity (``achievement_array``: for a
        positive indicator exactly 13 / 5 × 100) and Rp as spending over the Renstra's budget."""
        k13 = _array(line.to_date_k for line in self.lines)
        k5 = _array(line.renstra_k for line in self.lines)
        polarity = np.array([Polarity(line.polarity) for line in self.lines], dtype=object)
        k = achievement_array(k13, k5, np.full(len(k5), np.nan), polarity, self.negative_formula)
        rp13, rp5 = _array(line.to_date_rp for line in self.lines), _array(line.renstra_rp for line in self.lines)
        with np.errstate(divide="ignore", invalid="ignore"):
            rp = np.where(rp5 > 0, rp13 / rp5 * 100, np.nan)
        return k, rp

    @property
    def renstra_average(self) -> float | None:
        """The mean of the capped column 14 K over the rows that have it (never of raw percentages)."""
        k, _ = self.capaian()
        scores = score_array(k, self.score_cap)
        scores = scores[~np.isnan(scores)]
        return float(scores.mean()) if len(scores) else None


def _array(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


# --- the figures -------------------------------------------------------------------------------

_NARRATIVE_SQL = """
SELECT r.indicator_id, r.drivers, r.obstacles, r.follow_up
FROM realization_current r WHERE r.year = ? AND r.quarter = ?
"""
_TUJUAN_SQL = """
SELECT g.id, g.name, p.name AS tujuan FROM goal g LEFT JOIN goal p ON p.id = g.parent_id
"""
_UNITS_SQL = "SELECT code, name FROM unit"
_PROGRAMMES_SQL = """
SELECT p.id, p.code, p.name, p.goal_id, u.name AS unit_name, u.code AS unit_code, b.pagu
FROM programme p JOIN programme_budget b ON b.programme_id = p.id AND b.year = ?
LEFT JOIN unit u ON u.id = p.unit_id
ORDER BY p.code
"""
_SPENDING_SQL = "SELECT programme_id, quarter, spending FROM budget_current WHERE year = ? AND quarter <= ?"
_NODES_SQL = """
SELECT n.id, n.level, n.parent_id, n.code, n.name, n.goal_id, n.official, u.name AS unit_name,
       n.pagu, n.spending, n.position
FROM cascade_node n LEFT JOIN unit u ON u.id = n.unit_id
WHERE n.year = ? ORDER BY n.position, n.id
"""
_NODE_INDICATORS_SQL = """
SELECT i.node_id, i.name, i.measure_unit, i.target, i.target_high, i.target_text, i.position
FROM cascade_indicator i JOIN cascade_node n ON n.id = i.node_id
WHERE n.year = ? AND i.indicator_id IS NULL ORDER BY i.node_id, i.position, i.id
"""
# a kegiatan's or sub-kegiatan's money, kept with the indicator its row carries (as a programme's)
_ACTIVITY_BUDGET_SQL = """
SELECT i.code, b.level, b.pagu FROM indicator_budget b JOIN indicator i ON i.id = b.indicator_id WHERE b.year = ?
"""
_ACTIVITY_SPENDING_SQL = """
SELECT i.code, s.quarter, s.spending FROM indicator_spending_current s JOIN indicator i ON i.id = s.indicator_id
WHERE s.year = ? AND s.quarter <= ?
"""
_LEVEL_WORDS = {"kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
_RENSTRA_SQL = "SELECT row_key, target_k, target_rp, realised_k, realised_rp FROM renja_renstra WHERE year = ?"
_TREE_LEVELS = ("program", "kegiatan", "sub_kegiatan")


def renja_figures(store: Store, year: int, quarter: int) -> RenjaFigures:
    """The form's rows for ``year`` at ``quarter``: each sasaran's PK indicators (the recap's
    figures), then its programmes and their pohon kinerja under them. Quarters after ``quarter``
    stay blank."""
    if quarter not in QUARTERS:
        raise ValueError(f"triwulan harus 1–4, bukan {quarter}")
    settings = load_settings(store, year)
    frames = {q: recap(store, year, q, settings=settings) for q in range(1, quarter + 1)}
    frame = frames[quarter]
    units = dict(store.rows(_UNITS_SQL))
    narrative = {int(r[0]): r[1:] for r in store.rows(_NARRATIVE_SQL, [year, quarter])}
    tujuan = {int(r[0]): r[2] for r in store.rows(_TUJUAN_SQL)}
    lines: list[FormLine] = []
    goals = list(dict.fromkeys(zip(frame["goal_code"], frame["goal"], strict=True)))
    goal_ids = _goal_ids(store, frame)
    programmes = store.df(_PROGRAMMES_SQL, [year])
    spending = store.df(_SPENDING_SQL, [year, quarter])
    nodes = store.df(_NODES_SQL, [year])
    node_indicators = store.df(_NODE_INDICATORS_SQL, [year])
    plan = _plan_extra(store, year)
    money = {str(code): (level, pagu) for code, level, pagu in store.rows(_ACTIVITY_BUDGET_SQL, [year])}
    spent: dict[str, dict[int, float | None]] = {}
    for code, q, value in store.rows(_ACTIVITY_SPENDING_SQL, [year, quarter]):
        spent.setdefault(str(code), {})[int(q)] = _number(value)
    placed_nodes: set[int] = set()
    placed_programmes: set[int] = set()
    for goal_code, goal_name in goals:
        goal_id = goal_ids.get(goal_code)
        for _, row in frame[frame["goal_code"] == goal_code].iterrows():
            line = _indicator_line(row, frames, units, narrative, tujuan.get(goal_id or -1))
            line.plan = plan.get(str(row["indicator_code"]), {})
            _with_money(line, str(row["indicator_code"]), money, spent)
            lines.append(line)
        lines += _programme_lines(
            goal_id, goal_name, tujuan.get(goal_id or -1), programmes, spending, nodes, node_indicators,
            placed_nodes, placed_programmes, quarter,
        )  # fmt: skip
    lines += _programme_lines(
        None, "", None, programmes[~programmes["id"].isin(placed_programmes)], spending, nodes, node_indicators,
        placed_nodes, placed_programmes, quarter, rest=True,
    )  # fmt: skip
    _with_renstra(store, year, lines)
    return RenjaFigures(
        year, quarter, settings.office_name, lines, settings.negative_formula, settings.score_cap,
        overall_score(frame), store.scalar("SELECT min(code) FROM unit WHERE lower(name) = lower(?)", [settings.office_name]),
        settings.head_name, settings.head_nip,
    )  # fmt: skip


def _plan_extra(store: Store, year: int) -> dict[str, dict[str, object]]:
    """Each PK indicator's PLAN_EXTRA columns as the plan sheet writes them (``plan_frame``), by code."""
    frame = plan_frame(store, year)
    frame = frame.astype(object).where(frame.notna(), None)
    return {
        str(r[LABEL["code"]]): {label: r.get(label) for label in PLAN_EXTRA} for r in frame.to_dict(orient="records")
    }


def _with_money(line: FormLine, code: str, money: Mapping, spent: Mapping) -> None:
    """A PK indicator's row that is a kegiatan's or sub-kegiatan's in the office's form carries that
    row's money: its pagu (a kegiatan's, the subtotal of its sub-kegiatan, as the form writes it) and
    its spending by quarter; its level after the form's columns, so the form reads back the same."""
    if code not in money and code not in spent:
        return
    level, pagu = money.get(code, (None, None))
    line.target_rp = _number(pagu)
    line.quarter_rp = dict(spent.get(code, {}))
    reported = [v for v in line.quarter_rp.values() if v is not None]
    line.year_rp = sum(reported) if reported else None
    if level:
        line.plan = {**line.plan, LEVEL_COLUMN: _LEVEL_WORDS.get(level, level)}


def _goal_ids(store: Store, frame: pd.DataFrame) -> dict[str, int]:
    codes = list(dict.fromkeys(frame["goal_code"]))
    if not codes:
        return {}
    marks = ",".join("?" * len(codes))
    return {str(c): int(i) for c, i in store.rows(f"SELECT code, id FROM goal WHERE code IN ({marks})", codes)}


def _indicator_line(row, frames: Mapping[int, pd.DataFrame], units, narrative, tujuan) -> FormLine:
    code = row["indicator_code"]
    quarter_k = {}
    for q, f in frames.items():
        value = f.loc[f["indicator_code"] == code, "quarter_realization"]
        quarter_k[q] = _number(value.iloc[0]) if len(value) else None
    drivers, obstacles, follow_up = narrative.get(int(row["indicator_id"]), (None, None, None))
    high = _number(row["annual_target_high"])
    target = _number(row["annual_target"])
    return FormLine(
        key=f"indikator:{code}",
        level="indikator",
        tujuan=_text(tujuan),
        sasaran=str(row["goal"]),
        code=None,
        name="",
        indicator=str(row["indicator_name"]),
        measure_unit=_text(row["measure_unit"]),
        target_k=target,
        quarter_k=quarter_k,
        year_k=_number(row["realization_to_date"]),
        unit=units.get(row["unit_code"], row["unit_code"]),
        drivers=_text(drivers),
        obstacles=_text(obstacles),
        follow_up=_text(follow_up),
        polarity=str(row["polarity"]),
        aggregation=str(row["aggregation"]),
        target_text=None if high is None or target is None else f"{_plain(target)} – {_plain(high)}",
    )


def _plain(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _programme_lines(
    goal_id, sasaran, tujuan, programmes, spending, nodes, node_indicators, placed_nodes, placed_programmes,
    quarter, rest=False,
) -> list[FormLine]:  # fmt: skip
    """The sasaran's programmes (pagu and spending from the PK's budget) with the pohon kinerja's
    program node of the same name (its code and outcome indicators) and the kegiatan and
    sub-kegiatan under it; then the tree's programs under the sasaran that no programme names."""
    lines: list[FormLine] = []
    by_name = {_key(n): n for n in nodes[nodes["level"] == "program"].itertuples() if n.id not in placed_nodes}
    chosen = programmes if rest else programmes[programmes["goal_id"] == goal_id]
    for p in chosen.itertuples():
        placed_programmes.add(p.id)
        node = by_name.get(_key(p))
        own = spending[spending["programme_id"] == p.id]
        quarter_rp = {q: _number(own.loc[own["quarter"] == q, "spending"].sum()) if (own["quarter"] == q).any() else None
                      for q in range(1, quarter + 1)}  # fmt: skip
        reported = [v for v in quarter_rp.values() if v is not None]
        base = FormLine(
            key=f"program:{p.code}", level="program", tujuan=_text(tujuan), sasaran=sasaran,
            code=node.code if node is not None else p.code, name=p.name, indicator=None, measure_unit=None,
            target_rp=_number(p.pagu), quarter_rp=quarter_rp, year_rp=sum(reported) if reported else None,
            unit=_text(p.unit_name), plan={PROGRAMME_CODE: p.code, LABEL["unit"]: p.unit_code},
        )  # fmt: skip
        if node is None:
            lines.append(base)
            continue
        placed_nodes.add(node.id)
        lines += _node_lines(node, nodes, node_indicators, base, placed_nodes)
    if not rest and goal_id is not None:
        sasaran_nodes = set(nodes.loc[(nodes["level"] == "sasaran_opd") & (nodes["goal_id"] == goal_id), "id"])
        for node in nodes[(nodes["level"] == "program") & nodes["parent_id"].isin(sasaran_nodes)].itertuples():
            if node.id not in placed_nodes:
                placed_nodes.add(node.id)
                lines += _node_lines(node, nodes, node_indicators, None, placed_nodes, sasaran, tujuan)
    return lines


def _key(row) -> str:
    return " ".join(str(row.name).lower().split())


def _node_lines(node, nodes, node_indicators, base, placed, sasaran="", tujuan=None) -> list[FormLine]:
    """A node's rows (one per indicator; a node without one still has its row), then its children's.
    Rp: a sub-kegiatan's pagu and spending; a kegiatan's and an unmatched program's, the sum of the
    sub-kegiatan under them (every rupiah counted once)."""
    subs = _descendants(node.id, nodes)
    if base is None:
        pagu = [_number(s.pagu) for s in subs if s.level == "sub_kegiatan"]
        spent = [_number(s.spending) for s in subs if s.level == "sub_kegiatan"]
        base = FormLine(
            key="", level=node.level, tujuan=_text(tujuan), sasaran=sasaran, code=node.code, name=node.name,
            indicator=None, measure_unit=None, target_rp=_total(pagu), year_rp=_total(spent),
            unit=_text(node.unit_name) or _text(node.official),
        )  # fmt: skip
    own = node_indicators[node_indicators["node_id"] == node.id]
    lines = []
    for position, ind in enumerate(own.itertuples() if len(own) else [None]):
        line = FormLine(**{**base.__dict__, "quarter_k": {}, "quarter_rp": dict(base.quarter_rp)})
        line.key = base.key if base.key and position == 0 else f"simpul:{node.code}:{position}"
        line.code, line.level = node.code, node.level
        if position > 0:  # the node's money once, on its first row
            line.target_rp = line.year_rp = None
            line.quarter_rp = {}
        if ind is not None:
            line.indicator, line.measure_unit = _text(ind.name), _text(ind.measure_unit)
            line.target_k = _number(ind.target)
            high = _number(ind.target_high)
            if high is not None and line.target_k is not None:
                line.target_text = f"{_plain(line.target_k)} – {_plain(high)}"
            elif line.target_k is None:
                line.target_text = _text(ind.target_text)
        lines.append(line)
    for child in nodes[nodes["parent_id"] == node.id].itertuples():
        if child.level in _TREE_LEVELS and child.id not in placed:
            placed.add(child.id)
            lines += _node_lines(child, nodes, node_indicators, None, placed, base.sasaran, base.tujuan)
    return lines


def _descendants(node_id: int, nodes: pd.DataFrame) -> list:
    found, todo = [], [node_id]
    while todo:
        children = list(nodes[nodes["parent_id"] == todo.pop()].itertuples())
        found += children
        todo += [c.id for c in children]
    return found + list(nodes[nodes["id"] == node_id].itertuples())


def _total(values: Sequence[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _with_renstra(store: Store, year: int, lines: list[FormLine]) -> None:
    kept = {r[0]: r[1:] for r in store.rows(_RENSTRA_SQL, [year])}
    for line in lines:
        target_k, target_rp, realised_k, realised_rp = (_number(v) for v in kept.get(line.key, (None,) * 4))
        line.renstra_k, line.renstra_rp, line.before_k, line.before_rp = target_k, target_rp, realised_k, realised_rp


# --- what the form asks ------------------------------------------------------------------------

RENSTRA_COLUMNS = {
    "renstra_k": "Target Renstra K (5)",
    "renstra_rp": "Target Renstra Rp (5)",
    "before_k": "Realisasi Renstra s.d. tahun lalu K (6)",
    "before_rp": "Realisasi Renstra s.d. tahun lalu Rp (6)",
}


def renstra_frame(figures: RenjaFigures) -> pd.DataFrame:
    """What the page asks, one row per form row: its key, what it is, and columns 5 and 6 as kept."""
    return pd.DataFrame(
        [
            {
                "Kunci": line.key,
                "Kode": line.code or "",
                "Program / Kegiatan / Sub Kegiatan": line.name,
                "Indikator": line.indicator or "",
                **{label: getattr(line, attr) for attr, label in RENSTRA_COLUMNS.items()},
            }
            for line in figures.lines
        ]
    )


def missing_renstra(figures: RenjaFigures) -> list[str]:
    """Each row whose column 5 or 6 is blank, in words: the K of an indicator row, the Rp of a row
    with a budget."""
    missing = []
    for line in figures.lines:
        gaps = []
        if line.indicator and line.renstra_k is None:
            gaps.append("target Renstra K")
        if line.indicator and line.before_k is None and line.aggregation == "SUM":
            gaps.append("realisasi Renstra s.d. tahun lalu K")
        if line.target_rp is not None and line.renstra_rp is None:
            gaps.append("target Renstra Rp")
        if line.target_rp is not None and line.before_rp is None:
            gaps.append("realisasi Renstra s.d. tahun lalu Rp")
        if gaps:
            what = " — ".join(x for x in (line.code, line.name or None, line.indicator) if x)
            missing.append(f"{what}: {', '.join(gaps)}")
    return missing


class RenstraRejected(ValueError):
    """A value the page or a caller gave for columns 5 and 6 that is not a number; nothing saved."""


def save_renstra(store: Store, year: int, records: Sequence[Mapping[str, object]]) -> int:
    """Keep columns 5 and 6 for the form rows in ``records`` (``renstra_frame``'s columns), for
    ``year`` alone, in one transaction; a row left all blank removes what was kept. Returns the rows kept."""
    rows = []
    for index, record in enumerate(records, start=1):
        key = str(record.get("Kunci") or "").strip()
        if not key:
            raise RenstraRejected(f"Baris {index}: kunci baris formulir kosong")
        values = []
        for label in RENSTRA_COLUMNS.values():
            value = record.get(label)
            number = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
            if number is not None and _number(number) is None:
                raise RenstraRejected(f"Baris {index} ({label}): '{value}' bukan angka")
            if number is not None and _number(number) < 0:  # type: ignore[operator]
                raise RenstraRejected(f"Baris {index} ({label}): tidak boleh negatif")
            values.append(_number(number))
        rows.append((key, values))
    actor = require(Action.REPORT).name
    with store.write() as w:
        for key, values in rows:
            w.execute("DELETE FROM renja_renstra WHERE year = ? AND row_key = ?", [year, key])
            if any(v is not None for v in values):
                w.execute("INSERT INTO renja_renstra VALUES (?, ?, ?, ?, ?, ?, ?)", [year, key, *values, actor])
        w.audit("renja.renstra", f"tahun {year}", after={"baris": len(rows)})
    return sum(any(v is not None for v in values) for _, values in rows)


# --- the workbook ------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_PLAN_FILL = PatternFill("solid", fgColor="EDEDED")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
# Indonesian figures (1.234,5) wherever the file is opened: [$-421] is Bahasa Indonesia, whose separators
# LibreOffice (and a PDF made by it) uses; Excel uses the reader's own. A whole K shows no decimal mark.
_K_FORMAT, _WHOLE_FORMAT, _RP_FORMAT, _PCT_FORMAT = "[$-421]#,##0.##", "[$-421]#,##0", "[$-421]#,##0", "[$-421]0.00"
_FIGURE = Alignment(vertical="top")

# (column, width): A No, B Tujuan, C Sasaran, D Kode, E name, F indicator, G satuan, then K/Rp pairs
# narrow enough that the form's 32 columns, fitted to a landscape legal page, stay readable
_FIXED = [("No", 4), ("Tujuan", 16), ("Sasaran", 18), ("Kode", 17), ("Nama", 26), ("Indikator", 26), ("Satuan", 8)]
_K_WIDTH, _RP_WIDTH, _UNIT_WIDTH, _NARRATIVE_WIDTH = 8, 15, 16, 22
FIRST_FIGURE = len(_FIXED) + 1  # column H
NARRATIVE = (
    "Unit Perangkat Daerah Penanggung Jawab",
    "Faktor Pendorong",
    "Faktor Penghambat",
    "Tindak Lanjut pada Triwulan Berikutnya",
    "Tindak Lanjut dalam RKPD / Renja Berikutnya",
)


# The plan's own settings of a PK indicator that the form's columns do not hold, after the form's
# own columns (the regulation allows more after its own), so the form reads back into the same
# plan (import-plan: every row "tidak berubah"); outside the print area.
PROGRAMME_CODE = "Kode Program"  # a programme's own code (its Kode column shows the tree's Kemendagri code)
LEVEL_COLUMN = "Tingkat"  # a PK indicator's row that is a kegiatan's or sub-kegiatan's, with its money
PLAN_EXTRA = (
    LABEL["code"], PROGRAMME_CODE, LEVEL_COLUMN,
    *(LABEL[key] for key in ("tw1", "tw2", "tw3", "tw4", "polarity", "aggregation", "unit", "is_key", "weight",
                             "baseline", "renstra", "national_standard", "reason")),
)  # fmt: skip


def form_columns(year: int) -> list[tuple[str, str, list[str]]]:
    """The figure groups left to right: (number row text, heading, sub-column kinds)."""
    return [
        ("5", "Target Renstra Perangkat Daerah pada Akhir Periode Renstra", ["K", "Rp."]),
        (
            "6",
            f"Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun {year - 1}",
            ["K", "Rp."],
        ),
        (
            "7",
            f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (Tahun {year}) yang Dievaluasi",
            ["K", "Rp."],
        ),
        ("8", "I", ["K", "Rp."]),
        ("9", "II", ["K", "Rp."]),
        ("10", "III", ["K", "Rp."]),
        ("11", "IV", ["K", "Rp."]),
        ("12", "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", ["K", "Rp."]),
        ("13 = 6 + 12", f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun {year}", ["K", "Rp."]),
        (
            "14 = 13 / 5 x 100%",
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah (%)",
            ["K", "Rp."],
        ),
    ]


HEADER_ROWS = (6, 7, 8, 9)
BANNER_ROW = 10
FIRST_ROW = 11


def renja_xlsx(store: Store, year: int, quarter: int) -> bytes:
    """The form as an .xlsx in the real form's layout: title, the four-level header (groups; the
    quarters I–IV; column numbers with their formulas; K / Rp. under each group), the banner
    "Perangkat Daerah : …", the rows, the footer (average capaian and predikat) and the signature block."""
    workbook = Workbook()
    write_renja_sheet(workbook.active, renja_figures(store, year, quarter))
    return workbook_bytes(workbook)


def write_renja_sheet(sheet, figures: RenjaFigures) -> None:
    """Lay ``figures`` out on ``sheet`` (the .xlsx's only sheet, or a sheet of the quarterly report)."""
    sheet.title = f"Evaluasi Renja TW {roman(figures.quarter)}"
    groups = form_columns(figures.year)
    last = FIRST_FIGURE + 2 * len(groups) + len(NARRATIVE) - 1
    _title(sheet, figures, last)
    _header(sheet, groups, last)
    code = f" ({figures.office_code})" if figures.office_code else ""
    banner = sheet.cell(BANNER_ROW, 3, f"Perangkat Daerah : {figures.office}{code}")
    banner.font = Font(bold=True)
    sheet.merge_cells(start_row=BANNER_ROW, start_column=3, end_row=BANNER_ROW, end_column=last)
    capaian_k, capaian_rp = figures.capaian()
    row = FIRST_ROW
    for number, (line, c_k, c_rp) in enumerate(zip(figures.lines, capaian_k, capaian_rp, strict=True), start=1):
        _line(sheet, row, number, line, c_k, c_rp, figures.quarter)
        row += 1
    _merge_down(sheet, figures.lines)
    _footer(sheet, row + 1, figures, last)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, FIRST_FIGURE)
    _page(sheet, last)


def _page(sheet, last: int) -> None:
    """Printed as offices print it: landscape, as wide as the paper (F4/folio is not a standard
    size; legal is the nearest), the header repeated on every page; the form's own columns only
    (PLAN_EXTRA is for the import, not the reader)."""
    sheet.print_area = f"A1:{get_column_letter(last)}{sheet.max_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LEGAL
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROWS[0]}:{HEADER_ROWS[-1]}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _title(sheet, figures: RenjaFigures, last: int) -> None:
    titles = (
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        figures.office.upper(),
        f"Periode Pelaksanaan: Triwulan {roman(figures.quarter)} Tahun {figures.year}",
    )
    for r, text in enumerate(titles, start=1):
        cell = sheet.cell(r, 1, text)
        cell.font, cell.alignment = Font(bold=True, size=13 if r == 1 else 11), Alignment(horizontal="center")
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)


def _header(sheet, groups, last: int) -> None:
    top, quarters_row, numbers_row, kinds_row = HEADER_ROWS
    fixed = [
        ("No", "1"),
        ("Tujuan Perangkat Daerah", ""),
        ("Sasaran Perangkat Daerah", "2"),
        ("Kode", "3"),
        ("Urusan / Bidang Urusan / Program / Kegiatan / Sub Kegiatan", "3"),
        ("Indikator Kinerja Program (Outcome) / Kegiatan (Keluaran)", "4"),
        ("Satuan", "4"),
    ]
    for col, (heading, number) in enumerate(fixed, start=1):
        _head(sheet, top, col, heading)
        sheet.merge_cells(start_row=top, start_column=col, end_row=quarters_row, end_column=col)
        _head(sheet, numbers_row, col, number)
        _head(sheet, kinds_row, col, None)
        sheet.merge_cells(start_row=numbers_row, start_column=col, end_row=kinds_row, end_column=col)
        sheet.column_dimensions[get_column_letter(col)].width = _FIXED[col - 1][1]
    col = FIRST_FIGURE
    quarter_start = None
    for number, heading, kinds in groups:
        if heading in ("I", "II", "III", "IV"):
            quarter_start = quarter_start or col
            _head(sheet, quarters_row, col, heading)
            sheet.merge_cells(start_row=quarters_row, start_column=col, end_row=quarters_row, end_column=col + 1)
        else:
            _head(sheet, top, col, heading)
            sheet.merge_cells(start_row=top, start_column=col, end_row=quarters_row, end_column=col + 1)
        _head(sheet, numbers_row, col, number)
        sheet.merge_cells(start_row=numbers_row, start_column=col, end_row=numbers_row, end_column=col + 1)
        for offset, kind in enumerate(kinds):
            _head(sheet, kinds_row, col + offset, kind)
            sheet.column_dimensions[get_column_letter(col + offset)].width = _K_WIDTH if kind == "K" else _RP_WIDTH
        col += 2
    _head(sheet, top, quarter_start, "Realisasi Kinerja pada Triwulan")
    sheet.merge_cells(start_row=top, start_column=quarter_start, end_row=top, end_column=quarter_start + 7)
    for offset, heading in enumerate(NARRATIVE):
        _head(sheet, top, col + offset, heading)
        sheet.merge_cells(start_row=top, start_column=col + offset, end_row=quarters_row, end_column=col + offset)
        _head(sheet, numbers_row, col + offset, str(15 + offset))
        _head(sheet, kinds_row, col + offset, None)
        sheet.merge_cells(start_row=numbers_row, start_column=col + offset, end_row=kinds_row, end_column=col + offset)
        sheet.column_dimensions[get_column_letter(col + offset)].width = (
            _UNIT_WIDTH if offset == 0 else _NARRATIVE_WIDTH
        )
    for r in HEADER_ROWS:
        for c in range(1, last + 1):
            sheet.cell(r, c).border, sheet.cell(r, c).fill = _BOX, _HEAD_FILL
    sheet.row_dimensions[top].height = 75
    _plan_header(sheet, last + 1)


def _plan_header(sheet, first: int) -> None:
    """PLAN_GROUP over the PLAN_EXTRA columns, each headed as the plan sheet heads it."""
    top, quarters_row, _, kinds_row = HEADER_ROWS
    end = first + len(PLAN_EXTRA) - 1
    _head(sheet, top, first, PLAN_GROUP)
    sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=end)
    for offset, label in enumerate(PLAN_EXTRA):
        _head(sheet, quarters_row, first + offset, label)
        sheet.merge_cells(start_row=quarters_row, start_column=first + offset, end_row=kinds_row,
                          end_column=first + offset)  # fmt: skip
        sheet.column_dimensions[get_column_letter(first + offset)].width = 14
    for r in HEADER_ROWS:
        for c in range(first, end + 1):
            sheet.cell(r, c).border, sheet.cell(r, c).fill = _BOX, _PLAN_FILL


def _head(sheet, row: int, col: int, text: str | None) -> None:
    cell = sheet.cell(row, col, text)
    cell.font, cell.alignment = Font(bold=True), _CENTER


def _line(sheet, row: int, number: int, line: FormLine, capaian_k: float, capaian_rp: float, quarter: int) -> None:
    texts = [number, line.tujuan, line.sasaran, line.code, line.name or None, line.indicator, line.measure_unit]
    for col, value in enumerate(texts, start=1):
        sheet.cell(row, col, value).alignment = _WRAP
    target_k: object = line.target_text or line.target_k
    pairs = [
        (line.renstra_k, line.renstra_rp),
        (line.before_k, line.before_rp),
        (target_k, line.target_rp),
        *[(line.quarter_k.get(q), line.quarter_rp.get(q)) if q <= quarter else (None, None) for q in QUARTERS],
        (line.year_k, line.year_rp),
        (line.to_date_k, line.to_date_rp),
        (_finite(capaian_k), _finite(capaian_rp)),
    ]
    col = FIRST_FIGURE
    for index, (k, rp) in enumerate(pairs):
        percent = index == len(pairs) - 1
        for value, fmt in ((k, _PCT_FORMAT if percent else _k_format(k)), (rp, _PCT_FORMAT if percent else _RP_FORMAT)):
            cell = sheet.cell(row, col, _round(value))
            cell.number_format, cell.alignment = fmt, _FIGURE
            col += 1
    for offset, text in enumerate((line.unit, line.drivers, line.obstacles, line.follow_up, None)):
        sheet.cell(row, col + offset, text).alignment = _WRAP
    for offset, label in enumerate(PLAN_EXTRA):
        sheet.cell(row, col + len(NARRATIVE) + offset, line.plan.get(label)).border = _BOX
    for c in range(1, col + len(NARRATIVE)):
        sheet.cell(row, c).border = _BOX
    widths = dict(enumerate([w for _, w in _FIXED], start=1))
    sheet.row_dimensions[row].height = _height(
        [(line.code, widths[4]), (line.name, widths[5]), (line.indicator, widths[6]), (line.unit, _UNIT_WIDTH),
         (line.drivers, _NARRATIVE_WIDTH), (line.obstacles, _NARRATIVE_WIDTH), (line.follow_up, _NARRATIVE_WIDTH)]
    )  # fmt: skip
    if line.level in ("program", "kegiatan"):
        for c in range(1, col + len(NARRATIVE)):
            sheet.cell(row, c).font = Font(bold=line.level == "program")


def _k_format(value: object) -> str:
    """A K's format: whole numbers without a decimal mark (Excel writes "8," for 8 under "#,##0.##")."""
    return _WHOLE_FORMAT if isinstance(value, int | float) and float(value).is_integer() else _K_FORMAT


def _merge_down(sheet, lines: list[FormLine]) -> None:
    """Tujuan and sasaran written once and merged down over their rows, as the real form has them."""
    for col, attr in ((2, "tujuan"), (3, "sasaran")):
        start = 0
        for index in range(1, len(lines) + 1):
            if index == len(lines) or getattr(lines[index], attr) != getattr(lines[start], attr):
                if index - start > 1:
                    for r in range(FIRST_ROW + start + 1, FIRST_ROW + index):
                        sheet.cell(r, col).value = None
                    sheet.merge_cells(start_row=FIRST_ROW + start, start_column=col,
                                      end_row=FIRST_ROW + index - 1, end_column=col)  # fmt: skip
                start = index


def _height(texts: Sequence[object]) -> float:
    """A row tall enough for its longest wrapped text (spreadsheets do not grow rows they did not draw)."""
    lines = [math.ceil(len(str(text)) / max(4, width * 1.1)) for text, width in texts if text]
    return 15.0 * max([1, *lines])


def _finite(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def _round(value: object) -> object:
    """Figures as Kinerja holds them, without float noise (0.6299999999999999 → 0.63)."""
    return round(value, 9) if isinstance(value, float) else value


def _footer(sheet, row: int, figures: RenjaFigures, last: int) -> None:
    name_col, value_col = 2, 7  # the labels across B–F, the values under the Satuan column
    footer = [
        (
            f"Rata-rata capaian kinerja Renja tahun {figures.year} s.d. Triwulan {roman(figures.quarter)} (%)",
            figures.renja_average,
        ),
        ("Predikat kinerja Renja", predikat(figures.renja_average)),
        ("Rata-rata tingkat capaian kinerja Renstra, kolom 14 K (%)", figures.renstra_average),
        ("Predikat kinerja Renstra", predikat(figures.renstra_average)),
    ]
    for offset, (label, value) in enumerate(footer):
        sheet.cell(row + offset, name_col, label).font = Font(bold=True)
        sheet.merge_cells(start_row=row + offset, start_column=name_col, end_row=row + offset, end_column=value_col - 1)
        cell = sheet.cell(row + offset, value_col, "–" if value is None else _round(value))
        cell.font, cell.number_format = Font(bold=True), _PCT_FORMAT
        cell.alignment = Alignment(horizontal="left")
    table = row + len(footer) + 1
    sheet.cell(table, name_col, "Kriteria predikat (Permendagri 86/2017)").font = Font(bold=True)
    bands = ["> 90", "> 75 s.d. 90", "> 65 s.d. 75", "> 50 s.d. 65", "≤ 50"]
    for offset, (band, label) in enumerate(zip(bands, [p[1] for p in PREDIKAT] + [LOWEST], strict=True), start=1):
        sheet.cell(table + offset, name_col, band)
        sheet.cell(table + offset, name_col + 1, label)
    sign = table + 1
    sign_col = max(FIRST_FIGURE + 12, last - 6)
    lines = [
        f"…………, …… {figures.year}",
        f"KEPALA {figures.office.upper()}",
        "",
        "",
        "",
        figures.head_name or "(………………………………)",
        f"NIP. {figures.head_nip or '……………………………'}",
    ]
    for offset, text in enumerate(lines):
        cell = sheet.cell(sign + offset, sign_col, text or None)
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(
            start_row=sign + offset, start_column=sign_col, end_row=sign + offset, end_column=sign_col + 5
        )
