"""Printing: a receipt against a bare reportlab document with the same embedded font.

    .venv/bin/python benchmarks/printing.py [--count 50]

Ours: render_receipt() of a real posting (two copies on two A5 pages, header
and footer with page x of y, amount in capitals, QR code, masked IDs; the body
both copies share is laid out once and drawn once, as a form XObject). The
baselines, in the same run with the same TrueType font registered: a bare
SimpleDocTemplate with the receipt's text as plain paragraphs on one A5 page,
and the same on two pages (one per copy). Goal: <= 1.3x the one-page baseline.
Runs alternate so that both see the same machine state.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def receipt_data():
    """A cash renewal posted on a fresh demo database, as the receipt service prepares it."""
    from decimal import Decimal

    from forms.state import FormState
    from workstation.cli.demo import prepare_demo
    from workstation.domain.cash import Count
    from workstation.domain.clock import SystemClock
    from workstation.services.passwords import Passwords
    from workstation.services.submission import Submission
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as tmp:
        config, secrets = prepare_demo(Path(tmp), "zh")
        station = open_station(config, secrets, SystemClock(), Passwords.fast())
        teller = station.auth.sign_in("T001", "demo1234")
        station.till.open(teller, Count())
        template = station.templates.by_code("1101")
        state = FormState(template, station.clock.now().date())
        state.values = {s.key: s.sample for s in template.fields if not s.agent_only}
        state.values["payment_method"] = "cash"
        state.ticked = {d.key for d in state.documents()}
        submission = Submission.from_state(state, uuid.uuid4().hex)
        _context, assessment = station.postings.review(submission, teller)
        seen = frozenset(f.code for f in assessment.warnings)
        posted = station.postings.post(submission, teller, seen, Decimal("12050"))
        data = station.receipts.receipt(posted.serial)
        station.close()
        return data


def receipt_words(data) -> list[str]:
    """Every piece of text a receipt copy prints, one paragraph each."""
    words = [data.branch.zh, data.branch.en, data.counter.zh, data.counter.en]
    words += [data.business.zh, data.business.en, data.serial, data.business_date, data.posted_at]
    words += [data.policy_no or "", data.customer_name or "", data.customer_id_masked or ""]
    for line in data.lines:
        words += [line.label.zh, line.label.en, line.value]
    if data.amount is not None:
        words += [str(data.amount), data.amount_in_words or ""]
        words += [data.direction.zh, data.direction.en, data.method.zh, data.method.en]
    words += [data.teller_name, data.teller_id, data.qr_payload, "客户签名 Customer signature"]
    return [w for w in words if w]


def bare(data, font_name: str, pages: int) -> bytes:
    """The receipt's words as plain paragraphs on plain pages: what reportlab costs at least
    for the same text, with no tables, page template, QR code or second pass."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from printing.base import A5

    style = ParagraphStyle("bare", fontName=font_name, fontSize=8, leading=9, wordWrap="CJK")
    story = []
    for page in range(pages):
        if page:
            story.append(PageBreak())
        story += [Paragraph(text, style) for text in receipt_words(data)]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A5, invariant=1, pageCompression=1).build(story)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    count = parser.parse_args().count

    from printing.fonts import choose_font, register
    from printing.receipt import render_receipt

    data = receipt_data()
    font = choose_font(None)
    name = register(font)
    if font.warning is not None:
        print("warning: no TrueType CJK font found; the figures below use the CID fallback")
    render_receipt(data, font), bare(data, name, 1), bare(data, name, 2)  # warm up
    ours, one, two = [], [], []
    for _ in range(count):
        for samples, job in (
            (ours, lambda: render_receipt(data, font)),
            (one, lambda: bare(data, name, 1)),
            (two, lambda: bare(data, name, 2)),
        ):
            start = time.perf_counter()
            job()
            samples.append((time.perf_counter() - start) * 1000)
    o, b1, b2 = (statistics.median(x) for x in (ours, one, two))
    print(f"font: {font.path or name}; {count} runs each, medians")
    print(f"receipt (2 copies, QR, page x of y) {o:7.2f} ms")
    print(f"bare one-page document              {b1:7.2f} ms  ratio {o / b1:5.2f}x  goal <= 1.3x")
    print(f"bare two-page document              {b2:7.2f} ms  ratio {o / b2:5.2f}x")


if __name__ == "__main__":
    main()
