"""The build manifest, refusals that protect the data, and updates a reader never sees half-done (issue 7, item 2)."""

import importlib
import json
import random
import shutil
import threading
from datetime import datetime, timedelta, timezone

import pyarrow.parquet as pq
import pytest

import jjdata
import jjdata.load
from jjdata.__main__ import main
from jjdata.build import write_tables
from jjdata.manifest import MANIFEST_FILE, digest

from .conftest import DATA
from .test_errors import ANNOTATION, assert_build_refuses, edit_annotation

CHINA = timezone(timedelta(hours=8))
BUILD_MODULE = importlib.import_module("jjdata.build")  # `jjdata.build` is also the name of the build function


def parquet_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}


# -- refusing annotation files that would wipe the data ---------------------


@pytest.mark.parametrize("content", ["", "# 只有注释\n# 没有任何表\n"])
def test_an_empty_or_comment_only_annotation_file_is_refused(data_copy, content):
    (data_copy / ANNOTATION).write_text(content, encoding="utf-8")
    assert_build_refuses(data_copy, "缺少 [report] 与 [[departments]]", "从版本库恢复")


def test_an_annotation_file_cut_at_a_record_boundary_is_refused(data_copy):
    path = data_copy / ANNOTATION
    text = path.read_text(encoding="utf-8")
    half = text.index("\n[[", len(text) // 2)  # a clean cut just before a record
    path.write_text(text[:half] + "\n", encoding="utf-8")
    before = parquet_bytes(data_copy)
    with pytest.raises(jjdata.JJDataError):
        jjdata.build(data_copy)
    assert parquet_bytes(data_copy) == before


def drop_record(data_dir, header, record_id):
    """Remove one [[header]] record (by its id) from the annotation file."""
    path = data_dir / ANNOTATION
    text = path.read_text(encoding="utf-8")
    start = text.index(f'{header}\nid = "{record_id}"')
    end = text.index("\n[[", start + 1)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")


def notes_now(data_dir):
    return len(jjdata.load_tables(data_dir).data_notes)


def test_a_build_with_fewer_rows_is_refused_and_names_the_tables(data_copy):
    notes = notes_now(data_copy)
    drop_record(data_copy, "[[data_notes]]", "dn-sw-since")  # its sentence stays covered by the figures
    before = parquet_bytes(data_copy)
    with pytest.raises(jjdata.ShrinkError) as err:
        jjdata.build(data_copy)
    message = str(err.value)
    assert f"data_notes：{notes} → {notes - 1} 行（少 1 行）" in message
    assert "--allow-shrink" in message and "现有 parquet 文件保持不变" in message
    assert "projects" not in message  # only the table that shrank is named
    assert parquet_bytes(data_copy) == before
    assert not list(data_copy.glob(".build-*"))


def test_allow_shrink_builds_the_smaller_data_set(data_copy, capsys):
    notes = notes_now(data_copy)
    drop_record(data_copy, "[[data_notes]]", "dn-sw-since")
    assert main(["build", "--data-dir", str(data_copy)]) == 1
    assert f"data_notes：{notes} → {notes - 1} 行" in capsys.readouterr().err
    assert main(["build", "--allow-shrink", "--data-dir", str(data_copy)]) == 0
    assert notes_now(data_copy) == notes - 1
    manifest = json.loads((data_copy / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["tables"]["data_notes"]["rows"] == notes - 1


# -- the manifest -------------------------------------------------------------


def test_the_committed_manifest_matches_every_committed_table():
    manifest = json.loads((DATA / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(jjdata.TABLE_NAMES)
    for name, entry in manifest["tables"].items():
        data = (DATA / f"{name}.parquet").read_bytes()
        assert entry["sha256"] == digest(data) and entry["size"] == len(data), name
        assert entry["rows"] == pq.read_metadata(DATA / f"{name}.parquet").num_rows, name
    assert manifest["tables"]["projects"]["rows"] == 58 and manifest["tables"]["figures"]["rows"] == 78
    datetime.fromisoformat(manifest["built_at"])  # a real timestamp, with its offset


def test_the_build_time_changes_only_when_the_tables_do(tmp_path):
    tables = jjdata.build_tables(DATA).tables
    first = write_tables(tables, tmp_path, now=lambda: datetime(2026, 11, 20, 9, 30, tzinfo=CHINA))
    again = write_tables(tables, tmp_path, now=lambda: datetime(2026, 11, 27, 15, 0, tzinfo=CHINA))
    assert first.built_at == again.built_at == "2026-11-20T09:30:00+08:00"  # same tables: a byte-identical rebuild
    changed = dict(tables, stages=tables["stages"].slice(0, 3))
    later = write_tables(changed, tmp_path, allow_shrink=True, now=lambda: datetime(2026, 11, 27, 15, 0, tzinfo=CHINA))
    assert later.built_at == "2026-11-27T15:00:00+08:00"


def test_loaded_tables_carry_their_build_time(tables):
    committed = json.loads((DATA / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert tables.manifest.built_at == committed["built_at"]


def test_every_flipped_bit_is_caught_at_load(data_copy, monkeypatch):
    """The probe found 82 of 180 single-bit flips loading with other values (a count 44 → 54)."""
    monkeypatch.setattr(jjdata.load, "_RETRY_PAUSES", ())  # a damaged file stays damaged: no need to wait
    path = data_copy / "projects.parquet"
    original = path.read_bytes()
    rng = random.Random(7)
    for _ in range(60):
        position = rng.randrange(4, len(original) - 4)  # inside the file, past the magic bytes
        flipped = bytearray(original)
        flipped[position] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
        with pytest.raises(jjdata.DataFileError):
            jjdata.load_tables(data_copy)
    path.write_bytes(original)
    assert len(jjdata.load_tables(data_copy).projects) == 58


def test_a_table_from_another_build_is_refused(data_copy, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    edit_annotation(other, 'measure = "新改建公路里程"', 'measure = "新改建公路里程（公里）"')
    jjdata.build(other)
    shutil.copy(other / "figures.parquet", data_copy / "figures.parquet")
    with pytest.raises(jjdata.CorruptTableError) as err:
        jjdata.load_tables(data_copy)
    assert "figures.parquet" in str(err.value) and "来自另一次生成" in str(err.value)
    assert "python -m jjdata build" in str(err.value)


def test_a_missing_manifest_is_named(data_copy):
    (data_copy / MANIFEST_FILE).unlink()
    with pytest.raises(jjdata.MissingTableError, match=r"manifest\.json: 文件不存在"):
        jjdata.load_tables(data_copy)


def test_a_damaged_manifest_is_named(data_copy):
    (data_copy / MANIFEST_FILE).write_text('{"tables": 3', encoding="utf-8")
    with pytest.raises(jjdata.CorruptTableError, match=r"manifest\.json: 内容无法解析"):
        jjdata.load_tables(data_copy)


def test_check_verifies_the_manifest(data_copy, capsys):
    assert main(["check", "--data-dir", str(data_copy)]) == 0
    assert f"{len(jjdata.TABLE_NAMES)} 张表与 manifest.json 相符" in capsys.readouterr().out
    manifest = json.loads((data_copy / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["tables"]["projects"]["sha256"] = "0" * 64
    (data_copy / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["check", "--data-dir", str(data_copy)]) == 1
    assert "projects.parquet: 内容与 manifest.json 记录的校验和不符" in capsys.readouterr().err


def test_a_table_renamed_to_another_is_named_plainly(data_copy):
    shutil.copy(data_copy / "stages.parquet", data_copy / "figures.parquet")
    with pytest.raises(jjdata.SchemaMismatchError) as err:
        jjdata.load_tables(data_copy)
    assert "这是“stages”表的文件，不是“figures”表" in str(err.value)
    assert "版本为" not in str(err.value)


# -- an update while the app reads --------------------------------------------


def test_a_reader_during_an_update_gets_one_build_never_a_mix(data_copy, monkeypatch):
    """A load that starts between the table moves and the manifest move reads again, and gets the new build."""
    edit_annotation(data_copy, 'measure = "新改建公路里程"', 'measure = "新改建公路里程（公里）"')
    new_build = jjdata.build_tables(data_copy).tables
    attempts = []
    first_attempt_done = threading.Event()
    real_read_once = jjdata.load._read_once

    def counting_read_once(folder):
        try:
            result = real_read_once(folder)
            attempts.append("ok")
            return result
        except Exception as exc:
            attempts.append(type(exc).__name__)
            raise
        finally:
            first_attempt_done.set()

    monkeypatch.setattr(jjdata.load, "_read_once", counting_read_once)
    loaded = {}
    reader = threading.Thread(target=lambda: loaded.setdefault("tables", jjdata.load_tables(data_copy)))
    real_replace = BUILD_MODULE.os.replace

    def replace_with_a_reader_in_the_middle(source, target):
        if str(target).endswith(MANIFEST_FILE):  # every table moved, the manifest not yet
            reader.start()
            assert first_attempt_done.wait(10)
        real_replace(source, target)

    monkeypatch.setattr(BUILD_MODULE.os, "replace", replace_with_a_reader_in_the_middle)
    write_tables(new_build, data_copy)
    reader.join(10)
    assert attempts[0] == "_MixedBuild" and attempts[-1] == "ok"
    measures = set(loaded["tables"].figures["measure"])
    assert "新改建公路里程（公里）" in measures and "新改建公路里程" not in measures
