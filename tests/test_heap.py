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
