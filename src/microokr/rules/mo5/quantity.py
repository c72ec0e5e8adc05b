"""What a KR statement measures: its head noun and what qualifies it (MO502, MO302).

The statement is read once, left to right, up to the end of the measured quantity
(the first preposition or relative clause that follows it), so the work is linear
in the length of the statement and bounded by `outputs.MAX_CHARS`. The words and
the order of the decisions are documented in `rules/vocabulary/outputs.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from microokr.rules.vocabulary import outputs

_TOKEN = re.compile(r"[$€£#%]|\d+(?:[.,]\d+)*|[a-z0-9]+(?:['’/-][a-z0-9]+)*")
_SAME = (
    # (a literal every match holds, so most statements skip the search; the pattern; ...)
    ("mail", re.compile(r"\be-?mails?\b"), lambda m: m[0].replace("-", "")),
    (
        "sign",
        re.compile(r"\bsign[- ]?ups?\b"),
        lambda m: "signups" if m[0].endswith("s") else "signup",
    ),
    (
        "a/b",
        re.compile(r"\ba/b[- ]tests?\b"),
        lambda m: "abtests" if m[0].endswith("s") else "abtest",
    ),
    ("pull", re.compile(r"\bpull[- ]requests?\b"), lambda m: "prs" if m[0].endswith("s") else "pr"),
)


_SHOWN = {
    "abtest": "A/B test",
    "abtests": "A/B tests",
    "pr": "pull request",
    "prs": "pull requests",
}
"""How the words `_SAME` joined are written back in a message."""


def _shown(text: str) -> str:
    return " ".join(_SHOWN.get(word, word) for word in text.split())


@dataclass(frozen=True)
class Output:
    """Why a KR measures output: the quantity as read ("pages published") and its family."""

    quantity: str
    noun: str
    family: str
    opener: str | None = None
    """The activity verb that opens the KR, when that is what makes it a task."""
    done: str | None = None
    """The word that counts it as done ("published", "live"), when one does."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "quantity", _shown(self.quantity))
        object.__setattr__(self, "noun", _shown(self.noun))

    @property
    def example(self) -> str:
        return outputs.EXAMPLES.get(self.family, "a rate, a time, a score or a conversion")


def words(text: str) -> list[str]:
    """The statement's words, lower case; hyphenated compounds stay one word."""
    text = text[: outputs.MAX_CHARS].lower()
    for needle, pattern, replace in _SAME:
        if needle in text:
            text = pattern.sub(replace, text)
    return _TOKEN.findall(text)


_KINDS = {
    **dict.fromkeys(outputs.NEUTRAL_NOUNS, "neutral"),
    **dict.fromkeys(outputs.HOLDER_NOUNS, "holder"),
    **dict.fromkeys(outputs.PRODUCT_FAMILY, "product"),
    **dict.fromkeys(outputs.MEASURE_WORDS, "measure"),
}
"""The kind of each word of the vocabulary; a later list wins (a measure word is a measure)."""


def _kind(word: str) -> str | None:
    """measure, product, holder, neutral or None (a compound by its parts)."""
    kind = _KINDS.get(word)
    if kind is None and "-" in word:
        parts = word.split("-")
        if any(part in outputs.MEASURE_WORDS for part in parts):
            return "measure"
        return _KINDS.get(parts[-1])  # not a measure: that part was looked at
    return kind


def _has_measure(tokens: Sequence[str]) -> bool:
    """Whether a word is a measure ("rate", "time-to-value"): `_kind(word) == "measure"`."""
    for token in tokens:
        if token in outputs.MEASURE_WORDS or ("-" in token and _kind(token) == "measure"):
            return True
    return False


def _quantity(tokens: Sequence[str]) -> list[str]:
    """The words of the measured quantity: up to the first preposition, or an "of"
    that does not follow a count or a measure ("users | of the reporting module")."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in outputs.BOUNDARIES and i > 0:
            break
        if (
            token == "of"
            and out
            and not (out[-1] in outputs.COUNT_WORDS or _kind(out[-1]) == "measure")
        ):
            break
        out.append(token)
    return out


def _head(tokens: Sequence[str], start: int) -> tuple[int, str | None]:
    """(index of the head noun or -1, the word that says it was done, if any)."""
    head, done = -1, None
    for i in range(start, len(tokens)):
        token = tokens[i]
        if token in outputs.RELATIVES:
            break
        kind = _kind(token)
        if head >= 0:
            if token in outputs.DONE_WORDS or token in outputs.DONE_TO_PEOPLE:
                done = token
                break
            if kind is None and token.endswith("ing"):
                break  # "accounts using ...", "leads progressing ...": a reduced relative clause
        if kind is not None and kind != "measure":
            head = i
    return head, done


def _completion_share(tokens: Sequence[str], time_limited: bool) -> tuple[str, str] | None:
    """A share of an output done ("training completion rate", "% of trainings completed")."""
    if time_limited:
        return None
    for i, token in enumerate(tokens):
        if (
            token in outputs.COMPLETION_WORDS
            and i > 0
            and _kind(tokens[i - 1]) == "product"
            and any(t in outputs.SHARE_WORDS for t in tokens[i + 1 : i + 3])
        ):
            return tokens[i - 1], token
        if token in outputs.SHARE_WORDS and tokens[i + 1 : i + 2] == ["of"]:
            # Only the first "share of": what follows is read once, so the work stays linear.
            head, done = _head(tokens, i + 2)
            if head >= 0 and _kind(tokens[head]) == "product" and done in outputs.DONE_WORDS:
                return tokens[head], done
            return None
    return None


def _time_limited(tokens: Sequence[str], end: int) -> bool:
    """ "... within 24 hours": a limit in time right after the quantity."""
    after = tokens[end : end + 2]
    return len(after) == 2 and after[0] in outputs.TIME_LIMITS and after[1][:1].isdigit()


def _family(noun: str) -> str:
    """The family of EXAMPLES a noun belongs to ("" when it is in none)."""
    kind = _kind(noun)
    if noun in outputs.PRODUCT_FAMILY or kind == "product":
        return _product(noun)
    return kind if kind in ("holder", "neutral") else ""


def _product(noun: str) -> str:
    return outputs.PRODUCT_FAMILY.get(noun) or outputs.PRODUCT_FAMILY.get(
        noun.split("-")[-1], "feature"
    )


_LEAD_IN_STARTS = frozenset(lead_in[0] for lead_in in outputs.LEAD_INS)


def measured_output(statement: str, unit: str | None = None) -> Output | None:
    """The output a KR measures, or None when it measures a condition (an outcome)."""
    tokens = words(statement)
    if len(tokens) > 1 and statement.lstrip()[: len(tokens[0]) + 1].endswith(":"):
        tokens = tokens[1:]  # "Sales: Increase ..."
    if tokens and tokens[0] in _LEAD_IN_STARTS:
        for lead_in in outputs.LEAD_INS:
            if tuple(tokens[: len(lead_in)]) == lead_in:
                tokens = tokens[len(lead_in) :]
                break
    first_words = statement.split(None, 1)
    first_word = first_words[0] if first_words else ""
    opener = tokens[0] if tokens and "-" not in first_word else ""
    two = tuple(tokens[:2])
    quantity = _quantity(tokens)
    if opener in outputs.STRONG_OPENERS or two in outputs.TWO_WORD_OPENERS:
        verb = " ".join(two) if two in outputs.TWO_WORD_OPENERS else opener
        rest = quantity[len(verb.split()) :]
        objects = [t for t in rest if _kind(t) is not None]
        acted_on = objects[-1] if objects else ""
        if _kind(acted_on) == "measure" and acted_on not in outputs.UNIT_WORDS:
            return None  # "Deliver a 20% reduction in churn"
        return Output(" ".join(quantity), acted_on or "work", _family(acted_on), verb)
    weak = outputs.WEAK_OPENERS.get(opener)
    body = quantity[1:] if weak else quantity
    if _has_measure(body):
        found = _completion_share(body, _time_limited(tokens, len(quantity)))
        if found is None:
            return None
        return Output(" ".join(found), found[0], _product(found[0]), done=found[1])
    start = 0
    for i, token in enumerate(body[:-1]):
        if token in outputs.COUNT_WORDS and body[i + 1] == "of":
            start = i + 2
            break
    head, done = _head(body, start)
    if head < 0:
        named = (unit or "").strip().lower()
        return Output(named, named, _product(named)) if named in outputs.PRODUCT_FAMILY else None
    noun, kind = body[head], _kind(body[head])
    done = done or weak
    if kind == "product":
        clause = body[head + 1 :]
        if clause[:1] and clause[0] in outputs.RELATIVES:
            return None  # "emails that get a reply": what the reader did
        return Output(f"{noun} {done}" if done else noun, noun, _product(noun), done=done)
    if kind == "holder" and done in outputs.DONE_TO_PEOPLE:
        return Output(f"{noun} {done}", noun, "holder", done=done)
    if kind == "neutral" and done is not None:
        return Output(f"{noun} {done}", noun, "neutral", done=done)
    return None
