"""Factories for schools, academic years and partnerships."""

from __future__ import annotations

from datetime import date

import factory
from factory.alchemy import SQLAlchemyModelFactory

from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.schools.phases import Phase


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class SchoolFactory(BaseFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: f"{900000 + n:06d}")
    laestab = factory.Sequence(lambda n: f"933{2000 + n:04d}")
    name = factory.Sequence(lambda n: f"Test School {n}")
    establishment_type = "Community school"
    establishment_type_code = 1
    phase = Phase.PRIMARY.value
    is_open = True
    pupils_on_roll = 200
    town = "Taunton"
    district_code = "E07000246"
    district_name = "Somerset West and Taunton"


class AcademicYearFactory(BaseFactory):
    class Meta:
        model = AcademicYear
        sqlalchemy_get_or_create = ("label",)

    label = "2026/27"
    start_date = date(2026, 9, 1)
    end_date = date(2027, 8, 31)
    is_current = True


class PartnershipFactory(BaseFactory):
    class Meta:
        model = AreaInclusionPartnership

    code = factory.Sequence(lambda n: f"P{n:03d}")
    name = factory.LazyAttribute(lambda p: f"Partnership {p.code}")


class MembershipFactory(BaseFactory):
    class Meta:
        model = PartnershipMembership

    school = factory.SubFactory(SchoolFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
