"""The walk through the protocol: where each answer comes from, and what a finding does.

The steps themselves (what is asked, in which order, checked by which rules) are in
`microokr.drafting.steps`; this module is the machinery they share. An answer comes
from the `--from` file first, else from the prompt (or, with `--no-input`, from the
prompt's default). Each answer is read by a parser from `answers.py` and tried on
the candidate sprint with the lint rules (`checks.py`): an error-severity finding
asks again (with `--no-input` it refuses); a warning is a warning, as in `lint`: it is
shown once and, at a terminal, the person chooses to keep the answer or edit it. Before
anything is written the review shows the whole draft and lets the person go back to any
step (`review.py`). Nothing here writes a file.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microokr.drafting.answers import MISSING, AnswerError, parse_yes_no
from microokr.drafting.checks import Found, rules_for, run_rules, sprint_rule_codes
from microokr.errors import RefusedError, UsageError
from microokr.formatting import quote
from microokr.prompting import Prompter as Prompter
from microokr.rules.base import Where
from microokr.workspace import Workspace
from microokr.yamlio.sprint_text import ORDER, render_sprint


def key_name(path: Sequence[str | int]) -> str:
    """`("key_results", 1, "baseline")` -> `key_results[1].baseline`."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


@dataclass
class Draft:
    data: dict[str, Any]
    text: str

    @property
    def sprint_id(self) -> str:
        return str(self.data["id"])


class Walk:
    """The 6-step protocol in order; `run()` returns the draft or raises.

    Answers come from `preset` (a --from file) first; a missing one is prompted for,
    or, with `no_input`, taken from the prompt's default, or is a UsageError naming
    the key. A rule error on an answer asks again; with `no_input` it is a
    RefusedError naming the key and the rule.
    """

    def __init__(
        self,
        workspace: Workspace,
        today: dt.date,
        prompter: Prompter,
        *,
        preset: Mapping[str, Any] | None = None,
        no_input: bool = False,
        source_name: str = "the --from file",
    ) -> None:
        self.workspace = workspace
        self.today = today
        self.io = prompter
        self.preset = preset or {}
        self.no_input = no_input
        self.source_name = source_name
        self.data: dict[str, Any] = {}
        self.used: set[Where] = set()
        self.refused: set[str | int] = set()
        """Top-level keys whose answers a rule refused: from then on they are asked."""
        self.shown: set[Found] = set()
        self.revisited: set[str] = set()
        """Top-level keys of steps the person went back to: their file answers are not used."""

    def run(self) -> Draft:
        from microokr.drafting.review import review
        from microokr.drafting.steps import STEPS

        for step in STEPS:
            step(self)
        if not self.no_input:
            review(self)
        return self.finish()

    def revisit(self, keys: Sequence[str]) -> None:
        """Forget the answers of a step (its top-level `keys`) so that it asks again.

        The --from file's answers for them count as used and refused: going back to a step
        means the person answers it, with nothing taken silently from the file.
        """
        for key in keys:
            self.data.pop(key, None)
            self.refused.add(key)
            self.used = {path for path in self.used if path[:1] != (key,)}
            self.revisited.add(key)
        self.shown = set()

    def finish(self) -> Draft:
        data = self.candidate()
        found = run_rules(self.workspace, self.today, data, sprint_rule_codes())
        for item in found:
            if item not in self.shown:
                self.io.finding(item)
                self.shown.add(item)
        return Draft(data, render_sprint(data))

    def lookup(self, path: Where) -> Any:
        """The --from file's answer at `path`, or MISSING (also once it has been used)."""
        if path in self.used or (path and path[0] in self.revisited):
            return MISSING
        node: Any = self.preset
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return MISSING
            elif not isinstance(node, Mapping) or part not in node:
                return MISSING
            node = node[part]
        return node

    def given_in_file(self, parent: Where) -> bool:
        """True for an entry the --from file gives (a KR, the window): its defaults apply."""
        return len(parent) >= 1 and self.lookup(parent) is not MISSING

    def answer(
        self,
        path: Where,
        question: str,
        parse: Callable[[Any], Any],
        *,
        default: str | None = None,
    ) -> Any:
        """One answer: from the file, else the prompt (or its default with --no-input)."""
        while True:
            preset = self.lookup(path)
            self.used.add(path)
            from_file = preset is not MISSING
            if from_file:
                raw = preset
            elif self.no_input or (
                default is not None
                and path[0] not in self.refused
                and self.given_in_file(path[:-1])
            ):
                if default is None:
                    raise UsageError(
                        f"{self.source_name} has no answer for '{key_name(path)}', "
                        "which --no-input needs: add it to the file"
                    )
                raw = default
            else:
                raw = self.io.ask(question, default=default)
                if raw == "" and default is not None:
                    raw = default
            try:
                return parse(raw)
            except AnswerError as error:
                if self.no_input:
                    raise UsageError(f"{self.source_name}: '{key_name(path)}': {error}") from None
                where = f"{self.source_name}, '{key_name(path)}': " if from_file else ""
                self.io.problem(f"{where}{error}")

    def yes_no(self, question: str, *, default: bool) -> bool:
        if self.no_input:
            return default
        while True:
            raw = self.io.ask(question + (" [Y/n]" if default else " [y/N]"), default="")
            if not raw.strip():
                return default
            try:
                return parse_yes_no(raw)
            except AnswerError as error:
                self.io.problem(str(error))

    def verify(
        self,
        data: Mapping[str, Any],
        path: Where,
        *,
        promote: Iterable[str] = (),
        revisable: bool = True,
    ) -> bool:
        """Run the rules that check the answer at `path` (their `answers`) on the candidate;
        show new findings; False to ask the answer again.

        False when a finding is an error, or when a new warning is shown and the person
        chooses to edit the answer (`revisable`: the caller asks again on False).
        """
        promoted = set(promote)
        found = [
            Found(f.code, "error", f.message) if f.code in promoted else f
            for f in run_rules(self.workspace, self.today, data, rules_for(path))
        ]
        errors = [f for f in found if f.is_error]
        if errors and self.no_input:
            first = errors[0]
            raise RefusedError(
                f"{self.source_name}: '{key_name(path)}': {first.code} {first.message}"
            )
        new_warnings = False
        for item in found:
            if item.is_error or item not in self.shown:
                self.io.finding(item)
                self.shown.add(item)
                new_warnings = new_warnings or not item.is_error
        if not errors and new_warnings and revisable and not self.no_input:
            if self.keep_or_edit():
                return True
        elif not errors:
            return True
        # Ask from now on: re-taking the refused entry's defaults would loop forever.
        self.refused.add(path[0])
        return False

    def keep_or_edit(self) -> bool:
        """After a warning: True to keep the answer, False to edit it."""
        while True:
            raw = self.io.ask("Keep this answer or edit it? (k/e) [k]", default="").strip()
            choice = raw.lower()
            if choice in {"", "k", "keep"}:
                return True
            if choice in {"e", "edit"}:
                return False
            self.io.problem(f"{quote(raw, 20)}: answer k to keep the answer, or e to edit it")

    def candidate(self, **changes: Any) -> dict[str, Any]:
        """The answers so far plus `changes`, with placeholders where step 6 is not done."""
        data = copy.deepcopy(self.data)
        data.update(copy.deepcopy(changes))
        data.setdefault("id", "draft")
        data.setdefault("trigger", {"type": "kr-at-risk"})
        if "window" not in data:
            data["window"] = {"start": self.today, "end": self.today + dt.timedelta(days=14)}
        if "owner" not in data:
            data["owner"] = {"teams": [self.anchor_owner() or "team"]}
        return {key: data[key] for key in ORDER if key in data}

    def anchor_owner(self) -> str | None:
        """The team owning the anchor KR chosen so far: the default owner and initiative team."""
        ref = self.workspace.key_results.get(str(self.data.get("anchor_kr", "")))
        owner = ref.owner if ref is not None else None
        return owner if isinstance(owner, str) else None
