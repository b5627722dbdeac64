"""Who is using the dashboard, and what their role lets them do.

Roles, from least to most: viewer (reads every page), analyst (also free Cypher in the console),
editor (also decides review-queue items). Users live in a TOML secrets file named by
``OCEANBRAIN_DASHBOARD_USERS`` (see docs/dashboards.md)::

    [users.wang]
    name = "王经理"
    role = "editor"
    password = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"   # oceanbrain users hash

With ``[oidc] enabled = true`` in that file and Streamlit's ``[auth]`` configured in
``.streamlit/secrets.toml``, people sign in with ``st.login`` instead, and their role comes from
the ``email`` of a ``[users.*]`` entry (``[oidc] default_role`` otherwise, viewer by default).
Without a users file the app is open, for connections from this machine only, and says so.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oceanbrain import settings
from oceanbrain.errors import ConfigError

ROLES = ("viewer", "analyst", "editor")
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 600_000
OPEN_USER_NAME = "localhost"


@dataclass(frozen=True)
class User:
    login: str
    name: str
    role: str
    password_hash: str = ""
    email: str = ""

    def can(self, role: str) -> bool:
        """True when this user's role is ``role`` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class AccessConfig:
    users: dict[str, User]
    oidc: bool = False
    oidc_default_role: str = "viewer"
    path: Path | None = None

    @property
    def open(self) -> bool:
        """No users configured: everyone on localhost is an editor."""
        return not self.users and not self.oidc

    def by_email(self, email: str) -> User | None:
        for user in self.users.values():
            if user.email and user.email.lower() == email.lower():
                return user
        return None


def hash_password(password: str, *, iterations: int = HASH_ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` (stdlib hashlib, random salt)."""
    if not password:
        raise ConfigError("the password is empty; choose a password of at least 8 characters")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of ``password`` against a hash made by :func:`hash_password`."""
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != HASH_SCHEME:
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


def _user(path: Path, login: str, entry: Any) -> User:
    where = f"{path}: [users.{login}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table with name, role and password")
    role = entry.get("role", "viewer")
    if role not in ROLES:
        raise ConfigError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    password = str(entry.get("password", ""))
    email = str(entry.get("email", ""))
    if not password and not email:
        raise ConfigError(
            f"{where}: needs password (a hash from `oceanbrain users hash`) or email (for OIDC)"
        )
    if password and not password.startswith(HASH_SCHEME + "$"):
        raise ConfigError(
            f"{where}: password must be a hash from `oceanbrain users hash`, not plain text"
        )
    return User(login, str(entry.get("name", login)), role, password, email)


def load_access(path: Path | None = None) -> AccessConfig:
    """Read the users file (``OCEANBRAIN_DASHBOARD_USERS`` by default); no file: open mode."""
    if path is None:
        configured = settings.get("dashboard_users")
        if not configured:
            return AccessConfig({})
        path = Path(configured)
    if not path.is_file():
        raise ConfigError(
            f"OCEANBRAIN_DASHBOARD_USERS={path} does not exist; create it (docs/dashboards.md) "
            "or unset the variable to run open on localhost"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    users_table = data.get("users", {})
    if not isinstance(users_table, dict):
        raise ConfigError(f"{path}: [users] must be a table of [users.<login>] tables")
    users = {login: _user(path, login, entry) for login, entry in users_table.items()}
    oidc = data.get("oidc", {})
    default_role = str(oidc.get("default_role", "viewer"))
    if default_role not in ROLES:
        raise ConfigError(f"{path}: [oidc] default_role {default_role!r} is not a role")
    enabled = bool(oidc.get("enabled", False))
    if not users and not enabled:
        raise ConfigError(f"{path}: no [users.<login>] entries and OIDC is not enabled")
    return AccessConfig(users, enabled, default_role, path)


def authenticate(config: AccessConfig, login: str, password: str) -> User | None:
    user = config.users.get(login.strip())
    if user is None or not user.password_hash:
        # Spend the same time as a real check, so a wrong name is not faster than a wrong password.
        verify_password(password, hash_password("x", iterations=HASH_ITERATIONS))
        return None
    return user if verify_password(password, user.password_hash) else None
