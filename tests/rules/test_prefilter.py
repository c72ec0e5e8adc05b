"""The literal screens in front of the vocabularies' regular expressions never change an answer.

`rules/prefilter.py` skips a regular expression when the text lacks every literal it
requires; these tests compare the screened search with the plain one on the
vocabularies' own phrases, on every line of the fixtures and examples, and on text
where Unicode case folding differs from `str.lower()`.
"""

from __future__ import annotations

import re

import pytest

from microokr.parsing import _spans
from microokr.rules.mo1 import mo102_calendar_trigger
from microokr.rules.prefilter import Screens, required_words, requirements
from microokr.rules.vocabulary.calendar import CALENDAR_PHRASES
from microokr.rules.vocabulary.not_micro_okr import CATEGORIES
from microokr.rules.vocabulary.personal import PERSONAL_PATTERNS
from tests.conftest import ROOT

VOCABULARIES = {
    "personal": [pattern for pattern, _ in PERSONAL_PATTERNS],
    "not_micro_okr": [pattern for category in CATEGORIES for pattern in category.patterns],
}


def _texts() -> list[str]:
    texts = [
        "Hit my weekly sales target every week",
        "Increase qualified meetings per rep from 4 to 8",
        "I will Complete all security trainings; BAU as usual, bau",
        "Brand awareness, always-on, Each Rep's own quota",
        "Signal: it is the START   of the Quarter, every two weeks",
        "ſales target per ſeller; the K\u212aelvin weekly target; İndividual",
        "KICK-OFF OF THE FISCAL YEAR and a monthly planning cycle",
        "half-yearly review, yearly planning",
    ]
    texts += [phrase for phrase in CALENDAR_PHRASES]
    texts += [phrase.upper() for phrase in CALENDAR_PHRASES]
    for folder in ("tests/fixtures", "examples"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            texts += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return texts


TEXTS = _texts()


def _plain_first(patterns: list[str], text: str) -> tuple[int, str] | None:
    for index, pattern in enumerate(patterns):
        match = re.search(pattern, text, re.IGNORECASE)
        if match is not None:
            return index, match.group(0)
    return None


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_screened_search_agrees_with_the_plain_one(name: str) -> None:
    patterns = VOCABULARIES[name]
    screens = Screens(patterns, re.IGNORECASE)
    hits = 0
    for text in TEXTS:
        found = screens.first(text)
        got = None if found is None else (found[0], found[1].group(0))
        assert got == _plain_first(patterns, text), text
        hits += got is not None
    assert hits > 5  # the comparison saw real matches, not only misses


def test_calendar_phrase_agrees_with_the_plain_search() -> None:
    hits = 0
    for text in TEXTS:
        match = mo102_calendar_trigger._CALENDAR.regex.search(
            text[: mo102_calendar_trigger.HEURISTIC_CHARS]
        )
        plain = " ".join(match.group(0).split()) if match else None
        assert mo102_calendar_trigger.calendar_phrase(text) == plain, text
        hits += plain is not None
    assert hits > len(CALENDAR_PHRASES)


def test_required_words_reads_literals_off_the_expression() -> None:
    assert required_words(r"\b(?:daily|weekly)\s+targets?\b") in (
        frozenset({"daily", "weekly"}),
        frozenset({"target"}),
    )
    assert required_words(r"\bbrand\s+(?:awareness|recall)\b") in (
        frozenset({"brand"}),
        frozenset({"awareness", "recall"}),
    )
    assert required_words(r"(?-i:\bBAU\b)", re.IGNORECASE) == frozenset({"bau"})
    # Nothing every match must contain: no screen, the pattern is always searched.
    assert required_words(r"\b\w+\b") is None
    assert required_words(r"(?:ab)?c") is None
    assert required_words(r"(?-i:\bI\b)", re.IGNORECASE) is None


def test_runs_of_few_spellings_are_spelled_out() -> None:
    # "e-?mails?" is "email", "e-mail", "emails" or "e-mails": the two shortest cover all.
    assert required_words(r"\be-?mails?\b") == frozenset({"email", "e-mail"})
    # The parser factors "m" out of my|mine|myself; the spellings put it back.
    assert required_words(r"\b(?:my|mine|myself)\b") == frozenset({"my", "mine"})
    assert required_words(r"['’]s\b") == frozenset({"'s", "’s"})  # a class of two quotes
    # A symbol outside ASCII is never in an ASCII text: a needle as good as a word.
    assert required_words(r"\d\s*(?:→|->)\s*\d") == frozenset({"→", "->"})
    # A letter outside ASCII may match an ASCII one (the long s matches "s"): not a needle.
    assert required_words("ſales", re.IGNORECASE) == frozenset({"ales"})


def test_every_required_part_is_a_requirement() -> None:
    assert requirements(r"\b(?:daily|weekly)\s+targets?\b") == (
        frozenset({"target"}),
        frozenset({"daily", "weekly"}),
    )
    screens = Screens([r"\b(?:daily|weekly)\s+targets?\b"], re.IGNORECASE)
    assert screens.first("Increase weekly active users from 800 to 1,400") is None
    found = screens.first("Hit the Weekly  targets")
    assert found is not None and found[1].group(0) == "Weekly  targets"


def test_from_to_screens_agree_with_the_plain_search() -> None:
    texts = [*TEXTS, "26 hours → 4 hours", "from 1,200 to 1,500", "12->7 days", "FROM 3 TO 4"]
    hits = 0
    for screen in _spans():
        for text in texts:
            plain = screen.regex.search(text)
            screened = screen.search(text, text.lower() if text.isascii() else None)
            assert (plain and plain.group(0)) == (screened and screened.group(0)), text
            hits += plain is not None
    assert hits >= 4


def test_person_names_screen_agrees_with_the_plain_search() -> None:
    from microokr.rules.mo8.personal import names_pattern

    names = ("Dana Ortiz", "Bob Li", "Zoë Kraus", "Maya")
    screen = names_pattern(names)
    assert screen is not None
    texts = [*TEXTS, "Dana's pipeline", "bob li's quota", "Bob   Li", "ZOË KRAUS", "Zoë Kraus"]
    hits = 0
    for text in texts:
        plain = screen.regex.search(text)
        screened = screen.search(text, text.lower() if text.isascii() else None)
        assert (plain and plain.group(0)) == (screened and screened.group(0)), text
        hits += plain is not None
    assert hits >= 3
