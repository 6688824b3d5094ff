"""Hand-built risk contexts: the real template pack, sample values checked like the screen
checks them, and policies shaped like the demo data (business date 2026-11-27)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from forms.fields import check
from forms.loader import BUILTIN_PACKS, load_pack
from forms.schema import Template
from forms.state import FormState
from workstation.services.directory import BankAccountView, BeneficiaryView, PersonView, PolicyView
from workstation.services.effects import DoneToday, Effect
from workstation.services.overlay import overlay
from workstation.services.risk.model import (
    DayActivity,
    Finding,
    RiskContext,
    Thresholds,
    WatchList,
)
from workstation.services.risk.rules import RULES
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
D = Decimal
ZHANG_SAN_ID = "110105198001010016"


def person(name: str, id_number: str, expiry: date | None = date(2032, 11, 27)) -> PersonView:
    return PersonView(name, id_number, expiry, "M", date(1980, 1, 1), "13800138000")


PEOPLE = {
    p.name: p
    for p in (
        person("张三", ZHANG_SAN_ID),
        person("张小明", "110105201006120016"),
        person("李四", "310115197512030022"),
        person("陈建国", "310115197308150019"),
        person("王五", "440306199002150035"),
        person("孙七", "510107199505200050"),
        person("周八", "110108194912310029", None),
        person("沈佳", "310110199312080081"),
    )
}
ZHANG_SAN_ACCOUNT = BankAccountView("6222021000123450", "中国工商银行", "ICBC", "张三")


def _person(who: str | PersonView) -> PersonView:
    return PEOPLE[who] if isinstance(who, str) else who


def policy(
    no: str = "P2024000001",
    holder: str | PersonView = "张三",
    insured: str | PersonView | None = None,
    beneficiaries: tuple[tuple[str, str | None], ...] = (("张小明", "110105201006120016"),),
    **changes: Any,
) -> PolicyView:
    """P2024000001 of 张三 by default: in force, 12,000.00 due 2026-12-17, cash value 86,400.00."""
    base = PolicyView(
        policy_no=no,
        product_code="WL01",
        product_name_zh="鑫享人生终身寿险",
        product_name_en="Xinxiang Life Whole Life Insurance",
        status="in_force",
        holder=_person(holder),
        insured=_person(insured or holder),
        beneficiaries=tuple(BeneficiaryView(n, i, "child", 100, 1) for n, i in beneficiaries),
        issue_date=date(2024, 12, 17),
        delivered_on=date(2024, 12, 23),
        payment_frequency="annual",
        premium=D("12000.00"),
        paid_to_date=date(2026, 12, 17),
        next_due_date=date(2026, 12, 17),
        cash_value=D("86400.00"),
        loan_balance=D("0.00"),
        lapse_date=None,
        maturity_date=None,
        maturity_benefit=D("0.00"),
        survival_benefit=D("0.00"),
        sum_assured=D("500000.00"),
        payout_account=ZHANG_SAN_ACCOUNT,
    )
    return replace(base, **changes)


SAMPLE_POLICIES = {
    "1101": lambda: policy(),
    "2001": lambda: policy(),
    "2002": lambda: policy(),
    "2003": lambda: policy("P2025000009", "李四", "陈建国", (("李四", "310115197512030022"),)),
    "2101": lambda: policy(),
    "2201": lambda: policy(
        "P2023000003", "王五", status="lapsed", lapse_date=date(2025, 8, 27), next_due_date=None
    ),
    "3101": lambda: policy(),
    "3102": lambda: policy(
        "P2026000005",
        "孙七",
        premium=D("8000.00"),
        issue_date=date(2026, 11, 15),
        delivered_on=date(2026, 11, 22),
        paid_to_date=date(2027, 11, 15),
        next_due_date=date(2027, 11, 15),
    ),
    "3201": lambda: policy(
        "P2024000002", "李四", cash_value=D("50000.00"), loan_balance=D("10000.00")
    ),
    "3202": lambda: policy(
        "P2024000002", "李四", cash_value=D("50000.00"), loan_balance=D("10000.00")
    ),
    "3301": lambda: policy(
        "P2016000006",
        "周八",
        status="matured",
        issue_date=date(2016, 11, 17),
        next_due_date=None,
        maturity_date=date(2026, 11, 17),
        maturity_benefit=D("30000.00"),
        survival_benefit=D("3000.00"),
    ),
    "4001": lambda: policy("P2026000016", "沈佳"),
}
"""For each template with a policy number, a policy its sample values fit."""


def after(view: PolicyView, *effects: Effect) -> PolicyView:
    """``view`` once today's postings with ``effects`` are in (serials …-00001, …-00002 …)."""
    done = [
        DoneToday(f"SH01-20261127-01-{n:05d}", "0000", effect)
        for n, effect in enumerate(effects, start=1)
    ]
    return overlay(view, done)


@cache
def templates() -> dict[str, Template]:
    return {t.code: t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY)}


def template(code: str) -> Template:
    return templates()[code]


def form(code: str, by_agent: bool = False, **raw: str) -> FormState:
    """The sample form with some values typed over (``""`` clears a field)."""
    state = FormState(template(code), TODAY, by_agent=by_agent)
    state.values = {spec.key: spec.sample for spec in state.template.fields} | raw
    return state


def checked_values(state: FormState) -> dict[str, Any]:
    """The normalised values of the visible fields, as the form hands them to the service."""
    values = {}
    for spec in state.fields():
        raw = state.values.get(spec.key, "")
        result = check(spec, raw, state.today)
        assert result.ok, (spec.key, raw, result.problem)
        if raw.strip():
            values[spec.key] = result.value
    return values


_DEFAULT: Any = object()


def context(
    code: str,
    *,
    by_agent: bool = False,
    policy: PolicyView | None = _DEFAULT,
    ticked: frozenset[str] | None = None,
    values: dict[str, Any] | None = None,
    activity: DayActivity | None = None,
    thresholds: Thresholds | None = None,
    watch_list: WatchList | None = None,
    payee_account: BankAccountView | None = None,
    method: str | None = None,
    **raw: str,
) -> RiskContext:
    """A submission of template ``code``: its sample values, ``raw`` typed over them, then
    ``values`` put in as they are (to hand the service what a screen should not); every
    required document ticked unless ``ticked`` says; the sample's policy unless given;
    ``method`` overrides the payment method (e.g. cash out, which no template offers)."""
    state = form(code, by_agent, **raw)
    checked = checked_values(state) | (values or {})
    t = state.template
    amount = checked.get(t.money.amount_field) if t.money.amount_field else None
    method = method or checked.get("payment_method") or (t.money.methods or (None,))[0]
    documents = tuple(state.documents())
    if ticked is None:
        ticked = frozenset(d.key for d in documents)
    if policy is _DEFAULT:
        policy = SAMPLE_POLICIES[code]() if code in SAMPLE_POLICIES else None
    return RiskContext(
        template=t,
        values=checked,
        by_agent=by_agent,
        documents_ticked=ticked,
        required_documents=documents,
        policy=policy,
        business_date=TODAY,
        amount=amount,
        method=method,
        activity=activity or DayActivity(),
        thresholds=thresholds or Thresholds(),
        watch_list=watch_list or WatchList(),
        payee_account=payee_account,
    )


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def run(code: str, rule: str, params: dict | None = None, **kwargs: Any) -> list[Finding]:
    """The findings of one rule on a context, with ``params`` or else the template's own."""
    ctx = context(code, **kwargs)
    if params is None:
        params = next((r.params for r in ctx.template.rules if r.name == rule), {})
    spec = RULES[rule]
    return spec.check(ctx, spec.params.model_validate(params))
