"""The outline model (v1): what a lecture deck is made of, validated by pydantic."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from deckgen.text.script import is_cjk_language, visible_length

# Far beyond what a slide can show at the smallest size (about 200 characters of title, 600 of bullet),
# so only a mistake meets them; they keep text fitting fast. Notes have no limit but the file's.
MAX_TITLE = 500
MAX_LABEL = 100
MAX_BULLET = 2000


def _at_most(limit: int) -> AfterValidator:
    """A length limit counted in characters as they show (`visible_length`): a letter with combining
    marks or an emoji sequence is one."""
    def check(value: str) -> str:
        if len(value) > limit and visible_length(value) > limit:
            raise PydanticCustomError("string_too_long", "longer than {max_length} characters", {"max_length": limit})
        return value
    return AfterValidator(check)


Title = Annotated[str, Field(min_length=1), _at_most(MAX_TITLE)]
Text = Annotated[str, _at_most(MAX_TITLE)]
Bullet = Annotated[str, _at_most(MAX_BULLET)]


class Role(str, Enum):
    """What a slide is for; the renderer maps each role to a layout of the master."""

    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    CONTENT = "content"
    STATEMENT = "statement"
    CLOSING = "closing"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SlideNode(_Strict):
    """Anything that becomes a slide: a title, an optional label, key phrases and the spoken text."""

    title: Title
    label: Optional[Annotated[str, _at_most(MAX_LABEL)]] = None
    bullets: list[Bullet] = Field(default_factory=list)
    notes: str = ""
    layout: Optional[Role] = None

    @field_validator("layout", mode="before")
    @classmethod
    def _role(cls, value: object) -> object:
        return Role(value) if isinstance(value, str) and value in Role._value2member_map_ else value


class Point(SlideNode):
    """A numbered point inside a subsection (一要…, 二要…)."""


class Subsection(SlideNode):
    """A subsection (（一）…) with its points."""

    points: list[Point] = Field(default_factory=list)


class Section(SlideNode):
    """A section (一、…): a divider slide, then its subsections."""

    subsections: list[Subsection] = Field(default_factory=list)


class Deck(_Strict):
    """Deck-wide settings and the title slide."""

    title: Title
    subtitle: Optional[Text] = None
    presenter: Optional[Text] = None
    date: Optional[Text] = None
    language: str = "zh-CN"
    theme: Optional[str] = Field(default=None, max_length=4096)
    notes: str = ""

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            raise ValueError(f"{value!r} is not a language tag; write one such as zh-CN or en-US")
        return value

    @property
    def is_cjk(self) -> bool:
        return is_cjk_language(self.language)


class Outline(_Strict):
    """A whole lecture: deck settings, opening slides, sections, closing slides."""

    deck: Deck
    opening: list[SlideNode] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)
    closing: list[SlideNode] = Field(default_factory=list)
