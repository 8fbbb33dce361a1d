"""Commands: the command line, thin over the stages.

    cli.main(argv) -> exit code       `site-gen build | new | serve | inspect | check | topics`
    parser.parser()                   the grammar of the command line (documented by reference.py)

serve.py and watch.py preview a site and rebuild it on change; new.py makes a new site
from skeleton/; report.py and serialize.py print what `inspect` understood; check.py
checks a built site's links; progress.py draws the progress bar and the build summary.
"""
