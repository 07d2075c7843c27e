"""Modules 5–6 — the course's cases, one file per case, built on the concept modules.

The international bank case (module 5: whale curve, A/B/C with the C+ path) and the US
manufacturer case with the two mini-cases (module 6) land here as ``bank.py`` and
``manufacturer.py``. Like every concept module they import only numpy, pandas and the
other concept modules, and their results carry codes that ``kamlab.i18n`` labels.
"""
