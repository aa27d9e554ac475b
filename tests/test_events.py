"""Dated statements (issue 15 item 8): ``[[events]]``, each with the words that date it."""

import pandas as pd

from .test_errors import ANNOTATION, assert_build_refuses


def add_event(data_dir, dept, when, quote):
    path = data_dir / ANNOTATION
    record = f'\n[[events]]\nid = "ev-added"\ndept = "{dept}"\nwhen = "{when}"\nquote = "{quote}"\n'
    path.write_text(path.read_text(encoding="utf-8") + record, encoding="utf-8")


def test_an_event_whose_when_is_not_in_its_quote_is_refused(data_copy):
    add_event(data_copy, "bdt", "去年", "今年上半年也新增签约落地了一批产业链项目")
    assert_build_refuses(data_copy, "id=ev-added", "when “去年” 不在引文中")


def test_an_event_outside_its_units_text_is_refused(data_copy):
    add_event(data_copy, "kj", "今年上半年", "今年上半年也新增签约落地了一批产业链项目")
    assert_build_refuses(data_copy, "id=ev-added", "引文不在部门 kj 的正文、点评或标题中")


def test_the_dated_statements_with_their_words(tables):
    events = tables.events.set_index("event_id")
    assert events["when"].to_dict() == {
        "ev-roadshow": "16日",
        "ev-bdt-since-2016": "2016年以来",
        "ev-bdt-h1-signed": "今年上半年",
    }
    assert events.loc["ev-bdt-since-2016", "quote"] == "2016年以来，集成电路基地建设、产业发展成效比较明显"
    assert pd.isna(events.loc["ev-roadshow", "dept_id"])  # the intro belongs to no unit
    raw = tables.reports.iloc[0]["raw_text"]
    assert ["".join(raw[s:e].split()) for s, e in zip(events["when_start"], events["when_end"], strict=True)] == [
        "16日",
        "2016年以来",
        "今年上半年",
    ]
