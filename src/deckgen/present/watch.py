"""Rebuild whenever the outline, its theme file or the template changes (watchfiles), until Ctrl-C."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

import click

from deckgen.outline.typed import record

if TYPE_CHECKING:
    import threading

# Rebuild once the files have been quiet this long (ms), grouping an editor's burst of writes.
QUIET_MS = 200
# Group changes for at most this long (ms) before rebuilding anyway.
MAX_WAIT_MS = 1600


def watched_files(outline: Path, theme: Optional[str] = None, template: Optional[Path] = None) -> set[Path]:
    """The files whose change should rebuild the deck: the outline, a theme *file* (from `--theme` or
    the outline's `deck.theme`, not a built-in name) and the template. A theme the outline names is
    looked up beside the outline; while the outline cannot be read, only the files known so far count."""
    from deckgen.theme.model import builtin_themes, resolve_theme_path

    files = {outline.resolve()}
    if template is not None:
        files.add(template.resolve())
    spec, base = theme, Path.cwd()
    if spec is None:
        spec, base = _outline_theme(outline), outline.parent
    if spec and spec not in builtin_themes():
        try:
            files.add(resolve_theme_path(spec, base).resolve())
        except click.ClickException:
            pass
    return files


def _outline_theme(outline: Path) -> Optional[str]:
    from deckgen.outline.load import load_yaml

    try:
        data = load_yaml(outline, str(outline)).data
    except (click.ClickException, OSError):
        return None
    deck = data.get("deck") if isinstance(data, dict) else None
    value = deck.get("theme") if isinstance(deck, dict) else None
    return value if isinstance(value, str) else None


@record
class Watch:
    """A watch session: what to watch, what to run, where to report; counts its builds."""

    files: Callable[[], Iterable[Path]]
    rebuild: Callable[[], None]
    report: Callable[[click.ClickException], None]
    say: Callable[[str], None]
    stop: Optional["threading.Event"] = None
    force_polling: Optional[bool] = None
    builds: int = 0
    failures: int = 0
    _watched: set[Path] = field(default_factory=set)

    def attempt(self) -> bool:
        """Run one build; a `ClickException` (bad outline, missing tool) is reported, not raised."""
        try:
            self.rebuild()
        except click.ClickException as exc:
            self.failures += 1
            self.report(exc)
            self.say("Waiting for the next change.")
            return False
        self.builds += 1
        return True

    def run(self) -> None:
        """Build now, then after every change, until Ctrl-C or `stop` is set. Returns normally on both."""
        import watchfiles

        try:
            self.attempt()
            while not (self.stop is not None and self.stop.is_set()):
                self._watched = set(self.files())
                folders = sorted({p.parent for p in self._watched if p.parent.is_dir()})
                names = ", ".join(sorted(p.name for p in self._watched))
                self.say(f"Watching {names} for changes; press Ctrl-C to stop.")
                if not self._wait(watchfiles, folders):
                    return
        except KeyboardInterrupt:
            return

    def _wait(self, watchfiles, folders: list[Path]) -> bool:  # type: ignore[no-untyped-def]
        """Rebuild on each change until the set of watched files changes (True) or watching ends (False)."""
        watched = self._watched
        for changes in watchfiles.watch(*folders, watch_filter=lambda _c, path: Path(path).resolve() in watched,
                                        debounce=MAX_WAIT_MS, step=QUIET_MS, stop_event=self.stop,
                                        rust_timeout=500, raise_interrupt=True, recursive=False,
                                        force_polling=self.force_polling):
            changed = ", ".join(sorted({Path(p).name for _, p in changes}))
            self.say(f"Changed: {changed}; rebuilding.")
            self.attempt()
            if set(self.files()) != watched:
                return True
        return False
