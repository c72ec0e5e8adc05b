"""CPU of each sprint rule, and of value building and validation, in one cold lint.

Runs `engine.lint_root(root, cache=None, history=False)` in this process with every
sprint rule's check, `values.Builder.build` (the root of each file) and
`workspace.validate` wrapped in `time.process_time()`; prints one JSON line. The
wrappers add ~0.5 us per rule and sprint: compare runs with each other, not with a
plain lint. Run alternating before/after trees (PYTHONPATH) and take medians:

    python bench/rule_times.py bench/out/ws-10000 [--top 12]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 26)  # the generator's today


def _timed(spent: dict[str, float], key: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            result = call(*args, **kwargs)
            return list(result) if key.startswith("MO") else result
        finally:
            spent[key] = spent.get(key, 0.0) + time.process_time() - start

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--top", type=int, default=0, help="print the N costliest rules")
    args = parser.parse_args()

    from microokr import engine, workspace
    from microokr.rules.base import Scope, all_rules
    from microokr.yamlio import values

    spent: dict[str, float] = {}
    for rule in all_rules():
        if rule.scope is Scope.SPRINT and rule.check is not None:
            object.__setattr__(rule, "check", _timed(spent, rule.code, rule.check))
    engine._SPRINT_RULES.clear()
    workspace.validate = _timed(spent, "validate", workspace.validate)  # type: ignore[attr-defined]
    build = values.Builder.build

    def root_build(self: values.Builder, node: Any, depth: int) -> Any:
        if depth:
            return build(self, node, depth)
        return _timed(spent, "build", build)(self, node, depth)

    values.Builder.build = root_build  # type: ignore[method-assign]
    start = time.process_time()
    _, result = engine.lint_root(args.root, today=TODAY, cache=None, history=False)
    total = time.process_time() - start
    rules = {code: spent[code] for code in sorted(spent) if code.startswith("MO")}
    print(
        json.dumps(
            {
                "total": round(total, 4),
                "rules": round(sum(rules.values()), 4),
                "build": round(spent.get("build", 0.0), 4),
                "validate": round(spent.get("validate", 0.0), 4),
                "diagnostics": len(result.diagnostics),
                "per_rule": {code: round(value, 4) for code, value in rules.items()},
            }
        )
    )
    for code in sorted(rules, key=rules.__getitem__, reverse=True)[: args.top]:
        print(f"{code} {rules[code] * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
