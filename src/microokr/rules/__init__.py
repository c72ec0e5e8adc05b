"""The lint rule catalog, MO001-MO802: one module per rule, found by its code.

`rules/moN/` holds series N (`rules/mo5/mo502_output_kr.py` is MO502); the
helpers several rules of a series share sit next to them under a plain name
(`mo5/quantity.py`). Importing this package registers nothing:
`rules.catalog.load()` (called by `base.all_rules`) imports every
`moN/moNNN_*.py`, so a new rule is a new file, not a new import line.
"""
