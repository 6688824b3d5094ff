"""Demo customers and their bank accounts, for the demo policies in demo_policies.

Every resident ID number has a real province code, a real birth date and a
correct GB 11643 check digit; sex and birth date are read from the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workstation.db.models import BankAccount, Customer
from workstation.domain.dates import add_years


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    id_number: str
    phone: str | None
    address: str
    expires_in_years: int | None
    """Years from today to the ID card's expiry (negative: expired); None is long-term."""


@dataclass(frozen=True)
class DemoAccount:
    card_no: str
    id_number: str
    """The customer who holds the account; the account name is theirs."""
    bank_name_zh: str
    bank_name_en: str


_PUDONG = "上海市浦东新区"
DEMO_CUSTOMERS = (
    DemoCustomer("张三", "110105198001010016", "13800138000", _PUDONG + "世纪大道100号", 6),
    DemoCustomer("张小明", "110105201006120016", None, _PUDONG + "世纪大道100号", 3),
    DemoCustomer("李四", "310115197512030022", "13912345678", _PUDONG + "张杨路500号", 4),
    DemoCustomer("陈建国", "310115197308150019", "13916668888", _PUDONG + "张杨路500号", 2),
    DemoCustomer("王五", "440306199002150035", "13602581234", _PUDONG + "陆家嘴环路1000号", 7),
    DemoCustomer("赵六", "320102196507080047", "13770551234", _PUDONG + "浦电路88号", None),
    DemoCustomer("孙七", "510107199505200050", "18628001234", _PUDONG + "金科路2889号", 9),
    DemoCustomer("周八", "110108194912310029", "13501234567", _PUDONG + "东方路1500号", None),
    DemoCustomer("吴九", "330106198811230018", "15858123456", _PUDONG + "峨山路91号", -1),
    DemoCustomer("郑十", "44030419820309049X", "13823456789", _PUDONG + "花木路1200号", 3),
    DemoCustomer("钱丽", "320583199204170022", "15021345678", _PUDONG + "川沙路5000号", 8),
    DemoCustomer("冯秀英", "310104195803050041", "13601678901", "上海市徐汇区漕溪北路398号", None),
    DemoCustomer("褚卫东", "330203197709180052", "13957481234", _PUDONG + "杨高南路799号", 1),
    DemoCustomer("卫晓燕", "370202198906110067", "18653201234", _PUDONG + "锦绣路1001号", 6),
    DemoCustomer("蒋志强", "420106198501250074", "13307141234", _PUDONG + "高科西路2000号", 2),
    DemoCustomer("沈佳", "310110199312080081", "18817561234", "上海市杨浦区国定路335号", 10),
)
"""Beneficiaries who are not customers (林芳, 郑子轩) are named in demo_policies."""

DEMO_ACCOUNTS = (
    DemoAccount(
        "6222021000123450",
        "110105198001010016",
        "中国工商银行",
        "Industrial and Commercial Bank of China (ICBC)",
    ),
    DemoAccount(
        "6217001234567893",
        "310115197512030022",
        "中国建设银行",
        "China Construction Bank (CCB)",
    ),
    DemoAccount(
        "6228480012345671",
        "310104195803050041",
        "中国农业银行",
        "Agricultural Bank of China (ABC)",
    ),
    DemoAccount("6216610009876544", "110108194912310029", "中国银行", "Bank of China (BOC)"),
    DemoAccount("6225881234567898", "44030419820309049X", "招商银行", "China Merchants Bank (CMB)"),
)


def customer_row(person: DemoCustomer, today: date) -> Customer:
    number = person.id_number
    years = person.expires_in_years
    return Customer(
        name=person.name,
        id_type="resident_id",
        id_number=number,
        id_expiry=None if years is None else add_years(today, years),
        sex="M" if int(number[16]) % 2 else "F",
        birth_date=date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
        phone=person.phone,
        address=person.address,
    )


def account_row(account: DemoAccount, holder: Customer) -> BankAccount:
    return BankAccount(
        customer=holder,
        card_no=account.card_no,
        bank_name_zh=account.bank_name_zh,
        bank_name_en=account.bank_name_en,
        account_name=holder.name,
    )
