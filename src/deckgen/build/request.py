"""The build as data: one frozen request, made by the command line (or a test) before anything is read."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from deckgen.outline.typed import record


@record(frozen=True)
class BuildRequest:
    """Everything one `deckgen build` needs.

    - `outline`: the outline file; `output`: the .pptx to write; `display`: the outline's name in messages
      (default: its path);
    - `theme`: a built-in theme name or a theme file (relative to the working folder), overriding the
      outline's `deck.theme` (which is relative to the outline's folder);
    - `template`: an organisation's .pptx/.potx, whose master, layouts, colours and fonts are used;
      `east_asian_font`: set in that template's theme fonts;
    - `time_cues`, `rate`: end each slide's notes with its reading time at `rate` (characters or words a
      minute, default per language);
    - `force`: overwrite a deck edited since deckgen wrote it without keeping a backup;
    - `roles`: with a template, the layout (name or number) to use for a slide role, as `(role, layout)`
      pairs; they override the outline's `deck.template_roles`.
    """

    outline: Path
    output: Path
    theme: Optional[str] = None
    template: Optional[Path] = None
    east_asian_font: Optional[str] = None
    force: bool = False
    time_cues: bool = False
    rate: Optional[float] = None
    display: Optional[str] = None
    roles: tuple[tuple[str, str], ...] = ()

    @property
    def shown(self) -> str:
        """The outline's name in messages."""
        return self.display or str(self.outline)
