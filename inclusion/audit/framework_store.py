"""Storing a validated framework: create it, or update its wording in place.

Standards that already have answers are never removed, and scores already taken live in
snapshots, so reloading a framework never rewrites history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inclusion.audit.framework_files import FrameworkFileError, read_framework_file
from inclusion.audit.models import Answer, Framework, FrameworkArea, Standard, TrainingTopic
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear

SETTINGS_KEYS = ("rating_scale", "not_applicable_label", "statutory_gate", "rag_bands")
AREA_FIELDS = ("title", "kind", "need", "level", "summary")
STANDARD_FIELDS = (
    "title",
    "guidance",
    "evidence_prompts",
    "statutory",
    "allows_not_applicable",
    "training_topics",
    "suggested_action",
    "evidence_source",
    "applies_to",
    "applies_to_source",
)


@dataclass
class LoadReport:
    framework: Framework
    created: bool
    standards: int


def load_framework_file(path: Path) -> LoadReport:
    data = read_framework_file(path)
    year = _year(path, data["framework"]["academic_year"])
    framework = db.session.scalar(select(Framework).where(Framework.academic_year_id == year.id))
    created = framework is None
    if created:
        framework = Framework(academic_year=year)
        db.session.add(framework)
    _store(framework, data, path)
    db.session.commit()
    count = sum(len(area["standards"]) for area in data["areas"])
    return LoadReport(framework, created, count)


def _year(path: Path, label: str) -> AcademicYear:
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.label == label))
    if year is None:
        raise FrameworkFileError([f"{path.name}: academic year {label} is not in the portal"])
    return year


def _store(framework: Framework, data: dict[str, Any], path: Path) -> None:
    header = data["framework"]
    framework.code, framework.name = header["code"], header["name"]
    framework.version = header["version"]
    framework.settings = {key: header[key] for key in SETTINGS_KEYS}
    framework.previous_id = _previous_id(header.get("previous"), path)
    db.session.flush()
    _store_topics(framework, data["training_topics"])
    previous = _standards_by_code(framework.previous_id)
    kept = set()
    for position, area_data in enumerate(data["areas"]):
        area = _store_area(framework, area_data, position)
        for index, standard_data in enumerate(area_data["standards"]):
            _store_standard(framework, area, standard_data, index, previous, path)
            kept.add(standard_data["code"])
    _remove_dropped_standards(framework, kept, path)


def _previous_id(label: str | None, path: Path) -> int | None:
    if label is None:
        return None
    previous = db.session.scalar(
        select(Framework).join(AcademicYear).where(AcademicYear.label == label)
    )
    if previous is None:
        raise FrameworkFileError([f"{path.name}: load the {label} framework first"])
    return previous.id


def _store_topics(framework: Framework, topics: list[dict[str, str]]) -> None:
    existing = {
        t.code: t
        for t in db.session.scalars(
            select(TrainingTopic).where(TrainingTopic.framework_id == framework.id)
        )
    }
    for topic in topics:
        row = existing.get(topic["code"]) or TrainingTopic(
            framework_id=framework.id, code=topic["code"]
        )
        row.title = topic["title"]
        db.session.add(row)


def _store_area(framework: Framework, data: dict[str, Any], position: int) -> FrameworkArea:
    area = db.session.scalar(
        select(FrameworkArea).where(
            FrameworkArea.framework_id == framework.id, FrameworkArea.code == data["code"]
        )
    ) or FrameworkArea(framework=framework, code=data["code"])
    for name in AREA_FIELDS:
        setattr(area, name, data[name])
    area.position = position
    db.session.add(area)
    db.session.flush()
    return area


def _store_standard(
    framework: Framework,
    area: FrameworkArea,
    data: dict[str, Any],
    position: int,
    previous: dict[str, Standard],
    path: Path,
) -> None:
    standard = db.session.scalar(
        select(Standard).where(Standard.framework_id == framework.id, Standard.code == data["code"])
    ) or Standard(framework_id=framework.id, code=data["code"])
    for name in STANDARD_FIELDS:
        setattr(standard, name, data[name])
    standard.descriptors = {str(k): v for k, v in sorted(data["descriptors"].items())}
    standard.area_id, standard.position = area.id, position
    standard.predecessor_id = _predecessor_id(data.get("predecessor"), previous, path)
    db.session.add(standard)


def _predecessor_id(code: str | None, previous: dict[str, Standard], path: Path) -> int | None:
    if code is None:
        return None
    if code not in previous:
        raise FrameworkFileError(
            [f"{path.name}: predecessor {code} is not in last year's framework"]
        )
    return previous[code].id


def _standards_by_code(framework_id: int | None) -> dict[str, Standard]:
    if framework_id is None:
        return {}
    rows = db.session.scalars(select(Standard).where(Standard.framework_id == framework_id))
    return {standard.code: standard for standard in rows}


def _remove_dropped_standards(framework: Framework, kept: set[str], path: Path) -> None:
    """Standards no longer in the file go, unless a school has answered them."""
    answered = db.session.scalars(
        select(Standard.code)
        .join(Answer, Answer.standard_id == Standard.id)
        .where(Standard.framework_id == framework.id, Standard.code.not_in(kept))
        .distinct()
    ).all()
    if answered:
        db.session.rollback()
        raise FrameworkFileError(
            [f"{path.name}: standards {', '.join(answered)} have answers and cannot be removed"]
        )
    dropped = select(Standard).where(
        Standard.framework_id == framework.id, Standard.code.not_in(kept)
    )
    for standard in db.session.scalars(dropped):
        db.session.delete(standard)
