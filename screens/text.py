"""Text layout helpers for screens: Chinese measured in terminal cells, not characters."""

from __future__ import annotations

from rich.cells import cell_len


def aligned(rows: list[tuple[str, str]]) -> str:
    """Label-value lines with the values lined up."""
    width = max((cell_len(label) for label, _ in rows), default=0)
    return "\n".join(f"{label}{' ' * (width - cell_len(label))}  {value}" for label, value in rows)
