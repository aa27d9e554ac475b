"""Filters and totals, expected values worked out by hand from the report."""

import pytest

from jjdata import Filters, filter_projects, totals, validate_filters


def group_totals(tables, **filters):
    rows = filter_projects(tables, Filters(**filters))
    return {(g.city_list or g.scope, g.period, g.basis): g for g in totals(tables, rows)}


def test_transport_fourteenth_plan_is_38_projects_about_405(tables):
    groups = group_totals(tables, departments=("jt",), periods=("十四五",))
    assert list(groups) == [("department", "十四五", "status")]
    total = groups["department", "十四五", "status"]
    assert total.projects.value == 38 and total.projects.bound == "exact"  # not 76 (38 + 24 + 1 + 13)
    assert total.investment.value == 405 and total.investment.approx
    assert total.investment.label("亿元") == "≈405 亿元"
    # the 38 with its 3 parts, and 6 named corridors whose place among the 38 the text leaves open
    assert total.rows == 10 and total.counted == 7
    assert total.projects.undisclosed == 6


def test_periods_are_never_summed(tables):
    groups = group_totals(tables, departments=("jt",))
    assert groups["department", "十三五", "status"].projects.value == 44
    assert groups["department", "十三五", "status"].investment.label("亿元") == "≈137.8 亿元"
    assert groups["department", "十四五", "status"].projects.value == 38
    assert len(groups) == 2  # no 82-project total anywhere


def test_city_wide_list_is_kept_apart_from_department_rows(tables):
    groups = group_totals(tables, departments=("jt", "fg"), periods=("十四五",))
    assert groups["department", "十四五", "status"].projects.value == 38
    assert groups["fg", "十四五", "status"].projects.value == 160
    assert groups["fg", "十四五", "status"].investment.value == 2152.9


def test_water_2021_counts_packages_not_subprojects(tables):
    groups = group_totals(tables, departments=("sl",), periods=("2021",))
    total = groups["department", "2021", "status"]
    assert total.projects.value == 32
    assert total.investment.value == 101.78
    assert total.annual_investment.value == 11.41
    building = group_totals(tables, departments=("sl",), stages=("under_construction",))
    assert building["department", "2021", "status"].projects.value == 10  # not 10 + 29


def test_targets_are_never_added_to_projects_that_exist(tables):
    groups = group_totals(tables, departments=("sw", "bdt"), periods=("2021",))
    # 商务局's signings are the city's tally, which likely holds 分园区's: kept apart
    assert groups["sw", "2021", "target_signing"].projects.label("个") == "≥100 个"
    assert groups["department", "2021", "target_signing"].projects.label("个") == "≥10 个"
    assert groups["sw", "2021", "status"].projects.value == 56
    assert groups["sw", "2021", "status"].investment.label("亿元") == ">500 亿元"
    status = groups["department", "2021", "status"]
    assert status.projects.value == 58  # the 9 in talks are part of the 58
    assert status.investment.undisclosed == 1  # the pipeline gives no investment


def test_two_city_wide_lists_are_not_added_together(tables):
    groups = group_totals(tables, periods=("2021",), stages=("annual_plan", "signed"))
    assert groups["fg", "2021", "status"].projects.value == 800
    assert groups["sw", "2021", "status"].projects.value == 56
    assert groups["sw", "2021", "status"].city_list == "sw"


def test_start_and_completion_targets_are_separate(tables):
    groups = group_totals(tables, departments=("fg",), periods=("2021",))
    assert groups["fg", "2021", "status"].projects.value == 800
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


def test_a_parent_without_value_takes_the_sum_of_its_parts_as_a_lower_bound(tables):
    groups = group_totals(tables, departments=("zj",), periods=("2021",))
    total = groups["department", "2021", "status"]
    # 107 + 123 + 22 + 44 + 2 counted; 安置房 (no count) and 科技 base are undisclosed
    assert total.projects.value == 107 + 123 + 22 + 44 + 2
    assert total.projects.undisclosed == 1


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
    (total,) = totals(edited, filter_projects(edited, Filters(departments=("jt",), periods=("十四五",))))
    assert total.projects.label("个") == "≥38 个"  # 24 + 1 + 13, and the whole may hold more
    assert total.projects.undisclosed == 6  # the named corridors
    assert total.investment.value is None and total.investment.undisclosed == 7


def test_breakdown_by_department_never_mixes_periods(tables):
    from jjdata.query import summarize

    summary = summarize(tables, filter_projects(tables, Filters()), by=("dept_id",))
    jt = summary[(summary["dept_id"] == "jt") & (summary["basis"] == "status")]
    assert jt[["period", "projects"]].values.tolist() == [["十三五", 44.0], ["十四五", 38.0]]
    city = summary[summary["scope"] == "city"]
    assert set(city["dept_id"]) == {"fg", "sw"}
