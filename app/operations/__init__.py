"""The operational domain: what citizens and officers write (complaints, updates, users, audit).

Everything here talks to the operational store through SQLAlchemy (SQLite in WAL mode by
default, PostgreSQL by URL); the analytical DuckDB warehouse is only ever fed by
:mod:`app.operations.extract`.
"""
