"""`site-gen serve`: build, serve on loopback, rebuild on change, reload open pages.

- The site is built into a temporary folder of its own, never into build/: the
  folder `site-gen build` makes for publishing is never touched by a preview.
  Every rebuild is an ordinary incremental build of that folder: it makes again only
  what the change touched, and a build with errors leaves the folder as it was, so
  the last good site stays served while a dump has errors.
- HTML responses get a small script (and, while there are errors, an overlay with
  every `file:line` message) inserted on the fly before `</body>`.  The files on
  disk are the ones `site-gen build` would write; the script never reaches them.
- The script polls STATUS_URL and reloads the page when the site version changes:
  after a rebuild, when errors appear and when they are fixed.
- Ctrl-C (or SIGTERM) stops watching, closes the socket and removes the folder.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from site_gen.errors import ContentError
from site_gen.commands.watch import Watcher

# A route of the preview server only; never a path of the built site (hence not in urls.py).
STATUS_URL = "/_site-gen/status"
POLL_MS = 300

_SNIPPET = jinja2.Environment(autoescape=True).from_string("""\
{% if errors %}
<div id="site-gen-overlay" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;\
max-height:80vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#fff0f0;color:#600;\
border-bottom:4px solid #c00;font:15px/1.45 system-ui,sans-serif;text-align:left">
<p style="margin:0 0 .5rem"><strong>site-gen: the site could not be rebuilt.</strong> \
{{ "The page below is from the last good build." if has_site else "Nothing could be built yet." }} \
Fix the file and save: this page reloads by itself.</p>
<pre style="margin:0;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace">{{ errors | join("\\n\\n") }}</pre>
</div>
{% endif %}
<script>/* site-gen serve: live reload (not part of the built site) */
(function () {
  var served = {{ version | tojson }};
  function poll() {
    fetch({{ status_url | tojson }}, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) { if (s.version !== served) { location.reload(); } else { setTimeout(poll, {{ poll_ms }}); } },
            function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, {{ poll_ms }});
})();
</script>
""")

_NO_SITE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>site-gen: build failed</title></head>
<body><main><h1>site-gen serve</h1><p>The site has errors; see below and in the terminal.</p></main>
</body></html>
"""


class CannotServe(Exception):
    pass


class Preview:
    """What is being served: the last good build, the current errors, and a version for reloads."""

    def __init__(self, content: Path, config_path: Path | None, work: Path):
        self.content = content
        self.config_path = config_path
        self.work = work
        self.lock = threading.Lock()
        self.site_dir: Path | None = None
        self.errors: list[str] = []
        self._run = secrets.token_hex(4)  # pages of an earlier serve reload on their next poll
        self._count = 0

    @property
    def version(self) -> str:
        return f"{self._run}-{self._count}"

    def snapshot(self) -> tuple[Path | None, list[str], str]:
        with self.lock:
            return self.site_dir, list(self.errors), self.version

    def rebuild(self) -> bool:
        """Build the served folder again; on errors it is left as it was (still served) and they are shown."""
        out = self.work / "site"
        started = time.perf_counter()
        try:
            result = run_build(self.content, out, self.config_path)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the server keeps going
            errors = describe(exc)
            for text in errors:
                print(text, file=sys.stderr, flush=True)
            print(f"site-gen: {len(errors)} error{'s' if len(errors) != 1 else ''}; "
                  "still serving the last good build", file=sys.stderr, flush=True)
            with self.lock:
                if errors != self.errors:
                    self.errors = errors
                    self._count += 1
            return False
        for w in result.warnings:
            print(w.format(), file=sys.stderr, flush=True)
        with self.lock:
            self.site_dir = out
            self.errors = []
            self._count += 1
        print(f"built {result.blogs} blogs, {result.entries} entries, {result.files} files "
              f"in {time.perf_counter() - started:.2f} s ({result.kind})", flush=True)
        return True


def run_build(content: Path, out: Path, config_path: Path | None):
    """The one place serve builds the site (always into the same folder: its build cache,
    `.site-gen-cache/site/` beside it, makes rebuilds incremental)."""
    from site_gen.build.site import build

    return build(content, out, config_path)


def describe(exc: Exception) -> list[str]:
    """`file:line: message` lines for any failure of a build."""
    if isinstance(exc, ContentError):  # template mistakes too: build.render_site names file and line
        return [d.format() for d in exc.diagnostics]
    traceback.print_exception(exc)
    return [f"error: {type(exc).__name__}: {exc}"]


def snippet(version: str, errors: list[str], has_site: bool) -> str:
    return _SNIPPET.render(version=version, errors=errors, has_site=has_site,
                           status_url=STATUS_URL, poll_ms=POLL_MS)


def inject(html: str, extra: str) -> str:
    """`extra` inserted just before the last </body>, or at the end when there is none."""
    at = html.lower().rfind("</body>")
    return html + extra if at < 0 else html[:at] + extra + html[at:]


class Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview  # set on the subclass made by make_server

    def send_head(self):
        if urlsplit(self.path).path == STATUS_URL:
            _, errors, version = self.preview.snapshot()
            return self._send(200, "application/json", json.dumps({"version": version, "errors": errors}))
        site_dir, errors, version = self.preview.snapshot()
        if site_dir is None:
            return self._send(500, "text/html; charset=utf-8", inject(_NO_SITE_PAGE, snippet(version, errors, False)))
        self.directory = str(site_dir)
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                page = f.read()
            return self._send(200, "text/html; charset=utf-8", inject(page, snippet(version, errors, True)))
        return super().send_head()

    def _send(self, status: int, content_type: str, text: str):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the page polls several times a second
        pass


def make_server(preview: Preview, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server_class = http.server.ThreadingHTTPServer
    if ":" in bind:
        server_class = type("Server6", (server_class,), {"address_family": socket.AF_INET6})
    try:
        return server_class((bind, port), handler)
    except OSError as exc:
        raise CannotServe(f"cannot listen on {bind} port {port}: {exc.strerror or exc}"
                          + (" (choose another with --port)" if port else "")) from None


def serve(content: Path, config_path: Path | None, bind: str, port: int) -> int:
    """Serve until Ctrl-C; returns the exit status."""
    root = (config_path.parent if config_path is not None else Path(".")).absolute()
    work = Path(tempfile.mkdtemp(prefix="site-gen-serve-"))
    preview = Preview(content, config_path, work)
    server = None
    watcher = None
    previous = _stop_on_sigterm()
    try:
        server = make_server(preview, bind, port)
        watcher = Watcher(root, lambda: _root_names(root, content, config_path),
                          lambda: _deep_folders(content, config_path))
        preview.rebuild()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                         name="site-gen-http", daemon=True).start()
        host, actual_port = server.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        print(f"serving http://{shown}:{actual_port}/  (Ctrl-C to stop)", flush=True)
        if bind not in ("127.0.0.1", "localhost", "::1"):
            print(f"note: listening on {bind}: other machines can reach this preview", flush=True)
        print("watching " + ", ".join(_shown(p) for p in watcher.watched()), flush=True)
        while True:
            changed = watcher.next_batch(timeout=1.0)
            if changed:
                # Editors' short-lived temporary files (no suffix, already gone) are not worth naming.
                named = sorted(_shown(Path(p)) for p in changed if Path(p).exists() or Path(p).suffix)
                print("changed: " + (", ".join(named) or "(temporary files)"), flush=True)
                preview.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        if watcher is not None:
            watcher.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(work, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print("stopped", flush=True)
    return 0


def _root_names(root: Path, content: Path, config_path: Path | None) -> set[str]:
    names = {"site.toml", "topics.toml"}
    if config_path is not None:
        names.add(config_path.name)
    for folder in _deep_folders(content, config_path):
        if folder.absolute().parent == root:
            names.add(folder.name)
    return names


def _deep_folders(content: Path, config_path: Path | None) -> list[Path]:
    folders = [content]
    if config_path is not None:
        folders.append(config_path.parent / _templates_setting(config_path))
    return folders


def _templates_setting(config_path: Path) -> str:
    from site_gen.config import load_config

    try:
        return load_config(config_path).templates
    except ContentError:
        return "templates"


def _shown(path: Path) -> str:
    try:
        text = path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        text = str(path)
    return text + "/" if path.is_dir() else text


def _stop_on_sigterm():
    """SIGTERM stops the server like Ctrl-C does (only possible from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)
