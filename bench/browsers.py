"""The browsers the benchmarks and the tests drive: two of Debian's Chromium packages.

Playwright cannot download its own browsers here; it drives Debian's, one build in two
packages (``make browser`` installs both):

- ``chromium`` (package ``chromium``, ``/usr/bin/chromium``): the browser people run. The
  benchmarks measure in it unless told otherwise (first draw, the exported page's opening,
  the cold start, the load test), and a test of the app's page runs in it.
- ``headless-shell`` (package ``chromium-headless-shell``): the same build's headless shell,
  the browser Playwright itself launches for headless runs. Pages run on the same Blink and
  V8; the shell has no browser window and a lighter browser process. The browser tests run
  in it: eight page loads of the app, one context, cost 13-15 busy core-seconds (browser
  and server together) against 22-29 in ``chromium``, loads alternating, twice.

>>> sorted(BROWSERS)
['chromium', 'headless-shell']
>>> executable("chromium")
'/usr/bin/chromium'
>>> executable("firefox")
Traceback (most recent call last):
...
ValueError: unknown browser 'firefox': one of chromium, headless-shell
"""

from __future__ import annotations

import os
import subprocess

CHROMIUM = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
BROWSERS = {"chromium": CHROMIUM, "headless-shell": HEADLESS_SHELL}
# The flags every launch passes: no sandbox (root in CI), software rendering, no requests of
# the browser's own (updates, safe browsing lists).
ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking")
# The benchmark's browser: `python bench/run.py --browser NAME` sets it for its workers.
BENCH_BROWSER_ENV = "KRATOM_BENCH_BROWSER"


def executable(name: str) -> str:
    """The path of the browser called ``name`` (a key of :data:`BROWSERS`)."""
    try:
        return BROWSERS[name]
    except KeyError:
        raise ValueError(f"unknown browser {name!r}: one of {', '.join(sorted(BROWSERS))}") from None


def bench_browser() -> str:
    """The name of the browser the benchmarks measure in (``chromium`` unless set)."""
    name = os.environ.get(BENCH_BROWSER_ENV) or "chromium"
    executable(name)
    return name


def launch_options(name: str | None = None, extra: tuple[str, ...] = ()) -> dict:
    """Playwright's ``chromium.launch`` keywords for the browser called ``name`` (by default
    the benchmark's, :func:`bench_browser`): headless, :data:`ARGS` and then ``extra``.

    >>> launch_options("headless-shell")["executable_path"]
    '/usr/bin/chromium-headless-shell'
    """
    return {"executable_path": executable(name or bench_browser()), "headless": True, "args": [*ARGS, *extra]}


def describe(name: str) -> str:
    """How the figures' notes name the browser called ``name``.

    >>> describe("headless-shell")
    'Debian chromium-headless-shell'
    """
    return (
        "headless Debian chromium"
        if executable(name) == CHROMIUM
        else f"Debian {executable(name).rsplit('/', 1)[1]}"
    )


def installed(name: str) -> bool:
    """Whether the browser called ``name`` is installed."""
    return os.access(executable(name), os.X_OK)


def version(name: str) -> str | None:
    """What the browser called ``name`` says its version is (None when it cannot say)."""
    try:
        out = subprocess.run([executable(name), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None
