"""The picture a template page shows behind its text (a background, or a picture covering most of the page):
its pixels under a text box, to keep text clear of a logo drawn into it and legible on it."""
from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional, Sequence

from deckgen.outline.typed import record
from deckgen.package import ns
from deckgen.render.phbox import xfrm_points
from deckgen.render.pptx_api import element

if TYPE_CHECKING:
    from lxml.etree import _Element
    from PIL.Image import Image

P = "{%s}" % ns.P
A = "{%s}" % ns.A
R_EMBED = "{%s}embed" % ns.R
Rect = tuple[float, float, float, float]  # x, y, w, h in points

FULL = 0.6  # a picture covering this share of the page is its backdrop (a background, not an obstacle)
INK = 100.0  # a pixel this far (RGB distance) from the box's commonest colour is drawn ink: a logo, a mark
BUSY = 0.08  # a column of the box with this share of ink pixels is covered
GROUND, FLAT = 50.0, 0.7  # marks are looked for only where this share of the box is this near its commonest colour
SPECK = 0.03  # runs of covered columns narrower than this share of the box are specks or thin rules: ignored
WORK_PX = 720  # pictures are read at most this wide


@record(frozen=True)
class Backdrop:
    """A picture behind a page's text: its image bytes, where it is drawn (points) and its crop (`a:srcRect`,
    shares of the image cut off left, top, right, bottom)."""

    blob: bytes
    at: Rect
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def shape_box(el: "_Element") -> Optional[Rect]:
    """A shape's or group's box as stored (`a:xfrm` of its `spPr` or `grpSpPr`), in points; None without one."""
    x = el.find(f"{P}spPr/{A}xfrm")
    return xfrm_points(x if x is not None else el.find(f"{P}grpSpPr/{A}xfrm"))


def _crop(blip_fill: "_Element") -> tuple[float, float, float, float]:
    src = blip_fill.find(f"{A}srcRect")
    if src is None:
        return (0.0, 0.0, 0.0, 0.0)
    try:
        return tuple(int(src.get(k, "0")) / 100000 for k in ("l", "t", "r", "b"))  # type: ignore[return-value]
    except ValueError:
        return (0.0, 0.0, 0.0, 0.0)


def _blob(part: Any, blip_fill: Optional["_Element"]) -> Optional[bytes]:
    blip = blip_fill.find(f"{A}blip") if blip_fill is not None else None
    rid = blip.get(R_EMBED) if blip is not None else None
    if not rid:
        return None
    try:
        return part.related_part(rid).blob
    except (KeyError, AttributeError):
        return None


def picture_of(pic: "_Element", part: Any) -> Optional[Backdrop]:
    """The picture a `p:pic` of `part` draws, where it draws it; None when it cannot be read."""
    fill, at = pic.find(f"{P}blipFill"), shape_box(pic)
    blob = _blob(part, fill)
    return Backdrop(blob, at, _crop(fill)) if blob is not None and fill is not None and at is not None else None


def backdrop(parts: Sequence[Any], slide: tuple[float, float]) -> Optional[Backdrop]:
    """The picture behind the text of a page whose parts are `parts` (the page first, then its layout and
    master): the topmost picture covering most of the page on the page or the layout and master shapes it
    shows, else the background picture that shows (the page's own, else its layout's, else its master's)."""
    w, h = slide
    shows_master = True
    for part in parts:
        if not shows_master:
            break
        tree = element(part).find(f"{P}cSld/{P}spTree")
        for pic in reversed(tree.findall(f"{P}pic") if tree is not None else []):
            at = shape_box(pic)
            if pic.find(f"{P}nvPicPr/{P}nvPr/{P}ph") is None and at is not None and at[2] * at[3] >= FULL * w * h:
                if (found := picture_of(pic, part)) is not None:
                    return found
        shows_master = element(part).get("showMasterSp", "1") not in ("0", "false")
    for part in parts:
        bg = element(part).find(f"{P}cSld/{P}bg")
        if bg is None:
            continue
        fill = bg.find(f"{P}bgPr/{A}blipFill")
        blob = _blob(part, fill)
        return Backdrop(blob, (0.0, 0.0, w, h), _crop(fill)) if blob is not None and fill is not None else None
    return None


@lru_cache(maxsize=8)
def _image(blob: bytes) -> Optional["Image"]:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            im = im.convert("RGBA")
            if im.width > WORK_PX:
                im = im.resize((WORK_PX, max(1, round(im.height * WORK_PX / im.width))))
            flat = Image.new("RGB", im.size, (255, 255, 255))  # transparent parts over a white page
            flat.paste(im, mask=im.getchannel("A"))
            return flat
    except Exception:  # a picture Pillow cannot read (EMF, SVG): nothing known about it
        return None


@lru_cache(maxsize=8)
def _alpha(blob: bytes) -> Optional["Image"]:
    """The picture's opacity (`L`, at the size `_image` reads it), or None when it has no transparent pixel
    (or cannot be read)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            if im.mode not in ("RGBA", "LA", "PA") and "transparency" not in im.info:
                return None
            alpha = im.convert("RGBA").getchannel("A")
    except Exception:
        return None
    if alpha.getextrema()[0] == 255:
        return None
    return alpha.resize((WORK_PX, max(1, round(alpha.height * WORK_PX / alpha.width)))) if alpha.width > WORK_PX else alpha


def opaque_share(bd: Backdrop, box: Rect) -> float:
    """The share of the picture's part under `box` that it draws (pixels at least half opaque): 1.0 for a
    picture without transparency, less for a transparent PNG's few strokes (a skyline at a page's foot)."""
    alpha = _alpha(bd.blob)
    if alpha is None:
        return 1.0
    region = under(bd, box, step=4.0, image=alpha)
    if region is None:
        return 0.0
    histogram = region.histogram()
    return sum(histogram[128:]) / max(1, sum(histogram))


def under(bd: Backdrop, box: Rect, step: float = 2.0, image: Optional["Image"] = None) -> Optional["Image"]:
    """The picture's pixels under `box` (points), one pixel per `step` points, as drawn: cropped and
    stretched to where it is placed (of `image`, when given: a channel of it at the size `_image` reads it).
    None when the box is off the picture or it cannot be read."""
    im = image if image is not None else _image(bd.blob)
    if im is None:
        return None
    px, py, pw, ph = bd.at
    x0, y0 = max(box[0], px), max(box[1], py)
    x1, y1 = min(box[0] + box[2], px + pw), min(box[1] + box[3], py + ph)
    if x1 - x0 < 1 or y1 - y0 < 1 or pw <= 0 or ph <= 0:
        return None
    l, t, r, b = bd.crop
    iw, ih = im.width * (1 - l - r), im.height * (1 - t - b)  # the part of the image that is shown, stretched
    left, top = im.width * l, im.height * t

    def ix(x: float) -> float:
        return min(max(left + (x - px) / pw * iw, 0), im.width)

    def iy(y: float) -> float:
        return min(max(top + (y - py) / ph * ih, 0), im.height)

    crop = (int(ix(x0)), int(iy(y0)), max(int(ix(x0)) + 1, round(ix(x1))), max(int(iy(y0)) + 1, round(iy(y1))))
    size = (max(1, round((x1 - x0) / step)), max(1, round((y1 - y0) / step)))
    return im.crop(crop).resize(size)


def mean_colour(bd: Backdrop, box: Rect) -> Optional[str]:
    """The picture's mean colour under `box` as hex (`0A1B2C`), or None."""
    region = under(bd, box, step=4.0)
    if region is None:
        return None
    from PIL import ImageStat

    r, g, b = ImageStat.Stat(region).mean[:3]
    return f"{round(r):02X}{round(g):02X}{round(b):02X}"


def ink(bd: Backdrop, box: Rect) -> list[Rect]:
    """What the picture draws inside `box` that stands out from the box's commonest colour (a logo, a word,
    a drawing) on a ground mostly of one colour: the boxes (points) of the runs of columns covered by it, each
    as tall as its ink. Thin rules and specks are not counted; on a photograph (no ground of one colour)
    nothing is."""
    step = 2.0
    region = under(bd, box, step)
    if region is None or region.width < 4:
        return []
    x0, y0 = max(box[0], bd.at[0]), max(box[1], bd.at[1])
    q = region.quantize(colors=16, method=2, dither=0)  # fast octree: the commonest colour is the box's ground
    palette = q.getpalette() or []
    counts = sorted(q.getcolors() or [], reverse=True)
    if not counts:
        return []
    ground = palette[3 * counts[0][1]: 3 * counts[0][1] + 3]
    w, h = region.size
    pixels = region.load()
    near = sum(1 for i in range(w) for j in range(h)
               if sum((pixels[i, j][k] - ground[k]) ** 2 for k in range(3)) < GROUND * GROUND)
    if near < FLAT * w * h:  # a photograph (a night sky, clouds) under the box: nothing stands out as a mark
        return []
    columns = []
    for i in range(w):
        rows = [j for j in range(h) if sum((pixels[i, j][k] - ground[k]) ** 2 for k in range(3)) > INK * INK]
        columns.append(rows if len(rows) >= BUSY * h else [])
    out: list[Rect] = []
    i = 0
    gap = max(2, round(0.04 * w))
    while i < w:
        if not columns[i]:
            i += 1
            continue
        start, end, rows = i, i, set(columns[i])
        while i < w and (columns[i] or any(columns[i:i + gap])):
            if columns[i]:
                end = i
                rows.update(columns[i])
            i += 1
        if end - start + 1 >= max(2, SPECK * w):
            out.append((x0 + start * step, y0 + min(rows) * step, (end - start + 1) * step, (max(rows) - min(rows) + 1) * step))
    return out


PLATE_STEP = 1.0  # points a pixel when looking for a plate's edges
EVEN = 24.0  # a row of a plate: nearly all its pixels this near (RGB distance) the row's mean colour
SET_OFF = 12.0  # a plate's colour differs from the page next to it by at least this
SAME = 6.0  # rows of one plate differ from each other by less than this


def plate_rows(bd: Backdrop, box: Rect, probe: float) -> Optional[tuple[float, float]]:
    """A plate the picture draws behind `box` that ends inside it (a title bar drawn into a background, shorter
    than the title box over it): the top and bottom (points) of the run of rows of one even colour that holds
    the row `probe` points below the box's top (where the box's first line stands) and is set off from the
    page above or below it within the box. None when there is none, when the plate fills the box down to its
    foot, or on a photograph (no rows of one colour)."""
    region = under(bd, box, PLATE_STEP)
    if region is None or region.width < 8 or region.height < 8:
        return None
    w, h = region.size
    pixels = region.load()
    xs = range(0, w, max(1, w // 64))
    means: list[Optional[tuple[float, float, float]]] = []
    for j in range(h):
        row = [pixels[i, j] for i in xs]
        mean = tuple(sum(p[k] for p in row) / len(row) for k in range(3))
        even = sum(1 for p in row if _distance(p, mean) < EVEN) >= 0.95 * len(row)
        means.append(mean if even else None)  # type: ignore[arg-type]
    y0 = max(box[1], bd.at[1])
    at = min(h - 1, max(0, round((box[1] + probe - y0) / PLATE_STEP)))
    colour = means[at]
    if colour is None:
        return None
    top = bottom = at
    while top > 0 and means[top - 1] is not None and _distance(means[top - 1], colour) < SAME:  # type: ignore[arg-type]
        top -= 1
    while bottom < h - 1 and means[bottom + 1] is not None and _distance(means[bottom + 1], colour) < SAME:  # type: ignore[arg-type]
        bottom += 1
    if bottom >= h - 1 - round(2 / PLATE_STEP):
        return None  # down to the box's foot: nothing to keep the text from
    below = [m for m in means[bottom + 1:bottom + 1 + round(6 / PLATE_STEP)]]
    if any(m is not None and _distance(m, colour) < SET_OFF for m in below):
        return None  # a soft edge, not a plate's
    return y0 + top * PLATE_STEP, y0 + (bottom + 1) * PLATE_STEP


def _distance(a: Sequence[float], b: Sequence[float]) -> float:
    return float(sum((a[k] - b[k]) ** 2 for k in range(3)) ** 0.5)
