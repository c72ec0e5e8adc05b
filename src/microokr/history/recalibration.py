"""Re-calibrations: goalposts that differ now from when the first check-in was recorded.

The one analysis behind MO709 (the unrecorded ones), `report` and the site
("original → revised", recorded or not). A value counts as re-calibrated when it
differs from its value in the commit that recorded the sprint's first check-in;
it is *recorded* when a `revisions` entry dated on or after its last change names
it (seed 003: re-calibrate, and say so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microokr.history import screen
from microokr.history.fields import Field, goalposts_of, has_checkins, measured
from microokr.history.git import Commit
from microokr.history.lineage import Version, WorkspaceHistory
from microokr.history.settled import key_of

if TYPE_CHECKING:
    from microokr.workspace import SourceFile, Workspace


@dataclass(frozen=True, kw_only=True)
class Change:
    """What moved after measuring began, when, and whether a revision records it (a
    goalpost's value here, a whole KR in `krset`)."""

    changed_in: Commit | None
    """The commit of its last change; None when the change is not committed yet."""
    changed_on: dt.date
    """That commit's day (uncommitted: the day of the file's newest commit)."""
    revision: int | None
    """Index of the `revisions` entry that records it, or None: unrecorded."""

    @property
    def recorded(self) -> bool:
        return self.revision is not None


@dataclass(frozen=True)
class Recalibration(Change):
    """One goalpost that moved after measuring began."""

    field: Field
    original: object
    """Its value in the commit that recorded the first check-in."""
    revised: object
    """Its value now (None: removed)."""
    first_checkin: Commit

    def to_dict(self) -> dict[str, object]:
        from microokr.history.fields import shown

        return {
            "field": self.field.label(),
            "original": shown(self.original),
            "revised": shown(self.revised),
            "first_checkin_commit": self.first_checkin.id,
            "changed_in": self.changed_in.id if self.changed_in else None,
            "changed_by": self.changed_in.author if self.changed_in else None,
            "changed_on": self.changed_on.isoformat(),
            "revision": self.revision,
            "recorded": self.recorded,
        }


@dataclass(frozen=True)
class RevisionEntry:
    """What matching needs of a `revisions` entry (the model's, or a plain mapping's)."""

    date: dt.date
    what: str


def first_checkin(history: WorkspaceHistory, versions: Sequence[Version]) -> int | None:
    """Index of the first version holding a check-in; the bytes are screened first."""
    for index, version in enumerate(versions):
        if history.mentions(version, b"checkins") and has_checkins(history.data(version)):
            return index
    return None


def recalibrations(
    history: WorkspaceHistory,
    rel: str,
    *,
    raw_now: bytes,
    data_now: Any,
    revisions: Sequence[RevisionEntry],
    checkins_now: bool,
) -> list[Recalibration]:
    """Every goalpost of the sprint file at `rel` that moved after its first check-in.

    `data_now` may be a callable returning the value, so that a file whose bytes
    equal a committed version is never parsed again.
    """
    versions = history.lineage(rel)
    if not versions:
        return []
    now_blob = history.blob_of(raw_now)
    if _unmoved_by_text(history, versions, raw_now, now_blob, checkins_now=checkins_now):
        return []
    base: int | None = None
    for index, version in enumerate(versions):
        if version.blob == now_blob and checkins_now:
            # This version is the file as it is now, and it has check-ins: either it is
            # the first such version (nothing moved) or an earlier one was found.
            break
        if history.mentions(version, b"checkins") and has_checkins(history.data(version)):
            base = index
            break
    if base is None:
        return []
    now = data_now() if callable(data_now) else data_now
    before, after = measured(history.data(versions[base])), measured(now)
    later = versions[base + 1 :]
    if any(before.get(f) != after.get(f) for f in _compared(before, after)):
        history.prefetch([version.blob for version in later])  # no-op after the bulk read
    found = []
    for field in sorted(_compared(before, after)):
        if before.get(field) == after.get(field):
            continue
        changed_in, changed_on = _last_change(
            history, later, field, (before.get(field), after.get(field)), versions[-1]
        )
        found.append(
            Recalibration(
                field,
                before.get(field),
                after.get(field),
                versions[base].commit,
                changed_in=changed_in,
                changed_on=changed_on,
                revision=recorded_by(field, changed_on, revisions),
            )
        )
    return found


def _unmoved_by_text(
    history: WorkspaceHistory,
    versions: Sequence[Version],
    raw_now: bytes,
    now_blob: str,
    *,
    checkins_now: bool,
) -> bool:
    """True when the text screen proves no goalpost moved; False: parse to know."""
    for version in versions:
        if version.blob == now_blob and checkins_now:
            return True
        raw = history.raw(version)
        try:
            then = screen.sections(raw.decode("utf-8")) if raw is not None else None
        except UnicodeDecodeError:
            return False
        if then is None:
            return False
        if screen.has_checkins(then):
            try:
                now = screen.sections(raw_now.decode("utf-8"))
            except UnicodeDecodeError:
                return False
            return now is not None and screen.same_goalposts(then, now)
    return True  # no version held a check-in: nothing to compare with


def _compared(before: dict[Field, object], after: dict[Field, object]) -> set[Field]:
    """Fields of both versions; a KR added or removed since is not a moved value."""
    both_krs = {f.kr for f in before if f.kr} & {f.kr for f in after if f.kr}
    return {f for f in (*before, *after) if f.kr is None or f.kr in both_krs}


def _last_change(
    history: WorkspaceHistory,
    later: Sequence[Version],
    field: Field,
    values: tuple[object, object],
    newest: Version,
) -> tuple[Commit | None, dt.date]:
    """The commit that last changed `field` (None: the working tree did, after `newest`)."""
    previous, now = values
    changed: Commit | None = None
    for version in later:
        value = measured(history.data(version)).get(field)
        if value != previous:
            changed = version.commit
        previous = value
    if previous != now or changed is None:
        return None, newest.commit.day
    return changed, changed.day


def recorded_by(
    field: Field, changed_on: dt.date, revisions: Sequence[RevisionEntry]
) -> int | None:
    pattern = field.names()
    for index, entry in enumerate(revisions):
        if entry.date >= changed_on and pattern.search(entry.what):
            return index
    return None


def recalibrations_of(
    history: WorkspaceHistory, source: SourceFile, raw: bytes | None = None
) -> list[Recalibration]:
    """`recalibrations` of a workspace sprint file (its model holds the revisions);
    `raw` is the file's bytes when the caller has them already."""
    sprint = source.model
    if sprint is None or not history.available or not history.lineage(source.rel):
        return []
    if raw is None:
        raw = _linted_bytes(source)
    return recalibrations(
        history,
        source.rel,
        raw_now=raw,
        data_now=lambda: goalposts_of(sprint),
        revisions=[RevisionEntry(r.date, r.what) for r in sprint.revisions],
        checkins_now=bool(sprint.checkins),
    )


def recalibrations_of_all(
    history: WorkspaceHistory, sources: Sequence[SourceFile], *, unrecorded: bool = False
) -> Iterator[tuple[SourceFile, list[Recalibration]]]:
    """`recalibrations_of` for many files, the old versions they need read in one stream.

    `unrecorded=True` (MO709): a file remembered as holding nothing unrecorded
    (`history.settled`) is skipped unread, and one found so is remembered."""
    if not history.available:
        return
    settled = history.settled if unrecorded else None
    kept: set[str] = set()  # what this run found settled: the next run's memo
    needed: list[str] = []
    tracked: list[tuple[SourceFile, bytes]] = []
    keys: dict[str, str] = {}
    for source in sources:
        versions = history.lineage(source.rel)
        if not versions or not source.has_model():  # a cache hit answers unvalidated
            continue
        now_blob, raw = _blob_now(history, source)
        if all(version.blob == now_blob for version in versions):
            continue  # never changed since its first commit: nothing can have moved
        if settled is not None:
            key = keys[source.rel] = key_of(now_blob, versions, history.max_bytes)
            if key in settled:
                kept.add(key)
                continue  # compared before, with the same text and versions: all recorded
        tracked.append((source, raw if raw is not None else _linted_bytes(source)))
        # Every version, not only those before today's: a moved value is traced
        # through the later ones, and one stream beats a round trip per lineage.
        needed.extend(version.blob for version in versions if version.blob != now_blob)
    history.prefetch(needed)
    for source, raw in tracked:
        found = recalibrations_of(history, source, raw)
        if not history.available:
            return  # git failed midway: `history.failure` says so, nothing half-read counts
        if settled is not None and all(moved.recorded for moved in found):
            kept.add(keys[source.rel])
        yield source, found
    if settled is not None:
        history.settled_kept = kept  # every file seen: saved when the history closes


def _blob_now(history: WorkspaceHistory, source: SourceFile) -> tuple[str, bytes | None]:
    """The git blob id of the text lint checked, and that text's bytes if read for it:
    a cache hit may know the id (`cachedsource.LazySource.git_blob`, SHA-1), so an
    unchanged file of 10,000 is not read only to be hashed."""
    sha1 = history.repo is not None and history.repo.object_format == "sha1"
    known: str | None = getattr(source, "git_blob", None)
    if sha1 and known is not None:
        return known, None
    raw = _linted_bytes(source)
    blob = history.blob_of(raw)
    keep = getattr(source, "keep_git_blob", None)
    if sha1 and keep is not None:
        keep(blob)
    return blob, raw


def _linted_bytes(source: SourceFile) -> bytes:
    """The text lint checked, as bytes: the working tree's, or the index's under
    `--staged` (never the disk behind it). A BOM or a non-UTF-8 detail makes the id
    differ from git's; that only costs a parse, never a wrong answer."""
    return source.doc.text.encode("utf-8")


def recalibrations_for(workspace: Workspace, source: SourceFile) -> list[Recalibration] | None:
    """What `report` shows of one sprint's re-calibrations; None outside a git repository."""
    from microokr.history.lineage import open_history

    config = workspace.config
    with open_history(workspace.root, config.sprints, max_bytes=config.max_file_size) as past:
        found = recalibrations_of(past, source) if past.available else None
        return found if past.available else None
