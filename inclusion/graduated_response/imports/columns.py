"""Matching a file's header to the columns an import needs, naming what is missing."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from inclusion.graduated_response.imports.files import ImportFileError, normalise


def resolve_columns(
    header: Sequence[str],
    required: Sequence[str],
    older_names: Mapping[str, str] | None = None,
    optional: Sequence[str] = (),
    one_of: Sequence[Sequence[str]] = (),
) -> dict[str, str]:
    """Map each needed column to the header's own spelling, or refuse naming every missing one.

    Names match ignoring case and extra spaces. `older_names` maps an older column name to the
    current one, used when the current name is absent. Of each group in `one_of` at least one
    column is needed. A missing column's message suggests the header column it was most likely
    renamed to.
    """
    by_name = {normalise(column): column for column in header}
    older_for = {new: old for old, new in (older_names or {}).items()}
    found: dict[str, str] = {}
    for name in [*required, *optional, *(name for group in one_of for name in group)]:
        actual = by_name.get(normalise(name)) or by_name.get(normalise(older_for.get(name, "")))
        if actual is not None:
            found[name] = actual
    missing = [(name,) for name in required if name not in found]
    missing += [tuple(group) for group in one_of if not any(name in found for name in group)]
    if missing:
        unused = [column for column in header if column not in found.values()]
        raise ImportFileError(_missing_message(missing, unused, older_for), 1)
    return found


def _missing_message(
    missing: list[tuple[str, ...]], unused: list[str], older_for: Mapping[str, str]
) -> str:
    parts = []
    for names in missing:
        described = " or ".join(
            f"{name} (or its older name {older_for[name]})" if name in older_for else name
            for name in names
        )
        parts.append(described + _hint(names, unused))
    noun = "column" if len(missing) == 1 else "columns"
    return f"The file is missing the {noun}: " + "; ".join(parts) + "."


def _hint(names: Sequence[str], unused: Sequence[str]) -> str:
    """Where the file has the name of a coded column (GIAS's "LA (name)" for "LA (code)"), say
    so; else the column it was probably renamed to."""
    by_name = {normalise(column): column for column in unused}
    for name in names:
        named = by_name.get(normalise(name.replace("(code)", "(name)")))
        if name.endswith("(code)") and named:
            return f": the file has '{named}' but not the code (download it with codes too)"
    guesses = [guess for guess in (likely_rename(name, unused) for name in names) if guess]
    return f", perhaps renamed as '{guesses[0]}'" if guesses else ""


_KNOWN_RENAMES = {
    "URN": ("urn", "school_urn", "unique reference number"),
    "EstablishmentName": ("schoolname", "school name", "school_name", "name"),
    "LA (code)": ("la", "la code", "lacode", "la_code", "old_la_code"),
    "EstablishmentNumber": ("establishmentno", "estab", "estabno", "establishment number"),
    "EstablishmentStatus (name)": ("establishmentstatus", "status"),
    "OpenDate": ("opendate", "open date", "openingdate", "dateopened"),
    "CloseDate": ("closedate", "close date", "closingdate", "dateclosed"),
    "TypeOfEstablishment (code)": ("typeofestablishment", "type", "establishment_type"),
    "PhaseOfEducation (code)": ("phaseofeducation", "phase", "education_phase"),
    "school_urn": ("urn",),
    "old_la_code": ("la_code", "la", "la code"),
    "school_name": ("name", "establishmentname", "school"),
    "suspension": ("suspensions", "fixed_excl", "fixed_exclusions"),
    "perm_excl": ("permanent_exclusions", "perm_exclusions"),
}


def likely_rename(name: str, candidates: Sequence[str]) -> str | None:
    """The header column most like `name`: a known alias, else the closest spelling."""
    # A column with other numbers in its name is another measure (pa_10 and pa_50), not a
    # renamed one, so it is never suggested.
    simple = {
        _squash(column): column for column in candidates if _numbers(column) == _numbers(name)
    }
    for alias in _KNOWN_RENAMES.get(name, ()):
        if _squash(alias) in simple:
            return simple[_squash(alias)]
    close = difflib.get_close_matches(_squash(name), list(simple), n=1, cutoff=0.6)
    return simple[close[0]] if close else None


def _numbers(name: str) -> list[str]:
    return re.findall(r"\d+", name)


def _squash(name: str) -> str:
    return "".join(ch for ch in normalise(name) if ch.isalnum())
