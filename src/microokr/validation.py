"""Validate a read value against a model and explain each error as MO003/MO004/MO005.

pydantic's own messages name union members ("valid integer", "valid number") and
Python types; ours name the field, show the value and say how to mend it. We
never ``str()`` a ValidationError: on an alias bomb that alone took 30 s.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from microokr.formatting import did_you_mean
from microokr.rules.mo0.codes import INVALID_VALUE, MISSING_FIELD, UNKNOWN_FIELD

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A validation error at a path in the data; `key` points at the key, not the value."""

    code: str
    path: Loc
    message: str
    key: bool = False


def validate(model: type[M], data: Any) -> tuple[M | None, list[FieldProblem]]:
    """The model built from `data`, or None and the problems that stop it."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {_kind(data)}"
        return None, [
            FieldProblem(INVALID_VALUE, (), f"the file is {kind}; it must be a mapping of fields")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, list(_explain(model, data, error))


def _explain(model: type[BaseModel], data: Any, error: ValidationError) -> Iterator[FieldProblem]:
    seen: set[Loc] = set()
    for item in error.errors(include_input=False, include_url=False):
        loc = _data_path(data, tuple(item["loc"]), item["type"])
        if loc in seen:
            continue
        seen.add(loc)
        kind = item["type"]
        field = str(loc[-1]) if loc else "the file"
        if "[key]" in item["loc"]:
            # A mapping key that is not a valid id (a team id in `teams`): point at the key.
            yield FieldProblem(
                INVALID_VALUE,
                loc,
                f"'{field:.60}' is not a valid id: use letters, digits, '-', '_' or '.', "
                "starting with a letter or digit",
                key=True,
            )
        elif kind == "extra_forbidden":
            known = _known_fields(model, loc[:-1])
            if field == "<<":
                # YAML 1.2 has no merge keys: `<<` is a plain key, and the anchor's keys
                # were never merged in. Say so rather than list the known fields.
                yield FieldProblem(
                    "MO003",
                    loc,
                    "merge keys ('<<') are not supported (YAML 1.2 has none): "
                    "write the keys out in this mapping",
                    key=True,
                )
                continue
            mend = did_you_mean(field, known) or f"known fields: {', '.join(known)}"
            yield FieldProblem(UNKNOWN_FIELD, loc, f"unknown field '{field:.60}': {mend}", key=True)
        elif kind == "missing":
            yield FieldProblem(
                MISSING_FIELD,
                loc,
                f"the required field '{field}' is missing: add it (see docs/format.md)",
            )
        else:
            value = _value_at(data, loc)
            yield FieldProblem(INVALID_VALUE, loc, _invalid(field, value, kind, item))


def _invalid(field: str, value: Any, kind: str, item: Any) -> str:
    shown = _show(value)
    if kind in ("int_type", "float_type", "finite_number", "int_parsing", "float_parsing"):
        return f"'{field}' must be a plain number, not {shown}: put the unit in 'unit'"
    if kind == "enum":
        return f"'{field}' cannot be {shown}: use one of {item['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return (
            f"'{field}' {shown} is not a valid id: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    if kind in ("string_type",):
        return f"'{field}' must be text, not {shown}: quote it"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{field}' must be true or false, not {shown}"
    if kind in ("list_type", "tuple_type"):
        return f"'{field}' must be a list, not {shown}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return f"'{field}' must be a mapping of fields, not {shown}"
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        return f"'{field}' must be a date written YYYY-MM-DD, not {shown}"
    if kind == "value_error":
        return f"'{field}': {item['ctx']['error']}"
    if kind in ("greater_than", "less_than_equal", "greater_than_equal", "less_than"):
        return f"'{field}' is {shown}: {item['msg'].lower()}"
    if kind == "string_too_long":
        return f"'{field}' is too long: {item['msg'].lower()}"
    return f"'{field}' cannot be {shown}: {item['msg']}"


def _data_path(data: Any, loc: Loc, kind: str) -> Loc:
    """The part of a pydantic `loc` that names places in the data (drops union members)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 (separate for mypy)
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            if kind in ("missing", "extra_forbidden") and isinstance(node, dict):
                path.append(part)
            break
    return tuple(path)


def _value_at(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _show(value: Any) -> str:
    """A short, safe rendering of a user value (never repr() of a big structure)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value) if len(str(value)) < 40 else "a huge number"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return f"a {_kind(value)}"


def _known_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc` (a path of field names and list indexes)."""
    current: Any = model
    for part in loc:
        if isinstance(current, _ListOf):
            current = current.model if current.keyed or isinstance(part, int) else None
        else:
            current = _model_in(_field_type(current, part))
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _field_type(model: Any, part: str | int) -> Any:
    if not _is_model(model):
        return None
    if isinstance(part, int):
        return None
    info = model.model_fields.get(part)
    return info.annotation if info else None


def _model_in(annotation: Any) -> Any:
    """The model class inside an annotation like `list[X] | None` or `X | None`."""
    if annotation is None:
        return None
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        for arg in args:
            found = _model_in(arg)
            if found is not None:
                if origin in (list, dict):
                    return _ListOf(found, keyed=origin is dict)
                return found
    return None


class _ListOf:
    """Marks a model reached through a list (or a dict: `keyed`), so the next path part
    is an index (or a key such as a team id), not a field name."""

    def __init__(self, model: type[BaseModel], *, keyed: bool = False) -> None:
        self.model = model
        self.keyed = keyed


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
