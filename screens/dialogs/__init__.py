"""Dialogs: every modal screen, one module each, each a typed ``ModalScreen[T]``.

A dialog is pushed by the screen that asks (``push_screen(dialog, callback)``)
and dismissed with its typed result. Each keeps its own ``DEFAULT_CSS``; what
they all share is in :class:`screens.dialogs.base.Dialog`.
"""
