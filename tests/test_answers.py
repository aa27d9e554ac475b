"""The answers in words (explorer_ui/answers.py), values worked out by hand from the report."""

from explorer_ui import answers
from jjdata import Filters, filter_projects, totals


def said(tables, **filters):
    chosen = Filters(**filters)
    return answers.answers(tables, chosen, filter_projects(tables, chosen))


def texts(tables, **filters):
    return [a.text for a in said(tables, **filters)]


def grid(tables, measure="projects", **filters):
    chosen = Filters(**filters)
    frame = answers.answer_grid(tables, chosen, filter_projects(tables, chosen), measure)
    return frame.set_index(["部门", "统计范围"])


def test_the_lead_cards_are_the_citys_key_figures_as_printed(tables):
    lead, others = answers.headline_cards(tables)
    assert [(c.title, c.unit_name) for c in lead] == [
        ("2021年全市重点项目", "全市（发改局统计）"),
        ("“十四五”规划支撑储备项目", "全市（发改局统计）"),
    ]
    assert [(f.label, f.value, f.unit) for f in lead[0].figures] == [
        ("项目数", "800", "个"),
        ("总投资", "4,244.2", "亿元"),
        ("年度计划投资", "835.6", "亿元"),
    ]
    assert [(f.label, f.value, f.unit) for f in lead[1].figures] == [
        ("项目数", "160", "个"),
        ("总投资", "2,152.9", "亿元"),
    ]
    assert lead[0].quote == "2021年，晋江市共安排800个重点项目，总投资4244.2亿元，年度计划投资835.6亿元"
    assert lead[0].figures[0].figure_id == "fg-key-count"
    # the other units' cards keep their qualifiers, and a card's two counts keep the report's own words
    values = {c.title: [(f.label, f.value) for f in c.figures] for c in others}
    assert values["“十四五”交通重点储备项目"] == [("项目数", "38"), ("总投资", "≈405")]
    assert values["2021年全年签约目标"] == [("项目数", "≥100")]
    assert values["已成功签约项目（截至目前）"] == [("项目数", "56"), ("总投资", ">500")]
    assert values["先后策划对接产业链项目"] == [("先后策划对接产业链项目数", "58"), ("其中正在重点对接项目数", "9")]


def test_one_sentence_per_total_with_the_figures_it_rests_on(tables):
    lines = said(tables, departments=("jt",), periods=("十四五",))
    assert [(a.text, a.figure_ids) for a in lines] == [
        (
            "交通局“十四五”（2021–2025）储备项目：38 个，总投资约 405 亿元；原文未给出年度计划投资；"
            "另列出规划内容（晋江大桥通道、田安大桥通道、晋江南高速通道、东部快速通道（二期）、中部快速通道、西部快速通道），"
            "原文未说明是否在这 38 个之内。",
            ("jt-14-count", "jt-14-investment"),  # not 38 + 24 + 1 + 13: the parts are not cited
        ),
    ]  # the corridors are said once, with the 38 (issue 15 item 7)


def test_a_chosen_unit_the_report_gives_nothing_for_gets_its_own_line(tables):
    """Issue 9 item 5: 水利局 was dropped silently from 交通局 + 水利局 in 十四五."""
    assert texts(tables, departments=("jt", "sl"), periods=("十四五",))[-1] == (
        "水利局：原文未给出“十四五”（2021–2025）的项目数和投资。"
    )
    assert texts(tables, departments=("zrzy",)) == ["自然资源局：原文未给出项目数和投资。"]


def test_a_unit_outside_the_other_filters_is_not_said_to_have_nothing(tables):
    # 水利局 2021: the 32 (101.78亿) and its 4 part rows (18, 10, 29, 4): none below 10亿, outside, not missing
    assert texts(tables, departments=("sl",), periods=("2021",), bands=("lt10",)) == [
        "水利局2021年：原文有 5 条记录，但不在当前的其他筛选范围内。"
    ]


def test_each_phase_is_said_apart_and_an_amount_says_whose_it_is(tables):
    """Review J15, after issue 15: 101.78亿 is 水利局's 32 projects' (策划启动推进项目32个，总投资101.78亿元，
    年度计划投资11.41亿元); 住建局's 可纳统 123 and 已启动 44 are phases of their own, never “199”."""
    assert texts(tables, departments=("zj", "sl"), periods=("2021",), stages=("in_statistics", "started", "mixed")) == [
        "住建局2021年可纳统项目：123 个；原文未给出总投资和年度计划投资。",
        "住建局2021年已启动项目：44 个；原文未给出总投资和年度计划投资。",
        "水利局2021年推进项目（多阶段）：32 个，总投资 101.78 亿元，年度计划投资 11.41 亿元。",
    ]
    # reserves: 住建局 储备项目 22 个 and 工信局 征集入库 375项: different units of count, never “397 个”
    assert texts(tables, departments=("zj", "gx"), periods=("2021",), stages=("reserve",)) == [
        "住建局2021年储备项目：22 个；原文未给出总投资和年度计划投资。",
        "工信局2021年储备项目：375 项，年度计划投资 265.6 亿元；原文未给出总投资。",
    ]


def test_a_count_only_some_units_or_rows_give_names_who_gives_it(tables):
    # 策划生成: 住建局's 107 (策划生成107个项目); 工信局's two 基地 and 老旧工业区连片改造 give no count
    assert texts(tables, departments=("zj", "gx"), periods=("2021",), stages=("planning",)) == [
        "住建局、工信局2021年策划生成项目：给出项目数的只有住建局，107 个（另有 3 条记录原文未给出数量，未计入）；"
        "原文未给出总投资和年度计划投资。"
    ]
    # within one unit: 建筑业转型升级 “两个项目”; the 安置房 (three names, no count) gives none
    assert texts(tables, departments=("zj",), stages=("unspecified",)) == [
        "住建局2021年阶段未说明的项目：给出项目数的只有“建筑业转型升级项目”，2 个（另有 1 条记录原文未给出数量，未计入）；"
        "原文未给出总投资和年度计划投资。"
    ]


WATER_2021 = (  # 策划启动推进项目32个…前期尚未开工项目，共有 18个；在建项目，有 10 个项目包、共29个子项目；近期可竣工投用项目，共有4个
    "水利局2021年推进项目（多阶段）：32 个，总投资 101.78 亿元，年度计划投资 11.41 亿元；"
    "其中前期（未开工）项目 18 个，在建项目 10 个项目包（其中在建项目 29 个子项目），近期可竣工项目 4 个"
    "（原文分列，都在其中，不另相加）。"
)


def test_the_overview_sentence_for_2021_keeps_the_32_whole_and_its_phases_within_it(tables):
    """Review J15 on 总览 with no filter and with 时期 2021: the same sentence, the phases inside it, never added."""
    for filters in ({}, {"periods": ("2021",)}):
        lines = said(tables, **filters)
        water = [a for a in lines if a.text.startswith("水利局2021年")]
        assert [a.text for a in water] == [WATER_2021], filters
        assert water[0].figure_ids == (
            "sl-count",
            "sl-investment",
            "sl-annual",
            "sl-preliminary",
            "sl-building-packages",
            "sl-building-subprojects",
            "sl-completing",
        )
    # without the 32 among the rows, a phase is a sentence of its own; the 32's amounts are not the 18's
    assert texts(tables, departments=("sl",), stages=("preliminary",)) == [
        "水利局2021年前期（未开工）项目：18 个；原文只给出上一级“5+1”水利项目的总投资和年度计划投资（不在当前筛选内），"
        "没有给出这几项的。"
    ]


def test_one_row_keeps_the_reports_own_unit_and_words(tables):
    """Review J3 item 4: 工信局's 375 are “项” (入库工业储备项目 375项); 分园区's 71亿 is its 计划总投资;
    交通局's 137.8亿 is 完成投资 (完成投资约137.8亿元)."""
    assert texts(tables, departments=("gx",), stages=("reserve",)) == [
        "工信局2021年储备项目：375 项，年度计划投资 265.6 亿元；原文未给出总投资。"
    ]
    assert texts(tables, departments=("bdt",), periods=("2021H1",)) == [
        "晋江分园区2021年上半年已签约项目：6 个，计划总投资 71 亿元；原文未给出年度计划投资。"
    ]
    assert texts(tables, departments=("jt",), periods=("十三五",))[0].startswith(
        "交通局“十三五”（2016–2020）已实施项目：44 个，完成投资约 137.8 亿元；"
    )
    # several rows added keep the totals' words: 发改局 800 / 4,244.2 and 商务局 56 / >500 are one row each, 总投资 as printed
    assert "总投资 4,244.2 亿元" in texts(tables, departments=("fg",), periods=("2021",))[0]


def test_city_lists_targets_and_lower_bounds_are_worded_apart(tables):
    lines = said(tables, departments=("sw",))
    assert [(a.text, a.goal) for a in lines] == [
        (
            "商务局（按全市统计理解，原文未明说）2021年已签约项目：56 个，总投资超 500 亿元；原文未给出年度计划投资。",
            False,
        ),
        ("商务局（按全市统计理解，原文未明说）2021年签约目标：100 个以上；原文未给出总投资和年度计划投资。", True),
    ]


def test_a_city_wide_reading_is_said_to_be_one(tables):
    """Review J3: “晋江市商务局的全年目标签约项目…已成功签约 56个” does not say the whole city's; the row
    says it is a reading (``readings = ["scope"]``, with its data note). 发改局's 800 is the city's in
    the text (“晋江市共安排 800个重点项目”); its 80/90 targets are the city's only by a reading."""
    read = set(tables.projects.loc[tables.projects["scope_read"].fillna(False).astype(bool), "project_id"])
    assert read == {
        "sw-sign-target",
        "sw-signed",
        "fg-start-target",
        "fg-complete-target",
        "fg-h2-start",
        "fg-h2-complete",
    }
    assert texts(tables, departments=("fg",), periods=("2021",), stages=("annual_plan",)) == [
        "全市（发改局统计）2021年列入年度计划的项目：800 个，总投资 4,244.2 亿元，年度计划投资 835.6 亿元。"
    ]
    frame = grid(tables, departments=("sw", "fg"), periods=("2021",))
    assert ("商务局（按全市统计理解，原文未明说）", "已签约项目") in frame.index
    assert ("全市（发改局统计）", "列入年度计划的项目") in frame.index
    no_line_says_the_city_as_fact = [t for t in texts(tables) if "全市（商务局" in t]
    assert no_line_says_the_city_as_fact == []


def test_the_scale_filter_says_it_compares_a_rows_own_total_and_that_all_rows_are_groups(tables):
    """Issue 9 item 3: 100–1000亿 + 1000亿及以上 returns six groups and nothing said so."""
    chosen = Filters(bands=("100to1000", "ge1000"))
    lines = [a.text for a in answers.scale_answers(tables, chosen, filter_projects(tables, chosen))]
    assert lines[0].startswith(
        "投资规模按每条记录自己的投资（总投资、完成投资、计划总投资等，按原文所写）比较：项目组按整组的合计"
    )
    # 发改局 800 / 4,244.2, 发改局 160 / 2,152.9, 商务局 56 / >500, 交通局 38 / ≈405, 44 / ≈137.8, 水利局 32 / 101.78
    assert lines[1] == (
        "这 6 条都是项目组的合计（如“2021年全市重点项目”，800 个），不是单个项目；"
        "原文没有给出哪个单个项目的投资落在所选范围（100–1000亿、1000亿及以上）内。"
    )
    assert answers.scale_answers(tables, Filters(), filter_projects(tables, Filters())) == []


def test_a_range_with_single_projects_says_how_many_are_groups(tables):
    # below 100亿: 分园区's 6 signed (71亿, a group) and 水利局's 19.3亿 of plans (a group): no single project has one
    chosen = Filters(max_investment=99)
    lines = [a.text for a in answers.scale_answers(tables, chosen, filter_projects(tables, chosen))]
    assert lines[1].startswith("这 2 条都是项目组的合计（如“上半年新增签约项目”，6 个）")
    assert lines[1].endswith("落在所选范围（99 亿元及以下）内。")


def test_the_grid_answers_transport_vs_water_in_the_fourteenth_plan(tables):
    frame = grid(tables, "investment", departments=("jt", "sl"), periods=("十四五",))
    assert frame["“十四五”"].to_dict() == {
        ("交通局", "储备项目"): "总投资 ≈405 亿元",  # the 6 named corridors are said with the 38, no line of their own
        ("水利局", "全部"): "原文未给出",  # never blank, never 0
    }


def test_the_grid_keeps_periods_and_kinds_apart(tables):
    frame = grid(tables)
    assert list(frame.columns) == ["“十三五”", "2021年", "2021年上半年", "“十四五”", "未注明时期"]
    assert frame.loc[("住建局", "可纳统项目"), "2021年"] == "123 个"  # not 167 with the 44 已启动
    assert frame.loc[("住建局", "已启动项目"), "2021年"] == "44 个"
    assert frame.loc[("住建局", "储备项目"), "2021年"] == "22 个"
    assert frame.loc[("交通局", "已实施项目"), "“十三五”"] == "44 个"
    assert frame.loc[("交通局", "已实施项目"), "“十四五”"] == "原文未给出"  # the 38 are a reserve: its own row
    assert frame.loc[("交通局", "储备项目"), "“十四五”"] == "38 个"
    assert frame.loc[("全市（发改局统计）", "列入年度计划的项目"), "2021年"] == "800 个"
    assert frame.loc[("水利局", "在建项目 · 项目包"), "2021年"] == "10 个项目包"
    assert frame.loc[("自然资源局", "全部")].tolist() == ["原文未给出"] * 5
    assert "0 个" not in frame.to_numpy().ravel().tolist() and "" not in frame.to_numpy().ravel().tolist()


def test_the_grid_tells_filtered_out_from_not_given(tables):
    frame = grid(tables, bands=("100to1000", "ge1000"))
    assert frame.loc[("住建局", "全部"), "2021年"] == "不在当前筛选内"  # 住建局 gives counts, no investment ≥100亿
    assert frame.loc[("住建局", "全部"), "“十四五”"] == "原文未给出"


def test_comparison_rows_never_subtract_against_nothing(tables):
    a = totals(tables, filter_projects(tables, Filters(departments=("jt",), periods=("十四五",))))
    b = totals(tables, filter_projects(tables, Filters(departments=("sl",))))
    rows = answers.comparison_rows(tables, a, b).set_index(["统计范围", "指标"])
    assert rows.loc[("“十四五”（2021–2025） · 交通局 · 储备项目", "项目数")].tolist() == [
        "38 个",
        "不在当前筛选内",  # B (水利局) leaves 交通局's reserve out; the report does give it
        "不相减（B 不在当前筛选内）",
    ]
    assert rows.loc[("未注明时期 · 水利局 · 策划生成", "估算总投资")].tolist() == [
        "不在当前筛选内",
        "19.3 亿元",
        "不相减（A 不在当前筛选内）",
    ]
    assert ("2021年 · 水利局 · 推进项目（多阶段）", "项目数") in rows.index
    assert answers.comparison_note(a, b, Filters(periods=("十四五",)), Filters()) == (
        "A 和 B 没有同一统计范围的合计（时期、统计对象、阶段或类别不同），只并列列出，不相减。"
    )


def test_comparison_rows_subtract_like_from_like_and_keep_bounds(tables):
    a = totals(tables, filter_projects(tables, Filters(departments=("sw",), stages=("signed",))))
    b = totals(tables, filter_projects(tables, Filters(departments=("sw", "fg"), periods=("2021",))))
    rows = answers.comparison_rows(tables, a, b).set_index(["统计范围", "指标"])
    # 商务局's signings and 发改局's list are separate city-wide totals: B's 800 is not compared with A's 56
    signed = rows.loc[("2021年 · 商务局（按全市统计理解，原文未明说） · 已签约项目", "总投资")].tolist()
    assert signed == [">500 亿元", ">500 亿元", "无法确定（A 是下限）"]
    assert rows.loc[("2021年 · 全市（发改局统计） · 列入年度计划的项目", "项目数")].tolist() == [
        "不在当前筛选内",
        "800 个",
        "不相减（A 不在当前筛选内）",
    ]


def test_named_projects_beside_a_count_and_estimates_keep_the_reports_words(tables):
    lines = texts(tables, departments=("jt", "sl"), periods=("十三五", ""))
    assert lines == [
        # 横九线, 东石连接线, 大深线: the text does not place them among the 44 (nor outside)
        "交通局“十三五”（2016–2020）已实施项目：44 个，完成投资约 137.8 亿元；原文未给出年度计划投资；"
        "另列出省、泉州市重点项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内。",
        "水利局（未注明时期）策划生成项目：估算总投资 19.3 亿元；原文未给出项目数和年度计划投资。",  # 估算19.3亿元
        "交通局：原文未给出不注明时期的项目数和投资。",
        "水利局：原文未给出“十三五”（2016–2020）的项目数和投资。",
    ]


# 2021's halves, as the text gives them apart from the year: 1～6月份新增签约项目 6个，计划总投资71亿元 (分园区);
# 下半年计划新增开工…项目9个、投产投用项目4个 (分园区); 力争下半年新开工 33个项目…建成投产（投用）74个项目 (发改局)
FIRST_HALF = (
    "另有 2021年上半年单独给出的数字，不计入 2021年的合计：晋江分园区已签约项目 6 个，计划总投资 71 亿元。"
    "要看这些记录，在“时期”中加选“2021年上半年”。"
)
SECOND_HALF = (
    "另有 2021年下半年单独提出的目标，不计入 2021年的目标：晋江分园区开工目标 9 个、竣工投产目标 4 个；"
    "发改局（按全市统计理解，原文未明说）开工目标 33 个、竣工投产目标 74 个（时期按上下文理解，原文未明说）。"
    "要看这些记录，在“时期”中加选“2021年下半年”。"
)


def test_a_2021_answer_points_to_the_half_year_numbers_it_leaves_out(tables):
    """Review J6: with 时期 2021 the 上半年/下半年 rows were left out without a word."""
    lines = said(tables, periods=("2021",))
    pointers = [(a.text, a.goal, a.figure_ids) for a in lines if a.text.startswith("另有 2021年")]
    assert pointers == [
        (FIRST_HALF, False, ("bdt-h1-signed-count", "bdt-h1-signed-investment")),
        (SECOND_HALF, True, ("bdt-h2-start", "bdt-h2-operation", "fg-h2-start", "fg-h2-complete")),
    ]
    # never added into 2021: the year's own totals are what they were (123 可纳统 first, no 已签约 of the units' own)
    totals_2021 = [a.text for a in lines if not a.text.startswith("另有")]
    assert totals_2021[0].startswith("住建局2021年可纳统项目：123 个")
    assert not [t for t in totals_2021 if t.startswith("晋江分园区2021年已签约")]
    assert not [t for t in totals_2021 if "33 个" in t or "74 个" in t or "71 亿元" in t]


def test_the_half_year_pointer_follows_the_other_filters_and_the_shown_halves(tables):
    # 上半年 already shown: only 下半年's targets are pointed to
    pointers = [t for t in texts(tables, periods=("2021", "2021H1")) if t.startswith("另有")]
    assert pointers == [SECOND_HALF]
    # both halves shown, or no 时期 filter (every period shown): nothing left out, no pointer
    for filters in ({"periods": ("2021", "2021H1", "2021H2")}, {}, {"periods": ("2021H1",)}):
        assert not [t for t in texts(tables, **filters) if t.startswith("另有 2021年")], filters
    # a unit without half-year rows gets none (交通局); 分园区 alone gets its own
    assert not [t for t in texts(tables, departments=("jt",), periods=("2021",)) if t.startswith("另有")]
    assert [t for t in texts(tables, departments=("bdt",), periods=("2021",)) if t.startswith("另有")] == [
        FIRST_HALF,
        "另有 2021年下半年单独提出的目标，不计入 2021年的目标：晋江分园区开工目标 9 个、竣工投产目标 4 个。"
        "要看这些记录，在“时期”中加选“2021年下半年”。",
    ]
    # the other filters hold: 已签约 only -> the 6 signed, after the line saying 2021 has nothing signed
    assert texts(tables, departments=("bdt",), periods=("2021",), stages=("signed",)) == [
        "晋江分园区2021年：原文有 4 条记录，但不在当前的其他筛选范围内。",
        FIRST_HALF,
    ]
    assert not [t for t in texts(tables, periods=("2021",), single_only=True) if t.startswith("另有")]  # all groups


def test_comparison_cells_say_whose_an_amount_is(tables):
    """Review J15 in 情景对比: an amount only some of a side's units give says whose it is."""
    a = totals(tables, filter_projects(tables, Filters(departments=("zj",), periods=("2021",), stages=("planning",))))
    b = totals(
        tables, filter_projects(tables, Filters(departments=("zj", "gx"), periods=("2021",), stages=("planning",)))
    )
    rows = answers.comparison_rows(tables, a, b).set_index(["统计范围", "指标"])
    # B's 107 are 住建局's: 工信局's three 策划生成 rows give no count, so B's number is not complete
    assert rows.loc[("2021年 · 住建局、工信局 · 策划生成", "项目数")].tolist() == [
        "107 个",
        "107 个（只有住建局给出）",
        "不相减（B 另有 3 条记录原文未给出总投资）".replace("总投资", "项目数"),
    ]


def test_the_grid_keeps_the_reports_unit_for_one_row(tables):
    frame = grid(tables, departments=("gx", "zj"), periods=("2021",))
    assert frame.loc[("工信局", "储备项目（按“项”计）"), "2021年"] == "375 项"  # 征集入库工业储备项目 375项
    assert frame.loc[("住建局", "储备项目"), "2021年"] == "22 个"  # never added to the 375 项
