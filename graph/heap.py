"""The cyclic garbage collector around bulk work: paused while many records are made, and
the process's long-lived objects frozen out of it.

The process's own state is kept here (whether :func:`freeze_long_lived` froze the heap)
rather than asked of the collector: ``gc.get_freeze_count()`` counts the frozen objects
one by one, so asking it on every pause cost 15 ms per call once the app had frozen its
modules and graph.
"""

from __future__ import annotations

import atexit
import gc
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
