"""Scores over plain values: a share read as an answer on a scale, the predikat of a total, and
where the points left are. No SQL, no files: the page, the command line and the export agree."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja.evaluation.worksheet import Grade


def answer_from_share(share: float | None, values: dict[str, float]) -> str | None:
    """The best answer of the scale whose value does not exceed ``share`` (Y/T: Y only when all
    holds; A–E: 0.9 is B, never rounded up); None when there is nothing to judge."""
    if share is None:
        return None
    fitting = [(value, letter) for letter, value in values.items() if value <= share + 1e-9]
    return max(fitting)[1] if fitting else min((v, a) for a, v in values.items())[1]


def criterion_points(answer: str | None, values: dict[str, float], weight: float) -> float:
    """The criterion's points: its answer's value times its weight; no answer scores nothing."""
    return values.get(answer, 0.0) * weight if answer else 0.0


def predikat(total: float, grades: Sequence[Grade]) -> Grade:
    """The grade of ``total`` by the bands: the first whose bound the total is above."""
    for grade in grades:
        if grade.above is None or total > grade.above:
            return grade
    return grades[-1]


def next_grade(total: float, grades: Sequence[Grade]) -> tuple[Grade, float] | None:
    """The grade above the one ``total`` earns, and the points still needed to be above its bound."""
    current = predikat(total, grades)
    index = list(grades).index(current)
    if index == 0:
        return None
    higher = grades[index - 1]
    return higher, max(0.0, float(higher.above or 0) - total) + 0.01
