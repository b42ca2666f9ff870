"""The collector pause and the long-lived freeze (graph.heap)."""

from __future__ import annotations

import gc

import pytest

from graph import heap


@pytest.fixture
def spies(monkeypatch):
    """Record freeze/unfreeze calls; asking the collector for its frozen count is refused
    (it walks every frozen object: 15 ms a call once the app has frozen its graph)."""
    calls: list[str] = []
    monkeypatch.setattr(heap.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(heap.gc, "unfreeze", lambda: calls.append("unfreeze"))

    def refuse():
        raise AssertionError("gc.get_freeze_count walks the whole frozen heap")

    monkeypatch.setattr(heap.gc, "get_freeze_count", refuse)
    return calls


@pytest.mark.parametrize("frozen", [False, True], ids=["heap-not-frozen", "heap-frozen-by-the-app"])
def test_pause_restores_the_collector_and_keeps_the_apps_frozen_objects(monkeypatch, spies, frozen):
    monkeypatch.setitem(heap._state, "frozen", frozen)
    assert gc.isenabled()
    with heap.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    # Not frozen: what was made moves to the oldest generation. Frozen: nothing is released.
    assert spies == ([] if frozen else ["freeze", "unfreeze"])


def test_pause_restores_the_collector_on_error_and_leaves_a_disabled_one_disabled(monkeypatch, spies):
    monkeypatch.setitem(heap._state, "frozen", False)
    with pytest.raises(ValueError), heap.gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with heap.gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_freezing_is_remembered_and_registered_for_exit_once(monkeypatch, spies):
    registered = []
    monkeypatch.setattr(heap.atexit, "register", registered.append)
    monkeypatch.setattr(heap.gc, "collect", lambda: 0)
    monkeypatch.setitem(heap._state, "frozen", False)
    heap.freeze_long_lived()
    heap.freeze_long_lived()
    assert heap.heap_frozen() is True
    assert spies == ["freeze", "freeze"]
    assert len(registered) == 1  # the heap is unfrozen once at exit


def _rss_mb() -> float:
    status = open("/proc/self/status").read()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


@pytest.mark.skipif(heap._malloc_trim() is None, reason="needs glibc's malloc_trim")
def test_release_free_memory_returns_what_a_thread_freed_between_kept_blocks():
    import threading

    kept: list[bytearray] = []

    def work():
        # 80 MB in blocks of 4 kB from this thread's arena; every 16th stays, so the freed
        # space lies between live blocks, where free() alone does not return it.
        blocks = [bytearray(4000) for _ in range(20_000)]
        kept.extend(blocks[::16])

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    before = _rss_mb()
    assert heap.release_free_memory() is True
    assert before - _rss_mb() > 30
    assert len(kept) == 1250


def test_release_free_memory_every_runs_in_a_daemon_thread(monkeypatch):
    import threading

    calls, stop = threading.Event(), threading.Event()
    monkeypatch.setattr(heap, "release_free_memory", calls.set)
    thread = heap.release_free_memory_every(0.01, stop)
    assert thread.daemon and thread.is_alive()
    assert calls.wait(5)
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
