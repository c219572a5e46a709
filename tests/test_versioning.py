"""Every record two people may edit at once goes through the one compare-and-set."""

from __future__ import annotations

import re
from pathlib import Path

import inclusion

PACKAGE = Path(inclusion.__file__).parent
VERSION_MATCH = re.compile(r"\.version\s*==")


def test_no_module_writes_its_own_version_check_beside_the_shared_compare_and_set():
    """Five hand-written copies of the pattern had drifted apart; one had stopped checking."""
    own_checks = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "versioning.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if VERSION_MATCH.search(line) and "version_id" not in line
    ]
    assert own_checks == []
