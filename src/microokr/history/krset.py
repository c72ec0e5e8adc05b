"""KRs added or removed after the first check-in: a goalpost move MO709 does not judge.

Dropping a KR that is going badly once measuring began hides a miss as surely as
lowering its target; adding one changes what "done" means. MO709's contract names
only the fields of KRs that stay, so these are shown (site, `history`), with the
commit that made them and the `revisions` entry that names the KR, never linted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microokr.history import screen
from microokr.history.fields import Field
from microokr.history.git import Commit
from microokr.history.lineage import Version, WorkspaceHistory
from microokr.history.recalibration import Change, RevisionEntry, first_checkin, recorded_by

if TYPE_CHECKING:
    from microokr.workspace import SourceFile


@dataclass(frozen=True)
class KrChange(Change):
    """One KR that exists now but not at the first check-in (added), or the reverse;
    `revision` is the `revisions` entry that names the KR."""

    kr: str
    kind: str  # added | removed
    statement: str | None


def kr_changes_of(history: WorkspaceHistory, source: SourceFile, raw: bytes) -> list[KrChange]:
    """The KRs of the sprint file at `source` added or removed since its first check-in."""
    sprint = source.model
    versions = history.lineage(source.rel)
    if sprint is None or not versions or not history.available:
        return []
    now_blob = history.blob_of(raw)
    if all(version.blob == now_blob for version in versions):
        return []
    if _same_krs_by_text(history, versions, raw):
        return []
    base = first_checkin(history, versions)
    if base is None:
        return []
    now = {kr.id: kr.statement for kr in sprint.key_results}
    base_data = history.data(versions[base])
    before = _krs(base_data)
    if base_data is None or set(before) == set(now):
        return []
    later = [  # a version that cannot be read says nothing about which KRs it had
        (v.commit, set(_krs(data)))
        for v in versions[base + 1 :]
        if isinstance(data := history.data(v), dict)
    ]
    revisions = [RevisionEntry(r.date, r.what) for r in sprint.revisions]
    found = []
    for kr in sorted(set(before) ^ set(now)):
        kind = "added" if kr in now else "removed"
        changed_in, changed_on = _last_change(kr, set(before), later, set(now), versions[-1].commit)
        entry = recorded_by(Field("key_results", kr, None), changed_on, revisions)
        statement = now.get(kr) if kind == "added" else before.get(kr)
        found.append(
            KrChange(
                kr, kind, statement, changed_in=changed_in, changed_on=changed_on, revision=entry
            )
        )
    return found


def _same_krs_by_text(history: WorkspaceHistory, versions: Sequence[Version], now: bytes) -> bool:
    """True when the text proves it: the first version holding a check-in has the same
    `key_results` section, byte for byte, as today's (or none holds one). False: parse."""
    try:
        after = screen.sections(now.decode("utf-8"))
        for version in versions:
            raw = history.raw(version)
            then = screen.sections(raw.decode("utf-8")) if raw is not None else None
            if then is None or after is None:
                return False
            if screen.has_checkins(then):
                return then.get("key_results") == after.get("key_results")
    except UnicodeDecodeError:
        return False
    return True


def _krs(data: Any) -> dict[str, str | None]:
    items = data.get("key_results") if isinstance(data, dict) else None
    found: dict[str, str | None] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            statement = item.get("statement")
            found[item["id"]] = statement if isinstance(statement, str) else None
    return found


def _last_change(
    kr: str,
    before: set[str],
    later: Sequence[tuple[Commit, set[str]]],
    now: set[str],
    newest: Commit,
) -> tuple[Commit | None, dt.date]:
    """The commit after which `kr`'s presence last flipped (None: the working tree)."""
    present = kr in before
    changed: Commit | None = None
    for commit, ids in later:
        if (kr in ids) != present:
            changed, present = commit, kr in ids
    if present != (kr in now) or changed is None:
        return None, newest.day
    return changed, changed.day
