"""Dashboard access: password hashes, the users file, roles (no graph needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oceanbrain.dashboards.auth import (
    AccessConfig,
    authenticate,
    hash_password,
    load_access,
    verify_password,
)
from oceanbrain.errors import ConfigError


def test_hash_and_verify() -> None:
    stored = hash_password("蓝谷-2026", iterations=1000)
    assert stored.startswith("pbkdf2_sha256$1000$")
    assert verify_password("蓝谷-2026", stored)
    assert not verify_password("蓝谷-2025", stored)
    assert hash_password("same", iterations=1000) != hash_password("same", iterations=1000)
    assert not verify_password("x", "not a hash")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "users.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_users_file_roles_and_sign_in(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'[users.li]\nname = "李分析"\nrole = "analyst"\n'
        f'password = "{hash_password("pw-li", iterations=1000)}"\n',
    )
    config = load_access(path)
    assert not config.open
    user = authenticate(config, "li", "pw-li")
    assert user is not None and user.name == "李分析"
    assert user.can("viewer") and user.can("analyst") and not user.can("editor")
    assert authenticate(config, "li", "wrong") is None
    assert authenticate(config, "nobody", "pw-li") is None


def test_no_users_file_means_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCEANBRAIN_DASHBOARD_USERS", raising=False)
    assert load_access().open
    assert AccessConfig({}).open


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[users.a]\nrole = "boss"\npassword = "x"\n', "role 'boss' is not one of"),
        ('[users.a]\nrole = "viewer"\npassword = "secret"\n', "not plain text"),
        ('[users.a]\nrole = "viewer"\n', "needs password"),
        ("[users.a\n", "not valid TOML"),
        ('title = "x"\n', "no [users.<login>] entries"),
    ],
)
def test_bad_users_files_name_the_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match="users.toml") as err:
        load_access(path)
    assert message in str(err.value)


def test_missing_users_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_access(tmp_path / "nope.toml")
