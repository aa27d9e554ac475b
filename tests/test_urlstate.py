"""explorer_ui.urlstate: filters <-> URL, and the checks on values from a link or a widget."""

import pytest

import jjdata
from explorer_ui import urlstate
from jjdata import Filters


def test_filters_round_trip_through_the_url(tables):
    options = jjdata.filter_options(tables)
    filters = Filters(
        departments=("jt", "sl"),
        types=("transport",),
        periods=("十四五", ""),
        stages=("reserve",),
        bands=("100to1000",),
        min_investment=100.0,
        max_investment=None,
        single_only=True,
    )
    query = urlstate.query_from_filters(filters)
    assert query["period"] == ["2021-2025", "none"]
    assert query["min"] == ["100"] and "max" not in query
    assert query["single"] == ["1"]
    back, notices = urlstate.filters_from_query(query, options)
    assert back == filters and notices == []


def test_url_values_are_checked(tables):
    options = jjdata.filter_options(tables)
    filters, notices = urlstate.filters_from_query(
        {"dept": ["jt", "jt", "<b>"], "min": ["nan"], "max": ["1e999"], "band": [""]}, options
    )
    assert filters.departments == ("jt",)
    assert filters.min_investment is None and filters.max_investment is None
    assert [n.param for n in notices] == ["dept", "min", "max"]
    long = urlstate.Notice("dept", "x" * 500, "不是可选值").text()
    assert len(long) < 100


@pytest.mark.parametrize(
    ("values", "single", "refused"), [(["1"], True, []), (["yes", "1"], True, ["yes"]), (["0"], False, ["0"])]
)
def test_single_projects_only_is_single_1_in_a_link(tables, values, single, refused):
    filters, notices = urlstate.filters_from_query({"single": values}, jjdata.filter_options(tables))
    assert filters.single_only is single
    assert [n.value for n in notices] == refused
    assert "single" not in urlstate.query_from_filters(Filters())
    assert "b_single" in urlstate.filter_params("b_")


def test_compare_set_uses_its_own_prefix(tables):
    options = jjdata.filter_options(tables)
    query = {"dept": ["jt"], "b_dept": ["sl"]}
    main, _ = urlstate.filters_from_query(query, options)
    other, _ = urlstate.filters_from_query(query, options, "b_")
    assert (main.departments, other.departments) == (("jt",), ("sl",))
    assert urlstate.unknown_params({"zzz": ["1"], "dept": ["jt"]}, urlstate.filter_params())[0].param == "zzz"


def test_share_url_names_the_page_once():
    url = urlstate.share_url("http://host:8501/%E9%A1%B9%E7%9B%AE/项目", "项目", {"dept": ["jt", "sl"]})
    assert url == "http://host:8501/%E9%A1%B9%E7%9B%AE?dept=jt&dept=sl"
    assert urlstate.share_url("http://host:8501/", "", {}) == "http://host:8501"


@pytest.mark.parametrize(
    "text",
    [
        "-0",
        "-5",
        "1_000",
        "１００",
        "٣",
        "1e308",
        "1e3",
        "+5",
        " 5",
        "5 ",
        "5.",
        ".5",
        "12345678",
        "1.23456",
        "0x10",
        "inf",
    ],
)
def test_bounds_in_a_link_are_plain_decimal_numbers_only(tables, text):
    """Issue 7 (Low): -0, 1_000, full-width digits and 1e308 were accepted."""
    filters, notices = urlstate.filters_from_query({"min": [text], "max": [text]}, jjdata.filter_options(tables))
    assert filters.min_investment is None and filters.max_investment is None
    assert [(n.param, n.reason) for n in notices] == [("min", urlstate.BOUND_RULE), ("max", urlstate.BOUND_RULE)]


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("0", 0.0, "0"),
        ("100", 100.0, "100"),
        ("12.5", 12.5, "12.5"),
        ("007", 7.0, "7"),
        ("9999999.9999", 9999999.9999, "9999999.9999"),
    ],
)
def test_plain_bounds_are_read_and_written_back_the_same(tables, text, value, written):
    filters, notices = urlstate.filters_from_query({"min": [text]}, jjdata.filter_options(tables))
    assert (filters.min_investment, notices) == (value, [])
    assert urlstate.query_from_filters(filters)["min"] == [written]


def test_a_large_bound_is_written_without_an_exponent():
    # "{:g}" wrote 1234567 as "1.23457e+06": a link the app itself would now refuse, and a changed value
    assert urlstate.query_from_filters(Filters(min_investment=1234567.0))["min"] == ["1234567"]
    assert urlstate.format_bound(0.5) == "0.5"


@pytest.mark.parametrize(
    ("value", "bound"),
    [
        (5, 5.0),
        (12.34567, 12.3457),
        (-0.0, 0.0),
        (-1.0, None),
        (float("nan"), None),
        (float("inf"), None),
        (1e308, None),
        (True, None),
        ("5", None),
    ],
)
def test_a_bound_from_a_widget_must_fit_the_url_rule(value, bound):
    checked = urlstate.valid_bound(value)
    assert checked == bound and (checked is None or urlstate.format_bound(checked)[0] != "-")


def test_widget_choices_keep_only_options():
    kept, rejected = urlstate.valid_choices(["jt", "evil", "jt", 3, "sl"], {"jt": "交通局", "sl": "水利局"})
    assert kept == ("jt", "sl") and rejected == ["evil", "3"]
    _, many = urlstate.valid_choices([f"x{i}" for i in range(500)], {"jt": "交通局"})
    assert len(many) == urlstate.MAX_VALUES_PER_PARAM
