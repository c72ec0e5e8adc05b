"""The workspace as it will be committed: every file read from the git index.

Under pre-commit (`PRE_COMMIT=1`) or `lint --staged`, cross-file rules must see
what is being committed: an untracked sprint must not make a staged one "the
third active", and an unstaged fix must not hide a staged error. The files are
listed by `git ls-files -s` and read by one `git cat-file --batch`
(`gitindex.staged_files`); the rest is what `workspace.load_workspace` does on
disk (hidden files skipped, other files reported, the size limit applied).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from microokr.errors import WorkspaceError
from microokr.gitindex import StagedFile, repository_root, staged_files
from microokr.model import WorkspaceConfig
from microokr.workspace import CONFIG_NAME, FileKind, SourceFile, Workspace, source_from_bytes
from microokr.yamlio.read import LoadProblem, YamlDoc


def load_staged_workspace(root: Path) -> Workspace:
    """The workspace at `root` (a folder of a git work tree) as its index holds it."""
    repo = repository_root(root)
    if repo is None:
        raise WorkspaceError(
            f"--staged reads the git index, but {root} is not inside a git repository"
        )
    below = root.resolve().relative_to(repo).as_posix()
    prefix = "" if below == "." else below + "/"
    staged = {f.path[len(prefix) :]: f for f in staged_files(repo, prefix)}
    config_file: SourceFile | None = None
    config = WorkspaceConfig()
    if CONFIG_NAME in staged:
        config_file = _source(root, staged[CONFIG_NAME], CONFIG_NAME, FileKind.CONFIG, None)
        if config_file.model is not None:
            config = config_file.model
    folders = {FileKind.OKR: str(config.okrs), FileKind.SPRINT: str(config.sprints)}
    found: dict[FileKind, list[SourceFile]] = {FileKind.OKR: [], FileKind.SPRINT: []}
    unrecognized: list[str] = []
    for rel in sorted(staged):
        for kind, folder in folders.items():
            inside = PurePosixPath(rel).parts[: len(PurePosixPath(folder).parts)]
            if inside != PurePosixPath(folder).parts:
                continue
            below_folder = PurePosixPath(rel).parts[len(PurePosixPath(folder).parts) :]
            if not below_folder or any(part.startswith(".") for part in below_folder):
                continue
            if rel.endswith(".yaml"):
                found[kind].append(_source(root, staged[rel], rel, kind, config.max_file_size))
            else:
                unrecognized.append(rel)
    return Workspace(
        root=root,
        config=config,
        config_file=config_file,
        okr_files=found[FileKind.OKR],
        sprint_files=found[FileKind.SPRINT],
        unrecognized=unrecognized,
        from_index=True,
    )


def _source(
    root: Path, staged: StagedFile, rel: str, kind: FileKind, max_bytes: int | None
) -> SourceFile:
    if max_bytes is not None and len(staged.data) > max_bytes:
        problem = LoadProblem(
            "MO007",
            1,
            1,
            f"the file is {len(staged.data):,} bytes, over the {max_bytes:,}-byte limit: "
            "split it, or raise max_file_size in microokr.yaml",
        )
        return SourceFile(root / rel, rel, kind, YamlDoc("", aborted=True), problems=[problem])
    if max_bytes is None:
        return source_from_bytes(root / rel, rel, kind, staged.data)
    return source_from_bytes(root / rel, rel, kind, staged.data, max_bytes=max_bytes)
