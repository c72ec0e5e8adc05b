"""A workspace's sprint files through their git history: one lineage per file.

`open_history` runs one `git log` over the sprints folder and strings each file's
versions together, renames followed, oldest first. Contents are read only when
asked (`WorkspaceHistory.data`), through one `git cat-file --batch` process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from microokr.history.blobs import BlobReader, blob_id
from microokr.history.git import (
    REV_PARSE,
    Change,
    Commit,
    GitUnavailable,
    Repo,
    find_repo,
    log,
    log_args,
    parse_log,
    repo_of,
    run_git,
)
from microokr.history.gitmemo import remembered
from microokr.yamlio.read import DEFAULT_MAX_BYTES, read_yaml


@dataclass(frozen=True)
class Version:
    """A sprint file as one commit left it (`path` relative to the workspace)."""

    commit: Commit
    path: str
    blob: str


@dataclass
class WorkspaceHistory:
    """What git knows of the sprint files; `notice` says why it knows nothing or little."""

    repo: Repo | None
    notice: str | None = None
    lineages: dict[str, list[Version]] = field(default_factory=dict)
    oldest: Commit | None = None
    failure: str | None = None
    """Why reading old versions failed midway (git cat-file died): nothing read is trusted."""
    _blobs: BlobReader | None = None
    _data: dict[str, Any] = field(default_factory=dict)
    settled: set[str] | None = None
    """Keys of files MO709 found nothing unrecorded in (`history.settled`; None: not
    remembered, as outside lint)."""
    settled_kept: set[str] | None = None
    """What a complete MO709 pass found settled (saved on close when it differs)."""
    _settled_at: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def available(self) -> bool:
        return self.repo is not None and self.failure is None

    def lineage(self, rel: str) -> list[Version]:
        """The committed versions of the file now at `rel`, oldest first ([] if untracked)."""
        return self.lineages.get(rel, [])

    def prefetch(self, blobs: list[str]) -> None:
        if self._blobs is not None:
            try:
                self._blobs.prefetch(blobs)
            except GitUnavailable as why:
                self._fail(why)

    def raw(self, version: Version) -> bytes | None:
        """A version's bytes (None: missing from this clone, or over the size limit)."""
        if self._blobs is None:
            return None
        try:
            return self._blobs.read(version.blob)
        except GitUnavailable as why:
            self._fail(why)
            return None

    def _fail(self, why: GitUnavailable) -> None:
        """Git stopped answering: say so once, and read nothing more (callers check
        `available` and drop what they found, rather than judge from half a history)."""
        self.failure = f"{why}; no history was read"
        self.close()
        self._blobs = None

    def mentions(self, version: Version, word: bytes) -> bool:
        """Whether a version's bytes hold `word`: a screen that saves parsing most blobs."""
        raw = self.raw(version)
        return raw is not None and word in raw

    def data(self, version: Version) -> Any:
        """The plain YAML value of a version; None when it cannot be read or parsed."""
        if version.blob not in self._data:
            raw = self.raw(version)
            value = None
            if raw is not None:
                doc = read_yaml(raw, max_bytes=len(raw) + 1)
                value = None if doc.aborted else doc.data
            self._data[version.blob] = value
        return self._data[version.blob]

    def blob_of(self, raw: bytes) -> str:
        return blob_id(raw, self.repo.object_format if self.repo else "sha1")

    def close(self) -> None:
        if self._blobs is not None:
            self._blobs.close()
        kept, self.settled_kept = self.settled_kept, None
        if kept is not None and self._settled_at is not None and self.failure is None:
            if kept != self.settled:
                from microokr.history import settled

                settled.save(self._settled_at, kept)
            self.settled = kept

    def __enter__(self) -> WorkspaceHistory:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_history(
    root: Path, folder: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stamp: int | None = None
) -> WorkspaceHistory:
    """The history of `root`'s sprint folder; never raises (a notice says what failed).

    With `stamp` (the lint cache's: the file system's clock before anything was read)
    git's answers are remembered while its inputs are unchanged (`gitmemo`)."""
    try:
        if stamp is None:
            repo = find_repo(root)
            commits = log(repo, folder)
        else:
            said = remembered(root, [list(REV_PARSE), log_args(folder)], run_git, stamp)
            repo = repo_of(root, said[0])
            commits = list(parse_log(said[1]))
    except GitUnavailable as why:
        return WorkspaceHistory(None, notice=str(why))
    history = WorkspaceHistory(repo, _blobs=BlobReader(repo, max_bytes=max_bytes))
    history.max_bytes = max_bytes
    if stamp is not None:
        from microokr.history import settled

        history.settled, history._settled_at = settled.load(root), root
    history.lineages = _lineages(reversed(commits), repo.prefix)
    if repo.shallow and commits:
        history.oldest = commits[-1][0]
        history.notice = (
            f"this is a shallow clone: history reaches back only to "
            f"{history.oldest.day.isoformat()} (commit {history.oldest.short}), so changes "
            "before it cannot be seen; 'git fetch --unshallow' fetches the rest"
        )
    return history


def _lineages(commits: Any, prefix: str) -> dict[str, list[Version]]:
    """Follow every file from oldest to newest commit; what exists at the end is kept."""
    alive: dict[str, list[Version]] = {}
    for commit, changes in commits:
        for change in changes:
            _apply(alive, commit, change, prefix)
    return alive


def _apply(alive: dict[str, list[Version]], commit: Commit, change: Change, prefix: str) -> None:
    path = _inside(change.path, prefix)
    if change.status == "D":
        if path is not None:
            alive.pop(path, None)
        return
    before: list[Version] = []
    if change.status in "RC" and change.old_path is not None:
        old = _inside(change.old_path, prefix)
        if old is not None:
            before = alive.get(old, []) if change.status == "C" else alive.pop(old, [])
            before = list(before)
    elif path is not None:
        before = alive.get(path, []) if change.status != "A" else []
    if path is not None:
        alive[path] = [*before, Version(commit, path, change.blob)]


def _inside(path: str, prefix: str) -> str | None:
    return path[len(prefix) :] if path.startswith(prefix) else None
