"""Step ``report``: the ``[report]`` table and the raw text it pins.

Reads: the annotation document, data/raw/<raw_file>.
Adds: ``report_id``, ``source`` (the text), the title, intro and page-label
sections; the ``reports`` row. Sets ``halted`` when the text cannot be used.
Checks: the file has ``[report]`` and ``[[departments]]`` (an empty, comment-only
or cut-short file is refused); the raw file exists, is UTF-8 and its sha256 is
the one recorded; title, date quote, intro and page labels are in the text;
``day_of_month`` is the N of the date quote's “N日”.
"""

from __future__ import annotations

import hashlib
import re

from ...text import SourceText, compact
from ..context import ReportContext, Section
from ..record import records

KEYS = {
    "id",
    "raw_file",
    "sha256",
    "title",
    "date_quote",
    "day_of_month",
    "date_note",
    "intro",
    "page_labels",
}


def run(ctx: ReportContext) -> None:
    doc = ctx.doc
    missing = [
        name for name, table in (("[report]", "report"), ("[[departments]]", "departments")) if not doc.get(table)
    ]
    if missing:
        ctx.problem(
            "文件",
            f"缺少 {' 与 '.join(missing)}：文件为空、只有注释，或被截断",
            f"从版本库恢复（git checkout -- data/{ctx.file}），或补全这些表",
        )
        ctx.halted = True
        return
    rep = records(ctx.sink, ctx.file, {"report": [doc.get("report", {})]}, "report", KEYS)[0]
    ctx.report_id = rep.text("id")
    raw_file = rep.text("raw_file")
    raw_path = ctx.data_dir / "raw" / raw_file
    try:
        raw_bytes = raw_path.read_bytes()
    except OSError:
        rep.problem(f"原文文件 data/raw/{raw_file} 不存在", "把报告原文放进 data/raw/")
        ctx.halted = True
        return
    sha = hashlib.sha256(raw_bytes).hexdigest()
    if sha != rep.text("sha256"):
        rep.problem(
            f"原文 data/raw/{raw_file} 的 sha256 为 {sha}，与标注记录的 {rep.text('sha256')} 不符：原文被改动过",
            "原文不得修改；若确需换成新版原文，逐条核对引文后更新 sha256",
        )
        ctx.halted = True
        return
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        rep.problem(
            f"原文 data/raw/{raw_file} 不是 UTF-8 编码",
            "转换为 UTF-8 后更新 sha256",
        )
        ctx.halted = True
        return
    ctx.source = SourceText(raw)

    title = rep.text("title")
    title_span = ctx.find(rep, title, "title")
    if title_span:
        ctx.sections.append(Section(title_span, "page_title", None))
    date_span = ctx.find(rep, rep.text("date_quote"), "date_quote")
    day = rep.data.get("day_of_month")
    if date_span and (not isinstance(day, int) or not re.search(rf"(?<!\d){day}日", compact(rep.text("date_quote")))):
        rep.problem(
            f"day_of_month = {day!r} 与 date_quote 不符",
            "填写 date_quote 中“N日”的 N",
        )
    intro_start, intro_end = rep.span_spec("intro")
    intro = ctx.anchored(rep, intro_start, intro_end)
    if intro:
        ctx.sections.append(Section(intro, "intro", None))
    for label in rep.texts("page_labels", required=False):
        span = ctx.find(rep, label, "page_labels")
        if span:
            ctx.sections.append(Section(span, "page_label", None))
    ctx.rows.add(
        "reports",
        report_id=ctx.report_id,
        title=title,
        source_file=raw_file,
        annotation_file=ctx.annotation_name,
        sha256=sha,
        day_of_month=day if isinstance(day, int) else None,
        month=None,
        year=None,
        date_quote=ctx.source.slice(date_span) if date_span else "",
        date_start=date_span.start if date_span else None,
        date_end=date_span.end if date_span else None,
        date_note=rep.text("date_note"),
        raw_text=raw,
    )
