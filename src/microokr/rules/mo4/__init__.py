"""MO4: step 4 of the writing protocol, the objective.

A motivating, directional statement without numbers, which passes three tests:
Motivation, Direction and Alignment with the anchor.
"""
