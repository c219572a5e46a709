"""Reading official CSV files: encoding, delimiter, header and rows in chunks, with line numbers.

Encodings: UTF-8 with or without a byte-order mark, else Windows-1252 (what Excel writes on
Windows). Files separated by semicolons or tabs are refused with a message saying so: such files
usually come from a spreadsheet set to a European locale, where "0,43956" may be a decimal comma,
so guessing would risk storing wrong figures.

Line numbers are the file's (the header is line 1, blank lines count) as long as no quoted value
spans two lines, which official CSV files never do.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from werkzeug.utils import secure_filename

from inclusion.graduated_response.imports.bounds import (
    DEFAULT_BOUNDS,
    Bounds,
    TooLarge,
    check_bounds,
)

READ_BLOCK_BYTES = 1024 * 1024
CHUNK_ROWS = 20_000
LINE = "__line__"  # the column that carries each row's line number in the file (header is 1)
_TOO_MANY_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_DELIMITERS = {";": "';'", "\t": "tabs"}


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is fit to show to the person importing."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class CsvSource:
    path: Path
    encoding: str
    header: list[str]


def open_csv(path: Path, bounds: Bounds = DEFAULT_BOUNDS) -> CsvSource:
    """Check the file is within bounds, can be read as comma-separated text; read its header."""
    _refuse_binary_formats(path)
    try:
        check_bounds(path, bounds)
    except TooLarge as error:
        raise ImportFileError(error.message, error.line) from error
    encoding = detect_encoding(path)
    first_line = _first_line(path, encoding)
    if not first_line.strip():
        raise ImportFileError("The file is empty: the first line should name the columns.", 1)
    check_delimiter(first_line)
    header = list(pd.read_csv(path, dtype=str, nrows=0, encoding=encoding).columns)
    return CsvSource(path=path, encoding=encoding, header=header)


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' when the whole file decodes as UTF-8 (BOM or not), else 'cp1252'."""
    _refuse_binary_formats(path)
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    raise ImportFileError(
        "The file is not text in UTF-8 or Windows-1252; save it as CSV UTF-8 and try again."
    )


def _refuse_binary_formats(path: Path) -> None:
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith(b"PK\x03\x04"):
        raise ImportFileError("This is an Excel workbook, not a CSV file; save it as CSV.")
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise ImportFileError("The file is saved as UTF-16 (Unicode text); save it as CSV UTF-8.")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as handle:
            while block := handle.read(READ_BLOCK_BYTES):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _first_line(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as handle:
        return handle.readline()


def check_delimiter(header_line: str) -> None:
    commas = header_line.count(",")
    for delimiter, name in _DELIMITERS.items():
        if header_line.count(delimiter) > commas:
            raise ImportFileError(
                f"The file uses {name} between columns; save it as comma-separated (CSV).", 1
            )


def normalise(name: str) -> str:
    return " ".join(str(name).split()).lower()


def iter_chunks(
    source: CsvSource, columns: list[str], chunk_rows: int = CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """The named columns as stripped strings ("" when empty), with the line number in LINE."""
    for chunk in iter_raw_chunks(source, chunk_rows):
        yield stripped(chunk, columns)


def iter_raw_chunks(source: CsvSource, chunk_rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """Every column as read (strings, "" when empty), with the line number in LINE.

    Blank lines come through as rows of empty strings so that line numbers stay true. Every
    column is parsed (no `usecols`) so that a row with more values than the header is refused.
    """
    reader = pd.read_csv(
        source.path,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        encoding=source.encoding,
        chunksize=chunk_rows,
    )
    try:
        for chunk in reader:
            chunk[LINE] = chunk.index + 2
            yield chunk
    except pd.errors.ParserError as error:
        raise _parser_error(error) from error
    finally:
        reader.close()


def stripped(chunk: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The named columns of a raw chunk with surrounding spaces removed, and LINE."""
    found = pd.DataFrame(
        {name: [value.strip() for value in chunk[name].tolist()] for name in columns},
        index=chunk.index,
        dtype=object,
    )
    found[LINE] = chunk[LINE]
    return found


def _parser_error(error: pd.errors.ParserError) -> ImportFileError:
    found = _TOO_MANY_FIELDS.search(str(error))
    if found is None:
        return ImportFileError(f"The file could not be read as CSV: {error}")
    expected, line, seen = (int(part) for part in found.groups())
    return ImportFileError(
        f"this line has {seen} values but the header names {expected} columns; "
        "check for a stray comma or an unquoted value with a comma in it.",
        line,
    )


def display_name(filename: str | None, default: str = "upload.csv") -> str:
    """A safe name to show and record, never used to open a file."""
    return (secure_filename(filename or "") or default)[:200]
