"""`site-gen new DIR`: a ready site to start from.

The new folder holds site.toml (every setting, each with its description and its
default, commented out), content/ with one small example dump, an empty
templates/ with a README on overriding, and a .gitignore.  The files come from
site_gen/commands/skeleton/; site.toml is made from reference.settings() so it always lists
exactly the settings config.Config has.
"""

from __future__ import annotations

import json
from pathlib import Path

from site_gen.commands.reference import settings
from site_gen.build.write import Writer

SKELETON = Path(__file__).parent / "skeleton"
# Skeleton file -> path in the new site.  (The .gitignore is stored without its dot so that
# packaging tools do not read it as the ignore list of site-gen itself.)
FILES = {
    "content/2024-04-14-city-marathon.txt": "content/2024-04-14-city-marathon.txt",
    "templates/README.md": "templates/README.md",
    "gitignore": ".gitignore",
}


class NotEmpty(Exception):
    pass


def site_toml(title: str) -> str:
    lines = [
        "# Settings of this site: every setting site-gen knows, with what it does.",
        "# A commented-out line shows the default; remove the '#' to change it.",
        "# Reference: docs/config.md in the site-gen documentation.",
    ]
    for s in settings():
        lines.append("")
        lines.append(f"# {s.description}")
        if s.key == "title":
            lines.append(f"title = {json.dumps(title, ensure_ascii=False)}")
        elif s.key == "base_url":  # feeds need absolute links: a placeholder to change, as Hugo does
            lines.append("# Change this to the address the site is published at.")
            lines.append('base_url = "https://archive.example.org/"')
        else:
            lines.append(f"# {s.key} = {s.default_toml}")
    return "\n".join(lines) + "\n"


def title_for(folder: Path) -> str:
    """A first title from the folder name: 'my-archive' -> 'My archive'."""
    words = folder.absolute().name.replace("-", " ").replace("_", " ").split()
    return " ".join(words).capitalize() if words else "Live blog archive"


def create(folder: Path) -> list[str]:
    """Write a new site into `folder` (created; must be empty if it exists); returns the files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(f"{folder} already exists and is not an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(folder)
    writer.write("site.toml", site_toml(title_for(folder)))
    for source, target in FILES.items():
        writer.write(target, (SKELETON / source).read_bytes())
    return sorted(writer.written)
