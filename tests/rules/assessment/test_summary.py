"""``summary()`` and the BannerSummary: each definition of issue 6 item 2 on small
hand-built datasets, the table and rows a dashboard shows, and laws.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    CaseEvent,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    Party,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    Staff,
    StaffRole,
    TeamKind,
    TimeLimit,
    TimeUnit,
    VolunteerTeam,
)
from shequ_core.rules.assessment import (
    BannerSummary,
    summary,
)
from shequ_core.strategies import datasets

D = dt.date
AS_OF = D(2017, 12, 31)


C = Community(
    id="c", name="示例社区", town="示例镇", kind=CommunityKind.ORDINARY, households=0, residents=0
)


_n = iter(range(10**6))


def staff(
    role: StaffRole = StaffRole.CASEWORKER,
    employment: Employment = Employment.SECONDED,
    **kw: object,
) -> Staff:
    return Staff(
        id=f"s{next(_n)}", community_id="c", name="甲", role=role, employment=employment, **kw
    )


def sec(birth: dt.date | None = None, education: Education | None = None, **kw: object) -> Staff:
    return staff(StaffRole.PARTY_SECRETARY, birth_date=birth, education=education, **kw)


def dep(birth: dt.date | None = None, education: Education | None = None, **kw: object) -> Staff:
    return staff(StaffRole.DEPUTY_PARTY_SECRETARY, birth_date=birth, education=education, **kw)


def of(**collections: object) -> BannerSummary:
    return summary(Dataset(communities=[C], **collections), as_of=AS_OF)


def case(*events: tuple[dt.date, DisputeStatus], closed: dt.date | None = None) -> DisputeCase:
    evs = [CaseEvent(on=on, status=st_) for on, st_ in events]
    return DisputeCase(
        id=f"d{next(_n)}",
        community_id="c",
        category=DisputeCategory.NEIGHBOUR,
        parties=[Party(name="甲"), Party(name="乙")],
        received_on=evs[0].on,
        status=evs[-1].status,
        events=evs,
        closed_on=closed,
    )


R, M, A = DisputeStatus.RECEIVED, DisputeStatus.MEDIATING, DisputeStatus.AGREEMENT_REACHED


ITEM = ServiceItem(
    id="i", name="居住证明", time_limit=TimeLimit(amount=3, unit=TimeUnit.WORKING_DAYS)
)


def request(status: RequestStatus, done: dt.date | None = None) -> ServiceRequest:
    events = []
    if status is RequestStatus.COMPLETED:
        events = [RequestEvent(on=done, kind=RequestEventKind.COMPLETED)]
    return ServiceRequest(
        id=f"q{next(_n)}",
        item_id="i",
        community_id="c",
        received_on=D(2017, 12, 1),
        status=status,
        events=events,
        completed_on=done,
    )


#: Datasets with what the summary reads; the collections it ignores are kept small.
banners = datasets(
    hostile=True,
    max_grids=0,
    max_households=1,
    max_residents=2,
    max_volunteers=2,
    max_party_members=0,
    max_visits=0,
    max_partner_units=0,
    max_meetings=0,
    max_staff=8,
    max_dispute_cases=4,
    max_service_requests=5,
    max_teams=3,
)


def community() -> Community:
    return Community(
        id="c",
        name="c社区",
        town="示例镇",
        kind=CommunityKind.ORDINARY,
        households=100,
        residents=300,
    )


class TestStaff:
    """Workers, public-welfare posts, graduates and secretaries recruited openly."""

    def test_workers_and_public_welfare_posts_split_the_staff(self) -> None:
        people = [
            staff(employment=Employment.TWO_COMMITTEES),
            staff(employment=Employment.SECONDED),
            staff(employment=Employment.CONTRACTED),
            staff(employment=Employment.PUBLIC_WELFARE),
            staff(employment=Employment.PUBLIC_WELFARE),
        ]
        s = of(staff=people)
        assert (s.staff_total, s.community_workers, s.public_welfare_posts) == (5, 3, 2)
        assert (s.two_committee_members, s.seconded_staff) == (1, 1)

    def test_graduates_are_counted_whatever_their_post(self) -> None:
        people = [
            staff(is_graduate_placement=True),
            staff(employment=Employment.PUBLIC_WELFARE, is_graduate_placement=True),
            sec(is_graduate_placement=True),
            staff(),
        ]
        assert of(staff=people).graduates_placed == 3

    def test_only_secretaries_count_as_recruited_openly(self) -> None:
        people = [sec(recruited_openly=True), dep(recruited_openly=True), sec()]
        people.append(staff(StaffRole.DIRECTOR, recruited_openly=True))
        assert of(staff=people).secretaries_recruited_openly == 1


class TestSecretaries:
    """The secretaries' and deputies' mean age and share with junior college or more."""

    def test_mean_age_leaves_out_a_secretary_without_a_birth_date(self) -> None:
        people = [sec(D(1987, 6, 1)), dep(D(1977, 6, 1)), sec(None)]  # 30 and 40
        assert of(staff=people).secretary_mean_age == 35

    def test_mean_age_rounds_half_up(self) -> None:
        # 36 and 37: 36.5 gives 37 (round() would give 36, rounding half to even).
        assert of(staff=[sec(D(1981, 1, 1)), dep(D(1980, 1, 1))]).secretary_mean_age == 37
        # 35 and 36: 35.5 gives 36 either way; 36, 36, 37: 36.33 gives 36.
        assert of(staff=[sec(D(1982, 1, 1)), dep(D(1981, 1, 1))]).secretary_mean_age == 36
        three = [sec(D(1981, 1, 1)), dep(D(1981, 2, 1)), dep(D(1980, 1, 1))]
        assert of(staff=three).secretary_mean_age == 36

    def test_ages_are_completed_years_on_as_of(self) -> None:
        # Born 1980-12-31: 37 on 2017-12-31. Born 1981-01-01: 36 (birthday tomorrow).
        assert of(staff=[sec(D(1980, 12, 31))]).secretary_mean_age == 37
        assert of(staff=[sec(D(1981, 1, 1))]).secretary_mean_age == 36
        # A 29 February birthday is reached on 1 March of a common year.
        ds = Dataset(communities=[C], staff=[sec(D(1980, 2, 29))])
        assert summary(ds, as_of=D(2017, 2, 28)).secretary_mean_age == 36
        assert summary(ds, as_of=D(2017, 3, 1)).secretary_mean_age == 37

    def test_only_secretaries_and_deputies_make_the_mean_age(self) -> None:
        people = [sec(D(1987, 6, 1)), staff(StaffRole.DIRECTOR, birth_date=D(1950, 1, 1))]
        assert of(staff=people).secretary_mean_age == 30

    def test_college_share_counts_missing_education_as_not_college(self) -> None:
        people = [sec(education=Education.BACHELOR), dep(education=None), sec()]
        people.append(dep(education=Education.SENIOR_SECONDARY))
        assert of(staff=people).college_share == 0.25

    def test_junior_college_is_the_threshold_of_college_share(self) -> None:
        people = [
            sec(education=Education.JUNIOR_COLLEGE),
            dep(education=Education.SENIOR_SECONDARY),
        ]
        people.append(staff(StaffRole.DIRECTOR, education=Education.MASTER))  # not a secretary
        assert of(staff=people).college_share == 0.5

    def test_no_secretaries_gives_no_age_and_no_share(self) -> None:
        s = of(staff=[staff(birth_date=D(1980, 1, 1), education=Education.BACHELOR)])
        assert s.secretary_mean_age is None
        assert s.college_share is None
        only_undated = of(staff=[sec(None, Education.BACHELOR)])
        assert only_undated.secretary_mean_age is None
        assert only_undated.college_share == 1.0


class TestDisputesRequestsTeams:
    """Disputes resolved, requests completed, mediation committees."""

    def test_a_dispute_is_resolved_on_the_day_of_its_agreement(self) -> None:
        cases = [
            case((D(2017, 12, 1), R), (D(2017, 12, 31), A)),  # agreed on as_of: counted
            case((D(2017, 12, 1), R), (D(2018, 1, 2), A)),  # agreed after as_of: not counted
            case(
                (D(2017, 3, 1), R),
                (D(2017, 3, 9), A),
                (D(2017, 3, 20), DisputeStatus.CLOSED),
                closed=D(2017, 3, 20),
            ),
            case((D(2017, 5, 1), R), (D(2017, 5, 4), M)),  # still mediating
            case(
                (D(2017, 6, 1), R), (D(2017, 6, 9), DisputeStatus.WITHDRAWN), closed=D(2017, 6, 9)
            ),
        ]
        assert of(dispute_cases=cases).disputes_resolved == 2

    def test_a_closed_case_without_an_agreement_is_not_resolved(self) -> None:
        failed = case(
            (D(2017, 1, 5), R),
            (D(2017, 2, 1), DisputeStatus.FAILED),
            (D(2017, 2, 3), DisputeStatus.CLOSED),
            closed=D(2017, 2, 3),
        )
        assert of(dispute_cases=[failed]).disputes_resolved == 0

    def test_requests_completed_by_as_of(self) -> None:
        reqs = [
            request(RequestStatus.COMPLETED, D(2017, 12, 31)),
            request(RequestStatus.COMPLETED, D(2017, 12, 4)),
            request(RequestStatus.COMPLETED, D(2018, 1, 2)),
            request(RequestStatus.IN_PROGRESS),
            request(RequestStatus.CANCELLED),
        ]
        assert of(service_items=[ITEM], service_requests=reqs).requests_completed == 2

    def test_mediation_committees_are_teams_of_kind_mediation(self) -> None:
        teams = [
            VolunteerTeam(id=f"t{k.value}", community_id="c", name="队", kind=k) for k in TeamKind
        ]
        teams.append(VolunteerTeam(id="t2", community_id="c", name="二", kind=TeamKind.MEDIATION))
        s = of(teams=teams)
        assert (s.mediation_committees, s.teams) == (2, len(TeamKind) + 1)

    def test_an_empty_dataset_has_zero_counts_and_no_ratios(self) -> None:
        s = summary(Dataset(), as_of=AS_OF)
        counts = {k: v for k, v in s.to_dict().items() if k not in ("as_of",)}
        assert counts == dict.fromkeys(counts, 0) | {
            "secretary_mean_age": None,
            "college_share": None,
        }


class TestDisplay:
    """What a dashboard shows: rows, a table of title, header, rule and one line per figure."""

    def test_to_dict_is_json_ready_and_names_every_field(self) -> None:
        s = of(staff=[sec(D(1980, 1, 1), Education.BACHELOR)])
        d = s.to_dict()
        assert list(d) == [a.name for a in attrs.fields(BannerSummary)]
        assert json.loads(json.dumps(d))["as_of"] == "2017-12-31"

    def test_table_in_both_languages(self) -> None:
        s = of(staff=[sec(D(1980, 1, 1), Education.BACHELOR), dep(D(1980, 1, 1))])
        zh, en = s.table("zh"), s.table(lang="en")
        assert "调解委员会" in zh
        assert "书记副书记平均年龄" in zh
        assert "mediation committees" in en
        assert "50%" in en  # the share shows as a percentage
        assert str(s) == zh

    def test_summary_table_is_title_header_rule_and_one_line_per_figure(self) -> None:
        s = summary(load_chayouqianqi(), as_of=AS_OF)
        for lang, title, head in (
            ("zh", "社区建设概况", ("指标", "数值")),
            ("en", "Community system at a glance", ("figure", "value")),
        ):
            lines = s.table(lang).splitlines()
            assert lines[0] == title
            assert lines[1].split() == list(head)
            assert set(lines[2]) <= {"-", " "}
            rows = s.rows(lang)
            assert len(lines) == 3 + len(rows)
            labels = [a.metadata[f"label_{lang}"] for a in attrs.fields(BannerSummary)]
            assert [label for label, _ in rows] == labels
            for line, (label, value) in zip(lines[3:], rows, strict=True):
                assert line.startswith(label) and line.endswith(value)
        assert str(s) == s.table("zh")

    def test_summary_rows_show_the_date_in_iso_form_and_the_share_as_a_percentage(self) -> None:
        s = summary(load_chayouqianqi(), as_of=AS_OF)
        rows = dict(s.rows("en"))
        assert rows["as of"] == "2017-12-31"
        assert s.college_share is not None
        assert rows["share with junior college or more"] == f"{round(s.college_share * 100)}%"

    def test_a_banner_summary_shows_a_figure_of_nobody_as_a_dash(self) -> None:
        s = summary(Dataset(communities=(community(),)), as_of=AS_OF)
        assert (s.secretary_mean_age, s.college_share) == (None, None)
        zh = dict(s.rows())
        assert zh["书记副书记平均年龄"] == "-" and zh["大专以上学历占比"] == "-"
        assert zh["统计日期"] == "2017-12-31" and zh["社区数"] == "1"
        en = dict(s.rows("en"))
        assert en["secretaries' and deputies' mean age"] == "-"
        assert en["share with junior college or more"] == "-"
        assert "secretaries' and deputies' mean age" in s.table("en")

    def test_field_labels_are_read_under_the_keys_the_tables_use(self) -> None:
        label = {"label_zh": "社区数", "label_en": "communities"}
        field = attrs.fields_dict(BannerSummary)["communities"]
        assert {k: field.metadata[k] for k in label} == label
        figures = summary(load_chayouqianqi(), as_of=AS_OF)
        assert ("社区数", str(figures.communities)) in figures.rows("zh")
        assert ("communities", str(figures.communities)) in figures.rows("en")


class TestLaws:
    """Laws over generated banners."""

    @given(banners)
    def test_workers_and_public_welfare_posts_add_up_to_the_staff(self, ds: Dataset) -> None:
        s = summary(ds, as_of=AS_OF)
        assert s.community_workers + s.public_welfare_posts == s.staff_total
        assert s.two_committee_members + s.seconded_staff <= s.community_workers
        assert s.mediation_committees <= s.teams

    @given(
        banners,
        st.dates(D(1990, 1, 1), D(2035, 12, 31)),
        st.dates(D(1990, 1, 1), D(2035, 12, 31)),
    )
    def test_counts_of_dated_events_never_fall_as_time_passes(
        self, ds: Dataset, a: dt.date, b: dt.date
    ) -> None:
        early, late = summary(ds, as_of=min(a, b)), summary(ds, as_of=max(a, b))
        assert early.disputes_resolved <= late.disputes_resolved
        assert early.requests_completed <= late.requests_completed
        # Rosters are snapshots: the date does not change them.
        dated = {"as_of", "disputes_resolved", "requests_completed", "secretary_mean_age"}
        for name in attrs.fields_dict(BannerSummary).keys() - dated:
            assert getattr(early, name) == getattr(late, name), name

    @given(banners, st.dates(D(1990, 1, 1), D(2035, 12, 31)))
    def test_mean_age_lies_between_the_youngest_and_oldest(
        self, ds: Dataset, as_of: dt.date
    ) -> None:
        s = summary(ds, as_of=as_of)
        born = [x.birth_date for x in ds.staff if x.is_secretary and x.birth_date is not None]
        born = [b for b in born if b <= as_of]
        if not born:
            assert s.secretary_mean_age is None
            return
        oldest = as_of.year - min(born).year
        youngest = as_of.year - max(born).year - 1
        assert s.secretary_mean_age is not None
        assert youngest <= s.secretary_mean_age <= oldest

    @given(banners)
    def test_college_share_is_a_fraction_of_the_secretaries(self, ds: Dataset) -> None:
        s = summary(ds, as_of=AS_OF)
        n = sum(1 for x in ds.staff if x.is_secretary)
        if n == 0:
            assert s.college_share is None
        else:
            assert s.college_share is not None
            assert 0.0 <= s.college_share <= 1.0
            assert (s.college_share * n) == pytest.approx(round(s.college_share * n))

    @given(banners, st.randoms())
    def test_the_order_of_records_does_not_matter(self, ds: Dataset, rnd: random.Random) -> None:
        shuffled = {name: rnd.sample(records, len(records)) for name, records in ds.collections()}
        assert summary(Dataset(**shuffled), as_of=AS_OF) == summary(ds, as_of=AS_OF)
