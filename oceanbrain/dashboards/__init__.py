"""Streamlit pages for investment-promotion staff and analysts. They render; they hold no Cypher."""
