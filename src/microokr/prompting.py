"""How microokr asks: one prompter for `new`, `checkin` and `close`, and the flag-or-prompt rule.

A question is answered by its flag when one was given; else, on a terminal, by a
prompt that asks again, with the reason, until the answer reads (a typo'd team gets
a did-you-mean); else by its default; else it is an error naming the flag. Messages
shown at a prompt never name a flag: the person there typed none. User text is
never read as rich markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from microokr.errors import UsageError
from microokr.formatting import did_you_mean, one_line, quote

if TYPE_CHECKING:
    from rich.console import Console

    from microokr.candidates import Found

T = TypeVar("T")


class Prompter(Protocol):
    """How a command talks: a terminal with rich prompts, or silence with --no-input."""

    def step(self, title: str, explanation: str) -> None: ...

    def note(self, text: str) -> None: ...

    def choices(self, rows: Sequence[tuple[str, str]]) -> None: ...

    def ask(self, question: str, *, default: str | None) -> str: ...

    def problem(self, message: str) -> None: ...

    def finding(self, found: Found) -> None: ...


class TerminalPrompter:
    """Rich prompts and short explanations; "Please answer again." once per refusal."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self._again_said = False

    def step(self, title: str, explanation: str) -> None:
        from rich.text import Text

        self.out.print()
        self.out.print(Text(title, style="bold cyan"))
        self.out.print(Text(explanation, style="dim"))

    def note(self, text: str) -> None:
        from rich.text import Text

        self.out.print(Text(one_line(text)))

    def choices(self, rows: Sequence[tuple[str, str]]) -> None:
        from rich.table import Table

        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=True)
        table.add_column(justify="right")
        table.add_column(style="bold", no_wrap=True)
        table.add_column(style="dim", overflow="fold")
        for number, (name, meaning) in enumerate(rows, 1):
            table.add_row(str(number), name, meaning)
        self.out.print(table)

    def ask(self, question: str, *, default: str | None) -> str:
        from rich.text import Text

        self._again_said = False
        prompt = Text(one_line(question), style="bold")
        if default:
            prompt.append(f" [{one_line(default)}]", style="cyan")
        prompt.append(": ")
        return self.out.input(prompt).strip()

    def problem(self, message: str) -> None:
        from rich.text import Text

        self.out.print(Text(f"  ✗ {one_line(message)}", style="red"))

    def finding(self, found: Found) -> None:
        from rich.text import Text

        style = "red" if found.is_error else "yellow"
        mark = "✗" if found.is_error else "!"
        line = Text(f"  {mark} ", style=style)
        line.append(found.code, style=f"bold {style}")
        line.append(f" {one_line(found.message)}", style=style)
        self.out.print(line)
        if found.is_error and not self._again_said:
            self._again_said = True
            self.out.print(Text("  Please answer again.", style="dim"))


class QuietPrompter:
    """For --no-input: no questions, no explanations; warnings still go to stderr."""

    def __init__(self, err: Console) -> None:
        self.err = err

    def step(self, title: str, explanation: str) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def choices(self, rows: Sequence[tuple[str, str]]) -> None:
        pass

    def ask(self, question: str, *, default: str | None) -> str:
        raise AssertionError("--no-input never asks")

    def problem(self, message: str) -> None:
        pass

    def finding(self, found: Found) -> None:
        from rich.text import Text

        self.err.print(Text(f"warning: {found.code} {one_line(found.message)}"))


# ── Answers read at a prompt ────────────────────────────────────────────────────


def read_number(raw: str) -> float:
    """A number typed at a prompt; the message says how to write one (and names no flag)."""
    from microokr import parsing
    from microokr.drafting.answers import AnswerError

    try:
        return parsing.parse_number(raw)
    except parsing.ParseError:
        raise AnswerError(
            f"{quote(raw.strip(), 30)} is not a number: write it like 22 or 21.2"
        ) from None


def one_of(options: Sequence[str], *, what: str) -> Callable[[str], str]:
    """A parser taking one of `options`, or saying which was meant and listing them all."""

    def parse(raw: str) -> str:
        from microokr.drafting.answers import AnswerError

        text = raw.strip()
        if text in options:
            return text
        hint = did_you_mean(text, options)
        listed = ", ".join(options)
        raise AnswerError(
            f"{quote(text, 40)} is not {what}" + (f"; {hint}" if hint else "") + f": {listed}"
        )

    return parse


# ── A flag's answer, else a prompt, else the default, else an error ─────────────


class Asker:
    """The questions of one command run; `needs` opens its errors ("the close needs ...")."""

    def __init__(self, prompter: Prompter, *, interactive: bool, why: str, needs: str) -> None:
        self.io = prompter
        self.interactive = interactive
        self.why = why
        self.needs = needs

    def missing(self, question: str, flag: str) -> UsageError:
        return UsageError(
            f"{self.needs} needs {flag} ({question.removesuffix(' (optional)')}), and {self.why}"
        )

    def until(
        self,
        question: str,
        parse: Callable[[str], T],
        *,
        default: str | None = None,
        shown: bool = True,
    ) -> T:
        """Ask until `parse` reads the answer (an AnswerError says why not); Enter takes
        `default`, shown as "(64)" after the question unless the question already says it."""
        from microokr.drafting.answers import AnswerError
        from microokr.parsing import plain_text

        if default and shown:
            question = f"{question} ({default})"
        while True:
            raw = self.io.ask(question, default=None)
            if not raw and default is not None:
                raw = default
            try:
                plain_text(raw, what="the answer")
                return parse(raw)
            except UsageError as error:
                self.io.problem(error.message)
            except AnswerError as error:
                self.io.problem(str(error))

    def text(
        self,
        question: str,
        flag: str,
        given: str | None,
        *,
        required: bool,
        default: str | None = None,
    ) -> str | None:
        from microokr.parsing import plain_text

        if given is not None:
            if required and not given.strip():
                raise self.missing(question, flag)
            return plain_text(given, what=flag).strip() or None
        if not self.interactive:
            if required and default is None:
                raise self.missing(question, flag)
            return default

        from microokr.drafting.answers import AnswerError

        def parse(raw: str) -> str | None:
            if required and not raw.strip():
                raise AnswerError("This question needs an answer.")
            return raw.strip() or None

        return self.until(question, parse, default=default)

    def number(self, question: str, flag: str, given: float | None, default: float | None) -> float:
        from microokr.formatting import number

        if given is not None:
            return given
        if not self.interactive:
            if default is None:
                raise self.missing(question, flag)
            return default
        return self.until(
            question, read_number, default=None if default is None else number(default)
        )

    def yes_no(self, question: str, flag: str, given: bool | None) -> bool:
        if given is not None:
            return given
        if not self.interactive:
            raise self.missing(question, flag)

        from microokr.drafting.answers import parse_yes_no

        def parse(raw: str) -> bool:
            value = parse_yes_no(raw)
            assert isinstance(value, bool)
            return value

        return self.until(f"{question} [y/n]", parse)
