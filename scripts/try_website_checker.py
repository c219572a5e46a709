"""Try the website checker on the bundled fixture school websites, served on this machine.

    .venv/bin/python scripts/try_website_checker.py [SITE]

SITE is one of compliant, partly, pdf_report, broken_offer, out_of_date (default compliant).

Serves the fixture site and a stand-in Local Offer on 127.0.0.1, points the first demo
school's website at it, runs a check (loopback allowed for this run only) and prints what it
found. Then sign in as head@demo.example.org and open the school's SEND Information Report page.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.send_report.checker.pdfwriter import pdf_from_source  # noqa: E402
from tests.send_report.checker.siteserver import start_server  # noqa: E402

SITES = ROOT / "tests" / "send_report" / "checker" / "sites"


def build_site(name: str, substitutions: dict[str, str]) -> Path:
    target = Path(tempfile.mkdtemp(prefix="fixture-site-"))
    shutil.copytree(SITES / name, target, dirs_exist_ok=True)
    for source in target.rglob("*.pdf.txt"):
        pdf = source.with_name(source.name.removesuffix(".txt"))
        pdf.write_bytes(pdf_from_source(source.read_text(encoding="utf-8"), substitutions))
        source.unlink()
    return target


def main(name: str) -> None:
    offer = start_server(ROOT / "tests" / "send_report" / "checker" / "offer-site")
    substitutions = {
        "{{LOCAL_OFFER}}": f"{offer.base_url}/local-offer",
        "{{BROKEN_LOCAL_OFFER}}": f"{offer.base_url}/broken-local-offer",
        "{{LOCAL_OFFER_HOST}}": offer.netloc,
    }
    site = start_server(build_site(name, substitutions), substitutions)
    os.environ.update(
        INCLUSION_ENV="development",  # the local demo database and settings
        WEBSITE_CHECK_ALLOW_LOOPBACK="1",
        WEBSITE_CHECK_DELAY_SECONDS="0",
        LOCAL_OFFER_URL=f"{offer.base_url}/local-offer",
        LOCAL_OFFER_HOSTS=offer.netloc,
    )
    run_check(site.base_url + "/")
    site.shutdown()
    offer.shutdown()


def run_check(url: str) -> None:
    from sqlalchemy import select

    from inclusion import create_app
    from inclusion.extensions import db
    from inclusion.schools.models import School
    from inclusion.send_report.website_checks import latest_check, request_check

    app = create_app()
    with app.app_context():
        school = db.session.scalar(select(School).where(School.is_open).order_by(School.urn))
        school.website = url
        db.session.commit()
        request_check(school, None, ignore_interval=True)
        app.extensions["job_runner"].wait(timeout=300)
        db.session.rollback()  # end the read snapshot taken before the job wrote
        check = latest_check(school)
        print(f"{school.name} ({school.urn}): {check.status} {check.reason}")
        for finding in check.findings:
            print(f"  {finding.code:7} {finding.result:10} {finding.snippet[:70]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "compliant")
