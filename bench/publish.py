"""`python -m bench.publish [DATE]`: the report's tables into the README and docs.

`docs/benchmarks.md` gets the whole report of `bench/results/<DATE>.md` (default:
the newest), the README its tables one heading level down; both between the
`<!-- results:start -->` and `<!-- results:end -->` markers, so the published
numbers are always one run's, copied, never typed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bench.common import REPO

START, END = "<!-- results:start -->", "<!-- results:end -->"


def put(path: Path, text: str) -> None:
    doc = path.read_text(encoding="utf-8")
    if START not in doc or END not in doc:
        raise SystemExit(f"{path}: no {START} ... {END} block to fill")
    block = f"{START}\n\n{text.strip()}\n\n{END}"
    doc = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, doc, flags=re.S)
    path.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    results = REPO / "bench" / "results"
    report = results / f"{args[0]}.md" if args else max(results.glob("*.md"))
    date = report.stem
    body = report.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    tables = body[body.index("## Ingest") :]
    put(
        REPO / "docs" / "benchmarks.md",
        f"Results of the run of {date} (every number in `bench/results/{date}.json`):\n\n{body}",
    )
    put(REPO / "README.md", re.sub(r"^## ", "### ", tables, flags=re.M))
    print(f"published {report.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
