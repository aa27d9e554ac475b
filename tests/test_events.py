"""Dated statements (issue 15 item 8): ``[[events]]``, each with the words that date it."""

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
