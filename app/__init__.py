"""The Saraburi operations centre: a Streamlit app over the published warehouse marts."""
