"""Figures the robustness tests report at the end of a run (bad inputs held, crashes survived,
uploads lost), printed by the hook in conftest.py."""

from __future__ import annotations

from collections import Counter

TRIED: Counter[str] = Counter()
HELD: Counter[str] = Counter()
NOTES: dict[str, str] = {}

LABELS = {
    "bad_inputs_library": "Masukan buruk lewat pustaka/CLI",
    "bad_inputs_pages": "Masukan buruk lewat halaman",
    "crashes": "Impor dimatikan (SIGKILL) di tengah penulisan",
    "concurrent_threads": "Unggahan bersamaan (utas, satu proses)",
    "concurrent_browsers": "Unggahan bersamaan (peramban, satu server)",
}


def count(name: str, *, held: bool) -> None:
    TRIED[name] += 1
    HELD[name] += int(held)


def lines() -> list[str]:
    out = []
    for name, label in LABELS.items():
        if TRIED[name]:
            out.append(
                f"{label}: {TRIED[name]} dicoba, {HELD[name]} bertahan" + (f" ({NOTES[name]})" if name in NOTES else "")
            )
    return out
