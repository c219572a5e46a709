"""Locust users for bench/load.py: SENCOs autosaving answers, advisers reading dashboards."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

PEOPLE = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text())
ACKS_FOLDER = Path(os.environ["LOAD_ACKS"])
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_sencos = itertools.cycle(PEOPLE["sencos"])
_advisers = itertools.cycle(PEOPLE["advisers"])
ACKNOWLEDGED: list[dict] = []


def sign_in(user: HttpUser, email: str) -> None:
    # A connection per request: an idle kept-alive connection can be closed by the server at the
    # moment the client reuses it, which would count as an error the portal did not make.
    user.client.headers["Connection"] = "close"
    page = user.client.get("/sign-in", name="GET /sign-in")
    token = CSRF.search(page.text).group(1)
    data = {"email": email, "password": PEOPLE["password"], "csrf_token": token}
    user.client.post("/sign-in", data=data, name="POST /sign-in")


class Senco(HttpUser):
    fixed_count = len(PEOPLE["sencos"])
    wait_time = between(1, 3)  # a pause in typing

    def on_start(self) -> None:
        self.me = next(_sencos)
        sign_in(self, self.me["email"])
        base = f"/schools/{self.me['urn']}/audits/{PEOPLE['year']}"
        page = self.client.get(f"{base}/standards/{PEOPLE['codes'][0]}", name="GET standard page")
        self.token = CSRF.search(page.text).group(1)
        self.versions = dict.fromkeys(PEOPLE["codes"], 0)
        self.url = f"/api/v1/schools/{self.me['urn']}/audits/{PEOPLE['year']}/answers/"

    @task
    def autosave(self) -> None:
        code = random.choice(PEOPLE["codes"])
        body = {
            "rating": random.randint(0, 3),
            "evidence": f"Typed at {random.random():.6f}",
            "version": self.versions[code],
        }
        with self.client.put(
            self.url + code,
            json=body,
            headers={"X-CSRFToken": self.token},
            name="PUT answer (autosave)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                reason = response.error or response.text[:120]
                response.failure(f"{response.status_code}: {reason}")
                return
            self.versions[code] = response.json()["version"]
            ACKNOWLEDGED.append(
                {
                    "audit_id": self.me["audit_id"],
                    "code": code,
                    **body,
                    "version": self.versions[code],
                }
            )


class Adviser(HttpUser):
    fixed_count = len(PEOPLE["advisers"])
    wait_time = between(2, 5)  # reading the page

    def on_start(self) -> None:
        self.me = next(_advisers)
        sign_in(self, self.me["email"])

    @task
    def dashboard(self) -> None:
        self.client.get(
            f"/partnerships/{self.me['partnership']}/dashboard", name="GET partnership dashboard"
        )


@events.quitting.add_listener
def _write_acknowledged(environment, **kwargs) -> None:
    path = ACKS_FOLDER / f"acks-{os.getpid()}.json"
    path.write_text(json.dumps(ACKNOWLEDGED))
