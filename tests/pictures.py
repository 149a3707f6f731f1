"""Pictures for tests and the all-kinds example, drawn with Pillow (nothing fetched): `python -m tests.pictures`
writes the two of `tests/golden/kinds/`."""
from __future__ import annotations

from pathlib import Path

KINDS = Path(__file__).parent / "golden" / "kinds"


def landscape(path: Path, size: tuple[int, int] = (960, 540)) -> Path:
    """A wide picture: a dusk sky over a skyline with a river, in flat colours (about 20 KB as PNG)."""
    from PIL import Image, ImageDraw

    w, h = size
    im = Image.new("RGB", size)
    d = ImageDraw.Draw(im)
    for y in range(h):  # the sky, dark blue to amber
        t = y / h
        d.line([(0, y), (w, y)], fill=(int(30 + 200 * t), int(50 + 110 * t), int(110 - 40 * t)))
    d.ellipse([w * 0.68, h * 0.22, w * 0.8, h * 0.22 + w * 0.12], fill=(255, 214, 120))
    heights = [0.35, 0.5, 0.42, 0.62, 0.3, 0.55, 0.45, 0.7, 0.38, 0.5, 0.33, 0.58]
    bw = w / len(heights)
    for i, f in enumerate(heights):
        top = h * (0.78 - f * 0.55)
        d.rectangle([i * bw + 4, top, (i + 1) * bw - 4, h * 0.78], fill=(28, 32, 48))
        for wy in range(int(top) + 10, int(h * 0.76), 18):
            for wx in range(int(i * bw) + 12, int((i + 1) * bw) - 12, 16):
                if (wx * 7 + wy * 3 + i) % 5 < 2:
                    d.rectangle([wx, wy, wx + 6, wy + 8], fill=(250, 220, 140))
    d.rectangle([0, h * 0.78, w, h], fill=(40, 70, 110))
    for y in range(int(h * 0.8), h, 9):
        d.line([(w * 0.1 + (y % 40), y), (w * 0.9 - (y % 60), y)], fill=(90, 130, 170), width=2)
    im.save(path, optimize=True)
    return path


def portrait(path: Path, size: tuple[int, int] = (480, 640)) -> Path:
    """A tall picture: a wind turbine on a green hill under a pale sky."""
    from PIL import Image, ImageDraw

    w, h = size
    im = Image.new("RGB", size, (214, 232, 244))
    d = ImageDraw.Draw(im)
    d.ellipse([-w * 0.5, h * 0.7, w * 1.5, h * 1.5], fill=(96, 160, 92))
    d.ellipse([-w * 0.2, h * 0.78, w * 1.2, h * 1.6], fill=(70, 130, 70))
    hub = (w * 0.5, h * 0.3)
    d.polygon([(hub[0] - 8, hub[1]), (hub[0] + 8, hub[1]), (hub[0] + 14, h * 0.76), (hub[0] - 14, h * 0.76)], fill=(245, 245, 245))
    for tip in ((hub[0], hub[1] - h * 0.24), (hub[0] + w * 0.36, hub[1] + h * 0.12), (hub[0] - w * 0.36, hub[1] + h * 0.12)):
        d.line([hub, tip], fill=(250, 250, 250), width=12)
    d.ellipse([hub[0] - 14, hub[1] - 14, hub[0] + 14, hub[1] + 14], fill=(200, 200, 205))
    im.save(path, optimize=True)
    return path


def make_kinds_pictures(folder: Path = KINDS) -> None:
    landscape(folder / "city.png")
    portrait(folder / "turbine.png")


if __name__ == "__main__":
    make_kinds_pictures()
