"""Parquet table schemas. Bump SCHEMA_VERSION whenever a schema changes."""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 8
META_VERSION = b"jjdata.schema_version"
META_TABLE = b"jjdata.table"

_str = pa.string()
_cat = pa.dictionary(pa.int32(), pa.string())
_int = pa.int64()
_float = pa.float64()


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


SCHEMAS: dict[str, pa.Schema] = {
    "reports": _schema(
        ("report_id", _str),
        ("title", _str),
        ("source_file", _str),
        ("annotation_file", _str),
        ("sha256", _str),
        ("day_of_month", _int),
        ("month", _int),
        ("year", _int),
        ("date_quote", _str),
        ("date_start", _int),
        ("date_end", _int),
        ("date_note", _str),
        ("raw_text", _str),
    ),
    "departments": _schema(
        ("dept_id", _str),
        ("report_id", _str),
        ("page_order", _int),
        ("name", _str),
        ("short_name", _str),
        ("name_en", _str),
        ("headline", _str),
        ("headline_start", _int),
        ("headline_end", _int),
        ("leaders", _str),
        ("aliases", _str),  # other names the text uses for the unit, comma-separated
        ("body_start", _int),
        ("body_end", _int),
    ),
    "sections": _schema(
        ("report_id", _str),
        ("section_no", _int),
        ("role", _cat),
        ("dept_id", _cat),
        ("start", _int),
        ("end", _int),
        ("text", _str),
    ),
    "figures": _schema(
        ("figure_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("measure", _str),
        ("value", _float),
        ("unit", _str),
        ("qualifier", _cat),
        ("period", _cat),
        ("kind", _cat),
        ("estimate_word", _str),  # kind estimate: the word the text uses, 估算 or 预计
        ("quote", _str),
        ("quote_start", _int),
        ("quote_end", _int),
        ("number_text", _str),
        ("number_start", _int),
        ("number_end", _int),
    ),
    "projects": _schema(
        ("project_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("name", _str),
        ("named", pa.bool_()),
        ("parent_id", _str),
        ("type_id", _cat),
        ("period", _cat),
        ("stage_id", _cat),
        ("scope", _cat),
        ("granularity", _cat),  # single: one project; group: several (project_count of them, when the text says)
        ("scope_read", pa.bool_()),  # city-wide by a reading the text does not state (a data note says why)
        ("period_read", pa.bool_()),  # the period is read from the context, not printed
        ("listed_as", _str),  # a row beside a group: the report's noun for it (规划内容)
        ("project_count", _int),
        ("count_unit", _str),  # as printed: 个 or 项
        ("count_word", _str),  # what the count counts: 项目, 项目包, 子项目
        ("count_qualifier", _cat),
        ("count_estimate", _str),  # 估算 or 预计 when the number is an estimate; empty otherwise
        ("investment", _float),
        ("investment_qualifier", _cat),
        ("investment_estimate", _str),
        ("investment_measure", _str),
        ("investment_word", _str),  # the report's word: 总投资, 完成投资, 计划总投资, 估算总投资
        ("annual_investment", _float),
        ("annual_investment_qualifier", _cat),
        ("annual_investment_estimate", _str),
        ("annual_investment_word", _str),  # 年度计划投资
        ("count_figure_id", _str),  # the figure each number comes from
        ("investment_figure_id", _str),
        ("annual_investment_figure_id", _str),
        ("beside_id", _str),  # a counted group this named row is listed beside; the text does not say if it is in it
        ("figure_ids", _str),
        ("quote", _str),
        ("quote_start", _int),
        ("quote_end", _int),
        ("note", _str),
        ("planned_year", _int),  # a deadline the text sets (计划2022年投产): an attribute, never summed
        ("planned_year_quote", _str),
        ("planned_year_words", _str),  # as the text says it: 计划2022年投产
        ("planned_year_start", _int),  # offsets of the year itself
        ("planned_year_end", _int),
    ),
    "headlines": _schema(
        ("headline_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("display_order", _int),
        ("title", _str),
        ("primary", pa.bool_()),  # one of the few city-wide cards a first screen shows (the rest: each unit's)
        ("scope", _cat),
        ("period", _cat),
        ("basis", _str),  # of the project rows counted from these figures; empty: no project row (财政收支)
        ("figure_ids", _str),  # in display order, comma-separated
        ("quote", _str),  # the one sentence the figures come from
        ("quote_start", _int),
        ("quote_end", _int),
    ),
    "project_types": _schema(
        ("type_id", _str),
        ("level1_id", _str),
        ("level1_zh", _str),
        ("level1_en", _str),
        ("level2_zh", _str),
        ("level2_en", _str),
    ),
    "bases": _schema(
        ("basis_id", _str),
        ("zh", _str),
        ("en", _str),
        ("group", _str),  # projects, pipeline, generated, unphased, target, expected
        ("explanation", _str),  # plain words for city staff
        ("display_order", _int),
    ),
    "stages": _schema(
        ("stage_id", _str),
        ("zh", _str),
        ("en", _str),
        ("basis", _str),
        ("basis_reason", _str),  # why this stage counts in that basis
    ),
    "comments": _schema(
        ("comment_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("leader", _str),
        ("text", _str),
        ("start", _int),
        ("end", _int),
    ),
    "comment_points": _schema(
        ("comment_id", _str),
        ("point_no", _int),
        ("text", _str),
        ("start", _int),
        ("end", _int),
    ),
    "lists": _schema(
        ("list_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("kind", _cat),
        ("title", _str),
        ("quote", _str),
        ("quote_start", _int),
        ("quote_end", _int),
    ),
    "list_items": _schema(
        ("list_id", _str),
        ("item_no", _int),
        ("item", _str),
        ("start", _int),
        ("end", _int),
    ),
    "events": _schema(
        ("event_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),  # empty for the intro's
        ("when", _str),  # the words that date it, as printed: 今年上半年, 2016年以来
        ("when_start", _int),
        ("when_end", _int),
        ("quote", _str),
        ("quote_start", _int),
        ("quote_end", _int),
    ),
    "reconciliations": _schema(
        ("rec_id", _str),
        ("report_id", _str),
        ("total_figure_id", _str),
        ("total_value", _float),
        ("parts_kind", _str),
        ("parts", _str),
        ("parts_value", _float),
        ("matches", pa.bool_()),
        ("note_ids", _str),
    ),
    "data_notes": _schema(
        ("note_id", _str),
        ("report_id", _str),
        ("dept_id", _cat),
        ("severity", _cat),
        ("quote", _str),
        ("quote_start", _int),
        ("quote_end", _int),
        ("about", _str),
        ("note", _str),
    ),
    "sentences": _schema(
        ("report_id", _str),
        ("sentence_no", _int),  # in text order, per report
        ("role", _cat),  # intro, body, comment
        ("dept_id", _cat),
        ("start", _int),
        ("end", _int),
        ("text", _str),
        ("covered_by", _str),  # "kind:id" of each record whose quote overlaps the sentence, comma-separated
        ("narrative_reason", _str),  # why no record holds it (only when covered_by is empty)
    ),
    "numbers": _schema(
        ("report_id", _str),
        ("number_text", _str),
        ("start", _int),
        ("end", _int),
        ("status", _cat),
        ("figure_id", _str),
        ("reason", _str),
    ),
}

TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)
