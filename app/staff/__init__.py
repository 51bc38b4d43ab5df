"""Streamlit glue for the operational pages: labels, the store resource, log-in, rendering."""
