"""Per-host pacing: a minimum interval between request starts, with jitter, and a cap on
concurrent requests.

Crawlers may run several threads; the gate is what keeps the sum of their traffic to one
host as gentle as a single careful client. Waiting happens outside the locks so one slow
host never stalls the others.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from scrapers.http.clock import Clock


@dataclass
class _HostState:
    slots: threading.BoundedSemaphore
    next_start: float = 0.0
    interval_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostGate:
    """Hands out permission to send one request to a host."""

    def __init__(
        self,
        clock: Clock,
        *,
        min_interval_s: float,
        jitter_s: float,
        max_in_flight: int,
        rng: random.Random | None = None,
    ) -> None:
        self._clock = clock
        self._min_interval_s = min_interval_s
        self._jitter_s = jitter_s
        self._max_in_flight = max_in_flight
        self._rng = rng or random.Random()
        self._rng_lock = threading.Lock()
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        with self._hosts_lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(
                    slots=threading.BoundedSemaphore(self._max_in_flight),
                    interval_s=self._min_interval_s,
                )
                self._hosts[host] = state
            return state

    def slow_down(self, host: str, interval_s: float) -> None:
        """Raise a host's interval (e.g. to its robots.txt Crawl-delay); never lowers it."""
        state = self._state(host)
        with state.lock:
            state.interval_s = max(state.interval_s, interval_s)

    def defer(self, host: str, seconds: float) -> None:
        """Hold every thread back from ``host`` for ``seconds`` (after a 429, 503 or error).

        Deferring the host rather than only the failing request keeps other threads from
        hitting a server that just asked us to back off.
        """
        state = self._state(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock.monotonic() + seconds)

    def interval(self, host: str) -> float:
        """The host's current minimum interval between request starts."""
        state = self._state(host)
        with state.lock:
            return state.interval_s

    def _jitter(self) -> float:
        if self._jitter_s <= 0:
            return 0.0
        with self._rng_lock:
            return self._rng.uniform(0.0, self._jitter_s)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's in-flight slots, after waiting for its next start time."""
        state = self._state(host)
        state.slots.acquire()
        try:
            with state.lock:
                now = self._clock.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + state.interval_s + self._jitter()
            wait = start - now
            if wait > 0:
                self._clock.sleep(wait)
            yield
        finally:
            state.slots.release()
