"""A parser's refusal: raised, and its message in both catalogs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import LANGUAGES, Catalog


def refusal(call: Callable[..., object], *args: object) -> InvalidValue:
    """Run a parser that must refuse; check its key renders in both catalogs."""
    with pytest.raises(InvalidValue) as refused:
        call(*args)
    for lang in LANGUAGES:
        catalog = Catalog.load(lang)
        assert refused.value.msg.key in catalog.entries
        assert catalog(refused.value.msg) != refused.value.msg.key
    return refused.value
