"""What a KR measures: an output (activity counted or done) or a condition (MO502)."""

from __future__ import annotations

from collections.abc import Sequence

from microokr.rules.mo5.common import words_of
from microokr.rules.vocabulary import outputs


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _counted(tokens: Sequence[str], noun_at: int) -> bool:
    """A count stands shortly before the noun: "40 re-onboarding calls", "number of calls"."""
    window = tokens[max(0, noun_at - outputs.COUNT_BEFORE_NOUN - 1) : noun_at]
    if any(_is_number(token) for token in window[-outputs.COUNT_BEFORE_NOUN :]):
        return True
    for phrase in outputs.COUNT_PHRASES:
        for start in range(len(window) - len(phrase) + 1):
            if tuple(window[start : start + len(phrase)]) == phrase:
                return True
    return False


def output_reason(statement: str, unit: str | None = None) -> str | None:
    """Why a KR reads as an output (activity counted or done), or None for an outcome.

    The shapes and word lists are documented in `rules/vocabulary/outputs.py`.
    """
    tokens = words_of(statement)
    if any(token in outputs.MEASURE_WORDS for token in tokens):
        return None
    nouns = [i for i, token in enumerate(tokens) if token in outputs.ACTIVITY_NOUNS]
    verbs = [i for i, token in enumerate(tokens) if token in outputs.ACTIVITY_VERB_FORMS]
    # "Post-migration accounts", "Launch-week sign-ups": a hyphenated first word is no verb.
    words = statement.split()
    opener = tokens[0] if tokens and words and "-" not in words[0] else ""
    if opener in outputs.ACTIVITY_VERBS and (
        opener in outputs.TASK_VERBS or any(noun > 0 for noun in nouns)
    ):
        return f"it opens with the activity verb '{opener}'"
    for noun in nouns:
        for verb in verbs:
            if 0 < noun - verb <= outputs.VERB_BEFORE_NOUN + 1 or (
                0 < verb - noun <= outputs.NOUN_BEFORE_VERB
            ):
                first, last = sorted((noun, verb))
                return f"it counts an activity ('{' '.join(tokens[first : last + 1])}')"
        if _counted(tokens, noun):
            return f"it counts an activity ('{tokens[noun]}')"
    if unit is not None and unit.strip().lower() in outputs.ACTIVITY_NOUNS:
        return f"its unit is an activity ('{unit.strip()}')"
    return None
