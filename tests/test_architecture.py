"""The package's shape (docs/architecture.md): stages import one way, no cycles, small modules.

Every import counts, function-level ones too (only `if TYPE_CHECKING:` blocks are left out):
an import inside a function still ties the two files together.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_gen"
# The stages in the order of the flow; the shared vocabulary (modules at the top) comes first.
STAGES = ("read", "topics", "render", "build", "commands")
MAX_LINES = 400
MAX_MODULES = 12


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(module: str, path: Path) -> set[str]:
    """The package's modules that `module` imports (a `from pkg import sub` names pkg.sub)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name in MODULES)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, *([base] if base else [])])
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    if sub in MODULES:
                        found.add(sub)
                    elif base in MODULES:
                        found.add(base)
            visit(child)

    visit(tree)
    found.discard(module)
    return found


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _stage(module: str) -> int:
    """0 for the shared vocabulary, then 1.. for the stages in order."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return 1 + STAGES.index(parts[1])
    if module == "site_gen.__main__":
        return len(STAGES)  # the entry point runs the command line
    return 0


def test_no_import_cycles():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def connect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            connect(v)
    assert cycles == [], f"import cycles: {cycles}"


def test_stages_import_only_the_stages_before_them():
    wrong = [f"{m} imports {other}" for m, others in GRAPH.items() for other in sorted(others)
             if _stage(other) > _stage(m)]
    assert wrong == []


def test_no_module_over_the_limit():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_folder_over_the_limit():
    folders = {p.parent for p in MODULES.values()}
    crowded = {f.relative_to(PACKAGE.parent).as_posix(): n for f in folders
               if (n := len(list(f.glob("*.py")))) > MAX_MODULES}
    assert crowded == {}


def test_every_subpackage_says_what_it_offers():
    for module, path in MODULES.items():
        if path.name == "__init__.py":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc and len(doc.split()) >= 12, f"{module}: its __init__.py needs a docstring"


def test_a_build_with_nothing_to_do_imports_only_what_it_needs(tmp_path):
    """Start-up (docs/architecture.md): the nothing-changed path is build/site.py -> build/plan.py;
    the rest is imported inside the function that first needs it, once a build has work to do."""
    import shutil
    import subprocess
    import sys

    from conftest import SAMPLE

    (tmp_path / "content").mkdir()
    shutil.copy(SAMPLE, tmp_path / "content" / SAMPLE.name)
    (tmp_path / "site.toml").write_text('title = "T"\ntimezone = "Europe/Paris"\n', encoding="utf-8")
    first = subprocess.run([sys.executable, "-m", "site_gen", "build", "--no-search", "-q"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    probe = ("import sys, runpy; sys.argv = ['site-gen', 'build', '--no-search']\n"
             "try:\n    runpy.run_module('site_gen', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    again = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert "(nothing changed)" in again.stdout, again.stdout + again.stderr
    loaded = set(again.stderr.split()[-1000:])
    heavy = {"jinja2", "markdown", "yaml", "dateutil", "site_gen.read.parse", "site_gen.build.incremental",
             "site_gen.build.perblog", "site_gen.topics.index", "site_gen.model"}
    assert heavy & loaded == set()
    assert not any(m.startswith("site_gen.render") for m in loaded)


def test_the_architecture_page_names_every_stage():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for stage in STAGES:
        assert f"{stage}/" in page, stage
    for module in ("model.py", "urls.py", "errors.py", "config.py", "timezones.py", "text.py"):
        assert module in page, module
