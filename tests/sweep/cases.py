"""The sweep's cases: bad, hostile and awkward inputs the catalogue (`tests/test_catalogue.py`) does not have, each
with what a user is promised: refused in one located line (`error`, `usage`), built with the work and text kept
(`ok`), or stopped by a signal with nothing left behind (`stopped`)."""
from __future__ import annotations

import signal

from tests.docxmaker import alt_chunk, docx, para, roman_list, table, textbox_run
from tests.sweep.makers import (LINK, own_device, LO, OTHER, PICTURE, SMALL, all_of, both, deck_has, deck_of, doctype, edited, encrypted,
                                fake_pdf, fifo, files, folder_named, in_layout, kept_somewhere, link, loop, main_type,
                                no_dangling, old_office, once_in_notes, remember, rezip, template, unchanged,
                                user_files_kept, warns, with_main_type)
from tests.sweep.run import ROOT, Case

OUT = ["-o", "deck.pptx"]
B = ["build", "outline.yaml"]
Y = "outline.yaml"
CELLS = [[f"第{r}行第{c}列的数据。" for c in range(3)] for r in range(6)]
TEXT_BOX = para("一、部分") + para("正文一段。", runs=textbox_run(["文本框里的话。"])) + para("再一段。")
HTML = ("<html><head><meta charset='gbk'><style>p{}</style></head><body><p>导入的第一段。</p><div>导入的第二段。</div>"
        "</body></html>").encode("gbk")
MACRO = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
SHOW = b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def y(text: str) -> dict[str, str]:
    return {"outline_dot_yaml": text}


def outline_case(name: str, text: str, expect: str = "ok", error: str = "", check=None, **kw) -> Case:  # type: ignore[no-untyped-def]
    return Case(name, "outline YAML", B, files(**y(text)), expect, error, Y if expect == "error" else "", check, **kw)


def title(value: str) -> str:
    return SMALL.replace("title: 讲座", f"title: {value}")


def lecture(name: str, kind: str, data, expect: str = "ok", error: str = "", check=None, **kw) -> Case:  # type: ignore[no-untyped-def]
    fname = f"lecture.{kind}"
    return Case(name, "lectures (outline)", ["outline", fname], files(**{fname.replace(".", "_dot_"): data}), expect, error,
                fname if expect == "error" else "", check, **kw)


def tpl(name: str, data, expect: str = "ok", error: str = "", check=None, suffix: str = "pptx", **kw) -> Case:  # type: ignore[no-untyped-def]
    fname = f"org.{suffix}"
    return Case(name, "templates", [*B, *OUT, "--template", fname], both(files(**y(SMALL)), files(**{fname.replace(".", "_dot_"): data})),
                expect, error, fname if expect == "error" else "", check, **kw)


def build_cases() -> list[Case]:
    c: list[Case] = []
    # --- outline YAML: values ------------------------------------------------------------------------
    c += [
        outline_case("yaml-title-null", title("null"), "error", r"expected text, got nothing.*quotes"),
        outline_case("yaml-title-tilde", title("~"), "error", r"deck\.title: expected text, got nothing.*quotes"),
        outline_case("yaml-title-empty-quotes", title('""'), "error", r"must not be empty"),
        outline_case("yaml-title-300-combining", title('"' + "e\u0301" * 300 + '"'), check=deck_has("\u00e9" * 300)),
        outline_case("yaml-title-300-hangul-jamo", title('"' + "\u1100\u1161" * 300 + '"'), check=deck_has("\uac00" * 300)),
        outline_case("yaml-title-300-devanagari-clusters", title('"' + "क्षि" * 300 + '"'), check=deck_has("क्षि" * 300)),
        outline_case("yaml-title-300-emoji-sequences", title('"' + "👩‍👩‍👧" * 300 + '"'), check=deck_has("👩‍👩‍👧" * 300)),
        outline_case("yaml-title-501-ideographs", title("长" * 501), "error", r"501 characters, more than the 500"),
        outline_case("yaml-label-101", SMALL + "    label: " + "标" * 101 + "\n", "error", r"101 characters, more than the 100"),
        outline_case("yaml-bullet-2001", SMALL + "    bullets: [" + "点" * 2001 + "]\n", "error", r"2001 characters"),
        outline_case("yaml-bullet-null", SMALL + "    bullets: [一, ~]\n", "error", r"bullets\[1\]: expected text, got nothing"),
        outline_case("yaml-bullets-mapping", SMALL + "    bullets: {a: b}\n", "error", r"expected a list, got a mapping"),
        outline_case("yaml-notes-number", SMALL.replace("notes: 正文。", "notes: 1.10"), check=deck_has("1.10")),
        outline_case("yaml-dates-stay-text", SMALL.replace("title: 讲座", "title: 讲座\n  date: 2024-05-01"), check=deck_has("2024-05-01")),
        outline_case("yaml-sections-mapping", "deck:\n  title: T\nsections: {a: b}\n", "error", r"sections: expected a list"),
        outline_case("yaml-sections-empty", "deck:\n  title: T\nsections: []\n", "error", r"needs at least one entry"),
        outline_case("yaml-language-underscore", SMALL.replace("title: 讲座", "title: 讲座\n  language: zh_CN"), "error",
                     r"'zh_CN' is not a language tag"),
        outline_case("yaml-layout-typo", SMALL + "    layout: statment\n", "error", r"did you mean 'statement'"),
        outline_case("yaml-dotless-i-key", SMALL + "    tıtle: x\n", "error", r"unknown key 'tıtle'"),
        outline_case("yaml-numeric-key", SMALL + "    1: x\n", "error", r"unknown key '1'"),
        outline_case("yaml-deck-missing", "sections:\n  - title: S\n", "error", r"required key 'deck' is missing"),
        outline_case("yaml-binary-tag", SMALL.replace("notes: 正文。", "notes: !!binary aGVsbG8="), "error", r"tag '!!binary'"),
        outline_case("yaml-merge-key", SMALL.replace("  - title: 第一部分", "  - &s\n    title: 第一部分") + "  - <<: *s\n    title: 二\n",
                     "error", r"merge keys"),
        outline_case("yaml-small-alias", SMALL.replace("notes: 正文。", "notes: &n 正文。") + "  - title: 二\n    notes: *n\n",
                     check=deck_has("正文。")),
        outline_case("yaml-notes-nested-list", SMALL.replace("notes: 正文。", "notes: " + "[" * 30 + "]" * 30), "error",
                     r"expected text, got a list"),
        outline_case("yaml-bidi-override", title('"讲\u202e座"'), check=deck_has("讲\u202e座")),
        outline_case("yaml-xml-specials", title('"<a> & ]]> \\"q\\""'), check=deck_has('<a> & ]]> "q"')),
        outline_case("yaml-surrogate-pair-escape", title('"讲座\\ud83d\\ude00"'), check=deck_has("讲座😀")),
        outline_case("yaml-cr-line-ends", SMALL.replace("\n", "\r"), check=deck_has("正文。")),
        outline_case("yaml-crlf-and-bom", "\ufeff" + SMALL.replace("\n", "\r\n"), check=deck_has("正文。")),
        outline_case("yaml-tab-inside-notes", SMALL.replace("notes: 正文。", "notes: |\n      正文\t一。"), check=deck_has("正文\t一。")),
        outline_case("yaml-utf32", SMALL.encode("utf-32"), "error", r"UTF-16|UTF-32|not UTF-8"),  # type: ignore[arg-type]
        outline_case("yaml-nul-in-the-middle", SMALL + "# \0\n", "error", r"NUL bytes"),
        outline_case("yaml-3mb-note", "deck:\n  title: T\nsections:\n  - title: S\n    notes: |\n"
                     + ("      " + "这是讲稿的一句话。" * 20 + "\n") * 6000, check=deck_has("这是讲稿的一句话。" * 20)),
        outline_case("yaml-over-20mb", SMALL + "#" + "x" * (20 * 1024 * 1024) + "\n", "error", r"larger than 20 MB"),
        outline_case("yaml-slides-over-10000", "deck:\n  title: T\nsections:\n" + "".join(
            f"  - title: 第{s}部分\n    subsections:\n" + "".join(
                f"      - title: 小节{i}\n        bullets: [{', '.join(f'要点{j}' for j in range(8))}]\n" for i in range(1248))
            for s in range(8)), "error", r"19979 slides.*more than the 10000", timeout=120),
    ]
    # --- outline YAML: the file itself ----------------------------------------------------------------
    g = "outline files"
    c += [
        Case("outline-fifo", g, B, fifo(Y), "error", r"named pipe \(FIFO\)", Y),
        Case("outline-symlink-loop", g, B, loop(Y), "error", r"symbolic link that loops", Y),
        Case("outline-is-a-folder", g, B, folder_named(Y), "error", r"is a folder", Y),
        Case("outline-dangling-symlink", g, B, link(Y, "gone.yaml"), "error", r"does not exist", Y),
        Case("outline-dev-null", g, ["build", "/dev/null", *OUT], expect="error", error=r"is a device", where="/dev/null"),
        Case("outline-dev-zero", g, ["build", "/dev/zero", *OUT], expect="error", error=r"is a device", where="/dev/zero"),
        Case("outline-through-a-symlink", g, ["build", "link.yaml"], both(files(real__o_dot_yaml=SMALL), link("link.yaml", "real/o.yaml")),
             check=deck_has("正文。", deck="link.pptx")),
        Case("outline-cjk-and-spaces-in-name", g, ["build", "讲 稿.yaml"], files(**{"讲 稿_dot_yaml": SMALL}),
             check=deck_has("正文。", deck="讲 稿.pptx")),
        Case("outline-under-a-file", g, ["build", "outline.yaml/x.yaml", *OUT], files(**y(SMALL)), "error", r"does not exist",
             "outline.yaml/x.yaml"),
    ]
    # --- themes -------------------------------------------------------------------------------------
    g = "themes"
    th = ["--theme", "t.yaml"]
    c += [
        Case("theme-fifo", g, [*B, *th], both(files(**y(SMALL)), fifo("t.yaml")), "error", r"named pipe", "t.yaml"),
        Case("theme-folder", g, [*B, *th], both(files(**y(SMALL)), folder_named("t.yaml")), "error", r"is a folder", "t.yaml"),
        Case("theme-symlink-loop", g, [*B, *th], both(files(**y(SMALL)), loop("t.yaml")), "error", r"loops", "t.yaml"),
        Case("theme-extends-fifo", g, [*B, *th], both(files(**y(SMALL), t_dot_yaml="extends: p.yaml\n"), fifo("p.yaml")),
             "error", r"named pipe", "t.yaml"),
        Case("theme-extends-itself", g, [*B, *th], files(**y(SMALL), t_dot_yaml="extends: t.yaml\n"), "error", r"cycle", "t.yaml"),
        Case("theme-size-1e400", g, [*B, *th], files(**y(SMALL), t_dot_yaml="extends: party\nsizes:\n  title: {max: 1e400, min: 24}\n"),
             "error", r"sizes\.title\.max", "t.yaml"),
        Case("theme-size-nan", g, [*B, *th], files(**y(SMALL), t_dot_yaml="extends: party\nsizes:\n  title: {max: .nan, min: 24}\n"),
             "error", r"sizes\.title\.max", "t.yaml"),
        Case("theme-size-negative", g, [*B, *th], files(**y(SMALL), t_dot_yaml="extends: party\nsizes:\n  body: {max: 28, min: -1}\n"),
             "error", r"sizes\.body\.min", "t.yaml"),
        Case("theme-font-control-character", g, [*B, *th],
             files(**y(SMALL), t_dot_yaml='extends: party\nfonts:\n  major: {latin: "A\\x07B", ea: 黑体}\n'), "error",
             r"control character U\+0007", "t.yaml"),
        Case("theme-font-name-500-characters", g, [*B, *th],
             files(**y(SMALL), t_dot_yaml="extends: party\nfonts:\n  minor: {latin: " + "F" * 500 + "}\n"), "error",
             r"at most 64", "t.yaml"),
        Case("theme-empty-file", g, [*B, *th], files(**y(SMALL), t_dot_yaml=""), "error", r"empty", "t.yaml"),
        Case("theme-colour-nan", g, [*B, *th], files(**y(SMALL), t_dot_yaml="extends: party\ncolors: {accent1: .nan}\n"),
             "error", r"colors\.accent1", "t.yaml"),
    ]
    # --- options -------------------------------------------------------------------------------------
    g = "options"
    for value in ("nan", "inf", "-inf", "1e-310", "1e308", "-5", "0", "abc"):
        c.append(Case(f"rate-{value}", g, [*B, "--rate", value], files(**y(SMALL)), "usage"))
    for value in ("nan", "1e-300", "inf"):
        c.append(Case(f"duration-{value}", g, [*B, "--duration", value], files(**y(SMALL)), "usage"))
    c += [
        Case("east-asian-font-bell", g, [*B, *OUT, "--template", "org.pptx", "--east-asian-font", "微软\a雅黑"],
             files(**y(SMALL), org_dot_pptx=lambda f: template()), "usage"),
        Case("east-asian-font-newline", g, [*B, *OUT, "--template", "org.pptx", "--east-asian-font", "微软\n雅黑"],
             files(**y(SMALL), org_dot_pptx=lambda f: template()), "usage"),
        Case("east-asian-font-empty", g, [*B, *OUT, "--template", "org.pptx", "--east-asian-font", ""],
             files(**y(SMALL), org_dot_pptx=lambda f: template()), "usage"),
        Case("east-asian-font-300-characters", g, [*B, *OUT, "--template", "org.pptx", "--east-asian-font", "字" * 300],
             files(**y(SMALL), org_dot_pptx=lambda f: template()), "usage"),
        Case("output-uppercase-suffix", g, [*B, "-o", "DECK.PPTX"], files(**y(SMALL)), check=deck_has("正文。", deck="DECK.PPTX")),
        Case("output-not-pptx", g, [*B, "-o", "deck.ppt"], files(**y(SMALL)), "usage"),
        Case("handout-output-not-pdf", g, ["handout", "outline.yaml", "-o", "x.docx"], files(**y(SMALL)), "usage"),
        Case("preview-width-20", g, ["preview", "outline.yaml", "--width", "20"], files(**y(SMALL)), "usage"),
        Case("preview-source-txt", g, ["preview", "notes.txt"], files(notes_dot_txt="x"), "usage"),
    ]
    # --- outputs and the user's work ------------------------------------------------------------------
    g = "outputs and your work"
    deck = lambda f: deck_of()  # noqa: E731
    c += [
        Case("output-fifo", g, [*B, *OUT], both(files(**y(SMALL)), fifo("deck.pptx")), "error", r"named pipe", "deck.pptx"),
        Case("output-symlink-loop", g, [*B, *OUT], both(files(**y(SMALL)), loop("deck.pptx")), "error", r"loops", "deck.pptx"),
        # a device node of the case's own (never /dev/null: deckgen before issue #16 replaced the device itself)
        Case("output-symlink-to-a-device", g, [*B, *OUT], both(files(**y(SMALL)), own_device("null"), link("deck.pptx", "null")),
             "error", r"is a (device|named pipe)", "deck.pptx"),
        Case("output-dangling-symlink", g, [*B, *OUT], both(files(**y(SMALL)), folder_named("real"), link("deck.pptx", "real/d.pptx")),
             check=deck_has("正文。", deck="real/d.pptx")),
        Case("output-symlink-to-an-edited-deck", g, [*B, *OUT],
             both(files(**y(OTHER), real__d_dot_pptx=lambda f: edited(deck_of())), link("deck.pptx", "real/d.pptx")),
             check=all_of(kept_somewhere("讲座（已修改）".encode(), zipped="ppt/slides/slide1.xml", warned="kept it as"),
                          deck_has("新的正文。", deck="real/d.pptx"))),
        Case("output-symlink-to-an-unchanged-deck", g, [*B, *OUT],
             both(files(**y(OTHER), real__d_dot_pptx=deck), link("deck.pptx", "real/d.pptx")),
             check=deck_has("新的正文。", deck="real/d.pptx")),
        Case("output-open-in-powerpoint", g, [*B, *OUT], files(**y(OTHER), deck_dot_pptx=deck, **{"~$deck_dot_pptx": b"lock"}),
             check=all_of(kept_somewhere("讲座".encode(), zipped="ppt/slides/slide1.xml", warned="is open in PowerPoint"),
                          deck_has("新的正文。", deck="deck.pptx"))),
        Case("output-open-in-libreoffice", g, [*B, *OUT], files(**y(OTHER), deck_dot_pptx=deck, **{"_dot_~lock_dot_deck_dot_pptx#": b"x"}),
             check=kept_somewhere("讲座".encode(), zipped="ppt/slides/slide1.xml", warned="is open in LibreOffice")),
        Case("output-edited-deck", g, [*B, *OUT], files(**y(OTHER), deck_dot_pptx=lambda f: edited(deck_of())),
             check=kept_somewhere("讲座（已修改）".encode(), zipped="ppt/slides/slide1.xml", warned="kept it as")),
        Case("output-foreign-deck", g, [*B, *OUT], files(**y(OTHER), deck_dot_pptx=lambda f: template()),
             check=kept_somewhere(b"Click to edit Master title style", zipped="ppt/slideLayouts/slideLayout1.xml", warned="kept it as")),
        Case("output-deck-unchanged-since-deckgen", g, [*B, *OUT], files(**y(OTHER), deck_dot_pptx=deck),
             check=lambda f, r: [w for w in r.warnings if "kept" in w]),
        Case("output-backup-name-taken", g, [*B, *OUT], both(files(**y(OTHER), deck_dot_pptx=lambda f: edited(deck_of())),
                                                              lambda f: _taken_backups(f)),
             check=kept_somewhere("讲座（已修改）".encode(), zipped="ppt/slides/slide1.xml", warned="kept it as")),
        Case("output-symlink-to-a-folder", g, [*B, *OUT], both(files(**y(SMALL)), folder_named("real"), link("deck.pptx", "real")),
             "error", r"is a folder", "deck.pptx"),
        Case("outline-output-fifo", g, ["outline", "l.txt", "-o", "o.yaml"], both(files(l_dot_txt="讲稿\n正文。\n"), fifo("o.yaml")),
             "error", r"named pipe", "o.yaml"),
        Case("outline-output-is-the-lecture-by-link", g, ["outline", "l.txt", "-o", "o.yaml", "--force"],
             both(files(l_dot_txt="讲稿\n正文。\n"), link("o.yaml", "l.txt")), "error", r"is the lecture itself", "o.yaml"),
        Case("outline-output-symlink-loop", g, ["outline", "l.txt", "-o", "o.yaml"], both(files(l_dot_txt="讲稿\n正文。\n"), loop("o.yaml")),
             "error", r"loops", "o.yaml"),
    ]
    # --- templates -----------------------------------------------------------------------------------
    c += [
        Case("template-fifo", "templates", [*B, *OUT, "--template", "org.pptx"], both(files(**y(SMALL)), fifo("org.pptx")),
             "error", r"named pipe", "org.pptx"),
        Case("template-folder", "templates", [*B, *OUT, "--template", "org.pptx"], both(files(**y(SMALL)), folder_named("org.pptx")),
             "error", r"is a folder", "org.pptx"),
        Case("template-symlink-loop", "templates", [*B, *OUT, "--template", "org.pptx"], both(files(**y(SMALL)), loop("org.pptx")),
             "error", r"loops", "org.pptx"),
        tpl("template-pptm-without-macros", lambda f: with_main_type(template(), MACRO), suffix="pptm", check=main_type("deck.pptx")),
        tpl("template-pptm-with-macros", lambda f: rezip(with_main_type(template(), MACRO), {"ppt/vbaProject.bin": b"VBA"}), "error",
            r"macro-enabled", suffix="pptm"),
        tpl("template-ppsx", lambda f: with_main_type(template(), SHOW), suffix="ppsx", check=main_type("deck.pptx")),
        tpl("template-potx", lambda f: with_main_type(template(), TEMPLATE_TYPE), suffix="potx", check=main_type("deck.pptx")),
        tpl("template-encrypted", lambda f: encrypted(), "error", r"encrypted \(saved with a password\)"),
        tpl("template-office-97", lambda f: old_office(), "error", r"Office 97–2003"),
        tpl("template-no-main-relationship", lambda f: rezip(template(), edit=lambda n, b: b.replace(
            b"relationships/officeDocument", b"relationships/nothing") if n == "_rels/.rels" else b), "error", r"damaged|not a"),
        tpl("template-doctype-entities", lambda f: doctype(template(), "ppt/slideLayouts/slideLayout1.xml", b'name="Title Slide'),
            "error", r"DOCTYPE"),
        tpl("template-picture-without-image", lambda f: in_layout(template(), PICTURE),
            check=all_of(no_dangling("deck.pptx"), warns(r"picture refers to relationship 'rId99'"))),
        tpl("template-link-to-nowhere", lambda f: in_layout(template(), LINK), "error", r"refers to relationship 'rId77'"),
        tpl("template-empty-file", b"", "error", r"not a PowerPoint file"),
        tpl("template-truncated", lambda f: template()[:5000], "error", r"not a PowerPoint file|damaged"),
        tpl("template-no-content-types", lambda f: rezip(template(), {"[Content_Types].xml": None}), "error", r"not a PowerPoint"),
        tpl("template-is-a-docx", lambda f: docx(para("x")), "error", r"not a PowerPoint presentation"),
        tpl("template-part-not-xml", lambda f: rezip(template(), {"ppt/slideLayouts/slideLayout3.xml": b"<p:sldLayout"}), "error",
            r"damaged"),
        tpl("template-huge-slide-size", lambda f: rezip(template(), edit=lambda n, b: b.replace(
            b'<p:sldSz cx="9144000" cy="6858000"', b'<p:sldSz cx="99999999999" cy="6858000"') if n == "ppt/presentation.xml" else b),
            "error", r"damaged|size"),
        tpl("template-target-outside-package", lambda f: rezip(template(), edit=lambda n, b: b.replace(
            b'Target="../theme/theme1.xml"', b'Target="../../../../etc/passwd"') if n.startswith("ppt/slideMasters/_rels") else b),
            "error", r"damaged"),
    ]
    # --- lectures ------------------------------------------------------------------------------------
    c += [
        lecture("docx-data-table", "docx", docx(para("一、数据") + para("表前一段。") + table(CELLS) + para("表后一段。")),
                check=once_in_notes(*[x for row in CELLS for x in row], "表前一段。", "表后一段。")),
        lecture("docx-two-column-lecture", "docx", docx(para("讲稿标题") + table(
            [[[f"左栏第{i}段话。" for i in range(21)], [f"右栏第{i}段话。" for i in range(21)]]])),
            check=once_in_notes(*[f"左栏第{i}段话。" for i in range(21)], *[f"右栏第{i}段话。" for i in range(21)])),
        lecture("docx-nested-tables", "docx", docx("<w:tbl><w:tr><w:tc>" + para("外表前。") + table([["内表甲。", "内表乙。"]])
                                                   + para("外表后。") + "</w:tc></w:tr></w:tbl>"),
                check=once_in_notes("外表前。", "内表甲。", "内表乙。", "外表后。")),
        lecture("docx-text-box-two-ways", "docx", docx(TEXT_BOX), check=once_in_notes("文本框里的话。", "正文一段。")),
        lecture("docx-text-box-vml-only", "docx", docx(para("正文。", runs=textbox_run(["框内的话。"], drawingml=False))),
                check=once_in_notes("框内的话。")),
        lecture("docx-altchunk-html", "docx", docx(para("一、部分") + para("正文。") + alt_chunk("rIdC1"),
                                                   chunks={"rIdC1": ("a.htm", "text/html", HTML)}),
                check=once_in_notes("导入的第一段。", "导入的第二段。")),
        lecture("docx-altchunk-rtf", "docx", docx(para("正文。") + alt_chunk("rIdC1"),
                                                  chunks={"rIdC1": ("a.rtf", "application/rtf", b"{\\rtf1 x}")}),
                check=warns(r"imported block \(altChunk\) is not read")),
        lecture("docx-list-start-1e11-roman", "docx", docx(para("第一项。", num=("1", "0")), numbering=roman_list("100000000000")),
                check=once_in_notes("第一项。"), timeout=20),
        lecture("docx-list-start-1e11-letters", "docx", docx(para("第一项。", num=("1", "0")),
                                                             numbering=roman_list("100000000000", "upperLetter")),
                check=once_in_notes("第一项。"), timeout=20),
        lecture("docx-list-start-5000-digits", "docx", docx(para("第一项。", num=("1", "0")), numbering=roman_list("9" * 5000)),
                check=once_in_notes("第一项。")),
        lecture("docx-list-level-x", "docx", docx(para("第一项。", num=("1", "x")), numbering=roman_list("1", ilvl="x")),
                check=once_in_notes("第一项。")),
        lecture("docx-outline-level-superscript", "docx", docx(para("标题", runs="") .replace(
            "<w:p>", '<w:p><w:pPr><w:outlineLvl w:val="²"/></w:pPr>', 1) + para("正文。")), check=once_in_notes("正文。")),
        lecture("docx-tracked-changes", "docx", docx(
            '<w:p><w:r><w:t>保留的话。</w:t></w:r><w:del><w:r><w:delText>删掉的话。</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>新加的话。</w:t></w:r></w:ins></w:p>'), check=once_in_notes("保留的话。", "新加的话。", absent=("删掉的话。",))),
        lecture("docx-content-control", "docx", docx("<w:sdt><w:sdtPr/><w:sdtContent>" + para("控件里的话。") + "</w:sdtContent></w:sdt>"),
                check=once_in_notes("控件里的话。")),
        lecture("docx-footnotes", "docx", docx(para("正文。"), footnotes=["脚注的话。"]), check=warns(r"footnote")),
        lecture("docx-encrypted", "docx", encrypted(), "error", r"encrypted"),
        lecture("docx-office-97", "docx", old_office(), "error", r"Office 97–2003"),
        lecture("docx-no-document-part", "docx", rezip(docx(para("x")), {"word/document.xml": None}), "error", r"not a Word document"),
        lecture("docx-doctype-entities", "docx", docx(para("正文。"), document_prefix='<!DOCTYPE w:document [<!ENTITY a "x">]>'),
                "error", r"DOCTYPE"),
        Case("docx-fifo", "lectures (outline)", ["outline", "l.docx"], fifo("l.docx"), "error", r"named pipe", "l.docx"),
        Case("txt-fifo", "lectures (outline)", ["outline", "l.txt"], fifo("l.txt"), "error", r"named pipe", "l.txt"),
        Case("md-fifo", "lectures (outline)", ["outline", "l.md"], fifo("l.md"), "error", r"named pipe", "l.md"),
        Case("lecture-folder", "lectures (outline)", ["outline", "l.txt"], folder_named("l.txt"), "error", r"is a folder", "l.txt"),
        Case("lecture-symlink-loop", "lectures (outline)", ["outline", "l.txt"], loop("l.txt"), "error", r"loops", "l.txt"),
        lecture("md-front-matter-nested-100000", "md", "---\ntitle: 讲稿\nx: " + "[" * 100000 + "]" * 100000 + "\n---\n# 一、部分\n正文。\n",
                check=once_in_notes("正文。")),
        lecture("md-front-matter-alias-bomb", "md", "---\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "---\n# 一、部分\n正文。\n",
                check=once_in_notes("正文。")),
        lecture("md-front-matter-title-null", "md", "---\ntitle: ~\n---\n# 一、部分\n正文。\n", check=once_in_notes("正文。")),
        lecture("txt-over-4mb", "txt", "正文。\n" * 600_000, "error", r"larger than 4 MB"),
        lecture("txt-only-site-markers", "txt", "##paidbegin##\n##paidend##\n", "error", r"no text"),
        lecture("lecture-is-a-pptx", "pptx", lambda f: deck_of(), "error", r"PowerPoint deck"),
        lecture("txt-12000-short-paragraphs", "txt", "".join(f"第{i}段。\n\n" for i in range(12000)), "error",
                r"more than the 10000", timeout=120),
        lecture("txt-utf16-without-bom", "txt", "讲稿\n正文。\n".encode("utf-16-le"), check=once_in_notes("正文。")),
        lecture("txt-gbk", "txt", "讲稿标题\n一、部分\n正文一段。\n".encode("gbk"), check=once_in_notes("正文一段。")),
    ]
    # --- decks: check, handout, preview ----------------------------------------------------------------
    g = "decks (check, handout, preview)"
    deck = lambda f: deck_of()  # noqa: E731
    c += [
        Case("check-folder-named-pptx", g, ["check", "d.pptx"], folder_named("d.pptx"), "error", r"is a folder", "d.pptx"),
        Case("check-fifo", g, ["check", "d.pptx"], fifo("d.pptx"), "error", r"named pipe", "d.pptx"),
        Case("check-encrypted", g, ["check", "d.pptx"], files(d_dot_pptx=encrypted()), "error", r"encrypted", "d.pptx"),
        Case("check-slideshow-type-in-pptx", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: with_main_type(deck_of(), SHOW)),
             "error", r"slideshow content type, which PowerPoint refuses", "d.pptx"),
        Case("check-macro-type-in-pptx", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: with_main_type(deck_of(), MACRO)),
             "error", r"macroEnabled content type", "d.pptx"),
        Case("check-powerpoint-bullet-size", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: rezip(deck_of(), edit=lambda n, b: b.replace(
            b"<a:buNone/>", b'<a:buSzPct val="120000"/><a:buNone/>', 1) if n == "ppt/slideMasters/slideMaster1.xml" else b)),
             env={"DECKGEN_OOXML_XSD": str(ROOT.parent / "shared" / "ooxml-xsd")}),
        Case("check-no-main-relationship", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: rezip(deck_of(), edit=lambda n, b: b.replace(
            b"relationships/officeDocument", b"relationships/nothing") if n == "_rels/.rels" else b)), "error",
             r"no officeDocument relationship", "d.pptx"),
        Case("check-doctype-in-a-slide", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: doctype(deck_of(), "ppt/slides/slide1.xml")),
             "error", r"DOCTYPE", "d.pptx"),
        Case("check-picture-without-image", g, ["check", "d.pptx"], files(d_dot_pptx=lambda f: in_layout(deck_of(), PICTURE,
                                                                                                     "ppt/slideLayouts/slideLayout1.xml")),
             "error", r"refers to relationship 'rId99'", "d.pptx"),
        Case("check-source-cells-missing", g, ["check", "o.yaml", "--source", "l.docx"],
             files(l_dot_docx=docx(para("一、数据") + table([["甲格的话。", "乙格的话。"]])),
                   o_dot_yaml="deck:\n  title: 数据\n  notes: 一、数据\nsections:\n  - title: 数据\n    notes: 甲格的话。\n"),
             "error", r"missing from the notes: “乙格的话。”", "l.docx"),
        Case("check-source-text-box-twice", g, ["check", "o.yaml", "--source", "l.docx"],
             files(l_dot_docx=docx(para("正文。", runs=textbox_run(["框里的话。"]))),
                   o_dot_yaml="deck:\n  title: 讲稿\nsections:\n  - title: 部分\n    notes: 正文。框里的话。框里的话。\n"),
             "error", r"present twice in the notes", "o.yaml"),
        Case("check-source-fifo", g, ["check", "o.yaml", "--source", "l.txt"], both(files(o_dot_yaml=SMALL), fifo("l.txt")),
             "error", r"named pipe", "l.txt", writes=True),
        Case("handout-fifo", g, ["handout", "d.pptx"], fifo("d.pptx"), "error", r"named pipe", "d.pptx"),
        Case("handout-encrypted", g, ["handout", "d.pptx"], files(d_dot_pptx=encrypted()), "error", r"encrypted", "d.pptx"),
        Case("preview-folder-named-pptx", g, ["preview", "d.pptx"], folder_named("d.pptx"), "error", r"is a folder", "d.pptx"),
        Case("preview-encrypted", g, ["preview", "d.pptx"], files(d_dot_pptx=encrypted()), "error", r"encrypted", "d.pptx"),
        Case("preview-into-a-file", g, ["preview", "d.pptx", "-o", "look"], files(d_dot_pptx=deck, look="x"), "usage"),
        Case("preview-keeps-the-users-images", g, ["preview", "d.pptx", "-o", "look"],
             files(d_dot_pptx=deck, **{"look__slide-09_dot_png": b"mine:look/slide-09.png",
                                       "look__slide-notes_dot_png": b"mine:look/slide-notes.png"}),
             check=user_files_kept("look/slide-09.png", "look/slide-notes.png"), tools=LO, timeout=180),
        Case("preview-refuses-to-replace-a-users-image", g, ["preview", "d.pptx", "-o", "look"],
             files(d_dot_pptx=deck, **{"look__slide-01_dot_png": b"mine:look/slide-01.png"}), "error", r"holds slide-01\.png, which deckgen "
             r"did not write", "look", check=user_files_kept("look/slide-01.png"), tools=LO, timeout=180),
        Case("preview-with-tmpfs-tmpdir", g, ["preview", "d.pptx"], files(d_dot_pptx=deck), tools=LO, timeout=180,
             check=lambda f, r: [] if len(list((f / "d-preview").glob("slide-*.png"))) == 2 else ["the slide images are missing"],
             env={"DECKGEN_SWEEP_TMPFS": "1"}),
        Case("handout-over-a-users-pdf", g, ["handout", "d.pptx"], files(d_dot_pptx=deck, **{"d-handout_dot_pdf": fake_pdf()}),
             check=kept_somewhere(b"the user's own PDF", warned="kept it as"), tools=LO, timeout=180),
        Case("pdf-over-a-users-pdf", g, [*B, "--pdf"], files(**y(SMALL), outline_dot_pdf=fake_pdf()),
             check=kept_somewhere(b"the user's own PDF", warned="kept it as"), tools=LO, timeout=180),
        Case("pdf-output-fifo", g, [*B, "--pdf"], both(files(**y(SMALL)), fifo("outline.pdf")), "error", r"named pipe", "outline.pdf",
             writes=True, tools=LO),
    ]
    # --- signals: stopped mid-work -------------------------------------------------------------------
    g = "stopped mid-work (signals)"
    old = files(**y(OTHER), outline_dot_pptx=deck, outline_dot_pdf=fake_pdf(b"mine:outline.pdf"))
    c += [
        Case("sigterm-during-build-pdf", g, [*B, "--pdf"], both(old, remember("outline.pdf")), "stopped",
             signal=("soffice", signal.SIGTERM), check=unchanged("outline.pdf"), tools=LO, timeout=180),
        Case("sigint-during-build-pdf", g, [*B, "--pdf"], both(old, remember("outline.pdf")), "stopped",
             signal=("soffice", signal.SIGINT), check=unchanged("outline.pdf"), tools=LO, timeout=180),
        Case("sigterm-during-handout-conversion", g, ["handout", "d.pptx"], files(d_dot_pptx=deck), "stopped",
             signal=("soffice", signal.SIGTERM), tools=LO, timeout=180),
        Case("sigterm-during-handout-rendering", g, ["handout", "d.pptx"], files(d_dot_pptx=deck), "stopped",
             # LibreOffice's PDF is there (in TMPDIR, beside the work folder): the slides are being put on the pages
             signal=("file:../tmp/deckgen-handout-*/d.pdf", signal.SIGTERM), tools=LO, timeout=180),
        Case("sighup-during-handout", g, ["handout", "d.pptx"], files(d_dot_pptx=deck), "stopped",
             signal=("soffice", signal.SIGHUP), tools=LO, timeout=180),
        Case("sigterm-during-preview", g, ["preview", "d.pptx"], files(d_dot_pptx=deck), "stopped",
             signal=("soffice", signal.SIGTERM), tools=LO, timeout=180,
             check=lambda f, r: [] if not (f / "d-preview").exists() else ["an empty preview folder is left"]),
        Case("sigterm-during-outline-preview", g, ["preview", "outline.yaml"], files(**y(SMALL)), "stopped",
             signal=("soffice", signal.SIGTERM), tools=LO, timeout=180),
        Case("sigterm-while-writing-a-large-deck", g, B, both(files(**y("deck:\n  title: T\nsections:\n" + "".join(
            f"  - title: 第{i}部分\n    notes: {'正文。' * 50}\n" for i in range(3000))), outline_dot_pptx=deck), remember("outline.pptx")),
             "stopped", signal=("file:.outline.pptx.*.tmp", signal.SIGTERM), check=unchanged("outline.pptx"), timeout=120),
        Case("sigterm-while-planning-a-large-deck", g, B, both(files(**y("deck:\n  title: T\nsections:\n" + "".join(
            f"  - title: 第{i}部分\n    notes: {'正文。' * 50}\n" for i in range(3000))), outline_dot_pptx=deck), remember("outline.pptx")),
             "stopped", signal=(1.5, signal.SIGTERM), check=unchanged("outline.pptx"), timeout=120),
    ]
    return c


def _taken_backups(folder) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import os

    deck = folder / "deck.pptx"
    stamp = dt.datetime.fromtimestamp(deck.stat().st_mtime).strftime("%Y-%m-%d-%H%M")
    (folder / f"deck.{stamp}.pptx").write_bytes(b"mine:an older backup")
    os.utime(deck, (deck.stat().st_atime, deck.stat().st_mtime))


CASES: list[Case] = build_cases()
