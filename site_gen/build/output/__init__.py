"""The output side of a build: the only code that writes the site, all or nothing.

    writer.Writer          every file of the site is written through it, inside one folder, once
    swap.staged_output     a full build: a fresh folder, swapped in whole
    patch.patched_output   an incremental build: only changed files moved in
    folder.check_out_dir   refuses an output folder a build must not replace
"""
