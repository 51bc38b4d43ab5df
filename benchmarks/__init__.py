"""Benchmarks of the pipeline, the app and the operational store (results in docs/)."""
