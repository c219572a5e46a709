"""Checking every row of a DfE school-level file before anything is written.

A totals or notes row is an error, not something to skip: DfE's files have none, so such a
row means the file was edited after it was published, and the rest of it cannot be trusted to
be as DfE published it either.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.files import LINE
from inclusion.graduated_response.imports.official import FIRST, LEVEL, OfficialFile, six_digits
from inclusion.graduated_response.imports.reports import ERRORS_KEPT, ImportReport
from inclusion.graduated_response.imports.seen_keys import SeenKeys

NOTE_STARTS = ("total", "source", "note", "footnote", "all schools", "grand total")


def check_chunk(
    frame: pd.DataFrame, spec: OfficialFile, seen: SeenKeys, report: ImportReport
) -> pd.Series:
    """Check one chunk's rows, adding its problems to `report`; returns which are notes rows."""
    notes = notes_rows(frame)
    found = notes_problems(frame[notes]) + row_problems(frame[~notes], spec)
    found += _duplicates(frame[~notes], spec, seen)
    add_problems(report, found)
    return notes


def add_problems(report: ImportReport, found: list[tuple[int, str]]) -> None:
    """Count every problem; keep the first ERRORS_KEPT, in line order within a chunk."""
    report.error_count += len(found)
    room = ERRORS_KEPT - len(report.errors)
    report.errors.extend(sorted(found, key=lambda item: item[0])[: max(room, 0)])


def notes_rows(frame: pd.DataFrame) -> pd.Series:
    """Totals and footnotes: 'Total ...', 'Source: ...' and the like in the first column of a
    row without a URN (so a school named "Source..." is kept), or a row with neither URN nor
    time period."""
    no_urn = ~six_digits(frame["school_urn"])
    starts = frame[FIRST].str.lower().str.startswith(NOTE_STARTS) & no_urn
    return starts | ((frame["school_urn"] == "") & (frame["time_period"] == ""))


def notes_problems(frame: pd.DataFrame) -> list[tuple[int, str]]:
    return [
        (
            int(line),
            f"this is a totals or notes row ('{first[:40]}'), which DfE's files never have: the "
            "file was edited after it was published, so none of it was imported. Import the "
            "file as downloaded from DfE",
        )
        for line, first in zip(frame[LINE].tolist(), frame[FIRST].tolist(), strict=True)
    ]


def row_problems(frame: pd.DataFrame, spec: OfficialFile) -> list[tuple[int, str]]:
    identifiers = {name.lower() for name in spec.time_identifiers}
    messages = [
        _message(frame, ~six_digits(frame["school_urn"]), "school_urn", _urn_text),
        _message(frame, ~per_value(frame["time_period"], six_digits), "time_period", _period_text),
        _message(
            frame, per_value(frame["time_period"], _years_apart), "time_period", _sequence_text
        ),
        _message(
            frame,
            ~per_value(frame["time_identifier"], lambda v: v.str.lower().isin(identifiers)),
            "time_identifier",
            lambda value: _identifier_text(value, spec.time_identifiers),
        ),
        _message(
            frame,
            ~per_value(frame["old_la_code"], lambda v: v.str.fullmatch(r"(\d{3})?")),
            "old_la_code",
            _la_text,
        ),
        _message(frame, frame["school_name"].str.len() > 200, "school_name", _name_text),
    ]
    if LEVEL in frame:
        other_level = ~per_value(frame[LEVEL], lambda v: v.str.lower().isin(("school", "")))
        messages.append(_message(frame, other_level, LEVEL, _level_text))
    for column in spec.numbers:
        texts = numbers.problems(frame[column.name], column)
        bad = texts != ""
        messages.append(list(zip(frame.loc[bad, LINE].tolist(), texts[bad].tolist(), strict=True)))
    return [item for group in messages for item in group]


def _message(
    frame: pd.DataFrame, bad: pd.Series, column: str, text: Callable[[str], str]
) -> list[tuple[int, str]]:
    found = frame.loc[bad, [LINE, column]]
    return [(int(line), text(value)) for line, value in found.itertuples(index=False)]


def _level_text(value: str) -> str:
    return (
        f"geographic_level is '{value}': this import takes DfE's school-level file, "
        "whose rows are all 'School'"
    )


def _urn_text(value: str) -> str:
    return f"school_urn must be a six-digit URN, not '{value}'"


def _period_text(value: str) -> str:
    return f"time_period must be six digits, like 202425 for 2024/25, not '{value}'"


def _identifier_text(value: str, allowed: tuple[str, ...]) -> str:
    listed = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]
    return f"time_identifier must be {listed}, not '{value}'"


def _la_text(value: str) -> str:
    return f"old_la_code must be a three-digit LA code, like 933, not '{value}'"


def _name_text(value: str) -> str:
    return f"school_name is longer than 200 characters: '{value[:40]}...'"


def _sequence_text(value: str) -> str:
    return (
        f"time_period {value} is not an academic year: the year after {value[:4]} "
        f"ends in {(int(value[:4]) + 1) % 100:02d}, not {value[4:]}"
    )


def per_value(values: pd.Series, check: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`check` worked out once per distinct value: a file repeats its periods, terms and LA
    codes on every row, so half a million cells hold a few dozen values."""
    distinct = pd.Series(values.unique(), dtype=object)
    verdicts = dict(zip(distinct.tolist(), check(distinct).tolist(), strict=True))
    return values.map(verdicts).astype(bool)


def _years_apart(periods: pd.Series) -> pd.Series:
    """Six-digit periods whose second year does not follow the first (202426)."""
    shaped = six_digits(periods)
    first = pd.to_numeric(periods.str[:4].where(shaped, "0"))
    second = pd.to_numeric(periods.str[4:].where(shaped, "1"))
    return shaped & (second != (first + 1) % 100)


def _duplicates(frame: pd.DataFrame, spec: OfficialFile, seen: SeenKeys) -> list[tuple[int, str]]:
    """Keys seen before (in this chunk or an earlier one), each naming the line it repeats.

    A key is packed into one integer (URN, period, term) so that a national file's half a
    million keys fit in a few megabytes. Rows with a malformed key are reported elsewhere.
    """
    term_numbers = {name.lower(): number for number, name in enumerate(spec.time_identifiers)}
    distinct = frame["time_identifier"].unique().tolist()
    term = frame["time_identifier"].map({v: term_numbers.get(v.lower()) for v in distinct})
    periods = per_value(frame["time_period"], six_digits)
    usable = (six_digits(frame["school_urn"]) & periods) & term.notna()
    keyed = frame[usable]
    keys = (
        keyed["school_urn"].astype("int64") * 10_000_000
        + keyed["time_period"].astype("int64") * 10
        + term[usable].astype("int64")
    )
    earlier = seen.repeats(keys.to_numpy(), keyed[LINE].to_numpy(dtype="int64"))
    return [
        (int(keyed[LINE].iloc[at]), _repeat_text(keyed.iloc[at], int(earlier[at]), spec))
        for at in np.flatnonzero(earlier)
    ]


def _repeat_text(row: pd.Series, earlier: int, spec: OfficialFile) -> str:
    label = canonical_identifiers(spec)[row["time_identifier"].lower()]
    return (
        f"repeats line {earlier}: URN {row['school_urn']}, {label} {row['time_period']} "
        "appears twice"
    )


def canonical_identifiers(spec: OfficialFile) -> dict[str, str]:
    """Lower-case time identifier -> DfE's spelling."""
    return {name.lower(): name for name in spec.time_identifiers}
