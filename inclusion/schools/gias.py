"""Reading a GIAS (Get Information about Schools) establishment CSV into school fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

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
INTEGER_FIELDS = (
    "establishment_type_code",
    "gias_phase_code",
    "statutory_low_age",
    "statutory_high_age",
    "pupils_on_roll",
    "easting",
    "northing",
)


class GiasFileError(ValueError):
    pass


def read_gias_csv(path: Path) -> list[dict[str, Any]]:
    """Rows as dicts of School fields; raises GiasFileError naming any missing column."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in GIAS_COLUMNS if column not in frame.columns]
    if missing:
        raise GiasFileError(f"{path.name} is missing the columns: {', '.join(missing)}")
    frame = frame[list(GIAS_COLUMNS)].rename(columns=GIAS_COLUMNS)
    return [school_fields(row) for row in frame.to_dict("records")]


def school_fields(row: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {k: _blank_to_none(v) for k, v in row.items()}
    for name in INTEGER_FIELDS:
        values[name] = _to_int(values[name])
    values["urn"] = str(row["urn"]).strip()
    values["laestab"] = f"{row['la_code']}{row['establishment_number']}" or None
    values["is_open"] = not str(row["status"]).lower().startswith("closed")
    values["phase"] = derive_phase(
        values["establishment_type_code"],
        values.pop("gias_phase_code"),
        values["statutory_low_age"],
        values["statutory_high_age"],
    ).value
    for name in ("la_code", "establishment_number", "status"):
        values.pop(name)
    return values


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return None if value in {"", "Not applicable"} else value


def _to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value.replace(",", "")))
    except ValueError:
        return None
