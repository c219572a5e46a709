"""The load test's people (bench/locustfile.py), with the same counts and pauses, against
bench/ceiling.py: no sign-in, no database, nothing to wait for but the network and gunicorn."""

from __future__ import annotations

import json
import os
from pathlib import Path

from locust import HttpUser, between, task

PEOPLE = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text())


class Senco(HttpUser):
    fixed_count = len(PEOPLE["sencos"])
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.client.headers["Connection"] = "close"

    @task
    def autosave(self) -> None:
        self.client.put("/answer", json={"rating": 2, "version": 0}, name="PUT answer (autosave)")


class Adviser(HttpUser):
    fixed_count = len(PEOPLE["advisers"])
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.client.headers["Connection"] = "close"

    @task
    def dashboard(self) -> None:
        self.client.get("/dashboard", name="GET partnership dashboard")
