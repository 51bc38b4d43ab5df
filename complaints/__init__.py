"""Citizens' complaints from report to resolution: intake, routing, status workflow, tracking,
views, PDPA duties and the pseudonymised extract into the warehouse's raw layer.

Everything is written through the operational store (:mod:`operations`); the analytical DuckDB
warehouse is only ever fed by :mod:`complaints.extract`.
"""
