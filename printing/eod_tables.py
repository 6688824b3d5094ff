"""The tables of the end-of-day printouts: their columns, and their rows from the data.

Each ``*_rows`` function gives ``(rows, total)``: the rows as strings, ready for
:func:`printing.columns.data_table`, and the total row or ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from printing.columns import CODE, NUM, TEXT, Column
from printing.report_parts import DASH, both, over_short, signed, who, yuan
from workstation.services.report_data import (
    ApprovalSummary,
    BranchSummaryData,
    BusinessLine,
    HandoverLine,
    ReprintLine,
    ReversalLine,
    TellerTotal,
    TransferLine,
    VaultLine,
)

Rows = list[list[str]]
Listing = tuple[Rows, list[str] | None]
ZERO = Decimal("0.00")
_FLOWS = ("cash_in", "cash_out", "other_in", "other_out")

SERIAL = Column("流水号", "Serial", CODE)
BUSINESS_NAME = Column("业务", "Business", TEXT)
AMOUNT = Column("金额", "Amount", NUM)
REASON = Column("原因", "Reason", TEXT)
TIME = Column("时间", "Time", CODE)
MONEY = (
    Column("现金收入", "Cash in", NUM),
    Column("现金付出", "Cash out", NUM),
    Column("非现金收入", "Non-cash in", NUM),
    Column("非现金付出", "Non-cash out", NUM),
)
BUSINESS = (Column("代码", "Code", CODE), BUSINESS_NAME, Column("笔数", "Count", NUM), *MONEY)
VAULT: tuple[Column, ...] = (TIME, Column("柜台", "Counter", CODE), Column("柜员", "Teller", TEXT))
VAULT += (Column("方向", "Direction", TEXT), Column("库房增减", "Vault +/-", NUM))
VAULT += (Column("库管员", "Vault officer", TEXT),)
"""The branch's vault movements: when, which till, which way, the vault's side, who."""
TableSpec = tuple[str, str, tuple[Column, ...]]
"""A table's heading in Chinese and English, and its columns."""
TELLER_TABLES: dict[str, TableSpec] = {
    "businesses": ("业务汇总", "By business type", BUSINESS),
    "reversals": (
        "冲正",
        "Reversals",
        (SERIAL, Column("原流水号", "Original serial", CODE), BUSINESS_NAME, AMOUNT, REASON),
    ),
    "approvals": (
        "授权",
        "Approvals",
        (
            SERIAL,
            BUSINESS_NAME,
            AMOUNT,
            Column("授权人", "Approver", TEXT),
            Column("级别", "Level", NUM),
            Column("方式", "Mode", CODE),
        ),
    ),
    "reprints": (
        "重打",
        "Reprints",
        (SERIAL, Column("重打次序", "Reprint no.", NUM), REASON, Column("经办", "By", CODE)),
    ),
    "transfers": (
        "尾箱调拨",
        "Vault transfers",
        (TIME, Column("方向", "Direction", TEXT), AMOUNT, Column("库管员", "Vault officer", TEXT)),
    ),
    "handovers": (
        "交接班",
        "Handovers",
        (
            TIME,
            Column("交出人", "Outgoing", TEXT),
            Column("接收人", "Incoming", TEXT),
            Column("交接金额", "Amount handed over", NUM),
            Column("交接差异", "Difference", NUM),
        ),
    ),
}
BRANCH_TABLES: dict[str, TableSpec] = {
    "tellers": (
        "柜员汇总",
        "Totals by teller",
        (
            Column("柜员", "Teller", TEXT),
            Column("笔数", "Postings", NUM),
            *MONEY,
            Column("长短款", "Over/short", NUM),
        ),
    ),
    "businesses": ("业务汇总", "Totals by business type", BUSINESS),
    "large_cash": (
        "大额现金交易报告",
        "Large-value cash transactions to report",
        (
            SERIAL,
            Column("客户", "Customer", TEXT),
            BUSINESS_NAME,
            AMOUNT,
            Column("收付", "Direction", CODE),
            Column("柜员", "Teller", CODE),
        ),
    ),
    "variances": (
        "长短款及差异",
        "Variances",
        (
            Column("类别", "Kind", TEXT),
            Column("柜员", "Teller", TEXT),
            Column("柜台", "Counter", CODE),
            AMOUNT,
            REASON,
            Column("批准人", "Approved by", TEXT),
        ),
    ),
    "vault": ("库房调拨", "Vault movements", VAULT),
}


def _money(*amounts: Decimal) -> list[str]:
    return [yuan(a) for a in amounts]


def _amount(amount: Decimal | None) -> str:
    return DASH if amount is None else yuan(amount)


def business_rows(lines: Sequence[BusinessLine], label: str = "合计 Total") -> Listing:
    rows = [
        [
            b.code,
            both(b.name),
            f"{b.count:,}",
            *_money(b.cash_in, b.cash_out, b.other_in, b.other_out),
        ]
        for b in lines
    ]
    total = [
        label,
        "",
        f"{sum(b.count for b in lines):,}",
        *_money(*(sum((getattr(b, f) for b in lines), ZERO) for f in _FLOWS)),
    ]
    return rows, total


def reversal_rows(lines: Sequence[ReversalLine]) -> Listing:
    return [
        [r.serial, r.original, both(r.business), _amount(r.amount), r.reason or DASH] for r in lines
    ], None


def approval_rows(lines: Sequence[ApprovalSummary]) -> Listing:
    return [
        [a.serial, both(a.business), _amount(a.amount), who(a.approver), str(a.level), both(a.mode)]
        for a in lines
    ], None


def reprint_rows(lines: Sequence[ReprintLine]) -> Listing:
    return [[r.serial, str(r.print_no - 1), r.reason or DASH, r.staff_id] for r in lines], None


def transfer_rows(lines: Sequence[TransferLine]) -> Listing:
    return [[t.at, both(t.direction), yuan(t.amount), who(t.officer)] for t in lines], None


def handover_rows(lines: Sequence[HandoverLine]) -> Listing:
    return [
        [h.at, who(h.outgoing), who(h.incoming), yuan(h.amount), over_short(h.difference, False)]
        for h in lines
    ], None


def teller_rows(lines: Sequence[TellerTotal]) -> Listing:
    rows = [
        [
            who(t.teller),
            f"{t.postings:,}",
            *_money(t.cash_in, t.cash_out, t.other_in, t.other_out),
            over_short(t.variance, False),
        ]
        for t in lines
    ]
    total = [
        "网点合计 Branch total",
        f"{sum(t.postings for t in lines):,}",
        *_money(*(sum((getattr(t, f) for t in lines), ZERO) for f in _FLOWS)),
        over_short(sum((t.variance for t in lines), ZERO), False),
    ]
    return rows, total


def vault_rows(lines: Sequence[VaultLine]) -> Listing:
    """The vault's side of each transfer; the total is its net for the day (上缴 less 请领)."""
    rows = [
        [v.at, v.counter, who(v.teller), both(v.direction), signed(v.amount), who(v.officer)]
        for v in lines
    ]
    taken_in = sum((v.amount for v in lines if v.amount > 0), ZERO)
    paid_out = -sum((v.amount for v in lines if v.amount < 0), ZERO)
    label = f"库房当日净额 Vault net: 上缴 In {yuan(taken_in)} - 请领 Out {yuan(paid_out)}"
    total = [label, "", "", "", signed(taken_in - paid_out), ""]
    return rows, total


def branch_tables(data: BranchSummaryData) -> dict[str, Listing]:
    """Every table of the branch summary, by its key in :data:`BRANCH_TABLES`."""
    large = [
        [c.serial, c.customer, both(c.business), yuan(c.amount), both(c.direction), c.teller_id]
        for c in data.large_cash
    ]
    variances = [
        [
            both(v.kind),
            who(v.teller),
            v.counter,
            over_short(v.amount, False),
            v.reason or DASH,
            who(v.approved_by),
        ]
        for v in data.variances
    ]
    return {
        "tellers": teller_rows(data.tellers),
        "businesses": business_rows(data.businesses),
        "large_cash": (large, None),
        "variances": (variances, None),
        "vault": vault_rows(data.vault),
    }
