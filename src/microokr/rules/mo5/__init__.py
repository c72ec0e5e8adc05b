"""MO5: step 5 of the writing protocol, the key results.

Two or three KRs, each a change in condition from a baseline to a target, shared
by every owning team. The heuristics' word lists live in `rules/vocabulary/`.
"""
