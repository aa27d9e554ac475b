"""What a file made from a view says about where it comes from: its name (the
view in words), the report's date as the text gives it, the data's build time
in Beijing time, and the header lines of a download or a saved chart.
Pure: no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pandas as pd

from jjdata import Filters, Tables

from .answers import NOT_GIVEN
from .urlstate import share_url

APP_NAME = "晋江重点项目数据浏览器"
FILE_PREFIX = "晋江重点项目"
# China has kept one offset all year since 1991: a fixed UTC+8 is exact.
BEIJING = timezone(timedelta(hours=8))
# Period names in a file name: short, and without the quotation marks of “十四五”.
PERIOD_NAMES = {
    "十三五": "十三五",
    "2021": "2021年",
    "2021H1": "2021年上半年",
    "2021H2": "2021年下半年",
    "十四五": "十四五",
    "": "未注明时期",
}
NAMED_VALUES = 3  # more values of one filter than this: "5个部门"
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s“”]+')


def report_date(year: object, month: object, day: object) -> str:
    """The date as far as the text gives it: "16日（原文未写年月）", never a guessed month."""
    parts = [f"{int(v)}{unit}" for v, unit in ((year, "年"), (month, "月"), (day, "日")) if not pd.isna(v)]
    if not parts:
        return NOT_GIVEN
    missing = "".join(unit for v, unit in ((year, "年"), (month, "月")) if pd.isna(v))
    return "".join(parts) + (f"（原文未写{missing}）" if missing else "")


def built_at_words(iso: str) -> str:
    """The build time in Beijing time: "2026-11-27T04:44:09+00:00" -> "2026-11-27 12:44（北京时间）"."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:  # a time without its offset cannot be converted: say it as written
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") + "（北京时间）"


def report_facts(tables: Tables) -> dict[str, str]:
    """The report's title and date, and when the tables were built, in words."""
    report = tables.reports.iloc[0]
    return {
        "report_title": str(report["title"]),
        "report_date": report_date(report["year"], report["month"], report["day_of_month"]),
        "built_at": built_at_words(tables.manifest.built_at),
    }


def source_line(tables: Tables) -> str:
    """One line naming the source, for a chart or a file: "来源：《…》（报道日期：16日（原文未写年月））"."""
    facts = report_facts(tables)
    return f"来源：《{facts['report_title']}》（报道日期：{facts['report_date']}）"


def header_lines(tables: Tables, filter_lines: list[str], view_url: str | None) -> list[tuple[str, str]]:
    """The block at the head of a download: (what, value) pairs, in the order a reader asks."""
    facts = report_facts(tables)
    lines = [("内容", line) for line in filter_lines]
    lines += [
        ("来源", f"报道《{facts['report_title']}》"),
        ("报道日期", facts["report_date"]),
        ("数据生成时间", facts["built_at"]),
        ("本视图链接", view_url or "（未知：请在浏览器中打开本视图复制链接）"),
        ("生成工具", APP_NAME),
    ]
    return lines


def filter_name_parts(filters: Filters, options: dict[str, dict[str, str]]) -> list[str]:
    """The filters as short words for a file name: ["交通局", "十四五"], ["5个部门", "2021年"]."""
    parts: list[str] = []
    named = (
        ("departments", "个部门", options["departments"]),
        ("types", "类项目", {k: v.split(" · ")[-1] for k, v in options["types"].items()}),
        ("periods", "个时期", PERIOD_NAMES),
        ("stages", "个阶段", options["stages"]),
    )
    for field, several, words in named:
        values = getattr(filters, field)
        if len(values) > NAMED_VALUES:
            parts.append(f"{len(values)}{several}")
        elif values:
            parts.append("、".join(words[v] for v in values))
    if filters.bands or filters.min_investment is not None or filters.max_investment is not None:
        parts.append("按投资规模")
    if filters.single_only:
        parts.append("单个项目")
    return parts


def file_name(parts: list[str], what: str, extension: str) -> str:
    """E.g. "晋江重点项目_交通局_十四五_简报.pdf"; no characters a file system refuses."""
    words = [FILE_PREFIX, *(parts or ["全部"]), *([what] if what else [])]
    cleaned = [_NOT_IN_FILE_NAMES.sub("", word) for word in words]
    stem = "_".join(word for word in cleaned if word)
    return f"{stem[:120]}.{extension}"


def app_urls(context_url: str, page_path: str, query: Mapping[str, Sequence[str]]) -> tuple[str | None, str | None]:
    """(the app's address, the page's link with ``query``), from the address Streamlit
    reports for the page (``st.context.url``); (None, None) when it is unknown."""
    if not context_url:
        return None, None
    page = share_url(context_url, page_path, {})
    base = page.removesuffix("/" + quote(page_path)) if page_path else page
    return base, share_url(context_url, page_path, query)
