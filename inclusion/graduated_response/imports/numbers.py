"""Figures in official files: numbers, Excel's "1,234" and "12.0", and DfE's symbols.

DfE symbols: c confidential, x unavailable, z not applicable, low (rounds to zero), u low
reliability; older files used ':' (not applicable) and '~' (low). A symbol becomes a missing
value and is kept beside it. An empty cell is refused: official files mark every gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

SYMBOLS = ("c", "x", "z", "low", "u", ":", "~")
_THOUSANDS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_SPELLINGS = frozenset(
    spelling for symbol in SYMBOLS for spelling in (symbol, symbol.upper(), symbol.title())
)


@dataclass(frozen=True)
class NumberColumn:
    name: str
    whole: bool  # a count: "12.0" is fine, "12.5" is not
    scale: int  # decimal places stored
    integer_digits: int  # the most digits before the point that the database column holds

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.scale)


def count(name: str) -> NumberColumn:
    return NumberColumn(name, whole=True, scale=2, integer_digits=10)


def rate(name: str) -> NumberColumn:
    return NumberColumn(name, whole=False, scale=5, integer_digits=7)


def without_thousands(values: pd.Series) -> pd.Series:
    """'1,234' and '1,234.5' lose their separators; anything else is left for checking."""
    cells = values.tolist()
    if not _any_comma(cells):
        return values
    suspects = values[[isinstance(value, str) and "," in value for value in cells]]
    separated = suspects[suspects.str.fullmatch(_THOUSANDS)]
    if separated.empty:
        return values
    cleaned = values.astype(object)
    cleaned[separated.index] = separated.str.replace(",", "", regex=False)
    return cleaned


def _any_comma(cells: list) -> bool:
    """The usual file has no commas in its figures at all: one join finds that in C."""
    try:
        return "," in "".join(cells)
    except TypeError:  # a cell that is not text: each is looked at
        return True


def symbol_cells(values: pd.Series) -> pd.Series:
    """True where the cell holds a DfE symbol (in any case)."""
    return values.isin(_SPELLINGS)


def symbols_in(values: pd.Series) -> pd.Series:
    """The DfE symbol in each cell (lower case), or '' where there is none."""
    found = symbol_cells(values)
    symbols = pd.Series("", index=values.index, dtype=object)
    symbols[found] = values[found].str.lower()
    return symbols


def problems(values: pd.Series, column: NumberColumn) -> pd.Series:
    """A message for each unacceptable cell, '' for the rest. `values` are already cleaned."""
    numeric = _parsed(values)
    with np.errstate(invalid="ignore"):
        number = np.isfinite(numeric) & (numeric >= 0)
        fraction = number & (numeric % 1 != 0) if column.whole else np.zeros(len(numeric), bool)
        too_large = number & (numeric >= 10.0**column.integer_digits)
    empty = (values == "").to_numpy()
    unknown = ~(number | symbol_cells(values).to_numpy() | empty)
    reasons = np.select([empty, unknown, too_large, fraction], [1, 2, 3, 4], 0)
    messages = pd.Series("", index=values.index, dtype=object)
    for position in np.flatnonzero(reasons):
        messages.iat[position] = _TEXTS[reasons[position]](column.name, values.iat[position])
    return messages


def _parsed(values: pd.Series) -> np.ndarray:
    """The cells as floats (NaN where not a number). Counts repeat a few thousand values over
    a national file, so those are parsed once each."""
    distinct = values.unique()
    if len(distinct) * 4 > len(values):
        return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    parsed = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").tolist()
    return values.map(dict(zip(distinct.tolist(), parsed, strict=True))).to_numpy(dtype=float)


_TEXTS = {
    1: lambda name, value: f"{name} is empty; give a number or a DfE symbol ({', '.join(SYMBOLS)})",
    2: lambda name, value: (
        f"{name} must be a number or a DfE symbol ({', '.join(SYMBOLS)}), not '{value}'"
    ),
    3: lambda name, value: f"{name} is too large: '{value}'",
    4: lambda name, value: f"{name} must be a whole number, not '{value}'",
}


def decimals(values: pd.Series, column: NumberColumn) -> list[Decimal | None]:
    """Cleaned, checked cells as Decimals rounded to the stored scale; None when missing."""
    quantum = column.quantum
    missing = (symbol_cells(values) | (values == "")).tolist()
    return [
        None if gap else Decimal(value).quantize(quantum)
        for value, gap in zip(values.tolist(), missing, strict=True)
    ]
