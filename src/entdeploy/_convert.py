"""The project's cattrs converter: the one definition of the model's plain shape."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .exceptions import DataError, Problem

if TYPE_CHECKING:
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

    try:
        return converter.structure(data, cls)
    except ClassValidationError as error:
        # A class's own validation (a Dataset with a duplicated territory)
        # already says what is wrong: pass it on rather than flatten it.
        own = [e for e in error.exceptions if isinstance(e, DataError)]
        if own:
            raise own[0] from None
        messages = transform_error(error, path=cls.__name__)
        raise DataError(
            [Problem(source, None, None, None, message) for message in messages]
        ) from None
    except ForbiddenExtraKeysError as error:
        messages = transform_error(error, path=cls.__name__)
        raise DataError(
            [Problem(source, None, None, None, message) for message in messages]
        ) from None
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise DataError(
            [Problem(source, None, None, None, f"{cls.__name__}: {error}")]
        ) from None
