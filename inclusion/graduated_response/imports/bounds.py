"""Limits every reader of an uploaded CSV file checks first, before any parser sees it.

A file is refused, with the line that breaks the limit, when a line has more values than any
official file (GIAS has about 130 columns, DfE's files about 30), a line or a single value is
longer than any official file's, or it has more lines than a national file. The scan reads
the file in bounded pieces (never a whole line of unlimited length), so a 2 MB file with one
very wide row is refused in milliseconds instead of keeping a worker busy for minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Bounds:
    columns: int = 1_000
    line_bytes: int = 100_000
    field_bytes: int = 10_000
    lines: int = 3_000_000


DEFAULT_BOUNDS = Bounds()


class TooLarge(ValueError):
    """The file breaks a bound; the message says which, fit to show, with its line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check_bounds(path: Path, bounds: Bounds = DEFAULT_BOUNDS) -> int:
    """Raise TooLarge naming the first line beyond a bound; returns the number of lines."""
    number = 0
    with path.open("rb") as handle:
        while line := handle.readline(bounds.line_bytes + 1):
            number += 1
            if number > bounds.lines:
                raise TooLarge(
                    f"the file has more than {bounds.lines:,} lines, more than any official "
                    "file; check it is the right file",
                    number,
                )
            _check_line(line, number, bounds)
    return number


def _check_line(line: bytes, number: int, bounds: Bounds) -> None:
    if len(line) > bounds.line_bytes:
        raise TooLarge(
            f"this line is longer than {bounds.line_bytes:,} characters, far longer than a "
            "row of an official file; check it is the right file",
            number,
        )
    if line.count(b",") >= bounds.columns:
        raise TooLarge(
            f"this line has more than {bounds.columns:,} values, more than any official file "
            "has columns; check it is the right file",
            number,
        )
    if len(line) > bounds.field_bytes and max(map(len, line.split(b","))) > bounds.field_bytes:
        raise TooLarge(
            f"a value on this line is longer than {bounds.field_bytes:,} characters, longer "
            "than any value in an official file",
            number,
        )
