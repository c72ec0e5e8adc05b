"""One `git cat-file` process answers every blob, buffered or (older git) one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from microokr.history.blobs import BlobReader, blob_id
from microokr.history.git import find_repo
from tests.gitrepo import commit_all, git, init_repo


@pytest.mark.parametrize("buffered", [True, False], ids=["batch-command", "batch"])
def test_blobs_are_read_by_id_and_missing_ones_are_none(tmp_path: Path, buffered: bool) -> None:
    init_repo(tmp_path)
    contents = [f"id: s{n}\n".encode() * (n + 1) for n in range(700)]  # more than one chunk
    for number, raw in enumerate(contents):
        (tmp_path / f"s{number}.yaml").write_bytes(raw)
    commit_all(tmp_path, date="2026-07-13T09:00:00+00:00")
    ids = [blob_id(raw) for raw in contents]
    assert ids[0] == git(tmp_path, "hash-object", "s0.yaml").strip()
    reader = BlobReader(find_repo(tmp_path), max_bytes=1 << 20)
    reader._buffered = buffered  # what an older git gets
    with reader:
        reader.prefetch(ids)
        assert [reader.read(blob) for blob in ids] == contents
        assert reader.read("0" * 40) is None
        assert reader.read("not-an-id; rm -rf /") is None
    small = BlobReader(find_repo(tmp_path), max_bytes=10)
    with small:
        assert small.read(ids[0]) == contents[0] and small.read(ids[5]) is None
