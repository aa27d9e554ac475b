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


def implied(text: str, number: str) -> list[str]:
    start = text.index(number)
    return implied_qualifiers(text, start, start + len(number))


def test_qualifiers_follow_the_wording_next_to_the_number():
    assert implied("总投资约405亿元", "405") == ["approx"]
    assert implied("已成功签约56个，总投资超500亿元", "56") == ["exact"]  # 签约 is no 约
    assert implied("已成功签约56个，总投资超500亿元", "500") == ["more_than"]
    assert implied("全年目标签约项目是100个以上", "100") == ["at_least"]
    assert implied("年度计划投资6亿元以上", "6") == ["at_least"]
    assert implied("新增签约项目10个以上、新增储备项目20个以上", "10") == ["at_least"]
    assert implied("完成投资约137.8亿元，新改建公路里程约150公里", "150") == ["approx"]
    assert implied("储备项目22个", "22") == ["exact"]


def test_chinese_numerals_and_compact():
    assert chinese_numerals("两个项目") == [2]
    assert chinese_numerals("等七方面") == [7]
    assert compact("园 区 参 与\n水利") == "园区参与水利"
