"""Answers the office's own data already gives: each rule says what it checked, the figures behind
it and where in Kinerja an evaluator reads the evidence (a page, the report archive, the tree, the
audit trail). A rule that finds nothing to judge answers nothing: the office answers it on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kinerja.access.people import people
from kinerja.cascade.checks import tree_checks
from kinerja.domain.numbers import fmt_date, fmt_percent, fmt_rupiah
from kinerja.domain.period import period_name
from kinerja.storage.figures import recap
from kinerja.storage.settings import office_clock
from kinerja.storage.store import Store


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # a page of Kinerja with its year (and quarter), as the sidebar opens it


@dataclass(frozen=True)
class Computed:
    """A rule's finding: ``share`` of what it checked that holds (0–1), or None when there is
    nothing to judge; the rule in words, the figures behind it and the evidence's links."""

    share: float | None
    rule: str
    figures: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    store: Store
    year: int
    today: dt.date


Rule = Callable[[Context, dict[str, Any]], Computed]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        RULES[name] = function
        return function

    return register


def known_rules() -> frozenset[str]:
    return frozenset(RULES)


def _page(name: str, label: str, year: int, quarter: int | None = None) -> Link:
    query = f"?tahun={year}" + (f"&tw={quarter}" if quarter else "")
    return Link(label, f"/{name}{query}")


# Every link opens for whoever reads the LKE, its evaluators included: pages a reader may open
# (never Perencanaan or Unggah Data, an admin's and an operator's), filtered to what they prove.


def _report(kind: str, label: str, year: int) -> Link:
    """Laporan opened at one kind of document (PK, Manual IKU, LKjIP …) of ``year``."""
    return Link(label, f"/laporan?jenis_laporan={kind}&tahun={year}" + ("&tw=4" if kind != "triwulan" else "&tw=1"))


def _trail(action: str, label: str, year: int) -> Link:
    """Jejak Audit filtered to one kind of entry of ``year``."""
    return Link(label, f"/audit?audit_periode={year}&audit_tindakan={action}")


def _share(good: int, total: int) -> float | None:
    return good / total if total else None


def _listed(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" dan {len(items) - limit} lainnya" if len(items) > limit else "")


# --- Perencanaan -------------------------------------------------------------------------------

_UNITS_SQL = """
SELECT u.code, count(i.id) AS indicators,
       count(i.id) FILTER (WHERE (SELECT count(DISTINCT t.quarter) FROM target t WHERE t.indicator_id = i.id
                                  AND t.year = $year AND t.kind = 'ra' AND t.quarter BETWEEN 1 AND 4) = 4) AS with_ra
FROM unit u LEFT JOIN indicator_in_year i ON i.unit_id = u.id AND i.year = $year
WHERE NOT u.is_external AND u.parent_id IS NOT NULL
GROUP BY u.code ORDER BY u.code
"""


@rule("pk_every_unit")
def pk_every_unit(ctx: Context, params: dict) -> Computed:
    units = ctx.store.rows(_UNITS_SQL, {"year": ctx.year})
    missing = [code for code, n, _ in units if n == 0]
    return Computed(
        1.0 if units and not missing else _share(len(units) - len(missing), len(units)) or 0.0,
        "Ya bila setiap unit kerja di bawah kepala perangkat daerah memegang indikator Perjanjian Kinerja tahun ini.",
        [f"{len(units) - len(missing)} dari {len(units)} unit memegang indikator PK {ctx.year}"]
        + ([f"tanpa PK: {_listed(missing)}"] if missing else []),
        [
            _report("pk", f"Perjanjian Kinerja {ctx.year}", ctx.year),
            _page("rekap", f"Indikator per unit {ctx.year}", ctx.year, 4),
        ],
    )


@rule("ra_every_unit")
def ra_every_unit(ctx: Context, params: dict) -> Computed:
    units = [u for u in ctx.store.rows(_UNITS_SQL, {"year": ctx.year}) if u[1]]
    short = [f"{code} ({n - ra} dari {n} indikator)" for code, n, ra in units if ra < n]
    indicators, with_ra = sum(u[1] for u in units), sum(u[2] for u in units)
    return Computed(
        _share(len(units) - len(short), len(units)) if units else 0.0,
        "Ya bila setiap indikator PK setiap unit punya target Rencana Aksi TW I–IV.",
        [f"{with_ra} dari {indicators} indikator PK punya target Rencana Aksi keempat triwulan"]
        + ([f"Rencana Aksi belum lengkap: {_listed(short)}"] if short else []),
        [_page("rekap", f"Rekap {ctx.year}: target dan data per triwulan", ctx.year, 4)],
    )


_IKU_SQL = """
SELECT i.code, i.name, coalesce(trim(i.definition), '') <> '' AND coalesce(trim(m.formula), '') <> '' AS defined,
       EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id AND t.kind = 'renstra' AND t.year = i.year) AS renstra
FROM indicator_in_year i LEFT JOIN indicator_manual m ON m.indicator_id = i.id AND m.year = i.year
WHERE i.year = ? AND i.is_key ORDER BY i.position, i.code
"""


@rule("renstra_targets")
def renstra_targets(ctx: Context, params: dict) -> Computed:
    iku = ctx.store.rows(_IKU_SQL, [ctx.year])
    without = [code for code, _, _, renstra in iku if not renstra]
    return Computed(
        _share(len(iku) - len(without), len(iku)),
        "Ya bila setiap IKU tahun ini punya target Renstra untuk tahun ini.",
        [f"{len(iku) - len(without)} dari {len(iku)} IKU bertarget Renstra {ctx.year}"]
        + ([f"tanpa target Renstra: {_listed(without)}"] if without else []),
        [_report("lkjip", f"LKjIP {ctx.year}: target Renstra", ctx.year)],
    )


@rule("iku_defined")
def iku_defined(ctx: Context, params: dict) -> Computed:
    iku = ctx.store.rows(_IKU_SQL, [ctx.year])
    without = [code for code, _, defined, _ in iku if not defined]
    return Computed(
        _share(len(iku) - len(without), len(iku)),
        "Ya bila setiap IKU punya definisi operasional dan formula (Manual IKU) di rencana kinerja.",
        [f"{len(iku) - len(without)} dari {len(iku)} IKU berdefinisi operasional dan berformula"]
        + ([f"belum berdefinisi atau berformula: {_listed(without)}"] if without else []),
        [_report("manual-iku", f"Manual IKU {ctx.year}", ctx.year)],
    )


@rule("iku_unchanged")
def iku_unchanged(ctx: Context, params: dict) -> Computed:
    now = {code: name for code, name, _, _ in ctx.store.rows(_IKU_SQL, [ctx.year])}
    before = {code: name for code, name, _, _ in ctx.store.rows(_IKU_SQL, [ctx.year - 1])}
    links = [_report("pk", f"Perjanjian Kinerja {year}", year) for year in (ctx.year - 1, ctx.year)]
    if not before:
        return Computed(None, f"Tidak dapat dihitung: belum ada IKU {ctx.year - 1} di Kinerja.", [], links)
    kept = [c for c in now if before.get(c) == now[c]]
    renamed = [c for c in now if c in before and before[c] != now[c]]
    added, dropped = sorted(set(now) - set(before)), sorted(set(before) - set(now))
    figures = [f"{len(kept)} dari {len(set(now) | set(before))} IKU sama dengan {ctx.year - 1}"]
    figures += [f"{label}: {_listed(items)}" for label, items in
                (("berganti nama", renamed), ("baru", added), ("dihapus", dropped)) if items]  # fmt: skip
    return Computed(
        len(kept) / len(set(now) | set(before)),
        f"Bagian IKU {ctx.year} yang sama (kode dan nama) dengan IKU {ctx.year - 1}.",
        figures,
        links,
    )


@rule("targets_not_below_last_year")
def targets_not_below_last_year(ctx: Context, params: dict) -> Computed:
    links = [
        _page("rekap", f"Rekap TW IV {ctx.year - 1}", ctx.year - 1, 4),
        _report("pk", f"Perjanjian Kinerja {ctx.year}", ctx.year),
    ]
    if not ctx.store.scalar("SELECT 1 FROM indicator_in_year WHERE year = ? LIMIT 1", [ctx.year - 1]):
        return Computed(None, f"Tidak dapat dihitung: belum ada rencana {ctx.year - 1} di Kinerja.", [], links)
    last = recap(ctx.store, ctx.year - 1, 4).set_index("indicator_code")["realization_to_date"]
    now = recap(ctx.store, ctx.year, 4)
    checked, below = 0, []
    for row in now.itertuples(index=False):
        realised = last.get(row.indicator_code)
        if realised is None or realised != realised or row.annual_target != row.annual_target:
            continue
        checked += 1
        lower = row.annual_target < realised if row.polarity == "positif" else False
        higher = row.annual_target > realised if row.polarity == "negatif" else False
        if lower or higher:
            below.append(f"{row.indicator_code} (target {row.annual_target:g}, realisasi {ctx.year - 1} {realised:g})")
    return Computed(
        _share(checked - len(below), checked),
        f"Bagian indikator yang targetnya tidak lebih ringan dari realisasi {ctx.year - 1} (polaritas positif: "
        "target ≥ realisasi; negatif: target ≤ realisasi; target rentang tidak dibandingkan).",
        [f"{checked - len(below)} dari {checked} indikator bertarget tidak di bawah realisasi tahun lalu"]
        + ([f"lebih ringan dari realisasi: {_listed(below, 5)}"] if below else []),
        links,
    )


@rule("tree_complete")
def tree_complete(ctx: Context, params: dict) -> Computed:
    nodes = int(ctx.store.scalar("SELECT count(*) FROM cascade_node WHERE year = ?", [ctx.year]))
    links = [_page("pohon", f"Pohon Kinerja {ctx.year}", ctx.year)]
    if not nodes:
        return Computed(0.0, f"Belum ada pohon kinerja {ctx.year} di Kinerja.", [f"0 simpul pohon {ctx.year}"], links)
    findings = [f for f in tree_checks(ctx.store, ctx.year) if not f.check.startswith("Crosscutting")]
    flagged = {f.code for f in findings}
    kinds = sorted({f.check for f in findings})
    return Computed(
        (nodes - len(flagged)) / nodes,
        "Bagian simpul pohon kinerja tanpa temuan pemeriksaan (indikator, target, program, pagu, keterhubungan).",
        [f"{nodes - len(flagged)} dari {nodes} simpul tanpa temuan; {len(findings)} temuan"]
        + ([f"jenis temuan: {_listed(kinds)}"] if kinds else []),
        links,
    )


@rule("crosscutting")
def crosscutting(ctx: Context, params: dict) -> Computed:
    counts = dict(
        ctx.store.rows(
            "SELECT l.status, count(*) FROM cascade_link l JOIN cascade_node n ON n.id = l.node_id "
            "WHERE n.year = ? GROUP BY l.status",
            [ctx.year],
        )
    )
    agreed = counts.get("diterima", 0)
    return Computed(
        1.0 if agreed else 0.0,
        "Ya bila pohon kinerja memuat sedikitnya satu tautan crosscutting yang disetujui perangkat daerah lain.",
        [f"{agreed} disetujui, {counts.get('diusulkan', 0)} menunggu, {counts.get('ditolak', 0)} ditolak"],
        [_page("pohon", f"Crosscutting {ctx.year}", ctx.year)],
    )


_BUDGET_SQL = """
SELECT p.code, b.pagu, EXISTS (SELECT 1 FROM indicator_in_year i WHERE i.year = b.year AND i.is_key
                                AND i.goal_id = p.goal_id) AS reaches_iku
FROM programme_budget b JOIN programme p ON p.id = b.programme_id WHERE b.year = ? ORDER BY p.code
"""


@rule("budget_linked")
def budget_linked(ctx: Context, params: dict) -> Computed:
    rows = ctx.store.rows(_BUDGET_SQL, [ctx.year])
    total = sum(pagu for _, pagu, _ in rows)
    linked = sum(pagu for _, pagu, reaches in rows if reaches)
    stray = [code for code, _, reaches in rows if not reaches]
    return Computed(
        linked / total if total else None,
        "Bagian pagu program yang mendukung sasaran ber-IKU.",
        [f"{fmt_rupiah(linked)} dari {fmt_rupiah(total)} ({fmt_percent(linked / total * 100 if total else None)})"]
        + ([f"program tanpa sasaran ber-IKU: {_listed(stray)}"] if stray else []),
        [
            _report("pk", f"Perjanjian Kinerja {ctx.year}: anggaran program", ctx.year),
            _page("pohon", f"Pohon Kinerja {ctx.year}: pagu", ctx.year),
        ],
    )


# --- Pengukuran --------------------------------------------------------------------------------


def _due_quarters(ctx: Context) -> list[tuple[int, dt.date]]:
    """The year's quarters whose deadline has passed, with it."""
    found = ctx.store.rows("SELECT quarter, due_on FROM quarter_deadline WHERE year = ? ORDER BY quarter", [ctx.year])
    return [(q, due) for q, due in found if due < ctx.today]


def _reporting_units(ctx: Context) -> list[str]:
    return [
        code
        for (code,) in ctx.store.rows(
            "SELECT DISTINCT u.code FROM indicator_in_year i JOIN unit u ON u.id = i.unit_id "
            "WHERE i.year = ? ORDER BY u.code",
            [ctx.year],
        )
    ]


_FIRST_SENT_SQL = """
SELECT u.code, s.quarter, min(s.created_at) FROM submission s JOIN unit u ON u.id = s.unit_id
WHERE s.year = ? GROUP BY u.code, s.quarter
"""


def _first_sent(ctx: Context) -> dict[tuple[str, int], dt.datetime]:
    return {(code, q): at for code, q, at in ctx.store.rows(_FIRST_SENT_SQL, [ctx.year])}


@rule("measurement_every_quarter")
def measurement_every_quarter(ctx: Context, params: dict) -> Computed:
    due, units, sent = _due_quarters(ctx), _reporting_units(ctx), _first_sent(ctx)
    pairs = [(u, q) for q, _ in due for u in units]
    missing = [f"{u} {period_name(ctx.year, q)}" for u, q in pairs if (u, q) not in sent]
    return Computed(
        _share(len(pairs) - len(missing), len(pairs)),
        "Bagian triwulan yang telah lewat batas waktunya dan diukur: setiap unit pemegang indikator mengirim data.",
        [
            f"{len(pairs) - len(missing)} dari {len(pairs)} data unit-triwulan masuk ({len(units)} unit × {len(due)} triwulan)"
        ]
        + ([f"belum masuk: {_listed(missing)}"] if missing else []),
        [_page("rekap", f"Kelengkapan per unit {ctx.year}", ctx.year, 4), _page("proses", "Proses SOP", ctx.year)],
    )


@rule("measurement_on_time")
def measurement_on_time(ctx: Context, params: dict) -> Computed:
    """A quarter's data counts on time when its unit's first upload came on or before the quarter's
    deadline (plus ``grace_days``), read in the office's time zone; data not sent counts late."""
    grace = dt.timedelta(days=int(params.get("grace_days", 0)))
    due, units, sent, clock = _due_quarters(ctx), _reporting_units(ctx), _first_sent(ctx), office_clock(ctx.store)
    late, pairs = [], 0
    for q, due_on in due:
        for unit in units:
            pairs += 1
            at = sent.get((unit, q))
            day = clock.local(at).date() if at is not None else None
            if day is None or day > due_on + grace:
                when = fmt_date(day) if day else "belum dikirim"
                late.append(f"{unit} {period_name(ctx.year, q)}: {when}, batas {fmt_date(due_on)}")
    return Computed(
        _share(pairs - len(late), pairs),
        "Bagian data unit-triwulan yang pertama kali diunggah paling lambat batas waktu triwulannya"
        + (f" (+{grace.days} hari)" if grace.days else "")
        + " (waktu kantor); yang belum dikirim dihitung terlambat.",
        [f"{pairs - len(late)} dari {pairs} tepat waktu"] + ([f"terlambat: {_listed(late, 40)}"] if late else []),
        [
            _page("proses", "Proses SOP (waktu kirim)", ctx.year),
            _trail("data.unggah", f"Jejak Audit: data diunggah {ctx.year}", ctx.year),
        ],
    )


_VERIFIED_SQL = """
SELECT u.code, e.quarter, e.state, count(*) FROM review_event e JOIN unit u ON u.id = e.unit_id
WHERE e.year = ? AND e.state IN ('verified', 'returned') GROUP BY ALL
"""


@rule("verification_used")
def verification_used(ctx: Context, params: dict) -> Computed:
    due, units = _due_quarters(ctx), _reporting_units(ctx)
    events = ctx.store.rows(_VERIFIED_SQL, [ctx.year])
    verified = {(u, q) for u, q, state, _ in events if state == "verified"}
    returned = sum(n for _, _, state, n in events if state == "returned")
    pairs = [(u, q) for q, _ in due for u in units]
    open_ = [f"{u} {period_name(ctx.year, q)}" for u, q in pairs if (u, q) not in verified]
    return Computed(
        _share(len(pairs) - len(open_), len(pairs)),
        "Bagian data unit-triwulan yang diverifikasi atasan (alur verifikasi Kinerja).",
        [f"{len(pairs) - len(open_)} dari {len(pairs)} diverifikasi; {returned} kali dikembalikan untuk diperbaiki"]
        + ([f"belum diverifikasi: {_listed(open_)}"] if open_ else []),
        [
            _page("verifikasi", "Verifikasi", ctx.year),
            _trail("status.verified", f"Jejak Audit: data diverifikasi {ctx.year}", ctx.year),
        ],
    )


@rule("collected_in_app")
def collected_in_app(ctx: Context, params: dict) -> Computed:
    versions = int(ctx.store.scalar("SELECT count(*) FROM submission WHERE year = ?", [ctx.year]))
    return Computed(
        1.0 if versions else 0.0,
        "Ya bila data kinerja tahun ini dikumpulkan melalui Kinerja.",
        [f"{versions} versi data triwulan diunggah ke Kinerja tahun {ctx.year}"],
        [_trail("data.unggah", f"Jejak Audit: data diunggah {ctx.year}", ctx.year)],
    )


_LEADERS_SQL = """
SELECT q.quarter,
       (SELECT count(*) FROM assignment a WHERE a.year = ? AND a.quarter = q.quarter) AS dispositions,
       (SELECT count(*) FROM review_event e JOIN account c ON c.name = e.actor
        WHERE e.year = ? AND e.quarter = q.quarter AND e.state IN ('verified', 'returned')
          AND c.role IN ('peninjau', 'pimpinan')) AS reviews
FROM (SELECT unnest(?::INTEGER[]) AS quarter) q ORDER BY q.quarter
"""


_MEETINGS_SQL = "SELECT quarter, link, shown_by, shown_at FROM meeting_shown WHERE year = ? ORDER BY shown_at, id"


@rule("leaders_use")
def leaders_use(ctx: Context, params: dict) -> Computed:
    """A quarter counts when its data was verified or returned by a reviewer or leader, and the
    leaders took it up: a disposition, or a meeting that showed it (meeting mode of the dashboard)."""
    due = [q for q, _ in _due_quarters(ctx)]
    rows = ctx.store.rows(_LEADERS_SQL, [ctx.year, ctx.year, due]) if due else []
    shown = ctx.store.rows(_MEETINGS_SQL, [ctx.year])
    held = {q: [m for m in shown if m[0] == q] for q in due}
    used = [q for q, dispositions, reviews in rows if reviews and (dispositions or held[q])]
    clock = office_clock(ctx.store)
    links = [_page("proses", "Disposisi", ctx.year), _page("verifikasi", "Verifikasi", ctx.year)]
    known = people(ctx.store)
    links += [
        Link(f"Rapat {period_name(ctx.year, q)}, {clock.show(at)}, {known.get(by, by)}", link)
        for q, link, by, at in shown[-8:]
    ]
    return Computed(
        _share(len(used), len(due)),
        "Bagian triwulan yang datanya diverifikasi/dikembalikan pejabat peninjau dan ditindaklanjuti pimpinan: "
        "ada disposisi, atau capaiannya ditampilkan dalam rapat (mode rapat Dasbor).",
        [f"{len(used)} dari {len(due)} triwulan"]
        + [
            f"{period_name(ctx.year, q)}: {d} disposisi, {r} verifikasi/pengembalian, {len(held[q])} rapat"
            for q, d, r in rows
        ],
        links,
    )


# --- Pelaporan ---------------------------------------------------------------------------------


def _final_reports(ctx: Context) -> dict[int, dt.datetime]:
    return dict(
        ctx.store.rows(
            "SELECT quarter, min(happened_at) FROM report_event WHERE year = ? AND state = 'final' GROUP BY quarter",
            [ctx.year],
        )
    )


@rule("lkjip_final")
def lkjip_final(ctx: Context, params: dict) -> Computed:
    at = _final_reports(ctx).get(0)
    clock = office_clock(ctx.store)
    return Computed(
        1.0 if at else 0.0,
        f"Ya bila LKjIP {ctx.year} berstatus final di Kinerja.",
        [f"LKjIP {ctx.year} final {clock.show(at)}" if at else f"LKjIP {ctx.year} belum final"],
        [
            _report("lkjip", f"LKjIP {ctx.year}", ctx.year),
            _trail("laporan.final", f"Jejak Audit: laporan final {ctx.year}", ctx.year),
        ],
    )


@rule("lkjip_on_time")
def lkjip_on_time(ctx: Context, params: dict) -> Computed:
    month, day = (int(p) for p in str(params.get("due_month_day", "03-31")).split("-"))
    due = dt.date(ctx.year + 1, month, day)
    at = _final_reports(ctx).get(0)
    clock = office_clock(ctx.store)
    final_day = clock.local(at).date() if at else None
    return Computed(
        1.0 if final_day and final_day <= due else 0.0,
        f"Ya bila LKjIP {ctx.year} final paling lambat {fmt_date(due)}.",
        [f"final {fmt_date(final_day)}" if final_day else "belum final", f"batas {fmt_date(due)}"],
        [
            _report("lkjip", f"LKjIP {ctx.year}", ctx.year),
            _trail("laporan.final", f"Jejak Audit: laporan final {ctx.year}", ctx.year),
        ],
    )


@rule("quarterly_reports_on_time")
def quarterly_reports_on_time(ctx: Context, params: dict) -> Computed:
    days = int(params.get("days_after_due", 30))
    finals, clock = _final_reports(ctx), office_clock(ctx.store)
    due = _due_quarters(ctx)
    late = []
    for q, due_on in due:
        at = finals.get(q)
        if at is None or clock.local(at).date() > due_on + dt.timedelta(days=days):
            late.append(f"{period_name(ctx.year, q)}: " + (f"final {clock.show(at)}" if at else "belum final"))
    return Computed(
        _share(len(due) - len(late), len(due)),
        f"Bagian laporan triwulan yang final paling lambat {days} hari setelah batas pengiriman data triwulannya.",
        [f"{len(due) - len(late)} dari {len(due)} laporan triwulan final tepat waktu"]
        + ([f"terlambat: {_listed(late)}"] if late else []),
        [_report("triwulan", f"Laporan triwulan {ctx.year}", ctx.year)],
    )


@rule("reported_every_indicator")
def reported_every_indicator(ctx: Context, params: dict) -> Computed:
    year_end = recap(ctx.store, ctx.year, 4)
    measured = int(year_end["achievement_pct"].notna().sum())
    return Computed(
        _share(measured, len(year_end)),
        "Bagian indikator PK yang capaiannya terhadap target tahunan dapat dihitung pada TW IV (dimuat LKjIP Bab III).",
        [f"{measured} dari {len(year_end)} indikator bercapaian TW IV"],
        [_page("rekap", f"Rekap TW IV {ctx.year}", ctx.year, 4), _report("lkjip", f"LKjIP {ctx.year}", ctx.year)],
    )


_COMPARISON_SQL = {
    "renstra": "EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id AND t.kind = 'renstra')",
    "earlier": "EXISTS (SELECT 1 FROM realization r WHERE r.indicator_id = i.id AND r.year < i.year AND r.value IS NOT NULL)",
    "national": "EXISTS (SELECT 1 FROM indicator_year y WHERE y.indicator_id = i.id AND y.year = i.year "
    "AND y.national_standard IS NOT NULL)",
}
_COMPARISON_WORDS = {
    "renstra": "target jangka menengah (Renstra)",
    "earlier": "realisasi tahun-tahun sebelumnya",
    "national": "standar nasional",
}


@rule("lkjip_comparison")
def lkjip_comparison(ctx: Context, params: dict) -> Computed:
    kind = str(params.get("with", "renstra"))
    rows = ctx.store.rows(
        f"SELECT i.code, {_COMPARISON_SQL[kind]} FROM indicator_in_year i WHERE i.year = ? ORDER BY i.code", [ctx.year]
    )
    without = [code for code, has in rows if not has]
    return Computed(
        _share(len(rows) - len(without), len(rows)),
        f"Bagian indikator yang dapat dibandingkan LKjIP dengan {_COMPARISON_WORDS[kind]}.",
        [f"{len(rows) - len(without)} dari {len(rows)} indikator"]
        + ([f"tanpa: {_listed(without)}"] if without else []),
        [_report("lkjip", f"LKjIP {ctx.year} Bab III", ctx.year)],
    )


@rule("targets_on_track")
def targets_on_track(ctx: Context, params: dict) -> Computed:
    quarters = [q for q, _ in _due_quarters(ctx)]
    quarter = max(quarters) if quarters else 4
    frame = recap(ctx.store, ctx.year, quarter)
    measured = frame[frame["achievement_pct"].notna()]
    on_track = int((measured["achievement_pct"] >= 100).sum())
    return Computed(
        _share(on_track, len(measured)),
        "Bagian indikator dengan capaian s.d. triwulan terakhir yang lewat batas waktunya ≥ 100%.",
        [f"{on_track} dari {len(measured)} indikator bercapaian ≥ 100% s.d. {period_name(ctx.year, quarter)}"],
        [_page("dasbor", f"Dasbor {period_name(ctx.year, quarter)}", ctx.year, quarter)],
    )


# --- Evaluasi internal -------------------------------------------------------------------------


@rule("follow_up_done")
def follow_up_done(ctx: Context, params: dict) -> Computed:
    counts = dict(
        ctx.store.rows("SELECT status, count(*) FROM lke_follow_up WHERE year = ? GROUP BY status", [ctx.year])
    )
    total = sum(counts.values())
    links = [_page("lke", f"Tindak lanjut LHE {ctx.year}", ctx.year)]
    if not total:
        return Computed(None, "Tidak dapat dihitung: belum ada rekomendasi evaluasi yang dicatat.", [], links)
    return Computed(
        counts.get("Tuntas", 0) / total,
        "Bagian rekomendasi evaluasi sebelumnya (LHE, Inspektorat, BPK) yang berstatus Tuntas.",
        [
            f"{counts.get('Tuntas', 0)} Tuntas, {counts.get('Proses', 0)} Proses, {counts.get('Belum', 0)} Belum "
            f"dari {total} rekomendasi"
        ],
        links,
    )
