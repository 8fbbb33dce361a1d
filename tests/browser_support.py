"""Helpers for the browser tests: serve a built site on localhost, find Chromium and axe-core.

Chromium is Debian's (/usr/bin/chromium), never a downloaded build; axe-core is the
npm package that .ci/run installs into .cache/axe.  Outside CI a missing piece
skips the browser tests with the reason; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_JS = Path(os.environ.get("AXE_CORE_JS") or REPO / ".cache/axe/node_modules/axe-core/axe.min.js")
ARTIFACTS = REPO / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` on a developer machine; fail in CI, where .ci/run installs everything."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (.ci/run should have installed it)")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class SiteServer:
    """The built site on http://127.0.0.1:<free port>/ in a daemon thread, 404.html for misses."""

    def __init__(self, root: Path):
        handler = functools.partial(_NotFoundHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _NotFoundHandler(_QuietHandler):
    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)



# Fixtures shared by the browser test modules (each imports them by name).
@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright is not installed (pip install playwright)")
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def open_page(browser):
    """open_page(url, viewport=..., color_scheme=..., **context options) -> a fresh page, its
    script errors in `page.js_errors`."""
    contexts = []

    def _open(url, viewport=DESKTOP, color_scheme="light", **options):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, **options)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        page.goto(url)
        return page

    yield _open
    for context in contexts:
        context.close()
