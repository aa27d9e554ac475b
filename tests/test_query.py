"""Filters and totals, expected values worked out by hand from the report."""

import pytest

from jjdata import Filters, Quantity, bases, filter_projects, totals, validate_filters
from jjdata.query import compare_totals, counted_rows, difference


def group_totals(tables, **filters):
    rows = filter_projects(tables, Filters(**filters))
    return {(g.city_list or g.scope, g.period, g.basis): g for g in totals(tables, rows)}


def test_transport_fourteenth_plan_is_38_projects_about_405(tables):
    groups = group_totals(tables, departments=("jt",), periods=("十四五",))
    # the 38 are a reserve (储备); the 6 named corridors are plan contents (策划), a separate total
    assert list(groups) == [("department", "十四五", "reserve"), ("department", "十四五", "generated")]
    total = groups["department", "十四五", "reserve"]
    assert total.projects.value == 38 and total.projects.bound == "exact"  # not 76 (38 + 24 + 1 + 13)
    assert total.investment.value == 405 and total.investment.approx
    assert total.investment.label("亿元") == "≈405 亿元"
    assert total.rows == 4 and total.counted == 1  # the 38 with its 3 parts
    corridors = groups["department", "十四五", "generated"]
    assert corridors.rows == 6 and corridors.projects.value is None
    # the 6 named corridors: the text does not say whether they are among the 38 (of which 24 are roads)
    assert total.listed_apart == (
        "jt-corridor-jjbridge",
        "jt-corridor-tianan",
        "jt-corridor-jjsouth",
        "jt-expressway-east",
        "jt-expressway-middle",
        "jt-expressway-west",
    )
    assert corridors.projects.undisclosed == 0 and corridors.listed_apart == ()


def test_periods_are_never_summed(tables):
    groups = group_totals(tables, departments=("jt",))
    assert groups["department", "十三五", "projects"].projects.value == 44
    assert groups["department", "十三五", "projects"].investment.label("亿元") == "≈137.8 亿元"
    assert groups["department", "十四五", "reserve"].projects.value == 38
    assert {g.projects.value for g in groups.values()} == {44, 38, None}  # no 82-project total anywhere


def test_city_wide_list_is_kept_apart_from_department_rows(tables):
    groups = group_totals(tables, departments=("jt", "fg"), periods=("十四五",))
    assert groups["department", "十四五", "reserve"].projects.value == 38
    assert groups["fg", "十四五", "reserve"].projects.value == 160
    assert groups["fg", "十四五", "reserve"].investment.value == 2152.9


def test_water_2021_counts_packages_not_subprojects(tables):
    groups = group_totals(tables, departments=("sl",), periods=("2021",))
    total = groups["department", "2021", "projects"]
    assert total.projects.value == 32
    assert total.investment.value == 101.78
    assert total.annual_investment.value == 11.41
    building = group_totals(tables, departments=("sl",), stages=("under_construction",))
    assert building["department", "2021", "projects"].projects.value == 10  # not 10 + 29


def test_targets_are_never_added_to_projects_that_exist(tables):
    groups = group_totals(tables, departments=("sw", "bdt"), periods=("2021",))
    # 商务局's signings are the city's tally, which likely holds 分园区's: kept apart
    assert groups["sw", "2021", "target_signing"].projects.label("个") == "≥100 个"
    assert groups["department", "2021", "target_signing"].projects.label("个") == "≥10 个"
    assert groups["sw", "2021", "signed"].projects.value == 56  # signed: not a project under way
    assert groups["sw", "2021", "signed"].investment.label("亿元") == ">500 亿元"
    talks = groups["department", "2021", "leads"]
    assert talks.projects.value == 58  # the 9 in talks are part of the 58
    assert talks.investment.undisclosed == 1  # the leads give no investment
    # 分园区's 6 signed in 1～6月份 are a signed total of their own half-year, never added to the 58 it may be among
    signed = group_totals(tables, departments=("bdt",), periods=("2021H1",))
    assert list(signed) == [("department", "2021H1", "signed")]
    assert signed["department", "2021H1", "signed"].investment.label("亿元") == "71 亿元"


def test_two_city_wide_lists_are_not_added_together(tables):
    groups = group_totals(tables, periods=("2021",), stages=("annual_plan", "signed"))
    assert groups["fg", "2021", "projects"].projects.value == 800
    assert groups["sw", "2021", "signed"].projects.value == 56
    assert groups["sw", "2021", "signed"].city_list == "sw"


def test_start_and_completion_targets_are_separate(tables):
    groups = group_totals(tables, departments=("fg",), periods=("2021",))
    assert groups["fg", "2021", "projects"].projects.value == 800
    assert groups["fg", "2021", "target_start"].projects.value == 80
    assert groups["fg", "2021", "target_completion"].projects.value == 90


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


def test_housing_2021_is_four_totals_never_one(tables):
    groups = group_totals(tables, departments=("zj",), periods=("2021",))
    assert groups["department", "2021", "projects"].projects.value == 123 + 44  # 可纳统, 分类启动老旧小区改造
    assert groups["department", "2021", "reserve"].projects.value == 22  # 房地产储备
    assert groups["department", "2021", "generated"].projects.value == 107  # 策划生成 (may hold the 44)
    unphased = groups["department", "2021", "unphased"]
    assert unphased.projects.value == 2 and unphased.projects.undisclosed == 1  # 建筑业 2; 安置房 gives no count
    assert len(groups) == 4  # not 298 (107 + 123 + 22 + 44 + 2)


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
    assert total.projects.label("个") == "≥38 个"  # 24 + 1 + 13, and the whole may hold more
    assert total.projects.undisclosed == 0
    assert total.investment.value is None and total.investment.undisclosed == 1


def test_breakdown_by_department_never_mixes_periods(tables):
    from jjdata.query import summarize

    summary = summarize(tables, filter_projects(tables, Filters()), by=("dept_id",))
    jt = summary[(summary["dept_id"] == "jt") & summary["basis"].isin(["projects", "reserve"])]
    assert jt[["period", "basis", "projects"]].values.tolist() == [
        ["十三五", "projects", 44.0],
        ["十四五", "reserve", 38.0],
    ]
    city = summary[summary["scope"] == "city"]
    assert set(city["dept_id"]) == {"fg", "sw"}


def test_2021_department_totals_per_basis(tables):
    """Issue 8: the 总览's old “2021年 · 部门口径 · 763 个” added proposals and leads to projects under way."""
    groups = group_totals(tables, scopes=("department",), periods=("2021",))
    counts = {basis: total.projects.label("个") for (_, _, basis), total in groups.items()}
    assert counts == {
        "projects": "199 个",  # 住建局 可纳统 123 + 老旧小区 44 + 水利局 32
        "reserve": "397 个",  # 住建局 房地产储备 22 + 工信局 首批征集入库 375项
        "leads": "58 个",  # 分园区 先后策划对接 58 (cumulative; may hold the 6 signed in 1～6月份)
        "generated": "107 个",  # 住建局 策划生成 107 (工信局's 3 bases give no count)
        "unphased": "2 个",  # 住建局 建筑业 2 (安置房 and 科技局's base give no count)
        "target_signing": "≥10 个",  # 分园区
        "target_reserve": "≥20 个",  # 分园区
        "expected": "≥30 个",  # 工信局 第二批 预计
    }
    assert 199 + 397 + 58 + 107 + 2 == 763  # the old single total, now five that are never added
    assert groups["department", "2021", "projects"].investment.label("亿元") == "101.78 亿元"  # 水利局 only
    assert groups["department", "2021", "projects"].investment.undisclosed == 2  # 住建局 123 and 44
    assert groups["department", "2021", "unphased"].projects.undisclosed == 2  # 安置房, 科技局's base
    assert groups["department", "2021", "reserve"].annual_investment.label("亿元") == "265.6 亿元"  # 工信局 首批


def test_no_total_adds_things_of_different_kinds(tables):
    """Signing is not carrying out; a lead (may be signed already) is not a reserve; neither is under way."""
    stage = tables.projects.set_index("project_id")["stage_id"].astype(str)
    kinds = {
        "under way": {"started", "under_construction", "in_statistics", "near_completion", "completed", "implemented"},
        "signed": {"signed"},
        "reserve": {"reserve"},
        "leads": {"negotiating"},
        "generated": {"planning"},
    }
    counted = counted_rows(tables, filter_projects(tables, Filters()))
    for _, group in counted.groupby(["scope", "city_list", "period", "basis"], observed=True):
        stages = set(stage[group["project_id"]])
        assert sum(bool(stages & these) for these in kinds.values()) <= 1, stages


def test_every_stage_has_a_basis_with_a_reason_and_bases_have_plain_words(tables):
    stages = tables.stages.set_index("stage_id")
    assert stages["basis_reason"].str.len().min() >= 10
    assert set(stages["basis"]) == set(tables.bases["basis_id"])
    assert stages.loc["reserve", "basis"] == "reserve"
    assert stages.loc["negotiating", "basis"] == "leads"
    assert stages.loc["signed", "basis"] == "signed"
    assert stages.loc["planning", "basis"] == "generated"
    assert stages.loc["unspecified", "basis"] == "unphased"
    for under_way in ("annual_plan", "in_statistics", "preliminary", "started", "under_construction"):
        assert stages.loc[under_way, "basis"] == "projects", under_way
    assert tables.bases["explanation"].str.len().min() > 20


def test_base_helpers_name_the_groups(tables):
    assert bases.primary_bases(tables) == ("projects",)
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
    assert [labels[b] for b in ("projects", "signed", "reserve", "leads")] == [
        "实施项目",
        "已签约项目",
        "储备项目",
        "策划对接项目",
    ]
    assert bases.is_goal(tables, "target_start") and not bases.is_goal(tables, "unphased")
    explanations = bases.basis_explanations(tables)
    assert "签约不等于开工" in explanations["signed"] and "可能包括已经签约的项目" in explanations["leads"]
    assert "不与实施、签约或对接中的项目相加" in explanations["reserve"]


def test_a_side_without_a_total_is_none_never_zero(tables):
    """Issue 9 item 2: 水利局 gives no “十四五” figure; 交通局's 38 and ≈405 are not “B − 0”."""
    a = totals(tables, filter_projects(tables, Filters(departments=("jt",), periods=("十四五",))))
    b = totals(tables, filter_projects(tables, Filters(departments=("sl",))))
    pairs = dict(compare_totals(a, b))
    # 水利局: 2021 实施项目 32 / 101.78 / 11.41, and 19.3亿元 of 未来拟实施 with no period; 交通局: “十四五” only
    assert list(pairs) == [
        ("department", "", "2021", "projects"),
        ("department", "", "十四五", "reserve"),
        ("department", "", "十四五", "generated"),
        ("department", "", "", "generated"),
    ]
    reserve = pairs["department", "", "十四五", "reserve"]
    assert reserve["projects"] == (Quantity(38.0), None, None)
    assert reserve["investment"] == (Quantity(405.0, approx=True), None, None)
    water = pairs["department", "", "2021", "projects"]
    assert water["projects"] == (None, Quantity(32.0), None)
    assert water["annual_investment"] == (None, Quantity(11.41), None)


def test_only_totals_of_the_same_kind_are_subtracted(tables):
    # A 水利局 2021 实施项目 32 / 101.78; B adds 住建局's 可纳统 123 and 已启动 44 (no investment given)
    stages = ("in_statistics", "started", "mixed")
    a = totals(tables, filter_projects(tables, Filters(departments=("sl",), periods=("2021",))))
    b = totals(tables, filter_projects(tables, Filters(departments=("zj", "sl"), periods=("2021",), stages=stages)))
    pairs = dict(compare_totals(a, b))
    assert list(pairs) == [("department", "", "2021", "projects")]
    projects = pairs["department", "", "2021", "projects"]["projects"]
    assert projects[2] == Quantity(167.0)  # 199 − 32
    investment = pairs["department", "", "2021", "projects"]["investment"]
    assert investment[2] == Quantity(0.0, undisclosed=2)  # the same 101.78; 住建局's 2 rows give none


def test_difference_keeps_or_refuses_bounds():
    assert difference(Quantity(10.0), Quantity(500.0, bound="more_than")) == Quantity(490.0, bound="more_than")
    assert difference(Quantity(500.0, bound="more_than"), Quantity(600.0)) is None  # 超500: b − a unknown
    assert difference(Quantity(38.0), Quantity(None, undisclosed=1)) is None  # not given is not zero
    assert difference(None, Quantity(32.0)) is None
    assert difference(Quantity(10.0), Quantity(19.3, estimate="估算")) == Quantity(9.3, estimate="估算")


def test_named_roads_beside_the_44_are_neither_inside_nor_outside_it(tables):
    """Review E1: “横九线、东石连接线、大深线等一批省、泉州市重点项目建成通车” does not say they are among the 44."""
    from jjdata.phrases import listed_apart_words

    total = group_totals(tables, departments=("jt",), periods=("十三五",))["department", "十三五", "projects"]
    assert total.projects.label("个") == "44 个" and total.investment.label("亿元") == "≈137.8 亿元"
    assert total.rows == 4
    # not "3 rows gave no number, left out": that would place them outside the 44
    assert total.projects.undisclosed == 0 and total.investment.undisclosed == 0
    assert total.listed_apart == ("jt-13-hengjiu", "jt-13-dongshi", "jt-13-dashen")
    assert listed_apart_words(tables, total) == (
        "另列出 3 个具名项目（国省干线横九线、快速通道东石连接线、大深线），原文未说明是否在这 44 个之内"
    )
    assert listed_apart_words(tables, total, with_names=False) == "另列出 3 个具名项目，原文未说明是否在这 44 个之内"
    # without their group among the rows, they are three named projects that give no number
    alone = group_totals(tables, departments=("jt",), periods=("十三五",), single_only=True)
    (roads,) = alone.values()
    assert roads.listed_apart == () and roads.projects.value is None and roads.projects.undisclosed == 3
    assert listed_apart_words(tables, roads) == ""


def test_a_total_resting_on_an_estimate_says_so(tables):
    """Review E3: 水利局 “估算总投资19.3亿元” for its 未来拟实施 projects; 工信局 “预计…30个以上”."""
    from jjdata.phrases import measure_words

    future = group_totals(tables, departments=("sl",))["department", "", "generated"]
    assert future.investment.label("亿元") == "19.3 亿元" and future.investment.estimate == "估算"
    assert measure_words("investment", future.investment) == "估算总投资"
    water_2021 = group_totals(tables, departments=("sl",))["department", "2021", "projects"]
    assert water_2021.investment.estimate == "" and measure_words("investment", water_2021.investment) == "总投资"
    batch2 = group_totals(tables, departments=("gx",), periods=("2021",))["department", "2021", "expected"]
    assert batch2.projects.label("个") == "≥30 个" and batch2.projects.estimate == "预计"
    assert batch2.annual_investment.label("亿元") == "≥6 亿元" and batch2.annual_investment.estimate == "预计"
    assert (Quantity(1.0, estimate="估算") + Quantity(2.0)).estimate == "估算"
    assert (Quantity(1.0, estimate="估算") + Quantity(2.0, estimate="预计")).estimate == "估算或预计"


def test_a_total_of_several_units_keeps_each_units_part(tables):
    """Review J15: 2021 实施项目 199 = 住建局 167 (no investment given) + 水利局 32 (101.78亿元)."""
    total = group_totals(tables, departments=("zj", "sl"), periods=("2021",))["department", "2021", "projects"]
    parts = {part.dept_id: part for part in total.parts}
    assert list(parts) == ["zj", "sl"]
    assert parts["zj"].projects.value == 167 and parts["zj"].investment.value is None
    assert parts["zj"].investment.undisclosed == 2  # 可纳统 123, 老旧小区 44
    assert parts["sl"].projects.value == 32 and parts["sl"].investment.value == 101.78


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
