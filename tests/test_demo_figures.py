"""The demo's stored figures, held to a snapshot: every realisation (value, counts, narrative), every
programme's cash plan (the plan's) and spending, each unit's submitted versions and their times, the review and
report history. The demo is what every page, report and test shows first; a change of how it is
loaded must not change what it holds.

When the demo's content is changed on purpose, write the snapshot again and read its diff:
``KINERJA_WRITE_DEMO_SNAPSHOT=1 python -m pytest tests/test_demo_figures.py``."""

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "fixtures" / "demo_figures.json"

TABLES = {
    "submission": """
        SELECT u.code, s.year, s.quarter, s.version, s.demo, s.created_at FROM submission s
        JOIN unit u ON u.id = s.unit_id""",
    "realization": """
        SELECT u.code, s.version, i.code, r.year, r.quarter, r.value, r.numerator, r.denominator,
               r.drivers, r.obstacles, r.follow_up, r.evidence_url
        FROM realization r JOIN submission s ON s.id = r.submission_id JOIN unit u ON u.id = s.unit_id
        JOIN indicator i ON i.id = r.indicator_id""",
    "realization_current": """
        SELECT i.code, r.year, r.quarter, r.value, r.numerator, r.denominator
        FROM realization_current r JOIN indicator i ON i.id = r.indicator_id""",
    "budget_realization": """
        SELECT u.code, s.version, p.code, b.year, b.quarter, b.spending
        FROM budget_realization b JOIN submission s ON s.id = b.submission_id JOIN unit u ON u.id = s.unit_id
        JOIN programme p ON p.id = b.programme_id""",
    "budget_current": """
        SELECT p.code, b.year, b.quarter, b.spending
        FROM budget_current b JOIN programme p ON p.id = b.programme_id""",
    "programme_cash_plan": """
        SELECT p.code, c.year, c.quarter, c.amount
        FROM programme_cash_plan c JOIN programme p ON p.id = c.programme_id""",
    "indicator_spending": """
        SELECT i.code, x.year, x.quarter, x.spending
        FROM indicator_spending x JOIN indicator i ON i.id = x.indicator_id""",
    "review_event": """
        SELECT u.code, e.year, e.quarter, e.state, e.actor, e.note, e.demo, e.happened_at
        FROM review_event e JOIN unit u ON u.id = e.unit_id""",
    "review_note": "SELECT i.code, n.note FROM review_note n JOIN indicator i ON i.id = n.indicator_id",
    "report_event": "SELECT year, quarter, state, actor, demo, happened_at FROM report_event",
}


def _figures(store) -> dict[str, list[list[str]]]:
    """Each table's rows as text (a float's repr, so any difference shows), in one order."""
    return {
        name: sorted([[repr(v) if isinstance(v, float) else str(v) for v in row] for row in store.rows(sql)])
        for name, sql in TABLES.items()
    }


def test_the_demo_holds_the_figures_of_its_snapshot(demo_store):
    found = _figures(demo_store)
    if os.environ.get("KINERJA_WRITE_DEMO_SNAPSHOT"):
        lines = ",\n".join(
            f'"{name}": [\n' + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]"
            for name, rows in found.items()
        )
        SNAPSHOT.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert found.keys() == expected.keys()
    for name, rows in expected.items():
        if found[name] != rows:
            gone = [row for row in rows if row not in found[name]][:5]
            added = [row for row in found[name] if row not in rows][:5]
            raise AssertionError(f"{name}: {len(rows)} rows kept, {len(found[name])} now; gone {gone}; new {added}")
