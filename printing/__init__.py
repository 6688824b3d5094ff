"""Paper: reportlab documents for the counter (receipts, sample filled forms).

``printing`` reads plain data from ``workstation.services`` and ``forms`` and
returns PDF bytes; :mod:`printing.output` saves them or hands them to ``lp``.
It never imports Textual. Fonts are chosen and registered lazily, on the first
render (:mod:`printing.fonts`), never at import.
"""
