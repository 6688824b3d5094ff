"""What the risk rules see and what they say: the context of one submission and its findings.

Rules are pure functions of a :class:`RiskContext`; the risk service gathers
the context (the policy, the day's activity of the customer across the
branch, the teller's cash) from the database, and the engine runs the rules a
template names. Nothing here touches the database.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from forms.roles import FieldRole, RoleNeed, need
from forms.schema import DocumentSpec, Template
from workstation.domain.flows import Direction, Method
from workstation.domain.i18n import Msg
from workstation.domain.limits import Thresholds
from workstation.services.directory import BankAccountView, PolicyView


class Severity(enum.IntEnum):
    """What a finding asks of the teller, least to most."""

    INFO = 0
    """Shown; nothing to do."""
    WARN = 1
    """The teller must acknowledge it, one by one."""
    AUTHORIZE = 2
    """A supervisor of at least ``Finding.level`` must approve (an override)."""
    BLOCK = 3
    """The business cannot go ahead."""


CUSTOMER = need(FieldRole.POLICY_NO, FieldRole.APPLICANT_ID)
"""Whose business it is: the policyholder, else the applicant (``service.customer_of``)."""
INSURED = need(FieldRole.POLICY_NO, FieldRole.INSURED_ID, FieldRole.APPLICANT_ID)
"""Who is insured: the policy's insured, else the insured typed, else the applicant."""

LARGE_CASH_REPORT = "large_cash_report"
"""Flag: the posting must appear on the day's large-value cash report (大额现金交易报告)."""


@dataclass(frozen=True)
class Finding:
    rule: str
    """The vocabulary name of the rule that found it, e.g. ``aml_payout``."""
    code: str
    """Its own code, ``<rule>.<what>``, e.g. ``aml_payout.due_diligence``; also the
    catalog key ``risk.<code>`` of its message."""
    severity: Severity
    message: Msg
    """The explanation, rendered from the catalog in either language."""
    level: int = 0
    """For AUTHORIZE: the supervisor level needed (1 or 2)."""
    flags: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """Identifies the finding within a submission (acknowledgements refer to it)."""
        return self.code


@dataclass(frozen=True)
class DayActivity:
    """The business date so far, excluding reversed postings and their reversals.

    ``customer`` is the policyholder when the submission names a policy, else
    the applicant; the sums cover every teller of the branch.
    """

    customer_cash: Decimal = Decimal("0.00")
    """Cash in plus cash out for the customer."""
    customer_cash_amounts: tuple[Decimal, ...] = ()
    """Each cash amount of the customer, in either direction."""
    insured_cash_premium: Decimal = Decimal("0.00")
    """Cash premiums (money in of premium-type businesses) for the insured."""
    customer_payouts: Decimal = Decimal("0.00")
    """Refunds and benefit payouts (money out) to the customer, any method."""
    same_business: int = 0
    """Postings of this business on this policy."""
    cash_on_hand: Decimal = Decimal("0.00")
    """The teller's cash on hand now."""


@dataclass(frozen=True)
class WatchList:
    """Resident ID numbers and names the branch must not serve (from the watch-list file)."""

    ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RiskContext:
    template: Template
    values: Mapping[str, Any]
    """Checked, normalised values of the visible fields: ``str``; ``Decimal`` for money;
    ``date`` for dates; ``ResidentId`` for resident IDs; ``date | None`` for ID expiry
    (None is long-term); absent when a field is empty or hidden."""
    by_agent: bool
    documents_ticked: frozenset[str]
    required_documents: tuple[DocumentSpec, ...]
    """The documents this submission needs (agent ones only with an agent)."""
    policy: PolicyView | None
    """The looked-up policy, or None when the business has no policy number or it is unknown."""
    business_date: date
    amount: Decimal | None
    """The value of ``template.money.amount_field``, if any."""
    method: str | None
    """cash, bank_card or transfer (:class:`Method`): the field playing ``payment_method``,
    or the only method."""
    activity: DayActivity = field(default_factory=DayActivity)
    thresholds: Thresholds = field(default_factory=Thresholds)
    watch_list: WatchList = field(default_factory=WatchList)
    payee_account: BankAccountView | None = None
    """The directory's record of the card typed in the field playing ``payee_card``."""

    @property
    def direction(self) -> Direction:
        return self.template.money.direction

    @property
    def cash(self) -> bool:
        return self.method == Method.CASH and self.amount is not None


Rule = Callable[[RiskContext, Any], list[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    name: str
    check: Rule
    params: type[BaseModel]
    """Validates the template's ``params`` for the rule; the rule receives an instance."""
    needs: tuple[RoleNeed, ...] = ()
    """The field roles the rule reads and cannot do without; a template naming the rule
    without them is refused at load."""
