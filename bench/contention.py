"""Contention: a SENCO's question page while four council dashboards and two exports run.

    .venv/bin/python bench/contention.py [--database-url URL] [--seconds 60]

Runs against the database bench/national_dataset.py built (PostgreSQL, named bench...). It adds
(if missing) an administrator and a SENCO of one school with this year's audit started, with
light password hashes, then serves the portal as docs/deployment.md recommends: gunicorn with
`WEB_CONCURRENCY` workers and threads (`--threads`), Redis for rate limits and jobs, and one
`flask jobs worker` process for background work. All on this machine's two cores.

1. Quiet: the SENCO opens a standard's question page every 0.2 s for --seconds / 3 seconds.
2. Busy: the same, for --seconds, while four clients load the council dashboard one after
   another without pause and two clients ask for the council XLSX export, wait for the job and
   download the workbook, again and again.

It prints, for the SENCO's page, the count, p50, p95 and worst time in each phase, and beside
them the council dashboards and exports completed, their median time and any errors, then the
target of issue 22 (the SENCO's p95 under 100 ms while busy). Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import select
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import _free_port, _light_hash, _wait_for  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
ADMIN, SENCO = "contention-admin@example.org", "contention-senco@example.org"
PASSWORD = "contention-password-2026"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
DASHBOARDS, EXPORTS, TARGET_P95_MS = 4, 2, 100


def main() -> int:
    options = _arguments()
    world = _prepare(options.database_url)
    port = _free_port()
    processes = _serve(options, port)
    try:
        _wait_for(port)
        base = f"http://127.0.0.1:{port}"
        quiet = _senco_times(base, world, max(10, options.seconds // 3), None)
        busy_load = Busy(base)
        busy = _senco_times(base, world, options.seconds, busy_load)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    return _report(quiet, busy, busy_load)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--seconds", type=int, default=60, help="of the busy phase")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    options = parser.parse_args()
    name = make_url(options.database_url).database or ""
    if not name.startswith("bench"):
        parser.error("use the PostgreSQL database bench/national_dataset.py built (bench...)")
    return options


def _prepare(url: str) -> dict:
    """The two accounts, and the SENCO's school, audit year and first standard."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("INCLUSION_ENV", "development")
    from inclusion import create_app

    app = create_app()
    with app.app_context():
        return _accounts()


def _accounts() -> dict:
    from inclusion.audit.answers import start_audit
    from inclusion.audit.models import Audit, Standard
    from inclusion.auth.models import RoleAssignment, User
    from inclusion.extensions import db
    from inclusion.schools.models import School
    from inclusion.schools.services import current_year

    year = current_year()
    school = db.session.scalar(select(School).where(School.is_open).order_by(School.urn).limit(1))
    hashed = _light_hash(PASSWORD)
    for email, role in ((ADMIN, "admin"), (SENCO, "senco")):
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, display_name=f"Contention {role}")
            assignment = RoleAssignment(role=role, school=school if role == "senco" else None)
            user.roles.append(assignment)
            db.session.add(user)
        user.password_hash = hashed
    db.session.flush()
    audit = db.session.scalar(
        select(Audit).where(Audit.school_id == school.id, Audit.academic_year_id == year.id)
    ) or start_audit(school, year, db.session.scalar(select(User).where(User.email == SENCO)))
    code = db.session.scalar(
        select(Standard.code).where(Standard.framework_id == audit.framework_id).limit(1)
    )
    db.session.commit()
    slug = year.label.replace("/", "-")
    return {"page": f"/schools/{school.urn}/audits/{slug}/standards/{code}"}


def _serve(options: argparse.Namespace, port: int) -> list[subprocess.Popen]:
    """gunicorn as docs/deployment.md runs it, and one job worker."""
    env = os.environ | {
        "DATABASE_URL": options.database_url,
        "INCLUSION_ENV": "development",
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/7",
        "WEB_CONCURRENCY": str(options.workers),
        "SIGN_IN_LIMIT_PER_ADDRESS": "10000 per minute",
    }
    web = [str(ROOT / ".venv/bin/gunicorn"), "--threads", str(options.threads)]
    web += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "inclusion:create_app()"]
    worker = [str(ROOT / ".venv/bin/flask"), "--app", "inclusion", "jobs", "worker"]
    return [subprocess.Popen(command, cwd=ROOT, env=env) for command in (web, worker)]


def signed_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(f"{base}/sign-in").text).group(1)
    data = {"email": email, "password": PASSWORD, "csrf_token": token}
    response = session.post(f"{base}/sign-in", data=data)
    response.raise_for_status()
    return session


def _senco_times(base: str, world: dict, seconds: int, busy: Busy | None) -> list[float]:
    session = signed_in(base, SENCO)
    session.get(base + world["page"]).raise_for_status()  # warm-up
    if busy:
        busy.start()
    times: list[float] = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        started = time.perf_counter()
        response = session.get(base + world["page"])
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"the SENCO's page answered {response.status_code}")
        time.sleep(0.2)
    if busy:
        busy.stop()
    return times


class Busy:
    """Four council dashboards and two exports, each on its own thread, without pause."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.stopping = threading.Event()
        self.dashboards: list[float] = []
        self.exports: list[float] = []
        self.errors: list[str] = []
        self.threads = [threading.Thread(target=self._dashboards) for _ in range(DASHBOARDS)]
        self.threads += [threading.Thread(target=self._exports) for _ in range(EXPORTS)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=600)

    def _dashboards(self) -> None:
        session = signed_in(self.base, ADMIN)
        while not self.stopping.is_set():
            started = time.perf_counter()
            response = session.get(f"{self.base}/council/dashboard")
            self._record(self.dashboards, response, started)

    def _exports(self) -> None:
        session = signed_in(self.base, ADMIN)
        while not self.stopping.is_set():
            started = time.perf_counter()
            self._record(self.exports, self._one_export(session), started)

    def _one_export(self, session: requests.Session) -> requests.Response:
        start = session.get(f"{self.base}/council/dashboard.xlsx")
        token = CSRF.search(start.text).group(1)
        status = session.post(f"{self.base}/council/dashboard.xlsx", data={"csrf_token": token})
        while status.ok and "/download" not in status.text:
            time.sleep(1)
            status = session.get(status.url)
        if not status.ok:
            return status
        link = re.search(r'href="([^"]+/download)"', status.text).group(1)
        return session.get(self.base + link)

    def _record(self, times: list[float], response: requests.Response, started: float) -> None:
        if response.status_code == 200:
            times.append(time.perf_counter() - started)
        else:
            self.errors.append(f"{response.request.method} {response.url}: {response.status_code}")


def _report(quiet: list[float], busy: list[float], load: Busy) -> int:
    print(f"\n{'SENCO question page':28} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, times in (("quiet", quiet), ("busy", busy)):
        print(
            f"{label:28} {len(times):6} {_ms(times, 50):8.0f} {_ms(times, 95):8.0f} "
            f"{max(times) * 1000:8.0f}"
        )
    for label, times in (
        ("council dashboards", load.dashboards),
        ("council exports", load.exports),
    ):
        median = statistics.median(times) if times else float("nan")
        print(f"{label:28} {len(times):6} completed, median {median:.2f} s")
    p95 = _ms(busy, 95)
    met = "met" if p95 < TARGET_P95_MS else "NOT met"
    print(f"\ntarget: the SENCO's p95 under {TARGET_P95_MS} ms while busy: {p95:.0f} ms, {met}")
    print(f"errors: {len(load.errors)}")
    for error in load.errors[:10]:
        print(f"  {error}")
    return 1 if load.errors else 0


def _ms(times: list[float], percent: int) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))] * 1000


if __name__ == "__main__":
    sys.exit(main())
