"""MO8: what a Micro-OKR is not. Warnings: they need a human's judgement.

The word lists are documented data in `rules/vocabulary/personal.py` and
`rules/vocabulary/not_micro_okr.py`.
"""
