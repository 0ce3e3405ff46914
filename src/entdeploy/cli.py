"""The ``entdeploy`` command line: ``main(argv)`` returns the exit status.

Exit statuses: 0 success, 1 nothing matched or the data is invalid, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ._dataset import Dataset
from ._load import load
from ._version import __version__
from .exceptions import EntdeployError

__all__ = ["main"]

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace, Dataset, TextIO], int]


def _summary(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    counts = dataset.count_by_status()
    if args.format == "json":
        document = {
            "edition": dataset.edition.id,
            "title": dataset.edition.title,
            "territories": len(dataset),
            "by_status": {status.value: count for status, count in counts.items()},
            "total_colleges_with_ent": dataset.total_colleges(),
            "unknown_count": dataset.unknown_count,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    width = max(len(status.label) for status in counts)
    out.write(f"{dataset.edition.title}\n")
    out.write(f"Territories: {len(dataset)}\n")
    out.writelines(
        f"  {status.label:<{width}}  {counts[status]:>3}\n"
        for status in sorted(counts, reverse=True)
    )
    out.write(
        f"Public collèges with an ENT: {dataset.total_colleges()} "
        f"({dataset.unknown_count} territories with no reported count)\n"
    )
    return EXIT_OK


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entdeploy",
        description=(
            "The deployment of ENT (espaces numériques de travail) in French "
            "public collèges, from the Ministry's publication."
        ),
        epilog="Example: entdeploy summary",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"entdeploy {__version__}",
    )
    parser.add_argument(
        "--edition",
        metavar="ID",
        help="the packaged edition to use (default: the latest)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    summary = commands.add_parser(
        "summary",
        help="the edition's title, territories per status and total collèges",
        description="Print the edition's title, the number of territories, the "
        "count per status and the total of public collèges with an ENT.",
        epilog="Example: entdeploy summary",
    )
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``entdeploy`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 when nothing matched or the data
    is invalid, 2 on a usage error. Expected errors are reported on stderr
    without a traceback.
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    run: Command = args.run
    try:
        dataset = load(args.edition)
        return run(args, dataset, sys.stdout)
    except EntdeployError as error:
        sys.stderr.write(f"entdeploy: {error}\n")
        return EXIT_NO_MATCH
    except BrokenPipeError:
        # The reader went away (``entdeploy ... | head``): not an error.
        sys.stderr.close()
        return EXIT_OK
