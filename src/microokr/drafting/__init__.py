"""Drafting a sprint through the 6-step protocol, for `microokr new`.

`commands/new.py` is a thin shell around `Walk`. The pieces:

- `walk.py`: the `Walk` and its `Prompter` (rich prompts in a terminal, nothing at
  all with `--no-input`): where each answer comes from, and what a finding does;
- `steps/`: the decision test and the six steps, one module per part, in order;
- `answers.py`: reading typed answers (dates, `14d`, numbers, "from 22% to 35%");
- `answers_file.py`: the `--from` file of answers written in advance;
- `checks.py`: each answer tried with the *registered* lint rules on a candidate
  sprint, read as `lint` reads a file;
- the YAML text (a comment per step, a schema modeline) is written by
  `yamlio.sprint_text`, with the one emitter of `yamlio.render`.

Nothing here writes a file.
"""

from __future__ import annotations

from microokr.drafting.answers import (
    AnswerError,
    KrNumbers,
    parse_date,
    parse_end,
    parse_kr_numbers,
    parse_number,
)
from microokr.drafting.answers_file import ANSWER_KEYS, check_answers_file, read_answers_file
from microokr.drafting.checks import Found, run_rules
from microokr.drafting.steps.identify import suggest_id
from microokr.drafting.walk import Draft, Prompter, Walk
from microokr.yamlio.sprint_text import SPRINT_SCHEMA_URL, render_sprint

__all__ = [
    "ANSWER_KEYS",
    "SPRINT_SCHEMA_URL",
    "AnswerError",
    "Draft",
    "Found",
    "KrNumbers",
    "Prompter",
    "Walk",
    "check_answers_file",
    "parse_date",
    "parse_end",
    "parse_kr_numbers",
    "parse_number",
    "read_answers_file",
    "render_sprint",
    "run_rules",
    "suggest_id",
]
