"""The Dataset: every reference of model.md checked and every broken one reported at
once; and its index of watched residents' visits (``Dataset.watched_visits``), built once
and rebuilt whenever the dataset is.
"""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given

from shequ_core import (
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Employment,
    Grid,
    Household,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    RequestStatus,
    Resident,
    ServiceItem,
    ServiceRequest,
    Staff,
    StaffRole,
    TeamKind,
    TimeLimit,
    TimeUnit,
    ValidationError,
    Visit,
    VisitOutcome,
    Volunteer,
    VolunteerTeam,
    id_number_check_char,
)
from shequ_core.entities import COLLECTIONS, Attention, AttentionKind
from shequ_core.strategies import datasets

D = dt.date


def small() -> Dataset:
    return Dataset(
        communities=(
            Community(id="c1", name="东风社区", town="玫瑰营镇", kind=CommunityKind.CENTRAL_TOWN,
                      households=900, residents=2600),
        ),
        staff=(
            Staff(id="s1", community_id="c1", name="网格员甲", role=StaffRole.GRID_WORKER,
                  employment=Employment.CONTRACTED),
        ),
        grids=(Grid(id="g1", community_id="c1", name="第一网格", households=300, worker_id="s1"),),
        households=(Household(id="h1", community_id="c1", grid_id="g1", address="东风小区1号楼"),),
        residents=(Resident(id="r1", community_id="c1", household_id="h1", name="居民甲"),),
        teams=(VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION),),
        volunteers=(
            Volunteer(id="v1", community_id="c1", name="志愿者甲", registered_on=D(2016, 5, 1),
                      team_id="t1"),
        ),
        service_items=(
            ServiceItem(id="i1", name="开具居住证明",
                        time_limit=TimeLimit(amount=3, unit=TimeUnit.WORKING_DAYS)),
        ),
    )  # fmt: skip


def _watched(ds: Dataset) -> set[str]:
    watched = {r.id for r in ds.residents if r.attentions}
    return watched | {p.resident_id for c in ds.dispute_cases for p in c.parties if p.resident_id}


def _plain(ds: Dataset) -> dict[str, tuple[object, ...]]:
    watched = _watched(ds)
    out: dict[str, list[object]] = {}
    for v in ds.visits:
        if v.resident_id in watched:
            out.setdefault(v.resident_id, []).append(v)
    # By date; Python's sort is stable, so dataset order within a day.
    return {k: tuple(sorted(v, key=lambda x: x.visited_on)) for k, v in out.items()}


class TestReferences:
    """Every reference is checked and every broken one reported, with its path."""

    def test_a_consistent_dataset_builds_and_counts(self) -> None:
        ds = small()
        assert len(ds) == 8
        assert ds.counts()["residents"] == 1
        assert [name for name, _ in ds.collections()] == list(COLLECTIONS)
        assert repr(ds).startswith("Dataset(communities=1")

    def test_every_broken_reference_is_reported_with_path_and_id(self) -> None:
        ds = small()
        with pytest.raises(ValidationError) as info:
            ds.replace(
                grids=(Grid(id="g1", community_id="c9", name="x", households=1, worker_id="s9"),),
                residents=(Resident(id="r1", community_id="c1", household_id="h9", name="甲"),),
                party_members=(
                    PartyMember(id="p1", community_id="c1", name="党员甲",
                                category=PartyMemberCategory.RETIRED, resident_id="r9"),
                ),
                dispute_cases=(
                    DisputeCase(id="d1", community_id="c1", category=DisputeCategory.DEBT,
                                parties=(Party(name="甲", resident_id="r1"),
                                         Party(name="乙", resident_id="r8")),
                                received_on=D(2017, 3, 1), status=DisputeStatus.RECEIVED,
                                mediator_ids=("v1", "x1")),
                ),
                service_requests=(
                    ServiceRequest(id="q1", item_id="i9", community_id="c1",
                                   received_on=D(2017, 3, 1), status=RequestStatus.RECEIVED,
                                   resident_id="r7", first_responder_id="v1"),
                ),
                visits=(
                    Visit(id="w1", resident_id="r6", visitor_id="s5", visited_on=D(2017, 3, 1),
                          outcome=VisitOutcome.NOT_HOME),
                ),
                partner_units=(PartnerUnit(id="u1", name="旗医院", community_ids={"c1", "c4"}),),
                volunteers=(
                    Volunteer(id="v1", community_id="c1", name="志愿者甲",
                              registered_on=D(2016, 5, 1), team_id="t5"),
                ),
            )  # fmt: skip
        found = {(p.path, p.message.split("'")[1]) for p in info.value.problems}
        assert found == {
            ("grids[0].community_id", "c9"),
            ("grids[0].worker_id", "s9"),
            ("residents[0].household_id", "h9"),
            ("volunteers[0].team_id", "t5"),
            ("party_members[0].resident_id", "r9"),
            ("dispute_cases[0].parties[1].resident_id", "r8"),
            ("dispute_cases[0].mediator_ids[1]", "x1"),
            ("service_requests[0].item_id", "i9"),
            ("service_requests[0].resident_id", "r7"),
            ("service_requests[0].first_responder_id", "v1"),
            ("visits[0].resident_id", "r6"),
            ("visits[0].visitor_id", "s5"),
            ("partner_units[0].community_ids", "c4"),
        }

    def test_staff_team_ids_must_be_teams(self) -> None:
        """A staff member can sit on a team (a mediation committee, say), and the team
        must exist, like a volunteer's ``team_id``."""
        ds = small()
        member = attrs.evolve(ds.staff[0], team_ids={"t1"})
        assert ds.replace(staff=(member,)).staff[0].team_ids == {"t1"}
        with pytest.raises(ValidationError) as info:
            ds.replace(staff=(attrs.evolve(ds.staff[0], team_ids={"t1", "t7", "t8"}),))
        found = [(p.path, p.code, p.message.split("'")[1]) for p in info.value.problems]
        assert found == [
            ("staff[0].team_ids", "dangling_reference", "t7"),
            ("staff[0].team_ids", "dangling_reference", "t8"),
        ]

    def test_duplicate_ids_within_a_collection(self) -> None:
        ds = small()
        r = ds.residents[0]
        with pytest.raises(ValidationError) as info:
            ds.replace(residents=(r, r, r))
        assert [p.path for p in info.value.problems] == ["residents[1].id", "residents[2].id"]

    def test_the_same_id_in_different_collections_is_fine(self) -> None:
        ds = small()
        other = VolunteerTeam(id="c1", community_id="c1", name="x", kind=TeamKind.OTHER)
        assert len(ds.replace(teams=(*ds.teams, other)).teams) == 2

    def test_collections_must_hold_their_class(self) -> None:
        with pytest.raises(ValidationError) as info:
            Dataset(residents=(small().communities[0],))
        assert [p.path for p in info.value.problems] == ["residents"]


class TestWatchedVisits:
    """``Dataset.watched_visits``: the visits of every resident a visiting rule can look at."""

    @given(datasets(hostile=True))
    def test_index_is_the_visits_of_watched_residents_by_date(self, ds: Dataset) -> None:
        assert dict(ds.watched_visits) == _plain(ds)
        watched = _watched(ds)
        assert ds.watched_residents == tuple(r for r in ds.residents if r.id in watched)
        homes = {r.household_id for r in ds.watched_residents}
        assert dict(ds.watched_households) == {h.id: h for h in ds.households if h.id in homes}

    @given(datasets(hostile=True))
    def test_unpickled_dataset_rebuilds_the_same_index(self, ds: Dataset) -> None:
        again = pickle.loads(pickle.dumps(ds))
        assert again == ds
        assert dict(again.watched_visits) == dict(ds.watched_visits)
        assert again.watched_residents == ds.watched_residents
        assert dict(again.watched_households) == dict(ds.watched_households)

    @given(datasets(hostile=True, min_visits=1))
    def test_replace_rebuilds_the_index(self, ds: Dataset) -> None:
        # Dropping every attention and case leaves no one watched; giving the first resident
        # who was visited an attention watches exactly them.
        bare = ds.replace(
            residents=tuple(attrs.evolve(r, attentions=()) for r in ds.residents), dispute_cases=()
        )
        assert dict(bare.watched_visits) == {}
        assert bare.watched_residents == () and dict(bare.watched_households) == {}
        rid = ds.visits[0].resident_id
        since = min(v.visited_on for v in ds.visits)
        tagged = bare.replace(
            residents=tuple(
                attrs.evolve(
                    r, attentions=(Attention(kind=AttentionKind.LONELY_ELDER, since=since),)
                )
                if r.id == rid
                else r
                for r in bare.residents
            )
        )
        assert list(tagged.watched_visits) == [rid]
        assert [r.id for r in tagged.watched_residents] == [rid]
        assert set(tagged.watched_visits[rid]) == {v for v in ds.visits if v.resident_id == rid}

    def test_index_is_read_only(self) -> None:
        ds = Dataset()
        with pytest.raises(TypeError):
            ds.watched_visits["x"] = ()  # type: ignore[index]


class TestSamePersonTwice:
    """Two residents with one identity number are one person entered twice."""

    def test_a_second_resident_with_the_same_identity_number_is_a_problem(self) -> None:
        ds = small()
        first17 = "11010519491231002"
        number = first17 + id_number_check_char(first17)
        a = attrs.evolve(ds.residents[0], id="r-a", id_number=number, birth_date=None, sex=None)
        b = attrs.evolve(a, id="r-b", name="另一个")
        with pytest.raises(ValidationError) as info:
            ds.replace(residents=(*ds.residents, a, b))
        (problem,) = info.value.problems
        n = len(ds.residents)
        assert (problem.loc, problem.code) == (
            ("residents", n + 1, "id_number"),
            "duplicate_id_number",
        )
        assert "'r-b'" in problem.message and "'r-a'" in problem.message
        assert number not in problem.message and "1101**********" in problem.message

    def test_different_numbers_and_missing_numbers_are_fine(self) -> None:
        ds = small()
        plain = attrs.evolve(ds.residents[0], id_number=None)
        more = (attrs.evolve(plain, id="r-x"), attrs.evolve(plain, id="r-y"))
        assert len(ds.replace(residents=(*ds.residents, *more)).residents) == len(ds.residents) + 2
