"""Themes: built-in theme files, WCAG contrast of every text role, decorations, `extends:` and its errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import ContentError
from deckgen.theme.model import AA_LARGE, AA_TEXT, DEFAULT_THEME, Decor, builtin_themes, load_theme
from deckgen.theme.contrast import contrast_problems, contrast_ratio, relative_luminance, text_colors

BUILTIN = list(builtin_themes())
# typefaces installed on Chinese Windows and with WPS (Chinese and English names of the same fonts)
EAST_ASIAN = {"微软雅黑", "Microsoft YaHei", "黑体", "SimHei", "宋体", "SimSun", "仿宋", "FangSong", "楷体", "KaiTi"}
LATIN = {"Arial", "Calibri", "Georgia"}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(spec: str, base: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_theme(spec, base)
    return [str(p) for p in info.value.problems]


class DescribeContrastRatio:
    def it_spans_one_to_twenty_one(self) -> None:
        assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
        assert contrast_ratio("A8191B", "A8191B") == pytest.approx(1.0)

    def it_does_not_depend_on_the_order(self) -> None:
        assert contrast_ratio("003366", "F2F5F9") == contrast_ratio("F2F5F9", "003366")

    def it_matches_the_wcag_reference_values(self) -> None:
        # #777777 on white is the classic "just fails AA" grey; #767676 is the lightest grey that passes
        assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
        assert contrast_ratio("767676", "FFFFFF") >= AA_TEXT
        assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
        assert relative_luminance("808080") == pytest.approx(0.2159, abs=1e-4)

    def it_flags_gold_on_white_as_body_text(self) -> None:
        assert contrast_ratio("D4AF37", "FFFFFF") < AA_LARGE


class DescribeBuiltInThemes:
    def it_has_at_least_four_with_the_default_listed_first(self) -> None:
        assert {"party", "gov", "academic", "dark"} <= set(BUILTIN)
        assert BUILTIN[0] == DEFAULT_THEME == "party"

    @pytest.mark.parametrize("name", BUILTIN)
    def it_loads_each_with_its_name_and_a_description(self, name: str) -> None:
        theme = load_theme(name)
        assert theme.name == name
        assert len(theme.description) > 10 and "\n" not in theme.description

    @pytest.mark.parametrize("name", BUILTIN)
    def it_uses_fonts_found_on_chinese_windows_and_wps(self, name: str) -> None:
        fonts = load_theme(name).fonts
        for pair in (fonts.major, fonts.minor):
            assert pair.ea in EAST_ASIAN
            assert pair.latin in LATIN

    def it_gives_each_theme_its_own_character(self) -> None:
        themes = [load_theme(n) for n in BUILTIN]
        looks = {(t.colors["accent1"], t.roles.content.background, t.decor.edge, t.decor.divider, t.decor.title_rule)
                 for t in themes}
        assert len(looks) == len(themes)
        assert len({t.rgb(t.roles.title.background) for t in themes}) == len(themes)

    def it_keeps_the_party_look_as_the_decoration_defaults(self) -> None:
        assert load_theme("party").decor == Decor()

    def it_sets_the_academic_theme_in_a_serif_and_the_dark_one_dark(self) -> None:
        academic, dark = load_theme("academic"), load_theme("dark")
        assert academic.fonts.major.latin == "Georgia" and academic.fonts.minor.ea in {"宋体", "SimSun", "仿宋", "FangSong"}
        assert dark.dark and relative_luminance(dark.rgb(dark.roles.content.background)) < 0.02


class DescribeWcagContrast:
    @pytest.mark.parametrize("name", BUILTIN)
    def it_meets_aa_for_every_text_role_of_every_theme(self, name: str) -> None:
        theme = load_theme(name)
        for (role, element), t in text_colors(theme).items():
            ratio = contrast_ratio(theme.rgb(t.fg), theme.rgb(t.bg))
            need = AA_LARGE if element in ("title", "label") else AA_TEXT
            assert ratio >= need, f"{name} {role} {element}: {t.fg} on {t.bg} is {ratio:.2f}:1 < {need}:1"
        assert contrast_problems(theme) == []

    def it_covers_every_layout_role_and_text_element(self) -> None:
        keys = set(text_colors(load_theme()))
        assert {("title", "title"), ("title", "subtitle"), ("title", "byline"), ("section", "label"),
                ("section", "title"), ("closing", "title"), ("closing", "body"), ("content", "title"),
                ("content", "body"), ("content", "footer"), ("agenda", "body"), ("statement", "title"),
                ("statement", "source"), ("cards", "key"), ("cards", "text"), ("quote", "quote"), ("quote", "source"),
                ("numbers", "value"), ("numbers", "label"), ("compare", "heading"), ("compare", "body"),
                ("table", "header"), ("table", "body"), ("table", "band"), ("chart", "text"), ("picture", "body")} == keys

    def it_checks_the_section_label_against_its_panel(self, tmp_path: Path) -> None:
        write(tmp_path, "t.yaml", "extends: gov\nroles:\n  section: {panel: lt2}\n")
        theme = load_theme(str(tmp_path / "t.yaml"))
        assert text_colors(theme)[("section", "label")].bg == "lt2"
        assert contrast_problems(theme) == [f"section label: lt1 on lt2 is {contrast_ratio('FFFFFF', 'F2F5F9'):.2f}:1, needs 3:1"]

    def it_reports_grey_footers_on_off_white(self, tmp_path: Path) -> None:
        write(tmp_path, "t.yaml", 'extends: party\ncolors: {accent6: "8A8A8A"}\n')
        problems = contrast_problems(load_theme(str(tmp_path / "t.yaml")))
        assert problems == ["content footer: accent6 on lt2 is 3.26:1, needs 4.5:1",
                            "statement source: accent6 on lt2 is 3.26:1, needs 4.5:1",
                            "quote source: accent6 on lt2 is 3.26:1, needs 4.5:1"]


class DescribeExtends:
    def it_overrides_a_few_values_and_keeps_the_rest(self, tmp_path: Path) -> None:
        path = write(tmp_path, "mine.yaml", 'extends: party\ncolors:\n  accent1: "#7A1010"\ndecor: {edge: frame}\n'
                                            "fonts:\n  major: {latin: Georgia, ea: 宋体}\n")
        theme, party = load_theme(str(path)), load_theme("party")
        assert theme.name == "mine" and theme.description == ""
        assert theme.colors["accent1"] == "7A1010"
        assert theme.colors["accent2"] == party.colors["accent2"]
        assert theme.decor.edge == "frame" and theme.decor.divider == party.decor.divider
        assert theme.fonts.major.latin == "Georgia" and theme.fonts.minor == party.fonts.minor
        assert theme.sizes == party.sizes and theme.roles == party.roles

    def it_follows_a_chain_of_relative_paths(self, tmp_path: Path) -> None:
        (tmp_path / "org").mkdir()
        write(tmp_path / "org", "base.yaml", "extends: gov\nname: org\ndecor: {header: none}\n")
        path = write(tmp_path, "deck.yaml", "extends: org/base.yaml\ndescription: our deck\nsizes: {footer: 12}\n")
        theme = load_theme("deck.yaml", tmp_path)
        assert (theme.name, theme.description) == ("deck", "our deck")
        assert theme.decor.header == "none" and theme.decor.divider == "panel" and theme.sizes.footer == 12
        assert theme.sizes.title == load_theme("gov").sizes.title
        assert load_theme(str(path)) == theme

    def it_places_an_error_in_the_file_that_wrote_the_value(self, tmp_path: Path) -> None:
        write(tmp_path, "base.yaml", "extends: party\ndecor:\n  edge: wavy\n")
        path = write(tmp_path, "mine.yaml", "extends: base.yaml\nroles:\n  content: {background: lt9}\n")
        problems = errors_of(str(path))
        assert problems[0] == (f"{path}:3:25: roles.content.background: 'lt9' is not a scheme colour; use one of "
                               "dk1, lt1, dk2, lt2, accent1, accent2, accent3, accent4, accent5, accent6, hlink, folHlink")
        assert problems[1].startswith(f"{tmp_path / 'base.yaml'}:3:9: decor.edge: Input should be 'band', 'bar', 'frame' or 'none'")
        assert len(problems) == 2

    def it_names_unknown_keys_with_the_allowed_ones(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", "extends: party\ndecor:\n  colour: red\n")
        assert errors_of(str(path)) == [f"{path}:3:3: decor.colour: unknown key 'colour'; allowed: "
                                        "edge, divider, title_rule, header, footer_rule, bullet, band"]

    def it_places_a_bad_colour_at_its_value_and_asks_for_quotes_around_numbers(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", 'extends: party\ncolors:\n  accent1: "9E1B1"\n  accent2: 001234\n')
        assert errors_of(str(path)) == [f"{path}:3:12: colors.accent1: '9E1B1' is not a hex colour like \"A8191B\"",
                                        f"{path}:4:12: colors.accent2: 668 is not a hex colour; write it in quotes, like \"A8191B\""]

    def it_names_a_theme_file_under_the_working_folder_by_its_relative_path(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write(tmp_path, "t.yaml", "extends: party\nsizes: {footer: big}\n")
        monkeypatch.chdir(tmp_path)
        assert errors_of("./t.yaml", tmp_path) == ["t.yaml:2:17: sizes.footer: Input should be a valid number, unable to parse string as a number"]

    def it_detects_cycles(self, tmp_path: Path) -> None:
        write(tmp_path, "a.yaml", "extends: b.yaml\n")
        write(tmp_path, "b.yaml", "name: b\nextends: ./a.yaml\n")
        assert errors_of(str(tmp_path / "a.yaml")) == [
            f"{tmp_path / 'b.yaml'}:2:10: extends: themes extend each other in a cycle: a.yaml → b.yaml → a.yaml; remove one of the extends"]

    def it_detects_a_theme_extending_itself(self, tmp_path: Path) -> None:
        path = write(tmp_path, "self.yaml", "extends: self.yaml\n")
        assert errors_of(str(path)) == [f"{path}:1:10: extends: themes extend each other in a cycle: self.yaml → self.yaml; remove one of the extends"]

    def it_reports_an_unknown_parent_where_extends_is_written(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", "# my theme\nextends: partie\n")
        assert errors_of(str(path)) == [
            f"{path}:2:10: extends: unknown theme 'partie'; did you mean 'party'? built-in themes: {', '.join(BUILTIN)}, "
            "or give a path to a .yaml theme file"]
        write(tmp_path, "u.yaml", "extends: missing.yaml\n")
        assert errors_of(str(tmp_path / "u.yaml"))[0].startswith(
            f"{tmp_path / 'u.yaml'}:1:10: extends: theme file 'missing.yaml' does not exist")

    def it_rejects_an_extends_that_is_not_text(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", "extends: [party, gov]\n")
        assert errors_of(str(path)) == [
            f"{path}:1:10: extends: extends must be a theme name or a path to a .yaml file, got ['party', 'gov']"]

    def it_replaces_a_list_or_scalar_instead_of_merging_it(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", "extends: party\nroles:\n  content: {background: lt1, title: dk2, text: dk1, ornament: accent2}\n")
        theme = load_theme(str(path))
        # a mapping merges key by key: keys not given keep the parent's values
        assert theme.roles.content.bullet == load_theme("party").roles.content.bullet
        assert theme.roles.content.background == "lt1"

    def it_reports_missing_values_of_a_theme_that_extends_nothing(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", "colors: {}\n")
        problems = errors_of(str(path))
        assert f"{path}:1:9: colors: missing scheme colours: dk1, lt1, dk2, lt2, accent1, accent2, accent3, accent4, " \
               "accent5, accent6, hlink, folHlink" in problems
        assert f"{path}:1:1: fonts: Field required" in problems


class DescribeDecor:
    def it_rejects_an_invisible_bullet(self, tmp_path: Path) -> None:
        path = write(tmp_path, "t.yaml", 'extends: party\ndecor: {bullet: " "}\n')
        assert errors_of(str(path)) == [f"{path}:2:17: decor.bullet: bullet must be one visible character, got ' '"]


def test_sizes_scale_with_the_slide_height() -> None:
    """A Keynote template 15 inches tall gets type twice the size of the 7.5-inch slide the theme is for."""
    sizes = load_theme().sizes
    assert sizes.scaled(1) is sizes
    double = sizes.scaled(2)
    assert double.body.max == 2 * sizes.body.max and double.title.min == 2 * sizes.title.min
    assert double.notes == sizes.notes
