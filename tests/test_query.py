"""Filters and totals, expected values worked out by hand from the report."""

import pytest

from jjdata import Filters, bases, filter_projects, totals, validate_filters
from jjdata.query import compare_totals, counted_rows


def group_totals(tables, **filters):
    """Totals by (whose list or "department", period, basis), and what a count counts where it is not 个 项目."""
    rows = filter_projects(tables, Filters(**filters))
    return {_key(g.pool): g for g in totals(tables, rows)}


def _key(pool):
    extra = tuple(x for x in (pool.count_unit, pool.count_word) if x not in ("个", "项目"))
    return (pool.owner or pool.scope, pool.period, pool.basis, *extra)


def value(measured):
    return measured.amount.value if measured.amount is not None else None


def test_transport_fourteenth_plan_is_38_projects_about_405(tables):
    groups = group_totals(tables, departments=("jt",), periods=("十四五",))
    # the 38 are a reserve (储备); the 6 named corridors (规划内容) are said beside them, in no total of their own
    assert list(groups) == [("department", "十四五", "reserve")]
    total = groups["department", "十四五", "reserve"]
    assert total.projects.amount.value == 38 and total.projects.amount.bound == "exact"  # not 76 (38 + 24 + 1 + 13)
    assert total.investment.amount.value == 405 and total.investment.amount.approx
    assert total.investment.cell() == "≈405 亿元"
    assert total.rows == 4 and total.counted == 1  # the 38 with its 3 parts
    # without the 38 among the rows, the corridors are a total of their own (策划生成), giving no number
    (corridors,) = group_totals(tables, departments=("jt",), periods=("十四五",), stages=("planning",)).values()
    assert corridors.rows == 6 and not corridors.gives_a_number
    # the 6 named corridors: the text does not say whether they are among the 38 (of which 24 are roads)
    assert total.listed_apart == (
        "jt-corridor-jjbridge",
        "jt-corridor-tianan",
        "jt-corridor-jjsouth",
        "jt-expressway-east",
        "jt-expressway-middle",
        "jt-expressway-west",
    )
    assert corridors.listed_apart == ()


def test_periods_are_never_summed(tables):
    groups = group_totals(tables, departments=("jt",))
    assert value(groups["department", "十三五", "implemented"].projects) == 44
    assert groups["department", "十三五", "implemented"].investment.cell() == "≈137.8 亿元"
    assert value(groups["department", "十四五", "reserve"].projects) == 38
    assert {value(g.projects) for g in groups.values()} == {44, 38}  # no 82-project total anywhere


def test_city_wide_list_is_kept_apart_from_department_rows(tables):
    groups = group_totals(tables, departments=("jt", "fg"), periods=("十四五",))
    assert value(groups["department", "十四五", "reserve"].projects) == 38
    assert value(groups["fg", "十四五", "reserve"].projects) == 160
    assert value(groups["fg", "十四五", "reserve"].investment) == 2152.9


def test_water_2021_the_32_and_each_phase_of_them_apart(tables):
    """策划启动推进项目32个 … 前期尚未开工 18；在建 10 个项目包、共29个子项目；近期可竣工 4: each its own total."""
    groups = group_totals(tables, departments=("sl",), periods=("2021",))
    whole = groups["department", "2021", "mixed"]
    assert [value(whole.measured(m)) for m in ("projects", "investment", "annual_investment")] == [32, 101.78, 11.41]
    counts = {key[2:]: value(total.projects) for key, total in groups.items()}
    assert counts == {
        ("mixed",): 32,
        ("preliminary",): 18,
        ("under_construction", "项目包"): 10,  # not 10 + 29: packages and sub-projects are different things
        ("under_construction", "子项目"): 29,
        ("near_completion",): 4,
    }
    # the parts say which group of another phase holds them; never added to it
    assert groups["department", "2021", "preliminary"].within == ("sl-2021",)
    assert groups["department", "2021", "under_construction", "子项目"].within == ("sl-2021-building",)


def test_targets_are_never_added_to_projects_that_exist(tables):
    groups = group_totals(tables, departments=("sw", "bdt"), periods=("2021",))
    # 商务局's signings are the city's tally by a reading, which likely holds 分园区's: kept apart
    assert groups["sw", "2021", "target_signing"].projects.cell() == "≥100 个"
    assert groups["sw", "2021", "target_signing"].pool.scope_read
    assert groups["department", "2021", "target_signing"].projects.cell() == "≥10 个"
    assert value(groups["sw", "2021", "signed"].projects) == 56  # signed: not a project under way
    assert groups["sw", "2021", "signed"].investment.cell() == ">500 亿元"
    talks = groups["department", "2021", "leads"]
    assert value(talks.projects) == 58  # the 9 in talks are part of the 58
    assert talks.investment.undisclosed == 1  # the leads give no investment
    # 分园区's 6 signed in 1～6月份 are a signed total of their own half-year, never added to the 58 it may be among
    signed = group_totals(tables, departments=("bdt",), periods=("2021H1",))
    assert list(signed) == [("department", "2021H1", "signed")]
    assert signed["department", "2021H1", "signed"].investment.cell() == "71 亿元"
    assert signed["department", "2021H1", "signed"].investment.label == "计划总投资"


def test_two_city_wide_lists_are_not_added_together(tables):
    groups = group_totals(tables, periods=("2021",), stages=("annual_plan", "signed"))
    assert value(groups["fg", "2021", "annual_plan"].projects) == 800
    assert value(groups["sw", "2021", "signed"].projects) == 56
    assert groups["sw", "2021", "signed"].city_list == "sw"


def test_start_and_completion_targets_are_separate(tables):
    groups = group_totals(tables, departments=("fg",), periods=("2021",))
    assert value(groups["fg", "2021", "annual_plan"].projects) == 800
    assert value(groups["fg", "2021", "target_start"].projects) == 80
    assert value(groups["fg", "2021", "target_completion"].projects) == 90
    # the text does not say these targets are the city's, nor parts of the 800: a reading, said as one
    assert groups["fg", "2021", "target_start"].pool.scope_read and groups["fg", "2021", "target_start"].within == ()


def test_investment_bands(tables):
    ids = set(filter_projects(tables, Filters(bands=("100to1000", "ge1000")))["project_id"])
    assert ids == {"jt-13", "jt-14", "sl-2021", "fg-key-2021", "fg-reserve-14", "sw-signed"}
    assert set(filter_projects(tables, Filters(bands=("10to100",)))["project_id"]) == {"sl-future", "bdt-h1-signed"}
    assert set(filter_projects(tables, Filters(bands=("ge1000",)))["project_id"]) == {
        "fg-key-2021",
        "fg-reserve-14",
        "sw-signed",  # 超500亿元 may be 1000 or more
    }
    undisclosed = filter_projects(tables, Filters(bands=("undisclosed",)))
    assert undisclosed["investment"].isna().all() and len(undisclosed) == 58 - 8  # eight rows state an investment


@pytest.mark.parametrize(
    ("low", "high", "has_sw_signed"),
    [(0, 500, False), (0, 500.01, True), (400, 600, True), (600, None, True), (None, 499, False)],
)
def test_more_than_500_is_a_lower_bound_in_a_free_range(tables, low, high, has_sw_signed):
    rows = filter_projects(tables, Filters(min_investment=low, max_investment=high))
    assert ("sw-signed" in set(rows["project_id"])) is has_sw_signed


def test_free_range_on_exact_values(tables):
    rows = filter_projects(tables, Filters(min_investment=100, max_investment=405))
    assert set(rows["project_id"]) == {"jt-13", "jt-14", "sl-2021"}  # 超500 cannot be 405 or less


def test_housing_2021_is_five_totals_never_one(tables):
    groups = group_totals(tables, departments=("zj",), periods=("2021",))
    assert value(groups["department", "2021", "in_statistics"].projects) == 123  # 可纳统
    assert value(groups["department", "2021", "started"].projects) == 44  # 分类启动老旧小区改造: not added to the 123
    assert value(groups["department", "2021", "reserve"].projects) == 22  # 房地产储备
    assert value(groups["department", "2021", "generated"].projects) == 107  # 策划生成 (may hold the 44)
    unphased = groups["department", "2021", "unphased"]
    assert value(unphased.projects) == 2 and unphased.projects.undisclosed == 1  # 建筑业 2; 安置房 gives no count
    assert len(groups) == 5  # not 298 (107 + 123 + 22 + 44 + 2), nor 167 (123 + 44)


def test_single_projects_only_leaves_out_every_group(tables):
    # 交通局: 横九线, 东石连接线, 大深线, the one 轨道交通项目 and the 6 named corridors; not the 44, 38, 24 or 13
    rows = filter_projects(tables, Filters(departments=("jt",), single_only=True))
    assert set(rows["project_id"]) == {
        "jt-13-hengjiu",
        "jt-13-dongshi",
        "jt-13-dashen",
        "jt-14-rail",
        "jt-corridor-jjbridge",
        "jt-corridor-tianan",
        "jt-corridor-jjsouth",
        "jt-expressway-east",
        "jt-expressway-middle",
        "jt-expressway-west",
    }
    # every row of 100亿 or more is a group: the report gives no single project that large
    assert filter_projects(tables, Filters(bands=("100to1000", "ge1000"), single_only=True)).empty
    assert validate_filters(tables, Filters(single_only=True))[0].single_only


def test_validate_filters_drops_unknown_values(tables):
    cleaned, rejected = validate_filters(
        tables, Filters(departments=("jt", "nope", "jt"), periods=("2099",), min_investment=50, max_investment=10)
    )
    assert cleaned.departments == ("jt",)
    assert cleaned.periods == ()
    assert cleaned.max_investment is None
    assert [(r.field, r.value) for r in rejected] == [
        ("departments", "nope"),
        ("periods", "2099"),
        ("max_investment", "10"),
    ]


def test_a_row_without_its_own_count_takes_its_parts_as_a_lower_bound(tables):
    from dataclasses import replace

    projects = tables.projects.copy()
    parent = projects["project_id"] == "jt-14"
    projects.loc[parent, ["project_count", "investment"]] = None
    projects.loc[parent, ["count_qualifier", "investment_qualifier"]] = None
    edited = replace(tables, projects=projects)
    rows = filter_projects(edited, Filters(departments=("jt",), periods=("十四五",), stages=("reserve",)))
    (total,) = totals(edited, rows)
    assert total.projects.cell() == "≥38 个（本工具相加）"  # 24 + 1 + 13, and the whole may hold more
    assert total.projects.undisclosed == 0
    assert not total.investment.given and total.investment.undisclosed == 1


def test_breakdown_by_department_never_mixes_periods(tables):
    from jjdata.query import summarize

    summary = summarize(tables, filter_projects(tables, Filters()), by=("dept_id",))
    jt = summary[summary["dept_id"] == "jt"]
    assert jt[["period", "basis", "projects"]].values.tolist() == [
        ["十三五", "implemented", 44.0],
        ["十四五", "reserve", 38.0],
    ]
    city = summary[summary["scope"] == "city"]
    assert set(city["dept_id"]) == {"fg", "sw"}


def test_2021_department_totals_per_phase(tables):
    """Issue 8 split the old “2021年 · 部门口径 · 763 个” into five bases; issue 15 splits the
    phases too: 199 (可纳统 123 + 已启动 44 + 水利局 32) and 397 (22 个 + 375 项) added unlike rows."""
    groups = group_totals(tables, scopes=("department",), periods=("2021",))
    counts = {key[2:]: total.projects.cell() for key, total in groups.items()}
    assert counts == {
        ("in_statistics",): "123 个",  # 住建局 房地产 可纳统
        ("started",): "44 个",  # 住建局 分类启动老旧小区改造
        ("mixed",): "32 个",  # 水利局 “5+1” 策划启动推进
        ("preliminary",): "18 个",  # of the 32
        ("under_construction", "项目包"): "10 个项目包",  # of the 32
        ("under_construction", "子项目"): "29 个子项目",  # of the 10 packages
        ("near_completion",): "4 个",  # of the 32
        ("reserve",): "22 个",  # 住建局 房地产储备
        ("reserve", "项"): "375 项",  # 工信局 首批征集入库: 项, not added to the 22 个
        ("leads",): "58 个",  # 分园区 先后策划对接 58 (cumulative; may hold the 6 signed in 1～6月份)
        ("generated",): "107 个（另有 3 条记录原文未给出）",  # 住建局 策划生成 107 (工信局's 3 bases give no count)
        ("unphased",): "2 个（另有 2 条记录原文未给出）",  # 住建局 建筑业 2 (安置房 and 科技局's base give none)
        ("target_signing",): "≥10 个",  # 分园区
        ("target_reserve",): "≥20 个",  # 分园区
        ("expected",): "≥30 个",  # 工信局 第二批 预计
    }
    assert groups["department", "2021", "mixed"].investment.cell() == "101.78 亿元"  # 水利局's own number
    assert groups["department", "2021", "unphased"].projects.undisclosed == 2  # 安置房, 科技局's base
    assert groups["department", "2021", "reserve", "项"].annual_investment.cell() == "265.6 亿元"  # 工信局 首批


def test_no_total_adds_rows_of_different_phases(tables):
    """Signing is not carrying out; a lead (may be signed already) is not a reserve; 可纳统 is not 已启动."""
    stage = tables.projects.set_index("project_id")["stage_id"].astype(str)
    counted = counted_rows(tables, filter_projects(tables, Filters()))
    counted = counted[counted["counted"]]
    for _, group in counted.groupby("_key"):
        assert len(set(stage[group["project_id"]])) == 1, set(stage[group["project_id"]])


def test_every_stage_has_a_basis_with_a_reason_and_bases_have_plain_words(tables):
    stages = tables.stages.set_index("stage_id")
    assert stages["basis_reason"].str.len().min() >= 10
    assert set(stages["basis"]) == set(tables.bases["basis_id"])
    # each phase the text names is a basis of its own: no basis adds two stages
    assert stages["basis"].is_unique
    assert stages.loc["reserve", "basis"] == "reserve"
    assert stages.loc["negotiating", "basis"] == "leads"
    assert stages.loc["signed", "basis"] == "signed"
    assert stages.loc["planning", "basis"] == "generated"
    assert stages.loc["unspecified", "basis"] == "unphased"
    for phase in ("annual_plan", "in_statistics", "preliminary", "started", "under_construction", "mixed"):
        assert stages.loc[phase, "basis"] == phase, phase
    assert tables.bases["explanation"].str.len().min() > 20


def test_base_helpers_name_the_groups(tables):
    assert bases.primary_bases(tables) == (
        "annual_plan",
        "in_statistics",
        "started",
        "mixed",
        "preliminary",
        "under_construction",
        "near_completion",
        "implemented",
        "completed",
    )
    assert bases.goal_bases(tables) == (
        "target_signing",
        "target_reserve",
        "target_start",
        "target_completion",
        "expected",
    )
    assert bases.bases_in(tables, "signed", "reserve", "leads", "generated") == (
        "signed",
        "reserve",
        "leads",
        "generated",
    )
    labels = bases.basis_labels(tables)
    assert [labels[b] for b in ("in_statistics", "started", "signed", "reserve", "leads")] == [
        "可纳统项目",
        "已启动项目",
        "已签约项目",
        "储备项目",
        "策划对接项目",
    ]
    assert bases.is_goal(tables, "target_start") and not bases.is_goal(tables, "unphased")
    explanations = bases.basis_explanations(tables)
    assert "签约不等于开工" in explanations["signed"] and "可能包括已经签约的项目" in explanations["leads"]
    assert "按“项”计的（工信局）与按“个”计的不相加" in explanations["reserve"]
    assert "可纳统不等于已开工" in explanations["in_statistics"]


def test_a_side_without_a_total_is_none_never_zero(tables):
    """Issue 9 item 2: 水利局 has no “十四五” figure; 交通局's 38 and ≈405 are not “B − 0”."""
    a = totals(tables, filter_projects(tables, Filters(departments=("jt",), periods=("十四五",))))
    b = totals(tables, filter_projects(tables, Filters(departments=("sl",), stages=("mixed", "planning"))))
    pairs = {_key(pool): measures for pool, measures in compare_totals(tables, a, b)}
    # 水利局: 2021 推进项目 32 / 101.78 / 11.41, and 19.3亿元 of 未来拟实施 with no period; 交通局: “十四五” only
    assert list(pairs) == [
        ("department", "2021", "mixed"),
        ("department", "十四五", "reserve"),
        ("department", "", "generated"),
    ]
    qa, qb, diff = pairs["department", "十四五", "reserve"]["projects"]
    assert (qa.cell(), qb, diff.cell()) == ("38 个", None, "不相减（B 不在当前筛选内）")
    qa, qb, diff = pairs["department", "十四五", "reserve"]["investment"]
    assert (qa.cell(), qb, diff.cell()) == ("≈405 亿元", None, "不相减（B 不在当前筛选内）")
    qa, qb, diff = pairs["department", "2021", "mixed"]["annual_investment"]
    assert (qa, qb.cell(), diff.cell()) == (None, "11.41 亿元", "不相减（A 不在当前筛选内）")


def test_only_totals_of_the_same_kind_are_subtracted(tables):
    # A 水利局 2021 (32 / 101.78); B adds 住建局's 可纳统 123 and 已启动 44: totals of other phases
    stages = ("in_statistics", "started", "mixed")
    a = totals(tables, filter_projects(tables, Filters(departments=("sl",), periods=("2021",), stages=stages)))
    b = totals(tables, filter_projects(tables, Filters(departments=("zj", "sl"), periods=("2021",), stages=stages)))
    pairs = {_key(pool): measures for pool, measures in compare_totals(tables, a, b)}
    assert list(pairs) == [
        ("department", "2021", "in_statistics"),
        ("department", "2021", "started"),
        ("department", "2021", "mixed"),
    ]
    assert pairs["department", "2021", "mixed"]["projects"][2].cell() == "0 个"  # the same 32 on both sides
    assert pairs["department", "2021", "mixed"]["investment"][2].cell() == "0 亿元"  # and the same 101.78
    assert pairs["department", "2021", "in_statistics"]["projects"][2].cell() == "不相减（A 不在当前筛选内）"


def test_named_roads_beside_the_44_are_neither_inside_nor_outside_it(tables):
    """Review E1: “横九线、东石连接线、大深线等一批省、泉州市重点项目建成通车” does not say they are among the 44."""
    from jjdata.phrases import listed_apart_words

    total = group_totals(tables, departments=("jt",), periods=("十三五",))["department", "十三五", "implemented"]
    assert total.projects.cell() == "44 个" and total.investment.cell() == "≈137.8 亿元"
    assert total.rows == 1  # the three named roads are said with the 44, in no total of their own
    # not "3 rows gave no number, left out": that would place them outside the 44
    assert total.projects.undisclosed == 0 and total.investment.undisclosed == 0
    assert total.listed_apart == ("jt-13-hengjiu", "jt-13-dongshi", "jt-13-dashen")
    assert listed_apart_words(tables, total) == (
        "另列出省、泉州市重点项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内"
    )
    assert (
        listed_apart_words(tables, total, with_names=False) == "另列出省、泉州市重点项目，原文未说明是否在这 44 个之内"
    )
    # without their group among the rows, they are three named projects that give no number
    alone = group_totals(tables, departments=("jt",), periods=("十三五",), single_only=True)
    (roads,) = alone.values()
    assert roads.listed_apart == () and not roads.projects.given and roads.projects.undisclosed == 3
    assert listed_apart_words(tables, roads) == ""


def test_a_total_resting_on_an_estimate_says_so(tables):
    """Review E3: 水利局 “估算总投资19.3亿元” for its 未来拟实施 projects; 工信局 “预计…30个以上”."""
    future = group_totals(tables, departments=("sl",))["department", "", "generated"]
    assert future.investment.cell() == "19.3 亿元" and future.investment.label == "估算总投资"
    assert future.investment.words() == "估算总投资 19.3 亿元"
    water_2021 = group_totals(tables, departments=("sl",))["department", "2021", "mixed"]
    assert water_2021.investment.label == "总投资"
    batch2 = group_totals(tables, departments=("gx",), periods=("2021",))["department", "2021", "expected"]
    assert batch2.projects.cell() == "≥30 个" and batch2.projects.amount.kind.estimate == "预计"
    assert batch2.annual_investment.cell() == "≥6 亿元" and batch2.annual_investment.label == "预计年度计划投资"


def test_a_total_of_one_units_rows_keeps_that_units_part(tables):
    """Review J15, after issue 15: no 2021 total adds two units' rows in this report; the parts
    of the 策划生成 total say who gives its one number (住建局's 107; 工信局's three give none)."""
    total = group_totals(tables, departments=("zj", "gx"), periods=("2021",))["department", "2021", "generated"]
    parts = {part.dept_id: part for part in total.parts}
    assert list(parts) == ["zj", "gx"]
    assert parts["zj"].projects.cell() == "107 个" and not parts["gx"].projects.given
    assert parts["gx"].projects.undisclosed == 3  # 人机交互、新型高端面料 bases, 老旧工业区连片改造


def test_the_notes_about_a_row_and_the_half_years_of_2021(tables):
    from jjdata import vocab
    from jjdata.query import notes_about

    # Review J3: 商务局's signings read as the city's tally: a reading the row and its note say
    assert "dn-sw-city-scope" in set(notes_about(tables, "sw-signed")["note_id"])
    assert "很可能" in tables.projects.set_index("project_id").loc["sw-signed", "note"]
    assert notes_about(tables, "no-such-record").empty
    # Review J6: 2021 has numbers given for its halves too (分园区 6 signed in 1～6月份; 发改局 33, 74; 分园区 9, 4)
    assert vocab.PERIOD_PARTS["2021"] == ("2021H1", "2021H2")
    halves = filter_projects(tables, Filters(periods=vocab.PERIOD_PARTS["2021"]))
    assert sorted(halves["project_count"].dropna().astype(int)) == [4, 6, 9, 33, 74]
