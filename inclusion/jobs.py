"""Background jobs: never run inside a web request.

The embedded default runs jobs on a worker thread in this process; with REDIS_URL set they
go to an RQ queue on Redis and `flask --app inclusion jobs worker` runs them. Job functions
are importable module-level functions taking plain arguments (ids), so either runner works.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from typing import Any, Protocol

import click
from flask import Flask, current_app, has_app_context
from flask.cli import AppGroup

QUEUE_NAME = "inclusion"


class JobRunner(Protocol):
    name: str

    def enqueue(self, func: Callable[..., Any], *args: Any) -> str: ...

    def enqueue_in(self, seconds: float, func: Callable[..., Any], *args: Any) -> str: ...


class ThreadRunner:
    """The embedded default: one worker thread per process, each job in an app context."""

    name = "thread"

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._pool = ThreadPoolExecutor(
            max_workers=1,
            thread_name_prefix="inclusion-job",
            initializer=run_nicer,
            initargs=(app.config.get("JOB_NICENESS", 0),),
        )
        self._futures: list[Future] = []
        self._lock = threading.Lock()

    def enqueue(self, func: Callable[..., Any], *args: Any) -> str:
        future = self._pool.submit(self._run, func, *args)
        with self._lock:
            self._futures.append(future)
        return f"thread-{id(future)}"

    def enqueue_in(self, seconds: float, func: Callable[..., Any], *args: Any) -> str:
        """Queue the job after a delay. A timer dies with the process, so callers that need
        the job to survive a restart also record when it is due (see notifications retry-due)."""
        timer = threading.Timer(seconds, self.enqueue, (func, *args))
        timer.daemon = True
        timer.start()
        return f"timer-{id(timer)}"

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        with self.app.app_context():
            return run_logged(func, *args)

    def wait(self, timeout: float = 60) -> None:
        """Wait for every job queued so far (for the CLI and tests)."""
        with self._lock:
            pending, self._futures = self._futures, []
        for future in pending:
            future.result(timeout=timeout)


class DeferredRunner:
    """For tests: jobs wait in memory until `run_pending` runs them in the caller's context."""

    name = "deferred"

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
        self.scheduled: list[tuple[float, Callable[..., Any], tuple[Any, ...]]] = []

    def enqueue(self, func: Callable[..., Any], *args: Any) -> str:
        self.pending.append((func, args))
        return f"deferred-{len(self.pending)}"

    def enqueue_in(self, seconds: float, func: Callable[..., Any], *args: Any) -> str:
        """Held apart until `release_scheduled` (the test's way of letting the delay pass)."""
        self.scheduled.append((seconds, func, args))
        return f"scheduled-{len(self.scheduled)}"

    def release_scheduled(self) -> list[float]:
        """Move every delayed job to the pending queue; returns the delays they were given."""
        delays = [seconds for seconds, _, _ in self.scheduled]
        self.pending.extend((func, args) for _, func, args in self.scheduled)
        self.scheduled = []
        return delays

    def run_pending(self) -> int:
        ran = 0
        while self.pending:
            func, args = self.pending.pop(0)
            run_logged(func, *args)
            ran += 1
        return ran


class RQRunner:
    name = "rq"

    def __init__(self, redis_url: str, queue_name: str = QUEUE_NAME) -> None:
        from redis import Redis
        from rq import Queue

        self.queue = Queue(queue_name, connection=Redis.from_url(redis_url))

    def enqueue(self, func: Callable[..., Any], *args: Any) -> str:
        job = self.queue.enqueue(
            run_in_app, f"{func.__module__}:{func.__name__}", *args, job_timeout=600
        )
        return job.id

    def enqueue_in(self, seconds: float, func: Callable[..., Any], *args: Any) -> str:
        """RQ's scheduler (the worker runs it) moves the job to the queue when it is due."""
        job = self.queue.enqueue_in(
            timedelta(seconds=seconds),
            run_in_app,
            f"{func.__module__}:{func.__name__}",
            *args,
            job_timeout=600,
        )
        return job.id


def run_in_app(target: str, *args: Any) -> Any:
    """RQ's entry point: import the job function and run it inside the portal app."""
    import importlib

    module, name = target.split(":")
    func = getattr(importlib.import_module(module), name)
    if has_app_context():
        return run_logged(func, *args)
    from inclusion import create_app

    with create_app().app_context():
        return run_logged(func, *args)


def run_logged(func: Callable[..., Any], *args: Any) -> Any:
    """Every runner runs jobs through here: start, end and failure are logged."""
    from inclusion.logging_setup import logged_job

    with logged_job(f"{func.__module__}.{func.__qualname__}"):
        return func(*args)


def run_nicer(niceness: int) -> None:
    """Lower the calling thread's CPU priority, so background work yields the cores to pages.

    On Linux each thread has its own nice value (and a forked process inherits its caller's);
    elsewhere jobs simply run at the process's priority.
    """
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    thread = threading.get_native_id()
    current = os.getpriority(os.PRIO_PROCESS, thread)
    os.setpriority(os.PRIO_PROCESS, thread, min(19, current + niceness))


def register_jobs(app: Flask) -> None:
    app.extensions["job_runner"] = _runner_for(app)
    app.cli.add_command(jobs_cli)


def _runner_for(app: Flask) -> JobRunner:
    if app.config.get("REDIS_URL"):
        return RQRunner(app.config["REDIS_URL"])
    if app.config.get("JOB_RUNNER") == "deferred":
        return DeferredRunner()
    return ThreadRunner(app)


def job_runner() -> JobRunner:
    return current_app.extensions["job_runner"]


jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run queued jobs from Redis (needs REDIS_URL)."""
    runner = job_runner()
    if not isinstance(runner, RQRunner):
        raise click.ClickException("Set REDIS_URL to run a worker; without it jobs run in-process.")
    from rq import Worker

    run_nicer(current_app.config["JOB_NICENESS"])  # each job's forked process inherits it
    worker = Worker([runner.queue], connection=runner.queue.connection)
    worker.work(burst=burst, with_scheduler=True)  # the scheduler releases delayed retries
