"""The wording helpers of the SLA rules (``rules.sla._text``)."""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.entities import TimeUnit
from shequ_core.errors import ValidationError

MON = date(2025, 6, 9)  # June 2025 has no holiday after 2 June


def test_the_wording_helpers_refuse_an_unknown_language() -> None:
    from shequ_core.rules.sla._text import amount, day

    with pytest.raises(ValidationError, match=r"^invalid day: lang: must be 'zh' or 'en'"):
        day(MON, "fr")
    with pytest.raises(ValidationError, match=r"^invalid amount: lang: must be 'zh' or 'en'"):
        amount(1, TimeUnit.WORKING_DAYS, None)  # type: ignore[arg-type]
    assert amount(1, TimeUnit.NATURAL_DAYS, "en") == "1 natural day"
    assert amount(-1, TimeUnit.WORKING_DAYS, "en") == "-1 working day"
