"""The lecturer's script PDF: each slide with its full notes, two a page when both fit, Chinese set and wrapped correctly."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from deckgen.present.handout import Style, deck_times, layout, make_handout
from deckgen.package.deck import DeckText, SlideText, read_deck
from tests.conftest import require_tools


def _text(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdfinfo(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def handout_pdf(shipped_deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("soffice", "pdftoppm", "pdftotext", "pdfinfo")
    out = tmp_path_factory.mktemp("handout") / "script.pdf"
    done = make_handout(shipped_deck, out)
    assert done.path == out
    return out


@pytest.mark.soffice
class DescribeShippedHandout:
    def it_puts_two_slides_on_a_page_when_both_fit(self, handout_pdf: Path, shipped_deck: Path) -> None:
        info = _pdfinfo(handout_pdf)
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        slides = len(read_deck(shipped_deck).slides)
        assert slides / 2 <= pages < slides - 3  # the cover, opening, agenda and short dividers share pages
        assert "(A4)" in info

    def it_carries_every_slides_full_notes_in_order(self, handout_pdf: Path, shipped_deck: Path) -> None:
        text = _squash(_text(handout_pdf))
        at = 0
        for slide in read_deck(shipped_deck).slides:
            notes = _squash(slide.notes)
            if notes:
                found = text.find(notes, at)
                assert found >= 0, f"slide {slide.number}'s notes are not in the handout intact"
                at = found + len(notes)

    def it_starts_each_slides_notes_on_the_page_of_its_heading_in_order(self, handout_pdf: Path, shipped_deck: Path) -> None:
        pages = [_squash(p) for p in _text(handout_pdf).split("\f")]
        at = 0
        for slide in read_deck(shipped_deck).slides:
            heading = f"{slide.number}{_squash(slide.title)}"
            at = next(i for i in range(at, len(pages)) if heading in pages[i])
            assert _squash(slide.notes)[:40] in pages[at]

    def it_never_starts_a_line_with_closing_punctuation(self, handout_pdf: Path) -> None:
        lines = [ln for ln in _text(handout_pdf).splitlines() if ln.strip()]
        assert len(lines) > 300
        assert [ln for ln in lines if ln.lstrip()[0] in "，。、；：？！）」』》”"] == []

    def it_justifies_the_notes_to_the_right_margin(self, handout_pdf: Path) -> None:
        xml = _text(handout_pdf, "-bbox-layout")
        right = 595.28 - Style().margin / 25.4 * 72
        ends = [float(m) for m in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', xml)]
        assert sum(1 for x in ends if abs(x - right) < 2.5) >= 10, ends

    def it_embeds_its_fonts_as_subsets(self, handout_pdf: Path) -> None:
        rows = subprocess.run(["pdffonts", str(handout_pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows and all(r.split()[-5:-3] == ["yes", "yes"] for r in rows), rows
        assert any("CJK" in r for r in rows)

    def it_shows_reading_time_and_running_total(self, handout_pdf: Path) -> None:
        page = _text(handout_pdf, "-f", "7", "-l", "7")
        assert re.search(r"约 [\d.]+ (分钟|秒) · 累计 \d+:\d\d", page)


def _deck(notes: list[str], title: str = "讲稿", language: str = "zh-CN") -> DeckText:
    return DeckText(title, ("一、第一部分",), tuple(SlideText(n, f"第 {n} 页", text, 0) for n, text in enumerate(notes, 1)),
                    language)


@pytest.fixture
def pictures(tmp_path: Path) -> Path:
    """Stand-in slides: a PDF of three 16:9 pages, each coloured and labelled `Slide N` (as LibreOffice's PDF of a deck)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(792, 445.5))
    pdf.set_font("helvetica", size=40)
    for n in range(3):
        pdf.add_page()
        pdf.set_fill_color(180, 30 * n, 30)
        pdf.rect(0, 0, 792, 445.5, style="F")
        pdf.text(60, 120, f"Slide {n + 1}")
    out = tmp_path / "slides.pdf"
    pdf.output(str(out))
    return out


class DescribeLayout:
    """The layout alone, with a stand-in PDF of the slides: no LibreOffice needed."""

    def it_puts_each_slide_on_its_page_as_vectors(self, pictures: Path, tmp_path: Path) -> None:
        require_tools("pdftotext", "pdftoppm", "pdfimages")
        from PIL import Image

        from deckgen.present.fonts import font_set

        deck = _deck(["短讲稿一。", "短讲稿二。", "高质量发展是全面建设社会主义现代化国家的首要任务。" * 20])
        data, pages = layout(deck, pictures, deck_times(deck), font_set(True))
        out = tmp_path / "h.pdf"
        out.write_bytes(data)
        text = _text(out).split("\f")
        assert pages == 2
        # the slides' own text is in the handout, searchable, each slide's above its notes on its page
        assert text[0].index("Slide 1") < text[0].index("短讲稿一") < text[0].index("Slide 2") < text[0].index("短讲稿二")
        assert "Slide 3" in text[1] and "Slide 1" not in text[1]
        # no picture anywhere: the slides are drawn, not pasted as images
        images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
        assert len(images.splitlines()) == 2, images  # the header of the list only
        # the slide fills its framed box: the page's own colour inside it
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "2", "-l", "2", str(out), str(tmp_path / "p")], check=True)
        with Image.open(next(tmp_path.glob("p-*.png"))) as im:
            rgb = im.convert("RGB")
            px = 30 / 25.4  # pixels a millimetre
            left, top, width = Style().margin * px, (Style().top + 1.5) * px, (210 - 2 * Style().margin) * px
            assert rgb.getpixel((round(left + 0.9 * width), round(top + 0.5 * width * 9 / 16))) == (180, 60, 30)
            assert rgb.getpixel((round(left / 2), round(top + 20))) == (255, 255, 255)

    def it_refuses_a_slides_pdf_with_fewer_pages_than_slides(self, pictures: Path) -> None:
        from deckgen.errors import DeckgenError
        from deckgen.present.fonts import font_set

        deck = _deck(["一。", "二。", "三。", "四。"])
        with pytest.raises(DeckgenError, match="has 3 pages for 4 slides"):
            layout(deck, pictures, deck_times(deck), font_set(True))

    def it_continues_long_notes_on_following_pages(self, pictures: Path, tmp_path: Path) -> None:
        require_tools("pdftotext")
        from deckgen.present.fonts import font_set

        long = "\n".join(f"第{n}段：" + "高质量发展是全面建设社会主义现代化国家的首要任务。" * 12 for n in range(8))
        deck = _deck([long, "短讲稿。", ""])
        data, pages = layout(deck, pictures, deck_times(deck), font_set(True))
        out = tmp_path / "h.pdf"
        out.write_bytes(data)
        assert pages > 3  # the long notes take three pages and more; the two short slides share the last
        text = _text(out)
        body = re.sub(r"讲稿·一、第一部分|\d/3|—\d+—|1第1页（续）|约[\d.]+(分钟|秒)·累计[\d:]+", "", _squash(text))
        assert _squash(long) in body  # whole, in order, across the page breaks
        assert "（续）" in text
        assert text.split("\f")[pages - 1].count("（本页无讲稿）") == 1
        assert [ln for ln in text.splitlines() if ln and ln[0] in "，。、："] == []

    def it_pairs_slides_only_when_both_fit_whole(self, pictures: Path, tmp_path: Path) -> None:
        require_tools("pdftotext")
        from deckgen.present.fonts import font_set

        long = "高质量发展是全面建设社会主义现代化国家的首要任务。" * 20  # a page of its own with its picture
        deck = _deck(["短讲稿一。", "短讲稿二。", long])
        data, pages = layout(deck, pictures, deck_times(deck), font_set(True))
        out = tmp_path / "h.pdf"
        out.write_bytes(data)
        text = [_squash(p) for p in _text(out).split("\f")]
        assert pages == 2
        assert "短讲稿一。" in text[0] and "短讲稿二。" in text[0] and _squash(long) in text[1]

    def it_drops_time_cues_and_indents_chinese_paragraphs(self, pictures: Path, tmp_path: Path) -> None:
        require_tools("pdftotext")
        from deckgen.present.fonts import font_set

        deck = _deck(["第一段。\n第二段。\n〔约 10 秒〕"])
        data, pages = layout(deck, pictures, deck_times(deck), font_set(True), Style(paper="letter"))
        out = tmp_path / "h.pdf"
        out.write_bytes(data)
        assert pages == 1
        text = _text(out)
        assert "第一段。" in text and "第二段。" in text and "〔约" not in text
        assert "612 x 792 pts (letter)" in _pdfinfo(out)

    def it_sets_an_english_deck_in_a_latin_face_with_chinese_fallback(self, pictures: Path, tmp_path: Path) -> None:
        require_tools("pdftotext", "pdffonts")
        from deckgen.present.fonts import font_set

        deck = _deck(["We read this aloud. 中文也可以。 " * 20, "Second slide."], title="Lecture", language="en-US")
        times = deck_times(deck)
        assert not times.cjk
        data, _ = layout(deck, pictures, times, font_set(False))
        out = tmp_path / "en.pdf"
        out.write_bytes(data)
        text = _text(out)
        assert "We read this aloud." in text and "中文也可以。" in text
        assert "about" in text and "(no notes" not in text
