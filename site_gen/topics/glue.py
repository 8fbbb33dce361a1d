"""Whether capitalised words joined by a small word are one name, or names side by side.

"Bank of England", "Transport for Wales", "Unite to Remain" and "Bosnia and Herzegovina" are
one name each; "Abuja for Congress", "Ankara for the IMF" and "Kherson and Mykolaiv" are two.
A run joined by one of the small words of known.JOINING (of, for, to, and, in) is one name
only when the whole is a name in its own right.  At each small word, in order:

1. the whole is known or curated, or defined in the text ("... (OECD)")       one name
2. the part before it is a name on its own: a known name, an acronym, a       two names
   person, or written on its own elsewhere in the site
3. of/for after a generic head ("Bank", "Department", "Transport"), or      one name
   "of" after an organisation's ("Reserve Bank"): the head is named by what follows
4. the part after it is a name on its own (after "to": written on its own     two names
   at least as often as the whole is written)
5. the whole is written as a unit more than once, its parts not names         one name
6. otherwise                                                                  two names

Every verdict comes from counts the whole site gives (how often each name is written on its
own, how often the run is written as a unit: names.Evidence), is made once per distinct run,
and can say why (`why`), which `site-gen topics --explain` shows.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from site_gen.topics import known as K
from site_gen.topics.extract import name_key

# Every language's joining words with their kind ("of" -> "head").  Runs are judged once for
# the whole site, so one table serves all its languages; a word that joins names in one
# language and not in another would need the blog's language (issue 20) on its runs.
KINDS: dict[str, str] = {w: kind for words in K.JOINING.values() for w, kind in words.items()}
_HEADS = K.ORG_HEADS | K.PLACE_HEADS | K.GEO_HEADS


class Judge(Protocol):
    """What the rule asks of names.Decider."""

    def whole(self, key: str) -> str:
        """Why the name of this key is known as a whole ("a known name"), or ""."""

    def stands(self, part: list[str], need: int) -> str:
        """Why `part` is a name on its own ("a known name", "written on its own 3 times"), or ""."""


def joints(words) -> list[tuple[int, int]]:
    """Where small joining words sit between capitalised words: (start, end) of each, in order.

    "Ankara for the IMF" -> [(1, 3)]; particles of a name ("Charles de Gaulle") are not joints.
    """
    found = []
    i, n = 1, len(words)
    while i < n:
        if words[i][:1].islower() and not words[i - 1][:1].islower():
            j = i
            while j < n and words[j][:1].islower():
                j += 1
            if j < n and words[i].casefold() in KINDS:
                found.append((i, j))
            i = j
        i += 1
    return found


def parts(words, where: list[tuple[int, int]]) -> list[list[str]]:
    """The words between the joints: "Kherson and Mykolaiv" -> [["Kherson"], ["Mykolaiv"]]."""
    out, start = [], 0
    for s, e in where:
        out.append(list(words[start:s]))
        start = e
    out.append(list(words[start:]))
    return out


def pieces(words: list[str], judge: Judge, units: Counter, why: list | None = None) -> list[list[str]] | None:
    """The names a joined run holds, each a list of words, or None when it is one name (or has no joint)."""
    where = joints(words)
    if not where:
        return None
    text = " ".join(words)
    known = judge.whole(name_key(text))
    if known:
        _note(why, lambda: f"'{text}' is one name: {known}")
        return None
    times = units.get(name_key(text), 0)
    out, start = [], 0
    for k, (s, e) in enumerate(where):
        end = where[k + 1][0] if k + 1 < len(where) else len(words)
        left, right = words[start:s], words[e:end]
        if not _one_name(left, words[s:e], right, judge, times, why, " ".join(words[e:])):
            out.append(left)
            start = e
    out.append(words[start:])
    return out if len(out) > 1 else None


def _one_name(left: list[str], small: list[str], right: list[str], judge: Judge, times: int, why,
              rest: str = "") -> bool:
    """Whether `left small right` is one name; `rest` is all that follows the small word."""
    kind = KINDS[small[0].casefold()]
    joined = " ".join(left + small + right)
    first, second = " ".join(left), " ".join(right)
    known = judge.whole(name_key(joined))
    if known:
        _note(why, lambda: f"'{joined}' is one name: {known}")
        return True
    need = max(1, times) if kind == "phrase" else 1
    reason = judge.stands(left, need)
    if reason:
        _note(why, lambda: f"'{first}' is a name apart from '{rest or second}': '{first}' is {reason}")
        return False
    if kind == "head" and (generic(left) or small == ["of"] and left[-1].casefold() in _HEADS):
        _note(why, lambda: f"'{joined}' is one name: '{first}' is not a name on its own but a kind of "
                   f"organisation or place, named by what follows '{small[0]}'")
        return True
    reason = judge.stands(right, need)
    if reason:
        _note(why, lambda: f"'{second}' is a name apart from '{first}': '{second}' is {reason}")
        return False
    if times >= 2:
        _note(why, lambda: f"'{joined}' is one name: written as a unit {times} times, and neither "
                   f"'{first}' nor '{second}' is a name on its own")
        return True
    _note(why, lambda: f"'{first}' and '{second}' are two names: '{joined}' is written as a unit only once "
               f"and is not a known name")
    return False


def generic(words: list[str]) -> bool:
    """'Bank', 'Department', 'Centers': capitalised words that name nothing by themselves."""
    core = [w.casefold() for w in words if not w[:1].islower()]
    return bool(core) and all(w in K.GENERIC or w in K.TITLES or w.removesuffix("s") in K.GENERIC for w in core)


def _note(why: list | None, text) -> None:
    """Add the reason `text()` makes to `why`, when asked for reasons (only then is it written)."""
    if why is not None:
        why.append(text())
