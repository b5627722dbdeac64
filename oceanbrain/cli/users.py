"""``oceanbrain users``: password hashes and checks for the dashboard's users file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from oceanbrain.cli._common import app, at_the_edge

users_app = typer.Typer(help="Dashboard users: hash passwords, check the users file.")
app.add_typer(users_app, name="users")


@users_app.command("hash")
@at_the_edge
def hash_command(
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="Password."),
    ],
) -> None:
    """Print a pbkdf2_sha256 hash to paste as `password = "..."` in the users file."""
    from oceanbrain.dashboards.auth import hash_password

    typer.echo(hash_password(password))


@users_app.command("check")
@at_the_edge
def check_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="Users file (default: OCEANBRAIN_DASHBOARD_USERS)."),
    ] = None,
) -> None:
    """Read the users file and list its users and roles (errors name the file and entry)."""
    from oceanbrain.dashboards.auth import load_access

    config = load_access(path)
    if config.open:
        typer.echo("no users file configured: the dashboard runs open, localhost only")
        return
    for login, user in sorted(config.users.items()):
        typer.echo(f"{login}\t{user.role}\t{user.name}")
    if config.oidc:
        typer.echo(f"(OIDC sign-in enabled; default role {config.oidc_default_role})")
