"""Find and import every rule module, `rules/moN/moNNN_name.py`, once.

No list of modules is kept by hand: a rule module is registered by existing. The
names are checked so that a stray file cannot register a rule under another
code than the one its name promises.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import microokr.rules

_SERIES = re.compile(r"mo[0-9]")
_RULE_MODULE = re.compile(r"(mo[0-9]{3})_[a-z0-9_]+")

_loaded = False


def rule_modules() -> list[str]:
    """Dotted names of every rule module, sorted by code."""
    names = []
    for series in pkgutil.iter_modules(microokr.rules.__path__):
        if not (series.ispkg and _SERIES.fullmatch(series.name)):
            continue
        package = importlib.import_module(f"microokr.rules.{series.name}")
        for module in pkgutil.iter_modules(package.__path__):
            match = _RULE_MODULE.fullmatch(module.name)
            if match and match[1].startswith(series.name):
                names.append(f"microokr.rules.{series.name}.{module.name}")
    return sorted(names)


def load() -> None:
    """Import (and so register) every rule module; later calls do nothing."""
    global _loaded
    if _loaded:
        return
    for name in rule_modules():
        importlib.import_module(name)
    _loaded = True
