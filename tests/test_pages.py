"""Every page through AppTest: renders, shows the hand-worked totals, survives bad URLs."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from explorer_ui.navigation import HOME, PAGES

from .conftest import ROOT
from .test_answers import WATER_2021

SUBPAGES = [page.script for page in PAGES.values() if page != HOME]
PAGES_BY_SCRIPT = {page.script: page for page in PAGES.values()}


def open_app(monkeypatch, page=None, **params):
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metrics(at):
    return {m.label: m.value for m in at.metric}


def unescaped(text) -> str:
    """A cell as drawn: st.table reads its cells as Markdown, so the app escapes them (arrow_cache.plain_table)."""
    return re.sub(r"\\(.)", r"\1", str(text))


def shown_table(at, index: int = -1):
    """An st.table's frame as the reader sees it: escapes removed."""
    frame = at.table[index].value
    shown = frame.map(unescaped) if len(frame) else frame
    shown.columns = [unescaped(c) for c in frame.columns]
    return shown


def test_every_file_in_pages_is_registered():
    """A page left out of navigation.PAGES would have no sidebar link and no test."""
    on_disk = {"app.py", *(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))}
    assert {page.script for page in PAGES.values()} == on_disk
    assert HOME.script == "app.py" and HOME.url_path == ""
    for page in SUBPAGES:  # legacy pages/: the URL path is the file name without its number
        assert PAGES_BY_SCRIPT[page].url_path == page.removeprefix("pages/").split("_", 1)[1].removesuffix(".py")


def test_every_page_renders(monkeypatch):
    at = open_app(monkeypatch)
    assert at.title[0].value == "晋江重点项目 · 总览"
    for page in SUBPAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title, page


def answer_lines(at):
    """The answer sentences on the page, as shown (markdown escapes removed)."""
    lines = [line for m in at.markdown for line in m.value.split("\n") if line.startswith("- ")]
    return [line.removeprefix("- ").replace("\\", "") for line in lines]


def test_overview_opens_on_the_reports_headline_figures(monkeypatch):
    """Issue 9 item 1: the city's key figures first, each with a link to its sentence."""
    at = open_app(monkeypatch)
    assert [(m.label, m.value) for m in at.metric] == [
        ("项目数（个）", "800"),
        ("总投资（亿元）", "4,244.2"),
        ("年度计划投资（亿元）", "835.6"),
        ("项目数（个）", "160"),
        ("总投资（亿元）", "2,152.9"),
    ]
    links = [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]
    assert ("看原文", "原文", "fig=fg-key-count") in links and ("看原文", "原文", "fig=fg-reserve-count") in links
    caption = at.caption[0].value
    assert "比拼成绩晒亮点 拓宽思路谋发展" in caption and "16日" in caption and ".txt" not in caption


def test_transport_fourteenth_plan_answer(monkeypatch):
    at = open_app(monkeypatch, dept=["jt"], period=["2021-2025"])
    assert answer_lines(at) == [
        "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资；"
        "另列出规划内容（晋江大桥通道、田安大桥通道、晋江南高速通道、东部快速通道（二期）、中部快速通道、西部快速通道），"
        "原文未说明是否在这 38 个之内。",
    ]


def test_water_2021_answer(monkeypatch):
    at = open_app(monkeypatch, dept=["sl"], period=["2021"])
    assert answer_lines(at) == [WATER_2021]


def test_shared_link_of_the_meeting_example(monkeypatch):
    """Issue 9 items 3 and 5: 水利局 has no “十四五” figure, said in words; the one row left is a group."""
    # 交通局 and 水利局, 十四五, 100亿 and more: only 交通局's ≈405亿 reserve qualifies
    at = open_app(monkeypatch, dept=["jt", "sl"], period=["2021-2025"], band=["100to1000", "ge1000"])
    assert answer_lines(at) == [
        # the six corridors listed beside the 38 give no investment: outside the band, not mentioned
        "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资。",
        "水利局：原文未给出“十四五”（2021–2025）的项目数和投资。",
    ]
    assert [i.value for i in at.info][1] == (
        "这 1 条是项目组的合计（“十四五”交通重点储备项目，38 个），不是单个项目；"
        "原文没有给出哪个单个项目的投资落在所选范围（100–1000亿、1000亿及以上）内。"
    )
    assert not at.warning


def test_the_big_projects_view_says_its_rows_are_groups(monkeypatch):
    """Issue 9 item 3: ≥100亿 returns six groups, and the page says so."""
    at = open_app(monkeypatch, band=["100to1000", "ge1000"])
    assert unescaped(at.info[0].value).startswith(
        "投资规模按每条记录自己的投资（总投资、完成投资、计划总投资等，按原文所写）比较"
    )
    assert at.info[1].value.startswith("这 6 条都是项目组的合计（如“2021年全市重点项目”，800 个），不是单个项目")


def test_lower_bound_is_shown_as_such(monkeypatch):
    at = open_app(monkeypatch, dept=["sw"], stage=["signed"])
    assert answer_lines(at) == [
        "商务局（按全市统计理解，原文未明说）2021年已签约项目：56 个，总投资超 500 亿元；原文未给出年度计划投资。"
    ]


def test_the_grid_says_what_the_report_does_not_give(monkeypatch):
    """Issue 9: 交通局 vs 水利局 in 十四五 has a direct answer; never blank, never 0."""
    at = open_app(monkeypatch, dept=["jt", "sl"], period=["2021-2025"], measure=["investment"])
    grid = shown_table(at)
    assert grid.values.tolist() == [
        ["交通局", "储备项目", "总投资 ≈405 亿元"],  # the six corridors are said with the 38, no line of their own
        ["水利局", "全部", "原文未给出"],
    ]
    assert list(grid.columns) == ["部门", "统计范围", "“十四五”"]
    assert at.segmented_control(key="overview_measure").value == "investment"
    assert at.query_params["measure"] in (["investment"], "investment")


def test_filters_survive_a_page_switch(monkeypatch):
    at = open_app(monkeypatch, dept=["jt"], period=["2021-2025"])
    at.switch_page("pages/1_项目.py").run()
    assert at.multiselect(key="w_departments").value == ["jt"]
    assert at.query_params["dept"] == ["jt"] or at.query_params["dept"] == "jt"
    assert metrics(at)["项目数（个）"] == "38"


@pytest.mark.parametrize(
    "params",
    [
        {"dept": ["nope", "jt"]},
        {"period": ["十五五"]},
        {"min": ["abc"]},
        {"max": ["-5"]},
        {"foo": ["bar"]},
        {"dept": [f"x{i}" for i in range(900)]},
        {"dept": ["<script>alert(1)</script>"], "type": ["'\"><img src=x onerror=alert(1)>"]},
        {"min": ["500"], "max": ["100"]},
    ],
)
def test_bad_query_parameters_give_a_notice(monkeypatch, params):
    at = open_app(monkeypatch, **params)
    assert "已忽略" in notice(at)
    assert "<script>" not in markdown_shown(at)  # quoted as plain text only


NOTICE = "以下内容无法识别，已忽略："


def notice(at):
    """The dropped values, listed as plain text under the notice."""
    assert at.warning[0].value == NOTICE
    return at.text[0].value


def markdown_shown(at):
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.warning, *at.error, *at.info, *at.title])


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("fig", "https://evil.example/phish"),
        ("fig", "www.evil.example"),
        ("dept", "\n    code"),
        ("q", "x"),
        ("dept", "[a](https://evil.example)"),
    ],
)
def test_values_from_a_link_are_quoted_as_plain_text(monkeypatch, param, value):
    """Issue 7 (Low): in a markdown notice, https://… and www.… became links and a
    newline plus an indent a code block."""
    if param == "q":  # 原文's own search: shown in its box, not echoed
        at = open_app(monkeypatch, q=["https://evil.example"])
        at.switch_page("pages/5_原文.py").run()
        assert at.text_input(key="page_q").value == "https://evil.example"
        assert "evil" not in markdown_shown(at)
        return
    at = open_app(monkeypatch, **{param: [value]})
    if param == "fig":
        at.switch_page("pages/5_原文.py").run()
    assert f"链接参数 '{param}'={value!r} 已忽略" in notice(at)
    assert value.strip()[:5] not in markdown_shown(at)


def test_a_query_string_over_streamlits_limit_is_ignored_whole(monkeypatch):
    # Streamlit drops a query string of more than 1000 parameters before the app sees it.
    at = open_app(monkeypatch, dept=[f"x{i}" for i in range(3000)])
    assert at.multiselect(key="w_departments").value == []
    # the unfiltered totals, nothing of the query applied: 15 sentences of existing projects (one per phase
    # or kind, period and list; 水利局's 18, 10 and 4 inside its 32), 10 of targets and 预计
    assert len(answer_lines(at)) == 25
    assert [e.label for e in at.expander if e.label.startswith("目标与预计")] == [
        "目标与预计（10 条：要争取的数，不是已有项目，不与上面相加）"
    ]


def test_unknown_values_are_dropped_and_the_rest_kept(monkeypatch):
    at = open_app(monkeypatch, dept=["nope", "jt"], period=["2021-2025"])
    assert at.multiselect(key="w_departments").value == ["jt"]
    assert answer_lines(at)[0].startswith("交通局“十四五”（2021–2025）储备项目：38 个")


def test_department_profile(monkeypatch):
    at = open_app(monkeypatch, "pages/2_部门.py")
    at.selectbox(key="page_unit").set_value("sl").run()
    assert at.title[0].value == "晋江市水利局"
    assert at.subheader[0].value == "“5+1”工程 推动晋江水利事业创佳绩"
    # the report's own card (32 个, 101.78 亿元), then the totals: one per phase (32; 18, 10 packages,
    # 29 sub-projects, 4 within it) and the future plans (no period), which state only 估算总投资 19.3亿: a table
    assert [m.value for m in at.metric if m.label == "项目数（个）"] == ["32"]
    assert [m.value for m in at.metric if m.label == "总投资（亿元）"] == ["101.78"]
    totals = shown_table(at, 0).set_index("统计范围")
    assert totals.loc["2021年 · 水利局 · 推进项目（多阶段）", ["项目数", "投资"]].tolist() == [
        "32 个",
        "总投资 101.78 亿元",
    ]
    assert totals.loc["未注明时期 · 水利局 · 策划生成", "投资"] == "估算总投资 19.3 亿元"
    assert totals.loc["2021年 · 水利局 · 在建项目 · 项目包", "项目数"] == "10 个项目包"
    points = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert points and points[0].count("\n") == 1  # 王也夫's two points


def test_source_page_search_and_figure_link(monkeypatch):
    at = open_app(monkeypatch, "pages/5_原文.py")
    at.text_input(key="page_q").set_value("亿元").run()
    assert any("找到 **15** 处" in m.value for m in at.markdown)
    at = open_app(monkeypatch, fig=["jt-14-investment"])
    at.switch_page("pages/5_原文.py").run()
    assert any("定位" in m.value and "405" in m.value for m in at.markdown)


def test_data_page_shows_coverage(monkeypatch):
    at = open_app(monkeypatch, "pages/6_数据说明.py")
    assert metrics(at)["数字覆盖率"] == "100.0%"
    assert any("6个方面" in m.value for m in at.markdown)


def comparison(at):
    return shown_table(at).set_index(["统计范围", "指标"])


def test_what_if_never_subtracts_against_a_side_the_report_gives_nothing_for(monkeypatch):
    """Issue 9 item 2: 水利局 has no “十四五” figure; it was shown as 0 and subtracted (≈-405, -38)."""
    at = open_app(monkeypatch, "pages/4_情景对比.py", dept=["jt"], period=["2021-2025"], b_dept=["sl"])
    table = comparison(at)
    reserve = "“十四五”（2021–2025） · 交通局 · 储备项目"
    assert table.loc[(reserve, "项目数")].tolist() == ["38 个", "不在当前筛选内", "不相减（B 不在当前筛选内）"]
    assert table.loc[(reserve, "总投资")].tolist() == ["≈405 亿元", "不在当前筛选内", "不相减（B 不在当前筛选内）"]
    water = "2021年 · 水利局 · 推进项目（多阶段）"
    assert table.loc[(water, "项目数")].tolist() == ["不在当前筛选内", "32 个", "不相减（A 不在当前筛选内）"]
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert not [v for v in cells if v.startswith(("0 ", "+", "-", "−", "≈-", "≈+"))]  # no zero, no difference
    assert "只并列列出，不相减" in at.info[0].value
    b_side = answer_lines(at)[1:]
    assert b_side == [
        WATER_2021,
        "水利局（未注明时期）策划生成项目：估算总投资 19.3 亿元；原文未给出项目数和年度计划投资。",
    ]


# 情景对比: A 水利局 2021; B 住建局 + 水利局 2021 实施项目 (可纳统, 已启动, and 水利局's mixed stage)
WHAT_IF_199 = dict(
    dept=["sl"], period=["2021"], b_dept=["zj", "sl"], b_period=["2021"], b_stage=["in_statistics", "started", "mixed"]
)


def test_what_if_subtracts_like_from_like(monkeypatch):
    """Issue 15 items 2 and 6: A 水利局 2021 (32 / 101.78); B adds 住建局's 可纳统 123 and 已启动 44. They
    were one “199 实施项目” with “+167” and a “0 亿元（仅已给出的部分）”; each phase is its own total now."""
    at = open_app(monkeypatch, "pages/4_情景对比.py", **WHAT_IF_199)
    table = comparison(at)
    water = "2021年 · 水利局 · 推进项目（多阶段）"
    assert table.loc[(water, "项目数")].tolist() == ["32 个", "32 个", "0 个"]
    assert table.loc[(water, "总投资")].tolist() == ["101.78 亿元", "101.78 亿元", "0 亿元"]  # the same 32, complete
    assert table.loc[("2021年 · 住建局 · 可纳统项目", "项目数")].tolist() == [
        "不在当前筛选内",
        "123 个",
        "不相减（A 不在当前筛选内）",
    ]
    assert ("2021年 · 住建局 · 可纳统项目", "总投资") not in table.index  # neither side gives one


def test_no_data_gives_a_message_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("JJDATA_DATA_DIR", str(tmp_path))
    at = open_app(monkeypatch)
    assert "python -m jjdata build" in at.error[0].value


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: (d / "figures.parquet").unlink(), "figures.parquet: 文件不存在"),
        (lambda d: (d / "projects.parquet").write_bytes((d / "projects.parquet").read_bytes()[:300]), "损坏"),
        (lambda d: (d / "departments.parquet").write_text("garbage", encoding="utf-8"), "departments.parquet"),
        (lambda d: _older_schema(d / "stages.parquet"), "表结构版本为 0"),
    ],
)
def test_damaged_data_gives_one_clear_message(monkeypatch, data_copy, damage, expected):
    damage(data_copy)
    monkeypatch.setenv("JJDATA_DATA_DIR", str(data_copy))
    at = open_app(monkeypatch)
    assert len(at.error) == 1
    assert expected in at.error[0].value and "python -m jjdata build" in at.error[0].value
    for page in SUBPAGES:
        at.switch_page(page).run()
        assert not at.exception and len(at.error) == 1, page


def _older_schema(path):
    import pyarrow.parquet as pq

    from jjdata.schema import META_TABLE, META_VERSION

    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({META_VERSION: b"0", META_TABLE: b"stages"}), path)


def share_link(at):
    return at.sidebar.code[0].value


def test_share_link_carries_the_pages_own_parameters(monkeypatch):
    at = open_app(monkeypatch, "pages/2_部门.py")
    at.selectbox(key="page_unit").set_value("sl").run()
    assert "unit=sl" in share_link(at)
    at.switch_page("pages/4_情景对比.py").run()
    at.multiselect(key="b_w_departments").set_value(["jt", "sl"]).run()
    assert "b_dept=jt&b_dept=sl" in share_link(at)


def test_a_bad_value_for_set_b_is_said_on_the_first_render(monkeypatch):
    at = open_app(monkeypatch, "pages/4_情景对比.py", b_dept=["xx"])
    assert len(at.warning) == 1
    assert notice(at) == "链接参数 'b_dept'='xx' 已忽略：不是可选值"
    at.run()
    assert not at.warning  # said once


def test_a_value_that_is_no_option_is_neither_stored_nor_written_to_the_url(monkeypatch):
    """Issue 7 (Low): a modified client can send any string as a multiselect value."""
    at = open_app(monkeypatch)
    at.multiselect(key="w_departments").set_value(["jt", "evil"]).run()
    assert at.session_state["filters"].departments == ("jt",)
    assert at.query_params["dept"] in (["jt"], "jt")
    assert notice(at) == "“部门”收到的值 'evil' 已忽略：不是可选值"
    assert at.multiselect(key="w_departments").value == ["jt"]


def test_a_bound_in_full_width_digits_is_refused_with_the_rule(monkeypatch):
    at = open_app(monkeypatch, min=["１００"])
    assert (
        notice(at)
        == "链接参数 'min'='１００' 已忽略：应为不小于 0 的普通数字（亿元），最多 7 位整数、4 位小数，如 100 或 12.5"
    )
    assert at.number_input(key="w_min_investment").value is None and "min" not in at.query_params


def source_links(at):
    """The 看原文 links on the page: (label, target page, query)."""
    return [
        (e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link") if "原文中" in e.proto.label
    ]


def test_comment_links_stay_in_the_app_and_land_on_each_comment(monkeypatch, raw):
    """Issue 7 (Low): markdown links opened a new tab, a new session that asked for the password again."""
    at = open_app(monkeypatch, "pages/3_领导点评.py")
    links = source_links(at)
    assert {(label, page) for label, page, _ in links} == {("在原文中查看", "原文")}
    offsets = [int(query.removeprefix("at=")) for _, _, query in links]
    # by leader, in the order they first appear: 吴志朴 (自然资源局, 财政局), 张健龙, 丁鸿雨 (交通局, 发改局), 王也夫, 赖有为 (four units)
    leaders = ["吴志朴", "吴志朴", "张健龙", "丁鸿雨", "丁鸿雨", "王也夫", "赖有为", "赖有为", "赖有为", "赖有为"]
    assert [raw[o : o + 8] for o in offsets] == [f"晋江市领导{name}" for name in leaders]


def test_tables_offer_their_source_through_a_row_selection(monkeypatch):
    at = open_app(monkeypatch, "pages/1_项目.py")
    assert "选中一行" in " ".join(c.value for c in at.caption)
    assert not source_links(at)  # nothing selected yet (AppTest cannot select a row: the browser test does)


def test_bad_source_positions_do_not_crash(monkeypatch):
    for value in ["²", "9" * 5000, "-1", "12a"]:
        at = open_app(monkeypatch, at=[value])
        at.switch_page("pages/5_原文.py").run()
        assert not at.exception, value
        assert any("原文位置无效" in w.value for w in at.warning), value


def test_min_above_max_in_the_sidebar_is_said_not_swapped(monkeypatch):
    at = open_app(monkeypatch)
    at.number_input(key="w_min_investment").set_value(500.0).run()
    at.number_input(key="w_max_investment").set_value(100.0).run()
    assert any("小于最低" in w.value for w in at.sidebar.warning)
    assert at.query_params["min"] in (["500"], "500") and "max" not in at.query_params


def test_totals_say_when_rows_disclosed_no_value(monkeypatch):
    # 住建局's 可纳统 and 已启动 give no amount; 水利局's 32 give theirs
    at = open_app(monkeypatch, dept=["zj", "sl"], period=["2021"], stage=["in_statistics", "started", "mixed"])
    assert answer_lines(at) == [
        "住建局2021年可纳统项目：123 个；原文未给出总投资和年度计划投资。",
        "住建局2021年已启动项目：44 个；原文未给出总投资和年度计划投资。",
        "水利局2021年推进项目（多阶段）：32 个，总投资 101.78 亿元，年度计划投资 11.41 亿元。",
    ]
    assert shown_table(at, 0).values.tolist()[0] == [
        "2021年 · 住建局 · 可纳统项目",
        "123 个",
        "原文未给出",
        "原文未给出",
    ]


# -- issue 9: the pages E2 reworked -------------------------------------------------


def filter_line(at):
    """The active-filter line: the first markdown of the main area."""
    return at.main.markdown[0].value


@pytest.mark.parametrize("script", [page.script for page in PAGES.values()])
def test_every_page_names_its_filters_at_the_top(monkeypatch, script):
    """For a room that cannot see the sidebar."""
    at = open_app(monkeypatch, None if script == HOME.script else script, dept=["jt"], period=["2021-2025"])
    line = filter_line(at).replace("\\", "")
    if script == PAGES["情景对比"].script:
        assert "**情景 A（左侧筛选）**：部门：交通局；时期：“十四五”（2021–2025）" in line
        assert "**情景 B**：未筛选，显示全部" in line
    else:
        assert line.endswith("**当前筛选**：部门：交通局；时期：“十四五”（2021–2025）")
    at = open_app(monkeypatch, None if script == HOME.script else script)
    assert filter_line(at).endswith(
        "**未筛选**：显示全部" if script != PAGES["情景对比"].script else "**情景 B**：未筛选，显示全部"
    )


def main_text(at):
    """Everything the main area shows as text, except the maintainers' expander on 数据说明."""
    shown = []

    def walk(node):
        if type(node).__name__ == "Expander" and "技术信息" in node.label:
            return
        value = getattr(node, "value", None)
        if isinstance(value, str):
            shown.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return "\n".join(shown)


def test_the_project_table_fits_and_says_single_or_group(monkeypatch):
    """Issue 9 items 3, 4: short columns first, 单个 or the group's size, the qualifier with the amount."""
    at = open_app(monkeypatch, "pages/1_项目.py", dept=["jt"], period=["2021-2025"])
    grid = at.dataframe[0].value
    assert list(grid.columns) == ["项目/项目组", "部门", "项目数", "投资（亿元）", "时期", "阶段"]
    assert grid.iloc[0].tolist() == ["“十四五”交通重点储备项目", "交通局", "38 个", "≈405", "“十四五”", "储备"]
    assert grid["项目/项目组"].tolist()[1:4] == ["└ 道路建设项目", "└ 轨道交通项目", "└ 智慧物流项目"]  # 24 + 1 + 13
    assert "共 10 条记录" in at.caption[0].value


def test_single_projects_only(monkeypatch):
    at = open_app(monkeypatch, "pages/1_项目.py", dept=["jt"])
    at.toggle(key="w_single").set_value(True).run()
    grid = at.dataframe[0].value
    # 横九线, 东石连接线, 大深线, the one rail project and the six named corridors; no group
    assert len(grid) == 10 and set(grid["项目数"]) == {"单个"}
    assert "└ 轨道交通项目" not in grid["项目/项目组"].tolist()  # its group is not listed, so it is no part here
    assert at.query_params["single"] in (["1"], "1")
    assert filter_line(at).endswith("**当前筛选**：部门：交通局；只看单个项目")


def test_the_unit_page_opens_on_the_filtered_unit_or_the_first_with_figures(monkeypatch):
    """Issue 9 item 8: it opened on 自然资源局, the one unit without figures, and ignored the 部门 filter."""
    at = open_app(monkeypatch, "pages/2_部门.py")
    assert at.title[0].value == "晋江市住建局"
    assert "unit" not in at.query_params  # the default stays out of the link
    at = open_app(monkeypatch, "pages/2_部门.py", dept=["sl", "jt"])
    assert at.selectbox(key="page_unit").options == ["交通局", "水利局"]  # in page order
    assert at.title[0].value == "晋江市交通局"
    assert "Transport" not in main_text(at) and "Bureau" not in main_text(at)


def test_leader_comments_are_whole_sentences_without_the_speaker_again(monkeypatch):
    at = open_app(monkeypatch, "pages/3_领导点评.py")
    shown = main_text(at).replace("\\", "")
    assert "晋江市领导吴志朴：" not in shown  # the heading already says it
    assert "1. 当前，晋江面临着用地空间拓展的瓶颈，" in shown  # not "…晋江市自然资源局" cut before the point
    assert "晋江市自然资源局\n" not in shown


# 科技局's comment: one sentence, three points opening in it, their shared close at its end
KJ_SHARED_SENTENCE = (
    "希望接下去能继续保持，**①**继续抓好项目建设，**②**抓好人才引进和项目招商，**③**抓好新基建比拼，"
    "让科技创新成为引领产业发展、创新转型的第一抓手、第一动力。"
)


def test_points_sharing_a_sentence_are_marked_inside_it_on_both_pages(monkeypatch):
    """Issue 15 item 9: the sentence whole, once, its points marked; not one numbered line per comma."""
    at = open_app(monkeypatch, "pages/3_领导点评.py")
    shown = main_text(at).replace("\\", "")
    assert shown.count(KJ_SHARED_SENTENCE) == 1
    assert "抓好人才引进和项目招商，\n" not in shown and "2. 抓好人才引进" not in shown
    assert "1. 当前，晋江面临着用地空间拓展的瓶颈，" in shown  # a point alone in its sentence stays a numbered line
    at = open_app(monkeypatch, "pages/2_部门.py")
    at.selectbox(key="page_unit").set_value("kj").run()
    shown = main_text(at).replace("\\", "")
    assert shown.count(KJ_SHARED_SENTENCE) == 1
    assert "近年来，晋江市大抓科技创新，" in shown and "2. 抓好人才引进" not in shown


def test_source_search_finds_the_alias_and_marks_without_gaps(monkeypatch):
    at = open_app(monkeypatch, "pages/5_原文.py")
    at.text_input(key="page_q").set_value("交通局").run()
    shown = main_text(at)
    # its label line is the heading; in the text it is named once, as 交通运输局 in its comment
    assert "找到 **1** 处（同一部门的另一个名称“交通运输局”也算在内）" in shown.replace("\\", "")
    assert ":blue[**交通**]" not in shown and ":blue[**交通运输局**]" in shown
    assert "-background[" not in shown  # padded backgrounds put gaps between characters
    assert ".txt" not in shown


def test_the_data_page_gives_sentence_coverage_by_kind_as_check_does(monkeypatch, capsys):
    """Issue 15 item 8: how many sentences rest on each kind of record, the same on 数据说明 as in the check."""
    from jjdata.__main__ import main

    assert main(["check"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("句子所依据的记录"))
    checked = re.findall(r"([^，：]+?) (\d+) 个", line.split("：", 1)[1])
    assert checked == [
        ("有数字", "40"),
        ("没有数字、有项目", "3"),
        ("没有数字和项目、有写明时间的事", "2"),
        ("只有列举条目", "59"),
        ("叙述", "9"),
    ]
    at = open_app(monkeypatch, "pages/6_数据说明.py")
    caption = next(c.value for c in at.caption if c.value.startswith("按记下它的记录分"))
    assert re.findall(r"([^；：]+?) (\d+) 句", caption.split("：", 1)[1]) == checked
    assert "句子 113 句：有记录记下它说的事 104 句，注明为一般叙述 9 句，未说明 0 句。" in [c.value for c in at.caption]


def test_the_data_page_speaks_plainly_and_keeps_the_technical_part_apart(monkeypatch, tables):
    at = open_app(monkeypatch, "pages/6_数据说明.py")
    values = metrics(at)
    assert values["数字覆盖率"] == "100.0%" and values["句子覆盖率"] == "100.0%"
    shown = main_text(at)
    from explorer_ui.provenance import built_at_words

    assert f"数据生成时间：{built_at_words(tables.manifest.built_at)}" in shown.replace("\\", "")
    assert "《比拼成绩晒亮点 拓宽思路谋发展》" in shown and "16日（原文未写年月）" in shown
    # 水利局's “6个方面” lists five: said in words
    assert "未来拟实施项目涉及的方面：6 方面；原文逐项列出 5 方面" in shown.replace("\\", "")
    for leak in (".txt", ".toml", "sha256", "dn-", "rec-", "schema", "口径", "jjdata"):
        assert leak not in shown, leak
    (technical,) = [e for e in at.expander if e.label == "技术信息（供维护人员）"]
    assert any("000_8be8280e27aee29f.txt" in str(d.value) for d in technical.dataframe)
