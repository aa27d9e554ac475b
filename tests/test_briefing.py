"""The content of a brief: totals as the report gives them, with their sentences.

Expected values are worked by hand from the report text (data/raw/…).
"""

import re

import jjdata
from explorer_ui import answers, briefing, provenance
from explorer_ui.briefing import NOT_GIVEN
from jjdata import Filters
from jjdata.phrases import total_title

from .test_answers import WATER_2021

JT_14_QUOTE = (
    "结合“十四五”交通专项规划编制，晋江策划重点储备项目38个，其中道路建设项目24个、"
    "轨道交通项目1个、智慧物流项目13个，总投资约405亿元"
)
SL_2021_QUOTE = "策划启动推进项目32个，总投资101.78亿元，年度计划投资11.41亿元"
FG_2021_QUOTE = "2021年，晋江市共安排800个重点项目，总投资4244.2亿元，年度计划投资835.6亿元"
SW_SIGNED_QUOTE = "截至目前，已成功签约56个，总投资超500亿元。"


def cards_citing(brief, quote):
    """{measure: (value, unit)} of the total whose cards cite ``quote``."""
    (group,) = {c.group for c in brief.cards if quote in note_quotes(brief, c.notes)}
    return {c.measure: (c.value, c.unit) for c in brief.cards if c.group == group}


def note_quotes(brief, numbers):
    by_number = {n.number: n.quote for n in brief.footnotes}
    return [by_number[n] for n in numbers]


def compact(text):
    return re.sub(r"\s+", "", text)


def test_transport_fourteenth_plan_is_38_projects_about_405(tables):
    brief = briefing.department_briefing(tables, "jt")
    fourteenth = [c for c in brief.cards if "十四五" in c.group]
    values = {c.measure: (c.value, c.unit) for c in fourteenth}
    # not 76 (38 + 24 + 1 + 13): the group and its parts are never both counted
    assert values == {"项目数": ("38", "个"), "总投资": ("≈405", "亿元"), "年度计划投资": (NOT_GIVEN, "")}
    investment = next(c for c in fourteenth if c.measure == "总投资")
    assert note_quotes(brief, investment.notes) == [JT_14_QUOTE]


def test_transport_periods_are_never_summed(tables):
    brief = briefing.department_briefing(tables, "jt")
    investment = {c.group: (c.measure, c.value) for c in brief.cards if c.measure in ("总投资", "完成投资")}
    assert investment == {  # never ≈542.8, and each in the report's word for it
        "“十三五”（2016–2020） · 交通局 · 已实施项目": ("完成投资", "≈137.8"),
        "“十四五”（2021–2025） · 交通局 · 储备项目": ("总投资", "≈405"),
    }
    # 完成投资 of what was carried out and 总投资 of a reserve are no series: one bar each, no chart
    assert brief.charts == ()


def test_water_2021_is_32_projects_101_78_and_11_41(tables):
    brief = briefing.department_briefing(tables, "sl")
    values = {c.measure: (c.value, c.unit) for c in brief.cards if c.group.startswith("2021年")}
    # the 18 前期, 10 在建项目包 (29 子项目) and 4 可竣工 are within the 32: said in its sentence, no cards
    assert values == {"项目数": ("32", "个"), "总投资": ("101.78", "亿元"), "年度计划投资": ("11.41", "亿元")}
    card = next(c for c in brief.cards if c.group.startswith("2021年") and c.measure == "年度计划投资")
    assert note_quotes(brief, card.notes) == [SL_2021_QUOTE]
    undated = {c.measure: c.value for c in brief.cards if c.group.startswith("未注明时期")}
    assert undated == {"项目数": NOT_GIVEN, "估算总投资": "19.3", "年度计划投资": NOT_GIVEN}


def test_sentences_are_the_pages_answers_with_their_footnotes(tables):
    """One source of wording: the brief says what 总览 says (answers.answers), word for word."""
    filters = Filters(departments=("jt", "sw"))
    brief = briefing.overview_briefing(tables, filters)
    rows = jjdata.filter_projects(tables, filters)
    page = answers.answers(tables, filters, rows) + answers.scale_answers(tables, filters, rows)
    assert [s.text for s in brief.sentences] == [a.text for a in page if not a.goal] + [a.text for a in page if a.goal]
    text = "\n".join(s.text for s in brief.sentences)
    assert "总投资约 405 亿元" in text and "总投资超 500 亿元" in text and "100 个以上" in text
    assert not re.search(r"(?<![\d.])0 ?(个|亿元)", text)  # nothing the report does not give becomes 0
    fourteenth = next(s for s in brief.sentences if s.text.startswith("交通局“十四五”"))
    assert note_quotes(brief, fourteenth.notes) == [JT_14_QUOTE]
    signed = next(s for s in brief.sentences if "已签约项目" in s.text)
    assert note_quotes(brief, signed.notes) == [SW_SIGNED_QUOTE]
    (target,) = [s for s in brief.sentences if s.goal]  # the signing target is set apart, last
    assert target == brief.sentences[-1] and target.text.startswith(
        "商务局（按全市统计理解，原文未明说）2021年签约目标：100 个以上"
    )


def test_the_overview_opens_with_the_reports_headline_figures(tables):
    """Like the page: the city's 800 / 4,244.2 / 835.6 and 160 / 2,152.9 when nothing is filtered;
    a filtered view opens on its own answer and has them after it as 全市背景 (issue 15 item 11)."""
    brief = briefing.overview_briefing(tables, Filters())
    city = "全市（发改局统计）"
    assert [(c.group, c.measure, c.value, c.unit) for c in brief.cards] == [
        (f"2021年全市重点项目 · {city}", "项目数", "800", "个"),
        (f"2021年全市重点项目 · {city}", "总投资", "4,244.2", "亿元"),
        (f"2021年全市重点项目 · {city}", "年度计划投资", "835.6", "亿元"),
        (f"“十四五”规划支撑储备项目 · {city}", "项目数", "160", "个"),
        (f"“十四五”规划支撑储备项目 · {city}", "总投资", "2,152.9", "亿元"),
    ]
    assert note_quotes(brief, brief.cards[0].notes) == [FG_2021_QUOTE]
    filtered = briefing.overview_briefing(tables, Filters(departments=("jt",), periods=("十四五",)))
    assert [(c.measure, c.value) for c in filtered.cards] == [
        ("项目数", "38"),
        ("总投资", "≈405"),
        ("年度计划投资", NOT_GIVEN),
    ]
    assert [row.cells[2] for row in filtered.background.rows] == [
        "项目数 800 个；总投资 4,244.2 亿元；年度计划投资 835.6 亿元",
        "项目数 160 个；总投资 2,152.9 亿元",
    ]
    assert note_quotes(filtered, filtered.background.rows[0].notes) == [FG_2021_QUOTE]
    others = {row.cells[1]: row for row in brief.other_headlines.rows}
    signed = others["已成功签约项目（截至目前）"]
    assert signed.cells == (
        "商务局（按全市统计理解，原文未明说）",
        "已成功签约项目（截至目前）",
        "项目数 56 个；总投资 >500 亿元",
    )
    assert note_quotes(brief, signed.notes) == [SW_SIGNED_QUOTE]
    assert others["“十四五”交通重点储备项目"].cells[2] == "项目数 38 个；总投资 ≈405 亿元"
    assert not {"856", "4,744.2", ">4,744.2"} & {c.value for c in brief.cards}  # 800 + 56, 4244.2 + 500


def test_department_totals_are_titled_as_the_page_titles_them(tables):
    brief = briefing.department_briefing(tables, "jt")
    groups = list(dict.fromkeys(c.group for c in brief.cards))
    assert groups == ["“十三五”（2016–2020） · 交通局 · 已实施项目", "“十四五”（2021–2025） · 交通局 · 储备项目"]
    rows = jjdata.filter_projects(tables, Filters(departments=("jt",)))
    assert groups == [total_title(tables, t) for t in jjdata.totals(tables, rows) if t.gives_a_number]


def test_comparison_never_subtracts_from_a_side_the_report_does_not_give(tables):
    brief = briefing.comparison_briefing(
        tables, Filters(departments=("jt",), periods=("十四五",)), Filters(departments=("sl",))
    )
    fourteenth = {(c.measure, c.side): c.value for c in brief.cards if c.group.startswith("“十四五”")}
    assert fourteenth[("项目数", "情景 A")] == "38 个"
    assert fourteenth[("项目数", "情景 B")] == answers.FILTERED_OUT  # 水利局 gives no 十四五 figure: not 0
    assert fourteenth[("项目数", "B − A")] == "不相减（B 不在当前筛选内）"  # not −38
    assert fourteenth[("总投资", "B − A")] == "不相减（B 不在当前筛选内）"  # not ≈−405
    chart = next(c for c in brief.charts if c.title == "储备项目的总投资：情景 A 与情景 B")
    a, b = chart.series
    assert (a.name, b.name) == ("情景 A", "情景 B")
    assert chart.categories == ("“十四五”（2021–2025） · 交通局 · 储备项目",)
    assert (a.values, b.values, b.labels) == ((405.0,), (None,), (answers.FILTERED_OUT,))
    assert f"情景 B：{WATER_2021}" in [s.text for s in brief.sentences]
    assert brief.sentences[-1].text.startswith("A 和 B 没有同一统计范围的合计")


def test_comparison_cards_are_the_pages_table(tables):
    filters_a, filters_b = Filters(departments=("jt",)), Filters(departments=("jt", "sl"))
    brief = briefing.comparison_briefing(tables, filters_a, filters_b)
    rows_a, rows_b = (jjdata.filter_projects(tables, f) for f in (filters_a, filters_b))
    table, _ = answers.comparison(tables, filters_a, rows_a, filters_b, rows_b)
    cells = [(r["统计范围"], r["指标"], side, r[side]) for r in table.to_dict("records") for side in briefing.SIDES]
    assert [(c.group, c.measure, c.side, c.value) for c in brief.cards] == cells
    fourteenth = {(c.measure, c.side): c.value for c in brief.cards if c.group.startswith("“十四五”")}
    assert fourteenth[("项目数", "B − A")] == "0 个"  # 38 − 38
    water = {(c.measure, c.side): c.value for c in brief.cards if c.group == "2021年 · 水利局 · 推进项目（多阶段）"}
    assert water[("总投资", "情景 B")] == "101.78 亿元"
    assert water[("总投资", "情景 A")] == answers.FILTERED_OUT
    assert water[("总投资", "B − A")] == "不相减（A 不在当前筛选内）"


def test_footnotes_quote_the_report_verbatim_once_each(tables, raw):
    brief = briefing.overview_briefing(tables, Filters())
    text = compact(raw)
    assert [n.number for n in brief.footnotes] == list(range(1, len(brief.footnotes) + 1))
    assert len({n.quote for n in brief.footnotes}) == len(brief.footnotes)
    for note in brief.footnotes:
        assert compact(note.quote) in text, note.quote
    cited = {n for c in brief.cards for n in c.notes} | {n for s in brief.sentences for n in s.notes}
    cited |= {n for t in (*brief.tables, brief.other_headlines) for r in t.rows for n in r.notes}
    cited |= {n for c in brief.charts for n in c.notes}
    assert cited == {n.number for n in brief.footnotes}  # no footnote nobody points to


def test_source_links_are_absolute_when_the_base_url_is_known(tables):
    linked = briefing.department_briefing(tables, "jt", base_url="http://host:8501/")
    note = next(n for n in linked.footnotes if n.quote == JT_14_QUOTE)
    assert note.link == "http://host:8501/%E5%8E%9F%E6%96%87?fig=jt-14-count"
    assert note.unit == "交通局"
    plain = briefing.department_briefing(tables, "jt")
    assert all(n.link is None for n in plain.footnotes)


def test_brief_says_which_report_date_and_build(tables):
    brief = briefing.overview_briefing(
        tables, Filters(departments=("jt", "sl"), periods=("十四五",)), view_url="http://host/?dept=jt"
    )
    assert brief.report_title == "比拼成绩晒亮点 拓宽思路谋发展"
    assert brief.report_date == "16日（原文未写年月）"  # no month is invented
    assert brief.built_at == provenance.built_at_words(tables.manifest.built_at)
    assert brief.built_at.endswith("（北京时间）")
    assert brief.filters == ("筛选：部门：交通局、水利局；时期：“十四五”（2021–2025）",)
    assert brief.view_url == "http://host/?dept=jt"


def test_a_unit_without_projects_still_gets_its_figures(tables):
    brief = briefing.department_briefing(tables, "cz")
    assert brief.cards == ()
    assert [s.text for s in brief.sentences] == ["财政局：原文未给出项目数和投资。"]
    (figures,) = brief.tables
    row = next(r for r in figures.rows if r.cells[0] == "一般公共预算总收入累计")
    assert row.cells[1] == "1092.56 亿元"
    assert note_quotes(brief, row.notes) == ["一般公共预算总收入累计完成1092.56亿元，年均递增2.6%"]
    share = next(r for r in figures.rows if r.cells[0] == "年度民生支出占一般公共预算支出比重")
    assert share.cells[1] == "≥75 %"  # 75%以上


def test_rows_of_a_large_view_are_capped_and_say_so(tables):
    brief = briefing.overview_briefing(tables, Filters())
    (rows,) = brief.tables
    total = len(jjdata.filter_projects(tables, Filters()))
    assert total > briefing.MAX_ROWS
    assert len(rows.rows) == briefing.MAX_ROWS
    assert f"共 {total:,} 条记录，此处列出前 {briefing.MAX_ROWS} 条；完整清单见“项目”页（可下载）。" in rows.note


def test_parts_are_marked_as_parts(tables):
    brief = briefing.department_briefing(tables, "jt")
    projects = brief.tables[0]
    names = [r.cells[0] for r in projects.rows]
    assert "“十四五”交通重点储备项目" in names
    assert "其中：道路建设项目" in names  # the 24 are part of the 38


def test_an_empty_view_says_so(tables):
    brief = briefing.overview_briefing(tables, Filters(departments=("cz",)))  # 财政局 lists no projects
    assert brief.charts == () and brief.tables == ()
    assert [s.text for s in brief.sentences] == ["财政局：原文未给出项目数和投资。"]
    nothing = briefing.overview_briefing(tables, Filters(departments=("cz",), periods=("十四五",), single_only=True))
    assert [s.text for s in nothing.sentences] == ["财政局：原文未给出“十四五”（2021–2025）的项目数和投资。"]
