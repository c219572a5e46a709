"""Matching: for a standard, the scope's schools that need help, the schools that offer it
(council-wide, ranked) and whom to ask: the scope's schools rated Embedded that have not offered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select

from inclusion.area_partnerships.models import SupportCapacity, SupportPairing
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.support import (
    EMBEDDED,
    NEEDS_SUPPORT,
    OPEN_STATUSES,
    RATING_LABELS,
    standard_in_year,
)
from inclusion.audit.models import Audit, SnapshotRating, Standard
from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)


@dataclass(frozen=True)
class Supporter:
    school: School
    partnership_id: int
    partnership_name: str
    visits_per_term: int
    load: int  # pairings planned or active this year, as the supporting school


@dataclass(frozen=True)
class Candidate:
    supporter: Supporter
    same_partnership: bool
    distance_km: float | None
    phase_match: bool

    def rank(self) -> tuple:
        """Same partnership first; nearer first (no coordinates last); same phase first."""
        distance = round(self.distance_km, 1) if self.distance_km is not None else 0.0
        return (
            not self.same_partnership,
            self.distance_km is None,
            distance,
            not self.phase_match,
            self.supporter.school.name,
        )


@dataclass(frozen=True)
class Need:
    school: School
    rating: int
    candidates: list[Candidate]

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating, str(self.rating))


@dataclass(frozen=True)
class Matches:
    standard: Standard
    supporters: list[Supporter]
    needing: list[Need]
    to_ask: list[School]  # in scope, rated Embedded, not offering on the standard this year


def matches(scope: Scope, standard_code: str) -> Matches:
    """Embedded schools with capacity (council-wide), matched to the scope's schools in need."""
    standard = standard_in_year(scope.year, standard_code)
    supporters = _supporters(scope, standard)
    needing = [
        Need(school, rating, ranked_candidates(school, partnership_id, supporters))
        for school, rating, partnership_id, _ in db.session.execute(
            _rated(scope, standard).where(SnapshotRating.rating.in_(NEEDS_SUPPORT))
        )
    ]
    return Matches(standard, supporters, needing, whom_to_ask(scope, standard))


def whom_to_ask(scope: Scope, standard: Standard) -> list[School]:
    """Schools in scope whose latest submitted audit rates the standard Embedded but which
    have not offered support on it this year: the adviser's people to ask (one query)."""
    offered = exists().where(
        SupportCapacity.school_id == School.id,
        SupportCapacity.academic_year_id == scope.year.id,
        SupportCapacity.standard_code == standard.code,
    )
    query = _rated(scope, standard).where(SnapshotRating.rating == EMBEDDED, ~offered)
    return [school for school, *_ in db.session.execute(query)]


def supported_choices(scope: Scope) -> list[tuple[str, str]]:
    """(URN, name) of the scope's schools: a pairing is recorded by the supported school's
    partnership."""
    return [(school.urn, school.name) for school in db.session.scalars(scope.schools())]


def supporting_choices(scope: Scope) -> list[tuple[str, str]]:
    """(URN, name) of the scope's schools, then of the council's other schools that offered
    support this year (named with their partnership): the schools
    `support_pairings._check_supporter` allows."""
    ours = supported_choices(scope)
    offered = select(SupportCapacity.school_id).where(
        SupportCapacity.academic_year_id == scope.year.id
    )
    query = (
        select(School, AreaInclusionPartnership.name)
        .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
        .join(AreaInclusionPartnership)
        .where(
            PartnershipMembership.academic_year_id == scope.year.id,
            School.id.in_(offered),
            School.id.in_(scope.council().school_ids()),
            School.id.not_in(scope.school_ids()),
        )
        .order_by(School.name)
    )
    theirs = [(s.urn, f"{s.name} ({name})") for s, name in db.session.execute(query)]
    return ours + theirs


def ranked_candidates(
    school: School, partnership_id: int, supporters: list[Supporter]
) -> list[Candidate]:
    candidates = [
        Candidate(
            supporter,
            supporter.partnership_id == partnership_id,
            distance_km(school, supporter.school),
            supporter.school.phase == school.phase,
        )
        for supporter in supporters
        if supporter.school.id != school.id
    ]
    return sorted(candidates, key=Candidate.rank)


def distance_km(a: School, b: School) -> float | None:
    """Straight-line distance from Ordnance Survey eastings and northings (metres)."""
    if None in (a.easting, a.northing, b.easting, b.northing):
        return None
    return math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000


def _rated(scope: Scope, standard: Standard) -> Select:
    """Schools in scope with their latest rating of `standard` and this year's partnership."""
    return (
        select(
            School,
            SnapshotRating.rating,
            AreaInclusionPartnership.id,
            AreaInclusionPartnership.name,
        )
        .join(Audit, Audit.school_id == School.id)
        .join(SnapshotRating, SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
        .join(
            PartnershipMembership,
            (PartnershipMembership.school_id == School.id)
            & (PartnershipMembership.academic_year_id == scope.year.id),
        )
        .join(AreaInclusionPartnership)
        .where(
            School.id.in_(scope.school_ids()),
            Audit.academic_year_id == scope.year.id,
            SnapshotRating.standard_id == standard.id,
        )
        .order_by(School.name)
    )


def _supporters(scope: Scope, standard: Standard) -> list[Supporter]:
    query = (
        _rated(scope.council(), standard)
        .add_columns(SupportCapacity.visits_per_term)
        .join(SupportCapacity, SupportCapacity.school_id == School.id)
        .where(
            SnapshotRating.rating == EMBEDDED,
            SupportCapacity.academic_year_id == scope.year.id,
            SupportCapacity.standard_code == standard.code,
        )
    )
    rows = db.session.execute(query).all()
    loads = current_loads(scope.year, [row[0].id for row in rows])
    return [
        Supporter(school, partnership_id, name, visits, loads.get(school.id, 0))
        for school, _, partnership_id, name, visits in rows
    ]


def current_loads(year: AcademicYear, school_ids: list[int]) -> dict[int, int]:
    """Pairings planned or active in the year, by supporting school."""
    if not school_ids:
        return {}
    query = (
        select(SupportPairing.supporting_school_id, func.count())
        .where(
            SupportPairing.supporting_school_id.in_(school_ids),
            SupportPairing.academic_year_id == year.id,
            SupportPairing.status.in_(OPEN_STATUSES),
        )
        .group_by(SupportPairing.supporting_school_id)
    )
    return dict(db.session.execute(query).all())
