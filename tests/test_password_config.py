"""explorer_ui.password_config: every way a password can be configured, and
which of them fail closed (issue 7, item 1)."""

from pathlib import Path

import pytest

from explorer_ui.password_config import resolve


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / ".streamlit").mkdir()
    return tmp_path


def secrets(folder: Path, text: str) -> list[Path]:
    path = folder / ".streamlit" / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return [path]


def test_nothing_configured_is_open(folder):
    access = resolve({}, [folder / ".streamlit" / "secrets.toml"], folder)
    assert access.mode == "open" and access.password is None and not access.problems


def test_required_without_a_password_is_an_error(folder):
    access = resolve({"JJ_AUTH": "required"}, [folder / ".streamlit" / "secrets.toml"], folder)
    assert access.mode == "error"
    assert [p.problem for p in access.problems] == ["已要求登录（JJ_AUTH=required），但没有设置访问密码"]


@pytest.mark.parametrize("auth", ["", "required", "REQUIRED "])
def test_a_password_from_the_environment(folder, auth):
    access = resolve({"JJ_AUTH": auth, "JJ_PASSWORD": "s3cret"}, [], folder)
    assert (access.mode, access.password, access.source) == ("password", "s3cret", "环境变量 JJ_PASSWORD")
    assert "s3cret" not in access.summary() and "s3cret" not in repr(access)


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_environment_password_is_an_error_in_every_mode(folder, value):
    for auth in ({}, {"JJ_AUTH": "required"}):
        access = resolve({**auth, "JJ_PASSWORD": value}, [], folder)
        assert access.mode == "error"
        assert access.problems[0].problem == "环境变量 JJ_PASSWORD 已设置，但为空"


def test_a_password_from_secrets_toml(folder):
    access = resolve({}, secrets(folder, 'password = "sesame"\n'), folder)
    assert (access.mode, access.password, access.source) == ("password", "sesame", ".streamlit/secrets.toml")


def test_the_environment_wins_over_secrets_toml(folder):
    access = resolve({"JJ_PASSWORD": "from-env"}, secrets(folder, 'password = "from-file"\n'), folder)
    assert access.password == "from-env"


def test_a_later_secrets_file_wins_as_in_streamlit(folder):
    first = folder / "home.toml"
    first.write_text('password = "first"\n', encoding="utf-8")
    assert resolve({}, [first, *secrets(folder, 'password = "second"\n')], folder).password == "second"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('password = "abc\n', ".streamlit/secrets.toml 的格式有误，无法解析"),
        ('pasword = "abc"\n', ".streamlit/secrets.toml 中没有 password 一项（只有：'pasword'）"),
        ('password = ""\n', ".streamlit/secrets.toml 中的 password 为空"),
        ('password = " "\n', ".streamlit/secrets.toml 中的 password 为空"),
        ("password = 1234\n", ".streamlit/secrets.toml 中的 password 不是文字"),
        ("", ".streamlit/secrets.toml 中没有 password 一项（文件是空的）"),
    ],
)
def test_a_secrets_file_that_cannot_be_used_is_an_error_even_beside_a_good_password(folder, text, problem):
    for env in ({}, {"JJ_PASSWORD": "fine"}, {"JJ_AUTH": "required", "JJ_PASSWORD": "fine"}):
        access = resolve(env, secrets(folder, text), folder)
        assert access.mode == "error" and access.password is None
        assert [p.problem for p in access.problems] == [problem]


def test_an_unreadable_secrets_file_is_an_error(folder):
    path = folder / ".streamlit" / "secrets.toml"
    path.write_bytes(b'password = "\xff"\n')  # not UTF-8
    access = resolve({}, [path], folder)
    assert access.mode == "error" and access.problems[0].problem == ".streamlit/secrets.toml 无法读取"
    assert str(path) in access.problems[0].detail  # the full path goes to the log only


def test_an_unknown_jj_auth_is_an_error(folder):
    access = resolve({"JJ_AUTH": "yes", "JJ_PASSWORD": "fine"}, [], folder)
    assert access.mode == "error" and access.problems[0].problem == "环境变量 JJ_AUTH 的值 'yes' 无法识别"


def test_every_problem_is_listed(folder):
    access = resolve({"JJ_AUTH": "yes", "JJ_PASSWORD": ""}, secrets(folder, "pasword = 1\n"), folder)
    assert len(access.problems) == 3


def test_the_page_never_shows_an_absolute_path(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("etc") / "secrets.toml"
    elsewhere.write_text("oops", encoding="utf-8")
    problem = resolve({}, [elsewhere], folder).problems[0]
    assert problem.problem.startswith("secrets.toml ") and str(elsewhere) in problem.detail
