"""The ``entdeploy`` command line: ``main(argv)`` returns the exit status.

Each command returns its exit status and the text for standard output;
:func:`main` writes that text once, so a failed write (a closed or full
output, an encoding that cannot hold the text) is one line on standard error
and exit status 1, never a traceback or half an output.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ._convert import make_converter
from ._dataset import Dataset
from ._escape import terminal
from ._model import Authority, Deployment, Status, TerritoryKind
from ._read.packaged import editions, load
from ._version import __version__
from ._write.records import records
from .exceptions import (
    EntdeployError,
    InvalidArgumentError,
    InvalidQueryError,
    UnknownDepartmentError,
)

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2

#: What a command gives back: its exit status and the text for standard output.
Result = tuple[int, str]

#: The groupings of ``stats --by``, as typed on the command line.
GROUPINGS = ("academy", "region", "academic-region", "kind", "status", "authority")

#: The library's messages point to Python calls; on the command line, to commands.
_COMMAND_FOR_CALL = {
    "Dataset.search": "entdeploy search",
    "Dataset.academies": "entdeploy academies",
}


def _escape(text: str) -> str:
    """Return *text* with the control characters of each line escaped."""
    return "\n".join(terminal(line) for line in text.split("\n"))


def _warn(message: str) -> None:
    """Write *message* on standard error, control characters escaped."""
    for call, command in _COMMAND_FOR_CALL.items():
        message = message.replace(call, command)
    if sys.stderr is not None:
        sys.stderr.write(f"entdeploy: {_escape(message)}\n")


def _json(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _answer(args: argparse.Namespace, document: object, lines: Iterable[str]) -> Result:
    """Return *document* as JSON, or *lines* as escaped text, as ``--format`` asks."""
    if args.format == "json":
        return EXIT_OK, _json(document)
    return EXIT_OK, _escape("".join(f"{line}\n" for line in lines))


def _none_found(args: argparse.Namespace, message: str) -> Result:
    """Say on standard error that nothing was found; JSON still parses (``[]``)."""
    _warn(message)
    return EXIT_NO_MATCH, _json([]) if args.format == "json" else ""


def _or_dash(value: object, spec: str = "") -> str:
    return "-" if value is None else format(value, spec)


def _line(deployment: Deployment) -> str:
    return (
        f"{deployment.code:<4} {deployment.name:<26} "
        f"{deployment.department.academy.name:<24} {deployment.status.label:<29} "
        f"{_or_dash(deployment.colleges_with_ent):>4}"
    )


# -- Commands -----------------------------------------------------------------


def _summary(args: argparse.Namespace, dataset: Dataset) -> Result:
    counts = dataset.count_by_status()
    width = max(len(status.label) for status in counts)
    document = {
        "edition": dataset.edition.id,
        "title": dataset.edition.title,
        "territories": len(dataset),
        "by_status": {status.value: n for status, n in counts.items()},
        "total_colleges_with_ent": dataset.total_colleges(),
        "unknown_count": dataset.unknown_count,
    }
    lines = [dataset.edition.title, f"Territories: {len(dataset)}"]
    lines.extend(
        f"  {status.label:<{width}}  {counts[status]:>3}"
        for status in sorted(counts, reverse=True)
    )
    lines.append(
        f"Public collèges with an ENT: {dataset.total_colleges()} "
        f"({dataset.unknown_count} territories with no reported count)"
    )
    return _answer(args, document, lines)


def _show(args: argparse.Namespace, dataset: Dataset) -> Result:
    try:
        deployment = dataset.lookup(args.query)
    except UnknownDepartmentError as error:
        _warn(f"{error}\ntry: entdeploy search {terminal(shlex.quote(args.query))}")
        return EXIT_NO_MATCH, ""
    department, count = deployment.department, deployment.colleges_with_ent
    academy, region = department.academy, department.region
    source = (
        f"{deployment.source_label} | {deployment.source_academy} | "
        f"{deployment.source_status} | {deployment.source_count}"
    )
    fields = [
        ("ISO 3166-2", department.iso_code),
        ("Kind", department.kind.value),
        ("Région", "-" if region is None else f"{region.name} ({region.code})"),
        ("Académie", f"{academy.name} ({academy.code}, {academy.kind.value})"),
        ("Région académique", academy.academic_region or "-"),
        ("Status", f"{deployment.status.label} ({deployment.status.value})"),
        ("Collèges with an ENT", "not reported" if count is None else str(count)),
        ("Source row", source),
    ]
    fields.extend(
        ("Authority", f"{a.name} ({a.code or 'no COG code'}, {a.kind.value})")
        for a in department.authorities
    )
    fields.append(("Coverage", _coverage_text(deployment, dataset)))
    width = max(len(name) for name, _ in fields) + 1
    lines = [f"{department.name} ({department.code})"]
    lines.extend(f"  {name + ':':<{width}}  {value}" for name, value in fields)
    return _answer(args, records([deployment])[0], lines)


def _coverage_text(deployment: Deployment, dataset: Dataset) -> str:
    """Say what share of the territory's public collèges have an ENT, and whence."""
    found = Dataset(dataset.edition, [deployment]).coverage()
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
    found = records(m.deployment for m in matches)
    return _answer(
        args,
        [
            {"score": round(m.score, 3), **record}
            for m, record in zip(matches, found, strict=True)
        ],
        (f"{m.score:.2f}  {_line(m.deployment)}" for m in matches),
    )


def _list(args: argparse.Namespace, dataset: Dataset) -> Result:
    filters = ("status", "academy", "region", "academic_region", "kind", "overseas")
    selected = dataset.filter(**{name: getattr(args, name) for name in filters})
    if not selected:
        return _none_found(args, "no territory passes these filters")
    return _answer(args, list(selected.to_records()), map(_line, selected))


def _academies(args: argparse.Namespace, dataset: Dataset) -> Result:
    academies = dataset.academies
    if not academies:
        return _none_found(args, "this dataset has no académie")
    width = max(len(a.name) for a in academies)
    return _answer(
        args,
        make_converter().unstructure(academies),
        (
            f"{a.code:<4} {a.name:<{width}}  {a.kind.value:<13} "
            f"{a.academic_region or '-'}"
            for a in academies
        ),
    )


def _regions(args: argparse.Namespace, dataset: Dataset) -> Result:
    regions = dataset.regions
    if not regions:
        return _none_found(args, "this dataset has no région")
    return _answer(
        args,
        make_converter().unstructure(regions),
        (f"{r.code:<3} {r.name}" for r in regions),
    )


def _group_name(key: object, dataset: Dataset) -> str:
    """Name a group; authorities by their codes, else their names and territories."""
    if key is None:
        return "Collectivités d'outre-mer"
    if isinstance(key, Status):
        return key.label
    if isinstance(key, TerritoryKind):
        return key.value
    if not isinstance(key, tuple):  # an académie, région, territory; or a str
        return str(getattr(key, "name", key))
    if all(authority.code for authority in key):
        return " + ".join(authority.code or "" for authority in key)
    codes = [d.code for d in dataset if d.department.authorities == key]
    names = " + ".join(authority.name.split(" (")[0] for authority in key)
    return f"{names} ({', '.join(codes)})"


def _stats(args: argparse.Namespace, dataset: Dataset) -> Result:
    summary = dataset.summarize(args.by.replace("-", "_"))
    document = {
        "by": args.by,
        "groups": list(summary.to_records()),
        "total": attrs.asdict(summary.total, filter=lambda f, _: f.name != "key"),
    }
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
    return _answer(args, document, lines)


def _coverage(args: argparse.Namespace, dataset: Dataset) -> Result:
    by = None if args.by is None else args.by.replace("-", "_")
    found = dataset.coverage(by)
    reference, total, edition = found.reference, found.total, dataset.edition
    document = {
        "by": args.by,
        "edition": edition.id,
        "public_colleges": attrs.asdict(
            reference, filter=lambda f, _: f.name != "counts"
        ),
        "groups": [] if by is None else list(found.to_records()),
        "total": dataset.coverage().to_records()[0],
    }
    rows = [(_group_name(row.key, dataset), row) for row in found] if by else []
    rows.append(("Total", total))
    width = max(len(name) for name, _ in rows)
    lines = [
        f"Collèges with an ENT: {edition.title} (edition {edition.id})",
        f"Public collèges: {reference.title}, snapshot {reference.snapshot_date}",
        "",
        f"{'':<{width}}  with ENT  public   share     low    high",
    ]
    lines.extend(
        f"{name:<{width}}  {_or_dash(row.colleges_with_ent):>8}  "
        f"{_or_dash(row.public_colleges):>6}  {_or_dash(row.share, '.1%'):>6}  "
        f"{_or_dash(row.share_low, '.1%'):>6}  {_or_dash(row.share_high, '.1%'):>6}"
        for name, row in rows
    )
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
    return _answer(args, document, lines)


def _authorities(args: argparse.Namespace, dataset: Dataset) -> Result:
    territories: dict[Authority, list[str]] = {}
    for deployment in dataset:
        for authority in deployment.department.authorities:
            territories.setdefault(authority, []).append(deployment.code)
    if not territories:
        return _none_found(args, "no territory of the edition names its authority")
    from ._aggregate import authority_order  # noqa: PLC0415 - only this needs it

    ordered = sorted(territories, key=lambda authority: authority_order((authority,)))
    plain = make_converter().unstructure
    return _answer(
        args,
        [{**plain(a), "territories": territories[a]} for a in ordered],
        (
            f"{a.code or '-':<5} {a.name}  ({a.kind.value}; {' '.join(territories[a])})"
            for a in ordered
        ),
    )


def _table(args: argparse.Namespace, dataset: Dataset) -> Result:
    table_format = args.own_format or args.format
    if table_format == "json":
        from ._render.table import order_rows  # noqa: PLC0415 - only this needs it

        return EXIT_OK, _json(records(order_rows(dataset, args.order)))
    text = dataset.to_table(table_format, order=args.order, labels=args.labels)
    return EXIT_OK, _escape(text) if table_format == "text" else text


def _map(args: argparse.Namespace, dataset: Dataset) -> Result:
    return _output(args, dataset.to_svg_map(title=args.title, colour=args.colour).svg)


def _report(args: argparse.Namespace, dataset: Dataset) -> Result:
    return _output(args, dataset.to_html_report())


def _export(args: argparse.Namespace, dataset: Dataset) -> Result:
    if args.own_format == "datapackage":
        if args.output == "-":
            _warn(
                "export --format datapackage needs -o DIR, the folder to write "
                "the package to"
            )
            return EXIT_USAGE, ""
        _warn(f"wrote {dataset.to_datapackage(args.output)}")
        return EXIT_OK, ""
    return _output(
        args, dataset.to_csv() if args.own_format == "csv" else dataset.to_json()
    )


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
    return _answer(args, plain(difference), [str(difference)])


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

#: One example per command, shown by ``entdeploy --help``; ``COMMAND --help``
#: shows the command's first.
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

#: The commands in the order of ``--help``, each named after its function.
_COMMANDS: dict[Callable[..., Result], str] = {
    _summary: "the edition's title, territories per status and total collèges",
    _show: "show one territory: its codes, académie, status and count",
    _search: "list the territories whose name is close to TEXT, best first",
    _list: "list the territories that pass every filter, in the source's order",
    _academies: "list the académies (and vice-rectorats) of the edition, by code",
    _regions: "list the régions of the edition, by INSEE code",
    _stats: "count the territories of each status and their collèges, by group",
    _coverage: "the share of public collèges with an ENT, in all or by group",
    _authorities: "the authorities holding the public collèges, and their territories",
    _table: "print the publication's table",
    _map: "write the publication's map as SVG (needs the extra entdeploy[map])",
    _report: "write the publication as one HTML page (needs the extra entdeploy[map])",
    _export: "write the edition as JSON, CSV or a Frictionless data package",
    _diff: "what changed between two editions, each an edition id or a file",
}

#: The options every command takes, before or after its name: metavar and help.
_FILE_OPTIONS = {
    "--edition": ("ID", "the packaged edition to use (default: the latest)"),
    "--file": (
        "PATH",
        (
            "use the edition in this file instead of a packaged one: the "
            "publication's table (tab-, comma- or semicolon-separated) or a CSV "
            "written by 'entdeploy export --format csv'"
        ),
    ),
    "--file-id": ("ID", "with --file: the edition's id (default: the file's name)"),
    "--file-title": (
        "TITLE",
        "with --file: the edition's title (default: one naming the file)",
    ),
}


class _Parser(argparse.ArgumentParser):
    """argparse, whose help and version go through :func:`_emit` like any output."""

    def _print_message(
        self, message: str, file: SupportsWrite[str] | None = None
    ) -> None:
        if file is not None and file is not sys.stdout:
            super()._print_message(message, file)
        elif _emit(EXIT_OK, message) != EXIT_OK:
            raise SystemExit(EXIT_NO_MATCH)


def _options(*, defaults: bool, output_format: bool = True) -> _Parser:
    """Return the global options: with *defaults* before the command, else after it."""
    parser = _Parser(
        add_help=False, argument_default=None if defaults else argparse.SUPPRESS
    )
    for flag, (metavar, help_) in _FILE_OPTIONS.items():
        parser.add_argument(flag, metavar=metavar, help=help_)
    if output_format:
        parser.add_argument(
            "--format", choices=("text", "json"), help="output format (default: text)"
        )
    return parser


def _status(text: str) -> Status:
    """Parse a status as typed, as :meth:`Status.parse` does."""
    try:
        return Status.parse(text)
    except InvalidArgumentError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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
    parser.set_defaults(format="text")
    parser.add_argument(
        "--version",
        action="version",
        version=f"entdeploy {__version__} (data edition "
        f"{', '.join(e.id for e in editions())})",
        help="print the package's version and data edition, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub = {}
    for run, help_ in _COMMANDS.items():
        name = run.__name__.lstrip("_")
        example = next(
            line for line in EXAMPLES.splitlines() if line.split()[1:2] == [name]
        )
        sub[name] = commands.add_parser(
            name,
            help=help_,
            description=help_[0].upper() + help_[1:] + ".",
            epilog=f"example:\n{example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[
                _options(defaults=False, output_format=name not in ("table", "export"))
            ],
        )
        sub[name].set_defaults(run=run)
    sub["show"].add_argument(
        "query", metavar="QUERY", help="an INSEE or ISO code, a name"
    )
    sub["search"].add_argument("text", metavar="TEXT", help="part of a name, or a code")
    limit = sub["search"].add_mutually_exclusive_group()
    limit.add_argument(
        "--limit", type=int, default=5, metavar="N", help="at most N (default: 5)"
    )
    limit.add_argument("--all", action="store_true", help="every close territory")
    add = sub["list"].add_argument
    add(
        "--status",
        type=_status,
        action="append",
        metavar="S",
        help="massive, in-progress, none-or-unknown or a French label "
        "(repeat for any of several)",
    )
    add("--academy", action="append", metavar="A", help="an académie name or code")
    add("--region", action="append", metavar="R", help="a région name or INSEE code")
    add("--academic-region", "--academic_region", action="append", metavar="R")
    add(
        "--kind",
        action="append",
        choices=[kind.value for kind in TerritoryKind],
        metavar="K",
        help="metropolitan-department, overseas-department or overseas-collectivity",
    )
    where = sub["list"].add_mutually_exclusive_group()
    for flag, overseas, help_ in (
        ("--overseas", True, "only the territories outside metropolitan France"),
        ("--metropolitan", False, "only the metropolitan départements"),
    ):
        where.add_argument(
            flag, dest="overseas", action="store_const", const=overseas, help=help_
        )
    for name, choices, default in (
        ("stats", GROUPINGS, "status"),
        ("coverage", (*GROUPINGS, "territory"), None),
    ):
        sub[name].add_argument(
            "--by",
            type=lambda text: text.replace("_", "-"),
            choices=choices,
            default=default,
            help="how to group the territories (default: "
            f"{default or 'none, the whole edition'})",
        )
    add = sub["table"].add_argument
    add(
        "--format",
        dest="own_format",
        choices=("text", "markdown", "html", "csv", "json"),
        help="the table's format (default: text, or json after the global "
        "--format json)",
    )
    for flag, values, what in (
        ("--order", ("alphabetical", "source"), "French alphabetical, or the source's"),
        ("--labels", ("official", "source"), "official names or the source's verbatim"),
    ):
        add(
            flag,
            choices=values,
            default=values[0],
            help=f"{what} (default: {values[0]})",
        )
    sub["export"].add_argument(
        "--format",
        dest="own_format",
        choices=("json", "csv", "datapackage"),
        required=True,
    )
    for name, what, metavar in (
        ("map", "SVG file", "FILE"),
        ("report", "HTML file", "PAGE"),
        ("export", "file (for datapackage, the folder)", "PATH"),
    ):
        sub[name].add_argument(
            "-o",
            "--output",
            metavar=metavar,
            required=name != "export",
            default="-",
            help=f"the {what} to write ('-' for standard output)",
        )
    sub["map"].add_argument("--title", help="the map's title (default: the edition's)")
    sub["map"].add_argument(
        "--colour",
        choices=("status", "coverage"),
        default="status",
        help="fill by status, or by share of public collèges (default: status)",
    )
    add = sub["diff"].add_argument
    add("old", metavar="OLD", help="the older edition: an id or a file")
    add("new", metavar="NEW", help="the newer edition: an id or a file")
    return parser


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
        if args.command == "diff":
            status, text = args.run(args)
        else:
            status, text = args.run(args, _load_dataset(args))
    except (EntdeployError, OSError) as error:
        _warn(str(error))
        usage = isinstance(error, (InvalidArgumentError, InvalidQueryError))
        return EXIT_USAGE if usage else EXIT_NO_MATCH
    return _emit(status, text)


def _check_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other or do not apply (exit 2)."""
    if args.file is not None and args.edition is not None:
        parser.error("--file and --edition cannot be used together")
    if args.file is None and (args.file_id or args.file_title):
        parser.error("--file-id and --file-title go with --file")
    for option in ("edition", "file"):
        if args.command == "diff" and getattr(args, option) is not None:
            parser.error(
                f"--{option} does not apply to {args.command}, which loads "
                "the editions it is given: name them as its arguments"
            )
    own_format = getattr(args, "own_format", None)
    if args.format == "json" and own_format not in (None, "json"):
        parser.error(
            f"--format json (for every command) and {args.command} --format "
            f"{own_format} contradict each other; give one of them"
        )


def _emit(status: int, text: str) -> int:
    """Write *text* to standard output in one go; return the exit status."""
    if not text:
        return status
    stdout = sys.stdout
    try:
        if stdout is None:
            raise OSError("standard output is closed")  # noqa: TRY301 - reported below
        encoding = getattr(stdout, "encoding", None) or "utf-8"
        text.encode(encoding)  # all or nothing: check before writing
        stdout.write(text)
        stdout.flush()
    except (OSError, UnicodeEncodeError, ValueError) as error:
        _silence_stdout()
        if isinstance(error, BrokenPipeError):  # ``entdeploy ... | head``: no error
            return status
        reason = error.strerror if isinstance(error, OSError) else None
        _warn(f"cannot write to standard output: {reason or error}")
        return EXIT_NO_MATCH
    return status


def _silence_stdout() -> None:
    """Point standard output at devnull, so that the final flush cannot fail."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
