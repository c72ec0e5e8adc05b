"""The codes the reader and the model validation report (MO001-MO005, MO007), by name.

Those rules have no check of their own: `yamlread`, `workspace` and `validation`
find the problems while loading a file and tag them with these constants, and the
rule modules beside this one (`mo001_yaml_syntax.py` ...) declare their
documentation. This module imports nothing, so the reader can use it without
loading the rule catalog.
"""

from __future__ import annotations

YAML_SYNTAX = "MO001"
DUPLICATE_KEY = "MO002"
UNKNOWN_FIELD = "MO003"
INVALID_VALUE = "MO004"
MISSING_FIELD = "MO005"
UNSAFE_YAML = "MO007"
