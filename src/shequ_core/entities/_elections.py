"""Elections of the residents' committee (居民委员会选举): the count as the office records it.

An :class:`Election` is one vote (a 换届选举, a 补选, or the 另行选举 for seats the first
vote left unfilled) with what the 居民选举委员会 writes on its 选举结果报告单: how many
were registered to vote (选民, or 户代表 or 居民代表, by the mode of election), how many
voted, how many seats, the invalid ballots, and each candidate's votes for a post.

The record holds only what arithmetic forbids (more voters than registered, more votes
for a name than valid ballots, more elected than seats). Whether the election was valid
and who won are questions of the law of its date, answered by
:mod:`shequ_core.rules.elections` and checked over a dataset by ``check_dataset``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from shequ_core.entities._enums import ElectionKind, StaffRole
from shequ_core.entities._pii import masked_repr
from shequ_core.errors import Loc
from shequ_core.text import mask_personal
from shequ_core.validation import (
    Fault,
    Record,
    check_bool,
    check_count,
    check_date,
    check_enum,
    check_id,
    check_instance,
    check_opt_text,
    check_positive,
    check_text,
    check_tuple_of,
    md,
    opt_text,
    to_tuple,
)

__all__ = ["ELECTED_POSTS", "CandidateVotes", "Election", "candidates_from_text"]

#: The posts a residents' committee election fills: 主任, 副主任, 委员.
ELECTED_POSTS = (StaffRole.DIRECTOR, StaffRole.DEPUTY_DIRECTOR, StaffRole.COMMITTEE_MEMBER)
_POSTS = ", ".join(p.value for p in ELECTED_POSTS)


def _check_opt_post(value: object) -> str | None:
    """None (members elected without posts), or 主任, 副主任 or 委员."""
    if value is None or value in ELECTED_POSTS:
        return None
    return Fault("unknown_value", f"must be one of {_POSTS}")


#: The words an office types after a candidate's votes, by the field they set.
_WORDS: dict[str, tuple[str, object]] = {
    **{p.label_zh: ("post", p.value) for p in ELECTED_POSTS},
    "主任": ("post", StaffRole.DIRECTOR.value),
    "当选": ("elected", True),
    "未当选": ("elected", False),
    "落选": ("elected", False),
    "另选他人": ("write_in", True),
    "另选": ("write_in", True),
}
_ITEMS = re.compile(r"[;,、\n]")
# The name ends with a letter (张伟, 买买提·艾力), so a mark typed between it and the
# votes (张伟—900) is refused, not read as part of it; a colon there (张伟：900票) is read.
_ITEM = re.compile(
    r"(?P<name>[^\d\s():]*[^\W\d_])\s*(?:\((?P<post>[^)]*)\))?\s*:?\s*"
    r"(?P<votes>\d{1,9})\s*票?(?P<rest>.*)"
)
_TEXT_FORM = (
    "must list the candidates as 张伟 900票 主任 当选；李娜 95票 主任 未当选 "
    "(or the JSON list the library writes): cannot read '{}'"
)


def _candidate(item: str) -> dict[str, Any] | None:
    """One candidate typed by an office, as the converter reads it; None if it is not one."""
    match = _ITEM.fullmatch(item)
    if match is None:
        return None
    found: dict[str, Any] = {"name": match["name"], "votes": int(match["votes"])}
    words = match["rest"].replace("(", " ").replace(")", " ").split()
    for word in ([match["post"].strip()] if match["post"] is not None else []) + words:
        key, value = _WORDS.get(word, ("", None))
        if not key or key in found:  # a word it does not know, or a second post or outcome
            return None
        found[key] = value
    return found


def candidates_from_text(text: str) -> list[dict[str, Any]]:
    """The candidates of a result sheet's cell as an office types them, one after another
    (separated by ；、， or a new line): the name, the votes (``900`` or ``900票``, after
    a colon or not), then, in any order, the post (主任, 副主任, 委员; or in brackets after
    the name), 当选 or 未当选/落选, and 另选他人 for a name voters wrote in. Full-width
    characters are read as their half-width forms. A ValueError names the first part it
    cannot read."""
    items = [i.strip() for i in _ITEMS.split(unicodedata.normalize("NFKC", text))]
    found = []
    for item in filter(None, items):
        candidate = _candidate(item)
        if candidate is None:
            raise ValueError(_TEXT_FORM.format(_shown(item)))
        found.append(candidate)
    if not found:
        raise ValueError(_TEXT_FORM.format(_shown(text.strip())))
    return found


def _shown(part: str) -> str:
    """What a message echoes of a part it cannot read: any identity or phone number in it
    masked (before it is cut, so no cut leaves one unmasked), 40 characters at the most."""
    masked = mask_personal(part)
    return masked if len(masked) <= 40 else masked[:40] + "…"


def _check_opt_bool(value: object) -> str | None:
    return None if value is None else check_bool(value)


@attrs.frozen(kw_only=True, repr=False)
class CandidateVotes(Record):
    """候选人得票: one name on the count sheet, its votes for a post, and the outcome declared.

    ``elected`` is what the election committee declared (当选 or not), None where the
    record gives the votes only. ``write_in`` marks a name voters wrote in (另选他人)
    rather than a nominated candidate.
    """

    name: str = attrs.field(metadata=md("姓名", check_text))
    votes: int = attrs.field(metadata=md("得票数", check_count))
    post: StaffRole | None = attrs.field(default=None, metadata=md("职位", _check_opt_post))
    elected: bool | None = attrs.field(default=None, metadata=md("是否当选", _check_opt_bool))
    write_in: bool = attrs.field(default=False, metadata=md("另选他人", check_bool))


@attrs.frozen(kw_only=True, repr=False)
class Election(Record):
    """选举: one residents' committee election and its count.

    ``registered`` is who may vote in its mode (registered voters, household
    representatives or 居民代表), ``voted`` who took part (their ballots, proxies
    included), ``invalid_ballots`` those that count for no one; each candidate's votes
    are out of the valid ballots. ``runoff`` marks the 另行选举 for seats a vote left
    unfilled.
    """

    id: str = attrs.field(metadata=md("选举编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    held_on: dt.date = attrs.field(metadata=md("选举日期", check_date))
    kind: ElectionKind = attrs.field(metadata=md("选举方式", check_enum(ElectionKind)))
    registered: int = attrs.field(metadata=md("登记选民数", check_count))
    voted: int = attrs.field(metadata=md("参加投票人数", check_count))
    seats: int = attrs.field(metadata=md("应选名额", check_positive))
    invalid_ballots: int = attrs.field(default=0, metadata=md("无效票", check_count))
    candidates: tuple[CandidateVotes, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata={
            **md("候选人得票", check_tuple_of(check_instance(CandidateVotes, "a CandidateVotes"))),
            # what a CSV or workbook cell that is not JSON is read as
            "from_text": candidates_from_text,
        },
    )
    runoff: bool = attrs.field(default=False, metadata=md("另行选举", check_bool))
    notes: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("备注", check_opt_text)
    )

    @property
    def valid_ballots(self) -> int:
        """有效票: the ballots that count, ``voted - invalid_ballots``."""
        return self.voted - self.invalid_ballots

    @property
    def elected(self) -> tuple[CandidateVotes, ...]:
        """The candidates declared elected, in record order."""
        return tuple(c for c in self.candidates if c.elected)

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.voted > self.registered:
            yield "voted", f"must not exceed registered ({self.registered}), got {self.voted}"
        if self.invalid_ballots > self.voted:
            yield "invalid_ballots", f"must not exceed voted ({self.voted})"
            return
        valid = self.valid_ballots
        for i, c in enumerate(self.candidates):
            if c.votes > valid:
                yield ("candidates", i, "votes"), f"must not exceed the valid ballots ({valid})"
        seen: set[tuple[str, StaffRole | None]] = set()
        for i, c in enumerate(self.candidates):
            if (c.name, c.post) in seen:
                yield ("candidates", i, "name"), "is listed a second time for the same post"
            seen.add((c.name, c.post))
        total = sum(c.votes for c in self.candidates)
        if total > valid * self.seats:
            msg = (
                f"the votes add up to {total}, more than {valid} valid ballots can hold "
                f"with {self.seats} seat(s) to fill"
            )
            yield "candidates", msg
        declared = len(self.elected)
        if declared > self.seats:
            yield "candidates", f"{declared} declared elected for {self.seats} seat(s)"


for _cls in (CandidateVotes, Election):
    masked_repr(_cls)
