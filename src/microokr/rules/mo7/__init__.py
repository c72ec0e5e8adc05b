"""MO7: governance and lifecycle: the 2-per-team limit, check-ins and the Sprint Close.

These read today's date (from the CLI, never the clock here) and, for MO701, the
whole workspace.
"""
