"""Every page's title names what it is about, so no two pages share one."""

from __future__ import annotations

from tests.audit.conftest import begin
from tests.pages import PageClient, page_title


def test_the_task_list_title_names_the_year_and_the_school(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url())
    assert page_title(page) == f"Inclusion Audit 2025/26: {world.school.name}"
    assert page.h1.get_text(strip=True) == "Inclusion Audit"


def test_an_audit_page_title_is_its_heading_then_the_audit_it_belongs_to(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("history"))
    assert page_title(page) == f"Answer history - Inclusion Audit 2025/26: {world.school.name}"


def test_a_school_page_title_is_the_schools_name_once(app, world):
    page = PageClient(app, world.admin).get(f"/schools/{world.school.urn}")
    assert page_title(page) == world.school.name
