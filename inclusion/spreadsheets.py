"""Writing XLSX workbooks safely: every user string as text, never a formula; Excel tables.

Shared by every export (audit, compliance, partnership figures). Small workbooks are built in
memory with Excel tables; a large one (`Book.streaming`) is written to a file in xlsxwriter's
constant-memory mode, row by row, as plain ranges with an autofilter (Excel tables would turn
that mode off). No cell is ever cut at Excel's limit: a longer text raises `CellTooLong`, so an
export puts such lists on their own sheet, one row per item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
STREAMING_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # the most characters Excel keeps in one cell
Column = tuple[str, int, bool]  # header, width, wrapped
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellTooLong(ValueError):
    """A text longer than Excel keeps in a cell: the export must put it elsewhere."""


def safe_text(value: str) -> str:
    """A leading quote stops Excel, LibreOffice and Sheets reading the text as a formula."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


@dataclass
class Book:
    """A workbook with the formats every export uses (in memory, or streamed to a file)."""

    buffer: BytesIO | None
    book: xlsxwriter.Workbook
    wrap: Any = None
    number: Any = None
    date: Any = None
    bold: Any = None

    @classmethod
    def new(cls, constant_memory: bool = False) -> Book:
        buffer = BytesIO()
        options = WORKBOOK_OPTIONS | ({"constant_memory": True} if constant_memory else {})
        return cls._with_formats(cls(buffer, xlsxwriter.Workbook(buffer, options)))

    @classmethod
    def streaming(cls, path: Path) -> Book:
        """Written to `path` in constant memory: each row once, in order; `ranges`, not
        `table`. `close` returns b"" (the file is at `path`)."""
        options = STREAMING_OPTIONS | {"tmpdir": str(path.parent)}
        return cls._with_formats(cls(None, xlsxwriter.Workbook(str(path), options)))

    @staticmethod
    def _with_formats(found: Book) -> Book:
        book = found.book
        found.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        found.number = book.add_format({"num_format": "0.00", "valign": "top"})
        found.date = book.add_format({"num_format": "d mmmm yyyy", "valign": "top"})
        found.bold = book.add_format({"bold": True})
        return found

    def put(self, sheet: Worksheet, row: int, col: int, value: Any) -> None:
        """Write by type; strings always as plain (safe) text."""
        if value is None or value == "":
            sheet.write_blank(row, col, None)
        elif isinstance(value, bool):
            sheet.write_string(row, col, "Yes" if value else "No")
        elif isinstance(value, int):
            sheet.write_number(row, col, value)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.number)
        elif isinstance(value, date):
            sheet.write_datetime(
                row, col, value.date() if isinstance(value, datetime) else value, self.date
            )
        else:
            text = safe_text(str(value))
            if len(text) > CELL_LIMIT:
                raise CellTooLong(f"{len(text):,} characters in row {row + 1}, column {col + 1}")
            sheet.write_string(row, col, text, self.wrap)

    def table(
        self,
        sheet: Worksheet,
        top: int,
        columns: list[Column],
        rows: list[list[Any]],
        name: str | None = None,
    ) -> None:
        """An Excel table (header, filters) at row `top`, with the rows above it frozen."""
        for col, (_, width, wrapped) in enumerate(columns):
            sheet.set_column(col, col, width, self.wrap if wrapped else None)
        for offset, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                self.put(sheet, top + offset, col, value)
        last_row = top + max(len(rows), 1)  # Excel tables need at least one data row
        options: dict[str, Any] = {"columns": [{"header": header} for header, _, _ in columns]}
        if name:
            options["name"] = name
        sheet.add_table(top, 0, last_row, len(columns) - 1, options)
        sheet.freeze_panes(top + 1, 0)

    def ranges(
        self, sheet: Worksheet, top: int, columns: list[Column], rows: list[list[Any]]
    ) -> None:
        """A header row at `top` and the rows under it, with an autofilter and the header
        frozen: what `table` shows, written in order so constant-memory mode stays on."""
        for col, (_, width, wrapped) in enumerate(columns):
            sheet.set_column(col, col, width, self.wrap if wrapped else None)
        sheet.freeze_panes(top + 1, 0)
        for col, (header, _, _) in enumerate(columns):
            sheet.write_string(top, col, header, self.bold)
        for offset, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                self.put(sheet, top + offset, col, value)
        sheet.autofilter(top, 0, top + max(len(rows), 1), len(columns) - 1)

    def pairs(self, sheet: Worksheet, pairs: list[tuple[str, Any]], top: int = 0) -> int:
        """Label / value lines (a summary block); returns the next free row."""
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 60)
        for offset, (label, value) in enumerate(pairs):
            sheet.write_string(top + offset, 0, label, self.bold)
            self.put(sheet, top + offset, 1, value)
        return top + len(pairs) + 1

    def close(self) -> bytes:
        self.book.close()
        return b"" if self.buffer is None else self.buffer.getvalue()
