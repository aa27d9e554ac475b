"""Every page through AppTest: renders, shows the hand-worked totals, survives bad URLs."""

import pytest
from streamlit.testing.v1 import AppTest

from explorer_ui.navigation import HOME, PAGES

from .conftest import ROOT

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


def test_transport_fourteenth_plan_kpis(monkeypatch):
    at = open_app(monkeypatch, dept=["jt"], period=["2021-2025"])
    assert metrics(at) == {
        "项目数（个）": "38",
        "总投资（亿元）": "≈405",
        "年度计划投资（亿元）": "未披露",
        "涉及部门（个）": "1",
    }


def test_water_2021_kpis(monkeypatch):
    at = open_app(monkeypatch, dept=["sl"], period=["2021"])
    values = metrics(at)
    assert values["项目数（个）"] == "32"
    assert values["总投资（亿元）"] == "101.78"
    assert values["年度计划投资（亿元）"] == "11.41"


def test_shared_link_of_the_meeting_example(monkeypatch):
    # 交通局 and 水利局, 十四五, 100亿 and more: only 交通局's ≈405亿 reserve qualifies
    at = open_app(monkeypatch, dept=["jt", "sl"], period=["2021-2025"], band=["100to1000", "ge1000"])
    assert metrics(at)["项目数（个）"] == "38"
    assert metrics(at)["总投资（亿元）"] == "≈405"
    assert not at.warning


def test_lower_bound_is_shown_as_such(monkeypatch):
    at = open_app(monkeypatch, dept=["sw"], stage=["signed"])
    assert metrics(at)["总投资（亿元）"] == ">500"


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
    # the unfiltered totals, nothing of the query applied: 12 totals of existing projects (targets apart)
    assert len(at.dataframe[0].value) == 12


def test_unknown_values_are_dropped_and_the_rest_kept(monkeypatch):
    at = open_app(monkeypatch, dept=["nope", "jt"], period=["2021-2025"])
    assert at.multiselect(key="w_departments").value == ["jt"]
    assert metrics(at)["项目数（个）"] == "38"


def test_department_profile(monkeypatch):
    at = open_app(monkeypatch, "pages/2_部门.py")
    at.selectbox(key="page_unit").set_value("sl").run()
    assert at.title[0].value == "晋江市水利局"
    assert at.subheader[0].value == "“5+1”工程 推动晋江水利事业创佳绩"
    # 2021: 32 projects; the future plans (no period) state only an estimated 19.3亿
    assert [m.value for m in at.metric if m.label == "项目数（个）"] == ["32", "未披露"]
    assert [m.value for m in at.metric if m.label == "总投资（亿元）"] == ["101.78", "19.3"]
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


def test_what_if_difference(monkeypatch):
    at = open_app(monkeypatch, dept=["jt"], b_dept=["sl"], period=["2021-2025"], b_period=["2021"])
    at.switch_page("pages/4_情景对比.py").run()
    assert not at.exception
    difference = at.dataframe[-1].value.set_index("口径")
    row = difference.loc["2021年 · 部门口径 · 实施项目"]
    assert (row["A 项目数"], row["B 项目数"], row["项目数差"]) == ("原文未给出", "32 个", "—")
    row = difference.loc["“十四五”（2021–2025） · 部门口径 · 储备与洽谈"]  # 水利局 gives no “十四五” figure: not 0
    assert (row["B 项目数"], row["项目数差"], row["总投资差"]) == ("原文未给出", "—", "—")
    row = difference.loc["“十四五”（2021–2025） · 部门口径 · 策划生成"]  # the 6 named corridors state no count
    assert (row["A 项目数"], row["项目数差"]) == ("未披露", "—")


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
    # 住建局 and 水利局's projects under way in 2021: 可纳统 123 + 已启动 44 + 水利 32 (its 18 前期 among them)
    at = open_app(monkeypatch, dept=["zj", "sl"], period=["2021"], stage=["in_statistics", "started", "mixed"])
    assert {m.label: m.value for m in at.metric}["项目数（个）"] == "199"
    assert {m.label: m.value for m in at.metric}["总投资（亿元）"] == "101.78"
    assert any("总投资另有 2 行未披露、未计入" in c.value for c in at.caption)  # 住建局's 123 and 44


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


def test_source_search_finds_the_alias_and_marks_without_gaps(monkeypatch):
    at = open_app(monkeypatch, "pages/5_原文.py")
    at.text_input(key="page_q").set_value("交通局").run()
    shown = main_text(at)
    assert "找到 **2** 处（同一部门的另一个名称“交通运输局”也算在内）" in shown.replace("\\", "")
    assert ":blue[**交通**]" not in shown and ":blue[**交通运输局**]" in shown
    assert "-background[" not in shown  # padded backgrounds put gaps between characters
    assert ".txt" not in shown


def test_the_data_page_speaks_plainly_and_keeps_the_technical_part_apart(monkeypatch, tables):
    at = open_app(monkeypatch, "pages/6_数据说明.py")
    values = metrics(at)
    assert values["数字覆盖率"] == "100.0%" and values["句子覆盖率"] == "100.0%"
    shown = main_text(at)
    from explorer_ui.briefing import built_at_words

    assert f"数据生成时间：{built_at_words(tables.manifest.built_at)}" in shown.replace("\\", "")
    assert "《比拼成绩晒亮点 拓宽思路谋发展》" in shown and "16日（原文未写年月）" in shown
    # 水利局's “6个方面” lists five: said in words
    assert "未来拟实施项目涉及的方面：6 方面；原文逐项列出 5 方面" in shown.replace("\\", "")
    for leak in (".txt", ".toml", "sha256", "dn-", "rec-", "schema", "口径", "jjdata"):
        assert leak not in shown, leak
    (technical,) = [e for e in at.expander if e.label == "技术信息（供维护人员）"]
    assert any("000_8be8280e27aee29f.txt" in str(d.value) for d in technical.dataframe)
