"""部门 opens on the unit's own headline cards from the report, drawn as 总览 draws its
cards (≈ ≥ > kept, a 看原文 link each); 总览's lead (primary) cards stay on 总览.

From the report text:
- 交通局: “‘十三五’期间，晋江共规划实施交通重点项目44个，完成投资约137.8亿元，新改建公路
  里程约150公里” and “晋江策划重点储备项目38个，……总投资约405亿元” (十四五);
- 水利局: “策划启动推进项目32个，总投资101.78亿元，年度计划投资11.41亿元”;
- 发改局: its 800 / 4244.2 / 835.6 and 160 / 2152.9 lead 总览; its own page keeps
  “紧盯80个项目开工、90个项目竣工目标任务”;
- 自然资源局 gives no figures; 科技局 gives no headline figure.
"""

import pytest
from streamlit.testing.v1 import AppTest

from explorer_ui import answers, totals_view

from .conftest import ROOT

TRANSPORT_CARDS = [
    ("项目数（个）", "44"),
    ("完成投资（亿元）", "≈137.8"),  # the report's word: 完成投资约137.8亿元, money spent, not a total cost
    ("新改建公路里程（公里）", "≈150"),
    ("项目数（个）", "38"),
    ("总投资（亿元）", "≈405"),
]


def open_unit(monkeypatch, unit, **params):
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["unit"] = unit
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/2_部门.py").run()
    assert not at.exception, at.exception
    return at


def figure_links(at):
    return [e.proto.query_string for e in at.get("page_link") if e.proto.label == "看原文"]


def headings(at):
    return [m.value for m in at.main.markdown if m.value.startswith("#### ")]


def test_transport_opens_on_its_two_cards_before_its_totals(monkeypatch):
    at = open_unit(monkeypatch, "jt")
    shown = [(m.label, m.value) for m in at.metric]
    assert shown[:5] == TRANSPORT_CARDS
    assert figure_links(at)[:2] == ["fig=jt-13-count", "fig=jt-14-count"]
    titles = [m.value for m in at.main.markdown if m.value.startswith("**“")]
    assert titles[:2] == ["**“十三五”交通重点项目**", "**“十四五”交通重点储备项目**"]  # the page names the unit
    assert headings(at)[0] == "#### 合计"  # the cards come first


def test_water_shows_its_card_then_the_totals(monkeypatch):
    at = open_unit(monkeypatch, "sl")
    assert [m.value for m in at.metric][:3] == ["32", "101.78", "11.41"]
    assert figure_links(at)[0] == "fig=sl-count"


def test_the_city_lists_lead_the_overview_not_the_unit_page(monkeypatch):
    at = open_unit(monkeypatch, "fg")
    cards = [m.value for m in at.metric][:2]
    assert cards == ["80", "90"]  # 开工 and 竣工 targets
    assert figure_links(at)[:2] == ["fig=fg-start-target", "fig=fg-complete-target"]
    assert "fig=fg-key-count" not in figure_links(at)


def before_totals(at):
    """The main area's elements, in page order, up to the 合计 heading."""
    seen = []

    def walk(node):
        if getattr(node, "value", None) == "#### 合计":
            return True
        seen.append(node)
        return any(walk(child) for child in getattr(node, "children", {}).values())

    walk(at.main)
    return seen


@pytest.mark.parametrize("unit", ["zrzy", "kj"])
def test_a_unit_without_headline_figures_shows_no_card(monkeypatch, unit):
    at = open_unit(monkeypatch, unit)
    above = before_totals(at)
    assert not [node for node in above if type(node).__name__ in ("Metric", "PageLink")]
    assert not [node for node in above if is_box(node)]  # no empty card box either


def is_box(node):
    return getattr(node, "type", "") == "flex_container" and node.proto.flex_container.border


def test_the_boxes_above_the_totals_are_the_cards(monkeypatch):
    assert len([node for node in before_totals(open_unit(monkeypatch, "jt")) if is_box(node)]) == 2


def test_each_units_cards_are_its_own_in_the_reports_order(tables):
    values = {
        unit: [[f.value for f in card.figures] for card in totals_view.unit_headline_cards(tables, unit)]
        for unit in tables.departments["dept_id"]
    }
    assert values == {
        "zrzy": [],
        "zj": [["107"], ["123"], ["44"]],  # 策划生成 107, 可纳统 123, 老旧小区 44
        "jt": [["44", "≈137.8", "≈150"], ["38", "≈405"]],
        "sl": [["32", "101.78", "11.41"]],
        "fg": [["80"], ["90"]],
        "cz": [["1,092.56", "2.6"], ["659.84", "3.5"], ["595.67", "34.33"]],
        "kj": [],
        "sw": [["≥100"], ["56", ">500"]],  # 100个以上; 超500亿元
        "gx": [["375", "265.6"]],
        "bdt": [["6", "71"], ["58", "9"]],
    }


def test_the_units_presentation_opens_on_the_same_cards(monkeypatch):
    at = open_unit(monkeypatch, "jt", view="present")
    assert [(m.label, m.value) for m in at.metric] == TRANSPORT_CARDS  # the cards alone: one screen
    assert "交通局的主要数字（第 1 / 5 页）" in [h.value for h in at.subheader]
    at = open_unit(monkeypatch, "jt", view="present", step="2")
    assert "交通局：合计（第 2 / 5 页）" in [h.value for h in at.subheader]
    at = open_unit(monkeypatch, "zrzy", view="present")  # no cards: it opens on its totals
    assert "自然资源局：合计（第 1 / 3 页）" in [h.value for h in at.subheader]


def test_an_amount_keeps_the_reports_word_on_its_card(tables):
    """1～6月份新增签约项目6个，计划总投资71亿元 (分园区); 完成投资约137.8亿元 (交通局, 十三五);
    发改局's 总投资4244.2亿元 stays 总投资."""

    def labels(unit):
        return [[f.label for f in card.figures] for card in totals_view.unit_headline_cards(tables, unit)]

    assert labels("bdt")[0] == ["项目数", "计划总投资"]
    assert labels("jt")[0] == ["项目数", "完成投资", "新改建公路里程"]
    lead, _ = answers.headline_cards(tables)
    assert [f.label for f in lead[0].figures] == ["项目数", "总投资", "年度计划投资"]
