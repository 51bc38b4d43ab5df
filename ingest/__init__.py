"""Saraburi Provincial Data Platform: ingest, build and publish the provincial warehouse."""
