"""Alembic migrations of the operational store (configured in code: ``app.operations.migrate``)."""
