"""People behind accounts: a screen that says who did something names the person, with the account
in brackets ("Kepala Bidang Kesmas (kabid.kesmas)"), as people know each other by name."""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.storage.store import Store

NO_ACCOUNT = {"anonim": "tanpa akun (belum masuk)", "sistem": "Sistem (baris perintah)"}


def person_label(account: str | None, full_name: str | None) -> str:
    """'Budi Santoso (kabid.kesmas)'; the account alone when it has no name; '' for none."""
    if not account:
        return ""
    if account in NO_ACCOUNT and not full_name:
        return NO_ACCOUNT[account]
    name = (full_name or "").strip()
    return f"{name} ({account})" if name and name != account else account


def people(store: Store) -> dict[str, str]:
    """Every account's label (see ``person_label``), by account name."""
    return {name: person_label(name, full) for name, full in store.rows("SELECT name, display_name FROM account")}


def label_people(accounts: Iterable[object], known: dict[str, str]) -> list[str]:
    """The labels of a column of account names (an account since removed keeps its bare name)."""
    return [(known.get(a) or person_label(a, None)) if isinstance(a, str) else "" for a in accounts]
