"""The banner's figures and the 三有四化 / 六园一港 scorecard, from a Dataset.

References:
    * The seed article, 王清《建设管理有序文明和谐的新型社区——察右前旗加强社区建设的实践
      与思考》(乌兰察布文明网, 2018-01-11), reports a banner's community system in the
      figures :class:`BannerSummary` carries: communities, the 136 people working in
      them (81 community workers = 21 statutory two-committee members + 60 seconded
      from agencies; 55 public-welfare posts), 16 graduates placed, 8 secretaries
      recruited openly, the secretaries' and deputies' mean age (37) and share with
      junior college or more (85 %), 8 mediation committees, 67 disputes resolved and
      383 service items completed (see docs/explanation/domain.md).
    * Who counts as what follows the entity model
      (:attr:`~shequ_core.entities.Staff.is_community_worker`): a
      community worker (社区工作者) is a staff member employed as a two-committee
      member, seconded or contracted; public-welfare posts are staff but not workers;
      the party secretaries and deputies are the roles 书记 and 副书记.

Definitions (where the article gives a figure but no rule):
    * A dispute is resolved on the date of its first 达成协议 (``AGREEMENT_REACHED``)
      event; ``disputes_resolved`` counts those on or before ``as_of``.
    * ``requests_completed`` counts ``COMPLETED`` requests with ``completed_on`` on or
      before ``as_of``.
    * Ages are in completed years on ``as_of`` (a 29 February birthday falls on 1 March
      in other years); the mean is taken over the secretaries and deputies whose birth
      date is recorded (and not after ``as_of``) and rounded half up: 36.5 gives 37.
    * ``college_share`` is over all secretaries and deputies; one without a recorded
      education counts as not college-educated, so a missing record never raises it.

Limitations:
    * Rosters (communities, staff, volunteers, teams) are counted as recorded: a
      dataset is a snapshot and these records carry no end date. Only dated facts (an
      age, a resolution, a completion) depend on ``as_of``.
    * The article's "8 mediation committees" are teams of kind ``MEDIATION``; a
      committee kept as some other record is not counted.

The scorecard (:func:`scorecard`, which is :func:`community_scores` then
:func:`assemble_scorecard`):
    * The seed article names the management model 三有四化 (有人管事, 有钱办事,
      有场所议事; 区域化党建, 网格化管理, 精细化服务, 信息化支撑) and the service goals
      六园一港 (阳光, 爱心, 康乐, 学习, 温馨家园, 平安家园, 红色港湾) but gives them no
      scoring method. Each :class:`Dimension` is scored here from 0 to 100 by a
      formula of this library, written in its docstring and in each score's
      ``explanation``: either ``100 - 25 per violation - 10 per advisory - 5 per figure
      the data cannot give`` over the findings of the rules it rests on (staffing,
      funding, facilities, governance, party), or 100 x the mean of some shares
      (visit coverage, grids with a worker, requests met on time ...) less the same
      points for what the shares do not already count. Floored at 0, rounded half up
      to whole points. The points and the two local targets (partner units per
      community, households per culture team) are in :class:`ScoringPolicy`.
    * Periods: visits, disputes, completions, complaints and fees count from 1 January
      of ``as_of``'s year through ``as_of``; the backlog and who is overdue are taken
      on ``as_of``. Records dated after ``as_of`` are not known yet.
    * The seven zeros (七零) are the service hall's pledge; :class:`SevenZeros` counts
      the four the data can show: 零积压 (open requests past their deadline), 零投诉
      (requests with a complaint), 零收费 (fees of completed requests) and late
      completions (零失信), with the share completed on time, as
      :func:`shequ_core.rules.sla.backlog` counts them.

Scorecard limitations:
    * 信息化支撑 and 学习家园 are always None: the entity model records no
      remote-education stations, showings, lectures or campaigns, and a score made up
      from other records would say what the data does not. Each says so in a finding.
    * A dimension whose standards the policy does not set (有钱办事 and 有场所议事 under
      the national profile, which has no local funds or hall standard) is None rather
      than a vacuous 100.
    * A request whose deadline needs a year the calendar does not cover is left out of
      the seven zeros and the 阳光家园 score, and counted in ``SevenZeros.unjudged``.
    * The banner's score of a dimension is the mean of its communities' scores (those
      that have one): each community weighs the same, whatever its size.
"""

from shequ_core.policy import DEFAULT_SCORING, ScoringPolicy
from shequ_core.rules.assessment._assembly import (
    assemble_scorecard,
    community_scores,
    scorecard,
)
from shequ_core.rules.assessment._results import (
    CommunityScore,
    Dimension,
    DimensionScore,
    Scorecard,
    SevenZeros,
)
from shequ_core.rules.assessment._summary import BannerSummary, summary

__all__ = [
    "DEFAULT_SCORING",
    "BannerSummary",
    "CommunityScore",
    "Dimension",
    "DimensionScore",
    "Scorecard",
    "ScoringPolicy",
    "SevenZeros",
    "assemble_scorecard",
    "community_scores",
    "scorecard",
    "summary",
]
