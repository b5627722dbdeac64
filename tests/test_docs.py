"""Documentation keeps up with the code: every setting and CLI command is documented."""

from __future__ import annotations

from typing import Any

import typer

from oceanbrain import settings
from oceanbrain.cli import app
from tests.conftest import REPO

DOCS = "\n".join(
    path.read_text(encoding="utf-8")
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
)


def command_paths(group: Any, prefix: str = "") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):  # a sub-group (typer ships its own click)
            paths.extend(command_paths(command, path + " "))
        else:
            paths.append(path)
    return paths


def test_every_setting_is_documented() -> None:
    missing = [s.env_var for s in settings.SETTINGS if f"`{s.env_var}`" not in DOCS]
    assert missing == []


def test_every_cli_command_is_documented() -> None:
    commands = command_paths(typer.main.get_command(app))
    assert {"db status", "db init", "query", "dashboard"} <= set(commands)
    missing = [c for c in commands if f"oceanbrain {c}" not in DOCS]
    assert missing == []


def test_readme_has_the_two_commands_and_says_no_py2neo() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "py2neo" in readme and "end-of-life" in readme
