"""The :class:`Dataset`: one edition's deployments, and the API to query them."""

from __future__ import annotations

from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from ._model import (
    _STATUS_ORDER,
    Academy,
    Department,
    Deployment,
    Edition,
    Region,
    Status,
    TerritoryKind,
    _of_type,
)
from ._problems import Problems, duplicates
from .exceptions import InvalidArgumentError

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from pathlib import Path
    from typing import Literal, TextIO

    import pandas as pd
    import polars as pl

    from ._aggregate import CollegeStats, Coverage, Grouping, Summary, SummaryRow
    from ._model import Authority
    from ._query import Index, Match
    from ._render.svg_map import Map
    from ._write.records import TerritoryRecord
else:
    # typing.get_type_hints(Dataset), which cattrs calls, resolves the return
    # annotation of the cached property _index: _query is imported on first use.
    Index = object

_Default = TypeVar("_Default")


def _to_deployments(value: Iterable[Deployment]) -> tuple[Deployment, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Dataset:
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

    edition: Edition = attrs.field(validator=_of_type(Edition, expected="an Edition"))
    deployments: tuple[Deployment, ...] = attrs.field(converter=_to_deployments)

    @deployments.validator
    def _check(self, _: object, rows: tuple[Deployment, ...]) -> None:
        """Refuse a row that is not a Deployment, and every conflict between rows."""
        for index, row in enumerate(rows):
            if not isinstance(row, Deployment):
                argument = f"deployments[{index}]"
                raise InvalidArgumentError(argument, row, "a Deployment")
        problems = Problems(f"edition {self.edition.id}")
        departments = [row.department for row in rows]
        for index, _first in duplicates([d.code for d in departments]):
            code = departments[index].code
            problems.add(None, "code", code, "two rows are about the same territory")
        for field, plural in (("academy", "académies"), ("region", "régions")):
            owners = [getattr(d, field) for d in departments]
            codes = [None if owner is None else owner.code for owner in owners]
            for index, first in duplicates(codes):
                one, other = owners[first], owners[index]
                if one is other or one == other:
                    continue
                one_row, other_row = departments[first].code, departments[index].code
                differences = "; ".join(
                    f"{name} {getattr(one, name)!r} (row {one_row}) "
                    f"vs {getattr(other, name)!r} (row {other_row})"
                    for name in attrs.fields_dict(type(one))
                    if getattr(one, name) != getattr(other, name)
                )
                message = (
                    f"the rows of {one_row} and {other_row} give this code "
                    f"different {plural}: {differences}"
                )
                problems.add(None, f"{field}.code", codes[first], message)
        problems.raise_if_any()

    @cached_property
    def _index(self) -> Index:
        """The finders of the rows, built on first use: a cache, never a field."""
        from . import _query  # noqa: PLC0415 - a higher module

        return _query.Index(self.edition, self.deployments)

    def __len__(self) -> int:
        return len(self.deployments)

    def __iter__(self) -> Iterator[Deployment]:
        return iter(self.deployments)

    def __reversed__(self) -> Iterator[Deployment]:
        return reversed(self.deployments)

    def __contains__(self, item: object) -> bool:
        """Return whether *item* is a row here, or a query :meth:`get` finds a row for.

        Raises:
            InvalidQueryError: *item* is an empty or blank str.
            InvalidArgumentError: *item* is neither a row, a str nor an int.
        """
        if isinstance(item, Deployment):
            return item in self.deployments
        from ._query import find  # noqa: PLC0415 - a higher module

        return find(self._index, item) is not None

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

    @property
    def regions(self) -> tuple[Region, ...]:
        """The régions of the rows, each once, sorted by INSEE code.

        The overseas collectivities, which have no région, add none.
        """
        unique = {r.code: r for d in self if (r := d.department.region) is not None}
        return tuple(unique[code] for code in sorted(unique))

    # -- Queries (lookup, get, search, academy, filter): see docs/queries.md --

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
                (``"Corse"``, ``"20"``); a :class:`KeyError` whose
                ``suggestions`` rank the closest.
            InvalidQueryError: *query* is empty or blank.
            InvalidArgumentError: *query* is neither a str nor an int.
        """
        # A str or int asked before (never True or 1.0, which hash like 1).
        if type(query) is str or type(query) is int:
            found = self._index.answers.get(query)
            if found is not None:
                return found
        from ._query import lookup  # noqa: PLC0415 - a higher module

        return lookup(self._index, query)

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
            InvalidQueryError: *query* is empty or blank (a mistake, not a miss).
            InvalidArgumentError: *query* is neither a str nor an int.
        """
        # A str or int asked before (never True or 1.0, which hash like 1).
        if type(query) is str or type(query) is int:
            found = self._index.answers.get(query)
            if found is not None:
                return found
        from ._query import find  # noqa: PLC0415 - a higher module

        found = find(self._index, query)
        return default if found is None else found

    def search(self, query: str | int, limit: int | None = 5) -> tuple[Match, ...]:
        """Return up to *limit* candidate territories for *query*, best first.

        Each :class:`Match` has a ``score`` in [0, 1]: 1.0 for the exact
        normalised match :meth:`lookup` would return, less for partial names
        (``"haute"``), typos (``"Morbihen"``) and other word orders; candidates
        scoring under 0.6 are left out, so the result may be empty. Ties keep
        the source's order. ``limit=None`` returns every candidate.

        Raises:
            InvalidQueryError: *query* is empty or blank, or *limit* is below 1.
            InvalidArgumentError: *query* is neither a str nor an int.
        """
        from ._query import search  # noqa: PLC0415 - a higher module

        return search(self._index, query, limit)

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
            InvalidArgumentError: *query* is neither a str nor an int.
        """
        from ._query import academy  # noqa: PLC0415 - a higher module

        return academy(self._index, query)

    def authority(self, query: str) -> Authority:
        """Return the authority *query* names among this dataset's territories'.

        *query* is its COG code (``"6AE"``, ``"69M"``), its name as COG writes
        it (``"Métropole de Lyon"``) or a packaged alias (``"Alsace"``),
        normalised as in :meth:`lookup`.

        Raises:
            UnknownAuthorityError: No authority matches; its ``suggestions``
                rank the closest.
            InvalidQueryError: *query* is empty or blank.
        """
        from ._query import authority  # noqa: PLC0415 - a higher module

        return authority(self._index, query)

    def filter(
        self,
        *,
        status: Status | str | Iterable[Status | str] | None = None,
        academy: Academy | str | int | Iterable[Academy | str | int] | None = None,
        region: Region | str | Iterable[Region | str] | None = None,
        academic_region: str | Iterable[str] | None = None,
        kind: TerritoryKind | str | Iterable[TerritoryKind | str] | None = None,
        overseas: bool | None = None,
        authority: Authority | str | Iterable[Authority | str] | None = None,
        where: Callable[[Deployment], bool] | None = None,
    ) -> Dataset:
        """Return the rows that pass every given filter, as a dataset in source order.

        Each keyword takes one value or a collection of values (any of them
        passes); ``None`` does not filter. *status* takes a :class:`Status`, its
        value (``"massive"``) or its label; *academy* an :class:`Academy` or
        anything :meth:`academy` accepts; *region* a :class:`Region`, its name
        or its INSEE code; *academic_region* a name; *kind* a
        :class:`TerritoryKind` or its value; *overseas* a bool; *authority* an
        :class:`Authority` or anything :meth:`authority` accepts (a territory
        passes if any of its authorities does); *where* a function of a
        :class:`Deployment`. Names are normalised as in
        :meth:`lookup` and resolved against the whole edition: a real académie
        with no row here gives an empty dataset, a typo raises. The whole
        edition is this dataset's rows plus, for the territories it lacks, the
        rows of the packaged edition with the same metadata, or else of the
        latest packaged edition (official names are shared across editions).
        Filters compose (``ds.filter(a=x).filter(b=y)`` is ``ds.filter(a=x,
        b=y)``), unless the first leaves no row of an académie or a région
        that only this dataset has.

        Raises:
            UnknownAcademyError: An académie name matches no académie.
            UnknownRegionError: A région or région académique name matches none.
            InvalidQueryError: An unknown status or kind, a blank name, or an
                empty collection.
            InvalidArgumentError: A value of the wrong type.
        """
        from ._query import filter_rows  # noqa: PLC0415 - a higher module

        rows = filter_rows(
            self._index,
            status=status,
            academy=academy,
            region=region,
            academic_region=academic_region,
            kind=kind,
            overseas=overseas,
            authority=authority,
            where=where,
        )
        return attrs.evolve(self, deployments=rows)

    # -- Aggregations -------------------------------------------------------

    def count_by_status(self) -> Mapping[Status, int]:
        """Return how many territories are in each status, every status present.

        The read-only mapping iterates in status order, least deployed first;
        a status no territory has counts 0.
        """
        counts = dict.fromkeys(_STATUS_ORDER, 0)
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

    def share(self, status: Status | str) -> float:
        """Return the fraction of territories in *status*, between 0 and 1.

        *status* is a :class:`Status` or any text ``filter(status=...)`` reads
        (``"massive"``, ``"Déploiement massif"``).

        Raises:
            InvalidArgumentError: *status* names no status.
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
    def summarize(self, by: Literal["authority"]) -> Summary[tuple[Authority, ...]]: ...
    @overload
    def summarize(self, by: Grouping) -> Summary[object]: ...
    def summarize(self, by: Grouping) -> Summary[object]:
        """Return the figures of each group of territories, and the total.

        *by* is ``"academy"`` (groups ordered by Ministry code), ``"region"``
        (by INSEE code, then the collectivities, key ``None``),
        ``"academic_region"`` (by name, accents and case ignored, then the
        collectivities, key ``None``), ``"kind"`` (metropolitan, overseas
        départements, overseas collectivities), ``"status"`` (least deployed
        first) or ``"authority"`` (the authorities that run the territories'
        collèges, a tuple: Rhône and Nouvelle-Calédonie have two, and form one
        group each). ``"academic-region"`` is ``"academic_region"``. Only groups
        with territories appear. The :class:`Summary` is an
        immutable sequence of :class:`SummaryRow`; its ``total`` row holds the
        figures of the whole dataset.

        Raises:
            InvalidArgumentError: *by* is not one of the groupings.
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
    def group_by(
        self, by: Literal["authority"]
    ) -> Mapping[tuple[Authority, ...], Dataset]: ...
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
            InvalidArgumentError: *by* is not one of the groupings.
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

    def coverage(self, by: Grouping | Literal["territory"] | None = None) -> Coverage:
        """Return the share of public collèges with an ENT, overall or *by* group.

        *by* is ``None`` (one row, the whole dataset), ``"territory"`` or a
        grouping of :meth:`summarize`. The public collèges are those of
        rentrée 2024 (:func:`load_public_colleges`), a vintage of their own;
        where counts are unknown a row gives bounds (``share_low``,
        ``share_high``) rather than a share; see ``docs/coverage.md``.

        Raises:
            InvalidArgumentError: *by* is not ``None``, ``"territory"`` or a
                grouping.
        """
        from ._aggregate import coverage  # noqa: PLC0415 - a higher module

        return coverage(self, by)

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
    @overload
    def top(
        self, n: int, by: Literal["authority"]
    ) -> tuple[SummaryRow[tuple[Authority, ...]], ...]: ...
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
        from ._write.frames import to_pandas  # noqa: PLC0415 - a higher module

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
        from ._write.frames import to_polars  # noqa: PLC0415 - a higher module

        return to_polars(self)

    def _repr_html_(self) -> str:
        from ._render.notebook import dataset_html  # noqa: PLC0415 - a higher module

        return dataset_html(self)

    def to_records(self) -> tuple[TerritoryRecord, ...]:
        """Return one plain dict per territory, in the source's order.

        Each dict has the same keys, in the same order: ``code``, ``name``,
        ``iso_code``, ``kind``, ``region_code``, ``region_name``,
        ``academy_code``, ``academy_name``, ``academic_region``, ``status``
        (the key, ``"massive"``), ``status_label``, ``colleges_with_ent``
        (``None`` where unknown) and the row's verbatim ``source_label``,
        ``source_academy``, ``source_status`` and ``source_count``. Values are
        strings, integers or ``None``, ready for :mod:`csv`, JSON or a database;
        each row is a :class:`TerritoryRecord` (a ``TypedDict``) for type checkers.
        """
        from ._write.records import records  # noqa: PLC0415 - a higher module

        return records(self.deployments)

    # -- Interchange (JSON, CSV, records) -------------------------------------

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the dataset, edition metadata included, as JSON text.

        The JSON is the converter's plain shape (see :func:`make_converter`),
        indented by *indent* spaces (``None``: one line), keys in the model's
        order: the same dataset always gives the same text, and
        :meth:`from_json` gives back an equal dataset.

        Raises:
            InvalidArgumentError: *indent* is neither an ``int`` of at least 0
                nor ``None``.
        """
        from ._write.exports import to_json  # noqa: PLC0415 - a higher module

        if indent is not None and (type(indent) is not int or indent < 0):
            raise InvalidArgumentError("indent", indent, "an int ≥ 0, or None")
        return to_json(self, indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Dataset:
        """Return the dataset that *text*, written by :meth:`to_json`, describes.

        Raises:
            DataError: *text* is not JSON or not a valid dataset: every problem
                found, each naming the field at fault.
        """
        from ._read.dataset_json import from_json  # noqa: PLC0415 - a higher module

        return from_json(text)

    @overload
    def to_csv(self, target: None = None) -> str: ...
    @overload
    def to_csv(self, target: str | os.PathLike[str] | TextIO) -> None: ...
    def to_csv(
        self, target: str | os.PathLike[str] | TextIO | None = None
    ) -> str | None:
        """Write one CSV row per territory to *target*, or return the text.

        *target* is a path (written atomically) or a text stream; with none,
        the CSV text is returned, as pandas does. UTF-8, comma-separated, with
        a header; the columns are those of :meth:`to_records`, an unknown count
        is an empty cell. Text that a spreadsheet would run as a formula
        (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
        is written with a leading apostrophe; :func:`load_file` reads it back
        unchanged.

        Raises:
            InvalidArgumentError: *target* is neither a path nor a text stream.
            DataError: A text holds a NUL character or a lone surrogate;
                nothing is written.
            OSError: The file cannot be written; it is left as it was.
        """
        from ._write.exports import csv_of, to_csv  # noqa: PLC0415 - a higher module

        if target is None:
            return csv_of(self)
        to_csv(self, target)
        return None

    def to_datapackage(self, directory: str | os.PathLike[str]) -> Path:
        """Write the dataset as a Frictionless data package; return its descriptor.

        *directory* (created if missing) receives ``regions.csv``,
        ``academies.csv``, ``territories.csv``, ``deployments.csv`` (the
        packaged layout) and ``datapackage.json``, with a Table Schema per file.

        Raises:
            InvalidArgumentError: *directory* is not a path.
            DataError: A row's verbatim status or count cell is not one the
                publication uses; every such row is listed, nothing is written.
            OSError: The files cannot be written.
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
            DataError: For ``format="html"``, a label holds a character HTML
                cannot carry (a NUL, a control character).
        """
        from ._render.table import render_table  # noqa: PLC0415 - a higher module

        return render_table(self, format, order=order, labels=labels)

    def to_svg_map(
        self,
        *,
        title: str | None = None,
        colour: Literal["status", "coverage"] = "status",
    ) -> Map:
        """Return the publication's map: each territory filled by its status.

        *title* defaults to the edition's title. The map has a legend with the
        count of each status, insets for the overseas départements,
        Saint-Pierre-et-Miquelon and Paris with its inner suburbs, labelled
        symbols for 986, 987 and 988, and a ``<title>`` on every territory.
        With *colour* ``"coverage"``, the fill is the share of public collèges
        with an ENT (:meth:`coverage`), in five classes, and the caveats in French.

        Raises:
            MissingExtraError: The extra ``map`` is not installed.
            InvalidArgumentError: *title* is not a str, or holds a character
                XML cannot carry; *colour* is not ``"status"`` or ``"coverage"``.
            DataError: A name or label shown holds such a character.
        """
        from ._render.svg_map import render_map  # noqa: PLC0415 - a higher module

        return render_map(self, title=title, colour=colour)

    def to_html_report(self) -> str:
        """Return one self-contained HTML page with the publication's map and table.

        Raises:
            MissingExtraError: The extra ``map`` is not installed.
            DataError: A text shown holds a character HTML cannot carry.
        """
        from ._render.report import render_report  # noqa: PLC0415 - a higher module

        return render_report(self)
