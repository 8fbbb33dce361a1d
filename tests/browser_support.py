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

