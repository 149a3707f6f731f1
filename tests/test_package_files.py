"""Paths are looked at before they are opened: only regular files are read, so a FIFO, a device, a folder or a
symbolic-link loop is named instead of hanging or failing with a traceback."""
from __future__ import annotations

import os
from pathlib import Path

from deckgen.package.files import file_problem, real_path, target_problem


def test_a_regular_file_and_a_link_to_one_are_fine(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("a.yaml")
    assert file_problem(tmp_path / "a.yaml") is None and file_problem(tmp_path / "link.yaml") is None
    assert real_path(tmp_path / "link.yaml") == (tmp_path / "a.yaml").resolve()
    assert real_path(tmp_path / "a.yaml") == tmp_path / "a.yaml"


def test_what_is_not_a_regular_file_is_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "loop").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("nowhere")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert file_problem(tmp_path / "missing") == "does not exist"
    assert file_problem(tmp_path).startswith("is a folder, not a file")
    assert file_problem(tmp_path / "pipe").startswith("is a named pipe (FIFO), not a file")
    assert file_problem("/dev/zero").startswith("is a device, not a file")
    assert file_problem(tmp_path / "loop").startswith("is a symbolic link that loops")
    assert file_problem(tmp_path / "dangling").startswith("is a symbolic link to a file that does not exist")
    assert file_problem(tmp_path / "file" / "x").startswith("does not exist: a part of its path is a file")
    assert file_problem("nul\0byte") == "is not a valid file name"


def test_an_output_may_be_missing_but_not_a_fifo_a_device_or_a_loop(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pptx")
    (tmp_path / "loop.pptx").symlink_to("loop.pptx")
    (tmp_path / "dangling.pptx").symlink_to("sub/deck.pptx")
    assert target_problem(tmp_path / "new.pptx") is None and target_problem(tmp_path / "dangling.pptx") is None
    assert target_problem(tmp_path / "pipe.pptx").startswith("is a named pipe")
    assert target_problem(tmp_path / "loop.pptx").startswith("is a symbolic link that loops")
    assert target_problem("/dev/zero").startswith("is a device")
