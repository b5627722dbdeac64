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
from oceanbrain.ingest.load import load_canonical
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
    env.pop("OCEANBRAIN_DASHBOARD_USERS", None)  # open mode, localhost only
    with open_store(environ=env) as store:
        store.ensure_schema()
        load_canonical(store, REPO / "data")
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


# (url path, heading, a text that only real Qingdao content shows)
PAGES = [
    ("", "海洋产业大脑 · 总览", "产业链完整度"),
    ("chainmap", "产业链图谱", "水下通信与导航定位"),
    ("gaps", "缺链补链", "青岛市 · 海洋人工智能"),
    ("targets", "招商线索", "青岛市 · 海洋人工智能"),
    ("parks", "园区画像", "青岛蓝谷"),
    ("firms", "企业画像", "关系图谱"),
    ("talent", "人才", "补链人才"),
    ("projects", "项目库", "投资额合计（亿元）"),
    ("console", "Cypher 查询台", "常用查询"),
    ("data", "数据更新", "导入批次"),
]


def no_exception(tab: object, where: str) -> None:
    boxes = tab.get_by_test_id("stException")  # type: ignore[attr-defined]
    assert boxes.count() == 0, f"{where}: {boxes.first.inner_text()}"


RENDERED = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(
    e => e.offsetParent !== null && !e.closest('details:not([open])'));
  const tables = shown('[data-testid="stDataFrame"]');
  const charts = shown('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]');
  return tables.every(t => t.querySelector('canvas'))
      && charts.every(c => c.querySelector('canvas, svg'));
}"""


def settle(tab: object) -> None:
    """Wait until the script has run and its tables and charts are drawn (for screenshots)."""
    tab.wait_for_timeout(300)  # type: ignore[attr-defined]
    tab.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)  # type: ignore[attr-defined]
    tab.wait_for_function(RENDERED, timeout=60_000)  # type: ignore[attr-defined]
    tab.wait_for_timeout(500)  # type: ignore[attr-defined]


def test_every_page_renders_in_chromium(dashboard: str, browser, engine: str) -> None:
    """Visit each page like a person would; fail on any exception box; keep screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        for path, heading, content in PAGES:
            tab.goto(f"{dashboard}/{path}")
            tab.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
            tab.get_by_text(content).first.wait_for(timeout=60_000)
            settle(tab)
            # Opened by URL, the page still runs inside the app (navigation, language switch).
            assert "缺链补链" in tab.get_by_test_id("stSidebarNav").inner_text()
            tab.get_by_text("语言 / Language").wait_for(timeout=30_000)
            no_exception(tab, path or "overview")
            name = path or "overview"
            tab.screenshot(path=str(ARTIFACTS / f"{name}-{engine}.png"), full_page=True)

        tab.goto(f"{dashboard}/console")
        tab.get_by_role("heading", name="自由查询").wait_for(timeout=60_000)
        query = tab.get_by_role("textbox", name="Cypher 查询", exact=True)
        query.fill("MATCH (f:Firm) SET f.name = 'x' RETURN f")
        tab.get_by_role("button", name="运行").last.click()
        tab.get_by_text("已拒绝").wait_for(timeout=30_000)
        no_exception(tab, "console write")
        tab.screenshot(path=str(ARTIFACTS / f"console-refusal-{engine}.png"), full_page=True)
    finally:
        tab.close()


def test_staff_path_gap_to_excel(dashboard: str, browser, engine: str) -> None:
    """缺链补链 for 青岛市/海洋人工智能 → a missing segment → leads with reasons → Excel."""
    from openpyxl import load_workbook

    ARTIFACTS.mkdir(exist_ok=True)
    tab = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        tab.goto(f"{dashboard}/gaps")
        tab.get_by_text("青岛市 · 海洋人工智能").wait_for(timeout=60_000)
        settle(tab)
        tab.get_by_role("combobox", name="查看环节证据").click()
        tab.keyboard.type("水下通信与导航定位")
        tab.get_by_role("option", name="水下通信与导航定位（缺链）").wait_for(timeout=30_000)
        tab.keyboard.press("Enter")
        tab.get_by_role("heading", name="“水下通信与导航定位”招商线索").wait_for(timeout=60_000)
        settle(tab)
        no_exception(tab, "gaps drill-down")
        tab.screenshot(path=str(ARTIFACTS / f"staff-path-{engine}.png"), full_page=True)
        with tab.expect_download(timeout=60_000) as info:
            tab.get_by_role("button", name="下载 Excel").click()
        saved = ARTIFACTS / f"staff-path-{engine}.xlsx"
        info.value.save_as(saved)
        sheet = load_workbook(saved).active
        rows = list(sheet.iter_rows(values_only=True))
        header, body = rows[0], rows[1:]
        assert sheet.title == "招商线索"
        assert "推荐理由" in header and "企业" in header
        assert body, "the Excel file has no leads"
        reasons = [r[header.index("推荐理由")] for r in body]
        assert all(str(r).startswith("水下通信与导航定位为青岛市缺链") for r in reasons)
    finally:
        tab.close()
