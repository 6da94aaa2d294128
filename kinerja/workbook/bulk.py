"""Reading and storing a large file in one go: Python's cyclic garbage collector paused meanwhile.

A province's plan (6,000 indicators) or a 50,000-row data file makes some hundreds of thousands of
small objects (cells, rows, places, targets) that all live until they are stored; the collector,
triggered by their number, walks them again and again (a fifth of a plan's import) and finds nothing
to free. Paused for the import (``kinerja.collection.datafile.collector_paused`` for data files), it
runs again as soon as the last import running ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0  # imports running now (one per session at most; several sessions at once)
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The block runs without cyclic collections (reference counting frees objects as always)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
