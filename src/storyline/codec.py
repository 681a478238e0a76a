"""The model's dataclasses as JSON-ready values and back, field by field.

The store's JSON columns and the dossier both hold what this writes. Writing follows the order of the
fields; a field marked ``OPTIONAL`` (``storyline.model``) is left out while it holds its default, so an
entry says only what is known of it, and a ``FLAT`` field (a dataclass) writes its own fields in its
place. Reading takes each field by name and gives it its declared type: nested dataclasses, lists and
dicts of them, tuples, and unions of dataclasses (told apart by the names they carry, as the positions
of a disagreement are). Names a class does not know are ignored.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]
_MISSING = dataclasses.MISSING


@dataclass(frozen=True)
class _Field:
    name: str
    mode: str  # "" | "optional" | "flat"
    default: Any  # compared with the value of an optional field; _MISSING when there is none
    decode: Decoder | None  # None: the JSON value is the value
    flat: type | None  # the dataclass a flat field holds


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not _MISSING:
        return f.default
    if f.default_factory is not _MISSING:
        return f.default_factory()
    return _MISSING


def _dataclass(hint: Any) -> bool:
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


def _pick(classes: list[type], data: Mapping[str, Any]) -> type:
    """The variant whose field names are the keys of ``data``; else the one sharing the most of them."""
    keys = set(data)
    names = [(cls, {f.name for f in dataclasses.fields(cls)}) for cls in classes]
    for cls, known in names:
        if known == keys:
            return cls
    return max(names, key=lambda x: len(x[1] & keys))[0]


def _decoder(hint: Any) -> Decoder | None:
    if _dataclass(hint):
        return lambda v: from_json(hint, v)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        classes = [a for a in options if _dataclass(a)]
        if len(classes) > 1:
            return lambda v: None if v is None else from_json(_pick(classes, v), v)
        inner = _decoder(options[0]) if len(options) == 1 else None
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if origin is list:
        item = _decoder(args[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin is dict:
        value = _decoder(args[1])
        return None if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    if origin is tuple:
        return tuple
    return None


_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _fields(cls: type) -> tuple[_Field, ...]:
    """How each field of ``cls`` is written and read (worked out once per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = _describe(cls)
    return found


def _describe(cls: type) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        mode = f.metadata.get("json", "")
        hint = hints[f.name]
        flat = None
        if mode == "flat":
            flat = next(a for a in (hint, *typing.get_args(hint)) if _dataclass(a))
        out.append(_Field(f.name, mode, _default(f), _decoder(hint), flat))
    return tuple(out)


def field_names(cls: type) -> list[str]:
    """The names ``to_json`` may write for ``cls``, in order (a flat field's own names in its place)."""
    out: list[str] = []
    for f in _fields(cls):
        out.extend(field_names(f.flat) if f.flat is not None else [f.name])
    return out


def plain(v: Any) -> Any:
    """A value as JSON holds it: dataclasses as dicts (``to_json``), tuples as lists."""
    if isinstance(v, list | tuple):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return to_json(v)
    return v


def to_json(obj: Any, only: Collection[str] | None = None) -> dict[str, Any]:
    """The fields of a dataclass instance (or those named in ``only``) as a JSON-ready dict."""
    out: dict[str, Any] = {}
    for f in _fields(type(obj)):
        if only is not None and f.name not in only:
            continue
        v = getattr(obj, f.name)
        if f.flat is not None:
            if v is not None:
                out.update(to_json(v))
        elif f.mode != "optional" or v != f.default:
            out[f.name] = plain(v)
    return out


def decoder(cls: type, name: str) -> Callable[[Any], Any]:
    """What turns the JSON value of field ``name`` of ``cls`` into the field's declared type."""
    found = next(f for f in _fields(cls) if f.name == name)
    return found.decode or (lambda v: v)


def values_from_json(cls: type, data: Mapping[str, Any], only: Collection[str] | None = None) -> dict[str, Any]:
    """The fields of ``cls`` (or those named in ``only``) that ``data`` holds, typed: keyword arguments."""
    out: dict[str, Any] = {}
    for f in _fields(cls):
        if only is not None and f.name not in only:
            continue
        if f.flat is not None:
            if any(name in data for name in field_names(f.flat)):
                out[f.name] = from_json(f.flat, data)
        elif f.name in data:
            v = data[f.name]
            out[f.name] = v if f.decode is None else f.decode(v)
    return out


def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """An instance of the dataclass ``cls`` from what ``to_json`` wrote."""
    return cls(**values_from_json(cls, data))
