"""Slide previews: a PNG per slide and a contact sheet, from a deck or an outline."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from deckgen.cli import main
from deckgen.present.preview import CONTACT_SHEET, MANIFEST, contact_sheet, slide_name
from deckgen.package.deck import read_deck
from tests.conftest import require_tools


def test_slide_names_sort_in_order() -> None:
    assert [slide_name(n, 27) for n in (1, 27)] == ["slide-01.png", "slide-27.png"]
    assert slide_name(7, 412) == "slide-007.png"


class DescribeContactSheet:
    @pytest.fixture
    def images(self, tmp_path: Path) -> list[Path]:
        out = []
        for n in range(7):
            p = tmp_path / f"{n}.png"
            Image.new("RGB", (640, 360), (200, 20 * n, 20)).save(p)
            out.append(p)
        return out

    def it_lays_the_slides_out_in_rows_with_numbers(self, images: list[Path], tmp_path: Path) -> None:
        out = contact_sheet(images, tmp_path / "sheet.png", columns=3, thumb_width=160, gap=10)
        with Image.open(out) as sheet:
            assert sheet.mode == "P"  # a compact 256-colour PNG
            assert sheet.size == (10 + 3 * 170, 10 + 3 * (90 + 18 + 10))
            rgb = sheet.convert("RGB")
            # the first thumbnail at the top left, the seventh alone on row three, the rest of that row empty
            assert rgb.getpixel((10 + 80, 10 + 45))[0] > 150
            assert rgb.getpixel((10 + 80, 10 + 2 * 118 + 45))[0] > 150
            assert rgb.getpixel((10 + 170 + 80, 10 + 2 * 118 + 45)) == (236, 236, 236)
            label = rgb.crop((10 + 60, 10 + 90, 10 + 100, 10 + 108))
            assert label.getextrema()[0][0] < 150  # a number is drawn under the thumbnail

    def it_chooses_about_as_many_rows_as_columns(self, images: list[Path], tmp_path: Path) -> None:
        with Image.open(contact_sheet(images, tmp_path / "s.png", thumb_width=100, gap=0)) as sheet:
            assert sheet.width == 3 * 100

    def it_needs_an_image(self, tmp_path: Path) -> None:
        with pytest.raises(ValueError):
            contact_sheet([], tmp_path / "s.png")


@pytest.mark.soffice
def test_preview_command_writes_every_slide_and_the_sheet(shipped_deck: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftoppm", "pdfinfo")
    folder = tmp_path / "look"
    folder.mkdir()
    (folder / "slide-99.png").write_bytes(b"stale")  # an earlier, longer deck's, listed in the manifest
    (folder / MANIFEST).write_text("slide-99.png\n", encoding="utf-8")
    (folder / "slide-98.png").write_bytes(b"mine")  # the user's own: not in the manifest, never touched
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["preview", str(shipped_deck), "-o", str(folder), "--width", "640"])
    assert result.exit_code == 0, result.output
    n = len(read_deck(shipped_deck).slides)
    slides = sorted(p for p in folder.glob("slide-*.png") if p.name != "slide-98.png")
    assert [p.name for p in slides] == [slide_name(k, n) for k in range(1, n + 1)]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (folder / "slide-98.png").read_bytes() == b"mine"
    assert (folder / MANIFEST).read_text(encoding="utf-8").split() == sorted([*(p.name for p in slides), CONTACT_SHEET])
    assert not [p for p in folder.iterdir() if p.name.startswith(".deckgen-preview-work")]
    for p in slides:
        with Image.open(p) as im:
            assert im.width == 640 and abs(im.height - 360) <= 1
    with Image.open(slides[0]) as cover:
        r, g, b = cover.convert("RGB").getpixel((40, 40))
        assert r > 120 and g < 80 and b < 80  # the party theme's red cover
    with Image.open(folder / CONTACT_SHEET) as sheet:
        assert sheet.width > 1000 and sheet.height > 500
    assert f"Wrote {n} slide images to {folder} (slide-01.png … slide-{n}.png)" in result.output
    assert f"Contact sheet: {folder / CONTACT_SHEET}" in result.output


def test_preview_rejects_other_files(tmp_path: Path) -> None:
    src = tmp_path / "deck.key"
    src.write_bytes(b"x")
    result = CliRunner().invoke(main, ["preview", str(src)])
    assert result.exit_code == 2 and "neither a deck (.pptx) nor an outline (.yaml)" in result.output


def test_preview_of_a_missing_deck_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["preview", str(tmp_path / "none.pptx")])
    assert result.exit_code == 1 and "does not exist" in result.output


@pytest.mark.soffice
def test_preview_never_replaces_an_image_deckgen_did_not_write(shipped_deck: Path, tmp_path: Path) -> None:
    require_tools("soffice", "pdftoppm", "pdfinfo")
    folder = tmp_path / "look"
    folder.mkdir()
    (folder / "slide-01.png").write_bytes(b"the user's own picture")
    result = CliRunner().invoke(main, ["preview", str(shipped_deck), "-o", str(folder)])
    assert result.exit_code == 1
    assert "holds slide-01.png, which deckgen did not write" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["slide-01.png"]
    assert (folder / "slide-01.png").read_bytes() == b"the user's own picture"


@pytest.mark.soffice
def test_preview_works_when_the_temporary_folder_is_on_another_file_system(shipped_deck: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """tmpfs /tmp: nothing is moved across file systems (the images are rendered inside the target folder)."""
    require_tools("soffice", "pdftoppm", "pdfinfo")
    import os
    import tempfile

    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on another file system than the test folder")
    scratch = Path(tempfile.mkdtemp(dir=shm))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    try:
        result = CliRunner().invoke(main, ["preview", str(shipped_deck), "-o", str(tmp_path / "look")])
        assert result.exit_code == 0, result.output
        assert list(scratch.iterdir()) == []
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


def test_preview_reports_a_folder_removed_while_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder vanishes mid-run: one line, exit 1, and no empty folder left behind."""
    from deckgen.present import office, preview

    deck = tmp_path / "deck.pptx"
    folder = tmp_path / "look"

    def fake_pdf(src: Path, outdir: Path, **kw):  # type: ignore[no-untyped-def]
        import shutil

        shutil.rmtree(folder)  # removed by someone else while LibreOffice runs
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(office, "convert_to_pdf", fake_pdf)
    monkeypatch.setattr(preview, "_folder_problem", lambda f: None)
    monkeypatch.setattr("deckgen.package.deck.read_deck", lambda path: None)
    deck.write_bytes(b"PK")
    result = CliRunner().invoke(main, ["preview", str(deck), "-o", str(folder)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.startswith(f"Error: cannot write the preview into {str(folder)!r}")
    assert not folder.exists()


def test_a_long_decks_sheet_is_quantised_in_bands_with_colours_of_their_own(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Quantising takes 8 bytes a pixel: a sheet over `BAND_PIXELS` is indexed band by band, each band with its own
    share of the 256 colours, the background exact and every thumbnail still its colour."""
    from deckgen.present import preview

    monkeypatch.setattr(preview, "BAND_PIXELS", 100_000)  # this sheet: 2 bands
    sheet = preview.Sheet(8, 9 / 16, columns=2, thumb_width=160, gap=10)
    shades = [(200, 25 * n, 255 - 25 * n) for n in range(8)]
    for i, shade in enumerate(shades):
        sheet.paste(i, Image.new("RGB", (640, 360), shade))  # resized to the thumbnail's size
    assert sheet.sheet.width * sheet.sheet.height > 100_000
    out = sheet.save(tmp_path / "sheet.png")
    with Image.open(out) as im:
        assert im.mode == "P" and im.size == (10 + 2 * 170, 10 + 4 * (90 + 18 + 10))
        rgb = im.convert("RGB")
        assert rgb.getpixel((3, 3)) == preview.BACKGROUND and rgb.getpixel((3, im.height - 3)) == preview.BACKGROUND
        for i, shade in enumerate(shades):
            r, c = divmod(i, 2)
            got = rgb.getpixel((10 + c * 170 + 80, 10 + r * 118 + 45))
            assert max(abs(a - b) for a, b in zip(got, shade)) <= 2, (i, got, shade)
        used = {index for _, index in im.getcolors(256)}
        assert min(used) < 128 <= max(used)  # both halves of the palette in use: a palette per band
