"""Ctrl-C that Python wraps in another exception is still a Ctrl-C (exit 130)."""

from __future__ import annotations

import pytest

from microokr import cli


def test_a_ctrl_c_wrapped_while_a_class_is_built_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen in CI: Ctrl-C during a lazy import landed in a dataclass field's __set_name__,
    # which Python re-raises as RuntimeError("Error calling __set_name__ ...").
    def app(**_: object) -> int:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__ on 'Field'") from interrupt

    monkeypatch.setattr(cli, "app", app)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["lint"])
    assert stopped.value.code == 130
    err = capsys.readouterr().err
    assert "internal error" not in err and "RuntimeError" not in err
