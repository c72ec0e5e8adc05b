"""The `microokr` executable: global options, the command table, one error edge.

Command modules import only typer at the top; each imports what it needs when it
runs, so `microokr --help` and `--version` load neither pydantic nor ruamel. Only
the module of the command that runs is imported (`COMMANDS`, built lazily by
`clitree.MicrookrGroup`): a pre-commit `lint` pays for no other command.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from microokr import __version__
from microokr.clitree import MicrookrGroup
from microokr.commands.common import Globals
from microokr.pydantic_plugins import without_plugins

without_plugins()  # before typer or a model builds a validator: no entry-point scan

COMMANDS = {
    name: name
    for name in (
        "init",
        "new",
        "lint",
        "rules",
        "checkin",
        "status",
        "close",
        "report",
        "schema",
        "due",
        "history",
        "carry",
        "site",
    )
}
"""Every command, in the order `--help` lists them -> its module in `microokr.commands`."""


class _Tree(MicrookrGroup):
    modules = COMMANDS


app = typer.Typer(
    name="microokr",
    help="Lint, draft, check in and close Micro-OKR sprints kept as YAML files in git.",
    cls=_Tree,
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"microokr {__version__}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="The workspace folder (default: walk up to the nearest microokr.yaml).",
            file_okay=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar="MICROOKR_TODAY",
            help="Take this date (YYYY-MM-DD) as today, for reproducible runs.",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (also: the NO_COLOR variable).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Lint, draft, check in and close Micro-OKR sprints kept as YAML files in git.

    Global options go before or after the command: microokr lint -w examples/acme
    """
    if today:
        # Checked here, so that a bad date fails every command, not only those using it.
        from microokr.commands.common import parse_date

        parse_date(today, option="--today")
    ctx.obj = Globals(workspace=workspace, today=today, no_color=no_color)
    if ctx.invoked_subcommand is None:  # bare `microokr`: the help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main(argv: list[str] | None = None, *, program: bool = False) -> None:
    """Run the CLI; every expected error becomes one sentence on stderr and an exit code.

    `program`: this is the `microokr` process itself (from `entry`), which owns SIGINT.
    """
    from microokr.errors import MicrookrError

    written = sys.modules.get("microokr.yamlio.files")  # not imported yet: nothing to forget
    if written is not None:
        written.forget_attempts()
    try:
        # `entry` exits at once on Ctrl-C during start-up; from here on, commands see
        # KeyboardInterrupt (a prompt says what was written).
        if program:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            sys.unraisablehook = _unraisable
        result = app(args=argv, prog_name="microokr", standalone_mode=False)
    except MicrookrError as error:
        _fail(str(error), error.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _fail(_interrupted(), 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except OSError as error:
        # A path the system refuses (too long, a loop of links, no permission) that no
        # command turned into a sentence of its own: still one sentence, exit 2.
        if os.environ.get("MICROOKR_DEBUG"):
            raise
        _fail(_os_sentence(error), 2)
    except Exception as error:
        if _caused_by_ctrl_c(error):
            # Python wraps a KeyboardInterrupt raised while a class is built (a
            # dataclass field's __set_name__ during a lazy import) in a RuntimeError.
            _fail(_interrupted(), 130)
        # Usage errors of the (possibly vendored) click: `exit_code` and `format_message`.
        exit_code = getattr(error, "exit_code", None)
        if isinstance(exit_code, int) and hasattr(error, "format_message"):
            _fail(_usage_sentence(error), exit_code)
        if os.environ.get("MICROOKR_DEBUG"):
            raise
        _fail(
            f"internal error (a bug in microokr {__version__}): {type(error).__name__}: "
            f"{str(error)[:200]}; please report it, with MICROOKR_DEBUG=1 for details",
            2,
        )
    if program:
        _quiet()
    if result == 130:
        # Typer turns Ctrl-C at a prompt into a silent exit 130: say what happened.
        _fail(_interrupted(), 130)
    sys.exit(result if isinstance(result, int) else 0)


def _caused_by_ctrl_c(error: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt) or _serializer_interrupted(cause):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _serializer_interrupted(error: BaseException) -> bool:
    """pydantic's serializer (Rust) turns a Ctrl-C that lands while it runs into its own
    error, with the KeyboardInterrupt only named in the message (and no cause)."""
    return type(error).__name__ == "PydanticSerializationError" and (
        "KeyboardInterrupt" in str(error)
    )


def _os_sentence(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    name = error.filename
    if name is None:
        return f"cannot go on: {reason}"
    text = os.fsdecode(name) if isinstance(name, bytes) else str(name)
    if len(text) > 120:
        text = f"{text[:60]}…{text[-40:]} ({len(text):,} characters)"
    return f"cannot use {text}: {reason}"


def _interrupted() -> str:
    from microokr.yamlio.files import interruption_sentence

    return interruption_sentence()


def _usage_sentence(error: Exception) -> str:
    message = str(error.format_message()).strip().rstrip(".")  # type: ignore[attr-defined]
    context = getattr(error, "ctx", None)
    command = getattr(context, "command_path", "microokr") or "microokr"
    return f"{message} (see '{command} --help')"


_in_hook = False


def _unraisable(info: sys.UnraisableHookArgs) -> None:
    """Ctrl-C inside a callback that cannot raise (pydantic building a validator) would
    print "Exception ignored ... KeyboardInterrupt" and be lost: deliver it again, to
    land in Python code where `main` turns it into one sentence."""
    global _in_hook
    if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
        _in_hook = True
        _interrupt_after_hook()
        # Nothing is called after this line: Python checks for a pending signal after a
        # call returns, and a KeyboardInterrupt raised in this hook would be "ignored" too.
        _in_hook = False
        return
    sys.__unraisablehook__(info)


def _interrupt_after_hook() -> None:
    # A thread sends SIGINT to the main thread once `_unraisable` has left: a real signal,
    # so it also wakes a blocking call, as the user's Ctrl-C would.
    import threading
    import time

    main = threading.main_thread().ident

    def send() -> None:
        while _in_hook:
            time.sleep(0.001)
        if main is not None:
            signal.pthread_kill(main, signal.SIGINT)

    threading.Thread(target=send, name="microokr-interrupt", daemon=True).start()


def _quiet() -> None:
    """Ctrl-C while the last sentence is printed or the process exits: ignored, no traceback."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return  # called in-process (tests): leave the host's handler alone
    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _fail(message: str, code: int) -> None:
    _quiet()
    from microokr.formatting import one_line

    # Messages quote team ids, paths and arguments: no control character gets through live.
    print(f"microokr: error: {one_line(message)}", file=sys.stderr)
    sys.exit(code)
