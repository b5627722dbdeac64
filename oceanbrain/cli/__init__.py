"""The ``oceanbrain`` command line: thin wrappers over library functions.

Each command calls one library function and formats its result. Errors OceanBrain raises on
purpose become one ``error:`` line on stderr and exit code 2, never a traceback. Each command
group lives in its own module, which registers itself on the shared ``app`` when imported.
"""

from __future__ import annotations

from oceanbrain.cli import (  # noqa: F401  (registers commands)
    analysis,
    data,
    db,
    ingest,
    ingest_docs,
    nlp,
    profile,
    query,
    resolve,
    review,
    serve,
    users,
)
from oceanbrain.cli._common import app

__all__ = ["app", "main"]


def main() -> None:
    app()


if __name__ == "__main__":
    main()
