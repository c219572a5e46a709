"""Benchmark: the website checker against the corpus of fixture school websites.

    .venv/bin/python bench/checker_corpus.py

Builds the corpus (tests/send_report/checker/corpus: 39 sites in varied styles, adversarial
ones included) in a temporary folder, serves each site from its own local HTTP server, runs a
check of every site and prints the confusion matrix against corpus/expected.yaml: overall,
then per item (false "found", false "not found", "unsure" where a verdict was expected), then
every wrong verdict, and the time each check took. A false "found" is the worst error: the run
exits with status 1 if there is any.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.send_report.checker.corpus.run import check_corpus


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        score, results = check_corpus(Path(folder))
    print(score.report())
    print(f"\n{len(results)} sites checked in {time.monotonic() - started:.1f} s")
    slowest = sorted(results.items(), key=lambda pair: -pair[1].duration_seconds)[:5]
    for name, result in slowest:
        print(f"  {name}: {result.duration_seconds:.2f} s ({result.status})")
    return 1 if score.false_found else 0


if __name__ == "__main__":
    raise SystemExit(main())
