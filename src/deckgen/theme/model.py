"""Themes as data: find a built-in or user theme file, resolve `extends:`, validate it into a `Theme`."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from deckgen.diagnostics import Diagnostic, PathPart
from deckgen.errors import ContentError
from deckgen.outline import typed
from deckgen.outline.load import Loaded, load_yaml
from deckgen.outline.rules import After, Before, Bound, Length
from deckgen.outline.typed import Frozen, model
from deckgen.outline.validate import EXTRA_KEY, range_message
from deckgen.package.files import file_problem

DEFAULT_THEME = "party"
SCHEME_KEYS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
               "accent5", "accent6", "hlink", "folHlink")
MAX_EXTENDS = 8
AA_TEXT = 4.5   # WCAG 2 AA: normal text
AA_LARGE = 3.0  # WCAG 2 AA: large text (titles, section labels)


def _hex(value: Any) -> str:
    """`'#a8191b'` → `'A8191B'`; anything but six hex digits is an error (YAML reads 001234 as a number)."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a hex colour; write it in quotes, like \"A8191B\"")
    h = value.lstrip("#").upper()
    if len(h) != 6 or any(c not in "0123456789ABCDEF" for c in h):
        raise ValueError(f"{value!r} is not a hex colour like \"A8191B\"")
    return h


HexColor = Annotated[str, Before(_hex)]


def _typeface(name: str) -> str:
    """A typeface name as a theme can hold it: printable, at most 64 characters."""
    bad = next((ch for ch in name if not ch.isprintable()), None)
    if bad is not None:
        raise ValueError(f"{name!r} holds the control character U+{ord(bad):04X}; give a font name such as 微软雅黑")
    if len(name) > 64:
        raise ValueError(f"a font name of {len(name)} characters; give one of at most 64, such as 微软雅黑")
    return name


Typeface = Annotated[str, After(_typeface)]


@model
class FontPair(Frozen):
    """A theme font: Latin typeface and East Asian typeface."""

    latin: Typeface
    ea: Typeface = ""
    cs: Typeface = ""


@model
class Fonts(Frozen):
    major: FontPair
    minor: FontPair


@model
class SizeRange(Frozen):
    """Type sizes in points: fitting tries `max` first and never goes below `min`.

    Text set below `preferred` (default: `max`) is reported as a warning.
    """

    max: Annotated[float, Bound(gt=0, le=200)]
    min: Annotated[float, Bound(gt=0, le=200)]
    preferred: Optional[Annotated[float, Bound(gt=0, le=200)]] = None

    @property
    def pref(self) -> float:
        return self.preferred if self.preferred is not None else self.max


@model
class Sizes(Frozen):
    cover_title: SizeRange
    cover_subtitle: SizeRange
    byline: SizeRange
    title: SizeRange
    body: SizeRange
    section_label: SizeRange
    section_title: SizeRange
    closing_title: SizeRange
    statement: SizeRange
    notes: Annotated[float, Bound(gt=6, le=40)] = 14
    footer: Annotated[float, Bound(gt=6, le=30)] = 11
    # the slide kinds beyond bullets (DESIGN.md); a theme may leave them out
    card_key: SizeRange = SizeRange(max=30.0, min=20.0, preferred=26.0)
    quote: SizeRange = SizeRange(max=40.0, min=24.0, preferred=32.0)
    number: SizeRange = SizeRange(max=72.0, min=40.0, preferred=54.0)
    table: SizeRange = SizeRange(max=22.0, min=16.0, preferred=18.0)
    chart: SizeRange = SizeRange(max=18.0, min=14.0)
    code: SizeRange = SizeRange(max=20.0, min=10.0, preferred=14.0)

    def scaled(self, k: float) -> "Sizes":
        """These sizes for a slide `k` times as tall as the 7.5-inch 16:9 slide they are given for (notes stay)."""
        if k == 1:
            return self
        ranges = {name: SizeRange(max=round(r.max * k, 1), min=round(r.min * k, 1),
                                  preferred=None if r.preferred is None else round(r.preferred * k, 1))
                  for name, r in vars(self).items() if isinstance(r, SizeRange)}
        return self.replace(**ranges, footer=round(max(6.5, self.footer * k), 1))


def _scheme(value: Optional[str]) -> Optional[str]:
    """A scheme colour's name (dk1, accent1, …)."""
    if value is not None and value not in SCHEME_KEYS:
        raise ValueError(f"{value!r} is not a scheme colour; use one of {', '.join(SCHEME_KEYS)}")
    return value


SchemeName = Annotated[str, After(_scheme)]
OptionalSchemeName = Annotated[Optional[str], After(_scheme)]


@model
class RoleColors(Frozen):
    """Scheme colour names (dk1, accent1, …) used by one slide role.

    `panel` is the fill behind the section label when `decor.divider` is `panel` (default: `ornament`);
    `card` fills cards and every other table row (default: lt1 on an lt2 background, lt2 on lt1, dk2 on dk1).
    """

    background: SchemeName
    title: SchemeName
    text: SchemeName
    ornament: SchemeName
    bullet: OptionalSchemeName = None
    muted: OptionalSchemeName = None
    panel: OptionalSchemeName = None
    card: OptionalSchemeName = None

    @property
    def card_fill(self) -> str:
        return self.card or {"lt1": "lt2", "lt2": "lt1", "dk1": "dk2", "dk2": "dk1"}.get(self.background, self.background)

    @property
    def accent(self) -> str:
        """The colour that marks: bullets, card keys, big numbers, the series a chart is about."""
        return self.bullet or self.title


@model
class Roles(Frozen):
    title: RoleColors
    section: RoleColors
    closing: RoleColors
    content: RoleColors


def _bullet(value: str) -> str:
    if not value.isprintable() or value.isspace():
        raise ValueError(f"bullet must be one visible character, got {value!r}")
    return value


@model
class Decor(Frozen):
    """Decorations drawn by the master and layouts (never per slide); the defaults are the party look.

    - `edge`: on the cover, dividers and closing slide: `band` along the bottom edge, `bar` along the
      left edge, `frame` (a hairline frame inset from the edges), or `none`.
    - `divider`: `rule` (a vertical rule between label and title), `panel` (the label on a coloured
      panel filling the left part), or `plain`.
    - `title_rule` under content titles: `split` (full hairline plus a short heavy accent), `line`
      (one full rule), `accent` (the short accent only) or `none`.
    - `header`: `strip` draws a thin strip along the top edge of content slides.
    - `footer_rule`: a hairline above the footer; `bullet`: the first-level bullet character.
    - `band`: thickness in points of the edge band or bar.
    """

    edge: Literal["band", "bar", "frame", "none"] = "band"
    divider: Literal["rule", "panel", "plain"] = "rule"
    title_rule: Literal["split", "line", "accent", "none"] = "split"
    header: Literal["strip", "none"] = "none"
    footer_rule: bool = True
    bullet: Annotated[str, Length(1, 1), After(_bullet)] = "■"
    band: Annotated[float, Bound(gt=0, le=60)] = 10


def _colors(value: dict[str, str]) -> dict[str, str]:
    """All twelve scheme colours, no other, in scheme order."""
    missing = [k for k in SCHEME_KEYS if k not in value]
    if missing:
        raise ValueError(f"missing scheme colours: {', '.join(missing)}")
    extra = [k for k in value if k not in SCHEME_KEYS]
    if extra:
        raise ValueError(f"unknown scheme colours: {', '.join(extra)}")
    return {k: value[k] for k in SCHEME_KEYS}


@model
class Theme(Frozen):
    """A deck design: colour scheme, fonts, type sizes, colours per slide role and decorations.

    `dark` maps the master's background to `dk1` and text to `lt1` (PowerPoint's dark variant), so
    text a user adds in PowerPoint is light on the dark background; notes stay dark on white.
    """

    name: str
    description: str = ""
    dark: bool = False
    colors: Annotated[dict[str, HexColor], After(_colors)]
    fonts: Fonts
    sizes: Sizes
    roles: Roles
    decor: Decor = Decor()
    # bullets on one slide at most; unset: up to nine short ones share a slide when they fit at the preferred
    # size (a slide half empty is not split), else six
    max_bullets: Optional[Annotated[int, Bound(ge=1, le=20)]] = None

    def rgb(self, scheme_name: str) -> str:
        """The hex RGB of a scheme colour name."""
        return self.colors[scheme_name]


# ---------------------------------------------------------------------------------------- files

def themes_dir() -> Path:
    """The folder of built-in themes (package data of `deckgen.theme`)."""
    from importlib import resources

    return Path(str(resources.files("deckgen.theme") / "builtin"))


def builtin_themes() -> dict[str, Path]:
    """Built-in theme names mapped to their files: the default first, then by name."""
    folder = themes_dir()
    files = sorted(folder.glob("*.yaml"), key=lambda p: (p.stem != DEFAULT_THEME, p.stem)) if folder.is_dir() else []
    return {p.stem: p for p in files}


def _unknown(spec: str) -> str:
    import difflib

    names = ", ".join(builtin_themes()) or "(none found)"
    close = difflib.get_close_matches(spec, list(builtin_themes()), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown theme {spec!r}; {hint}built-in themes: {names}, or give a path to a .yaml theme file"


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
    raise ContentError([Diagnostic(_unknown(spec))])


Origins = dict[tuple[PathPart, ...], Loaded]


def _merge(base: Any, over: Any) -> Any:
    """Deep merge: mappings merge key by key, anything else in `over` replaces `base`."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return over


def _read(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], Origins, Loaded]:
    """Load one theme file and, recursively, what it extends; returns merged data and value origins.

    `chain` holds the resolved paths read so far (for cycle detection); a parent is named in messages
    by its path joined to the extending file's folder, as the user wrote it.
    """
    try:
        display = str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        display = str(path)
    loaded = load_yaml(path, display, all_text=False)
    if loaded.problems:
        raise ContentError(loaded.problems)
    if not isinstance(loaded.data, dict):
        raise ContentError([loaded.problem((), "a theme must be a mapping")])
    data = dict(loaded.data)
    own: Origins = {p: loaded for p in loaded.values}
    spec = data.pop("extends", None)
    if spec is None:
        return data, own, loaded
    where = ("extends",)
    if not isinstance(spec, str) or not spec.strip():
        raise ContentError([loaded.problem(where, f"extends must be a theme name or a path to a .yaml file, got {spec!r}")])
    builtin = builtin_themes()
    parent = builtin.get(spec)
    if parent is None:
        parent = Path(spec).expanduser()
        if not parent.is_absolute():
            parent = path.parent / parent
        why = file_problem(parent)
        if why:
            raise ContentError([loaded.problem(where, _unknown(spec) if parent.suffix.lower() not in (".yaml", ".yml")
                                               else f"theme file {spec!r} {why.split('; ')[0]} (looked at {str(parent)!r}); "
                                               "point extends at a theme file")])
    real = parent.resolve()
    if real in chain:
        names = " → ".join(p.name for p in (*chain, real)[list(chain).index(real):])
        raise ContentError([loaded.problem(where, f"themes extend each other in a cycle: {names}; remove one of the extends")])
    if len(chain) >= MAX_EXTENDS:
        raise ContentError([loaded.problem(where, f"more than {MAX_EXTENDS} themes deep in extends")])
    base, origins, _ = _read(parent, (*chain, real))
    base.pop("description", None)  # a theme's name and description are its own, never inherited
    base["name"] = path.stem
    merged = _merge(base, data)
    origins.update(own)
    return merged, origins, loaded


def _locate(origins: Origins, top: Loaded, loc: tuple[PathPart, ...], *, key: bool) -> Diagnostic:
    """A diagnostic for `loc`, placed in whichever file (the theme or one it extends) set that value."""
    probe = tuple(loc)
    while probe and probe not in origins:
        probe = probe[:-1]
    return origins.get(probe, top).problem(loc, "", key=key)


def _allowed_keys(loc: tuple[PathPart, ...]) -> list[str]:
    """The keys the theme model allows at the mapping `loc` (empty when it is not a model)."""
    model: Any = Theme
    for part in loc:
        hint = typed.field_types(model).get(part) if isinstance(part, str) else None
        model = hint if isinstance(hint, type) and dataclasses.is_dataclass(hint) else None
        if model is None:
            return []
    return list(typed.field_types(model))


def load_theme(spec: str | None = None, base: Path | None = None) -> Theme:
    """Load and validate a theme by built-in name or file path; errors are `ContentError`s.

    A theme file may say `extends: NAME|PATH` (a path relative to that file) and give only the values
    it changes: mappings merge key by key, other values replace. Each error names the file, line and
    column where the offending value was written, and the path inside the theme. Cycles are errors.
    """
    path = resolve_theme_path(spec, base)
    what = file_problem(path)
    if what:
        what = "is a folder, not a theme file" if what.startswith("is a folder") else what.split("; ")[0]
        raise ContentError([Diagnostic(f"theme file {spec!r} {what} (looked at {str(path)!r}); fix the path, "
                                       "or name a built-in theme (`deckgen themes` lists them)")])
    data, origins, top = _read(path, (path.resolve(),))
    if "name" not in data:
        data["name"] = path.stem
    theme = typed.quick(Theme, data)
    if theme is not None:
        return theme
    from pydantic import ValidationError

    try:
        return typed.slow(Theme, data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            d = _locate(origins, top, loc, key=err["type"] in EXTRA_KEY)
            msg = range_message(err) or err["msg"].removeprefix("Value error, ")
            if err["type"] in EXTRA_KEY:
                allowed = _allowed_keys(loc[:-1])
                msg = f"unknown key {str(loc[-1])!r}" + (f"; allowed: {', '.join(allowed)}" if allowed else "")
            problems.append(Diagnostic(msg, d.file, d.line, d.col, d.path))
        raise ContentError(problems) from None
