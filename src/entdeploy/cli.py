"""The ``entdeploy`` command line: ``main(argv)`` returns the exit status.

Exit statuses: 0 success, 1 nothing matched or the data is invalid, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ._dataset import Dataset
from ._model import Academy, Deployment, Region, Status, TerritoryKind
from ._read.packaged import editions, load
from ._version import __version__
from .exceptions import (
    EntdeployError,
    InvalidArgumentError,
    InvalidQueryError,
    UnknownDepartmentError,
)

__all__ = ["main"]

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace, Dataset, TextIO], int]
#: A command that loads the editions it names itself (``diff``).
StandaloneCommand = Callable[[argparse.Namespace, TextIO], int]


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


# -- Arguments ----------------------------------------------------------------


def _status(text: str) -> Status:
    """Parse a status as typed, as :meth:`Status.parse` does."""
    try:
        return Status.parse(text)
    except InvalidArgumentError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _json(out: TextIO, document: object) -> None:
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _records(dataset: Dataset) -> list[dict[str, object]]:
    return list(dataset.to_records())


def _line(deployment: Deployment) -> str:
    count = deployment.colleges_with_ent
    return (
        f"{deployment.code:<4} {deployment.name:<26} "
        f"{deployment.department.academy.name:<24} {deployment.status.label:<29} "
        f"{'-' if count is None else count:>4}"
    )


def _write(args: argparse.Namespace, text: str, out: TextIO) -> int:
    """Write *text* to ``args.output`` (``-`` is standard output)."""
    if args.output == "-":
        out.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        sys.stderr.write(f"entdeploy: cannot write {args.output}: {error.strerror}\n")
        return EXIT_NO_MATCH
    sys.stderr.write(f"entdeploy: wrote {args.output}\n")
    return EXIT_OK


# -- Commands -----------------------------------------------------------------


def _show(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    try:
        deployment = dataset.lookup(args.query)
    except UnknownDepartmentError as error:
        sys.stderr.write(
            f"entdeploy: {error}\n"
            f"try: entdeploy search {shlex.quote(str(args.query))}\n"
        )
        return EXIT_NO_MATCH
    if args.format == "json":
        _json(out, _records(Dataset(dataset.edition, (deployment,)))[0])
        return EXIT_OK
    department = deployment.department
    academy = department.academy
    count = deployment.colleges_with_ent
    region = department.region
    fields = [
        ("ISO 3166-2", department.iso_code),
        ("Kind", department.kind.value),
        ("Région", "-" if region is None else f"{region.name} ({region.code})"),
        ("Académie", f"{academy.name} ({academy.code}, {academy.kind.value})"),
        ("Région académique", academy.academic_region or "-"),
        ("Status", f"{deployment.status.label} ({deployment.status.value})"),
        ("Collèges with an ENT", "not reported" if count is None else str(count)),
        (
            "Source row",
            (
                f"{deployment.source_label} | {deployment.source_academy} | "
                f"{deployment.source_status} | {deployment.source_count}"
            ),
        ),
    ]
    width = max(len(name) for name, _ in fields)
    out.write(f"{department.name} ({department.code})\n")
    out.writelines(f"  {name + ':':<{width + 1}}  {value}\n" for name, value in fields)
    return EXIT_OK


def _search(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    matches = dataset.search(args.text, limit=args.limit)
    if not matches:
        sys.stderr.write(
            f"entdeploy: no territory is close to {args.text!r}; "
            "try a code (56), a name (Morbihan) or fewer letters\n"
        )
        return EXIT_NO_MATCH
    if args.format == "json":
        records = _records(Dataset(dataset.edition, [m.deployment for m in matches]))
        _json(
            out,
            [
                {"score": round(m.score, 3), **record}
                for m, record in zip(matches, records, strict=True)
            ],
        )
        return EXIT_OK
    out.writelines(f"{m.score:.2f}  {_line(m.deployment)}\n" for m in matches)
    return EXIT_OK


def _list(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    selected = dataset.filter(
        status=args.status,
        academy=args.academy,
        region=args.region,
        academic_region=args.academic_region,
        kind=args.kind,
    )
    if not selected:
        sys.stderr.write("entdeploy: no territory passes these filters\n")
        return EXIT_NO_MATCH
    if args.format == "json":
        _json(out, _records(selected))
        return EXIT_OK
    out.writelines(f"{_line(d)}\n" for d in selected)
    return EXIT_OK


def _group_name(key: object) -> str:
    if key is None:
        return "Collectivités d'outre-mer"
    if isinstance(key, (Academy, Region)):
        return key.name
    if isinstance(key, Status):
        return key.label
    if isinstance(key, TerritoryKind):
        return key.value
    return str(key)


def _stats(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    summary = dataset.summarize(args.by.replace("-", "_"))
    if args.format == "json":
        total = summary.total
        _json(
            out,
            {
                "by": args.by,
                "groups": list(summary.to_records()),
                "total": {
                    "territories": total.territories,
                    "none_or_unknown": total.none_or_unknown,
                    "in_progress": total.in_progress,
                    "massive": total.massive,
                    "colleges_with_ent": total.colleges_with_ent,
                    "unknown_count": total.unknown_count,
                },
            },
        )
        return EXIT_OK
    rows = [(_group_name(row.key), row) for row in summary]
    rows.append(("Total", summary.total))
    width = max(len(name) for name, _ in rows)
    out.write(
        f"{'':<{width}}  territories  massive  in progress  none/unknown  collèges\n"
    )
    out.writelines(
        f"{name:<{width}}  {row.territories:>11}  {row.massive:>7}  "
        f"{row.in_progress:>11}  {row.none_or_unknown:>12}  "
        f"{row.colleges_with_ent:>8}\n"
        for name, row in rows
    )
    return EXIT_OK


def _table(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    if args.table_format == "json":
        from ._render.table import HEADER, publication_rows  # noqa: PLC0415 - lazy

        rows = publication_rows(dataset, order=args.order, labels=args.labels)
        _json(out, [dict(zip(HEADER, row, strict=True)) for row in rows])
        return EXIT_OK
    out.write(dataset.to_table(args.table_format, order=args.order, labels=args.labels))
    return EXIT_OK


def _map(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    return _write(args, dataset.to_svg_map(title=args.title).svg, out)


def _report(args: argparse.Namespace, dataset: Dataset, out: TextIO) -> int:
    return _write(args, dataset.to_html_report(), out)


# -- The parser ---------------------------------------------------------------

#: One example per command, shown by ``entdeploy --help``.
EXAMPLES = """\
examples:
  entdeploy summary
  entdeploy show 2A
  entdeploy search "haute sav"
  entdeploy list --status in-progress --academy Bordeaux
  entdeploy stats --by academy
  entdeploy table --format csv --order source
  entdeploy map -o carte.svg
  entdeploy report -o ent-colleges.html
  entdeploy export --format csv -o ent.csv
  entdeploy diff 2025 ent-2026.tsv
  entdeploy --format json show Morbihan
"""


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_: str,
    example: str,
    run: Command,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=help_,
        description=help_[0].upper() + help_[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


def _add_show(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = _command(
        commands,
        "show",
        "show one territory: its codes, académie, status and count",
        "entdeploy show 'Côte-d’Or'   (or 21, FR-21, cote dor)",
        _show,
    )
    show.add_argument(
        "query", metavar="QUERY", help="an INSEE or ISO code, a name or an alias"
    )


def _add_search(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    search = _command(
        commands,
        "search",
        "list the territories whose name is close to TEXT, best first",
        'entdeploy search "haute sav"',
        _search,
    )
    search.add_argument("text", metavar="TEXT", help="part of a name, or a code")
    search.add_argument(
        "--limit",
        type=int,
        default=5,
        metavar="N",
        help="at most N results (default: 5)",
    )


def _add_list(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    list_ = _command(
        commands,
        "list",
        "list the territories that pass every filter, in the source's order",
        "entdeploy list --status in-progress --academy Bordeaux",
        _list,
    )
    list_.add_argument(
        "--status",
        type=_status,
        action="append",
        metavar="S",
        help="massive, in-progress, none-or-unknown or a French label "
        "(repeat for any of several)",
    )
    list_.add_argument(
        "--academy", action="append", metavar="A", help="an académie name or code"
    )
    list_.add_argument(
        "--region", action="append", metavar="R", help="a région name or INSEE code"
    )
    list_.add_argument(
        "--academic-region",
        action="append",
        metavar="R",
        help="a région académique name",
    )
    list_.add_argument(
        "--kind",
        action="append",
        choices=[kind.value for kind in TerritoryKind],
        metavar="K",
        help="metropolitan-department, overseas-department or overseas-collectivity",
    )


def _add_stats(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = _command(
        commands,
        "stats",
        "count the territories of each status and their collèges, by group",
        "entdeploy stats --by academy",
        _stats,
    )
    stats.add_argument(
        "--by",
        choices=("academy", "region", "academic-region", "kind", "status"),
        default="status",
        help="how to group the territories (default: status)",
    )


def _add_table(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    table = _command(
        commands,
        "table",
        "print the publication's table",
        "entdeploy table --format csv --order source --labels source",
        _table,
    )
    table.add_argument(
        "--format",
        dest="table_format",
        choices=("text", "markdown", "html", "csv", "json"),
        default=None,
        help="the table's format (default: text, or json after the global "
        "--format json)",
    )
    table.add_argument(
        "--order",
        choices=("alphabetical", "source"),
        default="alphabetical",
        help="French alphabetical order, or the source's (default: alphabetical)",
    )
    table.add_argument(
        "--labels",
        choices=("official", "source"),
        default="official",
        help="official names, or the source's labels verbatim (default: official)",
    )


def _add_map(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    map_ = _command(
        commands,
        "map",
        "write the publication's map as SVG (needs the extra entdeploy[map])",
        "entdeploy map -o carte.svg",
        _map,
    )
    map_.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the SVG file to write ('-' for standard output)",
    )
    map_.add_argument("--title", help="the map's title (default: the edition's)")


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = _command(
        commands,
        "report",
        "write the publication as one HTML page (needs the extra entdeploy[map])",
        "entdeploy report -o ent-colleges.html",
        _report,
    )
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PAGE",
        help="the HTML file to write ('-' for standard output)",
    )


def _version() -> str:
    ids = ", ".join(edition.id for edition in editions())
    return f"entdeploy {__version__} (data edition {ids})"


# -- Interchange and editions: --file, export, diff ------------------------------


class _UnreadableFileError(EntdeployError, OSError):
    """A file named on the command line cannot be read or written.

    Private to the CLI, and an :class:`EntdeployError` (so :func:`main` reports
    it on stderr and exits 1) as well as an :class:`OSError`.
    """


def _read_file(path: str) -> Dataset:
    from ._read.user_table import load_file  # noqa: PLC0415 - only --file and diff need it

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


def _diff(args: argparse.Namespace, out: TextIO) -> int:
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
    diff.set_defaults(standalone=_diff)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entdeploy",
        description=(
            "The deployment of ENT (espaces numériques de travail) in French "
            "public collèges, from the Ministry's publication."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_version(),
        help="print the package's version and data edition, and exit",
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
    _add_show(commands)
    _add_search(commands)
    _add_list(commands)
    _add_stats(commands)
    _add_table(commands)
    _add_map(commands)
    _add_report(commands)
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
        _check_options(parser, args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    standalone: StandaloneCommand | None = getattr(args, "standalone", None)
    try:
        if standalone is not None:
            status = standalone(args, sys.stdout)
        else:
            run: Command = args.run
            status = run(args, _load_dataset(args), sys.stdout)
        sys.stdout.flush()
    except (InvalidArgumentError, InvalidQueryError) as error:
        sys.stderr.write(f"entdeploy: {error}\n")
        return EXIT_USAGE
    except EntdeployError as error:
        sys.stderr.write(f"entdeploy: {error}\n")
        return EXIT_NO_MATCH
    except BrokenPipeError:
        # The reader went away (``entdeploy ... | head``): not an error. Point
        # stdout at devnull so that the interpreter's final flush cannot fail.
        _silence_stdout()
        return EXIT_OK
    return status


def _check_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other or do not apply (exit 2).

    Resolves ``table --format`` from the global ``--format`` when not given.
    """
    if args.file is not None and args.edition is not None:
        parser.error("--file and --edition cannot be used together")
    if getattr(args, "standalone", None) is not None:
        for option in ("edition", "file"):
            if getattr(args, option) is not None:
                parser.error(
                    f"--{option} does not apply to {args.command}, which loads "
                    "the editions it is given: name them as its arguments"
                )
    if args.command == "table":
        if args.table_format is None:
            args.table_format = "json" if args.format == "json" else "text"
        elif args.format == "json" and args.table_format != "json":
            parser.error(
                f"--format json (for every command) and table --format "
                f"{args.table_format} contradict each other; give one of them"
            )
    if (
        args.command == "export"
        and args.format == "json"
        and args.export_format != "json"
    ):
        parser.error(
            f"--format json (for every command) and export --format "
            f"{args.export_format} contradict each other; give one of them"
        )


def _silence_stdout() -> None:
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
