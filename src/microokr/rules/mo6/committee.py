"""Whether one `owner.lead` string names several people: "Maya Chen and Tom Becker".

A lead written as a YAML list is a committee on its face; written as one string,
it is one when separators ("and", "&", "+", ",", "/", ";") split it into two or
more people or two or more roles. "Dana Ortiz, Head of Sales" (a person and her
title), "Head of Sales and Marketing" (one role over two departments) and "Head
of R&D" are one person.
"""

from __future__ import annotations

import functools
import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@functools.cache
def _separators() -> re.Pattern[str]:
    """Compiled on first use: a lint answered from the cache never splits a lead."""
    return re.compile(r"\s+(?:and|&|\+)\s+|\s*[,;/]\s*", re.IGNORECASE)


ROLE_WORDS = _words(
    """
    head vp vice president director manager lead leader chief officer ceo cto coo cmo
    cro cfo cpo ciso svp evp gm founder owner principal senior sr
    """
)
"""Words that make a part of the string a role ("Head of Sales"), not a name."""

DEPARTMENTS = _words(
    """
    sales marketing product engineering finance support success hr ops operations design
    legal data it growth revenue partnerships customer people
    """
)
"""Single words that continue a role ("Head of Sales and Marketing"), not a second person."""

MAX_CHARS = 200


def lead_names(text: str) -> list[str]:
    """The people one lead string names: one entry for a single lead (or none)."""
    parts = [part.strip() for part in _separators().split(text[:MAX_CHARS])]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return parts  # one part: one lead, whatever it says (most leads: "Dana Ortiz")
    roles = [p for p in parts if ROLE_WORDS.intersection(p.lower().split())]
    people = [
        p
        for p in parts
        if p not in roles and not (len(p.split()) == 1 and p.lower() in DEPARTMENTS)
    ]
    if len(people) >= 2 or len(roles) >= 2:
        return people if len(people) >= 2 else roles
    return parts[:1]
