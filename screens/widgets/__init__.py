"""Reusable widgets; each keeps its CSS in DEFAULT_CSS."""
