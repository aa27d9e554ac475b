"""Turn the raw reports and their annotation files into checked tables.

Every problem found is collected and reported together; when there is any,
nothing is written and the existing parquet files stay as they were.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import vocab
from .errors import BuildError, DataFileError, Problem, ShrinkError
from .manifest import MANIFEST_FILE, Manifest, manifest_for, read_manifest
from .schema import META_TABLE, META_VERSION, SCHEMA_VERSION, SCHEMAS
from .text import SourceText, Span, chinese_numerals, compact, implied_qualifiers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DATA_DIR_ENV = "JJDATA_DATA_DIR"


def data_dir_from_env() -> Path:
    """The data folder: $JJDATA_DATA_DIR when set (tests, benchmarks), else data/."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else DEFAULT_DATA_DIR


TAXONOMY_FILE = "taxonomy.toml"


@dataclass(frozen=True)
class Coverage:
    """How many Arabic numbers in the raw texts are accounted for."""

    numbers: int
    as_figures: int
    not_figures: int

    @property
    def unexplained(self) -> int:
        return self.numbers - self.as_figures - self.not_figures

    @property
    def percent(self) -> float:
        return 100.0 if self.numbers == 0 else 100.0 * (self.as_figures + self.not_figures) / self.numbers


@dataclass
class BuildResult:
    tables: dict[str, pa.Table]
    coverage: Coverage
    manifest: Manifest | None = None  # set once written


# --------------------------------------------------------------------------
# Reading TOML records with named problems


class Record:
    """One TOML table, read field by field; every misfit becomes a Problem."""

    def __init__(self, sink: list[Problem], file: str, where: str, data: Any, allowed: set[str]) -> None:
        self.sink, self.file, self.data = (
            sink,
            file,
            data if isinstance(data, dict) else {},
        )
        rid = self.data.get("id")
        self.where = f"{where} id={rid}" if isinstance(rid, str) else where
        if not isinstance(data, dict):
            self.problem("不是 TOML 表", "写成 [[...]] 下的键值对")
        for key in sorted(set(self.data) - allowed):
            self.problem(f"未知字段 “{key}”", f"可用字段：{', '.join(sorted(allowed))}")

    def problem(self, problem: str, fix: str = "") -> None:
        self.sink.append(Problem(self.file, self.where, problem, fix))

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.problem(f"缺少字段 “{key}”", f'加上 {key} = "..."')
            return ""
        if not isinstance(value, str):
            self.problem(f"字段 “{key}” 应为字符串，实为 {value!r}")
            return ""
        return value

    def choice(self, key: str, options: dict[str, Any] | set[str], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in options:
            self.problem(
                f"字段 “{key}” 的值 “{value}” 不在可选范围内",
                f"可选：{', '.join(repr(o) for o in options)}",
            )
        return value

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"字段 “{key}” 应为数字，实为 {value!r}", f"写成 {key} = 12.5")
            return float("nan")
        return float(value)

    def texts(self, key: str, required: bool = True) -> list[str]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"字段 “{key}” 应为字符串列表", f'写成 {key} = ["...", "..."]')
            return []
        return value

    def span_spec(self, key: str) -> tuple[str, str]:
        value = self.data.get(key)
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("start", "end")):
            self.problem(f'字段 “{key}” 应为 {{ start = "...", end = "..." }}')
            return "", ""
        return value["start"], value["end"]


def _records(sink: list[Problem], file: str, doc: dict[str, Any], table: str, allowed: set[str]) -> list[Record]:
    items = doc.get(table, [])
    if not isinstance(items, list):
        sink.append(Problem(file, table, "应为 [[...]] 表数组"))
        return []
    return [Record(sink, file, f"{table}[{i}]", item, allowed) for i, item in enumerate(items)]


# --------------------------------------------------------------------------
# Taxonomy


@dataclass
class Taxonomy:
    types: dict[str, dict[str, str]]
    stages: dict[str, dict[str, str]]


def read_taxonomy(path: Path, sink: list[Problem]) -> Taxonomy:
    name = path.name
    doc = _load_toml(path, sink)
    level1 = {}
    for rec in _records(sink, name, doc, "level1", {"id", "zh", "en"}):
        level1[rec.text("id")] = {"zh": rec.text("zh"), "en": rec.text("en")}
    types: dict[str, dict[str, str]] = {}
    for rec in _records(sink, name, doc, "types", {"id", "zh", "en"}):
        type_id = rec.text("id")
        head = type_id.split(".", 1)[0]
        if "." not in type_id or head not in level1:
            rec.problem(
                f"类型 id “{type_id}” 应为 “大类.小类”，大类须在 [[level1]] 中",
                "如 transport.road",
            )
            continue
        if type_id in types:
            rec.problem(f"类型 id “{type_id}” 重复")
        types[type_id] = {
            "level1_id": head,
            "level1_zh": level1[head]["zh"],
            "level1_en": level1[head]["en"],
            "level2_zh": rec.text("zh"),
            "level2_en": rec.text("en"),
        }
    bases = {}
    for rec in _records(sink, name, doc, "bases", {"id", "zh", "en"}):
        bases[rec.text("id")] = {"zh": rec.text("zh"), "en": rec.text("en")}
    stages: dict[str, dict[str, str]] = {}
    for rec in _records(sink, name, doc, "stages", {"id", "zh", "en", "basis"}):
        stage_id = rec.text("id")
        basis = rec.choice("basis", set(bases))
        if stage_id in stages:
            rec.problem(f"阶段 id “{stage_id}” 重复")
        stages[stage_id] = {
            "zh": rec.text("zh"),
            "en": rec.text("en"),
            "basis": basis,
            "basis_zh": bases.get(basis, {}).get("zh", ""),
            "basis_en": bases.get(basis, {}).get("en", ""),
        }
    return Taxonomy(types, stages)


def _load_toml(path: Path, sink: list[Problem]) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        sink.append(Problem(str(path), "文件", "文件不存在"))
    except tomllib.TOMLDecodeError as exc:
        sink.append(Problem(path.name, "TOML 语法", str(exc), "按报错的行列修正语法"))
    except UnicodeDecodeError:
        sink.append(Problem(path.name, "编码", "文件不是 UTF-8", "以 UTF-8 保存"))
    return {}


# --------------------------------------------------------------------------
# One report


@dataclass
class Rows:
    """Table rows gathered over every report, in annotation order."""

    by_table: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in SCHEMAS})

    def add(self, table: str, **row: Any) -> None:
        self.by_table[table].append(row)


class ReportBuilder:
    def __init__(
        self,
        annotation: Path,
        data_dir: Path,
        taxonomy: Taxonomy,
        rows: Rows,
        sink: list[Problem],
        global_ids: dict[str, set[str]],
    ) -> None:
        self.file = f"annotations/{annotation.name}"
        self.global_ids = global_ids
        self.data_dir, self.taxonomy, self.rows, self.sink = (
            data_dir,
            taxonomy,
            rows,
            sink,
        )
        problems_before = len(sink)
        self.doc = _load_toml(annotation, sink)
        self.readable = len(sink) == problems_before  # an unreadable file has been reported already
        self.annotation_name = annotation.name
        self.coverage = Coverage(0, 0, 0)

    # -- quoting helpers ---------------------------------------------------
    def find(self, rec: Record, quote: str, what: str = "quote", within: Span | None = None) -> Span | None:
        if not compact(quote):
            rec.problem(f"{what} 为空")
            return None
        hits = self.source.occurrences(quote, within)
        place = "原文" if within is None else "所在段落"
        if not hits:
            rec.problem(
                f"{what} “{quote}” 在{place}中找不到",
                "从 data/raw 原文复制，空格与换行可忽略",
            )
            return None
        if len(hits) > 1:
            rec.problem(
                f"{what} “{quote}” 在{place}中出现 {len(hits)} 次，无法确定位置",
                "加长引文使其唯一",
            )
            return None
        return hits[0]

    def anchored(self, rec: Record, start: str, end: str, within: Span | None = None) -> Span | None:
        """From a unique start anchor to the first end anchor after it."""
        first = self.find(rec, start, "start", within)
        if first is None:
            return None
        limit = within.end if within else len(self.source.raw)
        ends = self.source.occurrences(end, Span(first.start, limit))
        if not ends:
            rec.problem(f"end “{end}” 在 start 之后找不到")
            return None
        return Span(first.start, ends[0].end)

    def text_of(self, span: Span) -> str:
        return compact(self.source.slice(span))

    # -- the whole report --------------------------------------------------
    def run(self) -> None:
        doc = self.doc
        if not self.readable:
            return
        missing = [
            name for name, table in (("[report]", "report"), ("[[departments]]", "departments")) if not doc.get(table)
        ]
        if missing:
            self.sink.append(
                Problem(
                    self.file,
                    "文件",
                    f"缺少 {' 与 '.join(missing)}：文件为空、只有注释，或被截断",
                    f"从版本库恢复（git checkout -- data/{self.file}），或补全这些表",
                )
            )
            return
        report_recs = _records(
            self.sink,
            self.file,
            {"report": [doc.get("report", {})]},
            "report",
            REPORT_KEYS,
        )
        rep = report_recs[0]
        self.report_id = rep.text("id")
        raw_file = rep.text("raw_file")
        raw_path = self.data_dir / "raw" / raw_file
        try:
            raw_bytes = raw_path.read_bytes()
        except OSError:
            rep.problem(f"原文文件 data/raw/{raw_file} 不存在", "把报告原文放进 data/raw/")
            return
        sha = hashlib.sha256(raw_bytes).hexdigest()
        if sha != rep.text("sha256"):
            rep.problem(
                f"原文 data/raw/{raw_file} 的 sha256 为 {sha}，与标注记录的 {rep.text('sha256')} 不符：原文被改动过",
                "原文不得修改；若确需换成新版原文，逐条核对引文后更新 sha256",
            )
            return
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            rep.problem(
                f"原文 data/raw/{raw_file} 不是 UTF-8 编码",
                "转换为 UTF-8 后更新 sha256",
            )
            return
        self.source = SourceText(raw)
        self.sections: list[tuple[Span, str, str | None]] = []

        title = rep.text("title")
        title_span = self.find(rep, title, "title")
        if title_span:
            self.sections.append((title_span, "page_title", None))
        date_span = self.find(rep, rep.text("date_quote"), "date_quote")
        day = rep.data.get("day_of_month")
        if date_span and (
            not isinstance(day, int) or not re.search(rf"(?<!\d){day}日", compact(rep.text("date_quote")))
        ):
            rep.problem(
                f"day_of_month = {day!r} 与 date_quote 不符",
                "填写 date_quote 中“N日”的 N",
            )
        intro_start, intro_end = rep.span_spec("intro")
        intro = self.anchored(rep, intro_start, intro_end)
        if intro:
            self.sections.append((intro, "intro", None))
        for label in rep.texts("page_labels", required=False):
            span = self.find(rep, label, "page_labels")
            if span:
                self.sections.append((span, "page_label", None))
        self.rows.add(
            "reports",
            report_id=self.report_id,
            title=title,
            source_file=raw_file,
            annotation_file=self.annotation_name,
            sha256=sha,
            day_of_month=day if isinstance(day, int) else None,
            month=None,
            year=None,
            date_quote=self.source.slice(date_span) if date_span else "",
            date_start=date_span.start if date_span else None,
            date_end=date_span.end if date_span else None,
            date_note=rep.text("date_note"),
            raw_text=raw,
        )

        self.departments()
        self.comments()
        self.figures()
        self.not_figures()
        self.projects()
        self.lists()
        self.data_notes()
        self.reconciliations()
        self.check_sections()

    # -- departments and their place on the page --------------------------
    def departments(self) -> None:
        self.dept_ids: set[str] = set()
        self.dept_body: dict[str, Span] = {}
        recs = _records(self.sink, self.file, self.doc, "departments", DEPARTMENT_KEYS)
        self.dept_rows: dict[str, dict[str, Any]] = {}
        for order, rec in enumerate(recs, start=1):
            dept_id = rec.text("id")
            self._unique(rec, dept_id, self.dept_ids, "部门")
            label, headline = rec.text("label"), rec.text("headline")
            masthead = self.find(rec, label + headline, "label + headline")
            head_span = None
            if masthead:
                self.sections.append((masthead, "masthead", dept_id))
                head_span = self.source.occurrences(headline, masthead)[-1]
            body = self.anchored(rec, *rec.span_spec("body"))
            if body:
                self.sections.append((body, "body", dept_id))
                self.dept_body[dept_id] = body
            row = dict(
                dept_id=dept_id,
                report_id=self.report_id,
                page_order=order,
                name=rec.text("name"),
                short_name=rec.text("short_name"),
                name_en=rec.text("name_en"),
                headline=self.source.slice(head_span).strip() if head_span else headline,
                headline_start=head_span.start if head_span else None,
                headline_end=head_span.end if head_span else None,
                leaders="",
                body_start=body.start if body else None,
                body_end=body.end if body else None,
            )
            self.dept_rows[dept_id] = row
            self.rows.by_table["departments"].append(row)  # leaders are filled in by comments()

    def in_dept(self, rec: Record, dept_id: str | None, span: Span | None) -> None:
        """A record's quote must stand in its unit's part of the page."""
        if span is None or dept_id is None or dept_id not in self.dept_ids:
            return
        own = [s for s, _, d in self.sections if d == dept_id]
        if not any(s.start <= span.start and span.end <= s.end for s in own):
            rec.problem(f"引文不在部门 {dept_id} 的正文、点评或标题中", "检查 dept，或换用该部门段落中的引文")

    def dept(self, rec: Record, key: str = "dept", required: bool = True) -> str | None:
        if not required and key not in rec.data:
            return None
        dept_id = rec.text(key)
        if dept_id not in self.dept_ids:
            rec.problem(f"未知部门 “{dept_id}”", f"可用：{', '.join(sorted(self.dept_ids))}")
        return dept_id

    def _unique(self, rec: Record, rid: str, seen: set[str], what: str) -> None:
        if rid in seen or rid in self.global_ids.setdefault(what, set()):
            rec.problem(
                f"{what} id “{rid}” 重复",
                "每条记录用不同的 id（所有标注文件之间也不得重复）",
            )
        seen.add(rid)
        self.global_ids[what].add(rid)

    # -- comments -----------------------------------------------------------
    def comments(self) -> None:
        seen: set[str] = set()
        self.comment_points: dict[str, int] = {}
        for rec in _records(self.sink, self.file, self.doc, "comments", COMMENT_KEYS):
            cid = rec.text("id")
            self._unique(rec, cid, seen, "点评")
            dept_id = self.dept(rec)
            span = self.anchored(rec, rec.text("start"), rec.text("end"))
            if span is None:
                continue
            self.sections.append((span, "comment", dept_id))
            leader = rec.text("leader")
            if f"晋江市领导{leader}" not in self.text_of(span):
                rec.problem(f"点评段落中没有“晋江市领导{leader}”", "检查 leader 或 start")
            row = self.dept_rows.get(dept_id or "")
            if row is not None and leader not in row["leaders"].split("、"):
                row["leaders"] = "、".join(filter(None, [row["leaders"], leader]))
            self.rows.add(
                "comments",
                comment_id=cid,
                report_id=self.report_id,
                dept_id=dept_id,
                leader=leader,
                text=self.text_of(span),
                start=span.start,
                end=span.end,
            )
            starts: list[int] = []
            cursor = span.start
            for anchor in rec.texts("points"):
                hits = self.source.occurrences(anchor, Span(cursor, span.end))
                if not hits:
                    rec.problem(
                        f"要点起始 “{anchor}” 不在点评中（或顺序不对）",
                        "按原文顺序列出每个要点的开头",
                    )
                    continue
                starts.append(hits[0].start)
                cursor = hits[0].end
            self.comment_points[cid] = len(starts)
            for no, (begin, end) in enumerate(
                zip(starts, [*starts[1:], span.end][: len(starts)], strict=True),
                start=1,
            ):
                text = self.text_of(Span(begin, end)).rstrip("；，。")
                self.rows.add(
                    "comment_points",
                    comment_id=cid,
                    point_no=no,
                    text=text,
                    start=begin,
                    end=end,
                )

    # -- figures ------------------------------------------------------------
    def figures(self) -> None:
        seen: set[str] = set()
        self.figure_rows: dict[str, dict[str, Any]] = {}
        self.classified: dict[int, str] = {}
        for rec in _records(self.sink, self.file, self.doc, "figures", FIGURE_KEYS):
            fid = rec.text("id")
            self._unique(rec, fid, seen, "数字")
            dept_id = self.dept(rec)
            value = rec.number("value")
            qualifier = rec.choice("qualifier", vocab.QUALIFIERS, "exact")
            period = rec.choice("period", vocab.PERIODS)
            kind = rec.choice("kind", vocab.KINDS)
            quote = rec.text("quote")
            span = self.find(rec, quote)
            if span is None:
                continue
            self.in_dept(rec, dept_id, span)
            mention = rec.text("mention", quote)
            mention_span = self.find(rec, mention, "mention", within=span)
            if mention_span is None:
                continue
            number_text, number_span = self._figure_number(rec, mention, mention_span, value)
            if number_span is not None:
                self._check_qualifier(rec, span, number_span, qualifier)
            elif qualifier != "exact":
                rec.problem(f"qualifier = “{qualifier}”，但汉字数字“{number_text}”前后没有约、以上或超", "改为 exact")
            if number_span is not None:
                self._classify(rec, number_span.start, f"figure {fid}")
            row = dict(
                figure_id=fid,
                report_id=self.report_id,
                dept_id=dept_id,
                measure=rec.text("measure"),
                value=value,
                unit=rec.text("unit"),
                qualifier=qualifier,
                period=period,
                kind=kind,
                quote=self.text_of(span),
                quote_start=span.start,
                quote_end=span.end,
                number_text=number_text,
                number_start=number_span.start if number_span else mention_span.start,
                number_end=number_span.end if number_span else mention_span.end,
            )
            self.figure_rows[fid] = row
            self.rows.add("figures", **row)

    def _check_qualifier(self, rec: Record, quote: Span, number: Span, qualifier: str) -> None:
        """The qualifier must be what the words around the number in the page say."""
        lo, _ = self.source.compact_range(quote)
        start, end = self.source.compact_range(number)
        text = self.text_of(quote)
        implied = implied_qualifiers(text, start - lo, end - lo)
        clause = text[max(0, start - lo - 6) : end - lo + 6]
        if len(implied) > 1:
            rec.problem(f"“…{clause}…”中数字前后同时有多个限定词（约/以上/超）", "核对原文")
        elif implied[0] != qualifier:
            rec.problem(
                f"qualifier = “{qualifier}”，但原文“…{clause}…”的措辞意味着 “{implied[0]}”",
                "约 → approx，以上 → at_least，超 → more_than，否则 exact",
            )

    def _figure_number(self, rec: Record, mention: str, span: Span, value: float) -> tuple[str, Span | None]:
        """The number the figure's value is read from (None for a Chinese numeral)."""
        numbers = self.source.numbers(span)
        if len(numbers) > 1:
            rec.problem(
                f"mention “{mention}” 含有 {len(numbers)} 个数字",
                "用 mention 指出这个数字所在的几个字",
            )
            return "", None
        if numbers:
            token = numbers[0]
            if token.value != value:
                rec.problem(
                    f"value = {value:g}，但引文中的数字是 {token.text}",
                    "value 必须与原文数字一致",
                )
            return token.text, token.span
        numerals = chinese_numerals(mention)
        if len(numerals) != 1:
            rec.problem(
                f"mention “{mention}” 中找不到唯一的数字（阿拉伯数字或一至十）",
                "用 mention 指出数字",
            )
        elif numerals[0] != value:
            rec.problem(
                f"value = {value:g}，但引文中的数字是 {numerals[0]}",
                "value 必须与原文数字一致",
            )
        return compact(mention), None

    def _classify(self, rec: Record, position: int, label: str) -> None:
        if position in self.classified:
            rec.problem(
                f"原文位置 {position} 的数字已被 {self.classified[position]} 认领",
                "同一个数字只记一次",
            )
        self.classified[position] = label

    def not_figures(self) -> None:
        found: list[dict[str, Any]] = []
        for rec in _records(self.sink, self.file, self.doc, "not_figures", {"quote", "reason"}):
            reason = rec.text("reason")
            if not reason.strip():
                rec.problem("reason 为空", "说明这个数字为何不是数据")
            span = self.find(rec, rec.text("quote"))
            if span is None:
                continue
            numbers = self.source.numbers(span)
            if not numbers:
                rec.problem("引文中没有阿拉伯数字", "not_figures 只用于解释阿拉伯数字")
            for token in numbers:
                self._classify(rec, token.span.start, f"not_figure “{rec.text('quote')}”")
                found.append(
                    dict(
                        report_id=self.report_id,
                        number_text=token.text,
                        start=token.span.start,
                        end=token.span.end,
                        status="not_figure",
                        figure_id=None,
                        reason=reason,
                    )
                )
        for fid, row in self.figure_rows.items():
            if row["number_text"] and row["number_text"][0].isdigit():
                found.append(
                    dict(
                        report_id=self.report_id,
                        number_text=row["number_text"],
                        start=row["number_start"],
                        end=row["number_end"],
                        status="figure",
                        figure_id=fid,
                        reason=None,
                    )
                )
        for row in sorted(found, key=lambda r: r["start"]):
            self.rows.add("numbers", **row)
        all_numbers = self.source.numbers()
        missing = [t for t in all_numbers if t.span.start not in self.classified]
        for token in missing:
            context = self.source.compact[
                max(0, self.source.compact_range(token.span)[0] - 8) : self.source.compact_range(token.span)[1] + 6
            ]
            self.sink.append(
                Problem(
                    self.file,
                    "coverage",
                    f"原文位置 {token.span.start} 的数字 {token.text}（…{context}…）既不是 figure 也不在 not_figures 中",
                    "加一条 [[figures]]，或在 [[not_figures]] 中说明原因",
                )
            )
        figures = sum(1 for label in self.classified.values() if label.startswith("figure"))
        self.coverage = Coverage(len(all_numbers), figures, len(self.classified) - figures)

    # -- projects -------------------------------------------------------------
    def projects(self) -> None:
        seen: set[str] = set()
        recs = _records(self.sink, self.file, self.doc, "projects", PROJECT_KEYS)
        self.project_rows: dict[str, dict[str, Any]] = {}
        self.figure_users: dict[str, list[tuple[Record, str]]] = {}  # figure -> rows taking a number from it
        parents: dict[str, tuple[Record, str]] = {}
        for rec in recs:
            pid = rec.text("id")
            self._unique(rec, pid, seen, "项目")
            dept_id = self.dept(rec)
            period = rec.choice("period", vocab.PERIODS)
            scope = rec.choice("scope", vocab.SCOPES, "department")
            type_id = rec.choice("type", self.taxonomy.types)
            stage_id = rec.choice("stage", self.taxonomy.stages)
            named = rec.data.get("named", False)
            if not isinstance(named, bool):
                rec.problem("named 应为 true 或 false")
                named = False
            span = self.find(rec, rec.text("quote"))
            self.in_dept(rec, dept_id, span)
            name = rec.text("name")
            if named and span and compact(name) not in self.text_of(span):
                rec.problem(
                    f"named = true，但名称 “{name}” 不在引文中",
                    "具名项目的名称须逐字出自原文",
                )
            figure_ids: list[str] = []
            values: dict[str, Any] = {}
            for key, units, column in (
                ("count", vocab.COUNT_UNITS, "project_count"),
                ("investment", (vocab.MONEY_UNIT,), "investment"),
                ("annual_investment", (vocab.MONEY_UNIT,), "annual_investment"),
            ):
                qualifier_column = "count_qualifier" if key == "count" else f"{key}_qualifier"
                values[column], values[qualifier_column] = None, None
                if key not in rec.data:
                    continue
                fig = self._figure_ref(rec, rec.text(key), dept_id, period)
                if fig is None:
                    continue
                if fig["unit"] not in units:
                    rec.problem(
                        f"{key} 引用的数字 {fig['figure_id']} 单位是 “{fig['unit']}”",
                        f"应为 {'/'.join(units)}",
                    )
                if key == "count":
                    self._count_kind_fits_stage(rec, fig, stage_id)
                self.figure_users.setdefault(fig["figure_id"], []).append((rec, pid))
                figure_ids.append(fig["figure_id"])
                values[column] = int(fig["value"]) if key == "count" else fig["value"]
                values[qualifier_column] = fig["qualifier"]
                if key == "investment":
                    values["investment_measure"] = fig["measure"]
            for extra in rec.texts("figures", required=False):
                if self._figure_ref(rec, extra, dept_id, None) is not None:
                    figure_ids.append(extra)
            parent = rec.data.get("parent")
            if parent is not None:
                parents[pid] = (rec, rec.text("parent"))
            row = dict(
                project_id=pid,
                report_id=self.report_id,
                dept_id=dept_id,
                name=name,
                named=named,
                parent_id=parent if isinstance(parent, str) else None,
                type_id=type_id,
                period=period,
                stage_id=stage_id,
                scope=scope,
                investment_measure=values.pop("investment_measure", None),
                **values,
                figure_ids=",".join(figure_ids),
                quote=self.text_of(span) if span else "",
                quote_start=span.start if span else None,
                quote_end=span.end if span else None,
                note=rec.text("note", ""),
            )
            self.project_rows[pid] = row
            self.rows.add("projects", **row)
        for pid, (rec, parent_id) in parents.items():
            parent = self.project_rows.get(parent_id)
            if parent is None:
                rec.problem(f"parent “{parent_id}” 不存在", "parent 须是本文件中另一个项目的 id")
                continue
            child = self.project_rows[pid]
            if (parent["dept_id"], parent["scope"]) != (
                child["dept_id"],
                child["scope"],
            ):
                rec.problem(f"parent “{parent_id}” 属于另一个部门或口径")
            ancestor, hops = parent_id, 0
            while ancestor is not None and hops <= len(self.project_rows):
                if ancestor == pid:
                    rec.problem(f"parent 链形成循环（经过 {parent_id}）")
                    break
                ancestor = self.project_rows.get(ancestor, {}).get("parent_id")
                hops += 1
        for fid, users in self.figure_users.items():
            for (_, other), (rec, pid) in itertools.combinations(users, 2):
                if pid != other and not (self.is_ancestor(pid, other) or self.is_ancestor(other, pid)):
                    rec.problem(
                        f"数字 {fid} 同时给了项目 {other} 和 {pid}，而两者不是上下级：会被重复相加",
                        "一个数字只属于一行（或一行与其下级）",
                    )

    def is_ancestor(self, ancestor: str, pid: str) -> bool:
        seen: set[str] = set()
        current = self.project_rows.get(pid, {}).get("parent_id")
        while current is not None and current not in seen:
            if current == ancestor:
                return True
            seen.add(current)
            current = self.project_rows.get(current, {}).get("parent_id")
        return False

    def _count_kind_fits_stage(self, rec: Record, fig: dict[str, Any], stage_id: str) -> None:
        """A target is never counted as existing projects, nor an estimate as either."""
        basis = self.taxonomy.stages.get(stage_id, {}).get("basis")
        allowed = {"status": {"actual", "plan", "reserve"}, "expected": {"estimate"}}.get(
            basis or "", {"target", "plan"}
        )
        if basis and fig["kind"] not in allowed:
            rec.problem(
                f"阶段 “{stage_id}” 的项目数不能取自性质为 “{fig['kind']}” 的数字 {fig['figure_id']}",
                f"该阶段可用的性质：{', '.join(sorted(allowed))}；或改阶段",
            )

    def _figure_ref(self, rec: Record, fid: str, dept_id: str | None, period: str | None) -> dict[str, Any] | None:
        fig = self.figure_rows.get(fid)
        if fig is None:
            rec.problem(f"引用的数字 “{fid}” 不存在", "先在 [[figures]] 中记录它")
            return None
        if fig["dept_id"] != dept_id:
            rec.problem(f"引用的数字 “{fid}” 属于部门 {fig['dept_id']}，不是 {dept_id}")
        if period is not None and fig["period"] != period:
            rec.problem(f"引用的数字 “{fid}” 的时期是 “{fig['period']}”，项目的时期是 “{period}”")
        return fig

    # -- lists, notes, reconciliations -----------------------------------------
    def lists(self) -> None:
        seen: set[str] = set()
        self.list_sizes: dict[str, int] = {}
        for rec in _records(self.sink, self.file, self.doc, "lists", LIST_KEYS):
            lid = rec.text("id")
            self._unique(rec, lid, seen, "列举")
            dept_id = self.dept(rec)
            kind = rec.choice("kind", vocab.LIST_KINDS)
            span = self.find(rec, rec.text("quote"))
            if span is None:
                continue
            self.in_dept(rec, dept_id, span)
            items = rec.texts("items")
            self.list_sizes[lid] = len(items)
            cursor = span.start
            for no, item in enumerate(items, start=1):
                hits = self.source.occurrences(item, Span(cursor, span.end))
                if not hits:
                    rec.problem(f"条目 “{item}” 不在引文中（或顺序不对）", "按原文顺序逐字列出")
                    continue
                cursor = hits[0].end
                self.rows.add(
                    "list_items",
                    list_id=lid,
                    item_no=no,
                    item=item,
                    start=hits[0].start,
                    end=hits[0].end,
                )
            self.rows.add(
                "lists",
                list_id=lid,
                report_id=self.report_id,
                dept_id=dept_id,
                kind=kind,
                title=rec.text("title"),
                quote=self.text_of(span),
                quote_start=span.start,
                quote_end=span.end,
            )

    def data_notes(self) -> None:
        seen: set[str] = set()
        known = set(self.figure_rows) | set(self.project_rows) | set(self.list_sizes) | set(self.comment_points)
        known |= {r.get("id") for r in self.doc.get("reconciliations", []) if isinstance(r, dict)}
        self.notes_about: dict[str, list[str]] = {}
        for rec in _records(self.sink, self.file, self.doc, "data_notes", NOTE_KEYS):
            nid = rec.text("id")
            self._unique(rec, nid, seen, "数据说明")
            dept_id = self.dept(rec, required=False)
            severity = rec.choice("severity", vocab.SEVERITIES)
            about = rec.texts("about")
            for ref in about:
                if ref not in known:
                    rec.problem(f"about 中的 “{ref}” 不是已知记录的 id")
                self.notes_about.setdefault(ref, []).append(nid)
            span = self.find(rec, rec.text("quote"))
            self.rows.add(
                "data_notes",
                note_id=nid,
                report_id=self.report_id,
                dept_id=dept_id,
                severity=severity,
                quote=self.text_of(span) if span else "",
                quote_start=span.start if span else None,
                quote_end=span.end if span else None,
                about=",".join(about),
                note=rec.text("note"),
            )

    def reconciliations(self) -> None:
        seen: set[str] = set()
        for rec in _records(self.sink, self.file, self.doc, "reconciliations", REC_KEYS):
            rid = rec.text("id")
            self._unique(rec, rid, seen, "核对")
            total = self.figure_rows.get(rec.text("total"))
            if total is None:
                rec.problem(f"total “{rec.text('total')}” 不是已知数字")
                continue
            modes = [k for k in ("parts", "list", "points", "children") if k in rec.data]
            if len(modes) != 1:
                rec.problem("须且只须给出 parts、list、points、children 中的一项")
                continue
            mode = modes[0]
            if mode == "parts":
                parts = rec.texts("parts")
                missing = [p for p in parts if p not in self.figure_rows]
                if missing:
                    rec.problem(f"parts 中的数字不存在：{', '.join(missing)}")
                    continue
                parts_value = sum(self.figure_rows[p]["value"] for p in parts)
                self._parts_sit_under_total(rec, total["figure_id"], parts)
            else:
                ref = rec.text(mode)
                parts = [ref]
                sizes = {
                    "list": self.list_sizes,
                    "points": self.comment_points,
                    "children": {
                        pid: sum(1 for r in self.project_rows.values() if r["parent_id"] == pid)
                        for pid in self.project_rows
                    },
                }[mode]
                if ref not in sizes:
                    rec.problem(f"{mode} “{ref}” 不存在")
                    continue
                parts_value = float(sizes[ref])
            matches = abs(parts_value - total["value"]) < 1e-9
            note_ids = self.notes_about.get(rid, [])
            if not matches and not note_ids:
                rec.problem(
                    f"{total['figure_id']} = {total['value']:g}，但各部分合计为 {parts_value:g}",
                    "原文若确有出入，加一条 [[data_notes]] 并在 about 中写上这条核对的 id；不得改数字",
                )
            self.rows.add(
                "reconciliations",
                rec_id=rid,
                report_id=self.report_id,
                total_figure_id=total["figure_id"],
                total_value=total["value"],
                parts_kind=mode,
                parts=",".join(parts),
                parts_value=parts_value,
                matches=matches,
                note_ids=",".join(note_ids),
            )

    def _parts_sit_under_total(self, rec: Record, total: str, parts: list[str]) -> None:
        """Rows counted from the parts must be below the row counted from the total,
        or a total over the rows would add the whole and its parts."""
        owners = [pid for _, pid in self.figure_users.get(total, [])]
        for part in parts:
            for _, pid in self.figure_users.get(part, []):
                if owners and not any(self.is_ancestor(owner, pid) for owner in owners):
                    rec.problem(
                        f"{part} 是 {total} 的组成部分，但项目 {pid} 不在 {', '.join(owners)} 之下",
                        f"给 {pid} 加 parent",
                    )

    # -- every character of the page belongs to exactly one section ------------
    def check_sections(self) -> None:
        spans = sorted(self.sections, key=lambda s: s[0].start)
        cursor = 0
        for span, role, dept_id in spans:
            if span.start < cursor:
                self.sink.append(
                    Problem(
                        self.file,
                        "sections",
                        f"{role} {dept_id or ''} 与前一段重叠（原文位置 {span.start}）",
                    )
                )
            gap = self.source.raw[cursor : span.start]
            if gap.strip():
                self._gap_problem(cursor, gap)
            cursor = max(cursor, span.end)
        tail = self.source.raw[cursor:]
        if tail.strip():
            self._gap_problem(cursor, tail)
        for no, (span, role, dept_id) in enumerate(spans, start=1):
            self.rows.add(
                "sections",
                report_id=self.report_id,
                section_no=no,
                role=role,
                dept_id=dept_id,
                start=span.start,
                end=span.end,
                text=self.source.slice(span),
            )

    def _gap_problem(self, offset: int, gap: str) -> None:
        self.sink.append(
            Problem(
                self.file,
                "sections",
                f"原文位置 {offset} 起的文字不属于任何段落：“{compact(gap)[:40]}”",
                "调整部门的 body、点评的 start/end，或 report 的 intro/page_labels",
            )
        )


REPORT_KEYS = {
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
DEPARTMENT_KEYS = {"id", "name", "short_name", "name_en", "label", "headline", "body"}
COMMENT_KEYS = {"id", "dept", "leader", "start", "end", "points"}
FIGURE_KEYS = {
    "id",
    "dept",
    "measure",
    "quote",
    "mention",
    "value",
    "unit",
    "qualifier",
    "period",
    "kind",
}
PROJECT_KEYS = {
    "id",
    "dept",
    "name",
    "named",
    "parent",
    "type",
    "scope",
    "period",
    "stage",
    "count",
    "investment",
    "annual_investment",
    "quote",
    "figures",
    "note",
}
LIST_KEYS = {"id", "dept", "kind", "title", "quote", "items"}
NOTE_KEYS = {"id", "dept", "severity", "quote", "about", "note"}
REC_KEYS = {"id", "total", "parts", "list", "points", "children"}


# --------------------------------------------------------------------------
# Entry points


def build_tables(data_dir: Path = DEFAULT_DATA_DIR) -> BuildResult:
    """Check every annotation against its raw text and return the tables.

    Raises BuildError listing every problem; nothing is written here.
    """
    sink: list[Problem] = []
    taxonomy = read_taxonomy(data_dir / TAXONOMY_FILE, sink)
    rows = Rows()
    for type_id, info in taxonomy.types.items():
        rows.add("project_types", type_id=type_id, **info)
    for stage_id, info in taxonomy.stages.items():
        rows.add("stages", stage_id=stage_id, **info)
    annotation_files = sorted((data_dir / "annotations").glob("*.toml"))
    if not annotation_files:
        sink.append(Problem(str(data_dir / "annotations"), "目录", "没有任何 .toml 标注文件"))
    coverage = Coverage(0, 0, 0)
    global_ids: dict[str, set[str]] = {}
    for path in annotation_files:
        builder = ReportBuilder(path, data_dir, taxonomy, rows, sink, global_ids)
        builder.run()
        c = builder.coverage
        coverage = Coverage(
            coverage.numbers + c.numbers,
            coverage.as_figures + c.as_figures,
            coverage.not_figures + c.not_figures,
        )
    if sink:
        raise BuildError(sink, coverage)
    tables = {name: _to_table(name, rows.by_table[name]) for name in SCHEMAS}
    return BuildResult(tables, coverage)


def _to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    arrays = []
    for f in schema:
        if pa.types.is_dictionary(f.type):
            arrays.append(pa.array(columns[f.name], type=pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(columns[f.name], type=f.type))
    table = pa.Table.from_arrays(arrays, schema=schema)
    return table.replace_schema_metadata({META_VERSION: str(SCHEMA_VERSION).encode(), META_TABLE: name.encode()})


def write_tables(
    tables: dict[str, pa.Table],
    data_dir: Path = DEFAULT_DATA_DIR,
    allow_shrink: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
) -> Manifest:
    """Write every table and the manifest so that a reader never mixes two builds.

    Refuses (``ShrinkError``, nothing written) when a table would have fewer
    rows than the data already there, unless ``allow_shrink``. The tables go
    to a staging folder first, then each is moved in place; the manifest is
    moved in last, and loading checks every table against it (and retries
    while an update is under way). The build time is kept when no table
    changed, so a rebuild of the same annotations is byte-identical.
    """
    files = {name: _parquet_bytes(table) for name, table in tables.items()}
    rows = {name: table.num_rows for name, table in tables.items()}
    previous = _previous_manifest(data_dir)
    before = previous_rows(data_dir, previous)
    shrunk = [(name, before[name], rows[name]) for name in rows if name in before and rows[name] < before[name]]
    if shrunk and not allow_shrink:
        raise ShrinkError(shrunk)
    manifest = manifest_for(files, rows, now().isoformat(timespec="seconds"))
    if previous is not None and previous.same_tables(manifest):
        manifest = replace(manifest, built_at=previous.built_at)
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=data_dir))
    try:
        for name, data in files.items():
            _write_synced(staging / f"{name}.parquet", data)
        _write_synced(staging / MANIFEST_FILE, manifest.to_json().encode("utf-8"))
        for name in files:
            os.replace(staging / f"{name}.parquet", data_dir / f"{name}.parquet")
        os.replace(staging / MANIFEST_FILE, data_dir / MANIFEST_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _previous_manifest(data_dir: Path) -> Manifest | None:
    try:
        return read_manifest(data_dir, MANIFEST_FILE)
    except DataFileError:
        return None


def previous_rows(data_dir: Path, manifest: Manifest | None) -> dict[str, int]:
    """Row counts of the data already in ``data_dir``: from its manifest, else from the parquet files."""
    if manifest is not None:
        return {name: entry.rows for name, entry in manifest.tables.items()}
    counts = {}
    for path in data_dir.glob("*.parquet"):
        try:
            counts[path.stem] = pq.read_metadata(path).num_rows
        except (pa.ArrowException, OSError):
            continue  # unreadable: nothing to compare with
    return counts


def build(data_dir: Path = DEFAULT_DATA_DIR, allow_shrink: bool = False) -> BuildResult:
    result = build_tables(data_dir)
    result.manifest = write_tables(result.tables, data_dir, allow_shrink)
    return result
