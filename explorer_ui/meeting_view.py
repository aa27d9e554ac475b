"""The meeting kit on 总览, 部门 and 情景对比: 投影模式, and the current view as a
one-page brief (PDF) and a short deck (PPT), built only when asked.

A page calls ``meeting_kit`` once, where its view is known. In 投影模式 the
presentation replaces the page (``present_view``) and the page stops there;
otherwise a row of buttons. The files are made by a callable handed to
``st.download_button``: Streamlit runs it when the button is clicked, never
on the page's rerun. Their 看原文 and 本视图 links are absolute, built from the
page's own address (``st.context.url``), so they work from a file on a desk.
"""

from __future__ import annotations

import streamlit as st

from jjdata import Tables

from . import brief_pdf, downloads_view, present_view, provenance, slides, urlstate
from .briefing import COMPARISON, DEPARTMENT, View, view_briefing, view_has_rows, view_name_parts
from .filters_view import COMPARE
from .page import PageContext, end_page

PDF_MIME = "application/pdf"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
TOOLS_KEY = "meeting_tools"
PARAMS = present_view.PARAMS


def meeting_kit(ctx: PageContext, view: View) -> None:
    """投影模式 (then the page stops here), or the buttons: 投影模式, 导出简报, 导出幻灯片."""
    presenting = present_view.active()
    # A changed sidebar state is applied on a rerun too: collapsed for the projector, back on leaving.
    st.set_page_config(initial_sidebar_state="collapsed" if presenting else "auto")
    if presenting:
        present_view.show(ctx, view)
        end_page(ctx)
        st.stop()
    base_url, view_url = downloads_view.page_urls(ctx, view_query(view))
    with st.container(horizontal=True, key=TOOLS_KEY, gap="small"):
        st.button(
            "投影模式",
            on_click=present_view.enter,
            icon=":material/co_present:",
            help="给投影用：收起侧栏，大字显示当前筛选，一屏一项内容，用“上一页”“下一页”或键盘 ← → 翻页。",
        )
        if not view_has_rows(ctx.tables, view):
            return  # nothing to hand out
        try:
            brief_pdf.find_font()
        except brief_pdf.FontMissingError as missing:
            st.warning(str(missing))
        else:
            st.download_button(
                "导出简报（PDF）",
                data=lambda: brief_pdf.render(view_briefing(ctx.tables, view, base_url, view_url)),
                file_name=file_name(ctx.tables, view, "简报", "pdf"),
                mime=PDF_MIME,
                on_click="ignore",
                icon=":material/picture_as_pdf:",
                help="A4 简报：当前视图的主要数字、要点、图表、明细，以及每个数字在报道中的原句。",
            )
        st.download_button(
            "导出幻灯片（PPT）",
            data=lambda: slides.render(view_briefing(ctx.tables, view, base_url, view_url)),
            file_name=file_name(ctx.tables, view, "幻灯片", "pptx"),
            mime=PPTX_MIME,
            on_click="ignore",
            icon=":material/slideshow:",
            help="16:9 幻灯片（WPS、PowerPoint 可编辑）：图表是可编辑的数据图表，原句在备注和出处页。",
        )


def file_name(tables: Tables, view: View, what: str, extension: str) -> str:
    """E.g. "晋江重点项目_交通局_十四五_简报.pdf", "晋江重点项目_交通局_部门_简报.pdf"."""
    return provenance.file_name(view_name_parts(tables, view), what, extension)


def view_query(view: View) -> dict[str, list[str]]:
    """The link parameters that open ``view``: its filters (and B's), or its unit."""
    if view.page == DEPARTMENT and view.unit:
        return {"unit": [view.unit]}
    query = urlstate.query_from_filters(view.filters)
    if view.page == COMPARISON:
        query |= urlstate.query_from_filters(view.filters_b, COMPARE.prefix)
    return query
