"""The ``entdeploy`` command line: ``main(argv)`` returns the exit status.

Exit statuses: 0 success, 1 nothing matched or the data is invalid, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ._dataset import Dataset
from ._load import editions, load
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


# -- Interchange and editions: --file, export, diff ------------------------------


class _UnreadableFileError(EntdeployError, OSError):
    """A file named on the command line cannot be read or written."""


def _read_file(path: str) -> Dataset:
    from ._userfile import load_file  # noqa: PLC0415 - only --file and diff need it

    try:
        return load_file(path)
    except OSError as error:
        message = f"cannot read {path}: {error.strerror or error}"
        raise _UnreadableFileError(message) from None


def _load_dataset(args: argparse.Namespace) -> Dataset:
    """Return the dataset a command works on: ``--file``, else ``--edition``."""
    if args.file is not None:
        return _read_file(args.file)
    return load(args.edition)


def _edition_or_file(reference: str) -> Dataset:
    """Return the packaged edition with id *reference*, else the file it names."""
    known = tuple(edition.id for edition in editions())
    if reference in known:
        return load(reference)
    if Path(reference).exists():
        return _read_file(reference)
    listed = ", ".join(repr(id_) for id_ in known)
    message = (
        f"{reference!r} is neither a packaged edition ({listed}) nor a file; "
        "give an edition id or the path of a table"
    )
    raise _UnreadableFileError(message)


def _export(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    output: str = args.output
    try:
        if args.export_format == "datapackage":
            if output == "-":
                sys.stderr.write(
                    "entdeploy: export --format datapackage needs -o DIR, the "
                    "folder to write the package to\n"
                )
                return EXIT_USAGE
            written = str(dataset.to_datapackage(output))
        elif args.export_format == "csv":
            if output == "-":
                dataset.to_csv(out)
                return EXIT_OK
            dataset.to_csv(output)
            written = output
        else:
            if output == "-":
                out.write(dataset.to_json())
                return EXIT_OK
            Path(output).write_text(dataset.to_json(), encoding="utf-8")
            written = output
    except BrokenPipeError:
        raise  # the reader went away; main handles it
    except OSError as error:
        message = f"cannot write {output}: {error.strerror or error}"
        raise _UnreadableFileError(message) from None
    sys.stderr.write(f"entdeploy: wrote {written}\n")
    return EXIT_OK


def _diff(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    del dataset  # diff compares the two editions it is given
    from ._compare import compare, plain  # noqa: PLC0415 - only diff needs it

    difference = compare(_edition_or_file(args.old), _edition_or_file(args.new))
    if args.format == "json":
        out.write(json.dumps(plain(difference), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(f"{difference}\n")
    return EXIT_OK


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write the edition as JSON, CSV or a Frictionless data package",
        description="Write the edition as JSON (lossless, with its metadata), as "
        "CSV (one row per territory, the columns of Dataset.to_csv) or as a "
        "Frictionless data package (a folder of CSV files and datapackage.json).",
        epilog="examples:\n  entdeploy export --format csv -o ent.csv\n"
        "  entdeploy export --format datapackage -o ent-2025/\n"
        "  entdeploy --file ent-2026.tsv export --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("json", "csv", "datapackage"),
        required=True,
        help="what to write",
    )
    export.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="PATH",
        help="the file to write ('-', the default, for standard output); for "
        "datapackage, the folder to write (required)",
    )
    export.set_defaults(run=_export)


def _add_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed between two editions",
        description="Compare two editions, each a packaged edition id or the path "
        "of a table: each territory whose status or count changed, the "
        "territories in only one of them, and the totals.",
        epilog="example:\n  entdeploy diff 2025 ent-2026.tsv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("old", metavar="OLD", help="the older edition: an id or a file")
    diff.add_argument("new", metavar="NEW", help="the newer edition: an id or a file")
    diff.set_defaults(run=_diff)


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
        "--file",
        metavar="PATH",
        help="use the edition in this file instead of a packaged one: the "
        "publication's table (tab-, comma- or semicolon-separated) or a CSV "
        "written by 'entdeploy export --format csv'",
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
    _add_export(commands)
    _add_diff(commands)
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
        if args.file is not None and args.edition is not None:
            parser.error("--file and --edition cannot be used together")
    except SystemExit as exit_:
        return int(exit_.code or 0)
    run: Command = args.run
    try:
        dataset = _load_dataset(args)
        return run(args, dataset, sys.stdout)
    except EntdeployError as error:
        sys.stderr.write(f"entdeploy: {error}\n")
        return EXIT_NO_MATCH
    except BrokenPipeError:
        # The reader went away (``entdeploy ... | head``): not an error.
        sys.stderr.close()
        return EXIT_OK
