"""Words that make a sprint an individual's instrument (read by MO801 personal-instrument).

Governance rule 3 (seeds 002, 004): "Team instruments only. Individual sales rep
targets are not Micro-OKRs. Wrapping personal quota obligations in OKR language
reintroduces the performance appraisal dynamic that undermines honest check-in
conversations." MO801 reads the objective statement and the KR statements; it
also matches the names of people the workspace knows (the registry's team leads
and the sprint's `owner.lead`), which the rule adds at run time.

Each entry is a regular expression matched case-insensitively on whole words,
with a label that the message quotes. First-person words are matched only in
upper case ("I") or as the possessive/object forms, which are never
team language. Left out on purpose: "every rep" in `objective.direction` (the
seeds' own direction focuses every rep on ICP accounts; MO801 does not read
`direction`), "quota" alone (a team quota is a BAU target: MO802's business),
and "owner" (sprints have owners: teams).
"""

from __future__ import annotations

_ROLE = (
    r"(?:sales\s+)?(?:reps?|representatives?|sellers?|aes?|sdrs?|bdrs?"
    r"|account\s+executives?|persons?|people|employees?|individuals?|heads?|agents?"
    r"|team\s+members?)"
)

PERSONAL_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\b(?:my|mine|myself)\b", "first person ('my')"),
    (r"(?-i:\bI\b)", "first person ('I')"),
    (rf"\bper[\s-]+{_ROLE}\b", "a per-person target"),
    (rf"\b(?:each|every)\s+{_ROLE}\b", "a per-person target"),
    (r"\bindividual(?:ly)?\b", "an individual target"),
    (r"\b(?:personal|own)\s+(?:quota|target|goal|number)s?\b", "a personal quota"),
    (r"\b(?:rep|seller|ae|sdr|bdr)[\s-]+(?:level\s+)?(?:quota|target)s?\b", "a rep's quota"),
)
"""(regular expression, what it reads as): matched case-insensitively."""
