"""The command line's grammar: every command and option, with its help text.

cli.py runs what it parses; commands/reference.py documents it (docs/commands.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from site_gen import __version__


def parser() -> argparse.ArgumentParser:
    """Every command and option; cli.main runs the command named (`command`)."""
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
    loud.add_argument("-v", "--verbose", action="store_true", help="also say what the cache reused")

    new = commands.add_parser("new", help="create a new site folder to start from",
                              description="Create a ready site in DIR: site.toml with every setting, "
                                          "content/ with one example dump, templates/ for overrides, "
                                          "and a .gitignore.")
    new.add_argument("dir", type=Path, metavar="DIR", help="folder to create (it may exist if it is empty)")

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

    inspect = commands.add_parser(
        "inspect", help="show what the parser understood of one dump",
        description="Print one dump as the parser understood it: date, time zone and where it came "
                    "from, each entry (line, datetime, anchor, headline, paragraphs), lede, notice, "
                    "credit and every warning.")
    inspect.add_argument("file", type=Path, metavar="FILE", help="a dump (.txt or .md)")
    inspect.add_argument("--json", action="store_true", help="print the parsed model as JSON")
    inspect.add_argument("--config", type=Path, default=None, metavar="FILE",
                         help="site settings, for the default time zone (default: site.toml when present)")

    check = commands.add_parser("check", help="check a built site for broken links, anchors and ids",
                                description="Check a built site: every internal link and #anchor and every "
                                            "feed link resolves, and no page repeats an id.")
    check.add_argument("dir", type=Path, nargs="?", default=Path("build"), metavar="DIR",
                       help="the built site (default: build)")
    check.add_argument("--base-url", default=None, metavar="URL",
                       help="the site's own address: absolute links under it are checked as internal "
                            "(default: the home page's canonical link)")

    topics = commands.add_parser("topics", help="print the topic table, to curate topics.toml",
                                 description="Print every topic found in the dumps: entries mentioning it, "
                                             "its page name and the written forms merged into it.")
    topics.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="folder of dumps (default: content)")
    topics.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="site settings; topics.toml is read beside it (default: site.toml when present)")
    topics.add_argument("--sort", choices=("count", "name"), default="count",
                        help="most mentioned first (default), or alphabetical")
    return parser
