"""Alembic migrations of the operational store (configured in code: ``operations.migrate``)."""
