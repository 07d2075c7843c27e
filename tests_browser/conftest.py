"""The course in a real browser: JupyterLab on a temporary copy, driven by Chromium.

``make browser`` runs this suite (it is outside ``tests/``, so ``make unit`` never collects it).
The browser is Debian's ``chromium`` (``apt-get install chromium fonts-noto-cjk``), launched by
Playwright through ``executable_path`` — never a browser downloaded by ``playwright install``.
Without Chromium the suite fails with the command that installs it; it never passes silently.

JupyterLab serves a copy of the course (so nothing here can rewrite a committed notebook),
with autosave and news checks off, on a free localhost port with a random token, and
``expose_app_in_browser`` so a test can read the notebook model (outputs, execution counts)
instead of guessing from pixels. Measures, not timed assertions, are printed at the end.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = [os.environ.get("KAMLAB_CHROMIUM", ""), "/usr/lib/chromium/chromium",
            "/usr/bin/chromium", "/usr/bin/chromium-browser"]
INSTALL = "sudo apt-get install -y chromium fonts-noto-cjk   (Debian/Ubuntu; or set KAMLAB_CHROMIUM)"
MEASURES: list[tuple[str, str]] = []


def chromium_path() -> str | None:
    return next((p for p in CHROMIUM if p and Path(p).exists()), None)


def pytest_sessionstart(session):
    if chromium_path() is None:
        raise pytest.UsageError(f"make browser needs Chromium, which is not installed. Install it:\n"
                                f"    {INSTALL}")


def pytest_terminal_summary(terminalreporter):
    if MEASURES:
        terminalreporter.section("browser measures (medians; a printout, not a timed test)")
        width = max(len(name) for name, _ in MEASURES)
        for name, value in MEASURES:
            terminalreporter.write_line(f"{name:<{width}}  {value}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(folder: Path) -> None:
    """A throwaway JupyterLab settings folder: no autosave, no news, no update checks."""
    for plugin, values in {
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
    }.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    """A copy of the course the server may change (outputs, scratch notebooks)."""
    copy = tmp_path_factory.mktemp("course")
    for folder in ("notebooks", "trainer", "exercises"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "scratch").mkdir()
    return copy


@pytest.fixture(scope="session")
def lab(course, tmp_path_factory):
    """``(base url, token)`` of a JupyterLab serving the copy; stopped (with its kernels) after."""
    settings = tmp_path_factory.mktemp("lab-settings")
    _settings(settings)
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "IPYTHONDIR": str(ROOT / "tests" / "ipython"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    log = open(tmp_path_factory.mktemp("lab-log") / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={course}", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start; see {log.name}") from None
            time.sleep(0.3)
    yield base, token
    server.send_signal(signal.SIGTERM)  # Lab shuts its kernels down
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
