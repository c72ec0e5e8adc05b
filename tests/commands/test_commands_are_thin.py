"""Commands are thin (issue 11): no did-you-mean, number formatting or rule refusal of their own.

Each of those lives once (`formatting`, the registered rules run on a candidate
file): a command module that imports difflib, formats a number itself or defines a
`_refuse...` function is the second home the issue removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

COMMANDS = Path(__file__).resolve().parents[2] / "src" / "microokr" / "commands"

FORBIDDEN = {
    "imports difflib": re.compile(r"^\s*(import difflib|from difflib import)", re.M),
    "formats a number (:g, :.1f, :+g, :.0%, :,)": re.compile(
        r"\{[^{}]*:[+ ]?[0-9]*(\.[0-9]+)?[gGfFeE%]\}|\{[^{}]*:,\}"
    ),
    "rounds a number": re.compile(r"\bround\("),
    "defines a rule refusal": re.compile(r"^\s*def _refuse", re.M),
}


@pytest.mark.parametrize("module", sorted(COMMANDS.glob("*.py")), ids=lambda p: p.name)
def test_a_command_module_has_no_helper_of_its_own(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    found = [why for why, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{module.name}: {', '.join(found)}"


def test_the_check_catches_each_kind() -> None:
    samples = {
        "imports difflib": "    import difflib\n",
        "formats a number (:g, :.1f, :+g, :.0%, :,)": 'f"{value:+g}" f"{x:.1f}"',
        "rounds a number": "round(x * 100)",
        "defines a rule refusal": "def _refuse_date(model):\n",
    }
    for why, sample in samples.items():
        assert FORBIDDEN[why].search(sample), why
    assert not FORBIDDEN["formats a number (:g, :.1f, :+g, :.0%, :,)"].search('f"{name:40}"')
