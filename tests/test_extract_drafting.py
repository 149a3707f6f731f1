"""Drafting by ranking: sub-heads first, no fragments, no title repeats, no empty slides, English done properly."""
from __future__ import annotations

from pathlib import Path

from deckgen.extract.bullets import draft_bullets, key_clause
from deckgen.extract.english import phrase as en_phrase
from deckgen.extract.phrases import zh_phrase
from deckgen.extract.pipeline import extract
from deckgen.extract.salience import Salience, score
from deckgen.extract.text import width
from deckgen.text.sentences import sentences

REPORT = ("扎实有效去产能。今年再压减钢铁产能3000万吨左右，退出煤炭产能1.5亿吨以上。同时，要淘汰、停建、缓建煤电产能5000万千瓦以上，"
          "以防范化解煤电产能过剩风险，提高煤电行业效率，为清洁能源发展腾空间。\n"
          "持续推进政府职能转变。深入推进简政放权、放管结合、优化服务改革，减少行政审批事项。在全国推开“证照分离”改革，"
          "重点是照后减证，各类证能减尽减、能合尽合。\n"
          "积极扩大就业。城镇新增就业1351万人，高校毕业生795万人创历史新高。实施就业优先政策，多渠道促进创业就业。")


class DescribeSubHeads:
    def it_puts_the_paragraph_sub_heads_on_the_slide(self) -> None:
        bullets = draft_bullets(REPORT)
        assert {"扎实有效去产能", "持续推进政府职能转变", "积极扩大就业"} <= set(bullets)

    def it_keeps_the_order_of_the_text(self) -> None:
        bullets = draft_bullets(REPORT)
        assert bullets == sorted(bullets, key=REPORT.index)

    def it_prefers_a_sub_head_in_the_middle_of_a_paragraph_to_a_detail(self) -> None:
        text = ("提升科技创新质效。完善科技创新投入机制，科技创新投入7232亿元、增长5.6%。首期规模500亿元的基金签约落地。"
                "加快人工智能创新发展。人工智能核心产业营收6800亿元左右，通用模型性能全球领先。"
                "充分发挥人才关键作用。新增院士7名，新增国家级青年人才475名。")
        bullets = draft_bullets(text)
        assert bullets[0] == "提升科技创新质效"
        assert {"加快人工智能创新发展", "充分发挥人才关键作用"} <= set(bullets)
        assert "首期规模500亿元的基金签约落地" not in bullets


class DescribeFigures:
    def it_keeps_a_central_figure_exact(self) -> None:
        text = ("过去五年，高质量发展扎实推进。我们坚持以新发展理念引领发展，有效应对多重风险挑战。"
                "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元、实现万亿级跃升，"
                "高速公路总里程达到9000公里，港口通过能力突破12亿吨。")
        bullets = draft_bullets(text)
        assert "全省生产总值增长到4.93万亿元" in bullets  # `从…增长到` condensed, the figure as written


class DescribePhrases:
    def it_never_takes_a_topic_or_condition_clause_for_the_point(self) -> None:
        assert zh_phrase("到二〇三五年") is None
        assert zh_phrase("在全面建设社会主义现代化国家新征程中") is None
        assert zh_phrase("中国虽然是发展中大国") is None
        assert key_clause("推动高质量发展，就必须汇聚各方智慧、凝聚各方力量。") == "汇聚各方智慧、凝聚各方力量"

    def it_tries_the_next_clause_when_the_first_is_too_long(self) -> None:
        sentence = ("要深入学习贯彻新时代中国特色社会主义思想和党的二十大精神以及中央经济工作会议精神和省委全会部署要求，"
                    "坚持问题导向，发挥主观能动性。")
        assert key_clause(sentence) == "坚持问题导向"

    def it_drops_connectives_and_never_leaves_a_dangling_end(self) -> None:
        assert zh_phrase("同时，着力构建高质量生产组织方式") == "着力构建高质量生产组织方式"
        assert zh_phrase("经济结构不够合理的") is None
        assert zh_phrase("也是河北高质量发展的关键五年") is None  # `是…`: a fragment once `也` goes

    def it_folds_an_enumeration_only_where_it_ends_the_clause(self) -> None:
        assert zh_phrase("确保生产、流通、分配、消费循环畅通", 12) is None  # never `确保生产等`
        assert zh_phrase("大力提高劳动产出效率、资本利用效率、土地收益效率、资源使用效率") == "大力提高劳动产出效率等"

    def it_never_cuts_a_coverb_or_a_shared_head_noun_from_its_verb(self) -> None:
        assert zh_phrase("要把能否坚持贯彻落实新发展理念、推进高质量发展作为检验广大党员干部的重要尺度") is None
        assert zh_phrase("以燕子垒窝的恒劲、蚂蚁啃骨的韧劲、老牛爬坡的拼劲") is None
        assert zh_phrase("不断满足人民群众个性化、多样化的需求", 12) is None  # never `…个性化`
        assert zh_phrase("经济建设可以创造更多物质财富、为现代化建设提供必要的物质支撑") == "经济建设可以创造更多物质财富"

    def it_skips_a_condition_before_a_consequence_and_the_speaker_on_the_talk(self) -> None:
        bullets = draft_bullets("没有立足高质量发展的深刻变革，就不可能实现现代化强国的目标。借此机会，由我率先为大家作一堂党课报告。"
                                "我们要推动经济实现质的有效提升。")
        assert "没有立足高质量发展的深刻变革" not in bullets
        assert not any("党课报告" in b for b in bullets)
        assert "推动经济实现质的有效提升" in bullets

    def it_takes_a_point_from_inside_a_quotation_without_its_quote_mark(self) -> None:
        bullets = draft_bullets("总书记强调，“在新征程上，我们要坚定不移推动高质量发展”。我们要着力提升发展的质效。")
        assert "坚定不移推动高质量发展" in bullets

    def it_balances_quotes(self) -> None:
        for bullet in draft_bullets("坚持“两个毫不动摇”，贯彻落实民营经济促进法。依法保障平等使用生产要素、公平参与市场竞争。"):
            assert bullet.count("“") == bullet.count("”")


class DescribeTheSlide:
    def it_never_repeats_the_title(self) -> None:
        text = "高质量发展是体现新发展理念的发展。它要求产业体系更加完整，产品和服务质量进一步提高。"
        bullets = draft_bullets(text, title="高质量发展是体现新发展理念的发展")
        assert bullets and "高质量发展是体现新发展理念的发展" not in bullets

    def it_skips_bullets_already_on_earlier_slides(self) -> None:
        text = "全面建设社会主义现代化国家。坚持稳中求进工作总基调，推动经济实现质的有效提升。"
        first = draft_bullets(text)
        assert first
        assert not set(first) & set(draft_bullets(text, avoid=first))

    def it_drafts_three_to_five_bullets_from_two_sentences_or_more(self) -> None:
        for paragraph in REPORT.split("\n"):
            assert 3 <= len(draft_bullets(paragraph)) <= 5, paragraph
            assert all(6 <= width(b) <= 21 for b in draft_bullets(paragraph))

    def it_uses_five_bullets_when_there_are_five_sub_heads(self) -> None:
        heads = ["加强文化遗产保护", "培育文化产业新增长点", "促进文旅深度融合", "加快推进文化惠民", "推动体育事业发展"]
        text = "".join(f"{h}。这方面的工作取得了新的进展，成效明显。" for h in heads)
        assert draft_bullets(text) == heads


class DescribeEnglish:
    SPEECH = ("Mr. Speaker, Mr. Vice President, Members of Congress, my fellow Americans: Thank you. "
              "Are we listening to each other? Or are we listening only to ourselves? "
              "Our excessive dependence on OPEC has already taken a tremendous toll on our economy. "
              "It is a clear and present danger. "
              "We will cut our dependence on foreign oil by one-half by the end of the next decade.")

    def it_drafts_no_salutation_question_or_pronoun_led_clause(self) -> None:
        bullets = draft_bullets(self.SPEECH)
        assert bullets
        for bullet in bullets:
            assert not bullet.startswith(("Mr", "Thank", "Are", "Or", "It ")) and not bullet.endswith("?")
            assert 3 <= len(bullet.split()) <= 10
        assert "Our excessive dependence on OPEC has taken a tremendous toll" in bullets

    def it_cuts_a_long_clause_before_a_preposition_and_keeps_a_verb(self) -> None:
        assert en_phrase("These funds will be paid by Americans to Americans for the sake of our energy future") == \
            "The funds will be paid by Americans to Americans"
        assert en_phrase("American makers of plowshares could") is None  # a verb left without what follows
        assert "American makers of plowshares" not in draft_bullets(
            "American makers of plowshares could, with time, make swords as well. We must never let this happen.")


class DescribeSalience:
    def it_weighs_terms_of_this_slide_above_terms_of_every_slide(self) -> None:
        slides = ["高质量发展推进碳达峰", "高质量发展建设农田", "高质量发展保障就业"]
        weights = Salience.of(slides).weights(slides[0])
        assert score("推进碳达峰", weights) > score("高质量发展", weights)


def test_every_slide_of_a_lecture_with_text_gets_bullets_and_no_bullet_twice(tmp_path: Path) -> None:
    lecture = tmp_path / "report.txt"
    lecture.write_text("政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、过去一年的工作\n"
                       "过去一年，全省生产总值增长5.5%，一般公共预算收入增长1.8%。城乡居民收入分别增长4.3%、5.5%，十方面民生实事圆满完成。\n"
                       f"（一）稳增长。{REPORT.splitlines()[0]}\n（二）惠民生。{REPORT.splitlines()[2]}\n"
                       "二、今年的工作\n今年是开局之年。主要预期目标是：生产总值增长5%左右，城镇调查失业率5.5%左右。\n"
                       f"（一）抓改革。{REPORT.splitlines()[1]}\n（二）促发展。坚持创新驱动发展。加快建设现代化产业体系，推动产业升级。\n",
                       encoding="utf-8")
    outline = extract(lecture).outline
    seen: list[str] = []
    for section in outline.sections:
        own = section.notes.split("\n", 1)[1] if "\n" in section.notes.strip() else ""
        if len(sentences(own)) >= 2:
            assert section.bullets, section.title  # a top-level section with text of its own drafts from it
        for sub in section.subsections:
            assert 3 <= len(sub.bullets) <= 5, sub.title
            seen += sub.bullets
        seen += section.bullets
    assert len(seen) == len(set(seen))
    assert "全省生产总值增长5.5%" in outline.sections[0].bullets


def test_a_quote_slide_does_not_repeat_its_quotation_as_bullets(tmp_path: Path) -> None:
    path = tmp_path / "lecture.txt"
    path.write_text("关于新发展格局的报告\n一、构建新发展格局\n（一）把握战略任务。总书记指出：“加快构建新发展格局，是一项关系我国发展全局的"
                    "重大战略任务，需要从全局高度准确把握和积极推进。”构建新发展格局的根本出发点仍然是发展。战略支点是高质量发展，"
                    "实践路径是国内国际双循环。\n（二）推进改革。我们要深化改革。坚持扩大开放。\n", encoding="utf-8")
    outline = extract(path).outline
    slide = outline.sections[0].subsections[0]
    assert slide.kind == "quote" and slide.bullets
    assert not any(b in "需要从全局高度准确把握和积极推进重大战略任务加快构建新发展格局" for b in slide.bullets)
