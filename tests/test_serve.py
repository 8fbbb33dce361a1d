"""`site-gen serve` through the real CLI: build, serve, rebuild on change, overlay, clean stop."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import jinja2
import pytest

from conftest import REPO, run_cli
from site_gen.commands import serve

DUMP = "content/2024-04-14-city-marathon.txt"
BLOG = "/blogs/2024-04-14-city-marathon.html"
PROMISE = 2.0  # seconds: the promise for "save a dump, see the page change"


class Server:
    """`python -m site_gen serve --port 0` in a site folder, with its output lines."""

    def __init__(self, site: Path):
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "--port", "0"], cwd=site,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr), daemon=True).start()
        first = self.wait_line("serving ")
        self.url = first.split()[1]
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def _pump(self, stream, keep):
        for line in stream:
            keep.append(line.rstrip("\n"))
            if keep is self.stdout:
                self.lines.put(line.rstrip("\n"))

    def wait_line(self, prefix: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"server exited: {self.stderr}"
                continue
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r}; stdout {self.stdout}, stderr {self.stderr}")

    def wait_stderr(self, line: str, timeout: float = 10) -> None:
        """`line` printed on stderr (read by another thread, so it may arrive a moment late)."""
        deadline = time.monotonic() + timeout
        while line not in self.stderr:
            assert time.monotonic() < deadline, f"{line!r} not in stderr {self.stderr}"
            time.sleep(0.05)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get(serve.STATUS_URL)[1])

    def wait_for(self, path: str, predicate, within: float) -> str:
        """The page at `path` once `predicate(page)` holds; fails after `within` seconds."""
        deadline = time.monotonic() + within
        while True:
            _, page = self.get(path)
            if predicate(page):
                return page
            assert time.monotonic() < deadline, f"{path} did not change in {within} s: {page[-1500:]}"
            time.sleep(0.05)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=30)


@pytest.fixture
def site(tmp_path) -> Path:
    assert run_cli("new", "site", cwd=tmp_path).returncode == 0
    return tmp_path / "site"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_rebuilds_shows_errors_as_an_overlay_and_stops_on_sigint(site):
    server = Server(site)
    try:
        status, home = server.get("/")
        assert status == 200
        assert "<title>Site</title>" in home
        assert '<a href="blogs/2024-04-14-city-marathon.html">City marathon, as it happened</a>' in home
        assert serve.STATUS_URL in home and "location.reload()" in home  # the live-reload script
        assert "site-gen-overlay" not in home
        first = server.status()
        assert first["errors"] == []

        # Save a dump: the page changes.
        edit(site / DUMP, "3:05pm: Last runners cross the finish line", "3:05pm: Final runners cross the line")
        page = server.wait_for(BLOG, lambda p: "Final runners cross the line" in p, PROMISE)
        assert '<a href="#20240414-1505-final-runners-cross-the-line">' in page
        assert "Last runners" not in page
        # an ordinary incremental build of the served folder, not a whole new site
        assert server.wait_line("built ").endswith("(incremental)")
        assert [line for line in server.stdout if line.startswith("built ")][0].endswith("(full)")
        second = server.status()
        assert second["version"] != first["version"] and second["errors"] == []

        # An error: every page shows it with file:line, over the last good site.
        edit(site / DUMP, "3:05pm: Final", "25:61pm: Final")
        home = server.wait_for("/", lambda p: "site-gen-overlay" in p, PROMISE)
        assert (f"{DUMP}:11: error: time &#34;25:61pm&#34; is not a clock time\n"
                "    25:61pm: Final runners cross the line\n") in home
        assert "The page below is from the last good build." in home
        _, page = server.get(BLOG)
        assert "site-gen-overlay" in page and '<span class="p-name">Final runners cross the line</span>' in page
        third = server.status()
        assert third["version"] != second["version"]
        assert third["errors"][0].startswith(f'{DUMP}:11: error: time "25:61pm" is not a clock time')
        server.wait_stderr(f'{DUMP}:11: error: time "25:61pm" is not a clock time')

        # Fixed: the overlay goes, the page is back with the fix.
        edit(site / DUMP, "25:61pm: Final", "3:06pm: Final")
        page = server.wait_for(BLOG, lambda p: "site-gen-overlay" not in p, PROMISE)
        assert '<a href="#20240414-1506-final-runners-cross-the-line">' in page
        assert server.status()["errors"] == []

        # A template of the site and site.toml are watched too.
        (site / "templates/home.html").write_text(
            '{% extends "default:home.html" %}{% block footer %}<p>Own footer</p>{% endblock %}')
        server.wait_for("/", lambda p: "<p>Own footer</p>" in p, PROMISE)
        edit(site / "site.toml", 'title = "Site"', 'title = "Renamed archive"')
        server.wait_for("/", lambda p: "<title>Renamed archive</title>" in p, PROMISE)
        before = server.status()["version"]
        (site / "topics.toml").write_text("# no topics yet\n")
        deadline = time.monotonic() + PROMISE
        while server.status()["version"] == before:
            assert time.monotonic() < deadline, "creating topics.toml did not rebuild"
            time.sleep(0.05)
    finally:
        code = server.stop()

    assert code == 0, server.stderr
    assert server.stdout[-1] == "stopped"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
    with socket.socket() as again:  # the port is free for the next server
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", server.port))
    assert not (site / "build").exists()  # the preview never writes the user's build/


def test_first_build_failing_still_serves_the_errors_and_recovers(site):
    edit(site / DUMP, "8:15am: Welcome", "8:75am: Welcome")
    server = Server(site)
    try:
        status, page = server.get("/")
        assert status == 500
        assert "Nothing could be built yet." in page
        assert f"{DUMP}:22: error: time &#34;8:75am&#34; is not a clock time" in page
        edit(site / DUMP, "8:75am: Welcome", "8:15am: Welcome")
        server.wait_for("/", lambda p: "City marathon, as it happened" in p, PROMISE)
    finally:
        assert server.stop() == 0


def test_a_template_error_shows_its_file_and_line(site):
    server = Server(site)
    try:
        (site / "templates/blog.html").write_text('{% extends "default:blog.html" %}\n{% block content %}\n{{ oops(}\n')
        page = server.wait_for("/", lambda p: "site-gen-overlay" in p, PROMISE)
        assert "templates/blog.html:3: error: template error: " in page
    finally:
        assert server.stop() == 0


def test_a_busy_port_is_a_usage_error(site):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--port", str(port), cwd=site, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"site-gen: error: cannot listen on 127.0.0.1 port {port}: ")
    assert "(choose another with --port)" in result.stderr


def test_inject_goes_before_the_last_body_end_tag():
    assert serve.inject("<p>a</p></BODY></html>", "<s>") == "<p>a</p><s></BODY></html>"
    assert serve.inject("<p>no body</p>", "<s>") == "<p>no body</p><s>"


def test_overlay_escapes_the_messages():
    html = serve.snippet("v-1", ['x.txt:1: error: <script>alert(1)</script>'], True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_describe_gives_template_syntax_errors_a_file_and_line():
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "ok\n{% if %}"}))
    with pytest.raises(jinja2.TemplateSyntaxError) as info:
        env.get_template("t.html")
    from site_gen.errors import ContentError
    from site_gen.render.environment import template_error

    [message] = serve.describe(ContentError(template_error(info.value)))  # as build.render_site raises it
    assert message.startswith("t.html:2: error: template error: Expected an expression, got 'end of statement block'")
