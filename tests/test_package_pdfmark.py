"""PDFs deckgen writes carry a fingerprint: a PDF it did not write, or one changed since, is kept as a backup."""
from __future__ import annotations

import os
from pathlib import Path

from deckgen.package.pdfmark import pdf_state, stamp_pdf, write_pdf_file

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 1\ntrailer<</Root 1 0 R>>\nstartxref\n9\n%%EOF\n"


def test_a_stamped_pdf_is_ours_until_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "deck.pdf"
    stamped = stamp_pdf(PDF)
    assert stamped.endswith(b"%%EOF\n") and stamped.startswith(PDF[:PDF.rindex(b"%%EOF")])
    path.write_bytes(stamped)
    assert pdf_state(path) == "ours"
    path.write_bytes(stamped + b"2 0 obj<<>>endobj\nxref\ntrailer<<>>\n%%EOF\n")  # an incremental save (annotations)
    assert pdf_state(path) == "edited"
    path.write_bytes(stamped.replace(b"Catalog", b"Catalug"))
    assert pdf_state(path) == "edited"
    path.write_bytes(PDF)
    assert pdf_state(path) == "foreign"
    assert pdf_state(tmp_path / "none.pdf") == "missing"
    os.mkfifo(tmp_path / "pipe.pdf")
    assert pdf_state(tmp_path / "pipe.pdf") == "foreign"  # never opened


def test_writing_keeps_a_pdf_deckgen_did_not_write(tmp_path: Path) -> None:
    path = tmp_path / "deck.pdf"
    path.write_bytes(b"%PDF-1.4 the user's own\n%%EOF\n")
    backup = write_pdf_file(path, PDF)
    assert backup is not None and backup.read_bytes() == b"%PDF-1.4 the user's own\n%%EOF\n"
    assert pdf_state(path) == "ours"
    assert write_pdf_file(path, PDF + b"%") is None  # ours, unchanged: replaced without a backup
    assert write_pdf_file(path, PDF, force=True) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["deck.pdf", backup.name])


def test_a_pdf_behind_a_symlink_is_written_through_and_its_content_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-1.4 mine\n%%EOF\n")
    link = tmp_path / "deck.pdf"
    link.symlink_to(real)
    backup = write_pdf_file(link, PDF)
    assert backup is not None and not backup.is_symlink() and backup.read_bytes() == b"%PDF-1.4 mine\n%%EOF\n"
    assert link.is_symlink() and pdf_state(real) == "ours"
