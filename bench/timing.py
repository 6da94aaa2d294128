"""How the benchmarks time their work."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, work: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    """The best wall time of ``runs`` calls: the least disturbed by the rest of the machine.
    ``before`` runs ahead of each call, untimed (to empty a cache, say)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
