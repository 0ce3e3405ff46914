"""The project's cattrs converter: the one definition of the model's plain shape."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ._problems import Problems
from .exceptions import DataError, InvalidArgumentError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import cattrs

T = TypeVar("T")

__all__ = ["make_converter", "structure"]


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter configured for entdeploy's model.

    Model classes unstructure to plain dicts, lists, strings, integers and
    ``None``: enums become their values (``Status.MASSIVE`` is ``"massive"``),
    tuples become lists, and nested objects nest. Structuring refuses unknown
    keys and never coerces: a string field needs a ``str``, an integer field an
    ``int`` (not a ``bool``, not ``"51"``). Each call returns a fresh converter,
    so configuring it affects no one else.
    """
    import cattrs  # noqa: PLC0415 - cattrs is imported on first use: it is slow to import

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    return converter


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {value!r}"
        raise TypeError(msg)
    return value


def _strict_int(value: object, _: type) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"expected an integer, got {value!r}"
        raise TypeError(msg)
    return value


def structure(
    converter: cattrs.Converter, data: object, cls: type[T], source: str
) -> T:
    """Structure *data* into *cls*, turning cattrs' errors into a :class:`DataError`.

    Raises:
        DataError: *data* does not have the shape of *cls*; one problem per error,
            each naming the path of the field at fault.
    """
    from cattrs import transform_error  # noqa: PLC0415 - see make_converter
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError  # noqa: PLC0415

    problems = Problems(source)
    try:
        return converter.structure(data, cls)
    except ClassValidationError as error:
        # A class's own validation (a Dataset with a duplicated territory)
        # already says what is wrong: pass it on rather than flatten it.
        own = [e for e in error.exceptions if isinstance(e, DataError)]
        if own:
            raise own[0] from None
        messages = transform_error(
            error, path=cls.__name__, format_exception=_format_exception
        )
        for message in messages:
            if not message.startswith(_REFUSED):
                problems.add(None, None, None, message)
        # A model class that refuses its values (a Deployment whose count
        # contradicts its status) names the field at fault: keep its message.
        for leaf, path in _leaves(error, ""):
            if isinstance(leaf, InvalidArgumentError):
                field = f"{path}.{leaf.argument}".lstrip(".")
                problems.add(None, field, _shown(leaf.value), str(leaf))
    except ForbiddenExtraKeysError as error:
        for message in transform_error(error, path=cls.__name__):
            problems.add(None, None, None, message)
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
    from cattrs.errors import (  # noqa: PLC0415 - see make_converter
        AttributeValidationNote,
        BaseValidationError,
        IterableValidationNote,
    )

    if not isinstance(error, BaseValidationError):
        yield error, path
        return
    for inner in error.exceptions:
        where = path
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                where = f"{path}.{note.name}"
            elif isinstance(note, IterableValidationNote):
                where = f"{path}[{note.index}]"
        yield from _leaves(inner, where)


def _shown(value: object) -> str:
    """Return *value* as a Problem shows it: text as is, anything else as JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    return repr(value)
