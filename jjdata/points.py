"""Where the listed points of a leader's comment open (pure; no annotation needed).

The build compares these openings with the ``points`` an annotation lists,
so a comment whose points were missed is refused. The forms, tried in this
order (the first that finds points wins):

1. enumerated: 一是…二是…, 一要…二要…, 第一…第二…, （一）…（二）… — at least two, in order;
2. a list after a colon, its parts split by “；” (…争取突破：必须…；新材料方面…；此外…) — at least two;
3. a modal 要 (要加强…；要加大…, or a single 财政部门要坚持…) — each one opens a point;
   要 inside a word (要素, 要求, 需要, 重要, 主要, 必要, 只要) is not one;
4. the same verb opening consecutive clauses (继续抓好…，抓好…，抓好…) — at least two;
   a leading 继续/进一步/再/持续/全力/着力 belongs to the point.

Texts are whitespace-free; offsets index into the given text. The leader's
“晋江市领导某某：” prefix is skipped.
"""

from __future__ import annotations

import re

_LEADER_PREFIX = re.compile(r"^[^：，。；]{0,12}领导[^：，。；]{1,4}：")
_NUMERALS = "一二三四五六七八九十"
_ENUMERATORS = (
    re.compile(rf"(?:^|(?<=[，；。：]))([{_NUMERALS}])是"),
    re.compile(rf"(?:^|(?<=[，；。：]))([{_NUMERALS}])要"),
    re.compile(rf"(?:^|(?<=[，；。：]))第([{_NUMERALS}])(?=[，、是要])"),
    re.compile(rf"[（(]([{_NUMERALS}])[）)]"),
)
_MODAL_YAO = re.compile(r"(?<![需重主必只纲])要(?![素求点闻领害])")
_CLAUSE = re.compile(r"[^，；。：！？]+")
_ADVERBS = re.compile(r"^(?:继续|进一步|再|持续|全力|着力)")
_VERB_LENGTH = 2


def point_openings(text: str) -> list[int]:
    """Offsets in ``text`` where each listed point opens, in order; [] when it lists none."""
    body_start = match.end() if (match := _LEADER_PREFIX.match(text)) else 0
    for finder in (_enumerated, _colon_list, _modal_yao, _repeated_verb):
        found = finder(text, body_start)
        if found:
            return found
    return []


def _enumerated(text: str, start: int) -> list[int]:
    for pattern in _ENUMERATORS:
        openings: list[int] = []
        for match in pattern.finditer(text, start):
            if _NUMERALS.index(match.group(1)) == len(openings):  # 一, then 二, …
                openings.append(match.start())
        if len(openings) >= 2:
            return openings
    return []


def _colon_list(text: str, start: int) -> list[int]:
    colon = text.rfind("：", start)
    if colon < 0:
        return []
    openings = [colon + 1]
    openings += [m.end() for m in re.finditer("；", text[: len(text) - 1]) if m.start() > colon]
    return openings if len(openings) >= 2 else []


def _modal_yao(text: str, start: int) -> list[int]:
    return [m.start() for m in _MODAL_YAO.finditer(text, start)]


def _repeated_verb(text: str, start: int) -> list[int]:
    clauses = [(m.start(), m.group()) for m in _CLAUSE.finditer(text, start)]
    verbs = [_ADVERBS.sub("", clause)[:_VERB_LENGTH] for _, clause in clauses]
    best: list[int] = []
    run: list[int] = []
    for index, verb in enumerate(verbs):
        if index and verb == verbs[index - 1] and len(verb) == _VERB_LENGTH:
            run.append(clauses[index][0])
        else:
            run = [clauses[index][0]]
        if len(run) >= 2 and len(run) > len(best):
            best = list(run)
    return best
