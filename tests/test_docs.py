"""The documentation says what the code does: settings, commands, template names, URLs, links."""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, run_cli
from site_gen import config
from site_gen.commands import reference
from site_gen.render import views
from site_gen.build.site import load_site
from site_gen.commands.parser import parser as _parser
from site_gen.commands.new import create

DOCS = REPO / "docs"
# Written on other branches (feeds, topics); linked from here already.  Checked once they exist.
PENDING = {"docs/feeds.md", "docs/topics.md"}
REFRESH = "run `python -m site_gen.commands.reference` to refresh it"


def read(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


def table_names(text: str) -> list[str]:
    """The backticked names in the first column of the Markdown tables of `text`."""
    return re.findall(r"(?m)^\| `([^`]+)` \|", text)


# ---- settings -------------------------------------------------------------------------------

def test_config_md_is_up_to_date_with_config_py():
    block = reference.generated_block(read("docs/config.md"), "config.md")
    assert block == reference.config_markdown(), f"docs/config.md is out of date: {REFRESH}"


def test_every_setting_is_documented_and_every_documented_setting_exists():
    block = reference.generated_block(read("docs/config.md"), "config.md")
    assert table_names(block) == list(config.KEYS)


def test_documented_defaults_are_the_real_defaults():
    block = reference.generated_block(read("docs/config.md"), "config.md")
    documented = {}
    for key, default in re.findall(r"(?m)^\| `(\w+)` \| [^|]+ \| `([^`]*)` \|", block):
        documented[key] = tomllib.loads(f"v = {default}")["v"]
    assert documented == dataclasses.asdict(config.Config())


def test_every_setting_has_a_description():
    for setting in reference.settings():
        assert len(setting.description.split()) >= 2, setting.key


def test_a_setting_without_a_comment_is_refused(monkeypatch):
    source = "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass Config:\n    x: int = 1\n"
    monkeypatch.setattr(reference.inspect, "getsource", lambda module: source)
    monkeypatch.setattr(reference.dataclasses, "fields", lambda cls: [dataclasses.field(default=1)])
    with pytest.raises(Exception):
        reference.settings()


def test_comments_above_a_field_describe_it(monkeypatch):
    source = ("class Config:\n    # first line\n    # second line\n    x: int = 1\n"
              "    y: str = ''  # beside\n")

    @dataclasses.dataclass
    class Config:
        x: int = 1
        y: str = ""

    monkeypatch.setattr(reference.inspect, "getsource", lambda module: source)
    monkeypatch.setattr(reference.config_module, "Config", Config)
    assert [(s.key, s.description) for s in reference.settings()] == [
        ("x", "first line second line"), ("y", "beside")]


# ---- commands -------------------------------------------------------------------------------

def test_commands_md_is_up_to_date_with_the_parser():
    block = reference.generated_block(read("docs/commands.md"), "commands.md")
    assert block == reference.commands_markdown(), f"docs/commands.md is out of date: {REFRESH}"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", [name for name, _, _ in reference.subcommands(_parser())])
def test_each_commands_help_says_what_commands_md_says(name):
    result = run_cli(name, "--help")
    assert result.returncode == 0, result.stderr
    shown = _words(result.stdout)
    block = reference.generated_block(read("docs/commands.md"), "commands.md")
    section = block.split(f"### site-gen {name}\n", 1)[1].split("### ", 1)[0]
    rows = re.findall(r"(?m)^\| `([^`]+)` \| (.*) \|$", section)
    assert rows, section
    for written, meaning in rows:
        assert _words(written.split(", ")[-1]) in shown, written
        assert _words(meaning.replace("\\|", "|")) in shown, meaning
    description = section.split("\n\n", 1)[0].strip()
    assert _words(description) in shown


def test_commands_md_lists_exactly_the_commands():
    block = reference.generated_block(read("docs/commands.md"), "commands.md")
    documented = re.findall(r"(?m)^### site-gen (\S+)$", block)
    assert documented == [name for name, _, _ in reference.subcommands(_parser())]
    assert {"build", "new", "serve"} <= set(documented)


def test_docs_only_name_commands_that_exist():
    commands = {name for name, _, _ in reference.subcommands(_parser())}
    for path in [REPO / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        code = re.findall(r"```.*?```", text, re.S) + re.findall(r"`[^`\n]+`", re.sub(r"```.*?```", "", text, flags=re.S))
        for used in re.findall(r"(?<![\w/.-])site-gen ([a-z][a-z-]*)", "\n".join(code)):
            assert used in commands, f"{path.name} shows `site-gen {used}`, which is not a command"


# ---- templates -------------------------------------------------------------------------------

def _names(value, prefix: str, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            _names(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out.add(prefix + "[]")
        for item in value:
            _names(item, prefix + "[]", out)
    else:
        out.add(prefix)
    return out


def _view_names() -> set[str]:
    names: set[str] = set()
    settings = config.Config(base_url="https://archive.example.org/")
    for content in (SAMPLE.parent, REPO / "site_gen/commands/skeleton/content"):
        site, _ = load_site(content, settings)
        for blog in site.blogs:
            _names(views.blog_page(site, blog), "", names)
        _names(views.home_page(site), "", names)
    return names


def test_every_template_name_is_documented_and_every_documented_name_exists():
    documented = {n for n in table_names(read("docs/templates.md")) if re.fullmatch(r"[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*", n)}
    documented = {n for n in documented if not re.fullmatch(r"[a-z_]+\.html", n)}  # template files, not values
    made = _view_names()
    assert sorted(made - documented) == [], "names templates receive that docs/templates.md does not list"
    assert sorted(documented - made) == [], "names docs/templates.md lists that templates do not receive"


def test_the_override_example_in_templates_md_works(tmp_path):
    example = re.search(r"```jinja\n(.*?)```", read("docs/templates.md"), re.S).group(1)
    site = tmp_path / "site"
    create(site)
    (site / "templates/blog.html").write_text(example, encoding="utf-8")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    page = (site / "build/blogs/2024-04-14-city-marathon.html").read_text(encoding="utf-8")
    assert '<p class="archive-note">Archived copy of a live page of the Site; 5 entries.</p>' in page
    assert page.index('class="archive-note"') < page.index('City marathon, as it happened</h1>')


# ---- URLs -------------------------------------------------------------------------------------

def test_the_url_examples_are_real(example_build):
    text = read("docs/urls.md")
    for path in re.findall(r"`((?:blogs|static)/[^`<>]+|index\.html)`", text):
        file, _, anchor = path.partition("#")
        assert (example_build / file).is_file(), path
        if anchor:
            assert f'id="{anchor}"' in (example_build / file).read_text(encoding="utf-8"), path


# ---- getting started -------------------------------------------------------------------------

def test_the_getting_started_dump_builds(tmp_path):
    text = read("docs/getting-started.md")
    name = re.search(r"```\n(content/[^\n]+\.txt)\n```", text).group(1)
    dump = re.search(r"```\n(Thousands were.*?)```", text, re.S).group(1)
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text(dump, encoding="utf-8")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "build/blogs/2023-06-06-dam-collapse.html").read_text(encoding="utf-8")
    assert '<time class="dt-published" datetime="2023-06-06T18:40:00+03:00">6:40pm</time>' in page
    assert "All times are Kyiv time (Europe/Kyiv, UTC+03:00)." in page


def test_the_getting_started_error_is_what_site_gen_prints(tmp_path):
    text = read("docs/getting-started.md")
    shown = re.search(r"The terminal prints\n\n```\n(.*?)```", text, re.S).group(1)
    site = tmp_path / "site"
    create(site)
    dump = site / "content/2024-04-14-city-marathon.txt"
    dump.write_text(dump.read_text().replace("3:05pm: Last", "25:61pm: Last"))
    result = run_cli("build", cwd=site)
    assert result.returncode == 1
    assert result.stderr.startswith(shown)


def test_the_settings_examples_are_valid(tmp_path):
    for name in ("docs/getting-started.md", "docs/config.md"):
        for block in re.findall(r"```toml\n(.*?)```", read(name), re.S):
            (tmp_path / "site.toml").write_text(block, encoding="utf-8")
            loaded = config.load_config(tmp_path / "site.toml")
            assert loaded.base_url == "https://archive.example.org/"


def test_the_unknown_setting_example_is_what_site_gen_says(tmp_path):
    shown = re.search(r"```\n(site\.toml:2: .*?)\n    hint: known settings: title, description, base_url, \.\.\.",
                      read("docs/config.md"), re.S).group(1)
    (tmp_path / "site.toml").write_text('title = "x"\ntilte = "y"\n')
    (tmp_path / "content").mkdir()
    shutil.copy(SAMPLE, tmp_path / "content")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(shown + "\n    hint: known settings: title, description, base_url, ")


# ---- README and links ------------------------------------------------------------------------

def test_readme_keeps_the_ci_test_command():
    ci = read(".ci/run").strip().splitlines()[-1]
    assert ci in read("README.md")


def test_readme_screenshot_is_a_small_png():
    image = re.search(r"!\[[^\]]+\]\(([^)]+)\)", read("README.md")).group(1)
    data = (REPO / image).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < 150_000


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to '-'."""
    found = set()
    for heading in re.findall(r"(?m)^#+ (.+)$", markdown):
        found.add(re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-"))
    return found


def test_links_in_readme_and_docs_lead_somewhere():
    problems = []
    for path in [REPO / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            resolved = (path.parent / file).resolve() if file else path
            rel = resolved.relative_to(REPO).as_posix()
            if rel in PENDING and not resolved.exists():
                continue
            if not resolved.exists():
                problems.append(f"{path.name}: {target}: no such file")
            elif anchor and anchor not in _anchors(resolved.read_text(encoding="utf-8")):
                problems.append(f"{path.name}: {target}: no such heading")
    assert problems == []


def test_every_doc_is_linked_from_the_readme():
    readme = read("README.md")
    for path in sorted(DOCS.glob("*.md")):
        assert f"(docs/{path.name})" in readme, path.name
