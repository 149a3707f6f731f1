"""Frozen data classes checked against their annotations: a quick check for valid data, pydantic for the messages."""
from __future__ import annotations

import dataclasses
import enum
import operator
import sys
import typing
from typing import Any, Callable, Literal, Optional, TypeVar, Union

from deckgen.outline.rules import Doubt

# The outline and theme models are plain frozen dataclasses whose annotations carry their rules as metadata
# (`deckgen.outline.rules`: `Length`, `Bound`, `Before`, `After`, `Visible`). Two readers share those rules:
# - `quick` builds an instance from data that certainly holds (the YAML a build reads), in plain Python,
#   and gives up (None) at the first doubt: a wrong type, a broken rule, an exception in a rule;
# - pydantic (imported only then, through `slow`) validates the same classes (it honours the metadata
#   through `__get_pydantic_core_schema__`) to name every problem, and writes the JSON Schema.
# `quick` accepts only exact types, so whatever pydantic would coerce or refuse goes to pydantic; a test holds
# the two to the same result on valid and broken outlines and themes.

T = TypeVar("T")


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


def _values_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
    if len(names) > 1:
        return operator.attrgetter(*names)  # type: ignore[return-value]
    return lambda obj: tuple(getattr(obj, n) for n in names)


def _record_eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = type(self).__record_values__
    return values(self) == values(other)


def _record_hash(self: Any) -> int:
    return hash(type(self).__record_values__(self))


def _record_repr(self: Any) -> str:
    return f"{type(self).__qualname__}({', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in dataclasses.fields(self) if f.repr)})"


def record(cls: Optional[type] = None, /, *, frozen: bool = False) -> Any:
    """`@dataclass` (or `@dataclass(frozen=True)`) with the same equality, hash and repr, shared instead of
    compiled per class: `dataclass` compiles each method from source, about a millisecond a class at every
    start, 70 classes on a build's path."""
    def wrap(c: type) -> type:
        c.__eq__ = _record_eq  # type: ignore[assignment, method-assign]
        c.__repr__ = _record_repr  # type: ignore[assignment, method-assign]
        c.__hash__ = _record_hash if frozen else None  # type: ignore[assignment, method-assign]  # as dataclass: eq, not frozen → unhashable
        out = dataclasses.dataclass(c, frozen=frozen, eq=False, repr=False)
        out.__record_values__ = staticmethod(_values_of(out))  # type: ignore[attr-defined]
        return out
    return wrap if cls is None else wrap(cls)


def model(cls: type[T]) -> type[T]:
    """`cls` (a `Frozen`) as a keyword-only data class whose methods are `Frozen`'s, shared, not generated:
    `dataclass` compiles six functions per frozen class, about a millisecond each class at every start."""
    out = dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=True)(cls)
    out.__record_values__ = staticmethod(_values_of(out))  # type: ignore[attr-defined]  # for Frozen's __eq__, __hash__
    return out


_INITS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _init_plan(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """Each init field of `cls` with its default and default factory (`MISSING` when none)."""
    plan = _INITS.get(cls)
    if plan is None:
        plan = _INITS[cls] = tuple((f.name, f.default, f.default_factory) for f in dataclasses.fields(cls) if f.init)
    return plan


class Frozen:
    """Base of the model classes (each made by `model`): built from keywords, immutable, equal when their
    fields are, hashable when their values are. Unknown keys refused; `STRICT` classes take values only of
    their exact type. `_shape` may rewrite the data given before the fields are built and name private
    attributes to set on the instance (a node's bullet levels)."""

    __pydantic_config__ = {"extra": "forbid"}
    STRICT: typing.ClassVar[bool] = False

    def __init__(self, **values: Any) -> None:
        for name, default, factory in _init_plan(type(self)):
            if name in values:
                value = values.pop(name)
            elif factory is not dataclasses.MISSING:
                value = factory()
            elif default is not dataclasses.MISSING:
                value = default
            else:
                raise TypeError(f"{type(self).__name__}() needs the keyword argument {name!r}")
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}() got unknown keyword arguments: {', '.join(values)}")

    __eq__ = _record_eq  # the fields' values compared, hashed and shown as `record`'s classes do
    __hash__ = _record_hash
    __repr__ = _record_repr

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

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
        hints = _HINTS[cls] = {f.name: _evaluated(cls, f) for f in dataclasses.fields(cls) if f.init}
    return hints


_EVALUATED: dict[tuple[str, str], Any] = {}


def _evaluated(cls: type, f: dataclasses.Field) -> Any:  # type: ignore[type-arg]
    """The annotation of field `f` as an object (the text `from __future__ import annotations` leaves, read in
    the module of the class that declares it; each text read once)."""
    if not isinstance(f.type, str):
        return f.type
    owner = next(c for c in cls.__mro__ if f.name in vars(c).get("__annotations__", {}))
    key = (owner.__module__, f.type)
    if key not in _EVALUATED:
        _EVALUATED[key] = eval(f.type, vars(sys.modules[owner.__module__]))  # noqa: S307 - our own annotations
    return _EVALUATED[key]


def inner_class(hint: Any) -> Optional[type]:
    """The model class inside an annotation (`Chart`, `Optional[Chart]`, `list[Series]`, `Annotated[…]`)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint
    for arg in typing.get_args(hint):
        found = inner_class(arg)
        if found is not None:
            return found
    return None


Check = Callable[[Any], Any]


def _exact(kind: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Doubt
        return value
    return check


def _float(value: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise Doubt
    return float(value)


def _compile(hint: Any) -> Check:
    """The quick check of one annotation: returns the value built, raises `Doubt` (or a rule's ValueError)."""
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return lambda value: _instance(hint, value)
        if hint is float:
            return _float
        if hint in (str, int, bool):
            return _exact(hint)
        if issubclass(hint, enum.Enum):
            def member(value: Any) -> Any:
                if not isinstance(value, hint):
                    raise Doubt
                return value
            return member
        raise TypeError(f"no quick check for {hint!r}")
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        check = _compile(args[0])
        for meta in args[1:]:  # each rule wraps the ones before it, as pydantic applies them
            check = _wrapped(meta, check)
        return check
    if origin is Union:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise TypeError(f"no quick check for {hint!r}")
        inner = _compile(rest[0])
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _compile(args[0])

        def items(value: Any) -> Any:
            if type(value) is not list:
                raise Doubt
            return [item(v) for v in value]
        return items
    if origin is dict:
        key, val = _compile(args[0]), _compile(args[1])

        def mapping(value: Any) -> Any:
            if type(value) is not dict:
                raise Doubt
            return {key(k): val(v) for k, v in value.items()}
        return mapping
    if origin is Literal:
        choices = [(type(a), a) for a in args]

        def literal(value: Any) -> Any:
            if (type(value), value) not in choices:
                raise Doubt
            return value
        return literal
    raise TypeError(f"no quick check for {hint!r}")


def _wrapped(meta: Any, inner: Check) -> Check:
    return lambda value: meta.quick(value, inner)


_PLANS: dict[type, tuple[dict[str, Check], frozenset[str]]] = {}


def _plan(cls: type) -> tuple[dict[str, Check], frozenset[str]]:
    """The quick check of each field of `cls`, and the fields without a default."""
    found = _PLANS.get(cls)
    if found is None:
        checks = {name: _compile(hint) for name, hint in field_types(cls).items()}
        required = frozenset(f.name for f in dataclasses.fields(cls) if f.init and f.default is dataclasses.MISSING
                             and f.default_factory is dataclasses.MISSING)
        found = _PLANS[cls] = (checks, required)
    return found


def _instance(cls: type, data: Any) -> Any:
    if isinstance(data, cls):
        return data
    if type(data) is not dict:
        raise Doubt
    data, private = cls._shape(data)  # type: ignore[attr-defined]
    checks, required = _plan(cls)
    if not required.issubset(data):
        raise Doubt
    try:
        values = {key: checks[key](value) for key, value in data.items()}
    except KeyError:  # a key the class does not know
        raise Doubt from None
    obj = cls(**values)
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


_PLAIN = (str, int, float, bool, type(None))


def to_data(obj: Any, *, json: bool = False, exclude_none: bool = False, exclude: frozenset[str] = frozenset()) -> Any:
    """A model instance as plain data (mappings in field order), like pydantic's `model_dump`: enums as their
    values with `json`, None values left out with `exclude_none`, the top level's `exclude` keys left out."""
    if type(obj) in _PLAIN:
        return obj
    if isinstance(obj, Frozen):
        out = {}
        for name, _, _ in _init_plan(type(obj)):
            value = getattr(obj, name)
            if (exclude_none and value is None) or name in exclude:
                continue
            out[name] = value if type(value) in _PLAIN else to_data(value, json=json, exclude_none=exclude_none)
        return out
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name), json=json, exclude_none=exclude_none)
                for f in dataclasses.fields(obj) if f.name not in exclude
                and not (exclude_none and getattr(obj, f.name) is None)}
    if isinstance(obj, (list, tuple)):
        return [item if type(item) in _PLAIN else to_data(item, json=json, exclude_none=exclude_none) for item in obj]
    if isinstance(obj, dict):
        return {k: to_data(v, json=json, exclude_none=exclude_none) for k, v in obj.items()
                if not (exclude_none and v is None)}
    if json and isinstance(obj, enum.Enum):
        return obj.value
    return obj
