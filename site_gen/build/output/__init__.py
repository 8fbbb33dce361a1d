"""The output side of a build: the only code that writes the site, all or nothing, and never
over the user's files.

    writer.Writer          every file of the site is written through it, inside one folder, once
    swap.staged_output     a full build: a fresh folder, the user's files carried over, swapped in whole
    patch.patched_output   an incremental build: only changed files moved in, site-gen's stale ones deleted
    folder                 what in the output folder site-gen wrote (its RECORD, the cache); check_out_dir
    keep.Keep              what is the user's: dotfiles, CNAME, _headers, _redirects, the `keep` patterns
    guard.check            before going live: clashes refused, replaced or left files named

What a build may touch in its output folder: the files it wrote there before (listed in
the folder's `.site-gen-files` and in the cache) and the files it writes now.  Nothing else
is ever deleted, overwritten or moved (docs/commands.md says the same for users).
"""
