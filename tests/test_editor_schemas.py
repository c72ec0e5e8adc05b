"""Editors validate out of the box: yaml-language-server itself, driven over stdio LSP.

`init` writes the schemas into `.microokr/schemas/` and every file microokr writes
carries a modeline relative to them. The server (the engine of VS Code's YAML
extension) is installed from npm once per machine into the temp folder, and runs
with the schema store off and a dead proxy, so nothing can come from the network:
a typo'd key in a drafted sprint, an OKR file and microokr.yaml must each get a
diagnostic from the workspace copy alone.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.conftest import run_cli

SERVER_VERSION = "1.15.0"
NEW_FIXTURES = Path(__file__).parent / "fixtures" / "new"


@pytest.fixture(scope="session")
def server_binary() -> Path:
    """yaml-language-server from npm, cached in the temp folder across runs."""
    home = Path(tempfile.gettempdir()) / f"microokr-tests-yaml-language-server-{SERVER_VERSION}"
    binary = home / "node_modules" / ".bin" / "yaml-language-server"
    if not binary.exists():
        assert shutil.which("npm"), "the editor test needs node and npm"
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(home),
             f"yaml-language-server@{SERVER_VERSION}"],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return binary


class Lsp:
    """A minimal LSP client: Content-Length framing, requests answered with settings."""

    SETTINGS: ClassVar[dict[str, Any]] = {"validate": True, "schemaStore": {"enable": False}}

    def __init__(self, binary: Path) -> None:
        offline = {
            **os.environ,
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
        }
        self.process = subprocess.Popen(
            [str(binary), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=offline,
        )  # fmt: skip
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": None,
                           "capabilities": {"workspace": {"configuration": True}}},
            }
        )  # fmt: skip
        self.send({"method": "initialized", "params": {}})
        self.send(
            {
                "method": "workspace/didChangeConfiguration",
                "params": {"settings": {"yaml": self.SETTINGS}},
            }
        )

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                text = line.decode().strip()
                if not text:
                    break
                key, _, value = text.partition(":")
                headers[key.lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def diagnostics(self, path: Path, *, timeout: float = 60) -> list[dict[str, Any]]:
        """Open `path` and return the first non-empty diagnostics the server publishes."""
        uri = path.as_uri()
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                            "text": path.read_text(encoding="utf-8")}},
            }
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self.send({"id": message["id"], "result": [self.SETTINGS] * len(items)})
            elif "id" in message and "method" in message:
                self.send({"id": message["id"], "result": None})
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
                and message["params"]["diagnostics"]
            ):
                found: list[dict[str, Any]] = message["params"]["diagnostics"]
                return found
        raise AssertionError(f"yaml-language-server reported nothing for {path} in {timeout}s")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def lsp(server_binary: Path) -> Iterator[Lsp]:
    client = Lsp(server_binary)
    yield client
    client.close()


def typo(path: Path, key: str) -> int:
    """Rename the first top-level `key:` to `key` + "x"; its 0-based line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            lines[number] = f"{key}x:" + line[len(key) + 1 :]
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no top-level {key}: in {path}")


def assert_flags(found: list[dict[str, Any]], line: int, key: str) -> None:
    assert any(
        d["range"]["start"]["line"] == line and key in d["message"] and d["severity"] == 1
        for d in found
    ), found
    for item in found:
        assert "Unable to load schema" not in item["message"], item


def test_a_typo_in_each_file_microokr_writes_is_marked_offline(lsp: Lsp, tmp_path: Path) -> None:
    workspace = tmp_path / "w"
    assert run_cli("init", str(workspace), "--today", "2026-07-01").code == 0
    # Draft a sprint with `new`, anchored to the scaffold's own KR (q3-pipeline).
    answers = tmp_path / "answers.yaml"
    text = (NEW_FIXTURES / "west-pipeline-recovery.answers.yaml").read_text()
    answers.write_text(text.replace("sales-west", "my-team"))
    drafted = run_cli(
        "--today", "2026-07-10", "new", "--from", str(answers), "--no-input", cwd=workspace
    )  # fmt: skip
    sprint = workspace / "sprints" / "west-pipeline-recovery.yaml"
    assert sprint.is_file(), drafted.stdout + drafted.stderr
    okr = next((workspace / "okrs").glob("*.yaml"))
    config = workspace / "microokr.yaml"
    for path in (sprint, okr, config):
        assert path.read_text().startswith("# yaml-language-server: $schema="), path
    for path, key in ((sprint, "window"), (okr, "objectives"), (config, "teams")):
        line = typo(path, key)
        assert_flags(lsp.diagnostics(path), line, f"{key}x")


def test_schema_output_refreshes_the_copy_and_lint_warns_while_it_is_stale(tmp_path: Path) -> None:
    workspace = tmp_path / "w"
    assert run_cli("init", str(workspace), "--today", "2026-07-01").code == 0
    lint = ("lint", "--no-cache", "--select", "MO010", "--format", "json")
    assert json.loads(run_cli(*lint, cwd=workspace).stdout)["diagnostics"] == []
    copy = workspace / ".microokr" / "schemas" / "okr.schema.json"
    copy.write_text('{"title": "from an older microokr"}\n')
    (stale,) = json.loads(run_cli(*lint, cwd=workspace).stdout)["diagnostics"]
    assert stale["path"] == ".microokr/schemas/okr.schema.json"
    assert stale["severity"] == "warning"
    refresh = run_cli("schema", "--output", ".microokr/schemas", cwd=workspace)
    assert refresh.code == 0, refresh.stderr
    assert json.loads(run_cli(*lint, cwd=workspace).stdout)["diagnostics"] == []
