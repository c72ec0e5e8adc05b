"""A cheap test that tells when none of a vocabulary's regular expressions can match.

The heuristics (MO102, MO801, MO802) search every statement of every sprint with
word lists of regular expressions. Almost no statement matches, and Python's `re`
tries every alternative at every position, which cost ~3 s of a 10,000-sprint lint.
A regular expression can only match a text that contains one of a few literal
words (`\\b(?:daily|weekly)\\s+target` needs "daily" or "weekly"); those words are
read off the parsed expression (`rules/literals.py`), so the vocabularies stay plain data and
a new entry is covered without anyone listing its words by hand.

The test is only a necessary condition: a text that passes it goes through the
regular expressions exactly as before, so the answers are unchanged. It is used on
ASCII text only, where `str.lower()` and `re.IGNORECASE` agree letter for letter
(Unicode case folding has exceptions such as the long s and the Kelvin sign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from microokr.rules.literals import MIN_WORD, required_words, requirements, starts

__all__ = [
    "MIN_WORD",
    "Screen",
    "Screens",
    "lowered_ascii",
    "required_words",
    "requirements",
    "starts",
]


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
    """A regular expression with the literals each match contains: one of its needles,
    and one of each further set (`requirements`); and the texts a match starts with
    (`starts`), so that the search begins where the first of them is.

    Both are made on first use, and the expression only once a text passes the
    literals: most runs never compile most of the vocabulary (on a small workspace,
    compiling it all was a sixth of `lint`'s start-up).
    """

    __slots__ = ("_needles", "_regex", "_rest", "_starts", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regex: re.Pattern[str] | None = None
        self._needles: tuple[str, ...] | bool | None = False  # False: not read off yet
        self._rest: tuple[tuple[str, ...], ...] = ()
        self._starts: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    @property
    def needles(self) -> tuple[str, ...] | None:
        if self._needles is False:
            found = requirements(self.pattern, self.flags)
            self._needles = tuple(sorted(found[0])) if found else None
            self._rest = tuple(tuple(sorted(needles)) for needles in found[1:])
            self._starts = tuple(sorted(starts(self.pattern, self.flags) or ()))
        return self._needles  # type: ignore[return-value]

    def start(self, lowered: str) -> int:
        """Where in `lowered` a match can start at the earliest (0 when any place may do),
        once the needles were found; -1 when a further set lacks every literal or no
        text a match starts with is there."""
        for needles in self._rest:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                return -1
        earliest = 0 if not self._starts else -1
        for text in self._starts:
            at = lowered.find(text)
            if at >= 0 and (earliest < 0 or at < earliest):
                earliest = at
        return earliest

    def may_match(self, lowered: str | None) -> bool:
        """False only when `lowered` (see `lowered_ascii`) lacks every needle, or every
        literal of a further set, or every text a match starts with: which proves the
        regular expression cannot match."""
        if lowered is None:
            return True
        needles = self.needles
        return needles is None or (_contains_any(lowered, needles) and self.start(lowered) >= 0)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """`self.regex.search(text)`, skipped when `may_match` proves there is no match."""
        at = 0
        if lowered is not None:
            needles = self.needles
            if needles is not None:
                for needle in needles:
                    if needle in lowered:
                        break
                else:
                    return None
            at = self.start(lowered)
            if at < 0:
                return None
        return (self._regex or self.regex).search(text, at)


class Screens:
    """An ordered word list of regular expressions, searched for the first that matches.

    Every needle of the list is looked for once: a text is searched only with the
    patterns one of whose needles it holds, and with those that have no needles.
    """

    __slots__ = ("_every", "_needles", "_unscreened")

    def __init__(self, patterns: Iterable[str], flags: int = 0) -> None:
        self._every = tuple(Screen(pattern, flags) for pattern in patterns)
        self._needles: tuple[tuple[str, frozenset[int]], ...] = ()  # on first use
        self._unscreened: tuple[int, ...] | None = None

    def _prepare(self) -> tuple[int, ...]:
        if self._unscreened is None:
            pairs = [
                (needle, index)
                for index, screen in enumerate(self._every)
                for needle in screen.needles or ()
            ]
            patterns: dict[str, set[int]] = {}
            for needle, index in sorted(pairs, key=lambda pair: (len(pair[0]), pair)):
                # A text holding "completion" holds "complet": one look serves both.
                held = [kept for kept in patterns if kept in needle]
                patterns.setdefault(held[0] if held else needle, set()).add(index)
            self._needles = tuple(
                (needle, frozenset(indexes)) for needle, indexes in sorted(patterns.items())
            )
            self._unscreened = tuple(
                index for index, screen in enumerate(self._every) if screen.needles is None
            )
        return self._unscreened

    def first(self, text: str, lowered: str | None = None) -> tuple[int, re.Match[str]] | None:
        """The index of the first pattern (in list order) that matches `text`, and its match.

        `lowered` is `lowered_ascii(text)` when the caller has it already.
        """
        if lowered is None:
            lowered = lowered_ascii(text)
        order: Iterable[int] = self._prepare()
        if lowered is None:
            order = range(len(self._every))
        else:
            held: frozenset[int] = frozenset()
            for needle, indexes in self._needles:
                if needle in lowered:
                    held |= indexes
            if held:
                order = sorted(held.union(order))
        for index in order:
            screen = self._every[index]
            at = 0 if lowered is None else screen.start(lowered)
            if at < 0:
                continue
            match = screen.regex.search(text, at)
            if match is not None:
                return index, match
        return None
