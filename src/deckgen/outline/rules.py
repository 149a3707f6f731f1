"""The rules a model field's annotation carries (length, range, conversions), read by the quick check and by pydantic."""
from __future__ import annotations

from typing import Any, Callable, Optional


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
