"""Issue 15: every amount keeps its own words, and only like amounts are added, subtracted
or compared. One test per case the audit saw, on the surface where it was seen; each failed
on main before the amount's kind was decided in ``jjdata.amounts``. Values by hand from the
report."""

import re

import pytest

from explorer_ui import answers, briefing, frames
from explorer_ui.briefing import COMPARISON, DEPARTMENT, OVERVIEW, View
from jjdata import Filters, filter_projects, totals

from .test_answers import WATER_2021
from .test_pages import answer_lines, open_app

READ_CITY = "按全市统计理解，原文未明说"
READ_PERIOD = "时期按上下文理解，原文未明说"


def unescaped(text: str) -> str:
    """A cell as drawn: st.table reads cells as Markdown, so the app escapes them."""
    return re.sub(r"\\(.)", r"\1", str(text))


def table_rows(at, index: int = -1) -> list[list[str]]:
    frame = at.table[index].value
    return [[unescaped(v) for v in row] for row in frame.astype(str).to_numpy().tolist()]


def what_if(monkeypatch, **params) -> list[list[str]]:
    """情景对比's table as drawn: 统计范围, 指标, 情景 A, 情景 B, B − A."""
    return table_rows(open_app(monkeypatch, "pages/4_情景对比.py", **params))


def test_1_a_side_whose_filters_leave_a_total_out_says_so(monkeypatch):
    """The report gives 交通局's “十三五” 44 / ≈137.8; B's filter (十四五) leaves them out: not 原文未给出."""
    rows = what_if(monkeypatch, dept=["jt"], b_dept=["jt"], b_period=["2021-2025"])
    thirteenth = [r[1:] for r in rows if r[0].startswith("“十三五”")]
    assert thirteenth == [
        ["项目数", "44 个", "不在当前筛选内", "不相减（B 不在当前筛选内）"],
        ["完成投资", "≈137.8 亿元", "不在当前筛选内", "不相减（B 不在当前筛选内）"],
    ]
    assert not [r for r in rows if "原文未给出" in r[2:4]]


def test_2_no_difference_where_a_side_leaves_rows_out(monkeypatch):
    """A 水利局 2021, B 住建局 + 水利局 2021: B's 住建局 rows give no investment; no “0 亿元（仅已给出的部分）”."""
    rows = what_if(monkeypatch, dept=["sl"], period=["2021"], b_dept=["zj", "sl"], b_period=["2021"])
    assert not [r for r in rows if "仅已给出的部分" in r[4]]
    by_scope = {(r[0], r[1]): r[2:] for r in rows}
    # the 32 are the same rows on both sides: their numbers are equal, complete on both sides
    water = "2021年 · 水利局 · 推进项目（多阶段）"
    assert by_scope[water, "项目数"] == ["32 个", "32 个", "0 个"]
    assert by_scope[water, "总投资"] == ["101.78 亿元", "101.78 亿元", "0 亿元"]
    # 住建局's 可纳统 123 are a total of their own, which A's filters leave out
    assert by_scope["2021年 · 住建局 · 可纳统项目", "项目数"] == [
        "不在当前筛选内",
        "123 个",
        "不相减（A 不在当前筛选内）",
    ]


def test_3_the_reports_word_for_an_amount_on_every_surface(monkeypatch):
    """交通局's ≈137.8 is 完成投资 (card, totals, 情景对比); 水利局's 19.3 is 估算总投资 (totals, grid, 情景对比)."""
    at = open_app(monkeypatch, "pages/2_部门.py", unit="jt")
    shown = [(m.label, m.value) for m in at.metric]
    assert shown.count(("完成投资（亿元）", "≈137.8")) == 2  # the unit's card and its total
    assert ("总投资（亿元）", "≈137.8") not in shown
    assert ["“十三五”（2016–2020） · 交通局 · 已实施项目", "完成投资"] in [
        r[:2] for r in what_if(monkeypatch, dept=["jt"], b_dept=["jt"])
    ]
    at = open_app(monkeypatch, "pages/2_部门.py", unit="sl")
    cells = [c for row in table_rows(at, 0) for c in row]
    assert "估算总投资 19.3 亿元" in cells
    grid = open_app(monkeypatch, "pages/1_项目.py", dept=["sl"]).dataframe[0].value
    assert grid.set_index("项目/项目组").loc["未来拟实施水利项目", "投资（亿元）"] == "估算总投资 19.3"
    rows = what_if(monkeypatch, dept=["sl"], b_dept=["sl"])
    assert [r[1:] for r in rows if r[0].startswith("未注明时期")] == [
        ["估算总投资", "19.3 亿元", "19.3 亿元", "0 亿元"]
    ]


def test_4_a_count_keeps_its_printed_unit_and_is_never_added_to_another(tables, monkeypatch):
    """住建局's 22 个 and 工信局's 375 项 were one “397 个”; the 项目 grid showed 375 个."""
    lines = answer_lines(open_app(monkeypatch, period=["2021"]))
    assert not [line for line in lines if "397" in line]
    assert "工信局2021年储备项目：375 项，年度计划投资 265.6 亿元；原文未给出总投资。" in lines
    assert "住建局2021年储备项目：22 个；原文未给出总投资和年度计划投资。" in lines
    grid = open_app(monkeypatch, "pages/1_项目.py", dept=["gx"]).dataframe[0].value
    assert grid.set_index("项目/项目组").loc["首批入库工业储备项目", "项目数"] == "375 项"


def test_5_unlike_pools_are_never_subtracted(monkeypatch):
    """A 住建局, B 工信局: 22 real-estate reserve projects minus 375 proposals in an industrial pool (+353)."""
    rows = what_if(monkeypatch, dept=["zj"], b_dept=["gx"])
    assert not [r for r in rows if "353" in r[4]]
    by_scope = {(r[0], r[1]): r[2:] for r in rows}
    assert by_scope["2021年 · 住建局 · 储备项目", "项目数"] == ["22 个", "不在当前筛选内", "不相减（B 不在当前筛选内）"]
    assert by_scope["2021年 · 工信局 · 储备项目（按“项”计）", "项目数"] == [
        "不在当前筛选内",
        "375 项",
        "不相减（A 不在当前筛选内）",
    ]


def test_6_a_total_holds_only_rows_of_one_phase(tables, monkeypatch):
    """“实施项目 199 = 住建局 167 (可纳统 123 + 启动 44) + 水利局 32 (18 not yet started)” is gone:
    each phase the text names is its own total, and the parts of the 32 say they are within it."""
    lines = answer_lines(open_app(monkeypatch))
    assert not [line for line in lines if re.search(r"\b(199|167) 个", line)]
    assert "住建局2021年可纳统项目：123 个；原文未给出总投资和年度计划投资。" in lines
    assert "住建局2021年已启动项目：44 个；原文未给出总投资和年度计划投资。" in lines
    assert WATER_2021 in lines  # the 18 not yet started, the packages and the 4 said inside the 32, never added
    stage = tables.projects.set_index("project_id")["stage_id"].astype(str)
    for total in totals(tables, filter_projects(tables, Filters())):
        counted = set(total.projects.given_by + total.investment.given_by + total.annual_investment.given_by)
        assert len({stage[p] for p in counted}) <= 1, total.pool


def test_7_readings_are_marked_as_readings_wherever_shown(tables, monkeypatch):
    """发改局's 80/90/33/74 and 商务局's signings are city-wide only by a reading; 74's 下半年 is read too."""
    projects = tables.projects.set_index("project_id")
    for target in ("fg-start-target", "fg-complete-target", "fg-h2-start", "fg-h2-complete"):
        assert projects["parent_id"].isna()[target], target  # not stored as parts of the 800
    lines = [a.text for a in answers.answers(tables, Filters(departments=("fg",), periods=("2021H2",)))]
    assert (
        f"发改局（{READ_CITY}）2021年下半年（{READ_PERIOD}）竣工投产目标：74 个；原文未给出总投资和年度计划投资。"
        in lines
    )
    # a card, the grid, a chart bar, an export, the brief: the same words
    _, others = answers.headline_cards(tables)
    assert {c.unit_name for c in others if c.dept_id == "fg"} == {f"发改局（{READ_CITY}）"}
    grid = answers.answer_grid(
        tables, Filters(departments=("sw",)), filter_projects(tables, Filters(departments=("sw",))), "projects"
    )
    assert set(grid["部门"]) == {f"商务局（{READ_CITY}）"}
    exported = frames.project_frame(tables, filter_projects(tables, Filters(departments=("fg",), periods=("2021H2",))))
    assert exported.set_index("项目编号").loc["fg-h2-complete", ["统计范围", "时期"]].tolist() == [
        f"全市清单（发改局；{READ_CITY}）",
        f"2021年下半年（{READ_PERIOD}）",
    ]
    brief = briefing.view_briefing(tables, View(OVERVIEW, Filters(departments=("fg",), periods=("2021H2",))))
    assert any(READ_PERIOD in s.text and READ_CITY in s.text for s in brief.sentences)
    # the text says 产业及基础设施项目, and 全年多开工5个 (no “比开工目标”)
    assert projects.loc["bdt-h2-start", "type_id"] == "mixed.industry_infrastructure"
    measures = tables.figures.set_index("figure_id")["measure"]
    assert (measures["fg-extra-start"], measures["fg-extra-complete"]) == ("全年多开工项目数", "全年多建成项目数")


def test_7_the_corridors_are_said_once_as_the_text_calls_them(tables):
    """The six 十四五 corridors were a 具名项目 list beside the 38 and again “原文列出 6 个具体项目”."""
    lines = [a.text for a in answers.answers(tables, Filters())]
    corridors = [line for line in lines if "晋江大桥通道" in line]
    assert corridors == [
        "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资；"
        "另列出规划内容（晋江大桥通道、田安大桥通道、晋江南高速通道、东部快速通道（二期）、中部快速通道、西部快速通道），"
        "原文未说明是否在这 38 个之内。"
    ]
    alone = [a.text for a in answers.answers(tables, Filters(departments=("jt",), stages=("planning",)))]
    assert alone == [
        "交通局“十四五”（2021–2025）策划生成项目：原文列出规划内容（晋江大桥通道、田安大桥通道、晋江南高速通道、"
        "东部快速通道（二期）、中部快速通道、西部快速通道），没有给出数量和投资。"
    ]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/1_项目.py", {"band": ["ge1000"]}),  # 项目's 合计 table
        (None, {"measure": "investment", "dept": ["sw"]}),  # 总览's grid
        ("pages/4_情景对比.py", {"b_band": ["ge1000"]}),  # 情景对比's B − A
    ],
)
def test_10_a_lower_bound_keeps_its_sign_in_every_table_cell(monkeypatch, page, params):
    """st.table reads cells as Markdown: “>500 亿元” was drawn as a quotation “│ 500 亿元”."""
    at = open_app(monkeypatch, page, **params)
    raw = [str(v) for t in at.table for v in t.value.astype(str).to_numpy().ravel()]
    lower_bounds = [v for v in raw if "500 亿元" in v]
    assert lower_bounds and all(v.startswith("\\>") or "\\>500" in v for v in lower_bounds), lower_bounds


def test_11_a_filtered_view_leads_with_its_own_answer(tables, monkeypatch):
    """The brief, the deck and the page for 交通局 opened on the city's 800 / 4,244.2 / 835.6."""
    brief = briefing.view_briefing(tables, View(OVERVIEW, Filters(departments=("jt",))))
    assert {card.group for card in brief.cards} == {
        "“十三五”（2016–2020） · 交通局 · 已实施项目",
        "“十四五”（2021–2025） · 交通局 · 储备项目",
    }
    assert not [c for c in brief.cards if c.value == "800"]
    assert brief.background.title.startswith("全市背景")
    assert brief.background.rows[0].cells[:2] == ("全市（发改局统计）", "2021年全市重点项目")
    banded = briefing.view_briefing(tables, View(OVERVIEW, Filters(min_investment=50, max_investment=200)))
    assert banded.cards[0].group == "“十三五”（2016–2020） · 交通局 · 已实施项目"
    at = open_app(monkeypatch, dept=["jt"])
    assert [s.value for s in at.subheader][:2] == ["当前筛选的答案", "全市背景：报道中的全市数字"]
    assert (at.metric[0].label, at.metric[0].value) == ("项目数（个）", "44")  # 交通局's own, not the city's 800
    unfiltered = briefing.view_briefing(tables, View(OVERVIEW))
    assert unfiltered.cards[0].value == "800" and unfiltered.background is None


def test_12_labels_name_their_units(tables, monkeypatch):
    """“十三五 · 各部门 · 实施项目 44 个” was only 交通局; “2021年 · 各部门 · 签约目标 ≥10” only 分园区."""
    views = [
        View(OVERVIEW),
        View(OVERVIEW, Filters(periods=("2021",))),
        View(DEPARTMENT, unit="bdt"),
        View(COMPARISON, Filters(departments=("jt",)), filters_b=Filters(departments=("bdt",))),
    ]
    for view in views:
        brief = briefing.view_briefing(tables, view)
        words = [c.group for c in brief.cards] + [
            w for chart in brief.charts for w in (*chart.categories, *chart.groups)
        ]
        assert not [w for w in words if "各部门" in w], view
    rows = what_if(monkeypatch, dept=["jt"], b_dept=["bdt"])
    assert "“十三五”（2016–2020） · 交通局 · 已实施项目" in [r[0] for r in rows]
    assert "2021年 · 晋江分园区 · 签约目标" in [r[0] for r in rows]


def test_13_exports_never_chart_targets_beside_projects(tables):
    """The brief's 各部门项目数 bars mixed ≥10, ≥20, ≥30 and 80 with projects; 商务局's deck put 56 beside 100."""
    for view in (View(OVERVIEW), View(OVERVIEW, Filters(periods=("2021",))), View(DEPARTMENT, unit="sw")):
        for chart in briefing.view_briefing(tables, view).charts:
            labels = [label for series in chart.series for label in series.labels]
            assert not {"≥10", "≥20", "≥30", "≥100", "80", "90"} & set(labels), (view, chart.title)
            assert "目标" not in chart.title and "预计" not in chart.title


def test_14_no_total_the_report_never_gives_is_shown_as_a_fact(tables, monkeypatch):
    """住建局 167 (a bar), 199, 397 and “−135 个” (住建局 vs 水利局) were sums of unlike rows."""
    rows = what_if(monkeypatch, dept=["zj"], b_dept=["sl"])
    assert not [r for r in rows if r[4].startswith(("+", "−", "-")) or "135" in r[4]]
    brief = briefing.view_briefing(tables, View(OVERVIEW, Filters(departments=("zj",))))
    values = [v for chart in brief.charts for series in chart.series for v in series.labels]
    assert "167" not in values
    lines = [a.text for a in answers.answers(tables, Filters(departments=("zj",)))]
    assert not [line for line in lines if "167" in line or "合计" in line]


# -- what a second reader of the change found (each failed before its fix) --------------------


def test_a_row_listed_beside_a_group_is_not_marked_as_its_part(tables):
    """横九线… are listed beside the 44 (“原文未说明是否在这 44 个之内”), not inside it; the 24 roads are in the 38."""
    exported = frames.project_frame(tables, filter_projects(tables, Filters(departments=("jt",)))).set_index("项目编号")
    assert not exported.loc["jt-13-hengjiu", frames.PART_OF_PARENT]
    assert not exported.loc["jt-corridor-jjbridge", frames.PART_OF_PARENT]
    assert exported.loc["jt-14-road", frames.PART_OF_PARENT]


def test_a_number_only_the_group_above_gives_is_not_said_to_be_missing(tables, monkeypatch):
    """The 24 roads, 1 rail and 13 logistics projects are the 38 (总投资约405亿元): their own investment is not
    given, the 38's is, outside the filters."""
    roads = Filters(types=("transport.road", "transport.rail", "transport.logistics"))
    (reserve,) = [a.text for a in answers.answers(tables, roads) if "储备项目" in a.text]
    assert reserve == (
        "交通局“十四五”（2021–2025）储备项目合计：38 个（本工具相加）；原文未给出年度计划投资；"
        "原文只给出上一级“十四五”交通重点储备项目的总投资（不在当前筛选内），没有给出这几项的。"
    )
    rows = what_if(monkeypatch, dept=["jt"], b_dept=["jt"], b_band=["undisclosed"])
    assert ["总投资", "≈405 亿元", "原文只给出上一级的", "不相减（B 原文只给出上一级的）"] in [r[1:] for r in rows]


def test_a_number_that_leaves_out_rows_says_so_in_every_cell(tables):
    """住建局's 阶段未说明 2 are 建筑业转型升级's 两个项目; its 安置房 rows give no count."""
    grid = answers.answer_grid(
        tables, Filters(departments=("zj",)), filter_projects(tables, Filters(departments=("zj",))), "projects"
    )
    cells = grid.set_index("统计范围")["2021年"]
    assert cells["阶段未说明"] == "2 个（另有 1 条记录原文未给出）"
    assert cells["可纳统项目"] == "123 个"


def test_the_briefs_comparison_chart_says_why_a_side_has_no_bar(tables):
    """A 住建局, B 工信局: 工信局's three 策划生成 rows are in B and give no count (原文未给出)."""
    brief = briefing.view_briefing(
        tables, View(COMPARISON, Filters(departments=("zj",)), filters_b=Filters(departments=("gx",)))
    )
    (chart,) = [c for c in brief.charts if c.title.startswith("策划生成项目的项目数")]
    assert chart.categories == ("2021年 · 住建局、工信局 · 策划生成",)
    assert [s.labels for s in chart.series] == [("107",), ("原文未给出",)]


def test_a_reading_is_marked_in_the_rows_unit_and_the_figure_tables(tables):
    """The grid names no scope (its 部门 is the unit; the export's 统计范围 marks the reading); the brief's
    row table, without a 统计范围 column, marks it in its 部门 column."""
    figures = frames.figure_frame(tables, "fg").set_index("数字编号")["时期"]
    assert figures["fg-h2-complete"] == f"2021年下半年（{READ_PERIOD}）" and figures["fg-h2-start"] == "2021年下半年"
    brief = briefing.view_briefing(tables, View(OVERVIEW, Filters(departments=("sw",))))
    assert {row.cells[0] for row in brief.tables[0].rows} == {f"商务局（{READ_CITY}）"}


def test_a_number_the_tool_added_says_so_on_cards_and_bars(tables):
    """道路建设项目 24 + 轨道交通项目 1: the report gives no such 25."""
    brief = briefing.view_briefing(tables, View(OVERVIEW, Filters(types=("transport.road", "transport.rail"))))
    assert (brief.cards[0].measure, brief.cards[0].value, brief.cards[0].unit) == ("项目数", "25（本工具相加）", "个")


def test_the_grid_says_the_reports_word_under_investment(tables):
    grid = answers.answer_grid(
        tables,
        Filters(departments=("jt", "sl")),
        filter_projects(tables, Filters(departments=("jt", "sl"))),
        "investment",
    )
    cells = grid.set_index(["部门", "统计范围"])
    assert cells.loc[("交通局", "已实施项目"), "“十三五”"] == "完成投资 ≈137.8 亿元"
    assert cells.loc[("水利局", "策划生成"), "未注明时期"] == "估算总投资 19.3 亿元"


def test_a_bound_is_said_as_typed(tables):
    chosen = Filters(min_investment=1234567)  # 商务局's 超500亿元 may be that much: one row
    lines = [a.text for a in answers.scale_answers(tables, chosen, filter_projects(tables, chosen))]
    assert lines[1].endswith("所选范围（1234567 亿元及以上）内。")  # was 1.23457e+06
    chosen = Filters(min_investment=1234.5, max_investment=99999)
    lines = [a.text for a in answers.scale_answers(tables, chosen, filter_projects(tables, chosen))]
    assert lines[1].endswith("所选范围（1234.5–99999 亿元）内。")
