"""Where the access password comes from, and whether that configuration can be
used. Pure: no Streamlit (the environment and the secrets files are passed
in), so every case is unit-tested; the password gate and
``python -m explorer_ui.access check`` both use it.

It fails closed: a configuration that says something about a password but
cannot be used is an error (the app then shows an error page and no data),
never an open app. That is: ``JJ_PASSWORD`` set but empty; a secrets file
that exists but cannot be read or parsed, or names no usable ``password``;
an unknown ``JJ_AUTH``; ``JJ_AUTH=required`` with no password at all.
Without ``JJ_AUTH=required`` and with no password anywhere, the app is open
(local use).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

AUTH_ENV = "JJ_AUTH"
PASSWORD_ENV = "JJ_PASSWORD"
REQUIRED = "required"
PASSWORD_KEY = "password"


@dataclass(frozen=True)
class Problem:
    """Something wrong in the configuration, in words for the administrator."""

    problem: str
    fix: str
    detail: str = ""  # for the server log only (absolute path, parser message)

    def text(self) -> str:
        return f"{self.problem}。{self.fix}。"


@dataclass(frozen=True)
class AccessConfig:
    mode: Literal["open", "password", "error"]
    password: str | None = field(default=None, repr=False)
    source: str = ""  # where the password comes from
    required: bool = False  # JJ_AUTH=required
    problems: tuple[Problem, ...] = ()

    def summary(self) -> str:
        """One line for the server log and the start-up check (no secret in it)."""
        if self.mode == "password":
            return f"需要密码才能查看（密码来自：{self.source}）"
        if self.mode == "open":
            return f"未设置密码，任何能打开网址的人都能查看（仅适合本机使用；要求登录请设置 {AUTH_ENV}={REQUIRED} 和 {PASSWORD_ENV}）"
        return "访问密码的配置有误，应用只显示错误页、不显示数据：" + "；".join(p.text() for p in self.problems)


def resolve(env: Mapping[str, str], secret_files: Sequence[Path], shown_from: Path | None = None) -> AccessConfig:
    """The access configuration from the environment and Streamlit's secrets files.

    ``secret_files`` are read in order; a later file's password wins, as in
    ``st.secrets``; ``JJ_PASSWORD`` wins over all of them. ``shown_from``:
    file names are shown relative to it (no absolute paths on screen).
    """
    problems: list[Problem] = []
    auth = env.get(AUTH_ENV, "").strip().lower()
    if auth not in ("", REQUIRED):
        problems.append(
            Problem(
                f"环境变量 {AUTH_ENV} 的值 {env[AUTH_ENV]!r} 无法识别",
                f"必须登录时设为 {AUTH_ENV}={REQUIRED}；否则删除这一行",
            )
        )
    required = auth == REQUIRED

    password, source = None, ""
    for path in secret_files:
        found, problem = _password_in(path, _shown_name(path, shown_from))
        if problem:
            problems.append(problem)
        elif found is not None:
            password, source = found, _shown_name(path, shown_from)

    if PASSWORD_ENV in env:
        if env[PASSWORD_ENV].strip():
            password, source = env[PASSWORD_ENV], f"环境变量 {PASSWORD_ENV}"
        else:
            problems.append(
                Problem(
                    f"环境变量 {PASSWORD_ENV} 已设置，但为空",
                    f"请设置非空的密码；不要密码时删除这一行（环境文件里的“{PASSWORD_ENV}=”也算已设置）",
                )
            )

    if not problems and password is None and required:
        problems.append(
            Problem(
                f"已要求登录（{AUTH_ENV}={REQUIRED}），但没有设置访问密码",
                f"请在服务的环境文件中设置 {PASSWORD_ENV}=<密码>，"
                f'或在 .streamlit/secrets.toml 中写 {PASSWORD_KEY} = "<密码>"，然后重启服务',
            )
        )
    if problems:
        return AccessConfig("error", required=required, problems=tuple(problems))
    if password is None:
        return AccessConfig("open")
    return AccessConfig("password", password, source, required)


def _password_in(path: Path, name: str) -> tuple[str | None, Problem | None]:
    """The password a secrets file names; (None, None) when the file does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        return None, Problem(
            f"{name} 无法读取", "请检查它是 UTF-8 文本文件，且运行服务的用户有读取权限", f"{path}: {exc}"
        )
    try:
        secrets = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, Problem(
            f"{name} 的格式有误，无法解析",
            f'请修正它的 TOML 格式，例如 {PASSWORD_KEY} = "<密码>"（引号要成对）',
            f"{path}: {exc}",
        )
    if PASSWORD_KEY not in secrets:
        others = "、".join(repr(key) for key in secrets)
        found = f"（只有：{others}）" if others else "（文件是空的）"
        return None, Problem(
            f"{name} 中没有 {PASSWORD_KEY} 一项{found}",
            f'请写成 {PASSWORD_KEY} = "<密码>"（注意拼写）；不要密码时删除这个文件',
            str(path),
        )
    password = secrets[PASSWORD_KEY]
    if not isinstance(password, str):
        return None, Problem(
            f"{name} 中的 {PASSWORD_KEY} 不是文字", f'请给密码加上引号：{PASSWORD_KEY} = "<密码>"', str(path)
        )
    if not password.strip():
        return None, Problem(f"{name} 中的 {PASSWORD_KEY} 为空", "请填写密码；不要密码时删除这个文件", str(path))
    return password, None


def _shown_name(path: Path, base: Path | None) -> str:
    if base is not None and path.is_relative_to(base):
        return str(path.relative_to(base))
    home = Path.home()
    if path.is_relative_to(home):
        return "~/" + str(path.relative_to(home))
    return path.name
