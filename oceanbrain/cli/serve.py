"""``oceanbrain settings`` and ``oceanbrain dashboard``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from oceanbrain import settings
from oceanbrain.cli._common import app


@app.command("settings")
def show_settings() -> None:
    """List every setting, its environment variable and current value (secrets hidden)."""
    for s in settings.SETTINGS:
        value = s.value()
        shown = "(set)" if s.secret and value else value
        typer.echo(f"{s.env_var}={shown if shown is not None else ''}")
        typer.echo(f"    {s.help}")


@app.command("dashboard")
def dashboard(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option(help="Address to bind.")] = "localhost",
) -> None:
    """Start the Streamlit dashboard (http://localhost:8501 by default)."""
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
    ]
    os.execv(sys.executable, argv)
