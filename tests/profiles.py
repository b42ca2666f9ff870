"""The test profile: ``ci`` (the default, ``make test``) or ``nightly`` (more work per test).

Pick it with ``TEST_PROFILE=nightly`` (``HYPOTHESIS_PROFILE=nightly`` is read too). The
property tests run ten times as many examples in ``nightly`` (tests/conftest.py), and
the scale tests that take a size from :func:`by_profile` run at their full size.
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("TEST_PROFILE") or os.environ.get("HYPOTHESIS_PROFILE") or "ci"
if PROFILE not in ("ci", "nightly"):
    raise ValueError(f"TEST_PROFILE={PROFILE!r}: expected ci or nightly")


def by_profile(ci, nightly):
    """``nightly`` under the nightly profile, else ``ci``.

    >>> by_profile(250_000, 1_000_000) in (250_000, 1_000_000)
    True
    """
    return nightly if PROFILE == "nightly" else ci
