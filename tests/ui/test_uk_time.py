"""Times shown to people are UK clock time, GMT or BST as the date needs; never "UTC"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inclusion.uk_time import format_date, format_datetime

TEMPLATES = Path(__file__).parents[2] / "inclusion" / "templates"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (datetime(2026, 12, 2, 17, 30, tzinfo=UTC), "2 December 2026 at 5:30pm"),  # GMT
        (datetime(2026, 6, 4, 13, 5, tzinfo=UTC), "4 June 2026 at 2:05pm"),  # BST
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "1 July 2026 at 12:30am"),  # next UK day
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "29 March 2026 at 12:59am"),  # last GMT minute
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "29 March 2026 at 2:00am"),  # clocks go forward
        (
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            "25 October 2026 at 1:30am",
        ),  # first 1:30 (BST)
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25 October 2026 at 1:30am"),  # second (GMT)
        (datetime(2026, 6, 4, 11, 0, tzinfo=UTC), "4 June 2026 at midday"),
        (datetime(2026, 1, 4, 0, 0, tzinfo=UTC), "4 January 2026 at midnight"),
    ],
)
def test_a_stored_utc_time_is_shown_on_the_uk_clock(stored, shown):
    assert format_datetime(stored) == shown


def test_a_date_of_a_late_summer_evening_is_the_uk_date():
    assert format_date(datetime(2026, 8, 31, 23, 15, tzinfo=UTC)) == "1 September 2026"
    assert format_date(date(2026, 8, 31)) == "31 August 2026"


def test_no_template_tells_people_a_time_is_utc():
    mentions = [p.name for p in TEMPLATES.rglob("*.html") if "UTC" in p.read_text()]
    assert mentions == []
