"""Shared dashboard state: the cached store, cached query results, the signed-in user, pickers."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from oceanbrain import settings
from oceanbrain.errors import OceanBrainError
from oceanbrain.graph import GraphStore, open_store
from oceanbrain.graph.analysis import Scope
from oceanbrain.graph.analysis.views import chain_choices, latest_run, scope_choices

from .auth import OPEN_USER_NAME, AccessConfig, User, authenticate, load_access
from .i18n import language, role_name, t

CACHE_TTL_S = float(settings.get_number("dashboard_cache_ttl_s"))


@st.cache_resource(show_spinner=False)
def _store_for(graph_url: str | None, graph_path: str | None, graph_name: str | None) -> GraphStore:
    return open_store()


def get_store() -> GraphStore:
    """The shared store, or a rendered error and a stopped page when it cannot be reached."""
    try:
        return _store_for(
            os.environ.get("OCEANBRAIN_GRAPH"),
            os.environ.get("OCEANBRAIN_GRAPH_PATH"),
            os.environ.get("OCEANBRAIN_GRAPH_NAME"),
        )
    except OceanBrainError as exc:
        st.error(t("connection_error", msg=exc))
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers honest


def run_key(store: GraphStore) -> str:
    """Id of the latest ingest run: part of every cache key, so a new run invalidates results."""
    run = latest_run(store)
    return str(run["id"]) if run else "no-run"


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False, max_entries=512)
def _cached_call(
    name: str,
    location: str,
    run: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    _func: Callable[..., Any],
    _store: GraphStore,
) -> Any:
    return _func(_store, *args, **dict(kwargs))


def cached(store: GraphStore, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``func(store, *args, **kwargs)`` through ``st.cache_data``.

    The key is the function, the graph's location, the latest IngestRun id and the arguments;
    entries also expire after ``OCEANBRAIN_DASHBOARD_CACHE_TTL_S`` seconds.
    """
    key = st.session_state.get("_run_key")
    if key is None:  # once per script run (reset in app.py)
        key = run_key(store)
        st.session_state["_run_key"] = key
    name = f"{func.__module__}.{func.__qualname__}"
    return _cached_call(
        name, store.describe(), key, args, tuple(sorted(kwargs.items())), func, store
    )


# --- who is using the app ---------------------------------------------------------------------


def access_config() -> AccessConfig:
    try:
        return load_access()
    except OceanBrainError as exc:
        st.error(t("users_file_error", msg=exc))
        st.stop()
        raise


def _loopback(ip: object) -> bool:
    """Streamlit reports loopback connections as None; anything else is a remote address."""
    if ip is None:
        return True
    if not isinstance(ip, str):  # no real connection (streamlit.testing): nothing remote
        return True
    return ip in {"", "127.0.0.1", "::1", "localhost"} or ip.startswith("127.")


def sign_in(config: AccessConfig) -> User:
    """The signed-in user; renders a sign-in form and stops the page when there is none."""
    if config.open:
        if not _loopback(st.context.ip_address):
            st.error(t("open_remote_refused"))
            st.stop()
        return User(OPEN_USER_NAME, OPEN_USER_NAME, "editor")
    if config.oidc and config.users.get(st.session_state.get("user_login", "")) is None:
        return _oidc_user(config)
    login = st.session_state.get("user_login")
    user = config.users.get(login) if isinstance(login, str) else None
    if user is not None:
        return user
    st.title(t("app_title"))
    with st.form("sign_in"):
        name = st.text_input(t("user_login"), key="sign_in_login")
        password = st.text_input(t("user_password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("sign_in"))
    if submitted:
        found = authenticate(config, name, password)
        if found is not None:
            st.session_state["user_login"] = found.login
            st.rerun()
        st.error(t("sign_in_failed"))
    st.stop()
    raise AssertionError("unreachable")


def _oidc_user(config: AccessConfig) -> User:
    try:
        logged_in = bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001  (no [auth] section: Streamlit raises its own error types)
        logged_in = False
    if not logged_in:
        st.title(t("app_title"))
        st.button(t("sign_in_oidc"), on_click=st.login)
        st.stop()
    email = str(st.user.get("email", ""))
    known = config.by_email(email)
    if known is not None:
        return known
    return User(email, str(st.user.get("name", email)), config.oidc_default_role, email=email)


def current_user() -> User:
    user = st.session_state.get("_user")
    if not isinstance(user, User):  # pages run inside app.py, which sets it; be safe anyway
        user = sign_in(access_config())
        st.session_state["_user"] = user
    return user


def require_role(role: str) -> User:
    """Stop the page with a clear message unless the user's role is ``role`` or above."""
    user = current_user()
    if not user.can(role):
        st.warning(t("role_required", role=role_name(role), have=role_name(user.role)))
        st.stop()
    return user


def has_role(role: str) -> bool:
    return current_user().can(role)


def sidebar_user(config: AccessConfig, user: User) -> None:
    if config.open:
        st.sidebar.caption(t("open_mode"))
        return
    st.sidebar.caption(t("signed_in_as", name=user.name, role=role_name(user.role)))
    if st.sidebar.button(t("sign_out"), key="sign_out"):
        st.session_state.pop("user_login", None)
        st.session_state.pop("_user", None)
        if config.oidc:
            st.logout()
        st.rerun()


# --- pickers ----------------------------------------------------------------------------------


def pick_scope_and_chain(store: GraphStore) -> tuple[Scope, str, str] | None:
    """Scope and chain selectors shared by the gap and target pages (None: nothing loaded)."""
    scopes = cached(store, scope_choices)
    chains = cached(store, chain_choices)
    if not scopes or not chains:
        st.info(t("empty_graph"))
        return None
    left, right = st.columns(2)
    scope = left.selectbox(t("scope"), scopes, format_func=lambda s: s["name"], key="scope_choice")
    chain = right.selectbox(
        t("chain"),
        chains,
        format_func=lambda c: c["name_zh"] if language() == "zh" else c["name_en"],
        key="chain_choice",
    )
    return Scope(scope["kind"], scope["id"], scope["name"]), chain["id"], chain["name_zh"]


def chain_name(chain: dict[str, str]) -> str:
    return chain["name_zh"] if language() == "zh" else chain["name_en"]
