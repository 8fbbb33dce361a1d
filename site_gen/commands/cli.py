"""Command line: argument parsing and exit codes only.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from site_gen import __version__
from site_gen.errors import ContentError
from site_gen.build.write import OutputRefused

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-gen", description="Build a static website from archived live-blog dumps.")
    parser.add_argument("--version", action="version", version=f"site-gen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site from content/ into build/",
                                description="Build the site from a folder of dumps.")
    build.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                       help="folder of dumps (default: content)")
    build.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                       help="output folder, replaced only when the build succeeds (default: build)")
    build.add_argument("--config", type=Path, default=None, metavar="FILE",
                       help="site settings (default: site.toml when present)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--no-search", action="store_true",
                       help="skip the Pagefind search index and the search page (faster: "
                            "Pagefind indexes every blog page again whenever anything changed)")
    build.add_argument("--clean", action="store_true",
                       help="ignore and clear the build cache (.site-gen-cache/ beside the output folder)")
    loud = build.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="print every warning (not only a summary of each kind) and say what the cache reused")
    build.set_defaults(run=_cmd_build)

    new = commands.add_parser("new", help="create a new site folder to start from",
                              description="Create a ready site in DIR: site.toml with every setting, "
                                          "content/ with one example dump, templates/ for overrides, "
                                          "and a .gitignore.")
    new.add_argument("dir", type=Path, metavar="DIR", help="folder to create (it may exist if it is empty)")
    new.set_defaults(run=_cmd_new)

    serve = commands.add_parser("serve", help="preview the site, rebuilding and reloading on every change",
                                description="Build the site, serve it, and rebuild it whenever a dump, "
                                            "a template, site.toml or topics.toml changes; open pages "
                                            "reload by themselves and show errors as an overlay. The preview "
                                            "is built in a temporary folder: build/ is never touched.")
    serve.add_argument("--port", type=int, default=8000, metavar="PORT",
                       help="port to listen on; 0 picks a free one (default: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                       help="folder of dumps (default: content)")
    serve.add_argument("--config", type=Path, default=None, metavar="FILE",
                       help="site settings (default: site.toml when present)")
    serve.set_defaults(run=_cmd_serve)

    inspect = commands.add_parser(
        "inspect", help="show what the parser understood of one dump",
        description="Print one dump as the parser understood it: date and time zone and where each "
                    "came from, the heading style(s) inferred for the dump, each entry (line, datetime, "
                    "anchor, headline, paragraphs), every line that looked like a heading but was not "
                    "read as one and why, lede, notice, credit and every warning.")
    inspect.add_argument("file", type=Path, metavar="FILE", help="a dump (.txt or .md)")
    inspect.add_argument("--json", action="store_true", help="print the parsed model as JSON")
    inspect.add_argument("--config", type=Path, default=None, metavar="FILE",
                         help="site settings, for the default time zone (default: site.toml when present)")
    inspect.set_defaults(run=_cmd_inspect)

    check = commands.add_parser("check", help="check a built site for broken links, anchors and ids",
                                description="Check a built site: every internal link and #anchor and every "
                                            "feed link resolves, and no page repeats an id.")
    check.add_argument("dir", type=Path, nargs="?", default=Path("build"), metavar="DIR",
                       help="the built site (default: build)")
    check.add_argument("--base-url", default=None, metavar="URL",
                       help="the site's own address: absolute links under it are checked as internal "
                            "(default: the home page's canonical link)")
    check.set_defaults(run=_cmd_check)

    topics = commands.add_parser("topics", help="print the topic table, to curate topics.toml",
                                 description="Print every topic found in the dumps: entries mentioning it, "
                                             "its page name and the written forms merged into it.")
    topics.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="folder of dumps (default: content)")
    topics.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="site settings; topics.toml is read beside it (default: site.toml when present)")
    topics.add_argument("--sort", choices=("count", "name"), default="count",
                        help="most mentioned first (default), or alphabetical")
    topics.set_defaults(run=_cmd_topics)
    return parser


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
    from site_gen.commands.warnings import summarise
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
    for text in summarise(result.warnings, verbose=args.verbose):
        print(text, file=sys.stderr)
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
    from site_gen.read.source import file_date, read_dump

    config = _config_path(args)
    if not args.file.is_file():
        raise UsageError(f"dump not found: {args.file}")
    default_zone = load_config(config).timezone or None
    blog = parse(read_dump(args.file, args.file.as_posix()), args.file.as_posix(), default_timezone=default_zone,
                 file_date=file_date(args.file))
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


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except (UsageError, OutputRefused) as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        count = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"site-gen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
