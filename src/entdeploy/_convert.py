"""The project's cattrs converter: the one definition of the model's plain shape."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ._model import Academy, Authority, Region
from ._problems import Problems
from .exceptions import DataError, InvalidArgumentError

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")

__all__ = ["converter", "make_converter", "structure"]


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter configured for entdeploy's model.

    Model classes unstructure to plain dicts, lists, strings, integers and
    ``None``, enums to their values. Structuring refuses unknown keys and never
    coerces: an integer field needs an ``int`` (not a ``bool``, not ``"51"``).
    Equal régions, académies and authorities structure into one shared object,
    as in a loaded dataset.
    """
    import cattrs  # noqa: PLC0415 - cattrs is imported on first use: it is slow to import

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _exactly)
    converter.register_structure_hook(int, _exactly)
    for cls in _SHARED:
        _share_equal(converter, cls)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    """Return the converter entdeploy itself uses, built once: never configure it."""
    return make_converter()


#: The flat classes whose equal plain values structure into one object, and how
#: many objects a converter keeps (a dataset has about 150).
_SHARED = (Region, Academy, Authority)
_SHARED_LIMIT = 1024


def _share_equal(converter: cattrs.Converter, cls: type[T]) -> None:
    """Make *converter* structure equal plain values of *cls*, a flat class, once."""
    structure = converter.get_structure_hook(cls)
    made: dict[tuple[Any, ...], T] = {}

    def shared(value: object, _: type[T]) -> T:
        found: T
        if isinstance(value, dict):
            key = tuple(value.items())
            try:
                return made[key]
            except KeyError:
                if len(made) >= _SHARED_LIMIT:
                    made.clear()
                found = made[key] = structure(value, cls)
                return found
            except TypeError:  # an unhashable value: refused below
                pass
        found = structure(value, cls)
        return found

    converter.register_structure_hook(cls, shared)


def _exactly(value: object, kind: type[T]) -> T:
    """Return *value* if it already is a *kind* (a ``bool`` is neither): no coercion."""
    if not isinstance(value, kind) or isinstance(value, bool):
        msg = f"expected {'a string' if kind is str else 'an integer'}, got {value!r}"
        raise TypeError(msg)
    return value


def structure(
    converter: cattrs.Converter, data: object, cls: type[T], source: str
) -> T:
    """Structure *data* into *cls*, turning cattrs' errors into a :class:`DataError`.

    Raises:
        DataError: *data* does not have the shape of *cls*; a problem per error.
    """
    from cattrs import errors, transform_error  # noqa: PLC0415 - see make_converter

    problems = Problems(source)
    try:
        return converter.structure(data, cls)
    except (errors.ClassValidationError, errors.ForbiddenExtraKeysError) as error:
        leaves = list(_leaves(error, ""))
        # A Dataset's own DataError (a duplicated territory) is passed on as it is.
        own = [leaf for leaf, _ in leaves if isinstance(leaf, DataError)]
        if own:
            raise own[0] from None
        found = transform_error(error, cls.__name__, format_exception=_format_exception)
        for message in found:
            if not message.startswith(_REFUSED):
                problems.add(None, None, None, message)
        # A model's own refusal (a count that contradicts its status) names its field.
        for leaf, path in leaves:
            if isinstance(leaf, InvalidArgumentError):
                field = f"{path}.{leaf.argument}".lstrip(".")
                shown = "null" if leaf.value is None else str(leaf.value)  # as JSON
                problems.add(None, field, shown, str(leaf))
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        problems.add(None, None, None, f"{cls.__name__}: {error}")
    problems.raise_if_any()
    msg = "unreachable: every failure above records a problem"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


#: What _format_exception makes of an InvalidArgumentError, reported on its own.
_REFUSED = "\x00refused"


def _format_exception(error: BaseException, type_: type | None) -> str:
    """Word *error* as cattrs does, but mark a model's own refusal to drop it."""
    from cattrs.v import format_exception  # noqa: PLC0415 - see make_converter

    if isinstance(error, InvalidArgumentError):
        return _REFUSED
    return format_exception(error, type_)


def _leaves(error: BaseException, path: str) -> Iterator[tuple[BaseException, str]]:
    """Yield each error under *error* with the path (``deployments[3]``) it is at."""
    from cattrs import errors  # noqa: PLC0415 - see make_converter

    if not isinstance(error, errors.BaseValidationError):
        yield error, path
        return
    for inner in error.exceptions:
        where = path
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, errors.AttributeValidationNote):
                where = f"{path}.{note.name}"
            elif isinstance(note, errors.IterableValidationNote):
                where = f"{path}[{note.index}]"
        yield from _leaves(inner, where)
