"""The `--from FILE` of `microokr new`: the answers of a sprint file written in advance.

The file is read by the same safe reader as every workspace file; its keys are
checked here, before the walk starts, so a typo is named with a "did you mean"
instead of being silently asked for again. The values are read by the walk, one
answer at a time, with the same parsers as typed answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from microokr.errors import UsageError
from microokr.formatting import did_you_mean
from microokr.yamlio.read import read_yaml

ANSWER_KEYS: dict[str, Any] = {
    "decision": None,
    "id": None,
    "trigger": {"type", "signal", "evidence"},
    "anchor_kr": None,
    "desired_condition": None,
    "objective": {"statement", "motivation", "direction", "alignment"},
    "key_results": {"id", "statement", "baseline", "target", "unit"},
    "initiatives": {"id", "team", "action", "due", "depends_on"},
    "window": {"start", "end"},
    "owner": {"teams", "lead", "roles", "contacts"},
    "cadence": {"every", "minutes"},
}
"""The keys a `--from` file may hold: those of a sprint file that `new` drafts, plus `decision`."""


def check_answers_file(data: Any, name: str) -> dict[str, Any]:
    """The `--from` answers, or a UsageError naming the first key `new` does not take."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{name} must be a mapping of answers with the keys of a sprint file")
    for key, value in data.items():
        if key not in ANSWER_KEYS:
            raise UsageError(
                f"{name}: '{key}' is not an answer 'microokr new' takes{_hint(key, ANSWER_KEYS)}"
            )
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
                    raise UsageError(
                        f"{name}: '{key}.{sub}' is not an answer 'microokr new' takes"
                        f"{_hint(sub, sorted(allowed))}"
                    )
    return data


def _hint(key: Any, known: Iterable[str]) -> str:
    close = did_you_mean(str(key), known)
    return f"; {close}" if close else ""


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
