"""The framework as a tree (areas with their standards) in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inclusion.audit.models import FrameworkArea
from inclusion.extensions import db


def framework_areas(framework_id: int) -> list[FrameworkArea]:
    query = (
        select(FrameworkArea)
        .where(FrameworkArea.framework_id == framework_id)
        .options(selectinload(FrameworkArea.standards))
        .order_by(FrameworkArea.position)
    )
    return list(db.session.scalars(query))
