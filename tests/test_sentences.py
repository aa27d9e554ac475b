"""Sentence coverage (issue 8, item 4): every sentence of the page is held by a record or said to be narrative."""

import pytest

from jjdata.coverage import sentence_coverage
from jjdata.sentences import sentence_spans
from jjdata.text import compact

from .test_errors import ANNOTATION, assert_build_refuses, edit_annotation


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
    assert (coverage.sentences, coverage.by_records, coverage.narrative, coverage.unexplained) == (113, 104, 9, 0)
    # each sentence once, under the first kind that holds it: 40 with a figure; 安置房 (17), 科技局's
    # 基地 (74) and 工信局's 基地 (94) with projects only; the roadshow (11) and 分园区's comment (110) with
    # events; the rest with list items only
    assert coverage.held == {"figure": 40, "project": 3, "event": 2, "item": 59}
    assert coverage.percent == 100.0
    sentences = tables.sentences
    held = sentences["covered_by"].fillna("").str.len() > 0
    assert (held | sentences["narrative_reason"].notna()).all()
    assert not (held & sentences["narrative_reason"].notna()).any()


def test_a_sentence_is_linked_to_the_records_that_quote_it(tables):
    by_text = tables.sentences.set_index("text")["covered_by"]
    # a data note on the sentence (dn-basis-water-32) holds nothing of it
    assert by_text["前期尚未开工项目，共有18个；"] == "figure:sl-preliminary,project:sl-2021-preliminary"
    # the list's quote runs over four sentences: this one is held by its third item
    assert by_text["拓展融资平台和渠道，强化资金保障；"] == "item:bdt-measures#3"
    # 商务局's comment: its second point (c-sw#2) holds nothing, the items 懂金融、知法律 do
    sentence = "要再加强招商队伍培养，培养一批懂金融、知法律的招商干部队伍；"
    assert by_text[sentence] == "item:sw-comment-team#1,item:sw-comment-team#2"
    # 分园区's comment holds facts: what 2016年以来 brought, a batch signed 今年上半年 (its note dn-bdt-comment does not)
    comment = next(text for text in by_text.index if text.startswith("晋江市领导赖有为：2016年以来"))
    assert by_text[comment] == "event:ev-bdt-since-2016,event:ev-bdt-h1-signed"


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
    assert_build_refuses(
        data_copy,
        "这句已由 figure:fg-elements, item:fg-elements#1, item:fg-elements#2, item:fg-elements#3 记录，不是叙述",
    )


def test_narrative_across_two_sentences_is_refused(data_copy):
    edit_annotation(
        data_copy,
        'quote = "从近几年情况看，财政运行总体上平稳有序。"',
        'quote = "从近几年情况看，财政运行总体上平稳有序。未来，晋江市财政"',
    )
    assert_build_refuses(data_copy, "narrative 的引文不在一个句子之内")


# -- what holds a sentence: a record of what it says (issue 15 item 8) ---------------------------------


def drop_lists(data_dir, list_ids):
    """Take these ``[[lists]]`` records out of the annotation copy."""
    path = data_dir / ANNOTATION
    records = path.read_text(encoding="utf-8").split("\n\n")
    kept = [r for r in records if not any(r.startswith(f'[[lists]]\nid = "{i}"\n') for i in list_ids)]
    assert len(records) - len(kept) == len(list_ids)
    path.write_text("\n\n".join(kept), encoding="utf-8")


def test_a_comment_point_holds_no_sentence(data_copy):
    """A point runs to the next one, so each sentence after a point's opening passed as held; the points
    hold where the leader's points start, not what they say: without 交通局's four comment lists, refused."""
    drop_lists(data_copy, ["jt-comment-initiatives", "jt-comment-quality", "jt-constraints", "jt-comment-logistics"])
    error = assert_build_refuses(
        data_copy,
        "领导点评（jt）的句子“下一步，要紧扣全市的发展大局，进一步完善交通规划，",
        "领导点评（jt）的句子“要精细化管理，精准调度，确保进度、质量、安全齐头并进，把每个项目都打造成精品工程；”",
        "领导点评（jt）的句子“要主动靠前，积极沟通协调，全面破解项目推进过程中的规划、土地、资金、征迁等制约问题；”",
        "领导点评（jt）的句子“要积极谋划推进，加强与相关部门的协作，",
    )
    assert (error.sentence_coverage.sentences, error.sentence_coverage.unexplained) == (113, 4)


def test_a_data_note_holds_no_sentence(data_copy):
    """A note says how to read the text; it records nothing the sentence says."""
    edit_annotation(
        data_copy,
        '[[narrative]]\nquote = "从近几年情况看，财政运行总体上平稳有序。"\nreason = "对近几年财政运行的总体评价，没有具体事项或数字"\n',
        '[[data_notes]]\nid = "dn-added"\ndept = "cz"\nseverity = "info"\nquote = "从近几年情况看，财政运行总体上平稳有序。"'
        '\nabout = []\nnote = "一条说明"\n',
    )
    error = assert_build_refuses(
        data_copy, "正文（cz）的句子“从近几年情况看，财政运行总体上平稳有序。”（原文位置 3916）没有任何记录引用它"
    )
    assert error.sentence_coverage.unexplained == 1


def test_a_list_holds_the_sentences_of_its_items_not_of_its_whole_quote(data_copy):
    """分园区's 要素保障 measures: four sentences under one quote; a list of only the first holds only the first."""
    edit_annotation(
        data_copy,
        'items = ["适时修订产业政策", "推进园区规划建设", "拓展融资平台和渠道", "深化“单一窗口”服务机制"]',
        'items = ["适时修订产业政策"]',
    )
    error = assert_build_refuses(
        data_copy,
        "正文（bdt）的句子“推进园区规划建设，强化招商载体；”",
        "正文（bdt）的句子“拓展融资平台和渠道，强化资金保障；”",
        "正文（bdt）的句子“深化“单一窗口”服务机制，优化企业及人才服务，持续提升产业环境。”",
    )
    assert error.sentence_coverage.unexplained == 3
