"""The answers as the pages show them (AppTest), for the review's wording points: whose an amount is
(J15), 2021's halves pointed to and never added (J6), a city-wide reading said to be one (J3), the
report's own unit and words for one row (J3 item 4). Values worked out by hand from the report text."""

from .test_answers import FIRST_HALF, SECOND_HALF, WATER_2021
from .test_pages import WHAT_IF_199, answer_lines, open_app, shown_table

# 策划启动推进项目32个，总投资101.78亿元，年度计划投资 11.41亿元 (水利局): its own, beside 住建局's 可纳统 123 and 已启动 44
WHOSE_AMOUNT = WATER_2021
HOUSING = (
    "住建局2021年可纳统项目：123 个；原文未给出总投资和年度计划投资。",
    "住建局2021年已启动项目：44 个；原文未给出总投资和年度计划投资。",
)
# 已成功签约 56个，总投资超 500亿元: the text does not say whose tally; the data reads it as the city's
SIGNED = "商务局（按全市统计理解，原文未明说）2021年已签约项目：56 个，总投资超 500 亿元；原文未给出年度计划投资。"


def test_the_overview_says_whose_the_2021_amount_is_with_and_without_a_period(monkeypatch):
    for params in ({}, {"period": ["2021"]}):
        lines = answer_lines(open_app(monkeypatch, **params))
        assert WHOSE_AMOUNT in lines, params
        assert SIGNED in lines and not [line for line in lines if "全市（商务局" in line], params
        assert not [line for line in lines if "总投资 101.78 亿元（" in line], params


def test_the_overview_for_2021_points_to_the_half_years_and_adds_nothing(monkeypatch):
    lines = answer_lines(open_app(monkeypatch, period=["2021"]))
    assert FIRST_HALF in lines and SECOND_HALF in lines
    # the half years' own sentences are not among the 2021 totals, and no total holds their numbers
    assert not [line for line in lines if line.startswith(("晋江分园区2021年上半年", "全市（发改局统计）2021年下半年"))]
    totals = [line for line in lines if not line.startswith("另有")]
    assert not [line for line in totals if "71 亿元" in line or "33 个" in line or "74 个" in line]
    # with no 时期 filter the halves are shown as their own sentences: nothing to point to
    everything = answer_lines(open_app(monkeypatch))
    assert FIRST_HALF not in everything
    assert "晋江分园区2021年上半年已签约项目：6 个，计划总投资 71 亿元；原文未给出年度计划投资。" in everything


def test_one_unit_keeps_the_reports_words(monkeypatch):
    # 2021年首批征集入库工业储备项目 375项，年度计划投资 265.6亿元
    assert answer_lines(open_app(monkeypatch, dept=["gx"], stage=["reserve"])) == [
        "工信局2021年储备项目：375 项，年度计划投资 265.6 亿元；原文未给出总投资。"
    ]


def test_the_comparison_sentences_and_table_say_whose_the_amount_is(monkeypatch):
    """情景对比: A 水利局 2021, B 住建局 + 水利局 2021 可纳统, 已启动 and the 32 (once “199 实施项目”)."""
    at = open_app(monkeypatch, "pages/4_情景对比.py", **WHAT_IF_199)
    assert answer_lines(at) == [
        WATER_2021,  # A: 水利局 2021, all of it
        *HOUSING,  # B: 住建局's two phases, each its own
        "水利局2021年推进项目（多阶段）：32 个，总投资 101.78 亿元，年度计划投资 11.41 亿元。",  # B: the 32 alone
    ]
    table = shown_table(at).set_index(["统计范围", "指标"])
    assert table.loc[("2021年 · 水利局 · 推进项目（多阶段）", "年度计划投资"), "情景 B"] == "11.41 亿元"


def test_a_line_about_what_is_left_out_is_never_folded_away(monkeypatch):
    """总览 shows the first six sentences and folds the rest; with 时期 2021 there are seven, and the
    line pointing to the 上半年 numbers must stay in sight (it was the eighth, folded)."""
    at = open_app(monkeypatch, period=["2021"])
    folded = {line for box in at.expander for m in box.markdown for line in m.value.split("\n")}
    # ten totals of 2021 (可纳统, 已启动, 水利局's 32, two reserves, 对接, 策划生成, 阶段未说明, 800, 56 signed)
    assert [box.label for box in at.expander if box.label.startswith("其余")] == ["其余 4 条"]
    in_sight = [
        line.removeprefix("- ").replace("\\", "")
        for m in at.markdown
        for line in m.value.split("\n")
        if line.startswith("- ") and line not in folded
    ]
    assert FIRST_HALF in in_sight
    assert len(in_sight) == 7  # six totals, then the pointer
