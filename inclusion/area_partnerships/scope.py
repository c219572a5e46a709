"""Which schools a dashboard covers: one partnership, or the whole council; a phase filter."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute

from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)


@dataclass(frozen=True)
class Scope:
    year: AcademicYear
    partnership: AreaInclusionPartnership | None  # None: the whole council
    phase: str = ""

    @property
    def label(self) -> str:
        return self.partnership.name if self.partnership else "Whole council"

    def school_ids(self) -> Select:
        """A subquery of the ids of the open schools in scope this year."""
        query = (
            select(School.id)
            .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
            .where(PartnershipMembership.academic_year_id == self.year.id, School.is_open)
        )
        if self.partnership is not None:
            query = query.where(PartnershipMembership.partnership_id == self.partnership.id)
        if self.phase:
            query = query.where(School.phase == self.phase)
        return query

    def council(self) -> Scope:
        return Scope(self.year, None, self.phase)

    def schools(self) -> Select:
        return select(School).where(School.id.in_(self.school_ids())).order_by(School.name)

    def school_rows(self, *more: InstrumentedAttribute) -> Select:
        """The schools in scope by name as rows of id, URN, name (and `more`), not entities:
        a council has tens of thousands, and an entity costs some 3 KB, ten times a row."""
        columns = (School.id, School.urn, School.name, *more)
        return select(*columns).where(School.id.in_(self.school_ids())).order_by(School.name)
