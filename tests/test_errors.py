"""Bad input: a clear, typed error naming file, record and fix; nothing lost."""

import pyarrow.parquet as pq
import pytest

import jjdata
from jjdata.schema import META_TABLE, META_VERSION

ANNOTATION = "annotations/000_8be8280e27aee29f.toml"


# -- loading -----------------------------------------------------------------


def test_missing_data_folder(tmp_path):
    with pytest.raises(jjdata.MissingTableError) as err:
        jjdata.load_tables(tmp_path / "nowhere")
    assert "reports.parquet" in str(err.value)
    assert "python -m jjdata build" in str(err.value)


def test_missing_table(data_copy):
    (data_copy / "figures.parquet").unlink()
    with pytest.raises(jjdata.MissingTableError, match=r"figures\.parquet: 文件不存在"):
        jjdata.load_tables(data_copy)


def test_truncated_table(data_copy):
    path = data_copy / "projects.parquet"
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(jjdata.CorruptTableError) as err:
        jjdata.load_tables(data_copy)
    assert "projects.parquet" in str(err.value) and "损坏" in str(err.value)


def test_garbage_table(data_copy):
    (data_copy / "departments.parquet").write_text("not a parquet file", encoding="utf-8")
    with pytest.raises(jjdata.CorruptTableError, match=r"departments\.parquet"):
        jjdata.load_tables(data_copy)


def test_table_of_an_older_schema(data_copy):
    path = data_copy / "figures.parquet"
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({META_VERSION: b"0", META_TABLE: b"figures"}), path)
    with pytest.raises(jjdata.SchemaMismatchError) as err:
        jjdata.load_tables(data_copy)
    assert "版本为 0" in str(err.value) and "python -m jjdata build" in str(err.value)


def test_table_with_other_columns(data_copy):
    path = data_copy / "figures.parquet"
    table = pq.read_table(path)
    meta = table.schema.metadata
    pq.write_table(table.drop_columns(["unit"]).replace_schema_metadata(meta), path)
    with pytest.raises(jjdata.SchemaMismatchError, match="列与当前程序期望的表结构不一致"):
        jjdata.load_tables(data_copy)


# -- building ----------------------------------------------------------------


def edit_annotation(data_dir, old, new, count=1):
    path = data_dir / ANNOTATION
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def assert_build_refuses(data_dir, *fragments):
    before = {p.name: p.read_bytes() for p in data_dir.glob("*.parquet")}
    with pytest.raises(jjdata.BuildError) as err:
        jjdata.build(data_dir)
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "000_8be8280e27aee29f.toml" in message
    after = {p.name: p.read_bytes() for p in data_dir.glob("*.parquet")}
    assert after == before, "existing parquet must stay untouched"
    assert not list(data_dir.glob(".build-*"))
    return err.value


def test_quote_not_in_the_text(data_copy):
    edit_annotation(data_copy, 'quote = "前期尚未开工项目，共有 18个"', 'quote = "前期尚未开工项目，共有 81个"')
    assert_build_refuses(data_copy, "id=sl-preliminary", "找不到")


def test_value_not_in_its_quote(data_copy):
    edit_annotation(data_copy, "value = 405\n", "value = 450\n")
    assert_build_refuses(data_copy, "id=jt-14-investment", "value = 450", "405")


def test_qualifier_that_the_quote_does_not_imply(data_copy):
    edit_annotation(data_copy, 'value = 500\nunit = "亿元"\nqualifier = "more_than"', 'value = 500\nunit = "亿元"')
    assert_build_refuses(data_copy, "id=sw-signed-investment", "more_than")


def test_duplicate_id(data_copy):
    edit_annotation(data_copy, 'id = "sl-annual"', 'id = "sl-investment"')
    assert_build_refuses(data_copy, "id “sl-investment” 重复")


def test_unknown_department(data_copy):
    edit_annotation(data_copy, 'id = "kj-areas"\ndept = "kj"', 'id = "kj-areas"\ndept = "kjj"')
    assert_build_refuses(data_copy, "id=kj-areas", "未知部门 “kjj”")


def test_unknown_type(data_copy):
    edit_annotation(data_copy, 'type = "transport.rail"', 'type = "transport.air"')
    assert_build_refuses(data_copy, "id=jt-14-rail", "transport.air")


def test_parent_that_does_not_exist(data_copy):
    edit_annotation(data_copy, 'parent = "jt-14"', 'parent = "jt-15"')
    assert_build_refuses(data_copy, "parent “jt-15” 不存在")


def test_raw_report_changed(data_copy):
    raw = data_copy / "raw" / "000_8be8280e27aee29f.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("405", "406"), encoding="utf-8")
    assert_build_refuses(data_copy, "sha256", "被改动过")


def test_number_left_unexplained(data_copy):
    edit_annotation(
        data_copy, '[[not_figures]]\nquote = "2016 年 以来"', '[[not_figures]]\nquote = "晋江市领导赖有为：2016"'
    )
    edit_annotation(data_copy, 'reason = "年份：领导点评中的起始年份（2016年以来），不是数量"', 'reason = "x"')
    edit_annotation(
        data_copy, '[[not_figures]]\nquote = "1～6月份"\n', '[[not_figures]]\nquote = "持续围绕构建集成电路"\n'
    )
    err = assert_build_refuses(data_copy, "数字 1", "既不是 figure 也不在 not_figures 中")
    assert err.coverage.unexplained == 2 and err.coverage.percent < 100


def test_reconciliation_mismatch_needs_a_data_note(data_copy):
    edit_annotation(
        data_copy, 'about = ["sl-future-aspects", "rec-sl-future-aspects"]', 'about = ["sl-future-aspects"]'
    )
    assert_build_refuses(data_copy, "rec-sl-future-aspects", "合计为 5")


def test_toml_syntax_error(data_copy):
    edit_annotation(data_copy, 'title = "比拼成绩晒亮点 拓宽思路谋发展"', 'title = "比拼成绩晒亮点')
    assert_build_refuses(data_copy, "TOML 语法", "line")


def test_misspelt_field(data_copy):
    edit_annotation(data_copy, 'qualifier = "approx"', 'qualifer = "approx"')
    assert_build_refuses(data_copy, "未知字段 “qualifer”")


def test_a_second_report_needs_no_code_change(data_copy):
    """Drop a text in data/raw, write its annotation file, build."""
    raw = "镇街项目巡礼\n17日，某镇举行路演。\n某镇共安排 12个项目，总投资约 30亿元。\n某镇\n项目建设提速\n"
    (data_copy / "raw" / "001_town.txt").write_text(raw, encoding="utf-8")
    sha = __import__("hashlib").sha256(raw.encode()).hexdigest()
    (data_copy / "annotations" / "001_town.toml").write_text(
        f"""
[report]
id = "town"
raw_file = "001_town.txt"
sha256 = "{sha}"
title = "镇街项目巡礼"
date_quote = "17日，某镇举行路演。"
day_of_month = 17
date_note = "只有日"
intro = {{ start = "17日", end = "路演。" }}

[[departments]]
id = "town1"
name = "某镇"
short_name = "某镇"
name_en = "A town"
label = "某镇"
headline = "项目建设提速"
body = {{ start = "某镇共安排", end = "30亿元。" }}

[[figures]]
id = "town-count"
dept = "town1"
measure = "项目数"
quote = "某镇共安排 12个项目"
value = 12
unit = "个"
period = "2021"
kind = "plan"

[[figures]]
id = "town-inv"
dept = "town1"
measure = "总投资"
quote = "总投资约 30亿元"
value = 30
unit = "亿元"
qualifier = "approx"
period = "2021"
kind = "plan"

[[not_figures]]
quote = "17日"
reason = "日期"

[[narrative]]
quote = "17日，某镇举行路演。"
reason = "导语：路演的日期"

[[projects]]
id = "town-all"
dept = "town1"
name = "某镇项目"
type = "mixed.key_projects"
period = "2021"
stage = "annual_plan"
count = "town-count"
investment = "town-inv"
quote = "某镇共安排 12个项目，总投资约 30亿元"
""",
        encoding="utf-8",
    )
    jjdata.build(data_copy)
    tables = jjdata.load_tables(data_copy)
    assert list(tables.reports["report_id"]) == ["roadshow-depts", "town"]
    town = tables.projects.set_index("project_id").loc["town-all"]
    assert (town["project_count"], town["investment"], town["investment_qualifier"]) == (12, 30, "approx")


def test_check_command_names_the_problem(data_copy, capsys):
    from jjdata.__main__ import main

    edit_annotation(data_copy, "value = 405\n", "value = 450\n")
    assert main(["check", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "id=jt-14-investment" in err and "value = 450" in err


def test_check_command_flags_stale_parquet(data_copy, capsys):
    from jjdata.__main__ import main

    edit_annotation(data_copy, 'measure = "新改建公路里程"', 'measure = "新改建公路里程（公里）"')
    assert main(["check", "--data-dir", str(data_copy)]) == 1
    assert "figures.parquet: 内容与重新生成的结果不同" in capsys.readouterr().err


def test_a_part_row_outside_its_total_row_is_refused(data_copy):
    # without the parent, 交通局 十四五 would add 38 and its 24 road projects
    edit_annotation(data_copy, 'name = "道路建设项目"\nparent = "jt-14"\n', 'name = "道路建设项目"\n')
    assert_build_refuses(data_copy, "jt-14-road 是 jt-14-count 的组成部分", "给 jt-14-road 加 parent")


def test_one_figure_on_two_unrelated_rows_is_refused(data_copy):
    edit_annotation(data_copy, 'count = "zj-realestate-reserve"', 'count = "zj-realestate-stat"')
    assert_build_refuses(data_copy, "数字 zj-realestate-stat 同时给了项目")


def test_a_qualifier_dropped_by_a_short_mention_is_still_caught(data_copy):
    edit_annotation(
        data_copy,
        'mention = "总投资超 500亿元"\nvalue = 500\nunit = "亿元"\nqualifier = "more_than"',
        'mention = "500亿元"\nvalue = 500\nunit = "亿元"',
    )
    assert_build_refuses(data_copy, "id=sw-signed-investment", "more_than")


def test_a_record_quoting_another_units_text_is_refused(data_copy):
    edit_annotation(data_copy, 'id = "kj-equipment-base"\ndept = "kj"', 'id = "kj-equipment-base"\ndept = "gx"')
    assert_build_refuses(data_copy, "id=kj-equipment-base", "引文不在部门 gx")


def test_an_estimate_is_not_counted_as_existing_projects(data_copy):
    edit_annotation(
        data_copy,
        'name = "第二批工业储备项目（预计）"\ntype = "industry.industrial"\nperiod = "2021"\nstage = "expected"',
        'name = "第二批工业储备项目（预计）"\ntype = "industry.industrial"\nperiod = "2021"\nstage = "reserve"',
    )
    assert_build_refuses(data_copy, "阶段 “reserve” 的项目数不能取自性质为 “estimate”")


def test_day_of_month_must_be_the_whole_number(data_copy):
    edit_annotation(data_copy, "day_of_month = 16", "day_of_month = 6")
    assert_build_refuses(data_copy, "day_of_month = 6")


def test_a_row_that_is_neither_counted_nor_named_must_say_its_granularity(data_copy):
    edit_annotation(data_copy, 'stage = "planning"\ngranularity = "group"\n', 'stage = "planning"\n')
    assert_build_refuses(data_copy, "id=sl-future", "看不出是单个项目还是项目组", 'granularity = "single"')


def test_a_granularity_against_the_count_is_refused(data_copy):
    edit_annotation(data_copy, 'count = "jt-14-rail"\n', 'count = "jt-14-rail"\ngranularity = "group"\n')
    assert_build_refuses(data_copy, "id=jt-14-rail", "granularity = “group”，但项目数为 1，应为 “single”")


def test_an_alias_the_text_does_not_use_is_refused(data_copy):
    edit_annotation(data_copy, 'aliases = ["晋江市交通运输局", "交通运输局"]', 'aliases = ["晋江市交通管理局"]')
    assert_build_refuses(data_copy, "id=jt", "别名 “晋江市交通管理局” 不在该部门的正文、点评或标题中")


def test_a_planned_year_must_be_in_its_quote(data_copy):
    edit_annotation(
        data_copy,
        'planned_year = { year = 2022, quote = "两个项目均计划 2022年投产", words = "计划2022年投产" }',
        'planned_year = { year = 2023, quote = "两个项目均计划 2022年投产", words = "计划2022年投产" }',
    )
    assert_build_refuses(data_copy, "id=zj-construction", "没有（唯一的）年份 2023")


def test_a_planned_years_words_must_be_in_its_quote(data_copy):
    edit_annotation(data_copy, 'words = "计划2022年投产" }', 'words = "计划2022年竣工" }')
    assert_build_refuses(data_copy, "id=zj-construction", "planned_year.words “计划2022年竣工” 不在引文中")


def test_a_row_beside_a_group_neither_sits_in_it_nor_is_a_group(data_copy):
    # 横九线 is beside the 44: the text does not say it is among them, so it has no parent
    edit_annotation(data_copy, 'beside = "jt-13"\n', 'beside = "jt-13"\nparent = "jt-13"\n')
    # a corridor beside 横九线 (a single road with no count of its own, in another period)
    edit_annotation(data_copy, 'beside = "jt-14"\n', 'beside = "jt-13-hengjiu"\n')
    assert_build_refuses(
        data_copy,
        "id=jt-13-hengjiu",
        "同时有 parent 和 beside",
        "id=jt-corridor-jjbridge",
        "beside 的组 jt-13-hengjiu 没有项目数",
        "beside 的组 jt-13-hengjiu 属于另一个部门、统计范围或时期",
    )


def test_an_estimate_must_say_so_in_its_quote(data_copy):
    edit_annotation(
        data_copy,
        'kind = "plan"\n\n[[figures]]\nid = "sl-annual"',
        'kind = "estimate"\n\n[[figures]]\nid = "sl-annual"',
    )
    assert_build_refuses(data_copy, "id=sl-investment", "kind = “estimate”，但引文中数字前没有“估算”或“预计”")
