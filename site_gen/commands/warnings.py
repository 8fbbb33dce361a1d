"""Warnings as a build prints them: readable for one dump and for ten thousand.

    summarise(warnings, verbose=False) -> [text]

Warnings of one kind (Diagnostic.kind: "no title given; guessed from the file name",
"an entry out of order with the entries around it", ...; a warning without a kind
is a kind of its own message) are printed in full when there are at most
FULL_UP_TO of them.  More are summed up in one: the kind, how many and in how
many files, the first few places, and the hint.  `verbose` prints every warning
in full.  Either way the order is the build's (file, then line), by the first
warning of each kind.
"""

from __future__ import annotations

from site_gen.errors import Diagnostic

FULL_UP_TO = 3  # warnings of one kind printed in full; more are summed up
PLACES = 3  # places named in a summary


def summarise(warnings: list[Diagnostic], verbose: bool = False) -> list[str]:
    if verbose:
        return [w.format() for w in warnings]
    kinds: dict[str, list[Diagnostic]] = {}
    for w in warnings:
        kinds.setdefault(w.kind or w.message, []).append(w)
    out: list[str] = []
    summed = 0
    for kind, found in kinds.items():
        if len(found) <= FULL_UP_TO:
            out.extend(w.format() for w in found)
            continue
        summed += len(found)
        files = list(dict.fromkeys(w.path for w in found))
        places = list(dict.fromkeys(w.path + (f":{w.line}" if w.line is not None else "") for w in found))
        where = ", ".join(places[:PLACES]) + (f" and {len(places) - PLACES} more" if len(places) > PLACES else "")
        count = f"{len(found)} warnings" + (f" in {len(files)} files" if len(files) > 1 else "")
        text = f"warning: {kind} ({count})\n    {where}"
        hints = {w.hint for w in found}
        if len(hints) == 1 and found[0].hint:
            text += f"\n    hint: {found[0].hint}"
        out.append(text)
    if summed:
        out.append(f"site-gen: {summed} warnings summed up by kind; --verbose prints each one")
    return out
