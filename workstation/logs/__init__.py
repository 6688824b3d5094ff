"""The workstation's log file: set up once by the entry point, written by every layer.

:mod:`.setup` configures it (a rotating file per program, personal numbers masked in
every record), :mod:`.events` says how a refusal, an error or a slow operation is written,
:mod:`.tail` reads the last problems back for ``workstation doctor``.
Modules log through ``logging.getLogger(__name__)``; nothing is configured at import.
"""
