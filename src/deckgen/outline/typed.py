"""Frozen data classes checked against their annotations: a quick check for valid data, pydantic for the messages."""
from __future__ import annotations

import dataclasses
import enum
import typing
from typing import Any, Callable, Literal, Optional, TypeVar, Union

# The outline and theme models are plain frozen dataclasses whose annotations carry their rules as metadata
# (`Length`, `Bound`, `Before`, `After`, `Visible`). Two readers share those rules:
# - `quick` builds an instance from data that certainly holds (the YAML a build reads), in plain Python,
#   and gives up (None) at the first doubt: a wrong type, a broken rule, an exception in a rule;
# - pydantic (imported only then, through `slow`) validates the same classes (it honours the metadata
#   through `__get_pydantic_core_schema__`) to name every problem, and writes the JSON Schema.
# `quick` accepts only exact types, so whatever pydantic would coerce or refuse goes to pydantic; a test holds
# the two to the same result on valid and broken outlines and themes.

T = TypeVar("T")


class Doubt(Exception):
    """The quick check cannot vouch for a value: pydantic decides."""


class Length:
    """At least `least`, at most `most` items or characters (code points, as pydantic counts)."""

    def __init__(self, least: Optional[int] = None, most: Optional[int] = None) -> None:
        self.least, self.most = least, most

    def quick(self, value: Any, inner: Callable[[Any], Any]) -> Any:
        value = inner(value)
        n = len(value)
        if (self.least is not None and n < self.least) or (self.most is not None and n > self.most):
            raise Doubt
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if self.least is not None:
            schema["min_length"] = self.least
        if self.most is not None:
            schema["max_length"] = self.most
        return schema


class Bound:
    """A number's range: more than `gt`, at least `ge`, at most `le`."""

    def __init__(self, *, gt: Optional[float] = None, ge: Optional[float] = None, le: Optional[float] = None) -> None:
        self.bounds = {k: v for k, v in (("gt", gt), ("ge", ge), ("le", le)) if v is not None}

    def quick(self, value: Any, inner: Callable[[Any], Any]) -> Any:
        value = inner(value)
        b = self.bounds
        if ("gt" in b and not value > b["gt"]) or ("ge" in b and not value >= b["ge"]) or ("le" in b and not value <= b["le"]):
            raise Doubt
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.bounds)
        return schema


class Before:
    """`fn` turns the value given into the one the type checks (`'#a8191b'` → `'A8191B'`); ValueError refuses."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def quick(self, value: Any, inner: Callable[[Any], Any]) -> Any:
        return inner(self.fn(value))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.fn, handler(source))


class After:
    """`fn` checks (or normalises) the value once its type holds; ValueError refuses."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def quick(self, value: Any, inner: Callable[[Any], Any]) -> Any:
        return self.fn(inner(value))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.fn, handler(source))


class Visible:
    """At most `limit` characters as they show (`visible_length`: a letter with its marks, an emoji sequence
    count one); the JSON Schema says `maxLength`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def check(self, value: str) -> str:
        from deckgen.text.script import visible_length

        if len(value) > self.limit and visible_length(value) > self.limit:
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("string_too_long", "longer than {max_length} characters", {"max_length": self.limit})
        return value

    def quick(self, value: Any, inner: Callable[[Any], Any]) -> Any:
        value = inner(value)
        if len(value) > self.limit:
            raise Doubt
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = handler(schema)
        out["maxLength"] = self.limit
        return out


_STRICT_TYPES = {"str", "list", "dict", "float", "int", "bool", "enum", "literal"}


def _strict(schema: Any) -> Any:
    """Pydantic's core `schema` with every value type strict (no `'3'` for 3, no 1 for True); mappings still
    build the classes (a dataclass schema in strict mode takes only instances)."""
    if isinstance(schema, dict):
        if schema.get("type") in _STRICT_TYPES:
            schema["strict"] = True
        for value in schema.values():
            _strict(value)
    elif isinstance(schema, list):
        for value in schema:
            _strict(value)
    return schema


class Frozen:
    """Base of the model classes (each a `@dataclass(frozen=True)`): unknown keys refused; `STRICT` classes
    take values only of their exact type. `_shape` may rewrite the data given before the fields are built
    and name private attributes to set on the instance (a node's bullet levels)."""

    __pydantic_config__ = {"extra": "forbid"}
    STRICT: typing.ClassVar[bool] = False

    @classmethod
    def _shape(cls, data: Any) -> tuple[Any, dict[str, Any]]:
        return data, {}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        schema = handler(source)
        if cls.STRICT:
            _strict(schema)
        if cls._shape.__func__ is Frozen._shape.__func__:  # type: ignore[attr-defined]
            return schema
        from pydantic_core import core_schema

        def shaped(data: Any, inner: Any) -> Any:
            data, private = cls._shape(data)
            obj = inner(data)
            for key, value in private.items():
                object.__setattr__(obj, key, value)
            return obj

        return core_schema.no_info_wrap_validator_function(shaped, schema)

    @classmethod
    def from_data(cls: type[T], data: Any) -> T:
        """`data` (mappings, lists, text, numbers) as an instance: raises pydantic's `ValidationError` when
        it breaks a rule."""
        return from_data(cls, data)

    def replace(self: T, **changes: Any) -> T:
        """A copy with `changes` (not checked), keeping private attributes."""
        new = dataclasses.replace(self, **changes)  # type: ignore[type-var]
        for key, value in vars(self).items():
            if key.startswith("_"):
                object.__setattr__(new, key, value)
        return new


# ------------------------------------------------------------------------------------------- reading

_HINTS: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """The init fields of dataclass `cls` and their annotations (with metadata), in order."""
    hints = _HINTS.get(cls)
    if hints is None:
        every = typing.get_type_hints(cls, include_extras=True)
        hints = _HINTS[cls] = {f.name: every[f.name] for f in dataclasses.fields(cls) if f.init}
    return hints


def inner_class(hint: Any) -> Optional[type]:
    """The model class inside an annotation (`Chart`, `Optional[Chart]`, `list[Series]`, `Annotated[…]`)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint
    for arg in typing.get_args(hint):
        found = inner_class(arg)
        if found is not None:
            return found
    return None


def _required(cls: type) -> dict[str, bool]:
    return {f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            for f in dataclasses.fields(cls) if f.init}


def _build(hint: Any, value: Any) -> Any:
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _instance(hint, value)
        if hint is str:
            if type(value) is not str:
                raise Doubt
            return value
        if hint is float:
            if type(value) is not float and type(value) is not int:
                raise Doubt
            return float(value)
        if hint is int or hint is bool:
            if type(value) is not hint:
                raise Doubt
            return value
        if issubclass(hint, enum.Enum):
            if not isinstance(value, hint):
                raise Doubt
            return value
        raise Doubt
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return _annotated(args[0], args[1:], value)
    if origin is Union:
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise Doubt
        return _build(rest[0], value)
    if origin is list:
        if type(value) is not list:
            raise Doubt
        return [_build(args[0], item) for item in value]
    if origin is dict:
        if type(value) is not dict:
            raise Doubt
        return {_build(args[0], k): _build(args[1], v) for k, v in value.items()}
    if origin is Literal:
        if not any(type(value) is type(a) and value == a for a in args):
            raise Doubt
        return value
    raise Doubt


def _annotated(base: Any, metas: tuple[Any, ...], value: Any) -> Any:
    if not metas:
        return _build(base, value)
    return metas[-1].quick(value, lambda v: _annotated(base, metas[:-1], v))


def _instance(cls: type, data: Any) -> Any:
    if isinstance(data, cls):
        return data
    if type(data) is not dict:
        raise Doubt
    data, private = cls._shape(data)  # type: ignore[attr-defined]
    hints = field_types(cls)
    if any(key not in hints for key in data):
        raise Doubt
    required = _required(cls)
    if any(need and name not in data for name, need in required.items()):
        raise Doubt
    obj = cls(**{key: _build(hints[key], value) for key, value in data.items()})
    for key, value in private.items():
        object.__setattr__(obj, key, value)
    return obj


def quick(cls: type[T], data: Any) -> Optional[T]:
    """An instance of model class `cls` built from `data` when every rule certainly holds, else None."""
    try:
        return _instance(cls, data)
    except (Doubt, ValueError, TypeError, ArithmeticError):
        return None
    except Exception as exc:  # a rule's own error type (PydanticCustomError) is a refusal too
        if type(exc).__module__.startswith("pydantic"):
            return None
        raise


_ADAPTERS: dict[type, Any] = {}


def adapter(cls: type) -> Any:
    """Pydantic's validator of model class `cls` (built once)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def slow(cls: type[T], data: Any) -> T:
    """`data` validated by pydantic into `cls`; raises pydantic's `ValidationError` naming every problem."""
    return adapter(cls).validate_python(data)  # type: ignore[no-any-return]


def from_data(cls: type[T], data: Any) -> T:
    """`data` as an instance of `cls`: the quick check, else pydantic (raising `ValidationError`)."""
    found = quick(cls, data)
    return found if found is not None else slow(cls, data)


def to_data(obj: Any, *, json: bool = False, exclude_none: bool = False, exclude: frozenset[str] = frozenset()) -> Any:
    """A model instance as plain data (mappings in field order), like pydantic's `model_dump`: enums as their
    values with `json`, None values left out with `exclude_none`, the top level's `exclude` keys left out."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name in exclude or (exclude_none and value is None):
                continue
            out[f.name] = to_data(value, json=json, exclude_none=exclude_none)
        return out
    if isinstance(obj, (list, tuple)):
        return [to_data(item, json=json, exclude_none=exclude_none) for item in obj]
    if isinstance(obj, dict):
        return {k: to_data(v, json=json, exclude_none=exclude_none) for k, v in obj.items()
                if not (exclude_none and v is None)}
    if json and isinstance(obj, enum.Enum):
        return obj.value
    return obj
