"""The :class:`Dataset`: one edition's deployments, and the API to query them."""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from ._model import (
    Academy,
    Department,
    Deployment,
    Edition,
    Region,
    Status,
    TerritoryKind,
)
from .exceptions import DataError, InvalidArgumentError, Problem

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from pathlib import Path
    from typing import Literal, TextIO

    import pandas as pd
    import polars as pl

    from ._aggregate import CollegeStats, Grouping, Summary, SummaryRow
    from ._query import Match, _Indexes
    from ._render.svg_map import Map

_Default = TypeVar("_Default")

if TYPE_CHECKING:
    from typing import Protocol

    class _QueryModule(Protocol):
        """What the Dataset methods use of ``entdeploy._query``."""

        def lookup(self, dataset: Dataset, query: str | int) -> Deployment: ...
        def get(
            self, dataset: Dataset, query: str | int, default: _Default
        ) -> Deployment | _Default: ...
        def search(
            self, dataset: Dataset, query: str | int, limit: int | None = 5
        ) -> tuple[Match, ...]: ...
        def academy(self, dataset: Dataset, query: str | int) -> Academy: ...
        def filter_dataset(
            self,
            dataset: Dataset,
            *,
            status: object = None,
            academy: object = None,
            region: object = None,
            academic_region: object = None,
            kind: object = None,
            overseas: object = None,
            where: object = None,
        ) -> Dataset: ...


@cache
def _queries() -> _QueryModule:
    """Return the query module, imported on first use (it imports the loader).

    A function-level import statement costs microseconds on every call; this
    costs one cached call.
    """
    from . import _query  # noqa: PLC0415 - a higher module: imported lazily

    return _query


def _to_deployments(value: Iterable[Deployment]) -> tuple[Deployment, ...]:
    return tuple(value)


def _conflict(
    source: str,
    field: str,
    first: tuple[Academy | Region, str],
    second: tuple[Academy | Region, str],
) -> Problem:
    """Return the problem of two rows giving one code different académies (régions)."""
    (one, one_row), (other, other_row) = first, second
    differences = "; ".join(
        f"{name} {getattr(one, name)!r} (row {one_row}) "
        f"vs {getattr(other, name)!r} (row {other_row})"
        for name in (f.name for f in attrs.fields(type(one)))
        if getattr(one, name) != getattr(other, name)
    )
    return Problem(
        source=source,
        line=None,
        field=f"{field}.code",
        value=one.code,
        message=f"the rows of {one_row} and {other_row} give this code different "
        f"{'académies' if field == 'academy' else 'régions'}: {differences}",
    )


class _IndexSlot:
    """Slots for a dataset's query indexes, outside its attrs fields.

    ``_indexes`` holds the finders of the rows; ``_reference`` those that
    filter names resolve against (a filter's result gets its parent's). They
    are caches, not values: attrs' equality, hash, repr, pickling, copying and
    ``evolve``, and the converter, see only the fields, so they never see
    them. A slot stays unset until the first query needs it (reading it raises
    ``AttributeError``); ``entdeploy._query`` sets it with
    ``object.__setattr__``.
    """

    __slots__ = ("_indexes", "_reference")
    if TYPE_CHECKING:  # for mypy only: get_type_hints (cattrs) could not resolve it
        _indexes: _Indexes
        _reference: _Indexes


@attrs.frozen(repr=False)
class Dataset(_IndexSlot):
    """One edition of the publication: its metadata and its deployments.

    A dataset is immutable and iterates over its :class:`Deployment` rows in the
    source's order. Filtering returns a new, smaller dataset of the same edition.

    Attributes:
        edition: The :class:`Edition` metadata.
        deployments: The rows, a tuple in the source's order.

    Raises:
        DataError: Two rows are about the same territory, or give one code
            different académies (or régions); every such problem is listed.
        InvalidArgumentError: *edition* is not an :class:`Edition`, or a row
            is not a :class:`Deployment`.
    """

    edition: Edition
    deployments: tuple[Deployment, ...] = attrs.field(converter=_to_deployments)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.edition, Edition):
            raise InvalidArgumentError("edition", self.edition, "an Edition")
        source = f"edition {self.edition.id}"
        problems: list[Problem] = []
        seen: set[str] = set()
        # Each code's first académie (région) and the row that gave it.
        academies: dict[str, tuple[Academy, str]] = {}
        regions: dict[str, tuple[Region, str]] = {}
        for index, deployment in enumerate(self.deployments):
            if not isinstance(deployment, Deployment):
                argument = f"deployments[{index}]"
                raise InvalidArgumentError(argument, deployment, "a Deployment")
            department = deployment.department
            code = department.code
            if code in seen:
                problems.append(
                    Problem(
                        source=source,
                        line=None,
                        field="code",
                        value=code,
                        message="two rows are about the same territory",
                    )
                )
            seen.add(code)
            academy = department.academy
            first = academies.setdefault(academy.code, (academy, code))
            # `is` first: rows share their académie objects; `==` compares fields.
            if first[0] is not academy and first[0] != academy:
                problems.append(_conflict(source, "academy", first, (academy, code)))
            region = department.region
            if region is not None:
                known = regions.setdefault(region.code, (region, code))
                if known[0] is not region and known[0] != region:
                    problems.append(_conflict(source, "region", known, (region, code)))
        if problems:
            raise DataError(problems)

    def __len__(self) -> int:
        return len(self.deployments)

    def __iter__(self) -> Iterator[Deployment]:
        return iter(self.deployments)

    def __repr__(self) -> str:
        return (
            f"<Dataset edition={self.edition.id!r}: "
            f"{len(self.deployments)} territories>"
        )

    @property
    def departments(self) -> tuple[Department, ...]:
        """The territories of the rows, in the source's order."""
        return tuple(deployment.department for deployment in self.deployments)

    @property
    def academies(self) -> tuple[Academy, ...]:
        """The académies of the rows, each once, sorted by Ministry code."""
        unique = {d.department.academy.code: d.department.academy for d in self}
        return tuple(unique[code] for code in sorted(unique))

    # -- Queries (lookup, get, search, academy, filter) ----------------------
    # The matching rules live in _query.py; see docs/queries.md.

    def lookup(self, query: str | int) -> Deployment:
        """Return the territory *query* names, or raise: the strict lookup.

        *query* is an INSEE code in any case, with or without its leading zero
        (``"2A"``, ``"2a"``, ``"01"``, ``"1"``, or the int ``1``), an ISO 3166-2
        code (``"FR-2A"``, ``"fr-974"``, and Paris's withdrawn ``"FR-75"``), the
        official name or the source's label (``"Lot"``, ``"Département du
        Lot"``), or a packaged alias (``"Polynésie"``), compared through
        :func:`entdeploy.normalize`: case, accents, hyphens, apostrophes and
        "St"/"Ste" do not matter. Only an exact normalised match is returned,
        never a fuzzy one. :meth:`get` is the lenient twin; ``ds[query]`` is the
        same as ``ds.lookup(query)``: an int is a code, not a position (``ds[1]``
        is Ain, 01; ``ds.deployments[i]`` is the i-th row).

        Raises:
            UnknownDepartmentError: No territory matches, or several do
                (``"Corse"``, ``"20"``); its ``suggestions`` rank the closest.
                It is a :class:`KeyError`.
            InvalidQueryError: *query* is empty or blank.
            InvalidArgumentError: *query* is neither a str nor an int (also a
                :class:`TypeError`).
        """
        # The fast path: a str or int asked before (never True or 1.0, which
        # hash like 1), whose answer the indexes remember.
        if type(query) is str or type(query) is int:
            try:
                found = self._indexes.answers.get(query)
            except AttributeError:  # no query yet, no indexes
                found = None
            if found is not None:
                return found
        return _queries().lookup(self, query)

    # ds[query] is ds.lookup(query): the same function, so the same cost.
    __getitem__ = lookup

    @overload
    def get(self, query: str | int) -> Deployment | None: ...

    @overload
    def get(self, query: str | int, default: _Default) -> Deployment | _Default: ...

    def get(
        self, query: str | int, default: _Default | None = None
    ) -> Deployment | _Default | None:
        """Return the territory *query* names, or *default*: the lenient lookup.

        Matches exactly as :meth:`lookup` does, but returns *default* (``None``
        unless given) where :meth:`lookup` raises :class:`UnknownDepartmentError`,
        including for an ambiguous query such as ``"Corse"``.

        Raises:
            InvalidQueryError: *query* is empty or blank (not a miss: a mistake).
            InvalidArgumentError: *query* is neither a str nor an int (also a
                :class:`TypeError`).
        """
        return _queries().get(self, query, default)

    def search(self, query: str | int, limit: int | None = 5) -> tuple[Match, ...]:
        """Return up to *limit* candidate territories for *query*, best first.

        Each :class:`Match` has a ``score`` in [0, 1]: 1.0 for the exact
        normalised match :meth:`lookup` would return, less for partial names
        (``"haute"``), typos (``"Morbihen"``) and other word orders; candidates
        scoring under 0.6 are left out, so the result may be empty. Ties keep
        the source's order. ``limit=None`` returns every candidate.

        Raises:
            InvalidQueryError: *query* is empty or blank, or *limit* is below 1.
            InvalidArgumentError: *query* is neither a str nor an int (also a
                :class:`TypeError`).
        """
        return _queries().search(self, query, limit)

    def academy(self, query: str | int) -> Academy:
        """Return the académie *query* names among this dataset's académies.

        *query* is a Ministry code (``"18"``, ``18``), the official name
        (``"Orléans-Tours"``), the source's label (``"Orleans-tours"``,
        ``"Vice-rectorat Mayotte"``) or a packaged alias (``"Orléans"``),
        normalised as in :meth:`lookup`. ``ds.filter(academy=...)`` gives its
        territories.

        Raises:
            UnknownAcademyError: No académie matches; its ``suggestions`` rank
                the closest.
            InvalidQueryError: *query* is empty or blank.
            InvalidArgumentError: *query* is neither a str nor an int (also a
                :class:`TypeError`).
        """
        return _queries().academy(self, query)

    def filter(
        self,
        *,
        status: Status | str | Iterable[Status | str] | None = None,
        academy: Academy | str | int | Iterable[Academy | str | int] | None = None,
        region: Region | str | Iterable[Region | str] | None = None,
        academic_region: str | Iterable[str] | None = None,
        kind: TerritoryKind | str | Iterable[TerritoryKind | str] | None = None,
        overseas: bool | None = None,
        where: Callable[[Deployment], bool] | None = None,
    ) -> Dataset:
        """Return the rows that pass every given filter, as a dataset in source order.

        Each keyword takes one value or a collection of values (any of them
        passes); ``None`` does not filter. *status* takes a :class:`Status`, its
        value (``"massive"``) or its label; *academy* an :class:`Academy` or
        anything :meth:`academy` accepts; *region* a :class:`Region`, its name
        or its INSEE code; *academic_region* a name; *kind* a
        :class:`TerritoryKind` or its value; *overseas* a bool; *where* a
        function of a :class:`Deployment`. Names are normalised as in
        :meth:`lookup` and resolved against the whole edition: a real académie
        with no row here gives an empty dataset, a typo raises. The whole
        edition is that of the dataset this one was filtered from, so filters
        compose (``ds.filter(a=x).filter(b=y)`` is ``ds.filter(a=x, b=y)``);
        for any other dataset, its own rows plus the packaged edition's for the
        territories it lacks (the latest packaged edition if its own is not
        packaged: official names are shared across editions).

        Raises:
            UnknownAcademyError: An académie name matches no académie.
            UnknownRegionError: A région or région académique name matches none.
            InvalidQueryError: An unknown status or kind, a blank name, or an
                empty collection.
            InvalidArgumentError: A value of the wrong type (also a
                :class:`TypeError`).
        """
        return _queries().filter_dataset(
            self,
            status=status,
            academy=academy,
            region=region,
            academic_region=academic_region,
            kind=kind,
            overseas=overseas,
            where=where,
        )

    # -- Aggregations -------------------------------------------------------

    def count_by_status(self) -> Mapping[Status, int]:
        """Return how many territories are in each status, every status present.

        The read-only mapping iterates in status order, least deployed first;
        a status no territory has counts 0.
        """
        counts = dict.fromkeys(sorted(Status), 0)
        for deployment in self.deployments:
            counts[deployment.status] += 1
        return MappingProxyType(counts)

    def total_colleges(self) -> int:
        """Return the sum of the known counts of public collèges with an ENT.

        Territories whose count is not reported are left out, not counted as 0;
        :attr:`unknown_count` says how many they are.
        """
        return sum(
            d.colleges_with_ent
            for d in self.deployments
            if d.colleges_with_ent is not None
        )

    @property
    def unknown_count(self) -> int:
        """The number of territories whose count of collèges is not reported."""
        return sum(1 for d in self.deployments if d.colleges_with_ent is None)

    def share(self, status: Status) -> float:
        """Return the fraction of territories in *status*, between 0 and 1.

        Raises:
            InvalidArgumentError: *status* is not a :class:`Status`.
            EmptyDatasetError: The dataset has no territories.
        """
        from ._aggregate import share  # noqa: PLC0415 - a higher module

        return share(self.deployments, status)

    @overload
    def summarize(self, by: Literal["academy"]) -> Summary[Academy]: ...
    @overload
    def summarize(self, by: Literal["region"]) -> Summary[Region | None]: ...
    @overload
    def summarize(self, by: Literal["academic_region"]) -> Summary[str | None]: ...
    @overload
    def summarize(self, by: Literal["kind"]) -> Summary[TerritoryKind]: ...
    @overload
    def summarize(self, by: Literal["status"]) -> Summary[Status]: ...
    @overload
    def summarize(self, by: Grouping) -> Summary[object]: ...
    def summarize(self, by: Grouping) -> Summary[object]:
        """Return the figures of each group of territories, and the total.

        *by* is ``"academy"`` (groups ordered by Ministry code), ``"region"``
        (by INSEE code, then the collectivities, key ``None``),
        ``"academic_region"`` (by name, accents and case ignored, then the
        collectivities, key ``None``), ``"kind"`` (metropolitan, overseas
        départements, overseas collectivities) or ``"status"`` (least deployed
        first). Only groups with territories appear. The :class:`Summary` is an
        immutable sequence of :class:`SummaryRow`; its ``total`` row holds the
        figures of the whole dataset.

        Raises:
            InvalidArgumentError: *by* is not one of the five groupings.
        """
        from ._aggregate import summarize  # noqa: PLC0415 - a higher module

        return summarize(self.deployments, by)

    @overload
    def group_by(self, by: Literal["academy"]) -> Mapping[Academy, Dataset]: ...
    @overload
    def group_by(self, by: Literal["region"]) -> Mapping[Region | None, Dataset]: ...
    @overload
    def group_by(
        self, by: Literal["academic_region"]
    ) -> Mapping[str | None, Dataset]: ...
    @overload
    def group_by(self, by: Literal["kind"]) -> Mapping[TerritoryKind, Dataset]: ...
    @overload
    def group_by(self, by: Literal["status"]) -> Mapping[Status, Dataset]: ...
    @overload
    def group_by(self, by: Grouping) -> Mapping[object, Dataset]: ...
    def group_by(self, by: Grouping) -> Mapping[Any, Dataset]:
        """Return a read-only mapping from each group's key to its territories.

        Keys are model objects (:class:`Academy`, :class:`Region`, the name of a
        région académique, :class:`TerritoryKind`, :class:`Status`) in the
        order :meth:`summarize` documents for the same *by*; the collectivities,
        which have no région, are the group keyed ``None``. Every territory is
        in exactly one group, each a :class:`Dataset` in source order.

        Raises:
            InvalidArgumentError: *by* is not one of the five groupings.
        """
        from ._aggregate import group_by  # noqa: PLC0415 - a higher module

        return group_by(self, by)

    def college_stats(self) -> CollegeStats:
        """Return the min, max, mean and median of the known counts of collèges.

        Territories with no reported count are left out (the result says how
        many in ``unknown``), never counted as 0.

        Raises:
            EmptyDatasetError: No territory has a known count.
        """
        from ._aggregate import college_stats  # noqa: PLC0415 - a higher module

        return college_stats(self.deployments)

    @overload
    def top(
        self, n: int, by: Literal["territory"] = "territory"
    ) -> tuple[Deployment, ...]: ...
    @overload
    def top(
        self, n: int, by: Literal["academy"]
    ) -> tuple[SummaryRow[Academy], ...]: ...
    @overload
    def top(
        self, n: int, by: Literal["region"]
    ) -> tuple[SummaryRow[Region | None], ...]: ...
    @overload
    def top(
        self, n: int, by: Literal["academic_region"]
    ) -> tuple[SummaryRow[str | None], ...]: ...
    @overload
    def top(
        self, n: int, by: Literal["kind"]
    ) -> tuple[SummaryRow[TerritoryKind], ...]: ...
    @overload
    def top(self, n: int, by: Literal["status"]) -> tuple[SummaryRow[Status], ...]: ...
    def top(
        self, n: int, by: Grouping | Literal["territory"] = "territory"
    ) -> tuple[Deployment, ...] | tuple[SummaryRow[object], ...]:
        """Return the *n* territories, or groups, with the most collèges with an ENT.

        With ``by="territory"`` (the default), a tuple of :class:`Deployment`;
        with a grouping of :meth:`summarize`, a tuple of its
        :class:`SummaryRow`. Largest first; ties keep the source's (or the
        grouping's) order. Territories with no reported count, and groups in
        which none has one, are left out rather than ranked as 0.

        Raises:
            InvalidArgumentError: *n* is not an integer ≥ 0, or *by* is neither
                ``"territory"`` nor one of the five groupings.
        """
        from ._aggregate import top  # noqa: PLC0415 - a higher module

        return top(self.deployments, n, by)

    def to_pandas(self) -> pd.DataFrame:
        """Return one row per territory as a pandas DataFrame, in source order.

        The columns are those of :meth:`to_records`; ``status`` is an ordered
        categorical of the status keys, least deployed first, ``kind`` a
        categorical, ``colleges_with_ent`` a nullable ``Int64`` (``<NA>`` where
        unknown), and text columns use pandas' ``string`` dtype.

        Raises:
            MissingExtraError: pandas is not installed (``entdeploy[pandas]``).
        """
        from ._write.frames import to_pandas  # noqa: PLC0415 - imports pandas

        return to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """Return one row per territory as a polars DataFrame, in source order.

        The columns are those of :meth:`to_records`; ``status`` is a
        ``pl.Enum`` of the status keys, least deployed first, ``kind`` a
        ``pl.Enum`` too, ``colleges_with_ent`` an ``Int64`` (null where
        unknown), and text columns ``String``.

        Raises:
            MissingExtraError: polars is not installed (``entdeploy[polars]``).
        """
        from ._write.frames import to_polars  # noqa: PLC0415 - imports polars

        return to_polars(self)

    def _repr_html_(self) -> str:
        from ._render.notebook import dataset_html  # noqa: PLC0415 - only notebooks need it

        return dataset_html(self)

    def to_records(self) -> tuple[dict[str, object], ...]:
        """Return one plain dict per territory, in the source's order.

        Each dict has the same keys, in the same order: ``code``, ``name``,
        ``iso_code``, ``kind``, ``region_code``, ``region_name``,
        ``academy_code``, ``academy_name``, ``academic_region``, ``status``
        (the key, ``"massive"``), ``status_label``, ``colleges_with_ent``
        (``None`` where unknown) and the row's verbatim ``source_label``,
        ``source_academy``, ``source_status`` and ``source_count``. Values are
        strings, integers or ``None``, ready for :mod:`csv`, JSON or a database.
        """
        from ._write.records import records  # noqa: PLC0415 - imports cattrs, slow

        return records(self.deployments)

    # -- Interchange (JSON, CSV, records) -------------------------------------

    def to_json(self) -> str:
        """Return the dataset, edition metadata included, as JSON text.

        The JSON is the converter's plain shape (see :func:`make_converter`),
        indented, keys in the model's order: the same dataset always gives the
        same text, and :meth:`from_json` gives back an equal dataset.
        """
        from ._write.exports import to_json  # noqa: PLC0415 - a higher module

        return to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Dataset:
        """Return the dataset that *text*, written by :meth:`to_json`, describes.

        Raises:
            DataError: *text* is not JSON or not a valid dataset: every problem
                found, each naming the field at fault.
        """
        from ._read.dataset_json import from_json  # noqa: PLC0415 - a higher module

        return from_json(text)

    def to_csv(self, target: str | os.PathLike[str] | TextIO) -> None:
        """Write one CSV row per territory to *target*, a path or a text stream.

        UTF-8, comma-separated, with a header; the columns are those of
        :meth:`to_records`, an unknown count is an empty cell. Text that a
        spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
        ``@``, a tab or a carriage return) is written with a leading
        apostrophe; :func:`load_file` reads it back unchanged.

        Raises:
            InvalidArgumentError: *target* is neither a path nor a text stream,
                or a path no file can have (empty, with a NUL or a lone
                surrogate).
            DataError: A text holds a NUL character, which CSV cannot carry;
                nothing is written.
            OSError: The file cannot be written (no such folder, no permission).
        """
        from ._write.exports import to_csv  # noqa: PLC0415 - a higher module

        to_csv(self, target)

    def to_datapackage(self, directory: str | os.PathLike[str]) -> Path:
        """Write the dataset as a Frictionless data package; return its descriptor.

        *directory* (created if missing) receives ``regions.csv``,
        ``academies.csv``, ``territories.csv``, ``deployments.csv`` (the
        packaged layout) and ``datapackage.json``, with a Table Schema per file.

        Raises:
            InvalidArgumentError: *directory* is not a path, or a path no folder
                can have.
            DataError: A row's verbatim status or count cell is not one the
                publication uses (a user's table may say ``massive``); every
                such row is listed and nothing is written. ``to_csv`` and
                ``to_json`` keep such cells.
            OSError: The files cannot be written (a file stands in the
                directory's place, no permission).
        """
        from ._write.datapackage import write_datapackage  # noqa: PLC0415 - a higher module

        return write_datapackage(self, directory)

    # -- Renderers (table, map, report) --------------------------------------

    def to_table(
        self,
        format: Literal["markdown", "html", "text", "csv"] = "markdown",  # noqa: A002
        *,
        order: Literal["alphabetical", "source"] = "alphabetical",
        labels: Literal["official", "source"] = "official",
    ) -> str:
        """Return the publication's table: Markdown, HTML, aligned text or CSV.

        The columns are the source's: *Département*, *Académie*, *Etat du
        déploiement*, *Nombre de collèges publics ayant un ENT* (``"-"`` where no
        count is reported). ``order="alphabetical"`` puts the départements in
        French alphabetical order (accents, case, spaces, hyphens and
        apostrophes ignored), then the overseas collectivities in the source's
        order; ``order="source"`` keeps the publication's order.
        ``labels="official"`` shows the official names, ``labels="source"`` the
        source's labels verbatim. The HTML is a ``<table>`` with a caption and
        column and row headers, every value escaped.

        Raises:
            InvalidArgumentError: *format*, *order* or *labels* is not accepted.
            DataError: For ``format="html"`` only: a label shown holds a
                character HTML cannot carry (a NUL, a control character, a lone
                surrogate); every field at fault is listed.
        """
        from ._render.table import render_table  # noqa: PLC0415 - a higher module

        return render_table(self, format, order=order, labels=labels)

    def to_svg_map(self, *, title: str | None = None) -> Map:
        """Return the publication's map: each territory filled by its status.

        *title* defaults to the edition's title. The map has a legend with the
        count of each status, insets for the overseas départements,
        Saint-Pierre-et-Miquelon and Paris with its inner suburbs, labelled
        symbols for 986, 987 and 988, and a ``<title>`` on every territory.

        Raises:
            MissingExtraError: The extra ``map`` (``pygal-maps-fr``) is not
                installed.
            InvalidArgumentError: *title* is not a str (or None), or holds a
                character XML cannot carry.
            DataError: A name or label the map shows holds such a character;
                every field at fault is listed.
        """
        from ._render.svg_map import render_map  # noqa: PLC0415 - a higher module

        return render_map(self, title=title)

    def to_html_report(self) -> str:
        """Return one self-contained HTML page with the publication's map and table.

        Raises:
            MissingExtraError: The extra ``map`` (``pygal-maps-fr``) is not
                installed.
            DataError: A text the page shows holds a character HTML cannot
                carry; every field at fault is listed.
        """
        from ._render.report import render_report  # noqa: PLC0415 - a higher module

        return render_report(self)
