"""Helpers for building Cypher safely.

Values always travel as parameters. Labels, relationship types and property names cannot be
parameters in Cypher, so they pass :func:`identifier` first, which admits only plain names.
"""

from __future__ import annotations

import re

from oceanbrain.errors import QueryError

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def identifier(name: str, what: str = "identifier") -> str:
    """Return ``name`` if it is safe to splice into Cypher as a label/type/property name."""
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise QueryError(
            f"{what} {name!r} is not a valid name: use letters, digits and underscores, "
            "starting with a letter or underscore (at most 64 characters)."
        )
    return name


def quoted_name(name: str) -> str:
    """``name`` as a backtick-quoted Cypher name (for names the engine generated)."""
    return "`" + name.replace("`", "``") + "`"
