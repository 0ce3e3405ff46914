"""The ``entdeploy`` command line: ``main(argv)`` returns the exit status.

Each command returns its exit status and the text for standard output;
:func:`main` writes that text once, so a failed write (a closed or full
output, an encoding that cannot hold the text) is one line on standard error
and exit status 1, never a traceback or half an output. Exit statuses: 0
success, 1 nothing matched or the command could not be carried out, 2 usage
error.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ._dataset import Dataset
from ._escape import terminal
from ._model import (
    Academy,
    Authority,
    Department,
    Deployment,
    Region,
    Status,
    TerritoryKind,
)
from ._read.packaged import editions, load
from ._version import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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

#: What a command gives back: its exit status and the text for standard output.
Result = tuple[int, str]
Command = Callable[[argparse.Namespace, Dataset], Result]
#: A command that loads the editions it names itself (``diff``).
StandaloneCommand = Callable[[argparse.Namespace], Result]

#: The groupings of ``stats --by``, as typed on the command line.
GROUPINGS = ("academy", "region", "academic-region", "kind", "status", "authority")


def _json(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: The library's messages point to Python calls; on the command line, to commands.
_COMMAND_FOR_CALL = {
    "Dataset.search": "entdeploy search",
    "Dataset.academies": "entdeploy academies",
}


def _warn(message: str) -> None:
    """Write *message* on standard error, each line's control characters escaped."""
    for call, command in _COMMAND_FOR_CALL.items():
        message = message.replace(call, command)
    lines = "\n".join(terminal(line) for line in message.split("\n"))
    if sys.stderr is not None:
        sys.stderr.write(f"entdeploy: {lines}\n")


class _Parser(argparse.ArgumentParser):
    """argparse, whose help and version go through :func:`_emit` like any output."""

    def _print_message(
        self, message: str, file: SupportsWrite[str] | None = None
    ) -> None:
        if file is not None and file is not sys.stdout:
            super()._print_message(message, file)
        elif _emit(EXIT_OK, message, human=False) != EXIT_OK:
            raise SystemExit(EXIT_NO_MATCH)


def _none_found(args: argparse.Namespace, message: str) -> Result:
    """Say on standard error that nothing was found; JSON still parses (``[]``)."""
    _warn(message)
    return EXIT_NO_MATCH, _json([]) if args.format == "json" else ""


def _records(
    deployments: Sequence[Deployment], dataset: Dataset
) -> list[dict[str, object]]:
    return list(Dataset(dataset.edition, deployments).to_records())


def _line(deployment: Deployment) -> str:
    count = deployment.colleges_with_ent
    return (
        f"{deployment.code:<4} {deployment.name:<26} "
        f"{deployment.department.academy.name:<24} {deployment.status.label:<29} "
        f"{'-' if count is None else count:>4}"
    )


# -- Commands -----------------------------------------------------------------


def _summary(args: argparse.Namespace, dataset: Dataset) -> Result:
    counts = dataset.count_by_status()
    if args.format == "json":
        return EXIT_OK, _json(
            {
                "edition": dataset.edition.id,
                "title": dataset.edition.title,
                "territories": len(dataset),
                "by_status": {status.value: n for status, n in counts.items()},
                "total_colleges_with_ent": dataset.total_colleges(),
                "unknown_count": dataset.unknown_count,
            }
        )
    width = max(len(status.label) for status in counts)
    lines = [dataset.edition.title, f"Territories: {len(dataset)}"]
    lines.extend(
        f"  {status.label:<{width}}  {counts[status]:>3}"
        for status in sorted(counts, reverse=True)
    )
    lines.append(
        f"Public collèges with an ENT: {dataset.total_colleges()} "
        f"({dataset.unknown_count} territories with no reported count)"
    )
    return EXIT_OK, "\n".join(lines) + "\n"


def _show(args: argparse.Namespace, dataset: Dataset) -> Result:
    try:
        deployment = dataset.lookup(args.query)
    except UnknownDepartmentError as error:
        hint = terminal(shlex.quote(str(args.query)))
        _warn(f"{error}\ntry: entdeploy search {hint}")
        return EXIT_NO_MATCH, ""
    if args.format == "json":
        return EXIT_OK, _json(_records([deployment], dataset)[0])
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
    width = max(len(name) for name, _ in fields) + 1
    fields.extend(("Authority", _authority(a)) for a in department.authorities)
    fields.append(("Coverage", _coverage_text(deployment, dataset)))
    lines = [f"{department.name} ({department.code})"]
    lines.extend(f"  {name + ':':<{width}}  {value}" for name, value in fields)
    return EXIT_OK, "\n".join(lines) + "\n"


def _authority(authority: Authority) -> str:
    return (
        f"{authority.name} ({authority.code or 'no COG code'}, {authority.kind.value})"
    )


def _coverage_text(deployment: Deployment, dataset: Dataset) -> str:
    """Say what share of the territory's public collèges have an ENT, and whence."""
    from ._aggregate import coverage  # noqa: PLC0415 - only show and coverage need it

    found = coverage(Dataset(dataset.edition, [deployment]))
    row, reference = found.total, found.reference
    if row.public_colleges is None:
        note = next(c.note for c in reference.counts if c.code == deployment.code)
        return f"unknown: no reliable number of public collèges ({note})"
    of = f"of {row.public_colleges} public collèges in reference {reference.id}"
    if row.share is None or row.share_high is None:
        return f"unknown, between 0% and 100% (no count {of})"
    over = ", above 100% (not capped)" if row.over else ""
    return f"{row.share:.1%}{over} ({row.colleges_with_ent} {of})"


def _search(args: argparse.Namespace, dataset: Dataset) -> Result:
    matches = dataset.search(args.text, limit=None if args.all else args.limit)
    if not matches:
        return _none_found(
            args,
            f"no territory is close to {args.text!r}; "
            "try a code (56), a name (Morbihan) or fewer letters",
        )
    if args.format == "json":
        records = _records([m.deployment for m in matches], dataset)
        return EXIT_OK, _json(
            [
                {"score": round(m.score, 3), **record}
                for m, record in zip(matches, records, strict=True)
            ]
        )
    return EXIT_OK, "".join(f"{m.score:.2f}  {_line(m.deployment)}\n" for m in matches)


def _list(args: argparse.Namespace, dataset: Dataset) -> Result:
    selected = dataset.filter(
        status=args.status,
        academy=args.academy,
        region=args.region,
        academic_region=args.academic_region,
        kind=args.kind,
        overseas=args.overseas,
    )
    if not selected:
        return _none_found(args, "no territory passes these filters")
    if args.format == "json":
        return EXIT_OK, _json(list(selected.to_records()))
    return EXIT_OK, "".join(f"{_line(d)}\n" for d in selected)


def _academies(args: argparse.Namespace, dataset: Dataset) -> Result:
    academies = dataset.academies
    if args.format == "json":
        return EXIT_OK, _json([_plain_academy(a) for a in academies])
    width = max(len(a.name) for a in academies)
    return EXIT_OK, "".join(
        f"{a.code:<4} {a.name:<{width}}  {a.kind.value:<13} "
        f"{a.academic_region or '-'}\n"
        for a in academies
    )


def _plain_academy(academy: Academy) -> dict[str, object]:
    return {
        "code": academy.code,
        "name": academy.name,
        "kind": academy.kind.value,
        "academic_region": academy.academic_region,
    }


def _regions(args: argparse.Namespace, dataset: Dataset) -> Result:
    regions = sorted(
        {d.department.region for d in dataset if d.department.region is not None},
        key=lambda region: region.code,
    )
    if args.format == "json":
        return EXIT_OK, _json([{"code": r.code, "name": r.name} for r in regions])
    return EXIT_OK, "".join(f"{r.code:<3} {r.name}\n" for r in regions)


def _group_name(key: object, dataset: Dataset) -> str:
    if key is None:
        return "Collectivités d'outre-mer"
    if isinstance(key, (Academy, Region, Department)):
        return key.name
    if isinstance(key, tuple):
        return _authorities_name(key, dataset)
    if isinstance(key, Status):
        return key.label
    if isinstance(key, TerritoryKind):
        return key.value
    return str(key)


def _authorities_name(key: tuple[Authority, ...], dataset: Dataset) -> str:
    """Name a group of authorities by their codes, else their names and territory."""
    if all(authority.code for authority in key):
        return " + ".join(authority.code or "" for authority in key)
    codes = [d.code for d in dataset if d.department.authorities == key]
    names = " + ".join(authority.name.split(" (")[0] for authority in key)
    return f"{names} ({', '.join(codes)})"


def _stats(args: argparse.Namespace, dataset: Dataset) -> Result:
    summary = dataset.summarize(args.by.replace("-", "_"))
    if args.format == "json":
        total = summary.total
        figures = (
            "territories",
            "none_or_unknown",
            "in_progress",
            "massive",
            "colleges_with_ent",
            "unknown_count",
        )
        return EXIT_OK, _json(
            {
                "by": args.by,
                "groups": list(summary.to_records()),
                "total": {name: getattr(total, name) for name in figures},
            }
        )
    rows = [(_group_name(row.key, dataset), row) for row in summary]
    rows.append(("Total", summary.total))
    width = max(len(name) for name, _ in rows)
    lines = [
        f"{'':<{width}}  territories  massive  in progress  none/unknown  collèges"
    ]
    lines.extend(
        f"{name:<{width}}  {row.territories:>11}  {row.massive:>7}  "
        f"{row.in_progress:>11}  {row.none_or_unknown:>12}  "
        f"{row.colleges_with_ent:>8}"
        for name, row in rows
    )
    return EXIT_OK, "\n".join(lines) + "\n"


def _coverage(args: argparse.Namespace, dataset: Dataset) -> Result:
    from ._aggregate import coverage  # noqa: PLC0415 - only show and coverage need it

    by = None if args.by is None else args.by.replace("-", "_")
    found = coverage(dataset, by)
    reference = found.reference
    if args.format == "json":
        return EXIT_OK, _json(
            {
                "by": args.by,
                "edition": dataset.edition.id,
                "public_colleges": attrs.asdict(
                    reference, filter=lambda field, _: field.name != "counts"
                ),
                "groups": [] if by is None else list(found.to_records()),
                "total": coverage(dataset).to_records()[0],
            }
        )
    rows = [(_group_name(row.key, dataset), row) for row in found] if by else []
    rows.append(("Total", found.total))
    width = max(len(name) for name, _ in rows)
    edition = dataset.edition
    lines = [
        f"Collèges with an ENT: {edition.title} (edition {edition.id})",
        f"Public collèges: {reference.title}, snapshot {reference.snapshot_date}",
        "",
        f"{'':<{width}}  with ENT  public   share     low    high",
    ]
    lines.extend(
        f"{name:<{width}}  {_figure(row.colleges_with_ent):>8}  "
        f"{_figure(row.public_colleges):>6}  {_share(row.share):>6}  "
        f"{_share(row.share_low):>6}  {_share(row.share_high):>6}"
        for name, row in rows
    )
    total = found.total
    if total.unknown_count:
        lines.append(
            f"No count in {total.unknown_count} territories "
            f"({total.unknown_public_colleges} public collèges): the share is "
            "between low and high."
        )
    if total.over:
        over = ", ".join(total.over)
        lines.append(f"Counts above the public collèges (not capped): {over}.")
    if total.excluded:
        left = ", ".join(total.excluded)
        lines.append(f"Left out, no reliable number of public collèges: {left}.")
    return EXIT_OK, "\n".join(lines) + "\n"


def _figure(value: int | None) -> str:
    return "-" if value is None else str(value)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _authorities(args: argparse.Namespace, dataset: Dataset) -> Result:
    territories: dict[Authority, list[str]] = {}
    for deployment in dataset:
        for authority in deployment.department.authorities:
            territories.setdefault(authority, []).append(deployment.code)
    if not territories:
        return _none_found(args, "no territory of the edition names its authority")
    from ._aggregate import authority_order  # noqa: PLC0415 - only this needs it

    ordered = sorted(territories, key=lambda authority: authority_order((authority,)))
    if args.format == "json":
        return EXIT_OK, _json(
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "kind": a.kind.value,
                    "territories": territories[a],
                }
                for a in ordered
            ]
        )
    return EXIT_OK, "".join(
        f"{a.code or '-':<5} {a.name}  ({a.kind.value}; {' '.join(territories[a])})\n"
        for a in ordered
    )


def _table(args: argparse.Namespace, dataset: Dataset) -> Result:
    if args.table_format == "json":
        from ._render.table import order_rows  # noqa: PLC0415 - only this needs it

        return EXIT_OK, _json(_records(order_rows(dataset, args.order), dataset))
    text = dataset.to_table(args.table_format, order=args.order, labels=args.labels)
    return EXIT_OK, text


def _map(args: argparse.Namespace, dataset: Dataset) -> Result:
    return _output(args, dataset.to_svg_map(title=args.title).svg)


def _report(args: argparse.Namespace, dataset: Dataset) -> Result:
    return _output(args, dataset.to_html_report())


def _export(args: argparse.Namespace, dataset: Dataset) -> Result:
    if args.export_format == "datapackage":
        if args.output == "-":
            _warn(
                "export --format datapackage needs -o DIR, the folder to write "
                "the package to"
            )
            return EXIT_USAGE, ""
        _warn(f"wrote {dataset.to_datapackage(args.output)}")
        return EXIT_OK, ""
    if args.export_format == "csv":
        from ._write.exports import csv_of  # noqa: PLC0415 - only export needs it

        return _output(args, csv_of(dataset))
    return _output(args, dataset.to_json())


def _output(args: argparse.Namespace, text: str) -> Result:
    """Return *text* for standard output (``-o -``), or write it to ``-o FILE``."""
    if args.output == "-":
        return EXIT_OK, text
    from ._write.files import write_files  # noqa: PLC0415 - only -o needs it

    try:
        write_files({Path(args.output): text})
    except OSError as error:
        _warn(f"cannot write {args.output}: {error.strerror or error}")
        return EXIT_NO_MATCH, ""
    _warn(f"wrote {args.output}")
    return EXIT_OK, ""


def _diff(args: argparse.Namespace) -> Result:
    from ._compare import compare, plain  # noqa: PLC0415 - only diff needs it

    difference = compare(_edition_or_file(args.old), _edition_or_file(args.new))
    if args.format == "json":
        return EXIT_OK, _json(plain(difference))
    return EXIT_OK, f"{difference}\n"


# -- Datasets: --edition, --file, and the editions diff names -------------------


class _UnreadableFileError(EntdeployError, OSError):
    """A file named on the command line cannot be read (reported, exit 1)."""


def _read_file(
    path: str, edition: str | None = None, title: str | None = None
) -> Dataset:
    from ._read.user_table import load_file  # noqa: PLC0415 - only --file needs it

    try:
        return load_file(path, edition=edition, title=title)
    except OSError as error:
        message = f"cannot read {path}: {error.strerror or error}"
        raise _UnreadableFileError(message) from None


def _load_dataset(args: argparse.Namespace) -> Dataset:
    """Return the dataset a command works on: ``--file``, else ``--edition``."""
    if args.file is not None:
        return _read_file(args.file, args.file_id, args.file_title)
    return load(args.edition)


def _edition_or_file(reference: str) -> Dataset:
    """Return the packaged edition with id *reference*, else the file it names."""
    known = tuple(edition.id for edition in editions())
    if reference in known:
        return load(reference)
    try:
        exists = Path(reference).exists()
    except (OSError, ValueError):  # a name too long, or with a NUL
        exists = False
    if exists:
        return _read_file(reference)
    listed = ", ".join(repr(id_) for id_ in known)
    message = (
        f"{reference!r} is neither a packaged edition ({listed}) nor a file; "
        "give an edition id or the path of a table"
    )
    raise _UnreadableFileError(message)


# -- The parser ---------------------------------------------------------------

#: One example per command, shown by ``entdeploy --help``.
EXAMPLES = """\
examples:
  entdeploy summary
  entdeploy show 2A
  entdeploy search "haute sav"
  entdeploy list --status in-progress --academy Bordeaux
  entdeploy academies
  entdeploy regions
  entdeploy stats --by academy
  entdeploy coverage --by region
  entdeploy authorities
  entdeploy table --format csv --order source
  entdeploy map -o carte.svg
  entdeploy report -o ent-colleges.html
  entdeploy export --format csv -o ent.csv
  entdeploy diff 2025 ent-2026.tsv
  entdeploy show Morbihan --format json
"""


def _status(text: str) -> Status:
    """Parse a status as typed, as :meth:`Status.parse` does."""
    try:
        return Status.parse(text)
    except InvalidArgumentError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _options(*, defaults: bool, output_format: bool = True) -> _Parser:
    """Return the options every command takes, before or after its name.

    Given after the command, an option that is absent leaves the value given
    before it (its default there is ``SUPPRESS``).
    """
    parser = _Parser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--edition",
        metavar="ID",
        default=default(None),
        help="the packaged edition to use (default: the latest)",
    )
    parser.add_argument(
        "--file",
        metavar="PATH",
        default=default(None),
        help="use the edition in this file instead of a packaged one: the "
        "publication's table (tab-, comma- or semicolon-separated) or a CSV "
        "written by 'entdeploy export --format csv'",
    )
    parser.add_argument(
        "--file-id",
        metavar="ID",
        default=default(None),
        help="with --file: the edition's id (default: the file's name)",
    )
    parser.add_argument(
        "--file-title",
        metavar="TITLE",
        default=default(None),
        help="with --file: the edition's title (default: one naming the file)",
    )
    if output_format:
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default=default("text"),
            help="output format (default: text)",
        )
    return parser


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    help_: str,
    example: str,
    run: Command | StandaloneCommand,
    *,
    output_format: bool = True,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=help_,
        description=help_[0].upper() + help_[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_options(defaults=False, output_format=output_format)],
    )
    parser.set_defaults(run=run, standalone=name == "diff")
    return parser


def _output_option(
    parser: argparse.ArgumentParser,
    what: str,
    metavar: str = "FILE",
    *,
    required: bool = True,
) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar=metavar,
        required=required,
        default="-",
        help=f"the {what} to write ('-' for standard output)",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="entdeploy",
        description=(
            "The deployment of ENT (espaces numériques de travail) in French "
            "public collèges, from the Ministry's publication."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_options(defaults=True)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"entdeploy {__version__} (data edition "
        f"{', '.join(e.id for e in editions())})",
        help="print the package's version and data edition, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _command(
        commands,
        "summary",
        "the edition's title, territories per status and total collèges",
        "entdeploy summary",
        _summary,
    )
    show = _command(
        commands,
        "show",
        "show one territory: its codes, académie, status and count",
        "entdeploy show 'Côte-d’Or'   (or 21, FR-21, cote dor)",
        _show,
    )
    show.add_argument("query", metavar="QUERY", help="an INSEE or ISO code, a name")
    search = _command(
        commands,
        "search",
        "list the territories whose name is close to TEXT, best first",
        'entdeploy search "haute sav"',
        _search,
    )
    search.add_argument("text", metavar="TEXT", help="part of a name, or a code")
    limit = search.add_mutually_exclusive_group()
    limit.add_argument(
        "--limit", type=int, default=5, metavar="N", help="at most N (default: 5)"
    )
    limit.add_argument("--all", action="store_true", help="every close territory")
    _add_list(commands)
    _command(
        commands,
        "academies",
        "list the académies (and vice-rectorats) of the edition, by code",
        "entdeploy academies",
        _academies,
    )
    _command(
        commands,
        "regions",
        "list the régions of the edition, by INSEE code",
        "entdeploy regions",
        _regions,
    )
    stats = _command(
        commands,
        "stats",
        "count the territories of each status and their collèges, by group",
        "entdeploy stats --by academy",
        _stats,
    )
    stats.add_argument(
        "--by",
        type=lambda text: text.replace("_", "-"),
        choices=GROUPINGS,
        default="status",
        help="how to group the territories (default: status)",
    )
    coverage = _command(
        commands,
        "coverage",
        "the share of public collèges with an ENT, in all or by group",
        "entdeploy coverage --by region",
        _coverage,
    )
    coverage.add_argument(
        "--by",
        type=lambda text: text.replace("_", "-"),
        choices=(*GROUPINGS, "territory"),
        default=None,
        help="how to group the territories (default: none, the whole edition)",
    )
    _command(
        commands,
        "authorities",
        "list the authorities holding the public collèges, and their territories",
        "entdeploy authorities",
        _authorities,
    )
    _add_table(commands)
    map_ = _command(
        commands,
        "map",
        "write the publication's map as SVG (needs the extra entdeploy[map])",
        "entdeploy map -o carte.svg",
        _map,
    )
    _output_option(map_, "SVG file")
    map_.add_argument("--title", help="the map's title (default: the edition's)")
    report = _command(
        commands,
        "report",
        "write the publication as one HTML page (needs the extra entdeploy[map])",
        "entdeploy report -o ent-colleges.html",
        _report,
    )
    _output_option(report, "HTML file", "PAGE")
    export = _command(
        commands,
        "export",
        "write the edition as JSON, CSV or a Frictionless data package",
        "entdeploy export --format csv -o ent.csv",
        _export,
        output_format=False,
    )
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("json", "csv", "datapackage"),
        required=True,
        help="what to write",
    )
    _output_option(export, "file (for datapackage, the folder)", "PATH", required=False)
    diff = _command(
        commands,
        "diff",
        "what changed between two editions, each an edition id or a file",
        "entdeploy diff 2025 ent-2026.tsv",
        _diff,
    )
    diff.add_argument("old", metavar="OLD", help="the older edition: an id or a file")
    diff.add_argument("new", metavar="NEW", help="the newer edition: an id or a file")
    return parser


def _add_list(commands: argparse._SubParsersAction[_Parser]) -> None:
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
        "--academic_region",
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
    where = list_.add_mutually_exclusive_group()
    where.add_argument(
        "--overseas",
        action="store_const",
        const=True,
        help="only the territories outside metropolitan France",
    )
    where.add_argument(
        "--metropolitan",
        dest="overseas",
        action="store_const",
        const=False,
        help="only the metropolitan départements",
    )


def _add_table(commands: argparse._SubParsersAction[_Parser]) -> None:
    table = _command(
        commands,
        "table",
        "print the publication's table",
        "entdeploy table --format csv --order source --labels source",
        _table,
        output_format=False,
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


# -- Running ----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``entdeploy`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 when nothing matched or the
    command could not be carried out, 2 on a usage error. Expected errors are
    one line on standard error, without a traceback.
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        _check_options(parser, args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if args.standalone:
            status, text = args.run(args)
        else:
            status, text = args.run(args, _load_dataset(args))
    except (InvalidArgumentError, InvalidQueryError) as error:
        _warn(str(error))
        return EXIT_USAGE
    except (EntdeployError, OSError) as error:
        _warn(str(error))
        return EXIT_NO_MATCH
    return _emit(status, text, human=_is_human(args))


def _is_human(args: argparse.Namespace) -> bool:
    """Whether the output is text for a person: control characters are escaped."""
    if args.command in ("table", "export", "map", "report"):
        return bool(args.command == "table" and args.table_format == "text")
    return bool(args.format == "text")


def _emit(status: int, text: str, *, human: bool) -> int:
    """Write *text* to standard output in one go; return the exit status."""
    if not text:
        return status
    if human:
        text = "\n".join(terminal(line) for line in text.split("\n"))
    stdout = sys.stdout
    try:
        if stdout is None:
            msg = "standard output is closed"
            raise OSError(msg)  # noqa: TRY301 - reported with the others below
        encoding = getattr(stdout, "encoding", None) or "utf-8"
        text.encode(encoding)  # all or nothing: check before writing
        stdout.write(text)
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (``entdeploy ... | head``): not an error.
        _silence_stdout()
        return status
    except (OSError, UnicodeEncodeError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else None
        _warn(f"cannot write to standard output: {reason or error}")
        _silence_stdout()
        return EXIT_NO_MATCH
    return status


def _check_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other or do not apply (exit 2).

    Resolves ``table --format`` from the global ``--format`` when not given.
    """
    if args.file is not None and args.edition is not None:
        parser.error("--file and --edition cannot be used together")
    if args.file is None and (args.file_id or args.file_title):
        parser.error("--file-id and --file-title go with --file")
    if args.standalone:
        for option in ("edition", "file"):
            if getattr(args, option) is not None:
                parser.error(
                    f"--{option} does not apply to {args.command}, which loads "
                    "the editions it is given: name them as its arguments"
                )
    own_format = {"table": "table_format", "export": "export_format"}.get(args.command)
    if own_format is None:
        return
    if args.command == "table" and args.table_format is None:
        args.table_format = "json" if args.format == "json" else "text"
    elif args.format == "json" and getattr(args, own_format) != "json":
        parser.error(
            f"--format json (for every command) and {args.command} --format "
            f"{getattr(args, own_format)} contradict each other; give one of them"
        )


def _silence_stdout() -> None:
    """Point standard output at devnull, so that the final flush cannot fail."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
