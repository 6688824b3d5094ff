"""A day at the counter, then the log: what happened is in it, no customer's number or name is.

The services part: sign-in, a surrender with a supervisor's approval, a renewal in
cash, a blocked posting, a receipt printed and one that cannot be saved. The Pilot
part: a wrong password, a service call that fails with a customer's numbers in its
message (the till, F6), the surrender form typed for a lapsed policy (blocked at the
review), and a worker that fails outside any service call.
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

import pytest
from textual.worker import WorkerFailed

from printing.output import SaveFailed
from printing.pipeline import print_document
from screens.review import ReviewScreen
from tests.ledger_support import on_shift, post_approved, renewal_in_cash, surrender
from tests.pilot import handled, make_app, ready, settle, sign_in, type_text
from tests.test_screens_review import BIG, fill_surrender
from workstation.configfile import log_settings
from workstation.domain.prints import DocumentKind
from workstation.logs.setup import configure_logging, stop_logging
from workstation.services.auth import AuthError
from workstation.services.demo import DEMO_STAFF
from workstation.services.demo_customers import DEMO_ACCOUNTS, DEMO_CUSTOMERS
from workstation.services.posting import PostingRefused

pytestmark = pytest.mark.db

CLEAR = [c.id_number for c in DEMO_CUSTOMERS]
CLEAR += [c.phone for c in DEMO_CUSTOMERS if c.phone]
CLEAR += [a.card_no for a in DEMO_ACCOUNTS]
CLEAR += [" ".join(re.findall(".{1,4}", a.card_no)) for a in DEMO_ACCOUNTS]  # 6222 0210 …
NAMES = [c.name for c in DEMO_CUSTOMERS] + ["林芳", "郑子轩"] + [p.name for p in DEMO_STAFF]
SHAPES = {
    "resident ID": re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
    "card": re.compile(r"(?<!\d)\d{16,19}(?!\d)"),
    "grouped card": re.compile(r"(?<!\d)\d{4} \d{4} \d{4} \d{4}"),
    "mobile": re.compile(r"(?<!\d)1\d{10}(?!\d)"),
}
ZHANG_SAN_ID, ZHANG_SAN_CARD = "110105198001010016", "6222021000123450"
ZHANG_SAN_PHONE = "13800138000"
ZHAO_LIU_ID = "320102196507080047"
"""赵六, the holder of P2021000004 (lapsed three years ago: a surrender is blocked)."""


def services_day(station, tmp_path) -> str:
    teller = on_shift(station, "T001")
    with pytest.raises(AuthError):
        station.auth.sign_in("T002", "wrong password")
    post_approved(station, renewal_in_cash(station), teller, tendered=Decimal("12000"))
    surrendered = post_approved(station, surrender(station), teller)
    with pytest.raises(PostingRefused):
        station.postings.post(surrender(station, policy_no="P2021000004"), teller)
    print_document(station, teller, DocumentKind.RECEIPT, surrendered.serial)
    (tmp_path / "share").write_text("a file where the output folder's parent should be")
    output = station.config.output.model_copy(update={"folder": tmp_path / "share" / "out"})
    station.config = station.config.model_copy(update={"output": output})
    with pytest.raises(SaveFailed):
        print_document(station, teller, DocumentKind.RECEIPT, surrendered.serial, "客户遗失")
    return surrendered.serial


def exploding(*_args, **_kwargs):
    raise RuntimeError(
        f"summary failed for {ZHANG_SAN_ID}, card {ZHANG_SAN_CARD}, phone {ZHANG_SAN_PHONE}"
    )


async def pilot_day(station, monkeypatch) -> None:
    app = make_app(station)
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        await sign_in(pilot, "T001", "not the password")
        await type_text(pilot, "demo1234")
        await pilot.press("enter")
        await settle(pilot)
        with monkeypatch.context() as patched:
            patched.setattr(station.till, "summary", exploding)
            await pilot.press("f6")  # the till: its service call fails
            await settle(pilot)
        assert app.screen.__class__.__name__ == "HomeScreen"
        await fill_surrender(pilot, policy_no="P2021000004", id_number=ZHAO_LIU_ID)
        assert isinstance(app.screen, ReviewScreen)
        worker = app.run_worker(exploding, thread=True, exit_on_error=False, name="refresh")
        with contextlib.suppress(WorkerFailed):
            await worker.wait()
        await handled(pilot)  # the app takes the worker's failure (a message) and logs it


async def test_a_day_at_the_counter_logs_what_happened_and_no_personal_data(
    station, tmp_path, log_folder, monkeypatch
):
    path = configure_logging(log_settings(log_folder), "counter-01")
    serial = services_day(station, tmp_path)
    await pilot_day(station, monkeypatch)
    stop_logging()
    text = path.read_text(encoding="utf-8")

    assert [x for x in CLEAR if x in text] == []
    assert [x for x in NAMES if x in text] == []
    assert {k: s.findall(text) for k, s in SHAPES.items() if s.search(text)} == {}

    assert "sign_in staff=T001 role=teller counter=01" in text
    assert "sign_in_failed staff=T002 via=sign_in reason=wrong_password" in text
    assert "refused auth.wrong_password left=4 op=SignInScreen:wait_station.auth.sign_in" in text
    blocked = [x for x in text.splitlines() if " blocked at=" in x]
    assert [x.split(" blocked ")[1].split(" codes=")[0] for x in blocked][:2] == [
        "at=post template=3101",
        "at=review template=3101",  # typed into the form, seen on the review: not posted
    ]
    assert all("policy_status.not_allowed" in x and x.endswith("staff=T001") for x in blocked)
    assert f"print kind=receipt ref={serial} no=1 outcome=saved path=" in text
    assert f"print kind=receipt ref={serial} no=2 outcome=save_failed" in text
    assert "Not a directory" in text
    errors = [line for line in text.splitlines() if " ERROR " in line]
    assert [e.split("] ", 1)[1] for e in errors] == [
        "error RuntimeError op=HomeScreen:summary",
        "error RuntimeError op=worker",
    ]
    assert text.count("Traceback (most recent call last)") == 2
    assert text.count("RuntimeError: summary failed for 110105********0016") == 2
    assert "card 6222 **** **** 3450, phone 138****8000" in text
