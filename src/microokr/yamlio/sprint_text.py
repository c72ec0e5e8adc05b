"""The drafted sprint of `new`: YAML in format.md's order, a comment per protocol step.

The text is built line by line with `yamlio.render`'s scalar writers rather than
dumped, so that each protocol step can carry its comment and long sentences fold
at a readable width. The result is read back with the workspace reader and
compared with the data: a rendering mistake is a bug, never a silently different
file. The first line is a schema modeline pointing at `SPRINT_SCHEMA_URL` (the
published schema; a user's workspace has no `schemas/` folder of its own).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microokr.yamlio.read import read_yaml
from microokr.yamlio.render import scalar, text_lines

SPRINT_SCHEMA_URL = "../.microokr/schemas/sprint.schema.json"
"""Where the modeline of a drafted sprint points: the workspace's copy of the schema
(`init` writes it), from `sprints/`; `new` adjusts it for a deeper sprints folder."""


ORDER = (
    "id",
    "carried_from",
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
"""The top-level keys of a drafted sprint, in format.md's order."""


def render_sprint(data: Mapping[str, Any]) -> str:
    """The sprint file, fields in format.md order, a comment naming each protocol step.

    The result is read back and compared with `data`: a rendering mistake is a bug,
    never a silently different file.
    """
    out: list[str] = [
        f"# yaml-language-server: $schema={SPRINT_SCHEMA_URL}",
        "# Micro-OKR sprint drafted with `microokr new`. Decision test: it needs a commitment,",
        "# not a plan (a plan would be an Initiative).",
        f"id: {scalar(data['id'])}",
    ]
    if "carried_from" in data:
        out[1:3] = [
            "# Micro-OKR sprint drafted with `microokr carry`: the unmet KRs of the closed",
            "# sprint below, each starting from its final value.",
        ]
        out.append(f"carried_from: {scalar(data['carried_from'])}")
    trigger = data.get("trigger", {})
    out += ["", "# Step 1: identify the trigger (a signal, never the calendar)", "trigger:"]
    out.append(f"  type: {scalar(trigger['type'])}")
    if "signal" in trigger:
        out += text_lines("signal", trigger["signal"], 2)
    if trigger.get("evidence"):
        out.append("  evidence:")
        for item in trigger["evidence"]:
            out += text_lines(None, item, 4)
    if "anchor_kr" in data:
        out += ["", "# Step 2: name the Anchor KR", f"anchor_kr: {scalar(data['anchor_kr'])}"]
    if "desired_condition" in data:
        out += ["", "# Step 3: define the desired condition (a change in the world, not tasks)"]
        out += text_lines("desired_condition", data["desired_condition"], 0)
    objective = data.get("objective")
    if objective:
        out += ["", "# Step 4: write the Objective (Motivation, Direction, Alignment tests)"]
        out.append("objective:")
        for key in ("statement", "motivation", "direction", "alignment"):
            if key in objective:
                out += text_lines(key, objective[key], 2)
    if data.get("key_results"):
        out += ["", "# Step 5: write 2-3 Key Results (changes in condition, not tasks)"]
        out.append("key_results:")
        for kr in data["key_results"]:
            out.append(f"  - id: {scalar(kr['id'])}")
            out += text_lines("statement", kr["statement"], 4)
            for key in ("baseline", "target", "unit"):
                if key in kr:
                    out.append(f"    {key}: {scalar(kr[key])}")
    if data.get("initiatives"):
        out += ["", "# Initiatives: what will be done, by team. They are never Key Results."]
        out.append("initiatives:")
        for item in data["initiatives"]:
            # The plan fields of a joint sprint (format 1.1) come from `new`'s plan step.
            first = f"  - id: {scalar(item['id'])}" if "id" in item else None
            out.append(first or f"  - team: {scalar(item['team'])}")
            if first:
                out.append(f"    team: {scalar(item['team'])}")
            out += text_lines("action", item["action"], 4)
            if item.get("depends_on"):
                waits = ", ".join(scalar(d, flow=True) for d in item["depends_on"])
                out.append(f"    depends_on: [{waits}]")
            if "due" in item:
                out.append(f"    due: {scalar(item['due'])}")
    out += ["", "# Step 6: set duration and confirm ownership"]
    window = data["window"]
    out += ["window:", f"  start: {scalar(window['start'])}", f"  end: {scalar(window['end'])}"]
    owner = data["owner"]
    teams = ", ".join(scalar(team, flow=True) for team in owner["teams"])
    out += ["owner:", f"  teams: [{teams}]"]
    if "lead" in owner:
        out.append(f"  lead: {scalar(owner['lead'])}")
    for key in ("roles", "contacts"):
        if owner.get(key):
            pairs = ", ".join(
                f"{scalar(team, flow=True)}: {scalar(value, flow=True)}"
                for team, value in owner[key].items()
            )
            out.append(f"  {key}: {{{pairs}}}")
    cadence = data.get("cadence")
    if cadence:
        out += ["cadence:", f"  every: {scalar(cadence['every'])}"]
        if "minutes" in cadence:
            out.append(f"  minutes: {scalar(cadence['minutes'])}")
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
