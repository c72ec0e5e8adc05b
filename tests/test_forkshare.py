"""`forkshare`: items shared with one forked helper, in this process (the lint's use of it
is tested as real processes in test_lintshare.py)."""

from __future__ import annotations

import time

import pytest

from microokr import forkshare


def _work(index: int) -> bytes:
    """Payloads from a few bytes to 200 KB: bigger than a pipe's buffer, cut in reads."""
    return (f"item {index};" * (1 + (index * 7919) % 20000)).encode()


@pytest.fixture
def allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forkshare, "_allowed", True)
    monkeypatch.delenv("MICROOKR_JOBS", raising=False)


def test_each_item_is_the_helpers_exact_result_or_left_to_us(allowed: None) -> None:
    count = 300
    share = forkshare.start(count, _work, minimum=10)
    assert type(share) is not forkshare.Share  # forked
    deadline = time.monotonic() + 60
    while not share._done and time.monotonic() < deadline:  # type: ignore[attr-defined]
        share._drain()  # type: ignore[attr-defined]  # the helper's first item, to be sure
        time.sleep(0.005)
    taken = []
    try:
        for index in range(count):
            payload = share.take(index)
            taken.append(payload)
            if payload is None:
                _work(index)  # what the main process does itself
    finally:
        share.close()
    helped = [i for i, payload in enumerate(taken) if payload is not None]
    assert helped and helped[-1] == count - 1
    assert all(taken[i] == _work(i) for i in helped)
    assert share.helped == len(helped)
    assert share.take(5) is None  # closed: the main process does the rest


def test_an_empty_result_is_not_done(allowed: None) -> None:
    share = forkshare.start(50, lambda index: b"", minimum=10)
    time.sleep(0.2)
    try:
        assert all(share.take(index) is None for index in range(50))
    finally:
        share.close()
    assert share.helped == 0


def test_results_arrived_out_of_turn_are_handed_over_once(allowed: None) -> None:
    count = 300
    share = forkshare.start(count, _work, minimum=10)
    deadline = time.monotonic() + 60
    early: dict[int, bytes] = {}
    try:
        while not early and time.monotonic() < deadline:
            early.update(share.arrived())
            time.sleep(0.005)
        assert early and max(early) == count - 1  # from the back, before we got there
        assert all(payload == _work(index) for index, payload in early.items())
        assert all(index not in share.arrived() for index in early)  # handed over once
        assert share.take(count - 1) is None
    finally:
        share.close()
    assert share.helped >= len(early)
    assert forkshare.Share().arrived() == {}


def test_one_process_when_a_helper_does_not_pay(
    allowed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert type(forkshare.start(9, _work, minimum=10)) is forkshare.Share
    monkeypatch.setenv("MICROOKR_JOBS", "1")
    assert type(forkshare.start(300, _work, minimum=10)) is forkshare.Share
    monkeypatch.delenv("MICROOKR_JOBS")
    monkeypatch.setattr(forkshare, "_allowed", False)  # an in-process caller
    assert type(forkshare.start(300, _work, minimum=10)) is forkshare.Share
