"""The built tables against the raw text: quotes, values, coverage, totals."""

import re
import subprocess
import sys

import pandas as pd

import jjdata
from jjdata.build import write_tables
from jjdata.load import stale_tables
from jjdata.text import compact

from .conftest import DATA, ROOT

QUOTED = {
    "figures": ("quote", "quote_start", "quote_end"),
    "projects": ("quote", "quote_start", "quote_end"),
    "lists": ("quote", "quote_start", "quote_end"),
    "data_notes": ("quote", "quote_start", "quote_end"),
    "comments": ("text", "start", "end"),
    "comment_points": ("text", "start", "end"),
    "list_items": ("item", "start", "end"),
}


def test_every_quote_is_found_where_its_offsets_point(tables, raw):
    checked = 0
    for name, (text_col, start_col, end_col) in QUOTED.items():
        for row in tables.table(name).itertuples():
            quote, start, end = getattr(row, text_col), getattr(row, start_col), getattr(row, end_col)
            assert compact(raw[start:end]).startswith(compact(quote)), (name, quote)
            assert raw.count(compact(quote)) <= 1 or name in ("list_items", "comment_points")
            checked += 1
    assert checked > 250


def test_every_figure_value_is_in_its_quote_with_the_implied_qualifier(tables, raw):
    compact_raw = compact(raw)
    for fig in tables.figures.itertuples():
        quote_compact = compact(raw[fig.quote_start : fig.quote_end])
        assert quote_compact == fig.quote
        number_raw = raw[fig.number_start : fig.number_end]
        assert fig.quote_start <= fig.number_start < fig.number_end <= fig.quote_end, fig.figure_id
        if fig.number_text[0].isdigit():
            assert compact(number_raw) == fig.number_text
            assert float(fig.number_text) == fig.value, fig.figure_id
            # Look at the words right around the number in the page itself.
            pos = len(compact(raw[: fig.number_start]))
            before = compact_raw[max(0, pos - 2) : pos]
            after = compact_raw[pos + len(fig.number_text) : pos + len(fig.number_text) + 4]
            implied = (
                "approx"
                if before.endswith("约") and before != "签约"
                else "more_than"
                if before.endswith("超")
                else "at_least"
                if "以上" in after
                else "exact"
            )
            assert fig.qualifier == implied, fig.figure_id
        else:
            assert fig.qualifier == "exact"


def test_hand_checked_figures(tables):
    figures = tables.figures.set_index("figure_id")
    expected = {
        # id: (value, unit, qualifier, period, kind)
        "jt-13-investment": (137.8, "亿元", "approx", "十三五", "actual"),
        "jt-13-road-km": (150, "公里", "approx", "十三五", "actual"),
        "jt-14-investment": (405, "亿元", "approx", "十四五", "reserve"),
        "sl-investment": (101.78, "亿元", "exact", "2021", "plan"),
        "sl-annual": (11.41, "亿元", "exact", "2021", "plan"),
        "sl-future-investment": (19.3, "亿元", "exact", "", "estimate"),
        "fg-key-investment": (4244.2, "亿元", "exact", "2021", "plan"),
        "fg-reserve-investment": (2152.9, "亿元", "exact", "十四五", "reserve"),
        "fg-h2-start": (33, "个", "exact", "2021H2", "target"),
        "cz-total-revenue": (1092.56, "亿元", "exact", "十三五", "actual"),
        "cz-spending-growth": (34.33, "%", "exact", "十三五", "actual"),
        "cz-welfare-share": (75, "%", "at_least", "十三五", "actual"),
        "sw-sign-target": (100, "个", "at_least", "2021", "target"),
        "sw-signed-investment": (500, "亿元", "more_than", "2021", "plan"),
        "gx-batch1-count": (375, "项", "exact", "2021", "reserve"),
        "gx-batch2-annual": (6, "亿元", "at_least", "2021", "estimate"),
        "bdt-h1-signed-investment": (71, "亿元", "exact", "2021H1", "plan"),
        "bdt-hiring": (2000, "人", "exact", "2021", "target"),
        "zj-construction-count": (2, "个", "exact", "2021", "actual"),
    }
    for fid, (value, unit, qualifier, period, kind) in expected.items():
        row = figures.loc[fid]
        assert (row["value"], row["unit"], row["qualifier"], row["period"], row["kind"]) == (
            value,
            unit,
            qualifier,
            period,
            kind,
        ), fid


def test_every_arabic_number_is_a_figure_or_explained(tables, raw):
    positions = [m.start() for m in re.finditer(r"\d+(?:\.\d+)?", compact(raw))]
    assert len(positions) == 77
    numbers = tables.numbers
    assert len(numbers) == 77
    assert numbers["start"].is_unique
    assert (numbers["status"] == "figure").sum() == 59
    explained = numbers[numbers["status"] == "not_figure"]
    assert explained["reason"].str.len().min() > 5
    # the headline repeats 商务局's target; the date, the name 5+1 and the planned year 2022 are no figures
    assert set(explained["number_text"]) >= {"16", "2021", "5", "1", "4341", "2016", "100", "2022"}


def test_check_command_reports_full_coverage():
    done = subprocess.run(
        [sys.executable, "-m", "jjdata", "check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "数字覆盖率：100.0%（原文阿拉伯数字 77 个：记为数据 59 个，注明非数据 18 个，未说明 0 个）" in done.stdout
    assert "句子覆盖率：100.0%（句子 113 个：由记录引用 104 个，注明为叙述 9 个，未说明 0 个）" in done.stdout
    assert (
        "句子所依据的记录（每句只算一次）：有数字 40 个，没有数字、有项目 3 个，"
        "没有数字和项目、有写明时间的事 2 个，只有列举条目 59 个，叙述 9 个"
    ) in done.stdout


def test_stated_totals_reconcile_with_their_parts(tables):
    value = tables.figures.set_index("figure_id")["value"]
    # 交通局 十四五: 道路 24 + 轨道 1 + 物流 13 = 38
    assert value["jt-14-road"] + value["jt-14-rail"] + value["jt-14-logistics"] == value["jt-14-count"] == 38
    # 水利局 2021: 前期 18 + 在建 10 (项目包) + 可竣工 4 = 32
    assert value["sl-preliminary"] + value["sl-building-packages"] + value["sl-completing"] == value["sl-count"] == 32
    # 住建局 老旧小区: 青阳 19 + 梅岭 20 + 安海 5 = 44
    assert value["zj-oldcomm-qingyang"] + value["zj-oldcomm-meiling"] + value["zj-oldcomm-anhai"] == 44
    recs = tables.reconciliations.set_index("rec_id")
    assert len(recs) == 19
    mismatches = recs[~recs["matches"].astype(bool)]
    # the only mismatch in the source: “6个方面” with five named
    assert list(mismatches.index) == ["rec-sl-future-aspects"]
    assert mismatches.loc["rec-sl-future-aspects", "parts_value"] == 5
    assert mismatches.loc["rec-sl-future-aspects", "note_ids"] == "dn-sl-six-aspects"


def test_data_notes_record_the_source_problems(tables):
    notes = tables.data_notes.set_index("note_id")
    assert notes.loc["dn-sl-six-aspects", "severity"] == "error"
    assert "6个方面" in notes.loc["dn-sl-six-aspects", "quote"]
    assert notes.loc["dn-fg-74-period", "severity"] == "ambiguity"


def test_committed_parquet_equals_a_fresh_build():
    fresh = jjdata.build_tables(DATA)
    assert stale_tables(fresh.tables, DATA) == []


def test_build_is_deterministic_to_the_byte(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for target in (first, second):
        write_tables(jjdata.build_tables(DATA).tables, target)
    for path in sorted(first.glob("*.parquet")):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
        assert path.read_bytes() == (DATA / path.name).read_bytes(), path.name


def test_sections_cover_the_whole_page_once(tables, raw):
    sections = tables.sections.sort_values("start")
    covered = "".join(compact(text) for text in sections["text"])
    assert covered == compact(raw)
    assert (sections["start"].iloc[1:].to_numpy() >= sections["end"].iloc[:-1].to_numpy()).all()
    assert pd.Series(sections["role"]).value_counts()["masthead"] == 10
