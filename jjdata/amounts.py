"""What an amount is, decided once, and its words on every surface.

An amount's *kind* is everything that says what it counts or measures: the
pool of rows it belongs to (scope, whose city-wide list, period, basis, what a
count counts and its printed unit, and whether scope or period is a reading
rather than printed), the measure, the report's own word for it (总投资,
完成投资, 计划总投资, 估算总投资, 年度计划投资; 项目 or 项目包 for a count) and
its unit. Two amounts are added or subtracted only when their kinds are
equal: ``Amount.__add__`` raises ``UnlikeAmounts`` otherwise, as pint refuses
to add metres to seconds. Amounts of different kinds are listed side by
side, each in its own words.

Every surface (answers, cards, totals, grid, charts, 情景对比, exports, the
brief and the slides) prints an amount through the methods here, so the
words cannot drift: ``cell`` (≈405 亿元, >500 亿元, 375 项, 10 个项目包),
``words`` (约 405 亿元, 超 500 亿元, 100 个以上), ``word`` (完成投资) and the
marks of a reading. Pure: no tables, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import vocab

MEASURES = ("projects", "investment", "annual_investment")
MEASURE_NAMES = {"projects": "项目数", "investment": "总投资", "annual_investment": "年度计划投资"}
# A table column that holds one measure for rows or totals of several kinds: its cells say the
# report's word where the column's name does not (投资: 完成投资 ≈137.8 亿元, 总投资 ≈405 亿元).
COLUMN_NAMES = {"projects": "项目数", "investment": "投资", "annual_investment": "年度计划投资"}
NOT_GIVEN = "原文未给出"
FILTERED_OUT = "不在当前筛选内"  # the report gives it; the view's filters leave it out
ABOVE_ONLY = "原文只给出上一级的"  # the report gives it only for a group above these rows, outside the filters
TOOL_SUM = "本工具相加"  # said wherever the tool, not the report, added numbers
BOUNDS = ("exact", "at_least", "more_than")  # a bound's rank: a sum is as open as its most open part
_PREFIX = {"exact": "", "at_least": "≥", "more_than": ">"}


class UnlikeAmounts(ValueError):
    """Two amounts of different kinds were about to be added or subtracted."""

    def __init__(self, first: AmountKind, second: AmountKind) -> None:
        super().__init__(f"不同口径的数不能相加或相减：{first.describe()} 与 {second.describe()}")
        self.kinds = (first, second)


@dataclass(frozen=True, order=True)
class Pool:
    """The rows a total may add: one scope, one city-wide list (or the units' own rows), one
    period, one basis, one counted thing in one printed unit, the same readings."""

    scope: str  # department | city
    owner: str  # for a city-wide list, the unit whose list it is; "" for the units' own rows
    period: str
    basis: str
    count_unit: str = vocab.COUNT_UNITS[0]  # 个 or 项, as printed
    count_word: str = "项目"  # what a count counts: 项目, 项目包, 子项目
    scope_read: bool = False  # city-wide only by a reading
    period_read: bool = False  # the period is read from the context

    @property
    def city(self) -> bool:
        return self.scope == "city"

    def period_words(self) -> str:
        """ "2021年", "“十四五”（2021–2025）", "2021年下半年（时期按上下文理解，原文未明说）"."""
        words = vocab.PERIODS[self.period]
        return f"{words}（{vocab.READINGS['period']}）" if self.period_read else words


@dataclass(frozen=True)
class AmountKind:
    """What one amount counts or measures; amounts add or subtract only within one kind."""

    pool: Pool
    measure: str  # projects | investment | annual_investment
    word: str  # the report's word: 项目, 项目包, 子项目 for a count; 总投资, 完成投资, 计划总投资, 估算总投资, 年度计划投资
    unit: str  # 个, 项, 亿元
    estimate: str = ""  # 估算 or 预计 when the report says the number is an estimate

    @property
    def label(self) -> str:
        """The measure's name before its number: "项目数", "项目包数", "完成投资", "预计年度计划投资"."""
        if self.measure == "projects":
            return f"{self.estimate}{self.word}数" if self.estimate not in self.word else f"{self.word}数"
        return self.word if self.estimate in self.word else f"{self.estimate}{self.word}"

    def describe(self) -> str:
        return f"{self.label}（{self.unit}；{self.pool}）"


@dataclass(frozen=True)
class Amount:
    """A number of one kind, with what is known about it: 约 (``approx``), a lower bound
    (``bound``: 以上 ≥, 超 >), and how many rows' own numbers it adds (more than one: the
    tool added them, not the report)."""

    kind: AmountKind
    value: float
    approx: bool = False
    bound: str = "exact"
    added: int = 1
    figure_ids: tuple[str, ...] = ()  # the report's figures it rests on

    def __add__(self, other: Amount) -> Amount:
        if other.kind != self.kind:
            raise UnlikeAmounts(self.kind, other.kind)
        return Amount(
            self.kind,
            self.value + other.value,
            self.approx or other.approx,
            max(self.bound, other.bound, key=BOUNDS.index),
            self.added + other.added,
            tuple(dict.fromkeys(self.figure_ids + other.figure_ids)),
        )

    @property
    def tool_sum(self) -> bool:
        """Whether the tool added this number from several of the report's numbers."""
        return self.added > 1

    @property
    def symbol(self) -> str:
        return _PREFIX[self.bound] + ("≈" if self.approx else "")

    @property
    def number(self) -> str:
        """As a table prints it: "4,244.2", "405"."""
        return number_text(self.value)

    def cell(self) -> str:
        """For a table cell or a chart label: "≈405 亿元", ">500 亿元", "≥30 个", "375 项", "10 个项目包";
        a number the tool added says so: "46 个（本工具相加）"."""
        return f"{self.symbol}{self.number} {self._unit_words()}{self._tool_mark()}"

    def column_cell(self) -> str:
        """For a column named ``COLUMN_NAMES[measure]``: the cell, after the report's word where the
        column's name is not it ("总投资 ≈405 亿元", "完成投资 ≈137.8 亿元", "预计年度计划投资 ≥6 亿元");
        a count's unit says what it counts ("10 个项目包")."""
        label = self.kind.label
        if self.kind.measure == "projects":
            return f"{self.kind.estimate} {self.cell()}".strip() if self.kind.estimate else self.cell()
        return self.cell() if label == COLUMN_NAMES[self.kind.measure] else f"{label} {self.cell()}"

    def value_text(self) -> str:
        """The number with its sign only, for a card that names the unit apart: "≈405", ">500"."""
        return f"{self.symbol}{self.number}"

    def short_text(self) -> str:
        """A bar's or a card's number: "≈405", and "46（本工具相加）" where the tool added it."""
        return f"{self.value_text()}{self._tool_mark()}"

    def words(self) -> str:
        """As a sentence says it: "约 405 亿元", "超 500 亿元", "100 个以上", "10 个项目包"."""
        prefix = ("超 " if self.bound == "more_than" else "") + ("约 " if self.approx else "")
        suffix = "以上" if self.bound == "at_least" else ""
        return f"{prefix}{self.number} {self._unit_words()}{suffix}{self._tool_mark()}"

    def labelled(self) -> str:
        """The measure's word and the number: "完成投资约 137.8 亿元", "总投资 4,244.2 亿元"; a count: "38 个"."""
        if self.kind.measure == "projects":
            return self.words()
        words = self.words()
        return f"{self.kind.label}{' ' if words[0].isdigit() else ''}{words}"

    def unit_words(self) -> str:
        """The unit as printed after the number: "亿元", "项", "个项目包"."""
        return self._unit_words()

    def _tool_mark(self) -> str:
        return f"（{TOOL_SUM}）" if self.tool_sum else ""

    def _unit_words(self) -> str:
        counted = self.kind.word if self.kind.measure == "projects" and self.kind.word != "项目" else ""
        return f"{self.kind.unit}{counted}"


def number_text(value: float) -> str:
    """A number as tables print it: thousands separated, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Measured:
    """One measure of a total: the amounts its counted rows give, one per kind (usually one;
    several only when rows of the pool word the measure differently, never added), and how
    many counted rows give none."""

    measure: str
    amounts: tuple[Amount, ...] = ()
    undisclosed: int = 0
    given_by: tuple[str, ...] = ()  # the rows whose numbers it holds (project ids)
    # not given by these rows, but by a group above them that the filters leave out (the 38's 总投资
    # for its 24 roads, 1 rail and 13 logistics projects): the report gives it, not for these rows alone
    given_above: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.amounts)

    @property
    def amount(self) -> Amount | None:
        """The one amount, when the measure has exactly one kind."""
        return self.amounts[0] if len(self.amounts) == 1 else None

    @property
    def label(self) -> str:
        """The measure's name: the report's word when every amount shares it, else the general name."""
        labels = {a.kind.label for a in self.amounts}
        return labels.pop() if len(labels) == 1 else MEASURE_NAMES[self.measure]

    @property
    def figure_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for a in self.amounts for f in a.figure_ids))

    def cell(self, with_label: bool = False, mark_partial: bool = True) -> str:
        """For a table cell: "≈405 亿元", with the report's word when asked ("完成投资 ≈137.8 亿元");
        amounts of different kinds side by side; a number that leaves out rows giving none says so
        ("2 个（另有 1 条记录原文未给出）"); 原文未给出 when no row gives it, 原文只给出上一级的 when only a
        group above them, outside the filters, gives one."""
        if not self.amounts:
            return self.missing_words()
        if len(self.amounts) == 1 and not with_label:
            shown = self.amounts[0].cell()
        else:
            shown = "；".join(f"{a.kind.label} {a.cell()}" for a in self.amounts)
            shown += "（口径不同，不相加）" if len(self.amounts) > 1 else ""
        return shown + (self.partial_words() if mark_partial else "")

    def missing_words(self) -> str:
        """Why there is no number: 原文未给出, or 原文只给出上一级的 (only a group above these rows,
        outside the filters, gives one: the 38's ≈405 for its 24 roads, 1 rail, 13 logistics)."""
        return ABOVE_ONLY if self.given_above else NOT_GIVEN

    def partial_words(self) -> str:
        """ "（另有 1 条记录原文未给出）" after a number some of its rows do not give, else ""."""
        return f"（另有 {self.undisclosed} 条记录{NOT_GIVEN}）" if self.amounts and self.undisclosed else ""

    def column_cell(self) -> str:
        """For a column named ``COLUMN_NAMES[measure]`` (see ``Amount.column_cell``); 原文未给出; kinds side by side."""
        if not self.amounts:
            return self.missing_words()
        shown = "；".join(a.column_cell() for a in self.amounts)
        return shown + ("（口径不同，不相加）" if len(self.amounts) > 1 else "") + self.partial_words()

    def words(self) -> str:
        """In a sentence, with the word: "完成投资约 137.8 亿元"; several kinds side by side."""
        if not self.amounts:
            return NOT_GIVEN
        shown = "，".join(a.labelled() for a in self.amounts)
        return shown + ("（口径不同，不相加）" if len(self.amounts) > 1 else "")

    def __add__(self, other: Measured) -> Measured:
        """Two parts of one total: like amounts added, unlike ones kept side by side."""
        amounts = list(self.amounts)
        for amount in other.amounts:
            same = next((i for i, a in enumerate(amounts) if a.kind == amount.kind), None)
            if same is None:
                amounts.append(amount)
            else:
                amounts[same] = amounts[same] + amount
        return Measured(
            self.measure,
            tuple(amounts),
            self.undisclosed + other.undisclosed,
            self.given_by + other.given_by,
            tuple(dict.fromkeys(self.given_above + other.given_above)) if not amounts else (),
        )


@dataclass(frozen=True)
class Difference:
    """B − A of one measure: an amount where both sides give one complete number of the same
    kind, otherwise why not, in words."""

    amount: Amount | None
    reason: str = ""

    def cell(self) -> str:
        if self.amount is None:
            return self.reason
        amount = self.amount
        sign = "+" if amount.value > 0 else "−" if amount.value < 0 else ""
        return f"{amount.symbol}{sign}{number_text(abs(amount.value))} {amount._unit_words()}"


def difference(a: Measured | None, b: Measured | None, names: tuple[str, str] = ("A", "B")) -> Difference:
    """B − A, only like from like.

    Not subtracted, in words, when a side is outside its filters (``None``) or
    gives no number (not given is not zero), when a side's number leaves out
    rows that give none (the rest are unknown, not zero), when the two differ in
    kind, and when A is a lower bound (B − A could be anything below a number).
    A lower bound in B keeps the difference a lower bound; 约 on either side
    makes it 约.
    """
    for side, name in ((a, names[0]), (b, names[1])):
        if side is None:
            return Difference(None, f"不相减（{name} {FILTERED_OUT}）")
    assert a is not None and b is not None
    for side, name in ((a, names[0]), (b, names[1])):
        if not side.given:
            return Difference(None, f"不相减（{name} {side.missing_words()}）")
    for side, name in ((a, names[0]), (b, names[1])):
        if side.undisclosed:
            return Difference(
                None, f"不相减（{name} 另有 {side.undisclosed} 条记录{NOT_GIVEN}{MEASURE_NAMES[side.measure]}）"
            )
    if a.amount is None or b.amount is None or a.amount.kind != b.amount.kind:
        return Difference(None, "不相减（口径不同）")
    first, second = a.amount, b.amount
    if first.bound != "exact":
        return Difference(None, f"无法确定（{names[0]} 是下限）")
    value = second.value - first.value
    return Difference(
        replace(second, value=value, approx=first.approx or second.approx, added=first.added + second.added)
    )
