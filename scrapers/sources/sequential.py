"""Sites with no listing, only documents at sequential ids (juris.ohchr.org case pages,
special-procedure communication files): walk the ids, remember how far the walk got.

A walk starts after the highest id found by the last crawl (kept in the crawl state) or
at ``--set from=N``, and stops at ``--set to=N`` or after `MAX_MISSES` missing ids in a
row (the end of what has been published so far). Ids found earlier are not revisited:
decisions and letters are not edited after publication; ``--set from=1`` walks again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from scrapers.sources.base import Connector

MAX_MISSES = 50
HIGHEST = "highest_id"


class SequentialIds(Connector):
    first_id: ClassVar[int] = 1
    last_id: ClassVar[int | None] = None

    misses = 0

    def ids(self) -> Iterator[int]:
        if "from" in self.options:
            start = int(self.options["from"])
        else:
            highest = self.state.get_meta(HIGHEST) if self.state is not None else None
            start = int(highest) + 1 if highest else self.first_id
        end = int(self.options["to"]) if "to" in self.options else self.last_id
        n = start
        self.misses = 0
        while (end is None or n <= end) and self.misses < MAX_MISSES:
            yield n
            n += 1

    def found(self, n: int) -> None:
        """Id ``n`` exists: reset the miss count, remember it as the highest seen."""
        self.misses = 0
        if self.state is None:
            return
        highest = self.state.get_meta(HIGHEST)
        if highest is None or n > int(highest):
            self.state.set_meta(HIGHEST, str(n))

    def missing(self) -> None:
        self.misses += 1
