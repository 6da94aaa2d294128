"""The words planners write for an indicator's settings, read into the engine's terms (DOMAIN.md)."""

from __future__ import annotations

import functools
import math
import re

from kinerja.domain.achievement import Aggregation, Polarity, Target
from kinerja.domain.numbers import is_not_reported, parse_number

_POLARITY = {
    Polarity.POSITIVE: (
        "positif",
        "positive",
        "maksimal",
        "maksimalisasi",
        "maximize",
        "naik",
        "meningkat",
        "semakin tinggi semakin baik",
        "makin tinggi makin baik",
        "tinggi lebih baik",
    ),
    Polarity.NEGATIVE: (
        "negatif",
        "negative",
        "minimal",
        "minimalisasi",
        "minimize",
        "turun",
        "menurun",
        "semakin rendah semakin baik",
        "makin rendah makin baik",
        "rendah lebih baik",
    ),
    Polarity.RANGE: ("rentang", "range", "stabilisasi", "interval", "kisaran"),
}
_AGGREGATION = {
    Aggregation.SUM: ("sum", "kumulatif", "akumulasi", "akumulatif", "tren positif kumulatif", "jumlah", "penjumlahan"),
    Aggregation.LAST: (
        "last",
        "nilai akhir",
        "posisi akhir",
        "non kumulatif",
        "nonkumulatif",
        "akhir periode",
        "tidak kumulatif",
        "stok",
        "posisi",
    ),
    Aggregation.AVG: ("avg", "rata rata", "ratarata", "rerata", "average", "mean"),
    Aggregation.RATIO: ("ratio", "rasio", "persentase pembilang penyebut", "pembilang penyebut", "proporsi"),
}
_YES = {"ya", "y", "yes", "v", "x", "1", "iku", "true", "benar", "✓", "√"}
_NO = {"", "tidak", "t", "no", "n", "0", "false", "bukan", "-"}
_RANGE = re.compile(
    r"^\s*([0-9][0-9.,]*)\s*%?\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?|hingga)\s*([0-9][0-9.,]*)\s*%?\s*$"
)

POLARITY_HELP = "gunakan Positif, Negatif atau Rentang (atau Maksimal/Minimal)"
AGGREGATION_HELP = "gunakan Kumulatif, Nilai Akhir, Rata-rata atau Rasio"


def _lookup(text: object, table: dict) -> object | None:
    key = normalise_label(text)
    for value, words in table.items():
        if key in words or key.replace(" ", "") in words:
            return value
    return None


def parse_polarity(text: object) -> Polarity | None:
    """'Maksimal' → POSITIVE, 'semakin rendah semakin baik' → NEGATIVE; None if unknown."""
    return _lookup(str(text).strip(), _POLARITY)


def parse_aggregation(text: object) -> Aggregation | None:
    """'Kumulatif' → SUM, 'Posisi Akhir' → LAST, 'Rata-rata' → AVG, 'Rasio' → RATIO; None if unknown."""
    return _lookup(str(text).strip(), _AGGREGATION)


def parse_yes_no(text: object) -> bool | None:
    """'Ya'/'✓'/1 → True, blank/'Tidak' → False, anything else None."""
    key = str(text).strip().lower() if text is not None else ""
    if isinstance(text, float) and text in (0.0, 1.0):
        return bool(text)
    return True if key in _YES else False if key in _NO else None


def parse_target(text: object) -> Target | None:
    """'85,5' or 85.5 → Target(85.5); '80 - 90' or '80–90%' → Target(80, 90); blank → None.

    Raises ValueError (Indonesian reason) when the text is neither a number nor a range.
    """
    if type(text) is float:  # a number cell, or a text read by its column's decimal mark
        return None if math.isnan(text) else Target(text)
    if isinstance(text, str):
        match = _RANGE.match(text)
        if match:
            low, high = parse_number(match.group(1)), parse_number(match.group(2))
            if low is None or high is None or low > high:
                raise ValueError(f"rentang target tidak sah: '{text}' (batas bawah harus ≤ batas atas)")
            return Target(low, high)
    if isinstance(text, str) and re.fullmatch(r"[^\W\d_][\w .,/()-]*", text.strip()) and not is_not_reported(text):
        raise ValueError(
            f"target berupa teks '{text.strip()}': capaian dihitung dari angka; tulis indikator kualitatif "
            f"sebagai ya/tidak, mis. 'Opini BPK {text.strip()}' dengan target 1 dan realisasi 1 (tercapai) atau 0"
        )
    value = parse_number(text)
    return None if value is None else Target(value)


POLARITY_WORD = {Polarity.POSITIVE: "Positif", Polarity.NEGATIVE: "Negatif", Polarity.RANGE: "Rentang"}
AGGREGATION_WORD = {
    Aggregation.SUM: "Kumulatif",
    Aggregation.LAST: "Nilai Akhir",
    Aggregation.AVG: "Rata-rata",
    Aggregation.RATIO: "Rasio",
}


def normalise_label(text: object) -> str:
    """'Indikator  Kinerja\\n(IKU)' → 'indikator kinerja iku'."""
    return _normalised(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=32768)  # a list repeats its parents' names on every row: each is normalised once
def _normalised(text: str) -> str:
    return " ".join(_NOT_LABEL.sub(" ", text.lower()).split())


_NOT_LABEL = re.compile(r"[^0-9a-z%]+")
