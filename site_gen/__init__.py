"""site-gen: a static site generator for archived live blogs.

One package per stage of the flow, each importing only the stages before it and the
shared vocabulary at this level (model, urls, errors, config, timezones, text):

    read/ -> topics/ -> render/ -> build/ -> commands/

docs/architecture.md shows what each stage hands to the next and where each kind of
change goes.
"""

__version__ = "0.1.0"


def default_templates_dir():
    """The packaged templates: inside an installed wheel, else the checkout's templates/ folder.
    (Here rather than in render/environment.py, so a build with nothing to do never imports Jinja.)"""
    from pathlib import Path

    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"
