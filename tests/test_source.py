"""The report's text as the pages show it (pure parts): marks, search, leader
comments, reconciliations in words, the project grid (issue 9)."""

import jjdata
from explorer_ui import frames
from explorer_ui.text import MarkStyle, pieces_markdown
from jjdata import Filters


def test_marks_are_coloured_bold_text_never_a_padded_background():
    """A background span is padded on both sides: "约 405 亿元" on screen, and faint on a projector."""
    styles = {"hit": MarkStyle("blue"), "other": MarkStyle("gray", bold=False)}
    pieces = [("总投资约", None), ("405", "hit"), ("亿元，", None), ("2021", "other"), ("年", None)]
    assert pieces_markdown(pieces, styles) == r"总投资约:blue[**405**]亿元，:gray[2021]年"
    assert all("background" not in style.color for style in frames.MARK_STYLES.values())
    assert set(frames.MARK_LEGEND) == set(frames.MARK_STYLES)


def test_a_search_for_a_unit_finds_its_other_name(tables):
    # the text names 交通局 twice: its label “晋江市交通局” and, in its comment, “晋江市交通\n运输局”
    assert frames.search_terms(tables, "交通局") == ["交通局", "交通运输局"]
    assert frames.search_terms(tables, " 交通运输局 ") == ["交通运输局", "交通局"]
    raw = tables.reports.iloc[0]["raw_text"]
    assert ["".join(raw[s.start : s.end].split()) for s in frames.search_hits(tables, "交通局")] == [
        "交通运输局",
        "交通局",
    ]
    assert frames.search_terms(tables, "亿元") == ["亿元"]  # not a unit's name: searched as typed
    assert len(frames.search_hits(tables, "亿元")) == 15


def test_comments_keep_whole_sentences_and_drop_the_speaker(tables):
    parts = frames.comment_parts(tables)
    # 吴志朴 on 自然资源局: the first point starts inside the first sentence, which stays whole
    zrzy = parts["c-zrzy"]
    assert zrzy.lead == ""
    first = zrzy.blocks[0].text
    assert first.startswith("当前，晋江面临着用地空间拓展的瓶颈，") and "晋江市自然资源局要开展" in first
    assert [block.numbers for block in zrzy.blocks] == [(1,), (2,), (3,), (4,), (5,)]
    assert zrzy.blocks[-1].text == "要统筹土地出让，进一步深化审批流程，提升项目审查审批的效率。"
    # 王也夫 on 水利局: an opening of whole sentences, then the two points
    water = parts["c-sl"]
    assert water.lead.startswith("今年水利项目实施") and water.lead.endswith("成果来之不易。")
    assert [block.text[:11] for block in water.blocks] == ["下一步，在项目策划生成", "要进一步完善项目管理和"]
    assert [block.numbers for block in water.blocks] == [(1,), (2,)]
    assert water.blocks[0].text.endswith("推动水利项目建设和水系治理成效形成闭环。")  # point 1 holds two sentences
    assert parts["c-gx"].lead.endswith("需要在以下三个方面下大力气争取突破：")  # the list after the colon
    text = frames.source_text(tables)
    for comment in tables.comments.itertuples():  # nothing lost, nothing repeated
        low, high = text.compact_range(jjdata.text.Span(int(comment.start), int(comment.end)))
        whole = parts[comment.comment_id].lead + "".join(block.text for block in parts[comment.comment_id].blocks)
        assert f"晋江市领导{comment.leader}：" + whole == text.compact[low:high], comment.comment_id
        assert not whole.startswith("晋江市领导")


def test_points_sharing_one_sentence_are_marked_inside_it(tables):
    """Issue 15 item 9: 科技局's comment lists three points in one sentence whose close belongs to all three."""
    kj = frames.comment_parts(tables)["c-kj"]
    assert kj.lead.endswith("有思路、有亮点、有成效。")
    (block,) = kj.blocks
    assert block.text == (
        "希望接下去能继续保持，继续抓好项目建设，抓好人才引进和项目招商，抓好新基建比拼，"
        "让科技创新成为引领产业发展、创新转型的第一抓手、第一动力。"
    )
    assert block.numbers == (1, 2, 3)
    assert block.pieces() == (
        (None, "希望接下去能继续保持，"),
        (1, "继续抓好项目建设，"),
        (2, "抓好人才引进和项目招商，"),
        (3, "抓好新基建比拼，让科技创新成为引领产业发展、创新转型的第一抓手、第一动力。"),
    )
    # a point alone in its sentences is one piece, numbered, even when it opens inside the sentence
    (single,) = frames.comment_parts(tables)["c-zrzy"].blocks[0].pieces()
    assert single[0] == 1 and single[1].startswith("当前，晋江面临着")


def test_reconciliations_in_words(tables):
    checks = {c.text.split("：")[0]: c for c in frames.reconciliations(tables)}
    transport = checks["“十四五”重点储备项目数"]
    assert transport.dept == "交通局" and transport.matches
    assert transport.text.endswith("“十四五”储备智慧物流项目数 13，本工具相加为 38 个")  # 24 + 1 + 13: the tool adds
    water = checks["未来拟实施项目涉及的方面"]
    assert (water.dept, water.matches) == ("水利局", False)  # “6个方面”, five listed
    assert water.text.startswith("未来拟实施项目涉及的方面：6 方面；原文逐项列出 5 方面")
    assert all("-" not in c.text and "rec" not in c.text for c in checks.values())  # no ids


def test_the_project_grid_says_single_or_group_of_n_with_qualifiers(tables):
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",), periods=("十四五",)))
    grid = frames.project_grid(tables, frames.project_frame(tables, rows))
    assert list(grid.columns) == ["项目/项目组", "部门", "项目数", "投资（亿元）", "时期", "阶段"]
    # 38 reserve projects, about 405亿; its parts 24 + 1 + 13 marked as already inside it
    assert grid.iloc[:4].values.tolist() == [
        ["“十四五”交通重点储备项目", "交通局", "38 个", "≈405", "“十四五”", "储备"],
        ["└ 道路建设项目", "交通局", "24 个", "", "“十四五”", "储备"],
        ["└ 轨道交通项目", "交通局", "单个", "", "“十四五”", "储备"],
        ["└ 智慧物流项目", "交通局", "13 个", "", "“十四五”", "储备"],
    ]
    assert set(grid.iloc[4:]["项目数"]) == {"单个"} and len(grid) == 10  # the six named corridors
    city = frames.project_grid(
        tables, frames.project_frame(tables, jjdata.filter_projects(tables, Filters(departments=("sw",))))
    )
    assert city.set_index("项目/项目组").loc["已签约招商项目", ["项目数", "投资（亿元）"]].tolist() == ["56 个", ">500"]
    assert city.set_index("项目/项目组").loc["全年签约项目目标", "项目数"] == "≥100 个"
    # an amount the report words otherwise says so; a count keeps its printed unit (issue 15 items 3, 4)
    everything = frames.project_grid(tables, frames.project_frame(tables, tables.projects)).set_index("项目/项目组")
    assert everything.loc["“十三五”交通重点项目", "投资（亿元）"] == "完成投资 ≈137.8"
    assert everything.loc["上半年新增签约项目", "投资（亿元）"] == "计划总投资 71"
    assert everything.loc["首批入库工业储备项目", "项目数"] == "375 项"
    assert everything.loc["在建项目包", "项目数"] == "10 个项目包"
    assert everything.loc["建成投产（投用）项目（力争）", "时期"] == "2021年下半年（时期按上下文理解，原文未明说）"


def test_the_unit_page_opens_on_a_unit_with_figures(tables):
    in_order = list(tables.departments.sort_values("page_order")["dept_id"])
    assert in_order[0] == "zrzy"  # 自然资源局 comes first and has no figures
    assert frames.default_unit(tables, in_order) == "zj"
    assert frames.default_unit(tables, ["jt", "sl"]) == "jt"
    assert frames.default_unit(tables, ["zrzy"]) == "zrzy"
