"""Content and dtypes of the tables, worked out by hand from the report."""

import re

import pandas as pd


def test_report_date_is_only_the_day(tables):
    report = tables.reports.iloc[0]
    assert report["day_of_month"] == 16
    assert pd.isna(report["month"]) and pd.isna(report["year"])
    assert report["date_quote"].startswith("16日")
    assert report["sha256"] == "efcdd07cbf9ea578969b546dda0f663745f4af283400503cacd3e40e2e5347e5"


def test_ten_units_with_headlines_and_leaders(tables):
    depts = tables.departments.set_index("dept_id")
    assert len(depts) == 10
    assert depts.loc["zj", "headline"] == "紧盯五大方面 打造宜居宜业城市"
    assert depts.loc["sl", "headline"] == "“5+1”工程 推动晋江水利事业创佳绩"
    assert depts.loc["bdt", "name"] == "泉州半导体高新区晋江分园区"
    leaders = depts["leaders"].to_dict()
    assert leaders == {
        "zrzy": "吴志朴",
        "zj": "张健龙",
        "jt": "丁鸿雨",
        "sl": "王也夫",
        "fg": "丁鸿雨",
        "cz": "吴志朴",
        "kj": "赖有为",
        "sw": "赖有为",
        "gx": "赖有为",
        "bdt": "赖有为",
    }


def test_comment_points_are_split_where_the_text_lists_them(tables):
    points = tables.comment_points  # every comment's count: tests/test_points.py
    fg = points[points["comment_id"] == "c-fg"]["text"].tolist()
    assert fg[0].startswith("一是更加注重谋划策划") and fg[3].startswith("四是更加精准突破")
    assert fg[3].endswith("发力医疗器械的招商")


def test_project_rows_and_hierarchy(tables):
    projects = tables.projects.set_index("project_id")
    assert projects.loc["jt-14", "project_count"] == 38
    assert projects.loc["jt-14", "investment"] == 405
    assert projects.loc["jt-14", "investment_qualifier"] == "approx"
    assert projects.loc["jt-14-rail", "parent_id"] == "jt-14"
    assert projects.loc["fg-key-2021", "scope"] == "city"
    assert projects.loc["sw-signed", "investment_qualifier"] == "more_than"
    assert projects.loc["zj-construction-luqiao", "named"]
    assert pd.isna(projects.loc["zj-construction-luqiao", "project_count"])  # a name gives no count
    assert set(projects.loc[projects["scope"] == "city"].index) == {
        "fg-key-2021",
        "fg-start-target",
        "fg-complete-target",
        "fg-h2-start",
        "fg-h2-complete",
        "fg-reserve-14",
        "sw-sign-target",
        "sw-signed",
    }


def test_dtypes(tables):
    projects = tables.projects
    assert isinstance(projects["dept_id"].dtype, pd.CategoricalDtype)
    assert list(projects["dept_id"].cat.categories) == list(tables.departments["dept_id"])
    assert isinstance(projects["type_id"].dtype, pd.CategoricalDtype)
    assert projects["investment"].dtype == pd.Float64Dtype()
    assert projects["project_count"].dtype == pd.Int64Dtype()
    assert tables.figures["value"].dtype == pd.Float64Dtype()


def test_taxonomy_is_two_level_with_both_languages(tables):
    types = tables.project_types.set_index("type_id")
    assert types.loc["transport.rail", ["level1_zh", "level2_zh", "level2_en"]].tolist() == [
        "交通",
        "轨道交通",
        "Rail transit",
    ]
    assert types["level1_en"].notna().all() and types["level2_en"].str.len().min() > 0


def test_qualitative_lists(tables):
    items = tables.list_items.groupby("list_id")["item"].apply(list).to_dict()
    assert items["jt-rail-corridors"] == ["晋江大桥通道", "田安大桥通道", "晋江南高速通道"]
    assert items["kj-funds"][0] == "国家科技成果转化引导子基金"
    assert len(items["zrzy-mechanisms"]) == 6


def test_granularity_from_count_or_name(tables):
    projects = tables.projects.set_index("project_id")
    grain = projects["granularity"].astype(str).to_dict()
    assert grain["jt-14"] == "group" and projects.loc["jt-14", "project_count"] == 38
    assert grain["jt-14-rail"] == "single"  # 轨道交通项目 1个
    assert grain["kj-equipment-base"] == "single"  # named, no count
    assert grain["sl-future"] == "group" and pd.isna(projects.loc["sl-future", "project_count"])  # 个数原文未给出
    assert grain["zj-resettlement"] == "group"
    assert tables.projects["granularity"].notna().all()


def test_resettlement_list_comma_gives_two_rows_marked_as_a_reading(tables):
    projects = tables.projects.set_index("project_id")
    children = projects[projects["parent_id"] == "zj-resettlement"]
    assert children["name"].tolist() == ["高铁新区安置型商品房项目", "主线安置型商品房项目", "科创新区安置房项目"]
    assert children["named"].tolist() == [False, False, True]
    assert all("按顿号读作两个项目" in note for note in children["note"].iloc[:2])
    assert "zj-resettlement-rail-main" not in projects.index


def test_planned_year_is_an_attribute_not_a_figure(tables, raw):
    projects = tables.projects.set_index("project_id")
    for pid in ("zj-construction", "zj-construction-luqiao", "zj-construction-zhongjian"):
        row = projects.loc[pid]
        assert row["planned_year"] == 2022
        assert row["planned_year_quote"] == "两个项目均计划2022年投产"
        assert row["planned_year_words"] == "计划2022年投产"  # what a page shows beside the row
        assert raw[row["planned_year_start"] : row["planned_year_end"]] == "2022"
    assert "zj-construction-year" not in set(tables.figures["figure_id"])
    assert 2022 not in set(tables.figures["value"])  # no calendar year left as a summable figure
    explained = tables.numbers[tables.numbers["number_text"] == "2022"]
    assert explained["status"].tolist() == ["not_figure"]


def test_named_provincial_roads_are_not_children_of_the_44(tables):
    projects = tables.projects.set_index("project_id")
    for pid in ("jt-13-hengjiu", "jt-13-dongshi", "jt-13-dashen"):
        assert pd.isna(projects.loc[pid, "parent_id"]), pid
    note = tables.data_notes.set_index("note_id").loc["dn-jt-13-named"]
    assert note["severity"] == "ambiguity" and "jt-13-dashen" in note["about"]


def test_water_type_no_longer_claims_5_plus_1(tables):
    types = tables.project_types.set_index("type_id")
    assert types.loc["water.general", "level2_zh"] == "水利综合"


def test_data_notes_of_issue_8(tables):
    notes = tables.data_notes.set_index("note_id")
    assert "可能不是" not in notes.loc["dn-zrzy-no-figures", "note"]  # the piece reads as complete
    assert "zj-oldcomm" in notes.loc["dn-zj-quality-overlap", "about"]
    assert "项目办" in notes.loc["dn-intro-scope", "quote"] and "国企" in notes.loc["dn-intro-scope", "note"]
    assert "晋江市交通运输局" in notes.loc["dn-jt-alias", "quote"]
    assert "页尾" in notes.loc["dn-reading-order", "note"]


def test_either_name_of_the_transport_bureau_finds_it(tables):
    from jjdata.query import departments_matching

    assert tables.departments.set_index("dept_id").loc["jt", "aliases"] == "晋江市交通运输局,交通运输局"
    assert departments_matching(tables, "交通运输局") == ["jt"]
    assert departments_matching(tables, "晋江市交通局") == ["jt"]
    assert departments_matching(tables, "交通") == ["jt"]
    assert departments_matching(tables, "晋江市交通运输局的项目") == ["jt"]
    assert departments_matching(tables, "项目办") == []  # the page holds no 项目办 piece


def test_each_units_qualitative_content_is_held_as_list_items(tables):
    """Issue 8, item 4: what a unit does, names, asks for or finds in the way, word for word."""
    items = tables.list_items.groupby("list_id")["item"].apply(list).to_dict()
    kind = tables.lists.set_index("list_id")["kind"].astype(str).to_dict()
    assert items["zrzy-work-lines"] == ["冲在前，批土地", "精运作，卖好地", "好规划，保发展", "挖存量，腾空间"]
    assert "落实“多规合一”" in items["zrzy-initiatives"] and "攻坚“工改工”" in items["zrzy-initiatives"]
    assert items["zj-project-mechanism"][0] == "落实项目“五个一”工作机制"
    assert items["jt-connections"] == ["晋南和中心市区", "中心市区和厦门区域", "晋西北和晋西南"]
    assert items["jt-constraints"] == ["规划", "土地", "资金", "征迁"] and kind["jt-constraints"] == "problem"
    assert items["jt-comment-initiatives"][2] == "泉州“聚城畅通”工程"
    assert items["fg-policy"] == ["土地指标单列"] and kind["fg-policy"] == "policy"
    assert items["fg-comment-problems"] == [
        "项目进展不平衡",
        "部分进展严重滞后",
        "新项目、大项目、好项目不够多",
        "滚动接续有待加强",
    ]
    assert items["cz-tasks-13"][:2] == ["做好“六稳”工作", "落实“六保”任务"] and kind["cz-tasks-13"] == "task"
    assert items["kj-areas"] == ["抓人才引高新", "建平台促项目", "组基金招项目", "建基地拼进度"]
    assert items["sw-4341"] == [
        "补链强链四个优势主导产业",
        "建链发展三个新兴产业",
        "提质增效四个现代服务业",
        "引进培育未来产业",
    ]
    assert items["gx-elements"] == ["空间", "资金", "能源"]
    assert items["bdt-tasks"] == ["抓产业招商", "抓开工投产", "抓人才引育"]
    assert items["bdt-measures"] == [
        "适时修订产业政策",
        "推进园区规划建设",
        "拓展融资平台和渠道",
        "深化“单一窗口”服务机制",
    ]
    units_with_lists = set(tables.lists["dept_id"].astype(str))
    assert units_with_lists == set(tables.departments["dept_id"])  # every unit, 自然资源局 included


# -- the second reader's review of issue 8 (notes/review-G) -------------------------------------------


def test_words_city_staff_read_are_plain_chinese(tables):
    """No English, ids, field names or period codes, and not the jargon 口径, in anything 数据说明 or a page shows."""
    shown = {
        "data_notes.note": tables.data_notes["note"],
        "stages.basis_reason": tables.stages["basis_reason"],
        "bases.explanation": tables.bases["explanation"],
        "projects.note": tables.projects["note"],
        "numbers.reason": tables.numbers["reason"].dropna(),
        "sentences.narrative_reason": tables.sentences["narrative_reason"].dropna(),
        "lists.title": tables.lists["title"],
        "headlines.title": tables.headlines["title"],
        "figures.measure": tables.figures["measure"],
    }
    for where, texts in shown.items():
        leaks = [text for text in texts if re.search(r"[A-Za-z_]|口径", str(text))]
        assert not leaks, (where, leaks)
    assert len(tables.data_notes) >= 25  # the check above looked at every note


def test_stage_reasons_claim_no_more_than_the_text(tables):
    reason = tables.stages.set_index("stage_id")["basis_reason"]
    # 已成功签约 56个, 新增签约项目 6个: signed, never said to be 落地 or started
    assert "已成功签约" in reason["signed"] and "没有说已落地或开工" in reason["signed"]
    # 先后策划对接 58 个: cumulative, may hold signed ones
    assert "先后" in reason["negotiating"] and "可能包括已经签约" in reason["negotiating"]
    # 可纳统 123 个: *can* be counted in the statistics
    assert "可以纳入投资统计" in reason["in_statistics"]
    explanation = tables.bases.set_index("basis_id")["explanation"]
    # 前期尚未开工项目 18个: not started, never counted as started or under construction (issue 15 item 6)
    assert "还没有开工" in explanation["preliminary"] and "不算作已启动或在建" in explanation["preliminary"]
    assert "可纳统不等于已开工" in explanation["in_statistics"]
    notes = tables.data_notes.set_index("note_id")["note"]
    assert "已确定落地" not in notes["dn-basis-signed"] and "没有说已落地或开工" in notes["dn-basis-signed"]


def test_notes_state_readings_as_readings(tables):
    notes = tables.data_notes.set_index("note_id")
    assert "51" not in notes.loc["dn-sl-packages", "note"]  # 18 + 29 + 4 is not in the text
    assert notes.loc["dn-fg-city-scope", "severity"] == "ambiguity"
    assert "很可能包含各部门自己的项目，原文没有说明" in notes.loc["dn-fg-city-scope", "note"]
    assert "可能就是导语所说的项目办" in notes.loc["dn-intro-scope", "note"]
    # the 58 of 分园区: period read from 今年初以来, cumulative (先后), may hold the 6 signed
    period = notes.loc["dn-bdt-58-period"]
    assert period["severity"] == "ambiguity" and "今年初以来" in period["quote"]
    assert "记为2021年" in period["note"] and "可能包括1～6月份已签约的6个" in period["note"]
    # 分园区's comment: its facts recorded, the link to the body's 6 and 9 only 可能
    comment = notes.loc["dn-bdt-comment"]
    assert "配套紧密" in comment["quote"] and "可能就是正文1～6月份新增签约的6个" in comment["note"]
    reason_4341 = tables.numbers.set_index("number_text").loc["4341", "reason"]
    assert "按顺序推断" in reason_4341 and "原文没有写“1类”" in reason_4341


def test_the_three_bases_read_their_stage_by_one_rule(tables):
    """全力推进…基地建设 names no phase; 主动策划生成项目，重点推进…产业基地 does."""
    stage = tables.projects.set_index("project_id")["stage_id"].astype(str)
    assert stage["kj-equipment-base"] == "unspecified"
    assert stage["gx-hmi-base"] == stage["gx-fabric-base"] == "planning"
    quote = tables.projects.set_index("project_id")["quote"]
    assert quote["gx-hmi-base"].startswith("主动策划生成项目")
    about = tables.data_notes.set_index("note_id").loc["dn-bases-stage", "about"].split(",")
    assert {"kj-equipment-base", "gx-hmi-base", "gx-fabric-base"} <= set(about)


def test_named_programmes_are_groups_of_unknown_size(tables):
    projects = tables.projects.set_index("project_id")
    programmes = projects.loc[["zj-quality-shizhongyun", "zj-quality-heritage", "gx-old-industrial"]]
    assert programmes["named"].all() and (programmes["granularity"] == "group").all()
    assert programmes["project_count"].isna().all()
    assert projects.loc["zj-quality-yinglin", "granularity"] == "single"  # 英林镇集镇环境整治示范工程: one project
    assert len(projects[projects["granularity"] == "single"]) == 19


def test_details_inside_held_sentences_are_list_items(tables):
    """Sentence coverage shows every sentence is held; these details were in held sentences and in no record."""
    items = tables.list_items.groupby("list_id")["item"].apply(list).to_dict()
    kind = tables.lists.set_index("list_id")["kind"].astype(str).to_dict()
    assert items["kj-talent"] == ["高新项目", "高端人才项目"]
    assert items["kj-fund-methods"] == ["基金招商", "资本招商"]
    assert items["kj-base-functions"] == ["人才引育", "科技研发", "成果转化", "项目孵化", "落地产业化"]
    assert items["cz-spending-tasks"] == ["规范财政资金使用管理", "强化“六稳”“六保”等重点领域保障力度"]
    assert items["cz-comment-funding"] == ["财政杠杆", "金融工具"]
    assert items["sw-emerging-approach"][0] == "以六大“两新”基地建设为抓手"
    assert items["sw-emerging-approach"][-1] == "引入标杆企业"
    assert items["sw-services-approach"] == ["围绕“提升城市品质”这个主线", "构建生活性服务业与生产性服务业"]
    assert items["sw-future-approach"] == ["加强对科技发展趋势的研判", "引育一批具备爆发式增长潜力的企业"]
    assert items["jt-priorities"] == ["先急后缓", "有保有压"]
    assert items["fg-stage-conversion"][0] == "加快项目阶段转化"
    assert items["bdt-approach"] == ["广撒网", "精捕捞"]
    assert items["bdt-talent"][1] == "深化做实区校企合作育才模式"
    # a goal is not a task, a direction not an industry; 招引落地更多科技项目 is not among what 全力抓好 lists
    assert items["fg-groundwork"] == ["做深做细项目前期工作"] and items["fg-groundwork-goal"] == ["夯实明年发展基础"]
    assert kind["fg-groundwork-goal"] == kind["kj-future-goals"] == "goal"
    assert items["kj-future"] == ["高新产业培育", "平台载体建设", "人才团队引进", "成果孵化转化"]
    assert items["kj-future-goals"] == ["招引落地更多科技项目", "全面打造“创新高地”金名片"]
    assert kind["kj-three-four"] == kind["gx-directions"] == "direction"


def test_what_each_leader_asks_for_is_recorded_and_not_only_as_a_point(tables):
    """Issue 15 item 8: content that lived only in a comment point's text (a point runs to the next one)."""
    items = tables.list_items.groupby("list_id")["item"].apply(list).to_dict()
    lists = tables.lists.set_index("list_id")
    assert "做好组团片区和城市单元控规相关工作" in items["zrzy-comment-land-use"]
    assert items["sl-comment-planning"][2] == "结合河长制指标考核"
    assert items["sl-comment-planning"][4] == "结合人居环境整治的要求"
    assert items["fg-comment-breakthrough"] == ["借助国家区域医疗中心试点落地的东风", "发力医疗器械的招商"]
    assert items["sw-comment-coordination"][2] == "强化“上下一盘棋、合力抓招商”的工作机制"
    assert items["kj-comment-tasks"] == ["项目建设", "人才引进和项目招商", "新基建比拼"]
    assert items["bdt-comment-benefits"] == ["产值", "固投", "税收"]
    # named in unit texts, inside sentences other records held
    assert (
        items["gx-mission"] == ["项目突围攻坚任务"]
        and lists.loc["gx-mission", "quote"] == "全面践行落实项目突围攻坚任务"
    )
    assert items["sl-next-goals"][1] == "确保“十四五”规划开局之年水利建设取得开门红"
    # every comment now has lists of its own, as 交通局's had four
    comments = tables.comments.set_index("dept_id")
    in_comment = [
        dept
        for dept, start in zip(lists["dept_id"], lists["quote_start"], strict=True)
        if comments.loc[dept, "start"] <= start < comments.loc[dept, "end"]
    ]
    assert set(in_comment) == set(comments.index)
