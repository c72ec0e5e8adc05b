"""A line of plain text with the few `rich.text.Text` methods `status_text` lays out with.

`status` on 10,000 sprints built ~100,000 rich `Text` objects (spans, control-code
stripping, copies on every cut) only to print their `.plain` when there is no colour
to show. `PlainLine` is a `str` and nothing else: the same layout code runs on it and
gives the same characters, measured in the same terminal cells (`rich.cells`, which
knows wide characters), so the bytes match what the styled lines print as plain text.
Styles are accepted and dropped. Every text it is given is already printable
(`formatting.one_line` escapes control characters), so there is nothing to strip.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Literal, Protocol, Self

from rich.cells import cell_len, set_cell_size


class Line(Protocol):
    """What `status_text` asks of a line: rich's `Text` and `PlainLine` both answer."""

    @property
    def plain(self) -> str: ...

    @property
    def cell_len(self) -> int: ...

    def append(self, text: str, style: str | None = None) -> Self: ...

    def append_text(self, text: Self) -> Self: ...

    def truncate(self, max_width: int, *, overflow: Literal["ellipsis"] | None = None) -> None: ...

    def pad_right(self, count: int) -> None: ...

    def rstrip(self) -> None: ...

    def __len__(self) -> int: ...

    def __getitem__(self, cut: slice) -> Self: ...

    def divide(self, offsets: Iterable[int]) -> Iterable[Self]: ...


class PlainLine:
    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text

    @property
    def cell_len(self) -> int:
        text = self.plain
        return len(text) if text.isascii() else cell_len(text)  # ASCII: one cell each

    def __len__(self) -> int:
        return len(self.plain)

    def __getitem__(self, cut: slice) -> PlainLine:
        return PlainLine(self.plain[cut])

    def append(self, text: str, style: str | None = None) -> PlainLine:
        self.plain += text
        return self

    def append_text(self, text: PlainLine) -> PlainLine:
        self.plain += text.plain
        return self

    def truncate(self, max_width: int, *, overflow: Literal["ellipsis"] | None = None) -> None:
        """`Text.truncate(max_width, overflow="ellipsis")`: cut to one cell less, add "…"."""
        if self.cell_len > max_width:
            self.plain = set_cell_size(self.plain, max_width - 1) + "…"

    def pad_right(self, count: int) -> None:
        if count > 0:
            self.plain += " " * count

    def rstrip(self) -> None:
        self.plain = self.plain.rstrip()

    def divide(self, offsets: Iterable[int]) -> list[PlainLine]:
        text = self.plain
        cuts = [0, *offsets, len(text)]
        return [PlainLine(text[start:end]) for start, end in pairwise(cuts)]
