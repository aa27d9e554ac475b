"""Comment point detection (issue 8, item 3): every form the page uses, from its own wording."""

import pytest

from jjdata.points import point_openings

from .test_errors import assert_build_refuses, edit_annotation


def openings(text):
    return [text[at : at + 4] for at in point_openings(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # enumerated; the 要 inside point 二 opens no point of its own
        (
            "领导某某：要重点抓好四个方面。一是注重谋划；二是注重协调，要深入一线；三是注重创新",
            ["一是注重", "二是注重", "三是注重"],
        ),
        ("建议要继续紧抓重点项目：一要持续围绕；二要再梳理；三要着重推进", ["一要持续", "二要再梳", "三要着重"]),
        # a list after a colon; 需要 and 要素 are no 要-points
        (
            "下阶段，需要在以下三个方面争取突破：必须采取措施；新材料方面，未来要作为方向；此外，要素保障",
            ["必须采取", "新材料方", "此外，要"],
        ),
        # parallel 要, also when the first follows its subject
        (
            "晋江市领导某某：当前，该局要开展行动；要从经营上研究；要统筹土地出让。",
            ["要开展行", "要从经营", "要统筹土"],
        ),
        # a single 要 is one point; 要求 is no point
        ("当前，基础不稳固，财政部门要坚持稳中求进，按要求做好各项工作。", ["要坚持稳"]),
        # the same verb opening consecutive clauses (继续 belongs to the first)
        (
            "希望能继续保持，继续抓好项目建设，抓好人才引进，抓好新基建比拼，让科技创新成为动力。",
            ["继续抓好", "抓好人才", "抓好新基"],
        ),
        # nothing listed
        ("科技局工作做得好，有思路、有亮点、有成效。", []),
    ],
)
def test_point_openings(text, expected):
    assert openings(text) == expected


def test_leader_prefix_colon_is_not_a_list():
    assert openings("晋江市领导吴志朴：当前，晋江面临瓶颈，需求旺盛。") == []


def test_kj_lists_three_points_with_their_texts(tables):
    points = tables.comment_points[tables.comment_points["comment_id"] == "c-kj"]
    assert points["text"].tolist() == [
        "继续抓好项目建设",
        "抓好人才引进和项目招商",
        "抓好新基建比拼，让科技创新成为引领产业发展、创新转型的第一抓手、第一动力",
    ]


def test_cz_has_its_single_yao_point(tables):
    points = tables.comment_points[tables.comment_points["comment_id"] == "c-cz"]
    assert points["text"].tolist() == [
        "要坚持稳中求进工作总基调，慎终如始强化增收节支、绩效管理、经营运作、风险防控等各项工作"
    ]


def test_every_comment_lists_points(tables):
    per_comment = tables.comment_points.groupby("comment_id").size().to_dict()
    assert per_comment == {
        "c-zrzy": 5,
        "c-zj": 4,
        "c-jt": 4,
        "c-sl": 2,
        "c-fg": 4,
        "c-cz": 1,
        "c-kj": 3,
        "c-sw": 3,
        "c-gx": 3,
        "c-bdt": 3,
    }


def test_a_comment_whose_points_were_left_out_is_refused(data_copy):
    edit_annotation(
        data_copy,
        'points = ["继续抓好项目建设", "抓好人才引进和项目招商", "抓好新基建比拼"]',
        "points = []",
    )
    assert_build_refuses(
        data_copy,
        "id=c-kj",
        "列出了 3 个要点（“继续抓好项目建设…”、“抓好人才引进和项…”、“抓好新基建比拼，…”）",
        "points 列了 0 个",
    )


def test_a_point_listed_in_the_wrong_place_is_refused(data_copy):
    edit_annotation(data_copy, 'points = ["要坚持稳中求进工作总基调"]', 'points = ["慎终如始强化增收节支"]')
    assert_build_refuses(data_copy, "id=c-cz", "第 1 个要点应从原文的“要坚持稳中求进工…”一带开始")
