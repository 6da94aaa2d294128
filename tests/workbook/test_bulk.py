"""The collector paused while a large file is read and stored, and running again afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from kinerja.workbook.bulk import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_inside_and_running_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_runs_again_after_a_failure_inside():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("berkas rusak")
    assert gc.isenabled()


def test_two_imports_at_once_keep_it_paused_until_the_last_ends():
    first_in, first_may_end = threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            first_in.set()
            first_may_end.wait(5)
            seen["first, after the second ended"] = gc.isenabled()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        pass
    seen["between"] = gc.isenabled()
    first_may_end.set()
    thread.join(5)
    assert seen == {"between": False, "first, after the second ended": False}
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
