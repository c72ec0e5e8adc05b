"""Drafting a sprint through the 6-step protocol: the walk, answer parsing, checks, rendering.

`microokr new` is a thin shell around `Walk`: the walk asks its questions through a
`Prompter` (rich prompts in a terminal, nothing at all with `--no-input`), takes
answers from a `--from` file first, and checks each answer as it is given with the
*same* registered lint rules (`REGISTRY[code].check`) on a candidate sprint built from
the answers so far. An error-severity finding rejects the answer and asks again; a
warning is shown once and accepted. Nothing here writes a file.

The file that comes out carries a schema modeline pointing at `SPRINT_SCHEMA_URL`
(the published schema; a user's workspace has no `schemas/` folder of its own).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from microokr.errors import RefusedError, UsageError
from microokr.model.common import SLUG_PATTERN
from microokr.progress import ACTIVE_LIMIT, counting_days
from microokr.rules.base import REGISTRY, Finding, RuleContext, Scope, all_rules
from microokr.workspace import FileKind, SourceFile, Workspace, source_from_bytes
from microokr.yamlread import read_yaml, resolve_plain

SPRINT_SCHEMA_URL = (
    "https://raw.githubusercontent.com/microokr/microokr/main/schemas/sprint.schema.json"
)
"""Where the modeline of a drafted sprint points: the one place this URL is written."""

TRIGGER_TYPES: dict[str, tuple[str, str]] = {
    "kr-at-risk": (
        "KR at Risk",
        "a Tactical KR is materially off track and initiative-level responses have not restored it",
    ),
    "emergent-opportunity": (
        "Emergent Opportunity",
        "an unexpected window demands rapid coordinated action: too big for an initiative, "
        "too short for a quarterly revision",
    ),
    "cross-functional-gap": (
        "Cross-Functional Gap",
        "two or more teams must align on a shared short-horizon outcome that sits between "
        "their Tactical OKRs",
    ),
    "strategic-validation": (
        "Strategic Validation Sprint",
        "a strategic bet needs rapid evidence to confirm, refute or refine it before full "
        "commitment",
    ),
}
CADENCES: dict[str, str] = {
    "daily": "short daily check-ins (suggested; required for a joint sprint)",
    "twice-weekly": "two check-ins a week",
    "weekly": "one check-in a week",
}
DECISIONS: dict[str, str] = {
    "plan": "the team already knows what to do and needs structure to execute it",
    "commitment": "the team must align around a shared outcome with measurable accountability",
}
NONE_FITS = "none"

PLAN_ADVICE = (
    "a plan is an Initiative, not a Micro-OKR: write an Initiative under the KR it serves "
    "(nothing was written)"
)
NO_ANCHOR_ADVICE = (
    "without an Anchor KR this is not a Micro-OKR: write an Initiative, or revise the "
    "Tactical OKR if no existing KR fits (nothing was written)"
)

WRAP = 88
"""Long text is written as a folded block wrapped at this many columns."""
PLAIN_LIMIT = 100
"""A value whose whole line fits in this many columns stays on one line."""

_MISSING = object()


class AnswerError(ValueError):
    """An answer that cannot be read (not a date, not a number): says how to write it."""


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class KrNumbers:
    baseline: int | float
    target: int | float
    unit: str | None


_NUMBER = r"-?\d+(?:\.\d+)?"
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<pre1>[$€£]?)(?P<a>{_NUMBER})\s*(?P<post1>%|[A-Za-z]+\b)?"
    rf"\s+to\s+(?P<pre2>[$€£]?)(?P<b>{_NUMBER})\s*(?P<post2>%|[A-Za-z]+\b)?",
    re.IGNORECASE,
)
_SCALE_SUFFIX = {"k", "m", "bn", "b"}


def parse_kr_numbers(statement: str) -> KrNumbers | None:
    """Baseline, target and unit read from "... from 22% to 35%" or "from 12 days to 7 days".

    "$20M to $30M" gives unit "$M". Returns None when the statement says no "from X to Y".
    """
    match = _FROM_TO.search(statement)
    if match is None:
        return None
    prefix = match["pre2"] or match["pre1"] or ""
    post1, post2 = match["post1"] or "", match["post2"] or ""
    suffix = post2 or post1
    if suffix.lower() in {"to", "by", "within", "in", "before", "and", "at", "per"}:
        suffix = ""
    if post1 and post2 and post1.lower() != post2.lower() and post1 != "%":
        suffix = post2
    if suffix and suffix != "%" and suffix.lower() not in _SCALE_SUFFIX and prefix:
        suffix = ""
    unit = (prefix + suffix) or None
    return KrNumbers(_to_number(match["a"]), _to_number(match["b"]), unit)


def _to_number(text: str) -> int | float:
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def parse_number(raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError("write a number like 22 or 21.2, not yes/no")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise AnswerError("write a finite number like 22 or 21.2")
        return raw
    text = str(raw).strip().replace(" ", "")
    stripped = text.lstrip("$€£").rstrip("%")
    if not re.fullmatch(_NUMBER, stripped):
        raise AnswerError(
            f"'{text:.30}' is not a number: write it like 22 or 21.2 (the unit is asked separately)"
        )
    return _to_number(stripped)


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    text = str(raw).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AnswerError(
            f"'{text:.30}' is not a date: write YYYY-MM-DD, like 2026-07-14"
        ) from None


_LENGTH = re.compile(r"(\d+)\s*(d|days?|w|weeks?)", re.IGNORECASE)


def parse_end(raw: Any, start: dt.date) -> dt.date:
    """An end date, or a length from the start: `14d`, `3w`, `21 days`."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return start + dt.timedelta(days=raw)
    match = _LENGTH.fullmatch(str(raw).strip()) if not isinstance(raw, dt.date) else None
    if match:
        count = int(match[1])
        days = count * 7 if match[2].lower().startswith("w") else count
        return start + dt.timedelta(days=days)
    try:
        return parse_date(raw)
    except AnswerError:
        raise AnswerError(
            f"'{str(raw).strip():.30}' is neither a date nor a length: write YYYY-MM-DD, "
            "or a length like 14d or 3w"
        ) from None


def _parse_end_from(start: dt.date, raw: Any) -> dt.date:
    return parse_end(raw, start)


def parse_text(raw: Any) -> str:
    if isinstance(raw, Mapping | list):
        raise AnswerError("write one line of text here, not a list or a mapping")
    if isinstance(raw, bool) or raw is None:
        raise AnswerError("write a sentence here")
    # Runs of spaces collapse (a typed answer), line breaks stay (a literal block in a file).
    text = "\n".join(" ".join(line.split()) for line in str(raw).strip().splitlines()).strip()
    if not text:
        raise AnswerError("an answer is needed here")
    return text


def parse_optional_text(raw: Any) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    return parse_text(raw)


def parse_slug(raw: Any) -> str:
    text = str(raw).strip()
    if not re.fullmatch(SLUG_PATTERN, text) or len(text) > 128:
        raise AnswerError(
            f"'{text:.40}' is not an id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    return text


def parse_choice(raw: Any, options: Sequence[str], *, what: str) -> str:
    """A numbered choice: the number shown, or the option itself (`kr-at-risk`)."""
    text = str(raw).strip().lower()
    if text.startswith("a "):
        text = text[2:]
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    if text in options:
        return text
    listed = ", ".join(f"{n} {option}" for n, option in enumerate(options, 1))
    raise AnswerError(f"'{str(raw).strip():.30}' is not a {what}: answer with one of {listed}")


def parse_yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"y", "yes", "true"}:
        return True
    if text in {"n", "no", "false"}:
        return False
    raise AnswerError("answer y or n")


def parse_minutes(raw: Any) -> int:
    value = parse_number(raw)
    if not isinstance(value, int) or not 0 < value <= 480:
        raise AnswerError("write the length of a check-in in whole minutes, like 15")
    return value


def parse_teams(raw: Any) -> list[str]:
    """Team ids separated by commas (a YAML list in a --from file)."""
    items = raw if isinstance(raw, list) else str(raw).split(",")
    teams = [" ".join(str(item).split()) for item in items if str(item).strip()]
    if not teams:
        raise AnswerError("name at least one owning team")
    if len(set(teams)) != len(teams):
        raise AnswerError("a team is named twice: name each owning team once")
    return teams


_STOPWORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "for", "by", "in", "on", "at", "with"}
    | {"before", "after", "from", "into", "its", "our", "their", "this", "that", "so", "as"}
    | {"is", "are", "be", "we"}
)


def suggest_id(statement: str, taken: Iterable[str] = ()) -> str:
    """An id from the objective's first meaningful words: `restore-qualified-pipeline-momentum`."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", statement.lower())
    chosen = [w for w in words if w not in _STOPWORDS][:4] or ["sprint"]
    base = "-".join(chosen)[:60].strip("-") or "sprint"
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --------------------------------------------------------------------------- rendering


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when `text` reads back as the same string written without quotes."""
    if not text or text != text.strip() or any(c in text for c in "\n\r\t"):
        return False
    if not text.isprintable() or text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    return bool(resolve_plain(text) == text)


def _folded_ok(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and "  " not in text
        and text.isprintable()
        and not any(c in text for c in "\n\r\t")
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: Any, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _plain_ok(text, flow=flow) else _quoted(text)


def _text_lines(key: str, value: str, indent: int) -> list[str]:
    """`key: value`, or a folded block when the line would be too long."""
    pad = " " * indent
    line = f"{pad}{key}: {_scalar(value)}"
    if len(line) <= PLAIN_LIMIT or not _folded_ok(value):
        return [line]
    body = textwrap.wrap(
        value,
        width=max(40, WRAP - indent - 2),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {part}" for part in body)]


def _item_text_lines(value: str, indent: int) -> list[str]:
    pad = " " * indent
    line = f"{pad}- {_scalar(value)}"
    if len(line) <= PLAIN_LIMIT or not _folded_ok(value):
        return [line]
    body = textwrap.wrap(
        value, width=max(40, WRAP - indent - 4), break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}- >-", *(f"{pad}    {part}" for part in body)]


def render_sprint(data: Mapping[str, Any]) -> str:
    """The sprint file, fields in format.md order, a comment naming each protocol step.

    The result is read back and compared with `data`: a rendering mistake is a bug,
    never a silently different file.
    """
    out: list[str] = [
        f"# yaml-language-server: $schema={SPRINT_SCHEMA_URL}",
        "# Micro-OKR sprint drafted with `microokr new`. Decision test: it needs a commitment,",
        "# not a plan (a plan would be an Initiative).",
        f"id: {_scalar(data['id'])}",
    ]
    trigger = data.get("trigger", {})
    out += ["", "# Step 1: identify the trigger (a signal, never the calendar)", "trigger:"]
    out.append(f"  type: {_scalar(trigger['type'])}")
    if "signal" in trigger:
        out += _text_lines("signal", trigger["signal"], 2)
    if trigger.get("evidence"):
        out.append("  evidence:")
        for item in trigger["evidence"]:
            out += _item_text_lines(item, 4)
    if "anchor_kr" in data:
        out += ["", "# Step 2: name the Anchor KR", f"anchor_kr: {_scalar(data['anchor_kr'])}"]
    if "desired_condition" in data:
        out += ["", "# Step 3: define the desired condition (a change in the world, not tasks)"]
        out += _text_lines("desired_condition", data["desired_condition"], 0)
    objective = data.get("objective")
    if objective:
        out += ["", "# Step 4: write the Objective (Motivation, Direction, Alignment tests)"]
        out.append("objective:")
        for key in ("statement", "motivation", "direction", "alignment"):
            if key in objective:
                out += _text_lines(key, objective[key], 2)
    if data.get("key_results"):
        out += ["", "# Step 5: write 2-3 Key Results (changes in condition, not tasks)"]
        out.append("key_results:")
        for kr in data["key_results"]:
            out.append(f"  - id: {_scalar(kr['id'])}")
            out += _text_lines("statement", kr["statement"], 4)
            for key in ("baseline", "target", "unit"):
                if key in kr:
                    out.append(f"    {key}: {_scalar(kr[key])}")
    if data.get("initiatives"):
        out += ["", "# Initiatives: what will be done, by team. They are never Key Results."]
        out.append("initiatives:")
        for item in data["initiatives"]:
            out.append(f"  - team: {_scalar(item['team'])}")
            out += _text_lines("action", item["action"], 4)
    out += ["", "# Step 6: set duration and confirm ownership"]
    window = data["window"]
    out += ["window:", f"  start: {_scalar(window['start'])}", f"  end: {_scalar(window['end'])}"]
    owner = data["owner"]
    teams = ", ".join(_scalar(team, flow=True) for team in owner["teams"])
    out += ["owner:", f"  teams: [{teams}]"]
    if "lead" in owner:
        out.append(f"  lead: {_scalar(owner['lead'])}")
    cadence = data.get("cadence")
    if cadence:
        out += ["cadence:", f"  every: {_scalar(cadence['every'])}"]
        if "minutes" in cadence:
            out.append(f"  minutes: {_scalar(cadence['minutes'])}")
    text = "\n".join(out) + "\n"
    back = read_yaml(text.encode("utf-8"))
    if back.problems or back.data != _plain_data(data):
        raise RuntimeError("the drafted sprint did not read back as written")
    return text


def _plain_data(data: Any) -> Any:
    """`data` as the reader returns it (dicts and lists, no empty optional lists)."""
    if isinstance(data, Mapping):
        return {k: _plain_data(v) for k, v in data.items() if v != [] or k == "teams"}
    if isinstance(data, list):
        return [_plain_data(v) for v in data]
    return data


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Found:
    """A finding of a registered rule on the candidate sprint, ready to show."""

    code: str
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def candidate_source(workspace: Workspace, data: Mapping[str, Any]) -> SourceFile:
    """The sprint file the answers so far would make, read as `lint` would read it."""
    folder = workspace.folder("sprints")
    path = folder / f"{data['id']}.yaml"
    rel = path.relative_to(workspace.root).as_posix()
    text = render_sprint(data)
    return source_from_bytes(path, rel, FileKind.SPRINT, text.encode("utf-8"))


def run_rules(
    workspace: Workspace, today: dt.date, data: Mapping[str, Any], codes: Iterable[str]
) -> list[Found]:
    """Run the registered rules `codes` on the candidate; rules not registered are skipped."""
    all_rules()  # importing the rule modules registers them
    source = candidate_source(workspace, data)
    found = [Found(p.code, "error", p.message) for p in source.problems]
    if source.model is None or source.problems:
        return found
    others = [s for s in workspace.sprint_files if s.path != source.path]
    with_candidate = dataclasses.replace(workspace, sprint_files=[*others, source])
    ctx = RuleContext(with_candidate, today)
    for code in codes:
        rule = REGISTRY.get(code)
        if rule is None or rule.check is None:
            continue
        findings: Iterable[Finding]
        if rule.scope is Scope.SPRINT:
            findings = rule.check(source.model, source, ctx)
        elif rule.scope is Scope.WORKSPACE:
            findings = (f for f in rule.check(ctx) if f.source is source)
        else:
            continue
        found += [Found(rule.code, str(rule.severity), f.message) for f in findings]
    return found


def sprint_rule_codes() -> list[str]:
    return [rule.code for rule in all_rules() if rule.scope is Scope.SPRINT]


@dataclass(frozen=True)
class ActiveConflict:
    team: str
    day: dt.date
    sprint_ids: tuple[str, ...]


def active_conflicts(workspace: Workspace, candidate: Any, today: dt.date) -> list[ActiveConflict]:
    """Teams of `candidate` that already own 2 counting sprints on a day it would count.

    The days a sprint counts come from `progress.counting_days`, as for MO701.
    """
    span = counting_days(candidate, today)
    if span is None:
        return []
    conflicts = []
    for team in candidate.owner.teams:
        theirs = []
        for _source, sprint in workspace.sprints():
            if team in sprint.owner.teams and sprint.id != candidate.id:
                counted = counting_days(sprint, today)
                if counted is not None:
                    theirs.append((sprint.id, counted))
        day = span[0]
        while day <= span[1]:
            active = tuple(sorted(sid for sid, (a, b) in theirs if a <= day <= b))
            if len(active) >= ACTIVE_LIMIT:
                conflicts.append(ActiveConflict(team, day, active))
                break
            day += dt.timedelta(days=1)
    return conflicts


# --------------------------------------------------------------------------- the walk


class Prompter(Protocol):
    """How the walk talks: a terminal with rich prompts, or silence with --no-input."""

    def step(self, title: str, explanation: str) -> None: ...

    def note(self, text: str) -> None: ...

    def choices(self, rows: Sequence[tuple[str, str]]) -> None: ...

    def ask(self, question: str, *, default: str | None) -> str: ...

    def problem(self, message: str) -> None: ...

    def finding(self, found: Found) -> None: ...


def key_name(path: Sequence[str | int]) -> str:
    """`("key_results", 1, "baseline")` -> `key_results[1].baseline`."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


ANSWER_KEYS: dict[str, Any] = {
    "decision": None,
    "id": None,
    "trigger": {"type", "signal", "evidence"},
    "anchor_kr": None,
    "desired_condition": None,
    "objective": {"statement", "motivation", "direction", "alignment"},
    "key_results": {"id", "statement", "baseline", "target", "unit"},
    "initiatives": {"team", "action"},
    "window": {"start", "end"},
    "owner": {"teams", "lead"},
    "cadence": {"every", "minutes"},
}
"""The keys a `--from` file may hold: those of a sprint file that `new` drafts, plus `decision`."""


def check_answers_file(data: Any, name: str) -> dict[str, Any]:
    """The `--from` answers, or a UsageError naming the first key `new` does not take."""
    import difflib

    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{name} must be a mapping of answers with the keys of a sprint file")
    for key, value in data.items():
        if key not in ANSWER_KEYS:
            close = difflib.get_close_matches(str(key), list(ANSWER_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise UsageError(f"{name}: '{key}' is not an answer 'microokr new' takes{hint}")
        allowed = ANSWER_KEYS[key]
        if allowed is None:
            continue
        items = (
            value if isinstance(value, list) and key in {"key_results", "initiatives"} else [value]
        )
        if key in {"key_results", "initiatives"} and not isinstance(value, list):
            raise UsageError(f"{name}: '{key}' must be a list")
        for item in items:
            if not isinstance(item, dict):
                raise UsageError(f"{name}: '{key}' must hold mappings with keys {sorted(allowed)}")
            for sub in item:
                if sub not in allowed:
                    close = difflib.get_close_matches(str(sub), sorted(allowed), n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    raise UsageError(
                        f"{name}: '{key}.{sub}' is not an answer 'microokr new' takes{hint}"
                    )
    return data


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
        self.used: set[tuple[str | int, ...]] = set()
        self.shown: set[Found] = set()

    # ----------------------------------------------------------------- helpers

    def lookup(self, path: tuple[str | int, ...]) -> Any:
        if path in self.used:
            return _MISSING
        node: Any = self.preset
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return _MISSING
            elif not isinstance(node, Mapping) or part not in node:
                return _MISSING
            node = node[part]
        return node

    def given_in_file(self, parent: tuple[str | int, ...]) -> bool:
        """True for an entry the --from file gives (a KR, the window): its defaults apply."""
        return len(parent) >= 1 and self.lookup(parent) is not _MISSING

    def answer(
        self,
        path: tuple[str | int, ...],
        question: str,
        parse: Callable[[Any], Any],
        *,
        default: str | None = None,
    ) -> Any:
        """One answer: from the file, else the prompt (or its default with --no-input)."""
        while True:
            preset = self.lookup(path)
            self.used.add(path)
            from_file = preset is not _MISSING
            if from_file:
                raw = preset
            elif self.no_input or (default is not None and self.given_in_file(path[:-1])):
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

    def verify(
        self,
        data: Mapping[str, Any],
        codes: Iterable[str],
        path: tuple[str | int, ...],
        *,
        promote: Iterable[str] = (),
    ) -> bool:
        """Run the rules on the candidate; show new findings; False when one is an error."""
        promoted = set(promote)
        found = [
            Found(f.code, "error", f.message) if f.code in promoted else f
            for f in run_rules(self.workspace, self.today, data, codes)
        ]
        errors = [f for f in found if f.is_error]
        if errors and self.no_input:
            first = errors[0]
            raise RefusedError(
                f"{self.source_name}: '{key_name(path)}': {first.code} {first.message}"
            )
        for item in found:
            if item.is_error or item not in self.shown:
                self.io.finding(item)
                self.shown.add(item)
        return not errors

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
        return {key: data[key] for key in _ORDER if key in data}

    def anchor_owner(self) -> str | None:
        ref = self.workspace.key_results.get(str(self.data.get("anchor_kr", "")))
        owner = ref.owner if ref is not None else None
        return owner if isinstance(owner, str) else None

    def team_lead(self, teams: Sequence[str]) -> str | None:
        registry = self.workspace.teams or {}
        owner = self.anchor_owner()
        for team in ([owner] if owner in teams else []) + list(teams):
            entry = registry.get(team) if team else None
            if entry is not None and entry.lead:
                return str(entry.lead)
        return None

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

    # ----------------------------------------------------------------- the steps

    def run(self) -> Draft:
        self.decision()
        self.trigger()
        self.anchor()
        self.condition()
        self.objective()
        self.key_results()
        self.initiatives()
        self.window()
        self.ownership()
        self.cadence()
        self.identify()
        return self.finish()

    def decision(self) -> None:
        self.io.step(
            "Decision test",
            "A Micro-OKR is a commitment to a change in condition, not a plan of tasks. "
            "If the team already knows what to do, an Initiative is the right instrument.",
        )
        self.io.choices(list(DECISIONS.items()))
        chosen = self.answer(
            ("decision",),
            "Does this situation need a plan or a commitment?",
            lambda raw: parse_choice(raw, list(DECISIONS), what="plan or commitment"),
        )
        if chosen == "plan":
            raise RefusedError(PLAN_ADVICE)

    def trigger(self) -> None:
        self.io.step(
            "Step 1 of 6: identify the trigger",
            "A sprint starts from a signal (a stalled number, an event, a broken hand-off), "
            "never from the calendar. Which of the four triggers is it?",
        )
        self.io.choices([(name, meaning) for name, meaning in TRIGGER_TYPES.values()])
        kind = self.answer(
            ("trigger", "type"),
            "Trigger type",
            lambda raw: parse_choice(raw, list(TRIGGER_TYPES), what="trigger type"),
        )
        self.data["trigger"] = {"type": kind}
        while True:
            signal = self.answer(
                ("trigger", "signal"),
                "The signal: which number, event or hand-off, and where does it stand?",
                parse_text,
            )
            trigger = {"type": kind, "signal": signal}
            if self.verify(
                self.candidate(trigger=trigger), ("MO101", "MO102"), ("trigger", "signal")
            ):
                break
        evidence = self.evidence()
        if evidence:
            trigger["evidence"] = evidence
        self.data["trigger"] = trigger

    def evidence(self) -> list[str]:
        path: tuple[str | int, ...] = ("trigger", "evidence")
        preset = self.lookup(path)
        if preset is not _MISSING:
            if not isinstance(preset, list):
                return [self.answer(path, "Evidence", parse_text)] if preset else []
            self.used.add(path)
            return [self.answer((*path, i), "Evidence", parse_text) for i in range(len(preset))]
        if self.no_input:
            return []
        found: list[str] = []
        while True:
            item = self.answer(
                ("trigger", "evidence", len(found)),
                "Evidence that the signal is real (empty line when done)",
                parse_optional_text,
                default="",
            )
            if not item:
                return found
            found.append(item)

    def anchor(self) -> None:
        self.io.step(
            "Step 2 of 6: name the Anchor KR",
            "The sprint serves an existing Tactical or Strategic KR of your OKR files. "
            "If none fits, this is not a Micro-OKR.",
        )
        refs = list(self.workspace.key_results.values())
        if not refs:
            raise RefusedError(
                "the workspace has no OKR file with key results to anchor to: add your "
                f"quarterly OKRs under {self.workspace.config.okrs}/, or write an Initiative "
                "(nothing was written)"
            )
        rows = []
        for ref in refs:
            kr = ref.key_result
            owner = ref.owner if isinstance(ref.owner, str) else ", ".join(ref.owner or [])
            numbers = " → ".join(
                "?" if v is None else f"{v:g}" for v in (kr.baseline, kr.current, kr.target)
            )
            unit = f" {kr.unit}" if kr.unit else ""
            rows.append((kr.id, f"{kr.statement} (owner {owner or '?'}; {numbers}{unit})"))
        rows.append((NONE_FITS, "none of these fits"))
        self.io.choices(rows)
        ids = [ref.key_result.id for ref in refs]

        def parse_anchor(raw: Any) -> str:
            text = str(raw).strip()
            if (text.isdigit() and int(text) == len(ids) + 1) or text.lower() in {NONE_FITS, "0"}:
                return NONE_FITS
            if text.isdigit() and 1 <= int(text) <= len(ids):
                return ids[int(text) - 1]
            if text in ids:
                return text
            import difflib

            close = difflib.get_close_matches(text, ids, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise AnswerError(
                f"'{text:.40}' is not one of the KRs listed{hint}: answer with its number or id, "
                f"or {len(ids) + 1} if none fits"
            )

        while True:
            chosen = self.answer(("anchor_kr",), "Anchor KR (number or id)", parse_anchor)
            if chosen == NONE_FITS:
                raise RefusedError(NO_ANCHOR_ADVICE)
            if self.verify(
                self.candidate(anchor_kr=chosen), ("MO202", "MO203", "MO205"), ("anchor_kr",)
            ):
                break
        self.data["anchor_kr"] = chosen

    def condition(self) -> None:
        self.io.step(
            "Step 3 of 6: define the desired condition",
            "Describe the change in the world at sprint close. Not tasks, not deliverables.",
        )
        while True:
            text = self.answer(
                ("desired_condition",),
                "Desired condition at sprint close",
                parse_text,
            )
            if self.verify(
                self.candidate(desired_condition=text), ("MO301", "MO302"), ("desired_condition",)
            ):
                break
        self.data["desired_condition"] = text

    def objective(self) -> None:
        anchor = self.data.get("anchor_kr", "the anchor KR")
        self.io.step(
            "Step 4 of 6: write the Objective",
            "A motivating, directional statement with no numbers (numbers belong in the KRs), "
            "then its three tests: Motivation, Direction, Alignment.",
        )
        while True:
            statement = self.answer(("objective", "statement"), "Objective", parse_text)
            objective = {"statement": statement}
            if self.verify(
                self.candidate(objective=objective),
                ("MO401", "MO403", "MO801", "MO802"),
                ("objective", "statement"),
            ):
                break
        questions = {
            "motivation": "Motivation test: why does this matter to the team now?",
            "direction": "Direction test: where will the team put its effort?",
            "alignment": f"Alignment test: how does it serve {anchor}?",
        }
        for key, question in questions.items():
            text = self.answer(("objective", key), question, parse_optional_text, default="")
            if text:
                objective[key] = text
        self.verify(self.candidate(objective=objective), ("MO402",), ("objective",))
        self.data["objective"] = objective

    def key_results(self) -> None:
        self.io.step(
            "Step 5 of 6: write 2-3 Key Results",
            "Each KR measures a change in condition from a baseline to a target. Ask: if this "
            "number moves as specified, was the Objective genuinely met? Calls, emails and "
            "reviews are Initiatives (next), never KRs.",
        )
        preset = self.lookup(("key_results",))
        count = None
        if preset is not _MISSING:
            count = len(preset)
            if count > 3:
                raise UsageError(
                    f"{self.source_name} has {count} key_results: a sprint has 2 or 3 (MO501)"
                )
        self.data["key_results"] = []
        while True:
            index = len(self.data["key_results"])
            self.data["key_results"].append(self.one_kr(index))
            done = index + 1
            if done < 2:
                continue
            if count is not None:
                if done >= count:
                    break
                continue
            if done == 3 or self.no_input:
                break
            if not self.yes_no("Add a third Key Result?", default=False):
                break
        self.verify(self.candidate(), ("MO501", "MO508"), ("key_results",))

    def one_kr(self, index: int) -> dict[str, Any]:
        base: tuple[str | int, ...] = ("key_results", index)
        earlier = self.data["key_results"][:index]
        taken = {kr["id"] for kr in earlier}
        previous: dict[str, Any] = {}
        while True:
            while True:
                statement = self.answer(
                    (*base, "statement"),
                    f"Key Result {index + 1}: what changes, from what to what?",
                    parse_text,
                    default=previous.get("statement"),
                )
                draft = {"id": f"kr{index + 1}", "statement": statement}
                if self.verify(
                    self.candidate(key_results=[*earlier, draft]),
                    ("MO502", "MO801", "MO802"),
                    (*base, "statement"),
                ):
                    break
            kr = self.kr_numbers(base, statement, previous)
            default_id = previous.get("id") or next(
                f"kr{n}" for n in range(index + 1, 10) if f"kr{n}" not in taken
            )
            kr_id = self.answer((*base, "id"), "Id for this KR", parse_slug, default=default_id)
            kr = {"id": kr_id, "statement": statement, **kr}
            if self.verify(
                self.candidate(key_results=[*earlier, kr]),
                ("MO502", "MO503", "MO504", "MO505", "MO506", "MO508"),
                base,
            ):
                return kr
            previous = {**kr}
            previous["unit"] = kr.get("unit", "")

    def kr_numbers(
        self, base: tuple[str | int, ...], statement: str, previous: Mapping[str, Any]
    ) -> dict[str, Any]:
        read = parse_kr_numbers(statement)
        keys = [(*base, key) for key in ("baseline", "target", "unit")]
        numbers_in_file = any(self.lookup(key) is not _MISSING for key in keys)
        # A statement written in the --from file is the file's answer for its numbers too.
        kr_in_file = self.lookup(base) is not _MISSING
        if read is not None and not previous and not numbers_in_file:
            if kr_in_file or self.no_input:
                return _numbers(read.baseline, read.target, read.unit or "")
            unit = f", unit {read.unit}" if read.unit else ""
            self.io.note(
                f"Read from the statement: baseline {read.baseline:g}, "
                f"target {read.target:g}{unit}."
            )
            if self.yes_no("Use these numbers?", default=True):
                return _numbers(read.baseline, read.target, read.unit or "")

        def shown(value: Any) -> str | None:
            return (
                None
                if value is None
                else (f"{value:g}" if isinstance(value, int | float) else str(value))
            )

        baseline = self.answer(
            keys[0],
            "Baseline (where the number stands today)",
            parse_number,
            default=shown(previous.get("baseline", read.baseline if read else None)),
        )
        target = self.answer(
            keys[1],
            "Target (where it must stand at sprint close)",
            parse_number,
            default=shown(previous.get("target", read.target if read else None)),
        )
        unit = self.answer(
            keys[2],
            "Unit (%, days, accounts, $M; empty for none)",
            parse_optional_text,
            default=previous.get("unit", (read.unit if read else None) or ""),
        )
        return _numbers(baseline, target, unit)

    def initiatives(self) -> None:
        self.io.step(
            "Initiatives",
            "What will be done, and by which team: calls, emails, reviews. They support the "
            "KRs and are never KRs themselves.",
        )
        registry = self.workspace.teams
        preset = self.lookup(("initiatives",))
        self.used.add(("initiatives",))
        items: list[dict[str, Any]] = []
        last_team = self.anchor_owner()
        while True:
            index = len(items)
            if preset is not _MISSING and index >= len(preset):
                break
            if preset is _MISSING and self.no_input:
                break
            action = self.answer(
                ("initiatives", index, "action"),
                f"Initiative {index + 1}: what will be done? (empty line when done)",
                parse_optional_text if preset is _MISSING else parse_text,
                default="" if preset is _MISSING else None,
            )
            if not action:
                break
            team = self.answer(
                ("initiatives", index, "team"),
                "Which team does it?",
                lambda raw: self.parse_team(raw, registry),
                default=last_team,
            )
            last_team = team
            items.append({"team": team, "action": action})
        if items:
            self.data["initiatives"] = items

    def parse_team(self, raw: Any, registry: Mapping[str, Any] | None) -> str:
        team = parse_text(raw)
        if registry and team not in registry:
            import difflib

            close = difflib.get_close_matches(team, list(registry), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise AnswerError(
                f"'{team:.40}' is not a team of microokr.yaml{hint}: answer with a team id, "
                f"one of {', '.join(registry)}"
            )
        return team

    def window(self) -> None:
        self.io.step(
            "Step 6 of 6: set duration and confirm ownership",
            "A sprint lasts 1 to 4 weeks, with explicit start and end dates. Longer than "
            "28 days? Revise the Tactical OKR instead.",
        )
        start_text: str | None = None
        end_text: str | None = None
        while True:
            start: dt.date = self.answer(
                ("window", "start"), "Start date (YYYY-MM-DD)", parse_date, default=start_text
            )
            end: dt.date = self.answer(
                ("window", "end"),
                "End date (YYYY-MM-DD), or a length like 14d or 3w",
                functools.partial(_parse_end_from, start),
                default=end_text,
            )
            window = {"start": start, "end": end}
            if self.verify(
                self.candidate(window=window),
                ("MO601", "MO602", "MO603", "MO204", "MO104"),
                ("window",),
            ):
                break
            start_text, end_text = start.isoformat(), end.isoformat()
        self.data["window"] = window
        self.io.note(
            f"Window: {start.isoformat()} to {end.isoformat()}, {(end - start).days} days."
        )

    def ownership(self) -> None:
        registry = self.workspace.teams
        if registry:
            self.io.choices(
                [
                    (team, f"{entry.name or team} (lead {entry.lead or '?'})")
                    for team, entry in registry.items()
                ]
            )
        default_team = self.anchor_owner()
        while True:
            teams = self.answer(
                ("owner", "teams"),
                "Owning teams (team ids, comma-separated; never a person)",
                parse_teams,
                default=default_team,
            )
            owner = {"teams": teams}
            if self.verify(
                self.candidate(owner=owner),
                ("MO604", "MO606", "MO103", "MO507", "MO607"),
                ("owner", "teams"),
            ):
                break
        self.data["owner"] = owner
        self.refuse_third_sprint()
        joint = len(teams) > 1
        question = "Sprint Lead: the one person who convenes check-ins and calls the close" + (
            " (required for a joint sprint)" if joint else ""
        )
        while True:
            lead = self.answer(
                ("owner", "lead"),
                question,
                parse_text if joint else parse_optional_text,
                default=self.team_lead(teams) or ("" if not joint else None),
            )
            owner = {"teams": teams, **({"lead": lead} if lead else {})}
            if self.verify(self.candidate(owner=owner), ("MO605", "MO801"), ("owner", "lead")):
                break
        self.data["owner"] = owner

    def refuse_third_sprint(self) -> None:
        source = candidate_source(self.workspace, self.candidate())
        if source.model is None:
            return
        conflicts = active_conflicts(self.workspace, source.model, self.today)
        if conflicts:
            first = conflicts[0]
            raise RefusedError(
                f"team {first.team} already owns {ACTIVE_LIMIT} active sprints on "
                f"{first.day.isoformat()} ({' and '.join(first.sprint_ids)}), and a team runs "
                f"at most {ACTIVE_LIMIT} at a time (MO701): close one of them first, or start "
                "this sprint after one ends (nothing was written)"
            )

    def cadence(self) -> None:
        joint = len(self.data["owner"]["teams"]) > 1
        self.io.choices(list(CADENCES.items()))
        while True:
            every = self.answer(
                ("cadence", "every"),
                "Check-in cadence",
                lambda raw: parse_choice(raw, list(CADENCES), what="cadence"),
                default="daily",
            )
            cadence: dict[str, Any] = {"every": every}
            if self.verify(
                self.candidate(cadence=cadence),
                ("MO608",),
                ("cadence", "every"),
                promote=("MO608",) if joint else (),
            ):
                break
        cadence["minutes"] = self.answer(
            ("cadence", "minutes"), "Minutes per check-in", parse_minutes, default="15"
        )
        self.data["cadence"] = cadence

    def identify(self) -> None:
        taken = self.taken_ids()
        suggested = suggest_id(self.data["objective"]["statement"], taken)
        folder = self.workspace.folder("sprints")

        def parse_new_id(raw: Any) -> str:
            sprint_id = parse_slug(raw)
            if sprint_id in taken or (folder / f"{sprint_id}.yaml").exists():
                raise AnswerError(f"a sprint '{sprint_id}' already exists: choose another id")
            return sprint_id

        self.io.step("Sprint id", f"The file will be {self.workspace.config.sprints}/<id>.yaml.")
        self.data["id"] = self.answer(("id",), "Sprint id", parse_new_id, default=suggested)

    def taken_ids(self) -> set[str]:
        taken = {sprint.id for _, sprint in self.workspace.sprints()}
        taken |= {source.path.stem for source in self.workspace.sprint_files}
        return taken

    def finish(self) -> Draft:
        data = self.candidate()
        found = run_rules(self.workspace, self.today, data, sprint_rule_codes())
        for item in found:
            if item not in self.shown:
                self.io.finding(item)
                self.shown.add(item)
        return Draft(data, render_sprint(data))


_ORDER = (
    "id",
    "trigger",
    "anchor_kr",
    "desired_condition",
    "objective",
    "key_results",
    "initiatives",
    "window",
    "owner",
    "cadence",
)


def _numbers(baseline: Any, target: Any, unit: str) -> dict[str, Any]:
    numbers: dict[str, Any] = {"baseline": baseline, "target": target}
    if unit:
        numbers["unit"] = unit
    return numbers


def read_answers_file(path: Path) -> dict[str, Any]:
    """The answers of a `--from FILE`; a UsageError (one sentence) for a missing or bad file."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"the --from file {name} does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"the --from file {name} is a folder, not a YAML file") from None
    except OSError as error:
        raise UsageError(f"the --from file {name} cannot be read: {error.strerror}") from None
    doc = read_yaml(raw)
    if doc.problems:
        first = doc.problems[0]
        raise UsageError(
            f"the --from file {name} is not valid YAML at line {first.line}, column "
            f"{first.column}: {first.message}"
        )
    return check_answers_file(doc.data, f"the --from file {name}")
