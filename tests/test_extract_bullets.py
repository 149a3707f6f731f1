"""Drafted bullets: short, few, distilled from parallel clauses, enumerations and key clauses."""
from __future__ import annotations

from deckgen.extract.bullets import draft_bullets, key_clause
from deckgen.extract.text import width


def test_parallel_clauses_become_key_colon_phrase() -> None:
    text = ("在供给上，要建立以实体经济为内核的高质量产业体系，大力提升水平。在需求上，要打造高质量需求体系，持续引领升级。"
            "在分配上，要着力在投资回报、企业利润、员工收入、政府税收等方面取得新成效，实现共同富裕。")
    assert draft_bullets(text) == ["供给：建立以实体经济为内核的高质量产业体系", "需求：打造高质量需求体系",
                                   "分配：着力在投资回报等方面取得新成效"]


def test_from_inside_and_outside_views() -> None:
    text = "从国内看，社会主要矛盾已经转化，发展质量不高。从国际看，百年变局加速演进，风险挑战增多。"
    assert draft_bullets(text) == ["国内：社会主要矛盾已经转化", "国际：百年变局加速演进"]


def test_enumeration_after_a_colon_fills_in() -> None:
    text = "其主要特征表现为：增长的稳定性、发展的均衡性、环境的可持续性和社会的公平性。"
    assert draft_bullets(text) == ["增长的稳定性", "发展的均衡性", "环境的可持续性", "社会的公平性"]


def test_key_clauses_skip_openers_and_reporting_verbs() -> None:
    assert key_clause("改革开放以来，我们全面建成小康社会，迈上新征程。") == "全面建成小康社会"
    assert key_clause("实践充分证明，只有坚持党的全面领导，才能形成强大合力。") == "只有坚持党的全面领导，才能形成强大合力"
    assert key_clause("只有持续推进高质量发展，才能实现重要产业、基础设施、战略资源等关键领域安全可控，守住底线。") == \
        "实现重要产业等关键领域安全可控"
    assert key_clause("办好中国的事情，关键在党。") == "办好中国的事情，关键在党"
    assert key_clause("因此，要实现高质量发展，就必须汇聚各方智慧、凝聚各方力量，统筹推进。") == "汇聚各方智慧、凝聚各方力量"


def test_bullets_are_short_few_and_never_the_paragraph() -> None:
    paragraph = "。".join(f"第{i}句话讲的是一个比较长的道理，需要展开说明才能让听众理解清楚" for i in range(12)) + "。"
    bullets = draft_bullets(paragraph, keep=6)
    assert 1 <= len(bullets) <= 6
    assert all(width(b) <= 24 for b in bullets)


def test_english_bullets() -> None:
    text = ("Emissions impose costs on people who are not party to the transaction. Because those costs are not priced, "
            "firms produce more emissions than is socially optimal. However, a tax can fix this.")
    bullets = draft_bullets(text)
    assert bullets and all(len(b) <= 60 for b in bullets)
    assert "A tax can fix this" in bullets  # a bullet starts with a capital
    # cut before a preposition at most ten words in, never in the middle of a phrase
    assert draft_bullets("Governments can cut other taxes or pay a dividend to households across the country.") == [
        "Governments can cut other taxes or pay a dividend"]
