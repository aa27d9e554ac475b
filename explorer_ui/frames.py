"""Display and export frames (Chinese column names). Pure pandas."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote, urlencode

import numpy as np
import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jjdata import Filters, Tables, bases, vocab
from jjdata.amounts import MEASURE_NAMES, Amount
from jjdata.memo import IdentityMemo, per_tables
from jjdata.query import counted_rows, figure_periods, row_amounts, row_pools
from jjdata.sentences import sentence_spans
from jjdata.text import SourceText, Span, marked_pieces, paragraphs

from . import table_dictionary
from .text import MarkStyle, pieces_markdown
from .urlstate import format_bound

SYMBOLS = {qualifier: symbol for qualifier, (symbol, _) in vocab.QUALIFIERS.items()}
MEASURE_LABELS = MEASURE_NAMES


def figure_query(figure_id: str) -> dict[str, str]:
    """原文 page parameters that locate a figure."""
    return {"fig": figure_id}


def quote_query(start: int) -> dict[str, str]:
    """原文 page parameters that locate a place in the text (for rows whose quote has no figure)."""
    return {"at": str(start)}


def row_source_query(figure_ids: object, quote_start: int) -> dict[str, str]:
    """Where a project row's numbers come from: its first figure, else its quote (``figure_ids`` may be missing)."""
    first = figure_ids.split(",")[0] if isinstance(figure_ids, str) else ""
    return figure_query(first) if first else quote_query(quote_start)


def source_link(figure_id: str) -> str:
    """Relative link to a figure's place on the 原文 page (in files: downloads, briefs)."""
    return "原文?" + urlencode(figure_query(figure_id))


def quote_link(start: int) -> str:
    """Relative link to a place in the text (in files: downloads, briefs)."""
    return "原文?" + urlencode(quote_query(start))


def planned_year_link(tables: Tables, quote: str, year_start: int) -> str:
    """Relative link to the sentence that sets a row's planned year (its quote, around the year)."""
    spans = source_text(tables).occurrences(quote)
    return quote_link(next((s.start for s in spans if s.start <= year_start < s.end), year_start))


def _symbol(series: pd.Series) -> pd.Series:
    return series.astype("object").map(SYMBOLS).fillna("")


# Frames already built for a selection of rows: a page asks again on every rerun, and
# filter_projects hands back the same rows object for the same filters.
_FRAMES = IdentityMemo(32)

PART_OF_PARENT = "已含在上一级中"
PLANNED_YEAR = "计划年份"  # the words the report sets the year in ("计划2022年投产"); empty for other rows
PLANNED_YEAR_QUOTE = "计划年份原文"  # their sentence, which may not be the row's own (a group's parts)
SOURCE_COLUMN = "出处"  # the link to a row's place in 原文
PART_MARK = "└ "  # before the name of a row whose numbers its parent already holds
SCOPE_WORDS = {"department": "本单位统计", "city": "全市清单"}
# Short period names for narrow columns; the years are in the column's help.
PERIOD_SHORT = {
    "十三五": "“十三五”",
    "2021": "2021年",
    "2021H1": "2021年上半年",
    "2021H2": "2021年下半年",
    "十四五": "“十四五”",
    "": "未注明时期",
}


def project_frame(tables: Tables, rows: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The filtered project rows as exported: one row each, Chinese headers, the
    columns a reader needs first at the left (memoised per rows object; treat as read-only).

    ``limit`` keeps the first rows only (for display); "已含在上一级中" is
    still worked out against all of ``rows``.
    """
    return _FRAMES.get(("project", limit, id(tables)), rows, lambda: _project_frame(tables, rows, limit))


def _project_frame(tables: Tables, rows: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    positions = rows.index.to_numpy(dtype=np.int64)  # rows are a selection of tables.projects, index kept
    # a part whose numbers its group among the rows already holds; not a row listed beside a group
    inside = counted_rows(tables, rows)["inside_parent"].to_numpy(dtype=bool) if len(rows) else np.zeros(0, dtype=bool)
    if limit is not None:
        positions, inside = positions[:limit], inside[:limit]
    columns = _project_columns(tables)
    frame = {name: values[positions] for name, values in columns.items()}
    frame[PART_OF_PARENT] = inside
    return pd.DataFrame({name: frame[name] for name in PROJECT_COLUMNS})


PROJECT_COLUMNS = (  # the exported frame's columns, in order
    "项目/项目组",
    "部门",
    "单个/项目组",
    "项目数（原文）",
    "投资（原文）",
    "年度计划投资（原文）",
    "时期",
    "阶段",
    PLANNED_YEAR,
    PLANNED_YEAR_QUOTE,
    "类型",
    "统计范围",
    PART_OF_PARENT,
    "上一级",
    "项目数限定",
    "项目数",
    "项目数单位",
    "投资限定",
    "投资（亿元）",
    "投资的说法",
    "年度限定",
    "年度计划投资（亿元）",
    "投资指什么",
    "原文",
    "备注",
    "出处",
    "数字编号",
    "项目编号",
)


def amount_text(amount: Amount | None, missing: str = "") -> str:
    """A row's own number in its measure's column: "≈405 亿元" under 项目数, "375 项", "总投资 ≈405 亿元",
    "完成投资 ≈137.8 亿元" under 投资; ``missing`` where the report gives none."""
    return missing if amount is None else amount.column_cell()


@per_tables
def _project_columns(tables: Tables) -> dict[str, np.ndarray]:
    """Every project row's exported columns but the one that depends on the selection
    (已含在上一级中), worked out once per data set: a selection takes its rows by position."""
    rows = tables.projects
    names = labels(tables)
    amounts = row_amounts(tables)
    link = [
        "原文?" + urlencode(row_source_query(f, int(s)))
        for f, s in zip(rows["figure_ids"].fillna(""), rows["quote_start"].fillna(0), strict=True)
    ]
    dept = rows["dept_id"].astype("object").map(names.dept)
    city = rows["scope"].astype("object").eq("city").to_numpy()
    read_scope = rows["scope_read"].fillna(False).to_numpy(dtype=bool)
    counts = amounts["projects"]
    return {
        "项目/项目组": rows["name"].to_numpy(dtype=object),
        "部门": dept.to_numpy(dtype=object),  # a city list, and a reading of it, is said in 统计范围
        "单个/项目组": np.array(granularity_words(tables), dtype=object),
        "项目数（原文）": np.array([amount_text(a) for a in counts], dtype=object),
        "投资（原文）": np.array([amount_text(a) for a in amounts["investment"]], dtype=object),
        "年度计划投资（原文）": np.array([amount_text(a) for a in amounts["annual_investment"]], dtype=object),
        "时期": np.array([pool.period_words() for pool in row_pools(tables)], dtype=object),
        "阶段": rows["stage_id"].astype("object").map(names.stage).to_numpy(dtype=object),
        PLANNED_YEAR: rows["planned_year_words"].fillna("").to_numpy(dtype=object),
        PLANNED_YEAR_QUOTE: rows["planned_year_quote"].fillna("").to_numpy(dtype=object),
        "类型": rows["type_id"].astype("object").map(names.type).to_numpy(dtype=object),
        "统计范围": np.where(
            city,
            "全市清单（" + dept + np.where(read_scope, f"；{vocab.READINGS['scope']}", "") + "）",
            SCOPE_WORDS["department"],
        ).astype(object),
        "上一级": rows["parent_id"].map(names.project).fillna("").to_numpy(dtype=object),
        "项目数限定": _symbol(rows["count_qualifier"]).to_numpy(dtype=object),
        "项目数": rows["project_count"].astype("float64").to_numpy(),
        "项目数单位": np.array([a.unit_words() if a is not None else "" for a in counts], dtype=object),
        "投资限定": _symbol(rows["investment_qualifier"]).to_numpy(dtype=object),
        "投资（亿元）": rows["investment"].astype("float64").to_numpy(),
        "投资的说法": np.array([a.kind.label if a else "" for a in amounts["investment"]], dtype=object),
        "年度限定": _symbol(rows["annual_investment_qualifier"]).to_numpy(dtype=object),
        "年度计划投资（亿元）": rows["annual_investment"].astype("float64").to_numpy(),
        "投资指什么": rows["investment_measure"].fillna("").to_numpy(dtype=object),
        "原文": rows["quote"].to_numpy(dtype=object),
        "备注": rows["note"].fillna("").to_numpy(dtype=object),
        "出处": np.array(link, dtype=object),
        "数字编号": rows["figure_ids"].to_numpy(dtype=object),
        "项目编号": rows["project_id"].to_numpy(dtype=object),
    }


def project_grid(tables: Tables, exported: pd.DataFrame) -> pd.DataFrame:
    """The on-screen grid: the columns a reader compares, narrow enough to fit
    without horizontal scrolling (the sentence and the rest show for a selected row).

    Parts of a listed row are marked └ before their name; 项目数 says 单个 for
    a single project, the group's size as printed (38 个, 375 项, ≥30 个, 10 个项目包)
    or 未给出; an investment keeps its ≈ ≥ > and, where it is not 总投资, the
    report's word for it (完成投资 ≈137.8, 估算总投资 19.3). Memoised per exported
    frame; treat as read-only.
    """
    return _FRAMES.get(("grid", id(tables)), exported, lambda: _project_grid(tables, exported))


def _project_grid(tables: Tables, exported: pd.DataFrame) -> pd.DataFrame:
    positions = _positions(tables, exported["项目编号"].to_numpy(dtype=object))
    cells = _grid_cells(tables)
    part = exported[PART_OF_PARENT].to_numpy(dtype=bool)
    return pd.DataFrame(
        {
            "项目/项目组": [
                PART_MARK + name if inside else name
                for name, inside in zip(exported["项目/项目组"].to_numpy(dtype=object), part, strict=True)
            ],
            "部门": exported["部门"],
            "项目数": cells["项目数"][positions],
            "投资（亿元）": cells["投资"][positions],
            "时期": cells["时期"][positions],
            "阶段": exported["阶段"],
        }
    )


@per_tables
def _row_positions(tables: Tables) -> dict[str, int]:
    return {pid: i for i, pid in enumerate(tables.projects["project_id"])}


def _positions(tables: Tables, project_ids: np.ndarray) -> np.ndarray:
    position = _row_positions(tables)
    return np.array([position[p] for p in project_ids], dtype=np.int64)


@per_tables
def _grid_cells(tables: Tables) -> dict[str, np.ndarray]:
    """Each row's 项目数, 投资 and 时期 cells on the grid, by position, once per data set."""
    amounts = row_amounts(tables)
    read = tables.projects["period_read"].fillna(False).to_numpy(dtype=bool)
    periods = [
        PERIOD_SHORT[p] + (f"（{vocab.READINGS['period']}）" if r else "")
        for p, r in zip(tables.projects["period"].astype("object"), read, strict=True)
    ]
    single = tables.projects["granularity"].astype("object").eq("single").to_numpy()
    counts = [
        "单个" if one else (a.cell() if a is not None else "未给出")
        for one, a in zip(single, amounts["projects"], strict=True)
    ]
    investments = [
        ""
        if a is None
        else (a.value_text() if a.kind.label == MEASURE_NAMES["investment"] else f"{a.kind.label} {a.value_text()}")
        for a in amounts["investment"]
    ]
    return {
        "项目数": np.array(counts, dtype=object),
        "投资": np.array(investments, dtype=object),
        "时期": np.array(periods, dtype=object),
    }


def granularity_words(tables: Tables) -> list[str]:
    """Each project row, by position, as 单个项目, or 项目组（38 个）/（预计 ≥30 个）/（375 项）/（个数原文未给出）."""
    words = []
    for granularity, count in zip(
        tables.projects["granularity"].astype("object"), row_amounts(tables)["projects"], strict=True
    ):
        if granularity == "single":
            words.append(vocab.GRANULARITIES["single"])
        elif count is None:
            words.append(f"{vocab.GRANULARITIES['group']}（个数原文未给出）")
        else:
            words.append(f"{vocab.GRANULARITIES['group']}（{count.column_cell()}）")
    return words


def figure_frame(tables: Tables, dept_id: str) -> pd.DataFrame:
    """A unit's figures as the 部门 page lists them (memoised per data set; treat as read-only)."""
    return _figure_frames(tables)[dept_id]


@per_tables
def _figure_frames(tables: Tables) -> dict[str, pd.DataFrame]:
    frame = _figures_frame(tables, tables.figures)
    units = tables.figures["dept_id"].astype("object").to_numpy()
    return {dept: frame[units == dept].reset_index(drop=True) for dept in tables.departments["dept_id"]}


def _figures_frame(tables: Tables, figures: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "部门": figures["dept_id"].astype("object").map(labels(tables).dept).to_numpy(),
            "指标": figures["measure"].to_numpy(),
            "限定": _symbol(figures["qualifier"]).to_numpy(),
            "数值": figures["value"].astype("float64").to_numpy(),
            "单位": figures["unit"].to_numpy(),
            "时期": figures["figure_id"].map(figure_periods(tables)).to_numpy(),
            "性质": figures["kind"].astype("object").map(vocab.KINDS).to_numpy(),
            "原文": figures["quote"].to_numpy(),
            "出处": [source_link(f) for f in figures["figure_id"]],
            "数字编号": figures["figure_id"].to_numpy(),
        }
    )


Header = Sequence[tuple[str, str]]  # a download's header block: (what, value) pairs, see provenance.header_lines
HEADER_SHEET = "说明"
MAX_COLUMN_WIDTH = 60  # characters: longer cells wrap


def exported(frame: pd.DataFrame, base_url: str | None) -> pd.DataFrame:
    """A frame as a file holds it: 是/否 instead of True/False, and the 出处 links absolute
    (``base_url``: the app's address, e.g. "http://host:8501"; None leaves them relative)."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map({True: "是", False: "否"})
    if base_url and SOURCE_COLUMN in shown.columns:
        shown[SOURCE_COLUMN] = [absolute_link(base_url, link) for link in shown[SOURCE_COLUMN]]
    return shown


def absolute_link(base_url: str, link: str) -> str:
    """ "原文?fig=x" -> "http://host:8501/%E5%8E%9F%E6%96%87?fig=x"."""
    page, _, query = link.partition("?")
    return f"{base_url.rstrip('/')}/{quote(page)}?{query}"


def csv_bytes(frame: pd.DataFrame, header: Header = ()) -> bytes:
    """UTF-8 with BOM, so Excel and WPS open the Chinese correctly; the header block,
    if any, comes first (one "what,value" line each), then an empty line, then the table."""
    lines = pd.DataFrame(list(header)).to_csv(index=False, header=False) + "\n" if header else ""
    return (lines + frame.to_csv(index=False)).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame], header: Header = ()) -> bytes:
    """An .xlsx workbook: the header block on a first sheet “说明”, then each frame on its
    own sheet with readable column widths, a frozen header row and an autofilter."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        if header:
            notes = pd.DataFrame(list(header), columns=["项目", "内容"])
            notes.to_excel(writer, sheet_name=HEADER_SHEET, index=False)
            _lay_out(writer.sheets[HEADER_SHEET], notes)
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            _lay_out(writer.sheets[name[:31]], frame)
    return buffer.getvalue()


def _lay_out(sheet: Worksheet, frame: pd.DataFrame) -> None:
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = sheet.dimensions
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(frame.columns, start=1):
        texts = [str(column), *(str(v) for v in frame[column].head(500) if not pd.isna(v))]
        width = min(max(_display_width(t) for t in texts) + 2, MAX_COLUMN_WIDTH)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if width == MAX_COLUMN_WIDTH:
            for cell in sheet[letter][1:]:
                cell.alignment = wrap
        if column in (SOURCE_COLUMN, "内容"):  # links open in the browser from Excel and WPS
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, str) and cell.value.startswith(("http://", "https://")):
                    cell.hyperlink = cell.value


def _display_width(text: str) -> int:
    """Excel column units: a CJK character is about two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def all_tables_zip(tables: Tables, names: tuple[str, ...], header: Header = ()) -> bytes:
    """Every table as a UTF-8-with-BOM CSV under its Chinese name and with Chinese column
    names, beside 字段说明.csv (each column) and 代码说明.csv (each code), and 说明.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if header:
            archive.writestr(f"{HEADER_SHEET}.csv", csv_bytes(pd.DataFrame(list(header), columns=["项目", "内容"])))
        for name, frame in all_tables_sheets(tables, names, with_raw_text=True).items():
            archive.writestr(f"{name}.csv", csv_bytes(frame))
    return buffer.getvalue()


def all_tables_sheets(tables: Tables, names: tuple[str, ...], with_raw_text: bool = False) -> dict[str, pd.DataFrame]:
    """The tables under their Chinese names, with Chinese column names, then the column
    dictionary and the codes (an Excel cell cannot hold the whole report: raw text left out)."""
    sheets = {}
    for name in names:
        frame = tables.table(name)
        if not with_raw_text:
            frame = frame.drop(columns=["raw_text"], errors="ignore")
        sheets[table_dictionary.TABLE_NAMES.get(name, name)] = table_dictionary.chinese_headers(name, frame)
    sheets["字段说明"] = table_dictionary.column_dictionary()
    sheets["代码说明"] = table_dictionary.code_meanings(tables)
    return sheets


FILTER_LABELS = {  # as the sidebar names them
    "departments": "部门",
    "types": "项目类型",
    "bands": "投资规模",
    "periods": "时期",
    "stages": "阶段",
}
NO_FILTERS = "未筛选：显示全部"


def filter_parts(filters: Filters, options: dict[str, dict[str, str]]) -> list[str]:
    """Each active filter in words, in the sidebar's order, e.g. ["部门：交通局、水利局", "只看单个项目"]."""
    parts = [
        f"{label}：" + "、".join(options[field][v] for v in getattr(filters, field))
        for field, label in FILTER_LABELS.items()
        if getattr(filters, field)
    ]
    low, high = filters.min_investment, filters.max_investment
    if low is not None and high is not None:
        parts.append(f"投资：{format_bound(low)}–{format_bound(high)} 亿元")
    elif low is not None:
        parts.append(f"投资：≥{format_bound(low)} 亿元")
    elif high is not None:
        parts.append(f"投资：≤{format_bound(high)} 亿元")
    if filters.single_only:
        parts.append("只看单个项目")
    return parts


def describe_filters(filters: Filters, options: dict[str, dict[str, str]]) -> str:
    """The filters in words, e.g. "部门：交通局、水利局；时期：“十四五”（2021–2025）"."""
    return "；".join(filter_parts(filters, options)) or "全部项目（未筛选）"


def active_filters_line(filters: Filters, options: dict[str, dict[str, str]], name: str | None = None) -> str:
    """The line above every page: "当前筛选：部门：交通局；时期：2021年", or "未筛选：显示全部";
    with a ``name`` (情景对比's sets): "情景 B：部门：水利局", "情景 B：未筛选，显示全部"."""
    parts = filter_parts(filters, options)
    if name is None:
        return "当前筛选：" + "；".join(parts) if parts else NO_FILTERS
    return f"{name}：" + ("；".join(parts) if parts else NO_FILTERS.replace("：", "，"))


@dataclass(frozen=True)
class Labels:
    """Chinese labels for ids, computed once per data set."""

    dept: dict[str, str]  # short names
    type: dict[str, str]  # "交通 · 道路建设"
    type_short: dict[str, str]  # "道路建设"
    stage: dict[str, str]
    basis: dict[str, str]
    project: dict[str, str]  # project id -> name


@per_tables
def labels(tables: Tables) -> Labels:
    types = tables.project_types
    return Labels(
        dept=dict(zip(tables.departments["dept_id"], tables.departments["short_name"], strict=True)),
        type={
            t: f"{a} · {b}" for t, a, b in zip(types["type_id"], types["level1_zh"], types["level2_zh"], strict=True)
        },
        type_short=dict(zip(types["type_id"], types["level2_zh"], strict=True)),
        stage=dict(zip(tables.stages["stage_id"], tables.stages["zh"], strict=True)),
        basis=bases.basis_labels(tables),
        project=dict(zip(tables.projects["project_id"], tables.projects["name"], strict=True)),
    )


@per_tables
def units_in_page_order(tables: Tables) -> list[str]:
    return list(tables.departments.sort_values("page_order")["dept_id"])


@per_tables
def unit_lists(tables: Tables) -> dict[str, list[tuple[str, list[str]]]]:
    """Each unit's lists from the report: (title, items in text order)."""
    items = tables.list_items.groupby("list_id", sort=False)["item"].apply(list).to_dict()
    result: dict[str, list[tuple[str, list[str]]]] = {d: [] for d in tables.departments["dept_id"]}
    for list_id, dept, title in zip(
        tables.lists["list_id"], tables.lists["dept_id"], tables.lists["title"], strict=True
    ):
        result[dept].append((title, items.get(list_id, [])))
    return result


def default_unit(tables: Tables, units: list[str]) -> str:
    """The unit 部门 opens on: the first of ``units`` (in page order) that has figures in the report."""
    with_figures = set(tables.figures["dept_id"].astype("object"))
    return next((u for u in units if u in with_figures), units[0])


@dataclass(frozen=True)
class Reconciliation:
    """A total the report states beside its parts, in words."""

    dept: str  # short name
    text: str  # "“十四五”重点储备项目数：38 个；分项 “十四五”储备道路建设项目数 24、…，合计 38 个"
    matches: bool


@per_tables
def reconciliations(tables: Tables) -> list[Reconciliation]:
    """Each stated total against what the report gives as its parts, without ids."""
    figures = tables.figures.set_index("figure_id")
    lists = tables.lists.set_index("list_id")
    names = labels(tables)
    result = []
    for rec in tables.reconciliations.itertuples():
        total = figures.loc[rec.total_figure_id]
        unit = total["unit"]
        stated = f"{total['measure']}：{SYMBOLS[total['qualifier']]}{float(total['value']):g} {unit}"
        found = f"{float(rec.parts_value):g}"
        if rec.parts_kind == "parts":
            parts = "、".join(
                f"{figures.at[p, 'measure']} {float(figures.at[p, 'value']):g}" for p in rec.parts.split(",")
            )
            words = f"分项 {parts}，本工具相加为 {found} {unit}"
        elif rec.parts_kind == "list":
            words = f"原文逐项列出 {found} {unit}（{lists.at[rec.parts, 'title']}）"
        elif rec.parts_kind == "points":
            words = f"领导点评逐条列出 {found} 点"
        else:  # children: the named projects of a group
            children = tables.projects.loc[tables.projects["parent_id"] == rec.parts, "name"]
            words = f"原文列出其中 {found} 个具体项目：{'、'.join(children)}"
        result.append(Reconciliation(names.dept[total["dept_id"]], f"{stated}；{words}", bool(rec.matches)))
    return result


@dataclass(frozen=True)
class CommentBlock:
    """Whole sentences of a leader's comment and the listed points that open in them.

    Usually one point; several when they open in one sentence (科技局's 继续抓好…，抓好…，抓好…，让科技创新成为…):
    its close belongs to all of them, so the sentence is kept whole and the points are marked inside it.
    """

    text: str
    openings: tuple[tuple[int, int], ...]  # (point number, where in ``text`` it opens), in text order

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(number for number, _ in self.openings)

    def pieces(self) -> tuple[tuple[int | None, str], ...]:
        """The text cut where each point opens, each piece with its point's number (None: before the first).

        A block of one point is one piece, even when the point opens inside its sentence.
        """
        if len(self.openings) == 1:
            return ((self.openings[0][0], self.text),)
        cuts = [at for _, at in self.openings]
        lead = ((None, self.text[: cuts[0]]),) if cuts[0] > 0 else ()
        ends = [*cuts[1:], len(self.text)]
        return lead + tuple((number, self.text[at:end]) for (number, at), end in zip(self.openings, ends, strict=True))


@dataclass(frozen=True)
class CommentParts:
    """A leader's comment as the page shows it: whole sentences, nothing left out."""

    lead: str  # the opening before the points, without the "晋江市领导X：" the heading already says
    blocks: tuple[CommentBlock, ...]  # the listed points, in whole sentences


@per_tables
def comment_parts(tables: Tables) -> dict[str, CommentParts]:
    """Each comment split into its opening and its points, at sentence boundaries.

    A point that starts inside a sentence ("……，晋江市自然资源局要开展……")
    takes the start of that sentence (or of the list after a "：") with it,
    so no sentence is cut; points that open in the same sentence share one
    block; each block runs to the next one, the last to the comment's end.
    Opening + blocks is the whole comment, word for word.
    """
    text = source_text(tables)
    points = tables.comment_points.sort_values(["comment_id", "point_no"]).groupby("comment_id", sort=False)
    result = {}
    for comment in tables.comments.itertuples():
        low, high = text.compact_range(Span(int(comment.start), int(comment.end)))
        body = text.compact[low:high]
        speaker = f"晋江市领导{comment.leader}："
        opening = len(speaker) if body.startswith(speaker) else 0
        if comment.comment_id not in points.groups:
            result[comment.comment_id] = CommentParts(body[opening:], ())
            continue
        starts = [
            text.compact_range(Span(int(s), int(s)))[0] - low for s in points.get_group(comment.comment_id)["start"]
        ]
        breaks = {
            opening,
            *(end for _, end in sentence_spans(body)),
            *(i + 1 for i, ch in enumerate(body) if ch == "："),
        }
        block_starts: dict[int, list[tuple[int, int]]] = {}  # where a block starts -> its points' openings
        for number, start in enumerate(starts, start=1):
            block_starts.setdefault(max(b for b in breaks if b <= start), []).append((number, start))
        cuts = [*block_starts, len(body)]
        blocks = tuple(
            CommentBlock(body[a:b], tuple((number, start - a) for number, start in block_starts[a]))
            for a, b in pairwise(cuts)
        )
        result[comment.comment_id] = CommentParts(body[opening : cuts[0]], blocks)
    return result


MARK_STYLES = {  # the legend on 原文 and 部门 says these in words (MARK_LEGEND)
    "figure": MarkStyle("orange"),
    "other_number": MarkStyle("gray", bold=False),
    "hit": MarkStyle("blue"),
    "focus": MarkStyle("red"),
}
MARK_LEGEND = {
    "figure": "橙色粗体：记为数据的数字",
    "other_number": "灰色：不是数据的数字（年份、名称等）",
    "hit": "蓝色粗体：搜索到的词或定位的句子",
    "focus": "红色粗体：定位的数字",
}


@per_tables
def number_marks(tables: Tables) -> list[tuple[int, int, str]]:
    """Every number of the text: orange when it is a figure, grey when it is not."""
    numbers = tables.numbers
    others = numbers[numbers["status"] == "not_figure"]
    marks = [(int(s), int(e), "other_number") for s, e in zip(others["start"], others["end"], strict=True)]
    figures = zip(tables.figures["number_start"], tables.figures["number_end"], strict=True)
    return list(dict.fromkeys([*marks, *((int(s), int(e), "figure") for s, e in figures)]))


@dataclass(frozen=True)
class Paragraph:
    dept_id: str | None
    role: str
    span: Span
    markdown: str  # with the numbers marked


@per_tables
def report_paragraphs(tables: Tables) -> list[Paragraph]:
    """The report in reading order, reflowed into paragraphs (first report)."""
    raw = tables.reports.iloc[0]["raw_text"]
    marks = number_marks(tables)
    result = []
    for section in tables.sections.itertuples():
        dept = section.dept_id if isinstance(section.dept_id, str) else None
        for span in paragraphs(raw, Span(section.start, section.end)):
            text = pieces_markdown(marked_pieces(raw, span, marks), MARK_STYLES)
            result.append(Paragraph(dept, section.role, span, text))
    return result


def search_terms(tables: Tables, query: str) -> list[str]:
    """What a search looks for: the words typed, and when they name a unit
    exactly, its other names too (交通局 ↔ 交通运输局, the alias its comment uses)."""
    needle = "".join(query.split())
    terms = [needle] if needle else []
    for unit in tables.departments.itertuples():
        names = [unit.name, unit.short_name, *filter(None, str(unit.aliases or "").split(","))]
        if needle in names:
            terms += [n for n in (unit.short_name, *names[2:]) if n not in terms and n not in needle]
    return [
        t for t in terms if not any(other != t and other in t for other in terms)
    ]  # 交通运输局 finds 晋江市交通运输局


def search_hits(tables: Tables, query: str) -> list[Span]:
    """Where the search's terms occur in the report, overlapping finds merged, in text order."""
    text = source_text(tables)
    found = sorted(
        (s for term in search_terms(tables, query) for s in text.occurrences(term)), key=lambda s: (s.start, s.end)
    )
    merged: list[Span] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


@per_tables
def source_text(tables: Tables) -> SourceText:
    """The (first) report's text, indexed for whitespace-insensitive search."""
    return SourceText(tables.reports.iloc[0]["raw_text"])
