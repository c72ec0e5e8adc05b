"""The pre-commit hook config that `init --pre-commit` adds at the git root.

pre-commit reads `.pre-commit-config.yaml` at the repository root and matches
`files` against paths from there, so a workspace in `planning/` needs
`^planning/(…)$`. Two forms: the remote repository (pre-commit installs microokr
itself, pinned by `rev`) by default, or `repo: local` with `language: system`
(microokr already installed). An existing config gains one `repos:` entry,
spliced as text, re-parsed and proven equal to the old one plus the entry, or
the hook is refused with the snippet to paste.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from microokr import __version__
from microokr.errors import RefusedError
from microokr.gitindex import repository_root

CONFIG_FILE = ".pre-commit-config.yaml"
REPO_URL = "https://github.com/microokr/microokr"
HOOK_ID = "microokr-lint"


def files_pattern(below: str, *, okrs: str = "okrs", sprints: str = "sprints") -> str:
    """The regex of the workspace's files, from the repository root (`below` is the
    workspace folder there, `""` at the root)."""
    prefix = re.escape(below.strip("/") + "/") if below.strip("/") else ""
    folders = "|".join(re.escape(folder.strip("/")) for folder in (okrs, sprints))
    # `.yml` too, as in .pre-commit-hooks.yaml: lint reports it (MO009), not skips it.
    return f"^{prefix}(microokr\\.yaml|({folders})/.*\\.ya?ml)$"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def repo_entry(pattern: str, *, local: bool) -> str:
    """One `repos:` item, indented as a list item of `repos:`."""
    if local:
        return (
            "  - repo: local\n"
            "    hooks:\n"
            f"      - id: {HOOK_ID}\n"
            "        name: microokr lint\n"
            "        entry: microokr lint\n"
            "        language: system\n"
            f"        files: {_quoted(pattern)}\n"
            "        pass_filenames: true\n"
            "        require_serial: true\n"
        )
    return (
        f"  - repo: {REPO_URL}\n"
        f"    rev: v{__version__}\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n"
        f"        files: {_quoted(pattern)}\n"
    )


def new_config(entry: str) -> str:
    return (
        "# Runs `microokr lint` on what is being committed: https://pre-commit.com\n"
        "repos:\n" + entry
    )


def hook_change(workspace: Path, *, okrs: str, sprints: str, local: bool) -> tuple[Path, str]:
    """The pre-commit config to write for the workspace and its whole new text.

    It goes to the git root (outside a repository: the workspace folder, where
    `git init` will make it the root); an existing config gains the entry.
    """
    root = repository_root(workspace) or workspace.resolve()
    below = workspace.resolve().relative_to(root).as_posix()
    pattern = files_pattern("" if below == "." else below, okrs=okrs, sprints=sprints)
    entry = repo_entry(pattern, local=local)
    target = root / CONFIG_FILE
    if not target.exists():
        return target, new_config(entry)
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RefusedError(f"cannot read {target}: {error}; nothing was written") from None
    if re.search(rf"\bid:\s*{HOOK_ID}\b", text):
        raise RefusedError(f"{target} already runs the {HOOK_ID} hook: nothing was written")
    return target, _spliced(target, text, entry)


def _spliced(target: Path, text: str, entry: str) -> str:
    """`text` with `entry` appended to its `repos:` list, or a RefusedError."""
    try:
        before = yaml.safe_load(text)
    except yaml.YAMLError:
        before = None
    wanted = yaml.safe_load("repos:\n" + entry)["repos"][0]
    if isinstance(before, dict) and isinstance(before.get("repos"), list):
        # The list's own indentation: `  - repo:` or `- repo:` under `repos:`.
        for indent in ("  ", "", "    "):
            candidate = text.rstrip("\n") + "\n" + _reindent(entry, indent)
            try:
                after = yaml.safe_load(candidate)
            except yaml.YAMLError:
                continue
            expected = {**before, "repos": [*before["repos"], wanted]}
            if after == expected:
                return candidate
    raise RefusedError(
        f"could not add the hook to {target} safely (its repos: list is not the last block "
        "of the file): add the microokr-lint entry of the README's pre-commit section "
        "under repos: yourself; nothing was written"
    )


def _reindent(entry: str, indent: str) -> str:
    return "".join(indent + line[2:] + "\n" for line in entry.splitlines())
