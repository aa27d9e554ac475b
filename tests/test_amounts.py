"""What an amount is (jjdata/amounts.py): its words on every surface, and that only amounts of
one kind are ever added or subtracted. Values worked out by hand; synthetic rows where the
report has no such case."""

from dataclasses import replace
from itertools import combinations

import pandas as pd
import pytest

from jjdata import Amount, AmountKind, Filters, Measured, Pool, UnlikeAmounts, filter_projects, totals
from jjdata.amounts import MEASURES, difference
from jjdata.phrases import total_sentence
from jjdata.query import compare_totals, figure_amounts, row_amounts, summarize

RESERVE = Pool("department", "", "十四五", "reserve")
COUNT = AmountKind(RESERVE, "projects", "项目", "个")
INVEST = AmountKind(RESERVE, "investment", "总投资", "亿元")
DONE = AmountKind(replace(RESERVE, period="十三五", basis="implemented"), "investment", "完成投资", "亿元")


@pytest.mark.parametrize(
    ("amount", "cell", "words", "labelled"),
    [
        (Amount(INVEST, 405.0, approx=True), "≈405 亿元", "约 405 亿元", "总投资约 405 亿元"),
        (Amount(COUNT, 100.0, bound="at_least"), "≥100 个", "100 个以上", "100 个以上"),
        (Amount(INVEST, 500.0, bound="more_than"), ">500 亿元", "超 500 亿元", "总投资超 500 亿元"),
        (Amount(INVEST, 4244.2), "4,244.2 亿元", "4,244.2 亿元", "总投资 4,244.2 亿元"),
        (Amount(DONE, 137.8, approx=True), "≈137.8 亿元", "约 137.8 亿元", "完成投资约 137.8 亿元"),
        (Amount(replace(COUNT, unit="项"), 375.0), "375 项", "375 项", "375 项"),
        (Amount(replace(COUNT, word="项目包"), 10.0), "10 个项目包", "10 个项目包", "10 个项目包"),
        (Amount(COUNT, 46.0, added=2), "46 个（本工具相加）", "46 个（本工具相加）", "46 个（本工具相加）"),
    ],
)
def test_an_amount_is_worded_in_one_place(amount, cell, words, labelled):
    assert (amount.cell(), amount.words(), amount.labelled()) == (cell, words, labelled)


def test_the_column_cell_says_the_reports_word_where_the_column_does_not():
    assert Amount(DONE, 137.8, approx=True).column_cell() == "完成投资 ≈137.8 亿元"
    assert Amount(INVEST, 405.0, approx=True).column_cell() == "总投资 ≈405 亿元"  # the column is 投资
    annual = AmountKind(RESERVE, "annual_investment", "年度计划投资", "亿元")
    assert Amount(annual, 11.41).column_cell() == "11.41 亿元"
    assert Amount(replace(annual, estimate="预计"), 6.0, bound="at_least").column_cell() == "预计年度计划投资 ≥6 亿元"
    assert Measured("investment").column_cell() == "原文未给出"


def test_amounts_of_different_kinds_are_never_added():
    """As pint refuses to add metres to seconds."""
    assert Amount(INVEST, 1.0) + Amount(INVEST, 2.5, approx=True) == Amount(INVEST, 3.5, approx=True, added=2)
    assert (Amount(INVEST, 1.0) + Amount(INVEST, 2.0, bound="more_than")).bound == "more_than"
    for other in (
        Amount(DONE, 2.0),  # 完成投资 is not 总投资
        Amount(replace(INVEST, estimate="估算", word="估算总投资"), 2.0),
        Amount(AmountKind(replace(RESERVE, period="2021"), "investment", "总投资", "亿元"), 2.0),
        Amount(AmountKind(replace(RESERVE, scope="city", owner="fg"), "investment", "总投资", "亿元"), 2.0),
        Amount(AmountKind(replace(RESERVE, scope_read=True), "investment", "总投资", "亿元"), 2.0),
    ):
        with pytest.raises(UnlikeAmounts):
            Amount(INVEST, 1.0) + other
    with pytest.raises(UnlikeAmounts):
        Amount(COUNT, 22.0) + Amount(replace(COUNT, unit="项"), 375.0)  # 22 个 + 375 项
    with pytest.raises(UnlikeAmounts):
        Amount(COUNT, 10.0) + Amount(replace(COUNT, word="项目包"), 10.0)


def test_a_total_of_unlike_amounts_lists_them_side_by_side():
    both = Measured("investment", (Amount(INVEST, 1.0),)) + Measured("investment", (Amount(DONE, 2.0),))
    assert both.amount is None and len(both.amounts) == 2
    assert both.cell() == "1 亿元；完成投资 2 亿元（口径不同，不相加）".replace("1 亿元", "总投资 1 亿元", 1)
    assert both.words() == "总投资 1 亿元，完成投资 2 亿元（口径不同，不相加）"
    assert both.label == "总投资"


@pytest.mark.parametrize(
    ("a", "b", "cell"),
    [
        (Measured("projects", (Amount(COUNT, 10.0),)), Measured("projects", (Amount(COUNT, 38.0),)), "+28 个"),
        (Measured("projects", (Amount(COUNT, 38.0),)), Measured("projects", (Amount(COUNT, 10.0),)), "−28 个"),
        (Measured("projects", (Amount(COUNT, 38.0),)), Measured("projects", (Amount(COUNT, 38.0),)), "0 个"),
        (
            Measured("investment", (Amount(INVEST, 10.0),)),
            Measured("investment", (Amount(INVEST, 500.0, bound="more_than"),)),
            ">+490 亿元",
        ),
        (
            Measured("investment", (Amount(INVEST, 500.0, bound="more_than"),)),
            Measured("investment", (Amount(INVEST, 600.0),)),
            "无法确定（A 是下限）",
        ),
        (
            Measured("investment", (Amount(INVEST, 10.0),)),
            Measured("investment", (Amount(INVEST, 405.0, approx=True),)),
            "≈+395 亿元",
        ),
        (None, Measured("projects", (Amount(COUNT, 32.0),)), "不相减（A 不在当前筛选内）"),
        (Measured("projects", (Amount(COUNT, 38.0),)), Measured("projects", (), 1), "不相减（B 原文未给出）"),
        (  # issue 15 item 2: the same 101.78 on both sides, but B has rows that give none
            Measured("investment", (Amount(INVEST, 101.78),)),
            Measured("investment", (Amount(INVEST, 101.78),), 2),
            "不相减（B 另有 2 条记录原文未给出总投资）",
        ),
        (
            Measured("investment", (Amount(INVEST, 1.0),)),
            Measured("investment", (Amount(DONE, 1.0),)),
            "不相减（口径不同）",
        ),
    ],
)
def test_only_one_complete_number_is_subtracted_from_another_of_its_kind(a, b, cell):
    assert difference(a, b).cell() == cell


def test_two_units_rows_of_one_kind_are_added_and_say_the_tool_added_them(tables):
    """The report has no two units' rows of one kind; a synthetic second reserve row of 住建局 in
    “十四五” (invented: 12 个, 总投资 ≈30 亿元) adds to 交通局's 38 / ≈405."""
    projects = tables.projects.copy()
    extra = projects[projects["project_id"] == "jt-14"].assign(
        project_id="zj-made-up", dept_id="zj", project_count=12, investment=30.0, investment_qualifier="exact"
    )
    edited = replace(tables, projects=pd.concat([projects, extra], ignore_index=True))
    rows = filter_projects(edited, Filters(periods=("十四五",), scopes=("department",), stages=("reserve",)))
    (total,) = totals(edited, rows)
    assert total.projects.cell() == "50 个（本工具相加）"
    assert total.investment.cell() == "≈435 亿元（本工具相加）"
    assert total_sentence(edited, total).startswith(
        "住建局、交通局“十四五”（2021–2025）储备项目合计：50 个（本工具相加）（住建局 12 个，交通局 38 个），"
        "总投资约 435 亿元（本工具相加）（住建局 30 亿元，交通局 约 405 亿元）"
    )


def test_a_pool_whose_rows_word_an_amount_differently_never_adds_them(tables):
    """Synthetic: a second “十四五” reserve row whose amount the text calls 完成投资 (invented)."""
    projects = tables.projects.copy()
    extra = projects[projects["project_id"] == "jt-14"].assign(
        project_id="jt-made-up", investment=7.0, investment_qualifier="exact", investment_word="完成投资"
    )
    extra["project_count"] = pd.array([None], dtype="Int64")
    edited = replace(tables, projects=pd.concat([projects, extra], ignore_index=True))
    rows = filter_projects(edited, Filters(departments=("jt",), periods=("十四五",), stages=("reserve",)))
    (total,) = totals(edited, rows)
    assert total.investment.cell() == "总投资 ≈405 亿元；完成投资 7 亿元（口径不同，不相加）"
    summary = summarize(edited, rows)
    assert summary["investment"].isna().all() and summary["investment_mixed"].all()


def _kinds(tables):
    """Row position -> measure -> the kind of its own number."""
    amounts = row_amounts(tables)
    return {m: {i: a.kind for i, a in enumerate(amounts[m]) if a is not None} for m in MEASURES}


def test_no_total_difference_or_bar_combines_two_rows_of_different_kinds(tables):
    """Every pair of rows that give the same measure: a total of the two, their difference
    (one on each side) and a chart bar add them only when their kinds are equal."""
    kinds = _kinds(tables)
    owner = {figure: position for figure, (position, _) in figure_amounts(tables).items()}
    checked = 0
    for measure, given in kinds.items():
        for i, j in combinations(sorted(given), 2):
            like = given[i] == given[j]
            pair = tables.projects.iloc[[i, j]]
            for total in totals(tables, pair):
                for amount in total.measured(measure).amounts:
                    rows = {owner[f] for f in amount.figure_ids}
                    assert like or not {i, j} <= rows, (measure, i, j)
            summary = summarize(tables, pair, by=("dept_id",))
            assert like or not (summary[f"{measure}_added"] == 2).any(), (measure, i, j)
            one, other = tables.projects.iloc[[i]], tables.projects.iloc[[j]]
            for _, measures in compare_totals(tables, totals(tables, one), totals(tables, other)):
                subtracted = measures[measure][2].amount is not None
                assert like or not subtracted, (measure, i, j)
            checked += 1
    assert checked == 595 + 28 + 6  # pairs of the 35 rows that give a count, 8 an investment, 4 an annual one
