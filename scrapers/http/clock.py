"""Time as a dependency.

Politeness is mostly about waiting; tests must check the waits without spending them, so
every wait and every reading of the time goes through a ``Clock``.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    """What the client needs from time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (for intervals)."""
        ...

    def time(self) -> float:
        """Seconds since the epoch (for HTTP dates in ``Retry-After``)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block the calling thread."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A clock whose ``sleep`` advances time instantly and records the wait.

    Kept here rather than in the tests so connector tests can use it too.
    """

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        with self._lock:
            return self._now

    def time(self) -> float:
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            if seconds > 0:
                self._now += seconds

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds
