"""The LKE worksheet as data: components, sub-components, criteria, answer scales and grade bands.

The worksheet is never code: the package ships the regulation's (``data/*.json``) and an office loads
its own version (the Inspektorat's rubric, a new regulation) for a year and the years after it.
A year keeps the version it was answered with: a version loaded for 2027 does not change 2026."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kinerja.access.roles import Action, Role, require
from kinerja.domain.problems import InputRejected, Problem
from kinerja.storage.store import Store

BUILT_IN = "lke-permenpanrb-88-2021.json"
STAGES = ("mandiri", "verifikasi", "penjaminan", "final")
TOLERANCE = 1e-6
# who verifies a component, by the word its ``verifier`` holds ("Bappeda", "Bag. Organisasi", "Inspektorat")
VERIFIERS = {"bappeda": Role.BAPPEDA, "organisasi": Role.ORGANISATION, "inspektorat": Role.INSPECTORATE}


def verifier_roles(verifier: str) -> frozenset[Role]:
    """The roles that verify a component whose verifier is written ``verifier``."""
    return frozenset(role for word, role in VERIFIERS.items() if word in verifier.lower())


@dataclass(frozen=True)
class Criterion:
    code: str
    text: str
    scale: str
    evidence: tuple[str, ...]
    component: str
    subcomponent: str
    weight: float  # points of the total (100) this criterion carries
    rule: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Subcomponent:
    code: str
    name: str
    weight: float
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    weight: float
    verifier: str
    subcomponents: tuple[Subcomponent, ...]


@dataclass(frozen=True)
class Grade:
    grade: str
    above: float | None  # the total must be above this; None: everything below the band above
    words: str


@dataclass(frozen=True)
class Worksheet:
    name: str
    scales: dict[str, dict[str, float]]
    scale_names: dict[str, str]
    grades: tuple[Grade, ...]
    stages: dict[str, str]
    components: tuple[Component, ...]
    source: str  # where it came from: the built-in file or the version loaded

    @property
    def criteria(self) -> list[Criterion]:
        return [c for comp in self.components for sub in comp.subcomponents for c in sub.criteria]

    def criterion(self, code: str) -> Criterion:
        return next(c for c in self.criteria if c.code == code)


def built_in_text() -> str:
    return (resources.files("kinerja.evaluation") / "data" / BUILT_IN).read_text(encoding="utf-8")


def parse_worksheet(text: str | bytes, file_name: str, known_rules: frozenset[str]) -> Worksheet:
    """The worksheet written in ``text`` (JSON), checked whole: the weights add up (components to
    100, sub-components to their component), every scale and rule named exists, codes are unique.
    Refused with every problem said, never half taken."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputRejected([Problem(f"bukan berkas JSON yang sah ({exc})", file=file_name)]) from exc
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(message, file=file_name))

    if not isinstance(raw, dict) or not isinstance(raw.get("components"), list):
        raise InputRejected([Problem("tidak memuat daftar 'components' (komponen LKE)", file=file_name)])
    scales = {k: {a: float(v) for a, v in s.get("values", {}).items()} for k, s in (raw.get("scales") or {}).items()}
    grades = tuple(Grade(g["grade"], g.get("above"), g.get("words", "")) for g in raw.get("grades") or [])
    if not grades or grades[-1].above is not None:
        bad("'grades' harus berisi predikat dari yang tertinggi, diakhiri predikat tanpa batas bawah ('above': null)")
    components, seen = [], set()
    for comp in raw["components"]:
        subs = []
        for sub in comp.get("subcomponents", []):
            crits = sub.get("criteria", [])
            shares = [float(c.get("bobot_relatif", 1)) for c in crits]
            total_share = sum(shares) or 1
            made = []
            for c, share in zip(crits, shares, strict=True):
                code = str(c.get("code", ""))
                if not code or code in seen:
                    bad(f"kode kriteria kosong atau ganda: '{code}' (subkomponen {sub.get('code')})")
                seen.add(code)
                if c.get("scale") not in scales:
                    bad(f"kriteria {code}: skala '{c.get('scale')}' tidak ada di 'scales'")
                if c.get("rule") and c["rule"] not in known_rules:
                    bad(f"kriteria {code}: aturan '{c['rule']}' tidak dikenal Kinerja")
                weight = float(sub.get("weight", 0)) * share / total_share
                made.append(
                    Criterion(code, str(c.get("text", "")), str(c.get("scale")), tuple(c.get("evidence", [])),
                              comp.get("code", ""), sub.get("code", ""), weight, c.get("rule"), c.get("params") or {})
                )  # fmt: skip
            if not made:
                bad(f"subkomponen {sub.get('code')} tidak berisi kriteria")
            subs.append(
                Subcomponent(sub.get("code", ""), sub.get("name", ""), float(sub.get("weight", 0)), tuple(made))
            )
        component = Component(comp.get("code", ""), comp.get("name", ""), float(comp.get("weight", 0)),
                              str(comp.get("verifier", "")), tuple(subs))  # fmt: skip
        if not verifier_roles(component.verifier):
            bad(f"komponen {component.code}: verifikator '{component.verifier}' tidak dikenal; tuliskan Bappeda, "
                "Bag. Organisasi atau Inspektorat")  # fmt: skip
        if abs(sum(s.weight for s in subs) - component.weight) > TOLERANCE:
            bad(
                f"bobot subkomponen {component.code} berjumlah {sum(s.weight for s in subs):g}, "
                f"bukan bobot komponennya {component.weight:g}"
            )
        components.append(component)
    if abs(sum(c.weight for c in components) - 100) > TOLERANCE:
        bad(f"bobot komponen berjumlah {sum(c.weight for c in components):g}, bukan 100")
    if problems:
        raise InputRejected(problems)
    names = {k: s.get("name", k) for k, s in (raw.get("scales") or {}).items()}
    stages = raw.get("stages") or {s: s for s in STAGES}
    return Worksheet(raw.get("name", file_name), scales, names, grades, stages, tuple(components), file_name)


def load_version(store: Store, year: int, content: bytes, file_name: str, known_rules: frozenset[str]) -> Worksheet:
    """Keep ``content`` as the worksheet of ``year`` and the years after it (until a later version)."""
    require(Action.PLAN)
    sheet = parse_worksheet(content, file_name, known_rules)
    digest = hashlib.sha256(content).hexdigest()
    with store.write() as w:
        new_id = w.next_id("lke_worksheet")
        w.execute(
            "INSERT INTO lke_worksheet (id, year, name, file_name, content, sha256, loaded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id, year, sheet.name, file_name, content.decode("utf-8"), digest, _actor()],
        )
        w.audit("lke.muat", f"LKE {year}", None, {"berkas": file_name, "nama": sheet.name, "sha256": digest})
    return sheet


def worksheet_for(store: Store, year: int, known_rules: frozenset[str]) -> Worksheet:
    """The version in force for ``year``: the latest loaded for that year or an earlier one, else
    the regulation's shipped with Kinerja."""
    found = store.rows(
        "SELECT content, file_name, year FROM lke_worksheet WHERE year <= ? ORDER BY year DESC, id DESC LIMIT 1",
        [year],
    )
    if not found:
        return parse_worksheet(built_in_text(), BUILT_IN, known_rules)
    content, file_name, since = found[0]
    sheet = parse_worksheet(content, file_name, known_rules)
    return Worksheet(sheet.name, sheet.scales, sheet.scale_names, sheet.grades, sheet.stages, sheet.components,
                     f"{file_name} (dimuat untuk {since})")  # fmt: skip


def _actor() -> str:
    from kinerja.access.roles import actor_name

    return actor_name()
