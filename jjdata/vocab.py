"""Closed vocabularies whose meaning the code relies on."""

from __future__ import annotations

# Periods in display order. 十三五 = 2016–2020, 十四五 = 2021–2025;
# "" marks a figure the text ties to no period.
PERIODS: dict[str, str] = {
    "十三五": "“十三五”（2016–2020）",
    "2021": "2021年",
    "2021H1": "2021年上半年",
    "2021H2": "2021年下半年",
    "十四五": "“十四五”（2021–2025）",
    "": "未注明时期",
}

KINDS: dict[str, str] = {
    "actual": "实际/现状",
    "plan": "计划",
    "target": "目标",
    "reserve": "储备",
    "estimate": "预计/估算",
}

# A period and the parts of it the text gives numbers for separately (上半年, 下半年):
# never added to the whole, but an answer about the whole should point to them.
PERIOD_PARTS: dict[str, tuple[str, ...]] = {"2021": ("2021H1", "2021H2")}

# The words that make a figure an estimate (kind "estimate"), as the text uses them.
ESTIMATE_WORDS = ("估算", "预计")

# Qualifier → (symbol shown before the value, Chinese word).
QUALIFIERS: dict[str, tuple[str, str]] = {
    "exact": ("", ""),
    "approx": ("≈", "约"),
    "at_least": ("≥", "以上"),
    "more_than": (">", "超"),
}

# What kind of thing a basis counts (data/taxonomy.toml gives each basis one group).
BASIS_GROUPS: dict[str, str] = {
    "projects": "实施项目",
    "signed": "已签约项目",
    "reserve": "储备项目",
    "leads": "策划对接项目",
    "generated": "策划生成",
    "unphased": "阶段未说明",
    "target": "目标",
    "expected": "预计",
}

# A project row is one project, or a group of them (project_count says how many, when the text does).
GRANULARITIES: dict[str, str] = {
    "single": "单个项目",
    "group": "项目组",
}

SCOPES: dict[str, str] = {
    "department": "部门口径",
    "city": "全市口径",
}

LIST_KINDS: dict[str, str] = {
    "mechanism": "机制与方式",
    "corridor": "通道与路网",
    "base": "基地",
    "fund": "基金与预算",
    "industry": "产业与行业",
    "direction": "方向",
    "work_area": "工作方面",
    "element": "要素",
    "initiative": "举措",
    "policy": "政策",
    "task": "任务",
    "problem": "问题与制约",
    "connection": "连接与通达",
    "goal": "要达到的目的",
}

# The records that hold what a sentence says, in the order a sentence is counted under them: each
# sentence once, under the first kind that quotes it (a sentence with a figure and list items counts as
# a figure's). A comment point (only where a leader's point starts) and a data note (how to read the
# text) hold none.
SENTENCE_HOLDERS: dict[str, str] = {
    "figure": "数字",
    "project": "项目",
    "event": "写明时间的事",
    "item": "列举条目",
}

SEVERITIES: dict[str, str] = {
    "error": "原文自相矛盾",
    "ambiguity": "原文有歧义",
    "info": "说明",
}

SECTION_ROLES: dict[str, str] = {
    "page_title": "版面标题",
    "page_label": "版面栏目",
    "intro": "导语",
    "body": "正文",
    "comment": "领导点评",
    "masthead": "部门与标题",
}

COUNT_UNITS = ("个", "项")
MONEY_UNIT = "亿元"

# The report's words for what an amount measures, longest first: every figure a
# project row takes a number from names one of them in its measure, and that word
# is the amount's (完成投资 is not 总投资; 估算总投资 rests on an estimate).
AMOUNT_WORDS: dict[str, tuple[str, ...]] = {
    "projects": ("子项目", "项目包", "项目"),  # what a count counts: 10 个项目包 are not 10 个项目
    "investment": ("计划总投资", "估算总投资", "预计总投资", "完成投资", "总投资"),
    "annual_investment": ("年度计划投资",),
}

# What a row's data reads into the text rather than finds printed there; each
# reading is marked wherever the row's numbers are shown, in these words.
READINGS: dict[str, str] = {
    "scope": "按全市统计理解，原文未明说",
    "period": "时期按上下文理解，原文未明说",
}
