"""Composition of the operational domains: the one place that knows every domain.

Adapters (the app, the CLI, the API) call it to create or migrate the operational store, load
every domain's seed rows, create the demo users and run the scheduled jobs.
"""
