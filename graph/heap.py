"""The process's heap: the cyclic garbage collector around bulk work (paused while many
records are made, the long-lived objects frozen out of it), and the C allocator's free
memory handed back to the system.

The process's own state is kept here (whether :func:`freeze_long_lived` froze the heap)
rather than asked of the collector: ``gc.get_freeze_count()`` counts the frozen objects
one by one, so asking it on every pause cost 15 ms per call once the app had frozen its
modules and graph.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state = {"frozen": False}


def heap_frozen() -> bool:
    """Whether :func:`freeze_long_lived` has frozen this process's heap.

    >>> isinstance(heap_frozen(), bool)
    True
    """
    return _state["frozen"]


def freeze_long_lived() -> None:
    """Leave what lives as long as the process (modules, the embedded graph) out of garbage
    collection: Streamlit runs a full collection after every run, which otherwise walks all
    of it each time (about 80 ms of CPU per click on the network). Objects that die by
    reference count are freed as before; only cycles made before this call stay. At exit
    the heap is unfrozen, so that shutdown finalises everything as usual."""
    gc.collect()
    gc.freeze()
    if not _state["frozen"]:
        _state["frozen"] = True
        atexit.register(gc.unfreeze)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic records.

    Validating and building a 50k-node dataset allocates millions of small dicts, tuples
    and records; the collector's repeated scans of them took about half the time
    (bench/RESULTS.md). Nothing made here forms reference cycles, and reference counting
    still frees everything. The previous state is restored, also on error.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was made here lives as long as the dataset: move it to the oldest
        # generation at once (freeze, then unfreeze, puts every tracked object there)
        # so that the next young collection does not walk it all. Skipped when the
        # process keeps frozen objects of its own, which unfreeze would release.
        if not _state["frozen"]:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> bool:
    """Hand the C allocator's free pages back to the system (glibc ``malloc_trim(0)``, all
    arenas); True when some were released.

    The server's threads each allocate from their own glibc arena, and a freed block in the
    middle of an arena stays resident until trimmed: after readers close their sessions,
    several MB of freed session state stayed in the server's resident memory. A call costs
    about 0.05 ms when there is nothing to release, a few ms when there is.
    """
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def release_free_memory_every(seconds: float, stop: threading.Event | None = None) -> threading.Thread:
    """Start a daemon thread that calls :func:`release_free_memory` every ``seconds`` (until
    ``stop`` is set): what closed sessions freed (they end without a script run to hook) is
    returned within that time."""
    stop = stop or threading.Event()

    def run() -> None:
        while not stop.wait(seconds):
            release_free_memory()

    thread = threading.Thread(target=run, name="release-free-memory", daemon=True)
    thread.start()
    return thread
