"""Readers turn one delivered file into rows of text with their header, whatever its format."""

from ingest.readers.errors import FileProblem
from ingest.readers.tables import IncomingTable, Reject, read_incoming

__all__ = ["FileProblem", "IncomingTable", "Reject", "read_incoming"]
