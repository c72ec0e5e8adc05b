"""The literals read off a regular expression: what every match holds, and starts with.

`prefilter.Screen` uses them to skip a search that cannot match. They are read off the
expression as `re` parses it (its private `_parser`), so a vocabulary stays plain data:
a new entry is covered without anyone listing its words by hand. When the parser's
shape is not the expected one, nothing is read and every text is searched.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

MIN_WORD = 2
"""A literal shorter than this is in most texts: it would let nearly every text through."""


def required_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case literals, one of which every match of `pattern` contains; None if unknown."""
    found = requirements(pattern, flags)
    return found[0] if found else None


def requirements(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of lower-case literals such that every match of `pattern` contains one
    literal of each set, the most selective set first; () if none is known.

    "\\bweekly\\s+targets?" gives ({"target"}, {"weekly"}): "weekly active users" holds
    the one but not the other, so the expression is not searched there.
    """
    return _literals(pattern, flags)[0]


def starts(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case texts one of which every match of `pattern` starts with ("from" for
    "\\bfrom\\s+\\d"), or None: the search need not try any earlier position."""
    return _literals(pattern, flags)[1]


@functools.lru_cache(maxsize=256)
def _literals(pattern: str, flags: int) -> tuple[tuple[frozenset[str], ...], frozenset[str] | None]:
    """`requirements` and `starts` of a pattern, parsed once."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        reader = _Reader(c)
        items = reader.items(_parser.parse(pattern, flags))
        found, first = reader.required(items), reader.leading(items)
    except Exception:  # an unexpected shape of a private module: no prefilter, same answers
        return (), None
    ordered = sorted(set(found), key=lambda needles: (-_shortest(needles), sorted(needles)))
    return tuple(ordered), first


MAX_SPELLINGS = 64
"""How many spellings of a run of literals are spelled out ("e-?mails?" has four)."""
MAX_STARTS = 8
"""How many texts a match may start with for `Screen` to look where the first one is."""


_TEXT = object()
"""The op of a run of letters read as one text (`_Reader.items`)."""


class _Reader:
    """Reads the literals off a parsed expression (`re._parser`'s (op, argument) items).

    A run of items that each match one of a few texts (a letter, `\\b`, `s?`,
    `(?:each|every)`, `['’]`) matches one of their concatenations: "e-?mails?" holds
    "email", "e-mail", "emails" or "e-mails", and the shortest of them is a needle.
    """

    def __init__(self, c: Any) -> None:
        self.c = c
        self.repeats = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
        self.spelled: dict[int, frozenset[str] | None] = {}
        """`spellings` of the groups and alternations read so far, by the parsed item's id
        (the parse is alive while it is read): `required` asks again for the parts."""

    def items(self, parsed: Any) -> list[tuple[Any, Any]]:
        """The items of a parsed sequence, each run of letters as one text ("quarter")."""
        found: list[tuple[Any, Any]] = []
        letters: list[str] = []
        literal = self.c.LITERAL
        for op, av in getattr(parsed, "data", parsed):  # a SubPattern's list: no __iter__
            letter = _letter(av) if op is literal else None
            if letter is not None:
                letters.extend(letter)
                continue
            if letters:
                found.append((_TEXT, "".join(letters)))
                letters = []
            found.append((op, av))
        if letters:
            found.append((_TEXT, "".join(letters)))
        return found

    def required(self, items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
        """The requirements of a sequence: its runs of spelled-out items, its required parts."""
        found: list[frozenset[str]] = []

        def offer(candidate: frozenset[str] | None) -> None:
            if candidate and _shortest(candidate) >= MIN_WORD:
                found.append(_minimal(candidate))

        run: frozenset[str] = _NOTHING
        for op, av in items:
            spelled = self.spellings(op, av)
            if spelled is not None:
                joined = _joined(run, spelled)
                if joined is not None:
                    run = joined
                    continue
                offer(run)
                run = spelled
                continue
            offer(run)
            run = _NOTHING
            if op is self.c.SUBPATTERN:
                found += self.required(self.items(av[-1]))
            elif op is self.c.BRANCH:
                parts = [_best(self.required(self.items(branch))) for branch in av[1]]
                if all(parts):
                    offer(frozenset().union(*parts))  # type: ignore[arg-type]
            elif op in self.repeats and av[0] >= 1:
                found += self.required(self.items(av[2]))
        offer(run)
        return found

    def leading(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        """The texts one of which every match starts with (its first spelled-out run),
        when there are few and none is empty; else None."""
        run: frozenset[str] = _NOTHING
        for op, av in items:
            spelled = self.spellings(op, av)
            joined = None if spelled is None else _joined(run, spelled)
            if joined is None:
                break
            run = joined
        return run if "" not in run and len(run) <= MAX_STARTS else None

    def spellings(self, op: Any, av: Any) -> frozenset[str] | None:
        """Every lower-case text one item matches, when there are few; else None."""
        c = self.c
        if op is _TEXT:
            return frozenset([av])
        if op is c.LITERAL:
            return _letter(av)
        if op is c.AT:
            return _NOTHING  # \\b, ^, $: they match no character
        if op is c.IN:
            letters = [_letter(a) if o is c.LITERAL else None for o, a in av]
            return frozenset().union(*letters) if all(letters) else None  # type: ignore[arg-type]
        if op is c.SUBPATTERN or op is c.BRANCH:
            if id(av) not in self.spelled:
                self.spelled[id(av)] = self._group(op, av)
            return self.spelled[id(av)]
        if op in self.repeats and av[1] <= 2:
            once = self.sequence(self.items(av[2]))
            if once is None:
                return None
            found: frozenset[str] | None = _NOTHING if av[0] == 0 else None
            times: frozenset[str] | None = _NOTHING
            for count in range(1, av[1] + 1):
                times = _joined(times, once) if times is not None else None
                if times is None:
                    return None
                if count >= av[0]:
                    found = times if found is None else found | times
            return found
        return None

    def _group(self, op: Any, av: Any) -> frozenset[str] | None:
        if op is self.c.SUBPATTERN:
            return self.sequence(self.items(av[-1]))
        either: set[str] = set()
        for branch in av[1]:
            spelled = self.sequence(self.items(branch))
            if spelled is None:
                return None
            either |= spelled
            if len(either) > MAX_SPELLINGS:
                return None
        return frozenset(either)

    def sequence(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        """Every text a sequence matches, when each item has few spellings; else None."""
        run: frozenset[str] | None = _NOTHING
        for op, av in items:
            spelled = self.spellings(op, av)
            if spelled is None or run is None:
                return None
            run = _joined(run, spelled)
        return run


def _letter(code: int) -> frozenset[str] | None:
    """The text a literal matches in a lowered ASCII text: itself lowered, or for a
    symbol without case (an arrow, a dash, a curly quote) itself: a needle no ASCII text
    holds. A letter outside ASCII may match an ASCII one (the long s matches "s")."""
    letter = chr(code)
    if code < 128:
        return frozenset([letter.lower()])
    if unicodedata.category(letter)[0] in "PS":
        return frozenset([letter])
    return None


_NOTHING = frozenset([""])


def _joined(heads: frozenset[str], tails: frozenset[str]) -> frozenset[str] | None:
    if heads == _NOTHING:
        return tails
    if len(heads) * len(tails) > MAX_SPELLINGS:
        return None
    return frozenset(head + tail for head in heads for tail in tails)


def _shortest(needles: frozenset[str]) -> int:
    """How selective needles are: the length of the shortest, where one holding a symbol
    outside ASCII counts as long enough (an ASCII text never holds it)."""
    return min(len(n) if n.isascii() else max(len(n), MIN_WORD) for n in needles)


def _best(found: list[frozenset[str]]) -> frozenset[str] | None:
    return max(found, key=_shortest, default=None)


def _minimal(needles: frozenset[str]) -> frozenset[str]:
    """The needles that hold no other: a text holding "emails" holds "email" (a long word
    list is kept as it is: comparing every pair would cost more than it saves)."""
    if len(needles) == 1 or len(needles) > MAX_SPELLINGS:
        return needles
    return frozenset(n for n in needles if not any(o != n and o in n for o in needles))
