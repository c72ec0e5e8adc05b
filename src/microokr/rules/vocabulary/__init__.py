"""Word lists behind the heuristic rules, kept as documented data.

Each module here is one word list and nothing else: what it is for, which rule
reads it, where its words come from (the seeds' own wording), and what was left
out on purpose because it produced false alarms on real sprints. Rules match
these words whole and case-insensitively; change a list, and its tests (which run
every seed example through it) say whether the change is safe.
"""
