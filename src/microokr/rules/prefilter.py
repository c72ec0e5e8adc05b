"""A cheap test that tells when none of a vocabulary's regular expressions can match.

The heuristics (MO102, MO801, MO802) search every statement of every sprint with
word lists of regular expressions. Almost no statement matches, and Python's `re`
tries every alternative at every position, which cost ~3 s of a 10,000-sprint lint.
A regular expression can only match a text that contains one of a few literal
words (`\\b(?:daily|weekly)\\s+target` needs "daily" or "weekly"); those words are
read off the parsed expression, so the vocabularies stay plain documented data and
a new entry is covered without anyone listing its words by hand.

The test is only a necessary condition: a text that passes it goes through the
regular expressions exactly as before, so the answers are unchanged. It is used on
ASCII text only, where `str.lower()` and `re.IGNORECASE` agree letter for letter
(Unicode case folding has exceptions such as the long s and the Kelvin sign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MIN_WORD = 2
"""A literal shorter than this is in most texts: it would let nearly every text through."""


def required_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case literals, one of which every match of `pattern` contains; None if unknown."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        found = _sequence(list(parsed), c)
    except Exception:  # an unexpected shape of a private module: no prefilter, same answers
        return None
    return found


def _sequence(items: list[tuple[Any, Any]], c: Any) -> frozenset[str] | None:
    """The best requirement of a sequence: its longest literal run or a required part."""
    best: frozenset[str] | None = None

    def offer(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if len(run) >= MIN_WORD:
            offer(frozenset(["".join(run)]))
        run = []
        if op is c.SUBPATTERN:
            offer(_sequence(list(av[-1]), c))
        elif op is c.BRANCH:
            parts = [_sequence(list(branch), c) for branch in av[1]]
            if all(parts):
                offer(frozenset().union(*parts))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            offer(_sequence(list(av[2]), c))
    if len(run) >= MIN_WORD:
        offer(frozenset(["".join(run)]))
    return best


def lowered_ascii(text: str) -> str | None:
    """`text` in lower case when it is ASCII (where the screens apply), else None.

    Computed once per statement and handed to every screen of it.
    """
    return text.lower() if text.isascii() else None


def _contains_any(lowered: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:  # noqa: SIM110 - a plain loop: cheaper than any() over a generator
        if needle in lowered:
            return True
    return False


class Screen:
    """A regular expression with the literals one of which each match contains.

    Both are made on first use, and the expression only once a text passes the
    literals: most runs never compile most of the vocabulary (on a small workspace,
    compiling it all was a sixth of `lint`'s start-up).
    """

    __slots__ = ("_needles", "_regex", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regex: re.Pattern[str] | None = None
        self._needles: tuple[str, ...] | bool | None = False  # False: not read off yet

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    @property
    def needles(self) -> tuple[str, ...] | None:
        if self._needles is False:
            found = required_words(self.pattern, self.flags)
            self._needles = tuple(sorted(found)) if found else None
        return self._needles  # type: ignore[return-value]

    def may_match(self, lowered: str | None) -> bool:
        """False only when `lowered` (see `lowered_ascii`) lacks every needle, which
        proves the regular expression cannot match the text."""
        if lowered is None:
            return True
        needles = self.needles
        return needles is None or _contains_any(lowered, needles)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """`self.regex.search(text)`, skipped when `may_match` proves there is no match."""
        return self.regex.search(text) if self.may_match(lowered) else None


class Screens:
    """An ordered word list of regular expressions, searched for the first that matches.

    The needles of all its screened patterns are checked first, together: a text
    holding none of them is searched only with the patterns that have no needles.
    """

    __slots__ = ("_every", "_union", "_unscreened")

    def __init__(self, patterns: Iterable[str], flags: int = 0) -> None:
        self._every = tuple(enumerate(Screen(pattern, flags) for pattern in patterns))
        self._unscreened: tuple[tuple[int, Screen], ...] | None = None  # on first use
        self._union: tuple[str, ...] = ()

    def _prepare(self) -> tuple[tuple[int, Screen], ...]:
        if self._unscreened is None:
            self._union = tuple(
                sorted({needle for _, screen in self._every for needle in screen.needles or ()})
            )
            self._unscreened = tuple(item for item in self._every if item[1].needles is None)
        return self._unscreened

    def first(self, text: str, lowered: str | None = None) -> tuple[int, re.Match[str]] | None:
        """The index of the first pattern (in list order) that matches `text`, and its match.

        `lowered` is `lowered_ascii(text)` when the caller has it already.
        """
        if lowered is None:
            lowered = lowered_ascii(text)
        unscreened = self._prepare()
        candidates = self._every
        if lowered is not None and not _contains_any(lowered, self._union):
            candidates = unscreened
        for index, screen in candidates:
            if screen.may_match(lowered):
                match = screen.regex.search(text)
                if match is not None:
                    return index, match
        return None
