"""Command line: python -m jjdata build | check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build, build_tables
from .coverage import Coverage, SentenceCoverage
from .errors import BuildError, JJDataError
from .load import load_tables, stale_tables
from .paths import DEFAULT_DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjdata", description="晋江重点项目数据：生成与核对")
    parser.add_argument(
        "command",
        choices=["build", "check"],
        help="build 生成 parquet；check 核对标注与已提交的数据",
    )
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="数据目录（默认 data/）")
    parser.add_argument(
        "--allow-shrink",
        action="store_true",
        help="build：允许某张表的行数比现有数据少（确认是有意删减标注时才用）",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            result = build(args.data_dir, allow_shrink=args.allow_shrink)
            print(f"已生成 {len(result.tables)} 张表到 {args.data_dir}（生成时间 {result.manifest.built_at}）")
        else:
            result = build_tables(args.data_dir)
            stale = stale_tables(result.tables, args.data_dir)
            if stale:
                for line in stale:
                    print(f"- {line}", file=sys.stderr)
                print(
                    "已提交的 parquet 与标注不一致。请运行：python -m jjdata build",
                    file=sys.stderr,
                )
                _print_coverage(result.coverage, result.sentence_coverage)
                return 1
            tables = load_tables(args.data_dir)  # the app's own load: manifest checksums and cross-table checks
            print(
                f"标注与原文核对通过，parquet 与标注一致，{len(tables.manifest.tables)} 张表与 manifest.json 相符"
                f"（生成时间 {tables.manifest.built_at}）"
            )
    except BuildError as exc:
        print(exc, file=sys.stderr, flush=True)
        if exc.coverage is not None:
            _print_coverage(exc.coverage, exc.sentence_coverage)
        return 1
    except JJDataError as exc:
        print(exc, file=sys.stderr, flush=True)
        return 1
    _print_coverage(result.coverage, result.sentence_coverage)
    return 0 if result.coverage.unexplained == 0 and result.sentence_coverage.unexplained == 0 else 1


def _print_coverage(coverage: Coverage, sentences: SentenceCoverage | None) -> None:
    print(
        f"数字覆盖率：{coverage.percent:.1f}%（原文阿拉伯数字 {coverage.numbers} 个："
        f"记为数据 {coverage.as_figures} 个，注明非数据 {coverage.not_figures} 个，"
        f"未说明 {coverage.unexplained} 个）"
    )
    if sentences is not None:
        print(
            f"句子覆盖率：{sentences.percent:.1f}%（句子 {sentences.sentences} 个："
            f"由记录引用 {sentences.by_records} 个，注明为叙述 {sentences.narrative} 个，"
            f"未说明 {sentences.unexplained} 个）"
        )
        held = "，".join(f"{words} {count} 个" for words, count in sentences.held_words())
        print(f"句子所依据的记录（每句只算一次）：{held}，叙述 {sentences.narrative} 个")


if __name__ == "__main__":
    sys.exit(main())
