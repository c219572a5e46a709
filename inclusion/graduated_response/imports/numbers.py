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
_NUMBER = r"\d+(?:\.\d+)?"
_WHOLE = r"\d+(?:\.0+)?"


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
    separated = values.str.fullmatch(_THOUSANDS)
    return values.where(~separated, values.str.replace(",", "", regex=False))


def symbols_in(values: pd.Series) -> pd.Series:
    """The DfE symbol in each cell (lower case), or '' where there is none."""
    lowered = values.str.lower()
    return lowered.where(lowered.isin(SYMBOLS), "")


def problems(values: pd.Series, column: NumberColumn) -> pd.Series:
    """A message for each unacceptable cell, '' for the rest. `values` are already cleaned."""
    symbol = symbols_in(values) != ""
    number = values.str.fullmatch(_NUMBER)
    too_long = values.str.split(".").str[0].str.lstrip("0").str.len() > column.integer_digits
    messages = np.select(
        [
            symbol,
            values == "",
            ~number,
            too_long,
            ~values.str.fullmatch(_WHOLE) if column.whole else np.zeros(len(values), bool),
        ],
        [
            "",
            f"{column.name} is empty; give a number or a DfE symbol ({', '.join(SYMBOLS)})",
            f"{column.name} must be a number or a DfE symbol ({', '.join(SYMBOLS)}), not ",
            f"{column.name} is too large: ",
            f"{column.name} must be a whole number, not ",
        ],
        default="",
    )
    result = pd.Series(messages, index=values.index, dtype=object)
    quoted = result + "'" + values.astype(object) + "'"
    return result.where((result == "") | (values == ""), quoted)


def decimals(values: pd.Series, column: NumberColumn) -> list[Decimal | None]:
    """Cleaned, checked cells as Decimals rounded to the stored scale; None when missing."""
    quantum = column.quantum
    return [
        Decimal(value).quantize(quantum) if value and value[0].isdigit() else None
        for value in values.tolist()
    ]
