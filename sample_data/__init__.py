"""Deterministic, scalable sample deliveries for every feed in the registry.

``generate_sample(out_dir, scale=1.0, seed=19)`` writes dated delivery folders of CSV and XLSX
files that look like what the agencies really send (encodings, Buddhist-Era dates, Thai digits,
prefixed and misspelt area names, totals rows, re-sent files) and a ``manifest.json`` saying what
was injected and what ingest should land, quarantine and skip.
"""

from sample_data.generator import generate_sample
from sample_data.summary import FeedSummary, SampleSummary

__all__ = ["FeedSummary", "SampleSummary", "generate_sample"]
