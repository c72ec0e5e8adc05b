"""MO605: a committee written in one `owner.lead` string (issue 13), and one lead that is not."""

from __future__ import annotations

import pytest

from microokr.rules.mo6.committee import lead_names


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("Maya Chen and Tom Becker", ["Maya Chen", "Tom Becker"]),
        ("A & B", ["A", "B"]),
        ("A, B", ["A", "B"]),
        ("A / B", ["A", "B"]),
        ("Dana Ortiz + Sam Lee", ["Dana Ortiz", "Sam Lee"]),
        ("Maya Chen; Tom Becker; Ana Ruiz", ["Maya Chen", "Tom Becker", "Ana Ruiz"]),
        ("Head of Sales and Head of Product", ["Head of Sales", "Head of Product"]),
        ("VP Sales / VP Product", ["VP Sales", "VP Product"]),
        ("Maya Chen, VP Sales and Tom Becker", ["Maya Chen", "Tom Becker"]),
    ],
)
def test_several_people_in_one_string_are_a_committee(lead: str, names: list[str]) -> None:
    assert lead_names(lead) == names


@pytest.mark.parametrize(
    "lead",
    [
        "Dana Ortiz",
        "Dana Ortiz, Head of Sales",
        "Head of Sales",
        "Head of Sales and Marketing",
        "Head of R&D",
        "Priya Raman (Sales)",
        "Jean-Luc Picard",
        "Sales and Marketing",
    ],
)
def test_one_person_with_a_title_or_a_role_is_one_lead(lead: str) -> None:
    assert len(lead_names(lead)) == 1
