"""Paper: reportlab documents for the counter (receipts, sample forms, till and day reports).

``printing`` reads plain data from ``workstation.services`` and ``forms`` and
returns PDF bytes; :mod:`printing.output` saves them or hands them to ``lp``.
It never imports Textual. Fonts are chosen and registered lazily, on the first
render (:mod:`printing.fonts`), never at import.

Every printout is one entry of the registry in :mod:`printing.documents` (its
figures, renderer, paper and file name, and the service that numbers its
prints) and is printed by :func:`printing.pipeline.print_document`. A new
printout is a renderer module, a :class:`~workstation.domain.prints.DocumentKind`
and its entry there.
"""
