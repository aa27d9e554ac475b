"""The report's own headline figures as cards (issue 9 b), checked like every other record."""

import pandas as pd

from jjdata.query import headline_figures

from .test_errors import assert_build_refuses, edit_annotation


def test_the_city_wide_key_projects_come_first(tables):
    cards = headline_figures(tables)
    first = cards[cards["headline_id"] == "hl-fg-2021"]
    assert first["value_text"].tolist() == ["800个", "4,244.2亿元", "835.6亿元"]
    assert first["quote"].iloc[0] == "2021年，晋江市共安排800个重点项目，总投资4244.2亿元，年度计划投资835.6亿元"
    assert (first["scope"] == "city").all() and (first["basis"] == "annual_plan").all()
    assert (
        first["label"].tolist() == ["项目数", "总投资", "年度计划投资"]
        and (first["whose"] == "全市（发改局统计）").all()
    )
    reserve = cards[cards["headline_id"] == "hl-fg-14"]
    assert reserve["value_text"].tolist() == ["160个", "2,152.9亿元"] and (reserve["period"] == "十四五").all()
    assert cards["headline_id"].drop_duplicates().tolist()[:2] == ["hl-fg-2021", "hl-fg-14"]


def test_each_unit_keeps_its_own_top_line_with_its_qualifiers(tables):
    cards = headline_figures(tables).groupby("headline_id")["value_text"].apply(list).to_dict()
    assert cards["hl-jt-13"] == ["44个", "≈137.8亿元", "≈150公里"]
    assert cards["hl-jt-14"] == ["38个", "≈405亿元"]
    assert cards["hl-sl-2021"] == ["32个", "101.78亿元", "11.41亿元"]
    assert cards["hl-sw-target"] == ["≥100个"]
    assert cards["hl-sw-signed"] == ["56个", ">500亿元"]
    assert cards["hl-gx-batch1"] == ["375项", "265.6亿元"]
    # the report's word for an amount (完成投资, 计划总投资); two counts on a card keep their own names
    labels = headline_figures(tables).groupby("headline_id")["label"].apply(list).to_dict()
    assert labels["hl-jt-13"] == ["项目数", "完成投资", "新改建公路里程"]
    assert labels["hl-bdt-h1"] == ["项目数", "计划总投资"]
    assert labels["hl-bdt-pipeline"] == ["先后策划对接产业链项目数", "其中正在重点对接项目数"]


def test_a_card_carries_the_basis_of_its_rows(tables):
    basis = tables.headlines.set_index("headline_id")["basis"].to_dict()
    assert basis["hl-jt-14"] == "reserve" and basis["hl-zj-quality"] == "generated"
    assert basis["hl-zj-realestate-stat"] == "in_statistics" and basis["hl-gx-batch1"] == "reserve"
    assert basis["hl-zj-oldcomm"] == "started" and basis["hl-sl-2021"] == "mixed" and basis["hl-jt-13"] == "implemented"
    assert basis["hl-sw-signed"] == basis["hl-bdt-h1"] == "signed" and basis["hl-bdt-pipeline"] == "leads"
    assert pd.isna(basis["hl-cz-spending"])  # 财政收支: no project row


def test_a_card_mixing_two_sentences_is_refused(data_copy):
    edit_annotation(
        data_copy, 'figures = ["jt-14-count", "jt-14-investment"]', 'figures = ["jt-14-count", "jt-13-investment"]'
    )
    assert_build_refuses(data_copy, "id=hl-jt-14", "出自不同的引文", "不同时期")


def test_a_card_mixing_two_bases_is_refused(data_copy):
    edit_annotation(
        data_copy, 'figures = ["zj-realestate-stat"]', 'figures = ["zj-realestate-stat", "zj-realestate-reserve"]'
    )
    assert_build_refuses(data_copy, "id=hl-zj-realestate-stat", "分属不同口径的项目行")


def test_a_few_city_wide_cards_are_primary_the_rest_belong_to_their_unit(tables):
    """The first screen shows the city's own 800 / 4,244.2 / 835.6 and 160 / 2,152.9; each unit's page its own."""
    cards = headline_figures(tables)
    primary = cards[cards["primary"]]
    assert primary["headline_id"].drop_duplicates().tolist() == ["hl-fg-2021", "hl-fg-14"]
    assert primary["value_text"].tolist() == ["800个", "4,244.2亿元", "835.6亿元", "160个", "2,152.9亿元"]
    assert (primary["scope"] == "city").all()
    # 住建局's 22 房地产储备 is a side number beside its 123: a row, not a card
    assert "hl-zj-realestate-reserve" not in set(cards["headline_id"])
