"""Reading a GIAS (Get Information about Schools) establishment CSV into school fields.

`read_gias_csv` reads a whole (small, trusted) file, as seeding does; the admin import in
`inclusion.graduated_response.imports.gias_import` streams a file and checks every row with
`row_problems` first.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from inclusion.graduated_response.imports.bounds import TooLarge, check_bounds
from inclusion.schools.phases import derive_phase

GIAS_COLUMNS = {
    "URN": "urn",
    "LA (code)": "la_code",
    "EstablishmentNumber": "establishment_number",
    "EstablishmentName": "name",
    "TypeOfEstablishment (code)": "establishment_type_code",
    "TypeOfEstablishment (name)": "establishment_type",
    "EstablishmentStatus (name)": "status",
    "PhaseOfEducation (code)": "gias_phase_code",
    "PhaseOfEducation (name)": "gias_phase_name",
    "OpenDate": "open_date",
    "CloseDate": "close_date",
    "StatutoryLowAge": "statutory_low_age",
    "StatutoryHighAge": "statutory_high_age",
    "NumberOfPupils": "pupils_on_roll",
    "Trusts (name)": "trust_name",
    "Town": "town",
    "Postcode": "postcode",
    "SchoolWebsite": "website",
    "DistrictAdministrative (code)": "district_code",
    "DistrictAdministrative (name)": "district_name",
    "Easting": "easting",
    "Northing": "northing",
}
# What the portal cannot do without; every other column is read when the extract has it.
REQUIRED_COLUMNS = (
    "URN",
    "EstablishmentName",
    "LA (code)",
    "EstablishmentNumber",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
)
# Type and phase: either the code or the name will do (GIAS offers both).
ONE_OF_COLUMNS = (
    ("TypeOfEstablishment (code)", "TypeOfEstablishment (name)"),
    ("PhaseOfEducation (code)", "PhaseOfEducation (name)"),
)
LAESTAB_COLUMN = "LAESTAB"  # optional: some extracts carry it, as 9334001 or 933/4001
OPTIONAL_COLUMNS = (
    *(c for c in GIAS_COLUMNS if c not in REQUIRED_COLUMNS),
    LAESTAB_COLUMN,
)
INTEGER_FIELDS = (
    "establishment_type_code",
    "gias_phase_code",
    "statutory_low_age",
    "statutory_high_age",
    "pupils_on_roll",
    "easting",
    "northing",
)
# GIAS's names for the types the portal's phase depends on (special schools, PRUs and AP), for
# an extract that has the type's name but not its code.
SPECIAL_AND_AP_TYPE_CODES = {
    "community special school": 7,
    "non-maintained special school": 8,
    "foundation special school": 12,
    "pupil referral unit": 14,
    "academy special sponsor led": 33,
    "free schools special": 36,
    "free schools alternative provision": 38,
    "academy alternative provision converter": 42,
    "academy alternative provision sponsor led": 43,
    "academy special converter": 44,
}
PHASE_CODES = {
    "not applicable": 0,
    "nursery": 1,
    "primary": 2,
    "middle deemed primary": 3,
    "secondary": 4,
    "middle deemed secondary": 5,
    "16 plus": 6,
    "all-through": 7,
}
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
TEXT_LIMITS = {
    "name": 200,
    "establishment_type": 120,
    "trust_name": 200,
    "town": 100,
    "postcode": 10,
    "website": 500,
    "district_code": 9,
    "district_name": 100,
}
NOT_GIVEN = {"", "Not applicable"}
_LAESTAB = re.compile(r"(\d{3})/?(\d{4})")
_READ_ONLY = ("la_code", "establishment_number", "status", "gias_phase_name", "open_date")


class GiasFileError(ValueError):
    pass


def missing_columns(header: list[str]) -> list[str]:
    """Needed columns the header lacks; a pair of alternatives is named as 'code or name'."""
    present = set(header)
    missing = [column for column in REQUIRED_COLUMNS if column not in present]
    missing += [" or ".join(pair) for pair in ONE_OF_COLUMNS if not any(c in present for c in pair)]
    return missing


def read_gias_csv(path: Path) -> list[dict[str, Any]]:
    """Rows as dicts of School fields; raises GiasFileError naming any missing column, or a
    line beyond the readers' bounds (too many values, too long, too many lines)."""
    try:
        check_bounds(path)
    except TooLarge as error:
        raise GiasFileError(f"{path.name}, line {error.line}: {error.message}") from error
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = missing_columns(list(frame.columns))
    if missing:
        raise GiasFileError(f"{path.name} is missing the columns: {', '.join(missing)}")
    present = [column for column in GIAS_COLUMNS if column in frame.columns]
    frame = frame[present].rename(columns=GIAS_COLUMNS)
    return [school_fields(row) for row in frame.to_dict("records")]


def school_fields(row: dict[str, str], today: date | None = None) -> dict[str, Any]:
    """School fields from one row (under field names); only the fields the file gives.

    A school is open unless GIAS says closed or its close date has passed.
    """
    values: dict[str, Any] = {k: _blank_to_none(v) for k, v in row.items()}
    for name in INTEGER_FIELDS:
        if name in values:
            values[name] = _to_int(values[name])
    values["urn"] = str(row["urn"]).strip()
    values["laestab"] = laestab(row["la_code"], row["establishment_number"], row.get("laestab"))
    closes = parse_date(row.get("close_date") or "")
    values["is_open"] = not str(row["status"]).lower().startswith("closed") and not (
        closes is not None and closes <= (today or date.today())
    )
    type_code = values.get("establishment_type_code") or _type_code(row)
    if "establishment_type_code" in values or type_code is not None:
        values["establishment_type_code"] = type_code
    values["phase"] = derive_phase(
        type_code,
        values.pop("gias_phase_code", None) or _phase_code(row),
        values.get("statutory_low_age"),
        values.get("statutory_high_age"),
    ).value
    for name in (*_READ_ONLY, "close_date"):
        values.pop(name, None)
    return values


def _type_code(row: dict[str, str]) -> int | None:
    return SPECIAL_AND_AP_TYPE_CODES.get(str(row.get("establishment_type") or "").lower())


def _phase_code(row: dict[str, str]) -> int | None:
    return PHASE_CODES.get(str(row.get("gias_phase_name") or "").strip().lower())


def parse_date(text: str) -> date | None:
    """A GIAS date (DD-MM-YYYY; Excel's DD/MM/YYYY and ISO also read), or None."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def laestab(la_code: str | None, number: str | None, given: str | None = None) -> str | None:
    """The 7-digit LAESTAB from a LAESTAB column (9334001 or 933/4001), else LA code + number.

    EstablishmentNumber may itself be written as a whole LAESTAB. None when there is none or
    it is malformed (row_problems names malformed ones).
    """
    for candidate in (given, number):
        found = _LAESTAB.fullmatch(str(candidate or "").strip())
        if found:
            return "".join(found.groups())
    la, number = str(la_code or "").strip(), str(number or "").strip()
    if re.fullmatch(r"\d{3}", la) and re.fullmatch(r"\d{4}", number):
        return la + number
    return None


def row_problems(row: dict[str, str]) -> list[str]:
    """What is wrong with one row (renamed to School field names), as sentences."""
    problems = []
    if not re.fullmatch(r"\d{6}", row["urn"]):
        problems.append(f"URN must be six digits, not '{row['urn']}'")
    if not row["name"]:
        problems.append("EstablishmentName is empty")
    if row["la_code"] not in NOT_GIVEN and not re.fullmatch(r"\d{3}", row["la_code"]):
        problems.append(f"LA (code) must be three digits, like 933, not '{row['la_code']}'")
    problems += _laestab_problems(row)
    problems += [
        f"{_column(name)} must be a date like 01-09-2024, not '{row[name]}'"
        for name in ("open_date", "close_date")
        if row.get(name, "") not in NOT_GIVEN and parse_date(row[name]) is None
    ]
    problems += [
        f"{_column(name)} must be a whole number, not '{row[name]}'"
        for name in INTEGER_FIELDS
        if name in row and row[name] not in NOT_GIVEN and _to_int(row[name]) is None
    ]
    problems += [
        f"{_column(name)} is longer than {limit} characters"
        for name, limit in TEXT_LIMITS.items()
        if len(row.get(name) or "") > limit
    ]
    return problems


def _laestab_problems(row: dict[str, str]) -> list[str]:
    given = row.get("laestab") or ""
    if given and not _LAESTAB.fullmatch(given):
        return [f"LAESTAB must be seven digits, like 9334001 or 933/4001, not '{given}'"]
    number = row["establishment_number"]
    if given or number in NOT_GIVEN or laestab(row["la_code"], number):
        return []
    return [
        "EstablishmentNumber must be four digits (4001) or a LAESTAB (9334001 or 933/4001), "
        f"not '{number}'"
    ]


def _column(field: str) -> str:
    names = {value: key for key, value in GIAS_COLUMNS.items()}
    return names.get(field, field)


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return None if value in {"", "Not applicable"} else value


def _to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
