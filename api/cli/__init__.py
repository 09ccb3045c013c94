"""The `concordia` command line.

Each command lives in its own module with a `register(subparsers)` function;
`COMMANDS` lists them. Exit status: 0 success, 1 finished with rejected input,
2 usage or configuration error, 3 a needed service is unavailable.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from api.cli import crawl, dupcheck, index, ingest, related, search, serve, sources, stats
from indexer.errors import BackendUnavailable, BadQuery, ConcordiaError, ConfigError

COMMANDS = [ingest, index, serve, search, stats]
COMMANDS += [related, dupcheck]
COMMANDS += [sources, crawl]

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="concordia",
        description="One multilingual index of what human-rights mechanisms have said.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.func(args)
        return code
    except (BadQuery, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BackendUnavailable as exc:
        print(f"error: the search engine is unavailable: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except ConcordiaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted: re-run the same command to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `concordia search ... | head`: the reader left; say nothing more. Point stdout at
        # devnull so that the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
