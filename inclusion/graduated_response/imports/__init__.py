"""Imports of official data: DfE school-level exclusions, SEN and absence; GIAS establishments.

Each import reads a CSV file in chunks with pandas (`files.py`), validates every row before
writing anything, then writes in one transaction and records an `ImportRun`. Services return a
report (`reports.py`) that the CLI prints and the upload page shows. The DfE files share one
engine (`official.py`, `official_checks.py`, `staging.py`, `run.py`); docs/domain-rules.md
names each file's publisher, data guidance, columns and symbols.
"""
