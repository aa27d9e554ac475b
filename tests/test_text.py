from jjdata.text import SourceText, Span, chinese_numerals, compact, implied_qualifiers


def test_quotes_match_across_line_breaks_and_spaced_digits():
    source = SourceText("总投资约\n137.8亿元，项目 44 个、安海镇 5个")
    (span,) = source.occurrences("约137.8亿元")
    assert source.raw[span.start : span.end] == "约\n137.8亿元"
    assert [n.text for n in source.numbers()] == ["137.8", "44", "5"]
    assert source.numbers()[1].span == Span(source.raw.index("44"), source.raw.index("44") + 2)


def test_occurrences_within_a_span_only():
    source = SourceText("甲 5个；乙 5个")
    assert len(source.occurrences("5个")) == 2
    assert source.occurrences("5个", Span(4, len(source.raw))) == [Span(7, 9)]


def test_qualifiers_follow_the_wording_next_to_the_number():
    assert implied_qualifiers("总投资约 405亿元") == ["approx"]
    assert implied_qualifiers("已成功签约 56个") == ["exact"]  # 签约 is no 约
    assert implied_qualifiers("100个以上") == ["at_least"]
    assert implied_qualifiers("年度计划投资6亿元以上") == ["at_least"]
    assert implied_qualifiers("总投资超 500亿元") == ["more_than"]
    assert implied_qualifiers("新增签约项目10个以上") == ["at_least"]


def test_chinese_numerals_and_compact():
    assert chinese_numerals("两个项目") == [2]
    assert chinese_numerals("等七方面") == [7]
    assert compact("园 区 参 与\n水利") == "园区参与水利"
