"""Receipts not printed (issue 16.8), as the posted and till screens list them."""

from __future__ import annotations

from datetime import tzinfo

from workstation.domain.clock import time_of_day
from workstation.services.receipts import Unprinted


def unprinted_lines(t, receipts: list[Unprinted], zone: tzinfo) -> list[str]:
    """One line a receipt: serial, business, time posted, and whether a print failed."""
    return [
        t(
            "receipt_list.failed_line" if r.failed else "receipt_list.line",
            serial=r.serial,
            code=r.template_code,
            time=time_of_day(r.posted_at, zone, seconds=False),
        )
        for r in receipts
    ]
