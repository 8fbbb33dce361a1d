"""Command line: argument parsing and exit codes only.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_gen import __version__
from site_gen.errors import ContentError

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
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build.set_defaults(run=_cmd_build)

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


def _cmd_topics(args) -> int:
    from site_gen.build import load_site, load_topics
    from site_gen.config import load_config
    from site_gen.topic_views import topic_table

    config = args.config
    if config is None and Path("site.toml").exists():
        config = Path("site.toml")
    if config is not None and not config.exists():
        print(f"site-gen: error: config file not found: {config}", file=sys.stderr)
        return EXIT_USAGE
    site, _ = load_site(args.content, load_config(config))
    print(topic_table(load_topics(site, config), by=args.sort), end="")
    return EXIT_OK


def _cmd_build(args) -> int:
    from site_gen.build import build

    config = args.config
    if config is None and Path("site.toml").exists():
        config = Path("site.toml")
    if config is not None and not config.exists():
        print(f"site-gen: error: config file not found: {config}", file=sys.stderr)
        return EXIT_USAGE
    result = build(args.content, args.out, config, strict=args.strict)
    for w in result.warnings:
        print(w.format(), file=sys.stderr)
    if not args.quiet:
        entries = sum(len(b.entries) for b in result.site.blogs)
        print(f"built {len(result.site.blogs)} blogs, {entries} entries, {result.files} files "
              f"into {args.out} in {result.seconds:.2f} s")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"site-gen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
