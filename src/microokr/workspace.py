# Over 400 lines: reading, the Workspace and the one-sprint load share its checks (walk: walk.py).
"""Find and read a workspace: `microokr.yaml`, the OKR files and the sprint files.

Reading never raises for a file's content: every problem is a `LoadProblem` on
the file it belongs to, so `lint` can report it and other commands can refuse.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from microokr.errors import WorkspaceError
from microokr.facts import SprintLike
from microokr.gcpause import gc_paused
from microokr.model import OkrFile, OkrKeyResult, OkrObjective, Sprint, WorkspaceConfig
from microokr.rules.mo0.codes import UNKNOWN_FIELD, UNSAFE_YAML
from microokr.validation import validate
from microokr.walk import CONFIG_NAME as CONFIG_NAME  # re-exported: callers import them here
from microokr.walk import _rel, _scan, inside, rel_name
from microokr.walk import find_root as find_root
from microokr.walk import has_config as has_config
from microokr.walk import resolve_root as resolve_root
from microokr.yamlio.read import DEFAULT_MAX_BYTES, LoadProblem, YamlDoc, read_yaml


class FileKind(StrEnum):
    CONFIG = "config"
    OKR = "okr"
    SPRINT = "sprint"


MODEL_BY_KIND: dict[FileKind, Any] = {
    FileKind.CONFIG: WorkspaceConfig,
    FileKind.OKR: OkrFile,
    FileKind.SPRINT: Sprint,
}


@dataclass
class SourceFile:
    """One file of the workspace, read and (when it could be) validated."""

    path: Path
    rel: str
    kind: FileKind
    doc: YamlDoc
    model: Any = None
    problems: list[LoadProblem] = field(default_factory=list)

    def locate(self, where: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        return self.doc.locate(where, key=key)

    def line_text(self, line: int) -> str:
        known = getattr(self.doc, "line_text", None)  # a cached doc knows without its text
        if known is not None:
            return str(known(line))
        lines = self.doc.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def has_model(self) -> bool:
        """Whether the file validated (a cache hit answers without building the model)."""
        return self.model is not None

    def facts(self) -> SprintLike | None:
        """What cross-file rules read of a valid sprint: its model (a cache hit gives
        plain `microokr.facts` instead, without validating the file)."""
        if self.kind is not FileKind.SPRINT:
            return None
        model: Sprint | None = self.model
        return model


def read_source(
    path: Path, rel: str, kind: FileKind, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceFile:
    """Read, check and validate one file. Never raises for what the file holds."""
    problem = _unreadable(path, max_bytes)
    if problem is not None:
        return SourceFile(path, rel, kind, YamlDoc("", aborted=True), problems=[problem])
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return SourceFile(
            path,
            rel,
            kind,
            YamlDoc("", aborted=True),
            problems=[LoadProblem(UNSAFE_YAML, 1, 1, f"the file cannot be read: {reason}")],
        )
    return source_from_bytes(path, rel, kind, raw, max_bytes=max_bytes)


def source_from_bytes(
    path: Path, rel: str, kind: FileKind, raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceFile:
    doc = read_yaml(raw, max_bytes=max_bytes)
    source = SourceFile(path, rel, kind, doc, problems=list(doc.problems))
    if doc.aborted:
        return source
    marker = conflict_marker(raw)
    if marker is not None:
        source.problems.append(marker)
    model, field_problems = validate(MODEL_BY_KIND[kind], doc.data)
    if model is None and field_problems and all(p.code == UNKNOWN_FIELD for p in field_problems):
        # Unknown keys stay errors, but the rest of the file is still checked by every
        # rule: a typo'd `desired_conditon` must also show that the condition is missing.
        model, _ = validate(
            MODEL_BY_KIND[kind], _without(doc.data, [p.path for p in field_problems])
        )
    source.model = model
    for item in field_problems:
        line, column = doc.locate(item.path, key=item.key)
        source.problems.append(LoadProblem(item.code, line, column, item.message))
    return source


_CONFLICT_START = re.compile(rb"^[ \t]*<{7}(?=[ \r\n]|$)", re.M)
_CONFLICT_MIDDLE = re.compile(rb"^[ \t]*={7}(?=[\r\n]|$)", re.M)
_CONFLICT_END = re.compile(rb"^[ \t]*>{7}(?=[ \r\n]|$)", re.M)


def conflict_marker(raw: bytes) -> LoadProblem | None:
    """Git's conflict markers that still parse (inside a block scalar): an unresolved merge.

    Outside a block scalar they break the YAML (MO001 from the parser); inside one the
    file reads fine and both sides of the conflict would be kept as text. Reported only
    for the whole set, in order (`<<<<<<<`, `=======`, `>>>>>>>`), at the first line.
    """
    if b"<<<<<<<" not in raw:
        return None
    start = _CONFLICT_START.search(raw)
    if start is None:
        return None
    middle = _CONFLICT_MIDDLE.search(raw, start.end())
    if middle is None or _CONFLICT_END.search(raw, middle.end()) is None:
        return None
    line = raw.count(b"\n", 0, start.start()) + 1
    column = len(start.group(0)) - 6
    return LoadProblem(
        "MO001",
        line,
        column,
        "an unresolved merge conflict ('<<<<<<<' ... '>>>>>>>'): keep the side you want "
        "and remove the markers",
    )


def _without(data: Any, paths: list[tuple[str | int, ...]]) -> Any:
    """A copy of `data` without the keys at `paths` (copying only the mappings on the way)."""
    if not paths:
        return data
    here = {path[0] for path in paths if len(path) == 1}
    below: dict[str | int, list[tuple[str | int, ...]]] = {}
    for path in paths:
        if len(path) > 1:
            below.setdefault(path[0], []).append(path[1:])
    if isinstance(data, dict):
        return {k: _without(v, below.get(k, [])) for k, v in data.items() if k not in here}
    if isinstance(data, list):
        return [_without(v, below.get(i, [])) for i, v in enumerate(data)]
    return data


def _unreadable(path: Path, max_bytes: int) -> LoadProblem | None:
    """Refuse what must not be read at all: directories, devices, huge files."""
    try:
        info = path.stat()
    except OSError as error:
        return LoadProblem(UNSAFE_YAML, 1, 1, f"the file cannot be read: {error.strerror}")
    if stat.S_ISDIR(info.st_mode):
        return LoadProblem(
            UNSAFE_YAML, 1, 1, "this is a folder, not a YAML file: rename or move it"
        )
    if not stat.S_ISREG(info.st_mode):
        return LoadProblem(UNSAFE_YAML, 1, 1, "this is not a regular file: remove it")
    if info.st_size > max_bytes:
        return LoadProblem(
            UNSAFE_YAML,
            1,
            1,
            f"the file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit: "
            "split it, or raise max_file_size in microokr.yaml",
        )
    return None


@dataclass(frozen=True)
class KrRef:
    """A KR of an OKR file with the objective and file it belongs to."""

    key_result: OkrKeyResult
    objective: OkrObjective
    okr: OkrFile
    source: SourceFile
    index: tuple[int, int]  # (objective index, KR index) inside the file

    @property
    def owner(self) -> str | list[str] | None:
        return self.key_result.owner if self.key_result.owner is not None else self.objective.owner


@dataclass
class Workspace:
    root: Path
    config: WorkspaceConfig
    config_file: SourceFile | None
    okr_files: list[SourceFile]
    sprint_files: list[SourceFile]
    unrecognized: list[str]
    outside_links: list[str] = field(default_factory=list)
    unread_sprints: list[Path] = field(default_factory=list)
    """Sprint files a one-sprint load left unread (`followers.carried_on_in` screens them);
    such a load also reads only the OKR files that may define the sprint's anchor KR."""
    from_index: bool = False
    """Read from the git index (`lint --staged`), not the working tree."""

    @property
    def files(self) -> list[SourceFile]:
        head = [self.config_file] if self.config_file else []
        return [*head, *self.okr_files, *self.sprint_files]

    @property
    def teams(self) -> dict[str, Any] | None:
        return self.config.teams

    @cached_property
    def lead_names(self) -> tuple[str, ...]:
        """The registry's team leads (people): rules that spot a person's name read them."""
        return tuple(team.lead for team in (self.teams or {}).values() if team.lead)

    def sprints(self) -> Iterator[tuple[SourceFile, Sprint]]:
        for source in self.sprint_files:
            if source.model is not None:
                yield source, source.model

    def sprint_facts(self) -> Iterator[tuple[SourceFile, SprintLike]]:
        """`sprints()` as plain facts: what MO006, MO701 and MO710 compare across files,
        answered by the cache without validating any unchanged sprint."""
        for source in self.sprint_files:
            found = source.facts()
            if found is not None:
                yield source, found

    @cached_property
    def key_results(self) -> dict[str, KrRef]:
        """Every KR of the OKR files by id (the first one where ids repeat: MO006)."""
        index: dict[str, KrRef] = {}
        for source in self.okr_files:
            okr = source.model
            if okr is None:
                continue
            for i, objective in enumerate(okr.objectives):
                for j, key_result in enumerate(objective.key_results):
                    index.setdefault(
                        key_result.id, KrRef(key_result, objective, okr, source, (i, j))
                    )
        return index

    def folder(self, name: str) -> Path:
        """A folder commands write into; refused when it links out of the workspace."""
        path = self.root / str(getattr(self.config, name))
        if not inside(path, self.root):
            raise WorkspaceError(
                f"{_rel(path, self.root)}/ links outside the workspace at {self.root}, so "
                "microokr does not write there: replace the link with a real folder"
            )
        return path

    def find_sprint(self, spec: str) -> SourceFile:
        """A sprint by id or by path; a WorkspaceError (exit 2) when there is none."""
        candidate = Path(spec)
        if spec.endswith((".yaml", ".yml")) or os.sep in spec or "/" in spec:
            target = candidate if candidate.is_absolute() else Path.cwd() / candidate
            target = target.resolve()
            for source in self.sprint_files:
                if source.path.resolve() == target:
                    return source
            raise WorkspaceError(
                f"{spec} is not a sprint file of the workspace at {self.root} "
                f"(sprint files live in {self.config.sprints}/)"
            )
        holding = [s for s in self.sprint_files if s.model is not None and s.model.id == spec]
        if len(holding) > 1:  # prefer the file named after the id, never a guess
            named = [s for s in holding if s.path.stem == spec]
            if len(named) != 1:
                files = " and ".join(s.rel for s in holding)
                raise WorkspaceError(
                    f"the id '{spec:.80}' is held by {files}, and no single one of them is "
                    f"named {spec:.80}.yaml: give each sprint its own id"
                )
            return named[0]
        if holding:
            return holding[0]
        for source in self.sprint_files:
            if source.path.stem == spec:
                return source
        known = sorted(s.model.id for s in self.sprint_files if s.model is not None)
        from microokr.formatting import did_you_mean

        hint = did_you_mean(spec, known)
        suffix = f"; {hint}" if hint else ""
        raise WorkspaceError(f"no sprint with id '{spec:.80}' in {self.config.sprints}/{suffix}")

    def require_valid(self, source: SourceFile) -> Any:
        """The model of a file a command must act on, or a WorkspaceError naming why not."""
        if source.model is None or source.problems:
            first = source.problems[0] if source.problems else None
            if first is None:
                raise WorkspaceError(f"{source.rel} could not be read")
            raise WorkspaceError(
                f"{first.message} (run 'microokr lint' for every problem)",
                path=source.rel,
                line=first.line,
                column=first.column,
            )
        return source.model


def load_workspace(
    root: Path,
    *,
    reader: Any = None,
    each: Callable[[Workspace, SourceFile], object] | None = None,
    ahead: Callable[[Workspace, list[Path]], object] | None = None,
) -> Workspace:
    """Read the whole workspace at `root`. `reader` may replace `read_source` (the cache).

    `each(workspace, source)` is called for every sprint file as soon as it is read,
    with the config and the OKR files already in `workspace`: `lint` checks a sprint
    while its value and node tree are still there. When `each` returns a SourceFile,
    the workspace keeps that instead (`checked.CheckedSprint`: what lint still needs).
    Each sprint's doc is released after it (`YamlDoc.release`), so a load keeps texts
    and models, not 10,000 trees. `ahead(workspace, paths)` is told the sprint files
    before the first is read (`lintshare`: a helper process starts on them).

    The cyclic garbage collector is paused while reading: loading creates millions of
    objects that all survive, so its full passes only rescan them (on 10,000 sprint
    files they took half the load time; see bench/README.md).
    """
    with gc_paused():
        loaded: Workspace = _load_workspace(root, reader=reader, each=each, ahead=ahead)
        return loaded


def load_for_sprint(root: Path, spec: str) -> Workspace:
    """The workspace as a command on one sprint needs it: the config, the OKR files and
    the sprint `spec` names (an id or a path); the other sprint files are left unread
    (`unread_sprints`: the report's "Carried on in" screens them, `followers.py`), and
    of the OKR files only those that may define its anchor KR (`key_results` holds it
    as a full load finds it; the commands on one sprint look up no other KR).

    Used by commands whose rules read no other sprint (`checkin`, `close`, `report`). When the
    file cannot be told without reading the others (no single file named `<id>.yaml`
    holding that id, a path that is no sprint file), the whole workspace is read, so
    `find_sprint` gives the same answer, or the same error, as after `load_workspace`.
    """
    with gc_paused():
        loaded: Workspace = _load_workspace(root, only=spec) or _load_workspace(root)
        return loaded


def _one_sprint(paths: list[Path], spec: str) -> tuple[Path | None, bool]:
    """The one sprint path `spec` names, and whether its id must be checked."""
    if spec.endswith((".yaml", ".yml")) or os.sep in spec or "/" in spec:
        given = Path(spec)
        target = (given if given.is_absolute() else Path.cwd() / given).resolve()
        found = [path for path in paths if path.resolve() == target]
        return (found[0] if len(found) == 1 else None), False
    named = [path for path in paths if path.stem == spec]
    return (named[0] if len(named) == 1 else None), True


def _load_workspace(
    root: Path,
    *,
    reader: Any = None,
    only: str | None = None,
    each: Callable[[Workspace, SourceFile], object] | None = None,
    ahead: Callable[[Workspace, list[Path]], object] | None = None,
) -> Any:
    read = reader or read_source
    config_path = root / CONFIG_NAME
    config_file: SourceFile | None = None
    config = WorkspaceConfig()
    outside: list[str] = []
    if config_path.is_symlink() and not inside(config_path, root):
        outside.append(CONFIG_NAME)  # not followed: the defaults apply, MO007 says why
    elif config_path.exists():
        config_file = read_source(config_path, CONFIG_NAME, FileKind.CONFIG)
        if config_file.model is not None:
            config = config_file.model
    okr_paths, okr_others, okr_outside = _scan(root / config.okrs, root)
    sprint_paths, sprint_others, sprint_outside = _scan(root / config.sprints, root)
    limit = config.max_file_size
    first_sprint: SourceFile | None = None
    if only is not None:
        path, by_id = _one_sprint(sprint_paths, only)
        if path is None:
            return None
        first_sprint = read(path, _rel(path, root), FileKind.SPRINT, max_bytes=limit)
        if by_id and (first_sprint.model is None or first_sprint.model.id != only):
            return None  # another file may hold the id: find_sprint must see them all
        unread = [p for p in sprint_paths if p is not path]
        sprint_paths = [path]
        okr_files = _anchor_okrs(root, okr_paths, first_sprint.model, limit)
    else:
        unread = []
        okr_files = [
            read(p, rel_name(str(p), root), FileKind.OKR, max_bytes=limit) for p in okr_paths
        ]
    workspace = Workspace(
        root=root,
        config=config,
        config_file=config_file,
        okr_files=okr_files,
        sprint_files=[],
        unrecognized=[*okr_others, *sprint_others],
        outside_links=[*outside, *okr_outside, *sprint_outside],
        unread_sprints=unread,
    )
    if ahead is not None:
        ahead(workspace, sprint_paths)
    for path in sprint_paths:
        rel = rel_name(str(path), root)
        source = first_sprint or read(path, rel, FileKind.SPRINT, max_bytes=limit)
        workspace.sprint_files.append(source)
        if each is not None:
            kept = each(workspace, source)
            if isinstance(kept, SourceFile):
                workspace.sprint_files[-1] = source = kept
        source.doc.release()
    return workspace


def _anchor_okrs(root: Path, paths: list[Path], sprint: Any, limit: int) -> list[SourceFile]:
    """The OKR files that may define the sprint's anchor KR (the only KR a one-sprint
    command looks up): a file whose bytes hold neither its id nor an escape cannot, so
    `key_results[anchor]` is the same KR, from the same file, as after a full load."""
    from microokr.bytescreen import screened

    anchor = getattr(sprint, "anchor_kr", None)
    if not anchor:
        return []
    needle = anchor.encode("utf-8")
    found = []
    for path in paths:
        raw = screened(path, limit, needle)
        if raw is not None:
            found.append(
                source_from_bytes(path, _rel(path, root), FileKind.OKR, raw, max_bytes=limit)
            )
    return found


def iter_models(files: Iterable[SourceFile]) -> Iterator[Any]:
    for source in files:
        if source.model is not None:
            yield source.model
