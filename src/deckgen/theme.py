"""Themes as data: find a built-in or user theme file and validate it into a `Theme`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from deckgen.diagnostics import Diagnostic
from deckgen.errors import ContentError
from deckgen.load import load_yaml

DEFAULT_THEME = "party"
SCHEME_KEYS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
               "accent5", "accent6", "hlink", "folHlink")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FontPair(_Frozen):
    """A theme font: Latin typeface and East Asian typeface."""

    latin: str
    ea: str = ""
    cs: str = ""


class Fonts(_Frozen):
    major: FontPair
    minor: FontPair


class SizeRange(_Frozen):
    """Type sizes in points: fitting tries `max` first and never goes below `min`."""

    max: float = Field(gt=0, le=200)
    min: float = Field(gt=0, le=200)


class Sizes(_Frozen):
    cover_title: SizeRange
    cover_subtitle: SizeRange
    byline: SizeRange
    title: SizeRange
    body: SizeRange
    section_label: SizeRange
    section_title: SizeRange
    closing_title: SizeRange
    statement: SizeRange
    notes: float = Field(default=14, gt=6, le=40)
    footer: float = Field(default=11, gt=6, le=30)


class RoleColors(_Frozen):
    """Scheme colour names (dk1, accent1, …) used by one slide role."""

    background: str
    title: str
    text: str
    ornament: str
    bullet: Optional[str] = None
    muted: Optional[str] = None

    @field_validator("*")
    @classmethod
    def _scheme(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and value not in SCHEME_KEYS:
            raise ValueError(f"{value!r} is not a scheme colour; use one of {', '.join(SCHEME_KEYS)}")
        return value


class Roles(_Frozen):
    title: RoleColors
    section: RoleColors
    closing: RoleColors
    content: RoleColors


class Theme(_Frozen):
    """A deck design: colour scheme, fonts, type sizes and colours per slide role."""

    name: str
    description: str = ""
    colors: dict[str, str]
    fonts: Fonts
    sizes: Sizes
    roles: Roles

    @field_validator("colors")
    @classmethod
    def _colors(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [k for k in SCHEME_KEYS if k not in value]
        if missing:
            raise ValueError(f"missing scheme colours: {', '.join(missing)}")
        extra = [k for k in value if k not in SCHEME_KEYS]
        if extra:
            raise ValueError(f"unknown scheme colours: {', '.join(extra)}")
        out = {}
        for key, hexval in value.items():
            h = str(hexval).lstrip("#").upper()
            if len(h) != 6 or any(c not in "0123456789ABCDEF" for c in h):
                raise ValueError(f"{key}: {hexval!r} is not a hex colour like 'A8191B'")
            out[key] = h
        return out

    def rgb(self, scheme_name: str) -> str:
        """The hex RGB of a scheme colour name."""
        return self.colors[scheme_name]


def themes_dir() -> Path:
    """The folder of built-in themes: inside the installed package, else the source tree's `themes/`."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "themes"


def builtin_themes() -> dict[str, Path]:
    """Built-in theme names mapped to their files."""
    folder = themes_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def resolve_theme_path(spec: str | None, base: Path | None = None) -> Path:
    """The file for a theme name or path; a path is taken relative to `base` (the outline's folder)."""
    spec = spec or DEFAULT_THEME
    builtin = builtin_themes()
    if spec in builtin:
        return builtin[spec]
    path = Path(spec).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return path
    names = ", ".join(builtin) or "(none found)"
    raise ContentError([Diagnostic(f"unknown theme {spec!r}; built-in themes: {names}, or give a path to a .yaml theme file")])


def load_theme(spec: str | None = None, base: Path | None = None) -> Theme:
    """Load and validate a theme by built-in name or file path; errors are `ContentError`s."""
    path = resolve_theme_path(spec, base)
    loaded = load_yaml(path, str(path), all_text=False)
    problems = list(loaded.problems)
    theme = None
    if not isinstance(loaded.data, dict):
        problems.append(loaded.problem((), "a theme must be a mapping"))
    else:
        try:
            theme = Theme.model_validate(loaded.data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                problems.append(loaded.problem(loc, err["msg"].removeprefix("Value error, "), key=err["type"] == "extra_forbidden"))
    if problems or theme is None:
        raise ContentError(problems)
    return theme
