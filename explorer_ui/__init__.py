"""Streamlit side of the explorer.

Pages call ``page.setup_page`` first and ``page.end_page`` last; the
``*_view`` modules draw one kind of thing each (filters, totals, charts,
tables, source text), ``access`` is the password gate, ``navigation`` the
one page registry, ``url_view`` the URL and its notices. ``charts``,
``frames``, ``text``, ``urlstate``, ``password_config`` and ``login_brake``
are pure and unit-tested.
"""
