"""The Jinja environment: the site's templates first, the packaged defaults second.

A site template overrides a default by having the same name, and can extend the
default it replaces with {% extends "default:blog.html" %}.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from site_gen import default_templates_dir
from site_gen.errors import Diagnostic, error

__all__ = ["default_templates_dir", "environment", "static_files", "template_error"]


def environment(site_templates: Path | None = None, bytecode_dir: Path | None = None) -> "jinja2.Environment":
    """The Jinja environment; with `bytecode_dir`, compiled templates are kept there between builds."""
    import jinja2  # imported on first use: a build where nothing changed never needs it

    defaults = jinja2.FileSystemLoader(str(default_templates_dir()))
    loaders: list = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(site_templates)))
    loaders += [defaults, jinja2.PrefixLoader({"default": defaults}, delimiter=":")]
    env = _environment_class()(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat per get_template
        bytecode_cache=_bytecode_cache(bytecode_dir),
    )
    env.globals["search_enabled"] = False  # build.render_site turns it on when Pagefind runs
    return env


def _bytecode_cache(folder: Path | None):
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return _BytecodeCache(str(folder))


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, written with one os.rename (atomic on POSIX) like build/store.py."""

    def dump_bytecode(self, bucket) -> None:
        import os
        import tempfile

        name = self._get_cache_filename(bucket)
        with tempfile.NamedTemporaryFile(mode="wb", dir=os.path.dirname(name), prefix=os.path.basename(name),
                                         suffix=".tmp", delete=False) as f:
            bucket.write_bytecode(f)
        try:
            os.rename(f.name, name)
        except OSError:
            os.unlink(f.name)


_ENV_CLASS = None


def _environment_class():
    """jinja2.Environment where `view.key` on a view dict looks up the key first.

    Templates read views (plain dicts); Jinja's default tries getattr first and
    raises and catches an AttributeError for every `entry.anchor` (a third of the
    rendering time).  View keys never shadow dict methods, so the result is the same.
    """
    global _ENV_CLASS
    if _ENV_CLASS is None:
        import jinja2

        class ViewEnvironment(jinja2.Environment):
            def getattr(self, obj, attribute):
                if type(obj) is dict and attribute in obj:
                    return obj[attribute]
                return super().getattr(obj, attribute)

        _ENV_CLASS = ViewEnvironment
    return _ENV_CLASS


def static_files(site_templates: Path | None = None) -> dict[str, Path]:
    """name -> file for the theme's static/ folder, site files overriding defaults by name."""
    files: dict[str, Path] = {}
    for folder in (default_templates_dir(), site_templates):
        if folder is not None and (folder / "static").is_dir():
            for path in sorted((folder / "static").rglob("*")):
                if path.is_file():
                    files[path.relative_to(folder / "static").as_posix()] = path
    return files


def template_error(exc: jinja2.TemplateError) -> Diagnostic:
    """A template's own mistake -> a diagnostic naming the template file and line."""
    filename = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if filename is None:  # raised while rendering: the innermost template frame says where
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    name = _display(filename) if filename else "templates"
    return error(name, line, f"template error: {exc.message or type(exc).__name__}",
                 "fix the template; the default templates show what each page receives")


def _display(filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return filename
