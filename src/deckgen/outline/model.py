"""The outline model (v1): what a lecture deck is made of, as frozen data classes with their rules."""
from __future__ import annotations

import math
import re
from dataclasses import field
from enum import Enum
from typing import Annotated, Any, Literal, Optional

from deckgen.outline.rules import After, Before, Length, Visible
from deckgen.outline.typed import Frozen, model
from deckgen.text.script import is_cjk_language

# Far beyond what a slide can show at the smallest size (about 200 characters of title, 600 of bullet),
# so only a mistake meets them; they keep text fitting fast. Notes have no limit but the file's.
MAX_TITLE = 500
MAX_LABEL = 100
MAX_BULLET = 2000

# Text fields limited to so many characters as they show (`Visible`); the JSON Schema says `maxLength`
# (code points, so an editor may flag an emoji-heavy line a little early).
Title = Annotated[str, Length(least=1), Visible(MAX_TITLE)]
Text = Annotated[str, Visible(MAX_TITLE)]
Bullet = Annotated[str, Visible(MAX_BULLET)]
Label = Annotated[str, Length(least=1), Visible(MAX_LABEL)]
Cell = Annotated[str, Visible(MAX_BULLET)]


class Role(str, Enum):
    """What a slide is for (its kind); the renderer maps each role to a layout of the master."""

    TITLE = "title"
    AGENDA = "agenda"
    SECTION = "section"
    CONTENT = "content"
    STATEMENT = "statement"
    CLOSING = "closing"
    CARDS = "cards"
    QUOTE = "quote"
    NUMBERS = "numbers"
    CHART = "chart"
    TABLE = "table"
    PICTURE = "picture"
    COMPARE = "compare"
    CODE = "code"


# `kind:` takes a role's name, or one of these words for it.
KIND_ALIASES = {"bullets": Role.CONTENT, "image": Role.PICTURE}


def _number(value: object) -> object:
    """A chart value: a number, or text that reads as one (`74.4`, `-3`, `1,234.5`); anything else (`5%`, `1,2`,
    `nan`) is refused."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):  # thousands separators
            text = text.replace(",", "")
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
            hint = ("; write decimals with a point (1.5)" if re.fullmatch(r"[+-]?\d+,\d+", text)
                    else "; write the unit once in the chart's `unit:`" if re.match(r"[+-]?\.?\d", text) else "")
            raise ValueError(f"expected a number, got {value!r}{hint}")
        number = float(text)
    else:
        return value  # the type check names the wrong type
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


Number = Annotated[float, Before(_number)]


class _Strict(Frozen):
    """Outline classes take values only of their exact type (YAML's `2024` is not a title)."""

    STRICT = True


MAX_LEVEL = 8  # PowerPoint's nine bullet levels: 0…8


def flatten_bullets(items: Any) -> Optional[tuple[list[Any], tuple[int, ...]]]:
    """Bullets with sub-bullets (a list right after a bullet holds its sub-bullets, one level down) → the
    bullets in order and each one's level; None when `items` is not of that shape (validation refuses it)."""
    texts: list[Any] = []
    levels: list[int] = []

    def walk(seq: list[Any], depth: int) -> bool:
        for item in seq:
            if isinstance(item, list):
                if not item or not levels or levels[-1] != depth or depth >= MAX_LEVEL or not walk(item, depth + 1):
                    return False
            else:
                texts.append(item)
                levels.append(depth)
        return True

    return (texts, tuple(levels)) if isinstance(items, list) and walk(items, 0) else None


@model
class Series(_Strict):
    """One data series of a chart: its name and one value per category."""

    name: Label
    values: Annotated[list[Number], Length(least=1)]


@model
class Chart(_Strict):
    """A native chart: its type, the categories, one or more series, and the unit of the values."""

    type: Literal["column", "bar", "line", "pie"]
    categories: Annotated[list[Label], Length(least=1)]
    series: Annotated[list[Series], Length(least=1)]
    unit: Optional[Label] = None


@model
class Table(_Strict):
    """A native table: the header row and the body rows, each as wide as the header."""

    header: Annotated[list[Cell], Length(least=1)]
    rows: Annotated[list[list[Cell]], Length(least=1)]


@model
class Quote(_Strict):
    """A quotation set large, with its source below."""

    text: Annotated[str, Length(1, MAX_BULLET)]
    source: Optional[Annotated[str, Length(most=MAX_TITLE)]] = None


@model
class BigNumber(_Strict):
    """A key figure, exactly as in the text (`74.4万亿元`, `5.2%`), and what it counts."""

    value: Label
    label: Annotated[str, Length(1, MAX_BULLET)]


@model
class Column(_Strict):
    """One side of a comparison: its heading and its bullets."""

    title: Annotated[str, Length(1, MAX_TITLE)]
    bullets: list[Bullet] = field(default_factory=list)


@model
class Compare(_Strict):
    """Two columns side by side."""

    left: Column
    right: Column


def _role(value: object) -> object:
    """`kind:`/`layout:` text as its role (`bullets` → content); anything else is left for the type to refuse."""
    if isinstance(value, str) and value in KIND_ALIASES:
        return KIND_ALIASES[value]
    return Role(value) if isinstance(value, str) and value in Role._value2member_map_ else value


# The keys that give a slide its content of another kind than bullets, and the kind each one makes.
PAYLOADS = {"chart": Role.CHART, "table": Role.TABLE, "image": Role.PICTURE, "quote": Role.QUOTE,
            "numbers": Role.NUMBERS, "compare": Role.COMPARE, "code": Role.CODE}
MAX_CODE = 200_000  # characters of one code block: thousands of lines, far beyond what slides show


@model
class SlideNode(_Strict):
    """Anything that becomes a slide: a title, an optional label, key phrases and the spoken text, and at
    most one content of another kind (`PAYLOADS`: a chart, a table, an image, a quote, numbers, a
    comparison); `kind` chooses the slide kind (or refuses the one deckgen would choose), `alt` describes
    the picture, chart or table for screen readers.

    `bullets` may nest: a list right after a bullet holds its sub-bullets. The model keeps the bullets in
    order, each one's level in `bullet_levels`."""

    title: Title
    label: Optional[Annotated[str, Visible(MAX_LABEL)]] = None
    bullets: list[Bullet] = field(default_factory=list)
    notes: str = ""
    layout: Annotated[Optional[Role], Before(_role)] = None
    kind: Annotated[Optional[Role], Before(_role)] = None
    chart: Optional[Chart] = None
    table: Optional[Table] = None
    image: Optional[Annotated[str, Length(1, 4096)]] = None
    alt: Optional[Annotated[str, Length(1, MAX_BULLET)]] = None
    quote: Optional[Quote] = None
    numbers: Optional[Annotated[list[BigNumber], Length(2, 4)]] = None
    compare: Optional[Compare] = None
    code: Optional[Annotated[str, Length(1, MAX_CODE)]] = None

    @classmethod
    def _shape(cls, data: Any) -> tuple[Any, dict[str, Any]]:
        """Nested bullets flattened, their levels kept aside (`bullet_levels`)."""
        bullets = data.get("bullets") if isinstance(data, dict) else None
        if type(bullets) is not list or not any(type(item) is list for item in bullets):
            return data, {}  # no sub-bullets (or not a list: the type check refuses it)
        flat = flatten_bullets(bullets)
        if flat is None or not any(flat[1]):
            return data, {}
        return {**data, "bullets": flat[0]}, {"_levels": flat[1]}

    @property
    def bullet_levels(self) -> tuple[int, ...]:
        """The level of each bullet (0 first level, 1 a sub-bullet…)."""
        levels = self.__dict__.get("_levels", ())
        return levels if len(levels) == len(self.bullets) else (0,) * len(self.bullets)

    @property
    def payload(self) -> Optional[str]:
        """The key of this entry's content of another kind (`chart`, `table`, …), if it has one."""
        return next((key for key in PAYLOADS if getattr(self, key) is not None), None)

    @property
    def chosen(self) -> Optional[Role]:
        """The kind the outline asks for: `kind`, else `layout`, else the kind of its payload."""
        payload = self.payload
        return self.kind or self.layout or (PAYLOADS[payload] if payload else None)


@model
class Point(SlideNode):
    """A numbered point inside a subsection (一要…, 二要…)."""


@model
class Subsection(SlideNode):
    """A subsection (（一）…) with its points."""

    points: list[Point] = field(default_factory=list)


@model
class Section(SlideNode):
    """A section (一、…): a divider slide, then its subsections."""

    subsections: list[Subsection] = field(default_factory=list)


def _roles(value: Optional[dict[str, str]]) -> Optional[dict[str, str]]:
    """`template_roles:` keys are slide roles."""
    if value is None:
        return value
    import difflib

    for key in value:
        if key not in Role._value2member_map_:
            close = difflib.get_close_matches(key, list(Role._value2member_map_), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{key!r} is not a slide role; use {', '.join(r.value for r in Role)}{hint}")
    return value


def _language(value: str) -> str:
    """A language tag such as zh-CN or en-US."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"{value!r} is not a language tag; write one such as zh-CN or en-US")
    return value


@model
class Deck(_Strict):
    """Deck-wide settings and the title slide."""

    title: Title
    subtitle: Optional[Text] = None
    presenter: Optional[Text] = None
    date: Optional[Text] = None
    language: Annotated[str, After(_language)] = "zh-CN"
    markup: Literal["none", "markdown"] = "none"
    theme: Optional[Annotated[str, Length(most=4096)]] = None
    template_roles: Annotated[Optional[dict[str, str]], After(_roles)] = None
    notes: str = ""

    @property
    def is_cjk(self) -> bool:
        return is_cjk_language(self.language)

    @property
    def marked(self) -> bool:
        """Whether bullets, notes and table cells hold inline formatting (`deckgen.text.inline`)."""
        return self.markup == "markdown"


@model
class Outline(_Strict):
    """A whole lecture: deck settings, opening slides, sections, closing slides."""

    deck: Deck
    opening: list[SlideNode] = field(default_factory=list)
    sections: Annotated[list[Section], Length(least=1)]
    closing: list[SlideNode] = field(default_factory=list)
