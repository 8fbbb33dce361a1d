"""Command line: argument parsing and exit codes only.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_gen import __version__
from site_gen.errors import ContentError
from site_gen.write import OutputRefused

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

    check = commands.add_parser("check", help="check a built site for broken links, anchors and ids",
                                description="Check a built site: every internal link and #anchor and every "
                                            "feed link resolves, and no page repeats an id.")
    check.add_argument("dir", type=Path, nargs="?", default=Path("build"), metavar="DIR",
                       help="the built site (default: build)")
    check.add_argument("--base-url", default=None, metavar="URL",
                       help="the site's own address: absolute links under it are checked as internal "
                            "(default: the home page's canonical link)")
    check.set_defaults(run=_cmd_check)
    return parser


def _cmd_build(args) -> int:
    from site_gen.build import build

    config = args.config
    if config is None and Path("site.toml").exists():
        config = Path("site.toml")
    if config is not None and not config.exists():
        print(f"site-gen: error: config file not found: {config}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = build(args.content, args.out, config, strict=args.strict)
    except OSError as exc:  # disk full, no permission: the previous output is untouched
        print(f"site-gen: error: could not write the site: {exc}; {args.out} was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    for w in result.warnings:
        print(w.format(), file=sys.stderr)
    if not args.quiet:
        entries = sum(len(b.entries) for b in result.site.blogs)
        print(f"built {len(result.site.blogs)} blogs, {entries} entries, {result.files} files "
              f"into {args.out} in {result.seconds:.2f} s")
    return EXIT_OK


def _cmd_check(args) -> int:
    from site_gen.check import check_site

    if not args.dir.is_dir():
        print(f"site-gen: error: not a folder: {args.dir}", file=sys.stderr)
        return EXIT_USAGE
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
    except OutputRefused as exc:
        print(f"site-gen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        count = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"site-gen: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
