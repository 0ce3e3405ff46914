"""Finding territories and académies as people type them, and filtering a dataset.

Every name and code goes through :func:`entdeploy.normalize`. A strict lookup
tries three tiers of keys in order and stops at the first tier that knows the
query:

1. codes (INSEE, ISO 3166-2, Ministry), official names and the source's labels;
2. the packaged aliases (``data/aliases.csv``);
3. the same keys with their spaces removed (``"Val dOise"``, ``"FR2A"``).

A key that names several entities in its tier (``"Corse"``, ``"20"``) matches
none of them: the lookup fails and suggests them all. Fuzzy matching is only
used by :func:`search` and for the suggestions of a failed lookup, never to
answer a lookup.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from ._load import load, load_aliases
from ._model import Academy, Deployment, Region, Status, TerritoryKind
from ._normalize import normalize
from .exceptions import (
    InvalidQueryError,
    UnknownAcademyError,
    UnknownDepartmentError,
    UnknownEditionError,
    UnknownRegionError,
)

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["Match", "academy", "filter_dataset", "find", "get", "lookup", "search"]

T = TypeVar("T", bound=Hashable)
D = TypeVar("D")

#: Search results below this score are not candidates at all.
MIN_SCORE = 0.6
#: A failed lookup suggests candidates at least this good...
MIN_SUGGESTION_SCORE = 0.6
#: ...and no more than this far behind the best one.
SUGGESTION_SPREAD = 0.1
#: The score of each entity an ambiguous key names ("Corse": 2A and 2B).
AMBIGUOUS_SCORE = 0.95
#: The best score a match that is not exact can get.
MAX_FUZZY_SCORE = 0.99
#: How many raw lookup queries each index remembers the answer to.
QUERY_MEMORY = 4096
#: A query word counts towards a word match only from this similarity on.
MIN_WORD_SIMILARITY = 0.75


@attrs.frozen
class Match:
    """One candidate of :meth:`Dataset.search`: a territory and how well it matches.

    Attributes:
        deployment: The :class:`Deployment` of the candidate territory.
        score: How well it matches, in [0, 1]: 1.0 for an exact normalised match
            (a code, a name, a label or an alias), less for anything partial.
    """

    deployment: Deployment
    score: float


# -- Scoring ------------------------------------------------------------------


def _distance(a: str, b: str) -> int:
    """Return the optimal string alignment distance (edits and swaps) of *a*, *b*."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        previous2, previous = previous, current
    return previous[-1]


def _similarity(a: str, b: str) -> float:
    """Return 1 minus the edit distance of *a* and *b* over the longer length."""
    longest = max(len(a), len(b))
    return 1.0 - _distance(a, b) / longest if longest else 1.0


def _length_bound(a: str, b: str) -> float:
    """Return an upper bound of :func:`_similarity`: edits cover the length gap."""
    longest = max(len(a), len(b))
    return 1.0 - abs(len(a) - len(b)) / longest if longest else 1.0


def _letter_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    return counts


class _Scorer:
    """Scores one normalised query against names; remembers word similarities.

    Similarities that cannot matter are not computed: a whole-string similarity
    whose length bound is below :data:`MIN_SCORE` (the candidate would be left
    out anyway) and a word similarity whose bound is below
    :data:`MIN_WORD_SIMILARITY` (the word would not count anyway). The scores
    are the same as without these shortcuts.
    """

    __slots__ = ("_counts", "_letters", "_query", "_similar", "_words")

    def __init__(self, query: str) -> None:
        self._query = query
        self._counts = _letter_counts(query)
        self._words = query.split()
        self._letters = len(query.replace(" ", ""))
        self._similar: dict[tuple[str, str], float] = {}

    def _word(self, word: str, other: str) -> float:
        """Return how well a query *word* matches a name's word, prefixes favoured."""
        pair = (word, other)
        known = self._similar.get(pair)
        if known is not None:
            return known
        if word == other:
            similarity = 1.0
        elif len(word) >= 3 and other.startswith(word):
            similarity = 0.85 + 0.15 * len(word) / len(other)
        elif _length_bound(word, other) < MIN_WORD_SIMILARITY:
            similarity = 0.0
        else:
            similarity = _similarity(word, other)
        self._similar[pair] = similarity
        return similarity

    def _whole_bound(self, key: str, key_counts: Mapping[str, int]) -> float:
        """Return an upper bound of the whole-string similarity of the query and *key*.

        Each character of the query that *key* lacks needs an edit; so does each
        character of *key* beyond those.
        """
        missing = sum(
            max(0, count - key_counts.get(char, 0))
            for char, count in self._counts.items()
        )
        edits = max(missing, missing + len(key) - len(self._query))
        return 1.0 - edits / max(len(key), len(self._query))

    def score(
        self,
        key: str,
        key_words: Sequence[str],
        key_letters: int,
        key_counts: Mapping[str, int],
    ) -> float:
        """Return how well the query matches the normalised name *key*.

        The better of the whole-string similarity (typos: ``"finisterre"``) and
        a word-by-word score that ignores word order and rewards names whose
        words the query covers (``"haute"``, ``"rhone bouches du"``).
        """
        query = self._query
        whole = (
            _similarity(query, key)
            if _length_bound(query, key) >= MIN_SCORE
            and self._whole_bound(key, key_counts) >= MIN_SCORE
            else 0.0
        )
        matched = 0.0
        used: set[int] = set()
        for word in self._words:
            best, best_index = 0.0, -1
            for index, other in enumerate(key_words):
                similarity = self._word(word, other)
                if similarity > best:
                    best, best_index = similarity, index
            if best >= MIN_WORD_SIMILARITY:
                matched += len(word) * best
                used.add(best_index)
        covered = sum(len(key_words[index]) for index in used) / key_letters
        by_words = 0.95 * matched / self._letters * (0.6 + 0.4 * covered)
        return max(whole, by_words)


# -- Indexes ------------------------------------------------------------------


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _code_keys(code: str) -> tuple[str, ...]:
    """Return the keys of a code: itself and, if numeric, without leading zeros."""
    key = normalize(code)
    if key.isdigit() and key.lstrip("0"):
        return (key, key.lstrip("0"))
    return (key,)


class _Finder(Generic[T]):
    """Exact and fuzzy lookup of one kind of entity by normalised keys."""

    __slots__ = ("_entities", "_names", "_queries", "_tiers")

    def __init__(
        self,
        entities: Sequence[T],
        codes: Callable[[T], Iterable[str]],
        names: Callable[[T], Iterable[str]],
        aliases: Iterable[tuple[str, T]] = (),
    ) -> None:
        self._entities = tuple(entities)
        self._queries: dict[object, tuple[T, ...]] = {}
        primary: dict[str, list[T]] = {}
        secondary: dict[str, list[T]] = {}
        compact: dict[str, list[T]] = {}
        # By id: hashing a Deployment hashes every field, recursively.
        fuzzy: dict[int, list[str]] = {id(entity): [] for entity in self._entities}

        def add(tier: dict[str, list[T]], key: str, entity: T) -> None:
            targets = tier.setdefault(key, [])
            if entity not in targets:
                targets.append(entity)

        def add_compact(key: str, entity: T) -> None:
            # A key without spaces is found in its own tier before this one.
            if " " in key:
                add(compact, _compact(key), entity)

        for entity in self._entities:
            for code in codes(entity):
                for key in _code_keys(code):
                    add(primary, key, entity)
                    add_compact(key, entity)
            for name in names(entity):
                key = normalize(name)
                add(primary, key, entity)
                add_compact(key, entity)
                fuzzy[id(entity)].append(key)
        for alias, entity in aliases:
            key = normalize(alias)
            add(secondary, key, entity)
            add_compact(key, entity)
            fuzzy[id(entity)].append(key)
        self._tiers = tuple(
            {key: tuple(targets) for key, targets in tier.items()}
            for tier in (primary, secondary, compact)
        )
        # In the entities' order: hashing a Deployment hashes all its fields.
        self._names = tuple(
            tuple(
                (key, tuple(key.split()), len(_compact(key)), _letter_counts(key))
                for key in dict.fromkeys(k for k in keys if k)
            )
            for keys in fuzzy.values()
        )

    @property
    def entities(self) -> tuple[T, ...]:
        return self._entities

    def find_query(self, query: object, what: str) -> tuple[T, ...]:
        """Return what a raw lookup *query* names; remember the answer.

        Raises:
            TypeError: *query* is neither a str nor an int.
            InvalidQueryError: *query* is empty or blank.
        """
        # Only exact str and int: True == 1 and 1.0 == 1 must not share an answer.
        cacheable = type(query) is str or type(query) is int
        if cacheable:
            known = self._queries.get(query)
            if known is not None:
                return known
        found = self.find(_key(query, what))
        if cacheable:
            if len(self._queries) >= QUERY_MEMORY:
                self._queries.clear()
            self._queries[query] = found
        return found

    def find(self, key: str) -> tuple[T, ...]:
        """Return what *key* names: one entity, several (ambiguous) or none."""
        for tier, query in zip(self._tiers, (key, key, _compact(key)), strict=True):
            found = tier.get(query)
            if found:
                return found
        return ()

    def rank(self, key: str) -> list[tuple[T, float]]:
        """Return the entities scoring at least :data:`MIN_SCORE`, best first."""
        exact = self.find(key)
        scorer = _Scorer(key)
        scores: list[tuple[T, float]] = []
        for entity, names in zip(self._entities, self._names, strict=True):
            if entity in exact:
                score = 1.0 if len(exact) == 1 else AMBIGUOUS_SCORE
            else:
                fuzzy = max((scorer.score(*name) for name in names), default=0)
                score = min(fuzzy, MAX_FUZZY_SCORE)
            if score >= MIN_SCORE:
                scores.append((entity, round(score, 3)))
        # sorted() is stable: ties keep the entities' order.
        return sorted(scores, key=lambda pair: -pair[1])

    def suggest(self, key: str, limit: int = 5) -> tuple[T, ...]:
        """Return the few entities a failed lookup of *key* should suggest."""
        ranked = self.rank(key)
        if not ranked:
            return ()
        floor = max(MIN_SUGGESTION_SCORE, ranked[0][1] - SUGGESTION_SPREAD)
        return tuple(entity for entity, score in ranked[:limit] if score >= floor)


@cache
def _aliases() -> tuple[tuple[str, str, str], ...]:
    return load_aliases()


class _Indexes:
    """The finders of one set of rows, each built on first use."""

    __slots__ = ("_academic_regions", "_academies", "_departments", "_regions", "rows")

    def __init__(self, rows: Sequence[Deployment]) -> None:
        self.rows = tuple(rows)
        self._departments: _Finder[Deployment] | None = None
        self._academies: _Finder[Academy] | None = None
        self._regions: _Finder[Region] | None = None
        self._academic_regions: _Finder[str] | None = None

    @property
    def departments(self) -> _Finder[Deployment]:
        if self._departments is None:
            self._departments = _department_finder(self.rows)
        return self._departments

    @property
    def academies(self) -> _Finder[Academy]:
        if self._academies is None:
            self._academies = _academy_finder(self.rows)
        return self._academies

    @property
    def regions(self) -> _Finder[Region]:
        if self._regions is None:
            regions = {
                d.department.region.code: d.department.region
                for d in self.rows
                if d.department.region
            }
            self._regions = _Finder(
                [regions[code] for code in sorted(regions)],
                codes=lambda r: (r.code,),
                names=lambda r: (r.name,),
            )
        return self._regions

    @property
    def academic_regions(self) -> _Finder[str]:
        if self._academic_regions is None:
            names = {
                d.academy.academic_region
                for d in self.rows
                if d.academy.academic_region
            }
            self._academic_regions = _Finder(
                sorted(names), codes=lambda _: (), names=lambda name: (name,)
            )
        return self._academic_regions


def _department_finder(deployments: Sequence[Deployment]) -> _Finder[Deployment]:
    by_code = {d.code: d for d in deployments}
    aliases = [
        (alias, by_code[code])
        for alias, entity, code in _aliases()
        if entity == "department" and code in by_code
    ]
    return _Finder(
        deployments,
        codes=lambda d: (d.code, d.department.iso_code),
        names=lambda d: (d.name, d.source_label),
        aliases=aliases,
    )


def _academy_finder(deployments: Sequence[Deployment]) -> _Finder[Academy]:
    academies = {d.academy.code: d.academy for d in deployments}
    labels: dict[str, list[str]] = {}
    for d in deployments:
        labels.setdefault(d.academy.code, []).append(d.source_academy)
    aliases = [
        (alias, academies[code])
        for alias, entity, code in _aliases()
        if entity == "academy" and code in academies
    ]
    return _Finder(
        [academies[code] for code in sorted(academies)],
        codes=lambda a: (a.code,),
        names=lambda a: (a.name, *labels[a.code]),
        aliases=aliases,
    )


_lock = threading.Lock()
_cache: dict[int, tuple[weakref.ref[Dataset], _Indexes]] = {}


def _indexes(dataset: Dataset) -> _Indexes:
    """Return the finders of *dataset*'s rows, built once per dataset."""
    key = id(dataset)
    # Reading a dict is atomic; the identity check guards against a reused id.
    entry = _cache.get(key)
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    with _lock:
        entry = _cache.get(key)
        if entry is not None and entry[0]() is dataset:
            return entry[1]
        indexes = _Indexes(dataset.deployments)
        _cache[key] = (weakref.ref(dataset), indexes)
        weakref.finalize(dataset, _cache.pop, key, None)
        return indexes


def _reference(dataset: Dataset) -> _Indexes | None:
    """Return the finders of the whole edition *dataset* was filtered from.

    That is the packaged edition with the same metadata, plus any row of
    *dataset* that it lacks; ``None`` when *dataset* is the whole edition or its
    edition is not packaged.
    """
    try:
        packaged = load(dataset.edition.id)
    except UnknownEditionError:
        return None
    if packaged is dataset or packaged.edition != dataset.edition:
        return None
    rows = {d.code: d for d in packaged.deployments}
    extra = tuple(d for d in dataset.deployments if rows.get(d.code) != d)
    if not extra:
        return _indexes(packaged)
    return _Indexes(packaged.deployments + extra)


# -- Lookups ------------------------------------------------------------------


def _key(query: object, what: str) -> str:
    """Return the normalised key of a lookup *query* (a str or an int).

    Raises:
        TypeError: *query* is neither a str nor an int.
        InvalidQueryError: *query* is empty or blank.
    """
    if isinstance(query, bool) or not isinstance(query, (str, int)):
        msg = (
            f"a {what} query is a str (a code or a name) or an int (a code), "
            f"got {type(query).__name__}: {query!r}"
        )
        raise TypeError(msg)
    if isinstance(query, int):
        # No normalisation: -5 must not become "5".
        return str(query)
    key = normalize(query)
    if not key:
        msg = (
            f"empty {what} query {query!r}; expected a code or a name, "
            "such as '56' or 'Morbihan'"
        )
        raise InvalidQueryError(msg)
    return key


def find(dataset: Dataset, query: str | int) -> Deployment | None:
    """Return the territory *query* names in *dataset*, ``None`` if none does."""
    found = _indexes(dataset).departments.find_query(query, "département")
    return found[0] if len(found) == 1 else None


def lookup(dataset: Dataset, query: str | int) -> Deployment:
    """Return the territory *query* names in *dataset*.

    Raises:
        UnknownDepartmentError: No territory, or several, match.
    """
    finder = _indexes(dataset).departments
    found = finder.find_query(query, "département")
    if len(found) == 1:
        return found[0]
    key = _key(query, "département")
    note = None
    if len(found) > 1:
        note = "it names more than one territory"
        suggestions = found
    else:
        suggestions = finder.suggest(key)
        reference = _reference(dataset)
        if reference is not None:
            elsewhere = reference.departments.find(key)
            if len(elsewhere) == 1:
                d = elsewhere[0]
                note = (
                    f"{d.name} ({d.code}) is not among this dataset's "
                    f"{len(dataset)} territories"
                )
    raise UnknownDepartmentError(query, suggestions, note=note)


def get(dataset: Dataset, query: str | int, default: D) -> Deployment | D:
    """Return the territory *query* names in *dataset*, *default* if none does."""
    found = find(dataset, query)
    return default if found is None else found


def search(
    dataset: Dataset, query: str | int, limit: int | None = 5
) -> tuple[Match, ...]:
    """Return up to *limit* candidate territories for *query*, best first.

    Raises:
        InvalidQueryError: *query* is blank or *limit* is below 1.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        msg = f"limit must be an int or None, got {type(limit).__name__}: {limit!r}"
        raise TypeError(msg)
    if limit is not None and limit < 1:
        msg = f"limit must be at least 1 (or None for every candidate), got {limit}"
        raise InvalidQueryError(msg)
    ranked = _indexes(dataset).departments.rank(_key(query, "département"))
    return tuple(Match(d, score) for d, score in ranked[:limit])


def academy(dataset: Dataset, query: str | int) -> Academy:
    """Return the académie *query* names among *dataset*'s académies.

    Raises:
        UnknownAcademyError: No académie, or several, match.
    """
    finder = _indexes(dataset).academies
    found = finder.find_query(query, "académie")
    if len(found) == 1:
        return found[0]
    key = _key(query, "académie")
    if len(found) > 1:
        raise UnknownAcademyError(query, found, note="it names more than one académie")
    note = None
    reference = _reference(dataset)
    if reference is not None:
        elsewhere = reference.academies.find(key)
        if len(elsewhere) == 1:
            a = elsewhere[0]
            note = f"{a.name} ({a.code}) has no territory in this dataset"
    raise UnknownAcademyError(query, finder.suggest(key), note=note)


# -- Filtering ----------------------------------------------------------------


def _values(value: object, name: str, single: tuple[type, ...]) -> tuple[object, ...]:
    """Return a filter's value as a non-empty tuple of values.

    Raises:
        TypeError: *value* is neither a value nor a collection of values.
        InvalidQueryError: *value* is an empty collection.
    """
    if isinstance(value, single):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        values = tuple(value)
        if not values:
            msg = f"{name}= got an empty collection; pass at least one value, or None"
            raise InvalidQueryError(msg)
        for item in values:
            if not isinstance(item, single):
                expected = ", ".join(t.__name__ for t in single)
                got = f"{type(item).__name__}: {item!r}"
                msg = f"{name}= values are one of {expected}, got {got}"
                raise TypeError(msg)
        return values
    expected = ", ".join(t.__name__ for t in single)
    msg = f"{name}= takes one of {expected}, or a collection of them, got {value!r}"
    raise TypeError(msg)


def _enum_member(
    enum: type[Status | TerritoryKind], value: object, name: str
) -> object:
    if isinstance(value, enum):
        return value
    key = _key(value, name)
    for member in enum:
        spellings = {normalize(member.value), normalize(member.name)}
        if isinstance(member, Status):
            spellings.add(normalize(member.label))
        if key in spellings:
            return member
    accepted = ", ".join(repr(member.value) for member in enum)
    msg = f"unknown {name} {value!r}; expected a {enum.__name__} or one of {accepted}"
    raise InvalidQueryError(msg)


def _resolve_academy(reference: _Indexes, value: object) -> Academy:
    if isinstance(value, Academy):
        if value not in reference.academies.entities:
            raise UnknownAcademyError(
                value.name, note="this Academy is not one of the edition's"
            )
        return value
    key = _key(value, "académie")
    found = reference.academies.find(key)
    if len(found) == 1:
        return found[0]
    query = value if isinstance(value, (str, int)) else str(value)
    raise UnknownAcademyError(query, found or reference.academies.suggest(key))


def _resolve_region(reference: _Indexes, value: object) -> Region:
    if isinstance(value, Region):
        if value not in reference.regions.entities:
            raise UnknownRegionError(value.name, "région")
        return value
    key = _key(value, "région")
    found = reference.regions.find(key)
    if len(found) == 1:
        return found[0]
    names = tuple(r.name for r in reference.regions.suggest(key))
    raise UnknownRegionError(str(value), "région", names)


def _resolve_academic_region(reference: _Indexes, value: object) -> str:
    key = _key(value, "région académique")
    found = reference.academic_regions.find(key)
    if len(found) == 1:
        return found[0]
    names = reference.academic_regions.suggest(key)
    raise UnknownRegionError(str(value), "région académique", names)


def filter_dataset(
    dataset: Dataset,
    *,
    status: object = None,
    academy: object = None,
    region: object = None,
    academic_region: object = None,
    kind: object = None,
    overseas: object = None,
    where: object = None,
) -> Dataset:
    """Return the rows of *dataset* that pass every given filter, in order.

    Names are resolved against the whole edition, so a real name that no row of
    *dataset* has gives an empty dataset while a typo raises.
    """
    tests: list[Callable[[Deployment], bool]] = []
    reference = _reference(dataset) or _indexes(dataset)
    if status is not None:
        statuses = {
            _enum_member(Status, v, "status")
            for v in _values(status, "status", (Status, str))
        }
        tests.append(lambda d: d.status in statuses)
    if academy is not None:
        codes = {
            _resolve_academy(reference, v).code
            for v in _values(academy, "academy", (Academy, str, int))
        }
        tests.append(lambda d: d.academy.code in codes)
    if region is not None:
        regions = {
            _resolve_region(reference, v)
            for v in _values(region, "region", (Region, str))
        }
        tests.append(lambda d: d.department.region in regions)
    if academic_region is not None:
        names = {
            _resolve_academic_region(reference, v)
            for v in _values(academic_region, "academic_region", (str,))
        }
        tests.append(lambda d: d.academy.academic_region in names)
    if kind is not None:
        kinds = {
            _enum_member(TerritoryKind, v, "kind")
            for v in _values(kind, "kind", (TerritoryKind, str))
        }
        tests.append(lambda d: d.department.kind in kinds)
    if overseas is not None:
        if not isinstance(overseas, bool):
            msg = f"overseas= takes True, False or None, got {overseas!r}"
            raise TypeError(msg)
        tests.append(lambda d: d.department.is_overseas is overseas)
    if where is not None:
        if not callable(where):
            msg = f"where= takes a function of a Deployment, got {where!r}"
            raise TypeError(msg)
        tests.append(lambda d: bool(where(d)))
    rows = tuple(d for d in dataset.deployments if all(test(d) for test in tests))
    return attrs.evolve(dataset, deployments=rows)
