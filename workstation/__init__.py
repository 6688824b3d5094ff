"""柜面工作站 Counter Workstation.

Layers, lowest first: ``workstation.domain`` (pure values), ``forms``
(business templates), the rest of ``workstation`` (db, services, config,
secrets), ``printing`` (reportlab), ``screens`` (Textual), and the entry
points ``workstation.cli`` and ``workstation.__main__`` that wire them.
"""

__version__ = "0.1.0"
