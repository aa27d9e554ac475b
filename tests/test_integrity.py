"""Cross-table checks at load: a data set that is consistent on disk but makes no sense
stops with a clear message (issue 7, item 7)."""

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from streamlit.testing.v1 import AppTest

import jjdata
from jjdata.build import write_tables
from jjdata.load import read_table

from .conftest import ROOT


def rewrite(data_dir, name, change):
    """Replace one table by ``change(table)`` and write a matching manifest, as a (wrong) build would."""
    tables = {n: read_table(data_dir / f"{n}.parquet", n) for n in jjdata.TABLE_NAMES}
    tables[name] = change(tables[name]).replace_schema_metadata(tables[name].schema.metadata)
    write_tables(tables, data_dir, allow_shrink=True)


def set_column(table, column, index, value):
    values = table.column(column).to_pylist()
    values[index] = value
    field = table.schema.field(column)
    array = pa.array(values, type=pa.string()).dictionary_encode() if pa.types.is_dictionary(field.type) else None
    array = array if array is not None else pa.array(values, type=field.type)
    return table.set_column(table.schema.get_field_index(column), field, array)


def row_of(table, column, value):
    return table.column(column).to_pylist().index(value)


def load_problem(data_dir):
    with pytest.raises(jjdata.DataIntegrityError) as err:
        jjdata.load_tables(data_dir)
    message = str(err.value)
    assert "数据表之间对不上" in message and "python -m jjdata build" in message
    return message


def test_an_unknown_unit_id_is_refused(data_copy):
    rewrite(data_copy, "projects", lambda t: set_column(t, "dept_id", row_of(t, "project_id", "jt-14"), "jx"))
    assert "projects 表有 1 行的 dept_id 缺失或不是已知值" in load_problem(data_copy)


def test_a_negative_investment_is_refused(data_copy):
    rewrite(data_copy, "projects", lambda t: set_column(t, "investment", row_of(t, "project_id", "jt-14"), -405.0))
    assert "projects 表的 investment 有 1 个负数或非数值" in load_problem(data_copy)


def test_a_missing_figure_value_is_refused(data_copy):
    rewrite(data_copy, "figures", lambda t: set_column(t, "value", 0, float("nan")))
    assert "figures 表的 value 有 1 个负数或非数值" in load_problem(data_copy)


def test_an_offset_outside_the_text_is_refused(data_copy):
    rewrite(data_copy, "figures", lambda t: set_column(t, "quote_end", 3, 10_000_000))
    assert "figures 表有 1 行的位置（quote_start–quote_end）超出原文" in load_problem(data_copy)


def test_an_empty_key_table_is_refused(data_copy):
    rewrite(data_copy, "projects", lambda t: t.slice(0, 0))
    assert "projects 表是空的" in load_problem(data_copy)


def test_a_parent_that_does_not_exist_is_refused(data_copy):
    rewrite(data_copy, "projects", lambda t: t.filter(pc.invert(pc.equal(t.column("project_id"), "jt-14"))))
    message = load_problem(data_copy)
    assert "projects 表的 parent_id 不在 projects 表中：jt-14" in message


def test_the_app_says_what_is_wrong_instead_of_crashing(data_copy, monkeypatch):
    rewrite(data_copy, "projects", lambda t: set_column(t, "investment", 0, -1.0))
    monkeypatch.setenv("JJDATA_DATA_DIR", str(data_copy))
    monkeypatch.delenv("JJ_PASSWORD", raising=False)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert "负数或非数值" in at.error[0].value and "python -m jjdata build" in at.error[0].value
