"""Imports of official data: DfE school-level exclusions and GIAS establishments.

Each import reads a CSV file in chunks with pandas (`files.py`), validates every row before
writing anything, then writes in one transaction and records an `ImportRun`. Services return a
report (`reports.py`) that the CLI prints and the upload page shows.
"""
