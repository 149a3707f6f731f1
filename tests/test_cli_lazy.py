"""The modules python-pptx imports but a build seldom uses load on first use, and work as before when used."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.pictures import landscape


def _python(code: str, cwd: Path | None = None) -> str:
    """Run `code` in a fresh interpreter (a test process has long imported what is deferred) and return stdout."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_pptx_imports_without_running_urllib_request_or_pillow() -> None:
    out = _python("""
        import sys
        from deckgen.cli.lazy import defer, is_loaded
        assert defer() == ["urllib.request", "PIL.Image"]
        import pptx, pptx.parts.image, xml.sax.saxutils
        print(is_loaded("urllib.request"), is_loaded("PIL.Image"), "ssl" in sys.modules, "http.client" in sys.modules)
    """)
    assert out.split() == ["False", "False", "False", "False"]


def test_a_deferred_module_works_as_the_module_itself_once_used() -> None:
    """Whoever took the stand-in (python-pptx's `PIL_Image`, saxutils' `urllib`) reads the real module's own,
    current objects; `import X` afterwards gives the real module."""
    out = _python("""
        import sys
        from deckgen.cli.lazy import defer, is_loaded
        defer()
        from pptx.parts.image import PIL_Image
        picture = PIL_Image.new("RGB", (3, 2))
        import PIL.Image
        assert is_loaded("PIL.Image") and sys.modules["PIL.Image"] is PIL.Image
        assert isinstance(picture, PIL.Image.Image) and PIL_Image.Image is PIL.Image.Image
        PIL.Image.MARK = 1                      # a value set on the module later is seen through the stand-in
        assert PIL_Image.MARK == 1
        from xml.sax import saxutils
        assert saxutils.urllib.request.pathname2url("/a b") == "/a%20b"
        import urllib.request
        assert sys.modules["urllib.request"] is urllib.request and is_loaded("urllib.request")
        print(picture.size)
    """)
    assert out.strip() == "(3, 2)"


def test_threads_reaching_for_a_deferred_module_at_once_get_the_one_module() -> None:
    out = _python("""
        import threading
        from deckgen.cli.lazy import defer
        defer()
        import PIL, PIL.Image as standin
        got = []
        threads = [threading.Thread(target=lambda: got.append(standin.new)) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(got), len(set(got)), got[0] is PIL.Image.new)
    """)
    assert out.split() == ["8", "1", "True"]


def test_the_program_builds_a_deck_with_a_picture(tmp_path: Path) -> None:
    """The build defers Pillow, then needs it for the picture: the deck holds the picture, sized as it is."""
    landscape(tmp_path / "photo.png")
    (tmp_path / "outline.yaml").write_text(textwrap.dedent("""\
        deck: {title: 图片, language: zh-CN}
        sections:
          - title: 看图
            image: photo.png
            alt: 一张横图
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", "outline.yaml"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    from pptx import Presentation

    pictures = [sh for slide in Presentation(str(tmp_path / "outline.pptx")).slides for sh in slide.shapes
                if sh._element.tag.endswith("}pic")]
    assert len(pictures) == 1
    assert abs(pictures[0].width / pictures[0].height - 960 / 540) < 0.02
