"""Factories for the records and DfE rows the council's KPIs read (factory-boy, flushed).

They write rows directly, as an import or years of use would leave them, so a test can build
several years of data quickly; the services' own rules are tested with the services.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from inclusion.audit.models import Audit, Framework
from inclusion.graduated_response.models import (
    ExclusionIncident,
    OfficialExclusionFigure,
    PartTimeTimetable,
)
from inclusion.graduated_response.official_models import OfficialAbsenceFigure, OfficialSenFigure
from inclusion.send_report.models import (
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
    ChecklistVersion,
)
from tests.schools.factories import AcademicYearFactory, BaseFactory, SchoolFactory


class FrameworkFactory(BaseFactory):
    class Meta:
        model = Framework
        sqlalchemy_get_or_create = ("academic_year_id",)

    code = "kpi-test"
    name = "KPI test framework"
    version = 1
    academic_year = factory.SubFactory(AcademicYearFactory)
    academic_year_id = factory.SelfAttribute("academic_year.id")
    settings = factory.LazyFunction(dict)


class AuditFactory(BaseFactory):
    class Meta:
        model = Audit

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
    framework = factory.SubFactory(
        FrameworkFactory, academic_year=factory.SelfAttribute("..academic_year")
    )
    status = "in_progress"


class ExclusionFactory(BaseFactory):
    class Meta:
        model = ExclusionIncident

    school = factory.SubFactory(SchoolFactory)
    pupil_ref = factory.Sequence(lambda n: f"EX-{n:04d}")
    year_group = "8"
    sen_status = "none"
    kind = "suspension"
    start_date = date(2026, 10, 6)
    sessions = 2
    reasons = factory.LazyFunction(lambda: ["DB"])


class TimetableFactory(BaseFactory):
    class Meta:
        model = PartTimeTimetable

    school = factory.SubFactory(SchoolFactory)
    pupil_ref = factory.Sequence(lambda n: f"PT-{n:04d}")
    year_group = "5"
    sen_status = "sen_support"
    reason = "medical"
    start_date = date(2026, 10, 6)
    planned_end_date = None
    hours_per_week = Decimal("15")


class OfficialRowFactory(BaseFactory):
    class Meta:
        abstract = True

    school_id = factory.LazyAttribute(lambda o: o.school.id)
    urn = factory.LazyAttribute(lambda o: o.school.urn)
    time_period = "202627"
    time_identifier = "Academic year"
    la_code = "933"
    symbols = factory.LazyFunction(dict)

    class Params:
        school = None


class SenFigureFactory(OfficialRowFactory):
    class Meta:
        model = OfficialSenFigure

    total_pupils = Decimal(200)
    sen_support = Decimal(30)
    ehc_plan = Decimal(5)


class AbsenceFigureFactory(OfficialRowFactory):
    class Meta:
        model = OfficialAbsenceFigure

    enrolments = Decimal(200)
    enrolments_pa_10_exact = Decimal(30)


class ExclusionFigureFactory(OfficialRowFactory):
    class Meta:
        model = OfficialExclusionFigure

    headcount = Decimal(200)
    suspension = Decimal(4)
    perm_excl = Decimal(0)
    one_plus_susp = Decimal(3)


class ChecklistVersionFactory(BaseFactory):
    class Meta:
        model = ChecklistVersion

    academic_year = factory.SubFactory(AcademicYearFactory)
    code = "send-information-report"
    name = "SEND Information Report and website"
    version = 1


class ChecklistItemFactory(BaseFactory):
    class Meta:
        model = ChecklistItem

    version_id = factory.LazyAttribute(lambda o: o.version.id)
    code = "S1-01"
    title = factory.LazyAttribute(lambda o: f"Item {o.code}")
    legal_basis = "test"
    guidance = ""
    applies_to = None
    position = factory.Sequence(int)

    class Params:
        version = None


class ChecklistFactory(BaseFactory):
    class Meta:
        model = Checklist

    school = factory.SubFactory(SchoolFactory)
    version = factory.SubFactory(ChecklistVersionFactory)
    academic_year = factory.SelfAttribute("version.academic_year")


class ChecklistAnswerFactory(BaseFactory):
    class Meta:
        model = ChecklistAnswer

    checklist_id = None
    item_id = None
    status = "met"
