"""Command line: argument parsing and exit codes only.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from site_gen.commands.parser import parser as command_line
from site_gen.errors import ContentError
from site_gen.build.write import OutputRefused

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line mistake: printed as 'site-gen: error: ...', exit 2."""


def _config_path(args) -> Path | None:
    """--config FILE, else site.toml when present; a named file that does not exist is a usage error."""
    config = args.config
    if config is None and Path("site.toml").exists():
        config = Path("site.toml")
    if config is not None and not config.exists():
        raise UsageError(f"config file not found: {config}")
    return config


def _cmd_topics(args) -> int:
    from site_gen.build.site import load_site, load_topics
    from site_gen.config import load_config
    from site_gen.render.topic_views import topic_table

    config = _config_path(args)
    site, _ = load_site(args.content, load_config(config))
    print(topic_table(load_topics(site, config), by=args.sort), end="")
    return EXIT_OK


def _cmd_build(args) -> int:
    from site_gen.build.site import build

    from site_gen.commands.progress import Progress, summary
    from site_gen.errors import OutputChanged, SearchIndexError

    config = _config_path(args)
    progress = Progress(enabled=False if args.quiet else None)
    try:
        result = build(args.content, args.out, config, strict=args.strict, search_index=not args.no_search,
                       clean=args.clean, progress=progress)
    except SearchIndexError as exc:
        raise UsageError(str(exc)) from None
    except OutputChanged as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:  # disk full, no permission: the previous output is untouched
        print(f"site-gen: error: could not write the site: {exc}; {args.out} was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    finally:
        progress.close()
    for w in result.warnings:
        print(w.format(), file=sys.stderr)
    if args.verbose:
        for note in result.notes:
            print(note, file=sys.stderr)
    if not args.quiet:
        print(summary(result, args.out))
    return EXIT_OK


def _cmd_new(args) -> int:
    from site_gen.commands.new import NotEmpty, create

    try:
        files = create(args.dir)
    except NotEmpty as exc:
        raise UsageError(str(exc)) from None
    print(f"created a new site in {args.dir}: " + ", ".join(files))
    print("next:")
    print(f"  cd {shlex.quote(str(args.dir))}")
    print("  site-gen serve")
    return EXIT_OK


def _cmd_serve(args) -> int:
    from site_gen.commands.serve import CannotServe, serve

    try:
        return serve(args.content, _config_path(args), args.bind, args.port)
    except CannotServe as exc:
        raise UsageError(str(exc)) from None


def _cmd_inspect(args) -> int:
    import json

    from site_gen.config import load_config
    from site_gen.read.parse import parse
    from site_gen.commands.report import inspect_text
    from site_gen.commands.serialize import blog_dict
    from site_gen.read.source import read_dump

    config = _config_path(args)
    if not args.file.is_file():
        raise UsageError(f"dump not found: {args.file}")
    default_zone = load_config(config).timezone or None
    blog = parse(read_dump(args.file, args.file.as_posix()), args.file.as_posix(), default_timezone=default_zone)
    if args.json:
        print(json.dumps(blog_dict(blog), indent=1, ensure_ascii=False))
    else:
        print(inspect_text(blog), end="")
    return EXIT_OK


def _cmd_check(args) -> int:
    from site_gen.commands.check import check_site

    if not args.dir.is_dir():
        raise UsageError(f"not a folder: {args.dir}")
    report = check_site(args.dir, args.base_url)
    for problem in report.problems:
        print(problem.format())
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return EXIT_CONTENT if report.problems else EXIT_OK


COMMANDS = {"build": _cmd_build, "new": _cmd_new, "serve": _cmd_serve, "inspect": _cmd_inspect,
            "check": _cmd_check, "topics": _cmd_topics}


def main(argv: list[str] | None = None) -> int:
    parser = command_line()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (UsageError, OutputRefused) as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        count = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"site-gen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
