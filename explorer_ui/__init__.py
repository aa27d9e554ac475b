"""Streamlit side of the explorer. ``shared`` is the Streamlit code every page
uses; ``charts``, ``text`` and ``urlstate`` are pure and unit-tested."""
