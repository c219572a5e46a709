"""Run a website check in a child Python process with hard limits on time and memory.

The check's own deadlines stop it politely; this is the backstop. The child is a fresh
interpreter (python -m this module, not a fork of a threaded web or worker process), with
its address space capped, and it is killed if it outlives the check's deadline plus a margin.
Whatever happens in it, the caller gets a CheckResult and its own process stays small.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

from inclusion.send_report.checker.check import check_website
from inclusion.send_report.checker.fetch import seconds_text
from inclusion.send_report.checker.results import CheckResult
from inclusion.send_report.checker.settings import CheckerSettings

log = logging.getLogger(__name__)
PACKAGE_ROOT = Path(__file__).resolve().parents[3]


def hard_limit(settings: CheckerSettings) -> float:
    return settings.deadline_seconds + settings.hard_margin_seconds


def check_isolated(url: str, settings: CheckerSettings) -> CheckResult:
    """check_website in a child process; a failed CheckResult if the child dies or overruns."""
    started = time.monotonic()
    limit = hard_limit(settings)
    child = subprocess.Popen(
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_env(),
    )
    try:
        out, err = child.communicate(pickle.dumps((url, settings)), timeout=limit)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        reason = f"The check ran out of time and was stopped (limit {seconds_text(limit)})"
        return _failed(url, reason, started)
    if child.returncode != 0 or not out:
        log.warning("Website check child ended with %s: %s", child.returncode, err[-2000:])
        return _failed(url, _death_reason(child.returncode, err), started)
    return pickle.loads(out)  # written by our own child just now


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(PACKAGE_ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def _death_reason(returncode: int, err: bytes) -> str:
    if b"MemoryError" in err:
        return "The check needed too much memory and was stopped (a very large page or PDF)"
    return "The check stopped unexpectedly; try again later"


def _failed(url: str, reason: str, started: float) -> CheckResult:
    result = CheckResult(url=url, status="failed", reason=reason)
    result.duration_seconds = round(time.monotonic() - started, 3)
    return result


def _limit_memory(limit: int) -> None:
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    url, settings = pickle.loads(sys.stdin.buffer.read())  # from our parent
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print from a library cannot spoil the result
    _limit_memory(settings.max_memory_bytes)
    result = check_website(url, settings)
    channel.write(pickle.dumps(result))
    channel.flush()


if __name__ == "__main__":
    main()
