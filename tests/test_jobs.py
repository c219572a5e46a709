"""Background jobs on both runners: a worker thread, and RQ on a real Redis."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import SimpleWorker

from inclusion.jobs import RQRunner, ThreadRunner

DONE: list[str] = []


def remember(value: str) -> None:
    """A job: importable, plain arguments, like every real job."""
    from flask import current_app

    DONE.append(f"{value} in {current_app.name}")


def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        Redis.from_url(url, socket_connect_timeout=2).ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Redis at {url}")
        pytest.skip(f"Redis is not running at {url}: start it to test the RQ runner")
    return url


def test_the_thread_runner_runs_a_job_off_the_request_inside_the_app(app):
    DONE.clear()
    runner = ThreadRunner(app)
    runner.enqueue(remember, "thread job")
    runner.wait(timeout=10)
    assert DONE == ["thread job in inclusion"]


def test_the_rq_runner_queues_on_redis_and_a_worker_runs_the_job(app):
    DONE.clear()
    runner = RQRunner(redis_url(), queue_name=f"test-{uuid.uuid4().hex}")
    job_id = runner.enqueue(remember, "queued job")
    assert runner.queue.fetch_job(job_id) is not None
    with app.app_context():
        SimpleWorker([runner.queue], connection=runner.queue.connection).work(burst=True)
    assert DONE == ["queued job in inclusion"]
    runner.queue.delete(delete_jobs=True)


def test_the_thread_runner_runs_a_delayed_job_only_after_its_delay(app):
    import time

    DONE.clear()
    runner = ThreadRunner(app)
    runner.enqueue_in(0.3, remember, "delayed job")
    time.sleep(0.1)
    runner.wait(timeout=10)
    assert DONE == []
    time.sleep(0.5)
    runner.wait(timeout=10)
    assert DONE == ["delayed job in inclusion"]


def test_the_rq_runner_schedules_a_delayed_job_for_the_workers_scheduler(app):
    runner = RQRunner(redis_url(), queue_name=f"test-{uuid.uuid4().hex}")
    job_id = runner.enqueue_in(300, remember, "later")
    assert job_id in runner.queue.scheduled_job_registry.get_job_ids()
    assert runner.queue.count == 0  # not runnable until the scheduler releases it
    runner.queue.scheduled_job_registry.remove(job_id, delete_job=True)
    runner.queue.delete(delete_jobs=True)


def priority_of_this_thread() -> None:
    PRIORITIES.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))


PRIORITIES: list[int] = []


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="thread priorities are Linux's")
def test_background_jobs_run_at_a_lower_cpu_priority_than_pages(app):
    PRIORITIES.clear()
    page = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    runner = ThreadRunner(app)
    runner.enqueue(priority_of_this_thread)
    runner.wait(timeout=10)
    [job] = PRIORITIES
    assert job == min(19, page + app.config["JOB_NICENESS"])
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == page
