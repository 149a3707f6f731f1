"""Planning the drawn kinds: cards chosen for parallel key：phrase points, big numbers, two columns."""
from __future__ import annotations

import pytest

from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Role
from deckgen.outline.validate import validate
from deckgen.plan import grid
from deckgen.plan.drawn import card_boxes, cards_shaped, key_phrase, split_figure
from deckgen.plan.model import Blocks
from deckgen.plan.planner import plan
from deckgen.theme.model import load_theme

KEYED = ["供给：建立高质量产业体系", "需求：打造高质量需求体系", "投入产出：提高全要素生产率", "分配：共建共享"]


def planned(body: str, language: str = "zh-CN"):  # type: ignore[no-untyped-def]
    text = (f"deck: {{title: T, language: {language}}}\nsections:\n  - title: S\n    subsections:\n      - title: A\n"
            + "".join(f"        {line}\n" for line in body.strip("\n").split("\n")))
    outline, _ = validate(parse_yaml(text, "o.yaml"))
    deck, warnings = plan(outline, load_theme())
    return deck.slides[2:], warnings


def bullets(items: list[str]) -> str:
    return "bullets:\n" + "".join(f"  - {b}\n" for b in items)


class DescribeChoosingCards:
    @pytest.mark.parametrize("text, parts", [("供给：建立高质量产业体系", ("供给", "建立高质量产业体系")),
                                             ("Supply: a high-quality industry", ("Supply", "a high-quality industry")),
                                             ("特征：稳定、均衡、可持续", ("特征", "稳定、均衡、可持续")),
                                             ("A总书记指出：发展是第一要务", None),  # a sentence, not a key
                                             ("比例 1:2", None), ("没有冒号", None)])
    def it_reads_key_phrase_bullets(self, text: str, parts: object) -> None:
        assert key_phrase(text) == parts

    def it_takes_three_to_six_bullets_that_all_have_a_key(self) -> None:
        assert not cards_shaped(KEYED[:2])
        assert cards_shaped(KEYED[:3]) and cards_shaped(KEYED)
        assert not cards_shaped(KEYED + ["没有冒号"])
        assert not cards_shaped(KEYED * 2)

    def it_sets_parallel_points_as_cards_and_says_so_in_the_plan(self) -> None:
        slides, warnings = planned(bullets(KEYED))
        assert slides[0].role is Role.CARDS and warnings == []
        blocks = slides[0].payload
        assert isinstance(blocks, Blocks)
        assert [[r.text for runs in b.paragraphs for r in runs] for b in blocks.items] == [
            ["供给：", "建立高质量产业体系"], ["需求：", "打造高质量需求体系"], ["投入产出：", "提高全要素生产率"], ["分配：", "共建共享"]]
        keys = {b.paragraphs[0][0].size for b in blocks.items}
        phrases = {b.paragraphs[1][0].size for b in blocks.items}
        assert len(keys) == len(phrases) == 1 and keys.pop() > phrases.pop()

    def it_keeps_bullets_when_the_outline_says_kind_bullets(self) -> None:
        slides, _ = planned("kind: bullets\n" + bullets(KEYED))
        assert slides[0].role is Role.CONTENT and slides[0].body.paragraphs == tuple(KEYED)

    def it_sets_any_bullets_as_cards_when_asked_and_splits_more_than_six(self) -> None:
        slides, _ = planned("kind: cards\n" + bullets([f"要点{i}" for i in range(8)]))
        assert [(s.role, s.title.text, len(s.payload.items)) for s in slides] == [  # type: ignore[union-attr]
            (Role.CARDS, "（一）A", 4), (Role.CARDS, "（一）A（续）", 4)]

    def it_gives_every_card_of_the_deck_one_size(self) -> None:
        sizes = {(round(b.w), round(b.h)) for n in range(2, 7) for b in card_boxes(grid.BODY, n)}
        assert len(sizes) == 1
        for n in range(2, 7):
            boxes = card_boxes(grid.BODY, n)
            assert all(grid.BODY.x <= b.x and b.x + b.w <= grid.BODY.x + grid.BODY.w + 1e-6 for b in boxes)
            assert all(grid.BODY.y <= b.y and b.y + b.h <= grid.BODY.y + grid.BODY.h + 1e-6 for b in boxes)


class DescribeBigNumbers:
    @pytest.mark.parametrize("value, parts", [("74.4万亿元", ("74.4", "万亿元")), ("5.2%", ("5.2", "%")),
                                              ("约300万", ("约300", "万")), ("第一", ("第一", "")), ("1,234", ("1,234", ""))])
    def it_splits_a_figure_from_its_unit(self, value: str, parts: tuple[str, str]) -> None:
        assert split_figure(value) == parts

    def it_sets_the_figures_large_with_small_units_and_labels_below(self) -> None:
        slides, _ = planned("numbers:\n  - {value: 126.06万亿元, label: 国内生产总值}\n  - {value: 5.2%, label: 增长}\n"
                            "  - {value: 2.64%, label: 研发投入强度}\nbullets: [其余要点]")
        assert [s.role for s in slides] == [Role.NUMBERS, Role.CONTENT]
        blocks = slides[0].payload.items  # type: ignore[union-attr]
        figure, unit = blocks[0].paragraphs[0]
        assert (figure.text, unit.text) == ("126.06", "万亿元")
        assert load_theme().sizes.number.min <= figure.size <= load_theme().sizes.number.max and unit.size < figure.size
        assert len({b.box.w for b in blocks}) == 1
        assert slides[1].title.text == "（一）A（续）" and slides[1].body.paragraphs == ("其余要点",)


class DescribeCompare:
    def it_fills_the_four_placeholders_at_one_size(self) -> None:
        slides, _ = planned("compare:\n  left: {title: 过去, bullets: [要素投入, 速度]}\n"
                            "  right: {title: 现在, bullets: [创新驱动, 质量效益, 集约发展]}")
        s = slides[0]
        assert s.role is Role.COMPARE and s.payload is None
        assert [name for name, _ in s.texts] == ["left_title", "right_title", "left_body", "right_body"]
        assert s.text("left_body").size == s.text("right_body").size
        assert s.text("right_body").paragraphs == ("创新驱动", "质量效益", "集约发展")

    def it_draws_the_columns_on_a_layout_without_those_placeholders(self) -> None:
        from types import MappingProxyType

        from deckgen.plan.kinds import BUILTIN_FRAMES

        frames = grid.Frames(MappingProxyType({k: v for k, v in BUILTIN_FRAMES.slots.items()
                                               if k[0] != "compare" or k[1] in ("title", "columns")}), BUILTIN_FRAMES.footer)
        text = ("deck: {title: T}\nsections:\n  - title: S\n    compare:\n      left: {title: 过去, bullets: [a]}\n"
                "      right: {title: 现在, bullets: [b]}\n")
        outline, _ = validate(parse_yaml(text, "o.yaml"))
        deck, _ = plan(outline, load_theme(), frames)
        s = deck.slides[-1]
        assert s.role is Role.COMPARE and s.texts == ()
        assert [b.name for b in s.payload.items] == ["Left Heading", "Left Column", "Right Heading", "Right Column"]  # type: ignore[union-attr]
