"""``oceanbrain settings`` and ``oceanbrain dashboard``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from oceanbrain import settings
from oceanbrain.cli._common import app, at_the_edge
from oceanbrain.errors import ConfigError

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@app.command("settings")
def show_settings() -> None:
    """List every setting, its environment variable and current value (secrets hidden)."""
    for s in settings.SETTINGS:
        value = s.value()
        shown = "(set)" if s.secret and value else value
        typer.echo(f"{s.env_var}={shown if shown is not None else ''}")
        typer.echo(f"    {s.help}")


@app.command("dashboard")
@at_the_edge
def dashboard(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option(help="Address to bind.")] = "localhost",
) -> None:
    """Start the Streamlit dashboard (http://localhost:8501 by default).

    Without a users file the dashboard is open, so it may only listen on this machine.
    """
    from oceanbrain.dashboards.auth import load_access

    access = load_access()  # a broken users file fails here, before the server starts
    if address not in LOOPBACK and access.open:
        raise ConfigError(
            f"--address {address} would expose an open dashboard: set OCEANBRAIN_DASHBOARD_USERS "
            "to a users file (docs/dashboards.md) or bind to localhost"
        )
    app_path = Path(__file__).parent.parent / "dashboards" / "app.py"
    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    os.execv(sys.executable, argv)
