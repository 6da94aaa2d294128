"""Who may do what: the roles, the person a piece of work is done for, and the rules.

Every write in ``kinerja/`` asks :func:`require` before it touches the database, with the actor
of the running request (:func:`current`). The app sets the actor at the start of every script
run from the signed-in account; the command line acts as :data:`SYSTEM`. A thread where no one
has set it is anonymous, and anonymous may do nothing: a forgotten ``acting_as`` fails closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from kinerja.storage.store import stop_writing_as, writing_as


class Role(StrEnum):
    ADMIN = "admin"  # perencana / admin: the plan, units, accounts, deadlines, everything
    OPERATOR = "operator"  # operator unit: uploads and edits only its unit's data
    REVIEWER = "peninjau"  # Kepala Bidang, Sub Koordinator, Sekretaris: verifies or returns
    LEADER = "pimpinan"  # reads dashboards and reports
    # the LKE's evaluators from outside the office: they read its data and answer only their column
    BAPPEDA = "bappeda"  # verifies the components the worksheet gives Bappeda
    ORGANISATION = "organisasi"  # Bagian Organisasi Setda: verifies the components the worksheet gives it
    INSPECTORATE = "inspektorat"  # quality assurance and the final score (and verifies its own component)


ROLE_WORD = {
    Role.ADMIN: "Admin / perencana",
    Role.OPERATOR: "Operator unit",
    Role.REVIEWER: "Peninjau (Kabid, Sub Koordinator, Sekretaris)",
    Role.LEADER: "Pimpinan",
    Role.BAPPEDA: "Verifikator LKE (Bappeda)",
    Role.ORGANISATION: "Verifikator LKE (Bagian Organisasi)",
    Role.INSPECTORATE: "Inspektorat (penjaminan kualitas dan nilai final LKE)",
}


class Action(StrEnum):
    READ = "membaca dasbor, rekap dan laporan"
    UPLOAD = "mengunggah atau mengubah data unit"
    SUBMIT = "mengajukan data unit untuk diverifikasi"
    REVIEW = "memverifikasi atau mengembalikan data unit"
    PLAN = "mengubah rencana kinerja dan unit kerja"
    SETTINGS = "mengubah pengaturan dan batas waktu"
    ACCOUNTS = "mengelola akun"
    REPORT = "mengubah status laporan"
    UNLOCK = "membuka kunci periode"
    SHARE = "membuat atau mencabut tautan berbagi"
    ASSIGN = "membagi tugas (disposisi)"
    AUDIT = "membaca jejak audit"
    DEMO = "menghapus data demo"
    BACKUP = "mencadangkan basis data"
    ARCHIVE = "mengunduh arsip periode dengan berkas asli semua unit"
    LKE_SELF = "mengisi penilaian mandiri dan bukti dukung LKE"
    LKE_VERIFY = "mengisi kolom verifikasi LKE"
    LKE_ASSURE = "mengisi kolom penjaminan kualitas dan nilai final LKE"


# The LKE's columns belong to the evaluators outside the office: not even its admin answers them.
EVALUATORS_ONLY = frozenset({Action.LKE_VERIFY, Action.LKE_ASSURE})
_EVALUATOR = frozenset({Action.READ, Action.AUDIT, Action.ARCHIVE})  # the evidence: pages, trail, originals
# What each role may do; unit-scoped actions also need the unit within the account's scope.
RULES: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action) - EVALUATORS_ONLY,
    Role.OPERATOR: frozenset({Action.READ, Action.UPLOAD, Action.SUBMIT}),
    Role.REVIEWER: frozenset({Action.READ, Action.REVIEW, Action.ASSIGN}),
    Role.LEADER: frozenset({Action.READ, Action.SHARE, Action.ARCHIVE}),
    Role.BAPPEDA: _EVALUATOR | {Action.LKE_VERIFY},
    Role.ORGANISATION: _EVALUATOR | {Action.LKE_VERIFY},
    Role.INSPECTORATE: _EVALUATOR | {Action.LKE_VERIFY, Action.LKE_ASSURE},
}
UNIT_SCOPED = frozenset({Action.UPLOAD, Action.SUBMIT, Action.REVIEW})


@dataclass(frozen=True)
class Actor:
    """Whoever a piece of work is done for. ``scope``: the codes of the account's unit and every
    unit below it (the units an operator or reviewer answers for)."""

    name: str
    role: Role
    unit: str | None = None
    scope: frozenset[str] = field(default_factory=frozenset)
    account_id: int | None = None
    display_name: str = ""

    @property
    def label(self) -> str:
        return self.display_name or self.name


SYSTEM = Actor("sistem", Role.ADMIN, display_name="Sistem (baris perintah)")


class Forbidden(PermissionError):
    """The actor may not do this; the message says who and what, in Indonesian."""


def can(actor: Actor | None, action: Action, unit: str | None = None) -> bool:
    """Whether ``actor`` may do ``action`` (to ``unit``'s data, for the unit-scoped ones)."""
    if actor is None or action not in RULES[actor.role]:
        return False
    if actor.role is Role.ADMIN or action not in UNIT_SCOPED:
        return True
    return unit is not None and unit in actor.scope


def may_ever(actor: Actor | None, action: Action) -> bool:
    """Whether ``actor``'s role does ``action`` at all (for some unit): what a page checks before
    it shows its controls; each write then checks the unit."""
    return actor is not None and action in RULES[actor.role]


def require(action: Action, unit: str | None = None, actor: Actor | None = None) -> Actor:
    """The current actor (or ``actor``) if it may do ``action``; :class:`Forbidden` otherwise."""
    actor = actor if actor is not None else current()
    if can(actor, action, unit):
        return actor
    if actor is None:
        raise Forbidden(f"Masuk terlebih dahulu untuk {action.value}.")
    where = f" untuk unit {unit}" if unit and action in UNIT_SCOPED else ""
    raise Forbidden(f"Akun {actor.name} ({ROLE_WORD[actor.role]}) tidak berwenang {action.value}{where}.")


_current: ContextVar[Actor | None] = ContextVar("kinerja_actor", default=None)


def current() -> Actor | None:
    """The actor of the running request; None (anonymous) where nobody set one."""
    return _current.get()


def set_actor(actor: Actor | None) -> None:
    """Make ``actor`` the current one for the rest of this thread's work (a script run)."""
    _current.set(actor)
    writing_as(actor.name if actor else "anonim")


@contextmanager
def acting_as(actor: Actor | None) -> Iterator[Actor | None]:
    token, name = _current.set(actor), writing_as(actor.name if actor else "anonim")
    try:
        yield actor
    finally:
        stop_writing_as(name)
        _current.reset(token)


def actor_name() -> str:
    """How the audit trail names the current actor."""
    actor = current()
    return actor.name if actor else "anonim"
