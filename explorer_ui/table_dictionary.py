"""The all-tables export in words a reader of a spreadsheet understands: each
table and column under a Chinese name, a column dictionary that says what each
column holds, and every code the tables use with its meaning. Pure: no Streamlit.

The codes themselves stay in the tables (they join the tables to each other);
the dictionary explains them.
"""

from __future__ import annotations

import pandas as pd

from jjdata import Tables, vocab
from jjdata.schema import SCHEMAS

TABLE_NAMES = {
    "reports": "报道",
    "departments": "部门",
    "sections": "版面段落",
    "figures": "数字",
    "projects": "项目",
    "headlines": "主要数字",
    "project_types": "项目类型",
    "bases": "统计类别",
    "stages": "阶段",
    "comments": "领导点评",
    "comment_points": "点评要点",
    "lists": "列举内容",
    "list_items": "列举条目",
    "events": "写明时间的事",
    "reconciliations": "总分核对",
    "data_notes": "数据质量说明",
    "sentences": "句子",
    "numbers": "原文数字",
}

_POSITION = "在原文全文中的字符位置（从 0 数起），供“原文”页定位"
# Columns with one meaning wherever they appear: (Chinese name, what it holds).
COMMON = {
    "report_id": ("报道编号", "所属报道的编号"),
    "dept_id": ("部门编号", "部门（单位）的编号，含义见“代码说明”"),
    "quote": ("原文", "原文中的句子，逐字摘录"),
    "quote_start": ("原文起点", _POSITION),
    "quote_end": ("原文终点", _POSITION),
    "start": ("起点", _POSITION),
    "end": ("终点", _POSITION),
    "text": ("文字", "原文文字，逐字摘录"),
    "period": ("时期", "所属时期的代码，含义见“代码说明”；空白表示原文未注明时期"),
    "figure_id": ("数字编号", "“数字”表中的编号"),
    "figure_ids": ("数字编号", "支撑这条记录的数字编号，多个用逗号分开"),
    "zh": ("中文名", "中文名称"),
    "en": ("英文名", "英文名称（供维护人员）"),
    "comment_id": ("点评编号", "“领导点评”表中的编号"),
    "list_id": ("列举编号", "“列举内容”表中的编号"),
    "scope": ("统计范围", "department：各单位自己的统计；city：全市清单，与各单位自己的统计分开合计"),
    "basis": ("统计类别", "统计类别代码，含义见“代码说明”；不同类别从不相加"),
    "note": ("说明", "对这条记录的说明"),
}
# Columns whose meaning depends on the table: table -> column -> (name, what).
OWN = {
    "reports": {
        "title": ("标题", "报道标题"),
        "source_file": ("原文文件", "data/raw/ 下的原文文件名"),
        "annotation_file": ("标注文件", "data/annotations/ 下的标注文件名"),
        "sha256": ("原文校验值", "原文文件的 SHA-256，每次生成数据都核对"),
        "day_of_month": ("日", "报道中的日期（几日）"),
        "month": ("月", "报道中的月份；空白：原文未写"),
        "year": ("年", "报道中的年份；空白：原文未写"),
        "date_quote": ("日期原文", "原文中写日期的文字"),
        "date_start": ("日期起点", _POSITION),
        "date_end": ("日期终点", _POSITION),
        "date_note": ("日期说明", "日期怎样读"),
        "raw_text": ("原文全文", "报道全文，逐字（只在 CSV 中；Excel 单元格放不下）"),
    },
    "departments": {
        "page_order": ("版面顺序", "在版面上出现的先后"),
        "name": ("全称", "单位全称"),
        "short_name": ("简称", "单位简称"),
        "name_en": ("英文名", "英文名称（供维护人员）"),
        "headline": ("标题", "该单位文章的标题"),
        "headline_start": ("标题起点", _POSITION),
        "headline_end": ("标题终点", _POSITION),
        "leaders": ("点评领导", "点评该单位的市领导"),
        "aliases": ("别名", "原文中该单位的其他名称，多个用逗号分开"),
        "body_start": ("正文起点", _POSITION),
        "body_end": ("正文终点", _POSITION),
    },
    "sections": {
        "section_no": ("段落序号", "版面上的先后"),
        "role": ("段落类别", "段落类别代码，含义见“代码说明”"),
    },
    "figures": {
        "measure": ("指标", "原文中这个数是什么"),
        "value": ("数值", "原文中的数"),
        "unit": ("单位", "数的单位"),
        "qualifier": ("限定", "exact：确数；approx：约；at_least：以上（下限）；more_than：超（下限）"),
        "kind": ("性质", "数的性质代码，含义见“代码说明”"),
        "estimate_word": ("估算用词", "原文用“估算”或“预计”时的那个词"),
        "number_text": ("数字原文", "原文中数字本身的写法"),
        "number_start": ("数字起点", _POSITION),
        "number_end": ("数字终点", _POSITION),
    },
    "projects": {
        "project_id": ("项目编号", "项目或项目组的编号"),
        "name": ("名称", "项目或项目组的名称"),
        "named": ("原文写出名称", "是：名称在原句中写出；否：按原句概括"),
        "parent_id": ("上一级编号", "所属项目组的编号；它的数已含在上一级中，合计时不再相加"),
        "type_id": ("项目类型编号", "项目类型代码，含义见“代码说明”"),
        "stage_id": ("阶段编号", "阶段代码，含义见“代码说明”"),
        "granularity": ("单个/项目组", "single：单个项目；group：项目组"),
        "scope_read": ("全市是读法", "是：原文没有说这是全市的数，按全市统计理解（见数据质量说明）"),
        "period_read": ("时期是读法", "是：原文没有写明时期，按上下文理解（见数据质量说明）"),
        "listed_as": ("原文称作", "与项目组并列写出的具名项目，原文对它们的称呼（如“规划内容”）"),
        "project_count": ("项目数", "项目组的项目个数；空白：原文未给出"),
        "count_unit": ("项目数单位", "原文的计量单位：个或项；单位不同的数不相加"),
        "count_word": ("计数对象", "项目、项目包或子项目；计数对象不同的数不相加"),
        "count_qualifier": ("项目数限定", "同“数字”表的“限定”"),
        "count_estimate": ("项目数估算用词", "原文用“估算”或“预计”时的那个词"),
        "investment": ("总投资（亿元）", "空白：原文未给出"),
        "investment_qualifier": ("总投资限定", "同“数字”表的“限定”"),
        "investment_estimate": ("总投资估算用词", "原文用“估算”或“预计”时的那个词"),
        "investment_measure": ("投资指什么", "原文对这笔投资的说法"),
        "investment_word": ("投资的说法", "总投资、完成投资、计划总投资或估算总投资；说法不同的数不相加"),
        "annual_investment": ("年度计划投资（亿元）", "空白：原文未给出"),
        "annual_investment_qualifier": ("年度计划投资限定", "同“数字”表的“限定”"),
        "annual_investment_estimate": ("年度计划投资估算用词", "原文用“估算”或“预计”时的那个词"),
        "annual_investment_word": ("年度投资的说法", "原文的说法：年度计划投资"),
        "count_figure_id": ("项目数的数字编号", "项目数出自的数字"),
        "investment_figure_id": ("投资的数字编号", "投资出自的数字"),
        "annual_investment_figure_id": ("年度计划投资的数字编号", "年度计划投资出自的数字"),
        "beside_id": ("并列项目组编号", "原文把这一项与该项目组并列写出，未说明是否在组内；不相加"),
        "planned_year": ("计划年份", "原文写的计划年份（属性，不相加）"),
        "planned_year_quote": ("计划年份原文", "写计划年份的原文"),
        "planned_year_words": ("计划年份说法", "例如“计划2022年投产”"),
        "planned_year_start": ("计划年份起点", _POSITION),
        "planned_year_end": ("计划年份终点", _POSITION),
    },
    "headlines": {
        "headline_id": ("主要数字编号", "编号"),
        "display_order": ("显示顺序", "总览页上的先后"),
        "title": ("标题", "这组数字的名称"),
        "primary": ("首屏显示", "是：总览首屏的全市主要数字"),
    },
    "project_types": {
        "type_id": ("项目类型编号", "项目类型代码"),
        "level1_id": ("大类编号", "大类代码"),
        "level1_zh": ("大类", "大类中文名"),
        "level1_en": ("大类英文名", "英文名称（供维护人员）"),
        "level2_zh": ("小类", "小类中文名"),
        "level2_en": ("小类英文名", "英文名称（供维护人员）"),
    },
    "bases": {
        "basis_id": ("统计类别编号", "统计类别代码"),
        "group": ("类别组", "同组的类别性质相同（如各类目标）"),
        "explanation": ("说明", "这类数是什么，为什么单独合计"),
        "display_order": ("显示顺序", "先后"),
    },
    "stages": {
        "stage_id": ("阶段编号", "阶段代码"),
        "basis_reason": ("归类理由", "为什么这个阶段归入这个统计类别"),
    },
    "comments": {"leader": ("点评领导", "市领导姓名")},
    "comment_points": {"point_no": ("要点序号", "第几点")},
    "lists": {
        "kind": ("列举类别", "列举内容的类别代码，含义见“代码说明”"),
        "title": ("标题", "列举的是什么"),
    },
    "list_items": {"item_no": ("条目序号", "第几条"), "item": ("条目", "原文中的条目，逐字")},
    "events": {
        "event_id": ("事件编号", "编号"),
        "when": ("时间", "原文中写时间的词，逐字（如“今年上半年”“2016年以来”）"),
        "when_start": ("时间起点", _POSITION),
        "when_end": ("时间终点", _POSITION),
    },
    "reconciliations": {
        "rec_id": ("核对编号", "编号"),
        "total_figure_id": ("总数编号", "原文总数在“数字”表中的编号"),
        "total_value": ("总数", "原文写的总数"),
        "parts_kind": (
            "分项来源",
            "parts：原文分项数字相加；list：原文逐项列出的条数；points：点评的要点数；children：组内具名项目数",
        ),
        "parts": ("分项", "分项的编号，多个用逗号分开"),
        "parts_value": ("分项合计", "分项加起来的数"),
        "matches": ("一致", "是：分项合计等于总数；否：原文自己对不上（见数据质量说明）"),
        "note_ids": ("说明编号", "解释不一致的数据质量说明编号"),
    },
    "data_notes": {
        "note_id": ("说明编号", "编号"),
        "severity": ("类别", "error：原文矛盾；ambiguity：有两种读法；info：说明"),
        "about": ("涉及记录", "这条说明涉及的记录编号"),
        "note": ("说明", "说明的内容"),
    },
    "sentences": {
        "sentence_no": ("句子序号", "先后"),
        "role": ("段落类别", "段落类别代码，含义见“代码说明”"),
        "covered_by": (
            "引用它的记录",
            "记下这句话所说的事的记录（类别:编号；类别为数字、项目、写明时间的事或列举条目），多个用逗号分开",
        ),
        "narrative_reason": ("叙述理由", "没有记录引用时，为什么这句只是叙述"),
    },
    "numbers": {
        "number_text": ("数字原文", "原文中数字的写法"),
        "status": ("是否数据", "figure：记为数据；not_figure：不是数据（年份、日期、名称中的数字等）"),
        "reason": ("理由", "不是数据时的理由"),
    },
}


def column_words(table: str, column: str) -> tuple[str, str]:
    """(Chinese name, what it holds) of a column."""
    return OWN.get(table, {}).get(column) or COMMON.get(column) or (column, "")


def chinese_headers(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with Chinese column names; True/False read 是/否."""
    shown = frame.rename(columns={c: column_words(table, c)[0] for c in frame.columns})
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map({True: "是", False: "否"})
    return shown


def column_dictionary() -> pd.DataFrame:
    """One row per column of every table: table, column code, Chinese name, what it holds."""
    return pd.DataFrame(
        [
            {"表": TABLE_NAMES[table], "列（代码）": field.name, "列名": name, "含义": what}
            for table, schema in SCHEMAS.items()
            for field in schema
            for name, what in (column_words(table, field.name),)
        ]
    )


def code_meanings(tables: Tables) -> pd.DataFrame:
    """Every code the tables use, with its meaning in words."""
    groups: list[tuple[str, dict[str, str]]] = [
        ("部门编号", dict(zip(tables.departments["dept_id"], tables.departments["name"], strict=True))),
        ("时期", {code or "（空白）": words for code, words in vocab.PERIODS.items()}),
        ("阶段编号", dict(zip(tables.stages["stage_id"], tables.stages["zh"], strict=True))),
        ("统计类别", dict(zip(tables.bases["basis_id"], tables.bases["zh"], strict=True))),
        (
            "项目类型编号",
            {
                t: f"{a} · {b}"
                for t, a, b in zip(
                    tables.project_types["type_id"],
                    tables.project_types["level1_zh"],
                    tables.project_types["level2_zh"],
                    strict=True,
                )
            },
        ),
        ("限定", {code: words or "确数" for code, (_, words) in vocab.QUALIFIERS.items()}),
        ("性质", vocab.KINDS),
        ("单个/项目组", vocab.GRANULARITIES),
        ("统计范围", {"department": "本单位统计", "city": "全市清单"}),
        ("列举类别", vocab.LIST_KINDS),
        ("段落类别", vocab.SECTION_ROLES),
        ("类别（数据质量说明）", vocab.SEVERITIES),
    ]
    return pd.DataFrame(
        [{"代码用于": column, "代码": code, "含义": words} for column, codes in groups for code, words in codes.items()]
    )
