"""Sentence coverage (issue 8, item 4): every sentence of the page is held by a record or said to be narrative."""

import pytest

from jjdata.coverage import sentence_coverage
from jjdata.sentences import sentence_spans
from jjdata.text import compact

from .test_errors import assert_build_refuses, edit_annotation


def sentences_of(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲。乙！丙？丁；戊", ["甲。", "乙！", "丙？", "丁；", "戊"]),  # the last one needs no punctuation
        ("看他们如何谈思路、谋发展……", ["看他们如何谈思路、谋发展……"]),
        ("打造“创新高地”金名片。", ["打造“创新高地”金名片。"]),
        ("他说“好。”然后走了。", ["他说“好。”", "然后走了。"]),  # a closing quote stays with its sentence
        (
            "近期重点完善两个规划内容：包括打通通往高铁的三大通道；",
            ["近期重点完善两个规划内容：包括打通通往高铁的三大通道；"],
        ),
        ("。；", []),  # punctuation alone is no sentence
    ],
)
def test_sentence_rule(text, expected):
    assert sentences_of(text) == expected


def test_line_breaks_never_end_a_sentence(tables):
    text = tables.sentences.set_index("sentence_no").loc[1, "text"]
    assert text.startswith("在强化要素保障上，晋江市自然资源局冲在前")  # printed over four lines
    assert text.endswith("土地征收前期工作；")


def test_the_sentences_are_the_intro_bodies_and_comments_without_a_gap(tables):
    sections = tables.sections[tables.sections["role"].isin(["intro", "body", "comment"])]
    sentences = tables.sentences
    assert "".join(sentences.sort_values("start")["text"]) == "".join(
        compact(text) for text in sections.sort_values("start")["text"]
    )
    per_role = sentences.groupby("role", observed=True).size().to_dict()
    assert per_role == {"intro": 2, "body": 67, "comment": 44}


def test_every_sentence_is_held_by_a_record_or_narrative(tables):
    coverage = sentence_coverage(tables)
    assert (coverage.sentences, coverage.by_records, coverage.narrative, coverage.unexplained) == (113, 105, 8, 0)
    assert coverage.percent == 100.0
    sentences = tables.sentences
    held = sentences["covered_by"].fillna("").str.len() > 0
    assert (held | sentences["narrative_reason"].notna()).all()
    assert not (held & sentences["narrative_reason"].notna()).any()


def test_a_sentence_is_linked_to_the_records_that_quote_it(tables):
    by_text = tables.sentences.set_index("text")["covered_by"]
    assert by_text["前期尚未开工项目，共有18个；"].split(",") == [
        "figure:sl-preliminary",
        "project:sl-2021-preliminary",
        "note:dn-basis-water-32",
    ]
    assert by_text["拓展融资平台和渠道，强化资金保障；"] == "list:bdt-measures"
    assert (
        by_text["要再加强招商队伍培养，培养一批懂金融、知法律的招商干部队伍；"] == "point:c-sw#2,list:sw-comment-team"
    )
    # 分园区's comment holds facts: what 2016年以来 brought, a batch signed 今年上半年
    comment = next(text for text in by_text.index if text.startswith("晋江市领导赖有为：2016年以来"))
    assert by_text[comment] == "event:ev-bdt-since-2016,event:ev-bdt-h1-signed,note:dn-bdt-comment"


def test_narrative_sentences_say_why(tables):
    narrative = tables.sentences.dropna(subset=["narrative_reason"]).set_index("text")["narrative_reason"]
    assert narrative["从近几年情况看，财政运行总体上平稳有序。"] == "对近几年财政运行的总体评价，没有具体事项或数字"
    assert (narrative.str.len() > 10).all()


def test_an_uncovered_sentence_is_refused_with_its_text_and_the_fix(data_copy):
    edit_annotation(
        data_copy,
        '[[narrative]]\nquote = "从近几年情况看，财政运行总体上平稳有序。"\nreason = "对近几年财政运行的总体评价，没有具体事项或数字"\n',
        "",
    )
    error = assert_build_refuses(
        data_copy,
        "正文（cz）的句子“从近几年情况看，财政运行总体上平稳有序。”",
        "没有任何记录引用它",
        '[[narrative]] quote = "从近几年情况看，财政运行总体上平稳有序。", reason = "……"',
    )
    assert error.sentence_coverage.unexplained == 1
    assert error.sentence_coverage.sentences == 113


def test_narrative_on_a_sentence_a_record_holds_is_refused(data_copy):
    edit_annotation(
        data_copy,
        '[[narrative]]\nquote = "今年上半年重点项目建设迅速推进。"',
        '[[narrative]]\nquote = "今年上半年重点项目建设迅速推进。"\nreason = "x"\n\n[[narrative]]\nquote = "强化土地、征迁、资金等三项要素保障"',
    )
    assert_build_refuses(data_copy, "这句已由 figure:fg-elements, list:fg-elements 记录，不是叙述")


def test_narrative_across_two_sentences_is_refused(data_copy):
    edit_annotation(
        data_copy,
        'quote = "从近几年情况看，财政运行总体上平稳有序。"',
        'quote = "从近几年情况看，财政运行总体上平稳有序。未来，晋江市财政"',
    )
    assert_build_refuses(data_copy, "narrative 的引文不在一个句子之内")
