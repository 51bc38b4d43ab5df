"""The operational store every domain writes through: database, migrations, staff accounts,
authentication, the append-only audit log, rate limits, masking of personal data, photo checks and
the province's areas and shape.

Domains (``complaints`` and those that follow) build on it; it imports none of them.
"""
