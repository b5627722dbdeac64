"""End to end: the real dashboard server, rendered by headless Chromium, on both engines."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from oceanbrain.graph.connect import open_store
from tests.conftest import REPO

pytestmark = pytest.mark.graph
ARTIFACTS = REPO / "tests" / "artifacts"
# Flags for a closed network: without the background-networking ones Chromium keeps dialling out.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed (make test installs it with apt-get as root)")
        pytest.skip("chromium is not installed: run `make e2e-deps`")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def dashboard(graph_env: dict[str, str]) -> Iterator[str]:
    env = {**os.environ, **graph_env}
    with open_store(environ=env) as store:
        store.ensure_schema()
        store.write("CREATE (:Firm {id: 'e2e', name: '青岛端到端示例有限公司'})")
    port = free_port()
    exe = os.path.join(os.path.dirname(sys.executable), "oceanbrain")
    proc = subprocess.Popen(
        [exe, "dashboard", "--port", str(port), "--address", "127.0.0.1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the dashboard did not start within 60 s")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def test_every_page_renders_in_chromium(dashboard: str, browser, engine: str) -> None:
    """Visit each page like a person would; fail on any exception box; keep screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        tab.goto(dashboard)
        tab.get_by_role("heading", name="海洋产业大脑 · 总览").wait_for(timeout=60_000)
        tab.get_by_text("各类节点数量").wait_for(timeout=30_000)
        assert tab.get_by_test_id("stMetricValue").first.inner_text() == "1"  # one firm
        assert tab.get_by_test_id("stException").count() == 0
        tab.screenshot(path=str(ARTIFACTS / f"overview-{engine}.png"), full_page=True)

        tab.goto(f"{dashboard}/console")
        tab.get_by_role("heading", name="Cypher 查询台").wait_for(timeout=60_000)
        tab.locator("textarea").first.fill("MATCH (f:Firm) RETURN f.name AS name")
        tab.get_by_role("button", name="运行").click()
        tab.get_by_text("共 1 行").wait_for(timeout=30_000)
        assert tab.get_by_test_id("stException").count() == 0
        tab.screenshot(path=str(ARTIFACTS / f"console-{engine}.png"), full_page=True)

        for page, heading in (("gaps", "缺链补链"), ("targets", "招商线索")):
            tab.goto(f"{dashboard}/{page}")
            tab.get_by_role("heading", name=heading).wait_for(timeout=60_000)
            tab.get_by_test_id("stAlert").first.wait_for(timeout=30_000)  # "load data" hint
            # Opened by URL, the page still runs inside the app (navigation, language switch).
            assert "缺链补链" in tab.get_by_test_id("stSidebarNav").inner_text()
            assert tab.get_by_text("语言 / Language").count() == 1
            assert tab.get_by_test_id("stException").count() == 0
            tab.screenshot(path=str(ARTIFACTS / f"{page}-{engine}.png"), full_page=True)
    finally:
        tab.close()
