"""Services and rules find a field by its role: a template names its fields as it likes.

Before roles, the services read ``applicant_id``, ``payee_name`` and the like by key,
and a template that named them otherwise silently lost its checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from forms.loader import BUILTIN_PACKS
from tests.conftest import FAST
from tests.ledger_support import on_shift, post_approved, submission
from workstation.config import FormsSection
from workstation.db.ledger import Posting
from workstation.station import open_station

pytestmark = pytest.mark.db

RENAMED = (
    ('code = "3101"', 'code = "9101"'),
    ('key = "surrender"', 'key = "surrender_renamed"'),
    ('key = "policy_no"', 'key = "contract_no"'),
    ('field = "policy_no"', 'field = "contract_no"'),
    ('key = "applicant_id"', 'key = "holder_id_no"'),
    ('key = "payee_name"', 'key = "account_holder"'),
    ('key = "payee_card"', 'key = "card_no"'),
    ('field = "payee_card"', 'field = "card_no"'),
)
OTHER_ID = "310115197512030022"


@pytest.fixture
def renamed(config, secrets, clock, tmp_path):
    """A station whose pack also has the surrender as 9101, every field the services read
    under another key (the roles unchanged)."""
    text = (BUILTIN_PACKS[0] / "3101-surrender.toml").read_text(encoding="utf-8")
    for old, new in RENAMED:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "9101-surrender-renamed.toml").write_text(text, encoding="utf-8")
    extra = config.model_copy(update={"forms": FormsSection(folders=(Path(folder),))})
    station = open_station(extra, secrets, clock, FAST)
    yield station
    station.close()


def _surrender(station, **values):
    defaults = {"applicant_id_expiry": "长期", "amount": "86,400.00"}
    return submission(station, "9101", **{**defaults, **values})


def test_renamed_fields_keep_the_policy_the_aml_and_the_payee_checks(renamed):
    teller = on_shift(renamed)
    context, found = renamed.postings.review(_surrender(renamed), teller)
    assert context.policy is not None and context.policy.policy_no == "P2024000001"
    assert "aml_payout.due_diligence" in {f.code for f in found.findings}
    assert not found.blocked
    _, refused = renamed.postings.review(
        _surrender(renamed, holder_id_no=OTHER_ID, account_holder="李四"), teller
    )
    assert {f.code for f in refused.blocks} >= {
        "applicant_allowed.not_the_person",
        "payee_name_match.mismatch",
    }


def test_the_posting_records_the_customer_found_by_role(renamed):
    teller = on_shift(renamed)
    result = post_approved(renamed, _surrender(renamed), teller)
    with renamed.db.read() as s:
        row = s.scalar(select(Posting).where(Posting.serial == result.serial))
        assert row.policy_no == "P2024000001"
        assert row.applicant_id_number == "110105198001010016"
        assert row.customer_name == "张三"


async def test_the_form_looks_the_policy_up_in_the_field_playing_its_role(renamed):
    """Enter in the renamed policy field (``contract_no``) looks the policy up and fills in."""
    from tests.flows import BIG, open_business, signed_in
    from tests.pilot import screen_text

    async with signed_in(renamed, "T001", BIG) as pilot:
        app = pilot.app
        await open_business(pilot, "9101", "P2024000001")
        text = screen_text(app)
        assert "鑫享人生终身寿险" in text and "张三" in text, text
