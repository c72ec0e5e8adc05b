"""The scheduled GitHub workflow that `init --github` writes: `microokr due`, daily.

It puts the markdown into the job summary; only when the repository variable
MICROOKR_TRACKING_ISSUE names an issue does it also post, with `gh`, one
aggregated comment per lead who owes something and has not checked in today.
Every value reaches the scripts through `env:`, never `${{ }}` inside `run:`.
"""

from __future__ import annotations

import json

from microokr import __version__

CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"
SETUP_PYTHON = "actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b  # v5.3.0"
WORKFLOW_PATH = ".github/workflows/microokr-due.yml"

COMMENT_SCRIPT = """\
import json
import os
import subprocess
import sys
from pathlib import Path

issue = os.environ["MICROOKR_TRACKING_ISSUE"]
document = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for lead in document["leads"]:
    if lead["checked_in_today"] or not lead["items"]:
        continue  # one who just checked in needs no reminder
    lines = [f"**{lead['lead']}**, due on {document['today']}:", ""]
    lines += [f"- `{item['sprint']}`: {item['message']}" for item in lead["items"]]
    body = Path(os.environ["RUNNER_TEMP"]) / "microokr-due-comment.md"
    body.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
    subprocess.run(["gh", "issue", "comment", issue, "--body-file", str(body)], check=True)
"""


def due_workflow(workspace: str = ".") -> str:
    """The workflow text for a workspace at `workspace` (relative to the git root)."""
    lines = COMMENT_SCRIPT.splitlines()
    script = "".join(f"          {line}\n" if line else "\n" for line in lines)
    return f"""\
# What each Sprint Lead owes today (check-ins, closes, kickoffs), every weekday morning.
# Written by `microokr init --github`. To also remind leads on a tracking issue, set the
# repository variable MICROOKR_TRACKING_ISSUE to its number.
name: microokr due

on:
  schedule:
    - cron: "0 7 * * 1-5"
  workflow_dispatch:

permissions:
  contents: read
  issues: write

jobs:
  due:
    runs-on: ubuntu-latest
    env:
      MICROOKR_WORKSPACE: {json.dumps(workspace)}
    steps:
      - uses: {CHECKOUT}
        with:
          persist-credentials: false
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      - name: Install microokr
        run: python -m pip install "git+https://github.com/microokr/microokr@v{__version__}"
      - name: What is due
        run: |
          microokr --workspace "$MICROOKR_WORKSPACE" due --format markdown >> "$GITHUB_STEP_SUMMARY"
          microokr --workspace "$MICROOKR_WORKSPACE" due --format json > "$RUNNER_TEMP/due.json"
      - name: Remind each lead on the tracking issue
        if: ${{{{ vars.MICROOKR_TRACKING_ISSUE != '' }}}}
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          MICROOKR_TRACKING_ISSUE: ${{{{ vars.MICROOKR_TRACKING_ISSUE }}}}
        run: |
          python - "$RUNNER_TEMP/due.json" <<'PY'
{script}          PY
"""
