"""The enumerations of the entity model: stable English codes, Chinese labels.

Codes are the lower-case member names (``AttentionKind.RELEASED_PRISONER.value ==
"released_prisoner"``) and never change; labels are for display.
"""

from __future__ import annotations

import enum

__all__ = [
    "AttentionKind",
    "BasisKind",
    "CaseEventKind",
    "Channel",
    "CommunityKind",
    "DisputeCategory",
    "DisputeStatus",
    "Education",
    "ElectionKind",
    "Employment",
    "FacilityKind",
    "LabelledEnum",
    "MeetingKind",
    "PartyMemberCategory",
    "Registration",
    "RequestEventKind",
    "RequestStatus",
    "RiskLevel",
    "Satisfaction",
    "Sex",
    "StaffRole",
    "TeamKind",
    "TimeUnit",
    "Urgency",
    "VisitOutcome",
]


class LabelledEnum(enum.Enum):
    """An enum whose values are stable English codes and whose members carry Chinese labels.

    ``Sex.FEMALE.value == "female"`` travels between systems; ``Sex.FEMALE.label_zh``
    (女) is what a table shows.
    """

    _value_: str
    label_zh: str

    def __new__(cls, value: str, label_zh: str) -> LabelledEnum:
        member = object.__new__(cls)
        member._value_ = value
        member.label_zh = label_zh
        return member

    @property
    def label_en(self) -> str:
        """A readable English label derived from the code (``"empty nest elder"``)."""
        return self._value_.replace("_", " ")

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.label_zh if lang == "zh" else self.label_en

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    # Members are singletons compared by identity, so the identity hash is a valid hash,
    # and C-level: Enum's own hashes the name in Python, once for every set or dict
    # lookup of a member (a million in a city's must-visit list).
    __hash__ = object.__hash__


class CommunityKind(LabelledEnum):
    """The kinds of community the seed article names: showcase, old-town, central-town, ordinary."""

    SHOWCASE = "showcase", "精品示范社区"
    OLD_TOWN = "old_town", "老旧城区社区"
    CENTRAL_TOWN = "central_town", "中心镇社区"
    ORDINARY = "ordinary", "普通社区"


class FacilityKind(LabelledEnum):
    """六室两中心: the six rooms and two centres every community should have."""

    COMMITTEE_OFFICE = "committee_office", "居委会办公室"
    PARTY_ACTIVITY_ROOM = "party_activity_room", "党建活动室"
    POLICE_ROOM = "police_room", "警务室"
    ELDERLY_ROOM = "elderly_room", "老年活动室"
    YOUTH_ROOM = "youth_room", "青少年活动室"
    LIBRARY = "library", "图书室"
    FAMILY_PLANNING_STATION = "family_planning_station", "计生服务站"
    HEALTH_STATION = "health_station", "卫生服务站"


class Sex(LabelledEnum):
    """Sex as registered (性别); an identity number encodes it too (:attr:`IdNumber.sex`)."""

    MALE = "male", "男"
    FEMALE = "female", "女"


class Registration(LabelledEnum):
    """Whether a resident's household registration (户籍) is here, or they are floating."""

    LOCAL = "local", "户籍"
    FLOATING = "floating", "流动人口"


class AttentionKind(LabelledEnum):
    """Why a resident needs the community's attention.

    The first five make up the four must-visit groups (四个必访; at-risk youth and
    school drop-outs are one group).
    """

    RELEASED_PRISONER = "released_prisoner", "刑释解教人员"
    DISPUTE_FAMILY = "dispute_family", "纠纷家庭"
    PETITIONER = "petitioner", "信访维稳对象"
    AT_RISK_YOUTH = "at_risk_youth", "不良青年"
    SCHOOL_DROPOUT = "school_dropout", "辍学学生"
    LONELY_ELDER = "lonely_elder", "孤寡老人"
    EMPTY_NEST_ELDER = "empty_nest_elder", "空巢老人"
    HARDSHIP_FAMILY = "hardship_family", "困难家庭"
    COMMUNITY_CORRECTION = "community_correction", "社区矫正对象"
    DISABLED = "disabled", "残疾人"
    # Elders in special difficulty (特殊困难老年人) that the 2022 national guidance on
    # visiting them names and the kinds above do not: 留守, 失能 (and 失智), 重残 and
    # 计划生育特殊家庭. 独居 is LONELY_ELDER's 孤寡 or EMPTY_NEST_ELDER's 空巢 living alone.
    LEFT_BEHIND_ELDER = "left_behind_elder", "留守老年人"
    DISABLED_ELDER = "disabled_elder", "失能失智老年人"
    SEVERELY_DISABLED_ELDER = "severely_disabled_elder", "重度残疾老年人"
    FAMILY_PLANNING_SPECIAL_ELDER = "family_planning_special_elder", "计划生育特殊家庭老年人"

    @property
    def is_elder_in_special_difficulty(self) -> bool:
        """Whether the kind is one of the elders in special difficulty (特殊困难老年人)
        whom the 2022 national guidance has visited every month."""
        return self in _SPECIAL_DIFFICULTY_ELDERS

    @property
    def is_must_visit(self) -> bool:
        """Whether the kind belongs to the four must-visit groups (四个必访)."""
        return self in _MUST_VISIT


_SPECIAL_DIFFICULTY_ELDERS = frozenset(
    {
        AttentionKind.LONELY_ELDER,
        AttentionKind.EMPTY_NEST_ELDER,
        AttentionKind.LEFT_BEHIND_ELDER,
        AttentionKind.DISABLED_ELDER,
        AttentionKind.SEVERELY_DISABLED_ELDER,
        AttentionKind.FAMILY_PLANNING_SPECIAL_ELDER,
    }
)

_MUST_VISIT = frozenset(
    {
        AttentionKind.RELEASED_PRISONER,
        AttentionKind.DISPUTE_FAMILY,
        AttentionKind.PETITIONER,
        AttentionKind.AT_RISK_YOUTH,
        AttentionKind.SCHOOL_DROPOUT,
    }
)


class RiskLevel(LabelledEnum):
    """How closely a resident needs watching; high risk shortens the visit cadence."""

    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"

    @property
    def rank(self) -> int:
        """0, 1, 2 from low to high, for sorting."""
        return _RISK_RANK[self]


_RISK_RANK = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class StaffRole(LabelledEnum):
    """The post a staff member holds; committee membership and secretaries go by role."""

    PARTY_SECRETARY = "party_secretary", "书记"
    DEPUTY_PARTY_SECRETARY = "deputy_party_secretary", "副书记"
    DIRECTOR = "director", "居委会主任"
    DEPUTY_DIRECTOR = "deputy_director", "副主任"
    COMMITTEE_MEMBER = "committee_member", "委员"
    GRID_WORKER = "grid_worker", "网格员"
    CASEWORKER = "caseworker", "社区专干"
    OTHER = "other", "其他"


class Employment(LabelledEnum):
    """How a staff member is employed; decides who counts as a community worker (社区工作者)."""

    TWO_COMMITTEES = "two_committees", "法定两委成员"
    SECONDED = "seconded", "机关事业单位下派"
    PUBLIC_WELFARE = "public_welfare", "公益性岗位"
    CONTRACTED = "contracted", "聘用社区专职"


class Education(LabelledEnum):
    """Highest education completed, ordered; 大专 (junior college) or more counts as college."""

    PRIMARY = "primary", "小学"
    JUNIOR_SECONDARY = "junior_secondary", "初中"
    SENIOR_SECONDARY = "senior_secondary", "高中"
    JUNIOR_COLLEGE = "junior_college", "大专"
    BACHELOR = "bachelor", "本科"
    MASTER = "master", "硕士"
    DOCTORATE = "doctorate", "博士"

    @property
    def rank(self) -> int:
        """0 (primary) to 6 (doctorate): education levels are ordered."""
        return _EDUCATION_ORDER.index(self)

    @property
    def is_college(self) -> bool:
        """Junior college (大专) or higher."""
        return self.rank >= _EDUCATION_ORDER.index(Education.JUNIOR_COLLEGE)


_EDUCATION_ORDER = tuple(Education)


class TeamKind(LabelledEnum):
    """What a volunteer team does; ``MEDIATION`` teams are the people's mediation committees."""

    VOLUNTEER = "volunteer", "志愿者队伍"
    CULTURE_SPORTS = "culture_sports", "文体团队"
    SAFETY_PATROL = "safety_patrol", "群防群治"
    MEDIATION = "mediation", "调解委员会"
    OTHER = "other", "其他"


class PartyMemberCategory(LabelledEnum):
    """The four classes of party member of the seed's red harbour (红色港湾)."""

    RESIDENT = "resident", "纯居民党员"
    RETIRED = "retired", "离退休党员"
    FLOATING = "floating", "流动党员"
    EMPLOYED = "employed", "在职党员"


class DisputeCategory(LabelledEnum):
    """What a dispute is about (矛盾纠纷类别), as mediation registers group them."""

    NEIGHBOUR = "neighbour", "邻里纠纷"
    FAMILY = "family", "婚姻家庭纠纷"
    PROPERTY_MANAGEMENT = "property_management", "物业纠纷"
    LABOUR = "labour", "劳动争议"
    LAND_HOUSING = "land_housing", "土地房屋纠纷"
    DEBT = "debt", "债务纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    OTHER = "other", "其他纠纷"


class DisputeStatus(LabelledEnum):
    """Where a dispute case stands in mediation (人民调解), from 受理 to 结案."""

    RECEIVED = "received", "受理"
    MEDIATING = "mediating", "调解中"
    AGREEMENT_REACHED = "agreement_reached", "达成协议"
    FAILED = "failed", "调解不成"
    REFERRED = "referred", "转交"
    WITHDRAWN = "withdrawn", "撤回"
    CLOSED = "closed", "结案"

    @property
    def is_open(self) -> bool:
        """Still being worked on: received or in mediation."""
        return self in OPEN_DISPUTE_STATUSES


#: The statuses of a case still being worked on (:attr:`DisputeStatus.is_open`), held
#: here for the checks every case runs: on Python 3.11 reading a member from its class
#: goes through ``EnumType.__getattr__``, 0.1-0.2 µs a read (3.12 dropped it).
OPEN_DISPUTE_STATUSES = (DisputeStatus.RECEIVED, DisputeStatus.MEDIATING)


class CaseEventKind(LabelledEnum):
    """What a step of a dispute case was, beyond a change of status (人民调解法).

    A :class:`CaseEvent` without a kind is a plain change of status.
    """

    # 第33条: the parties may jointly apply to a court for judicial confirmation
    # (司法确认) within 30 days of the agreement taking effect; the court confirms it.
    CONFIRMATION_APPLIED = "confirmation_applied", "申请司法确认"
    CONFIRMED = "confirmed", "司法确认"
    # 第31条: the committee follows up on how the agreement is carried out (回访).
    FOLLOWED_UP = "followed_up", "回访"


class BasisKind(LabelledEnum):
    """The force of the text a number comes from (效力层级), strongest first.

    Law, regulations, rules and the party's own regulations bind; a normative document
    binds those it is addressed to. A plan's target (规划目标) and one place's practice
    (地方做法) bind nobody: a finding resting on them is at most advisory
    (:attr:`binding`).
    """

    STATUTE = "statute", "法律"
    ADMINISTRATIVE_REGULATION = "administrative_regulation", "行政法规"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    DEPARTMENTAL_RULE = "departmental_rule", "部门规章"
    PARTY_REGULATION = "party_regulation", "党内法规"
    NORMATIVE_DOCUMENT = "normative_document", "规范性文件"
    PLAN_TARGET = "plan_target", "规划目标"
    LOCAL_PRACTICE = "local_practice", "地方做法"

    @property
    def binding(self) -> bool:
        """Whether missing the number can be a violation: every kind but a plan's target
        and local practice."""
        return self not in _NOT_BINDING


_NOT_BINDING = frozenset({BasisKind.PLAN_TARGET, BasisKind.LOCAL_PRACTICE})


class TimeUnit(LabelledEnum):
    """How a time limit is counted: working days (工作日), natural days (自然日), or
    natural hours (小时, a hotline's 2-hour response), counted from the timestamp."""

    WORKING_DAYS = "working_days", "工作日"
    NATURAL_DAYS = "natural_days", "自然日"
    HOURS = "hours", "小时"


class Channel(LabelledEnum):
    """Where a resident can apply for a service item (办理渠道)."""

    HALL = "hall", "便民服务大厅"
    PROXY_POINT = "proxy_point", "代办点"
    HOTLINE = "hotline", "热线"
    ONLINE = "online", "网上办理"
    HOME_VISIT = "home_visit", "上门服务"


class RequestStatus(LabelledEnum):
    """Where a service request (服务工单) stands; ``COMPLETED`` is 办结."""

    RECEIVED = "received", "已受理"
    IN_PROGRESS = "in_progress", "办理中"
    SUSPENDED = "suspended", "中止"
    COMPLETED = "completed", "办结"
    CANCELLED = "cancelled", "已撤销"
    # A 12345 order sent to a unit (派单) and sent back by it (退单): shequ_core.workflow.
    ASSIGNED = "assigned", "已派单"
    RETURNED = "returned", "已退单"


class RequestEventKind(LabelledEnum):
    """What happened to a service request on a day; suspensions and extensions move its deadline."""

    STARTED = "started", "开始办理"
    SUSPENDED = "suspended", "中止"
    RESUMED = "resumed", "恢复"
    EXTENDED = "extended", "延期"
    COMPLETED = "completed", "办结"
    CANCELLED = "cancelled", "撤销"
    # A 12345 work order's steps (接诉即办): dispatch to a unit (派单), the unit sends it
    # back (退单) and it goes to another (改派), the first reply to the caller (响应),
    # an order to hurry (督办), the return call asking whether the caller is satisfied
    # (回访), and a case handled again after an unsatisfied return call (重办).
    ASSIGNED = "assigned", "派单"
    RETURNED = "returned", "退单"
    REASSIGNED = "reassigned", "改派"
    RESPONDED = "responded", "响应"
    SUPERVISED = "supervised", "督办"
    REVISITED = "revisited", "回访"
    REOPENED = "reopened", "重办"


class Urgency(LabelledEnum):
    """How urgent a hotline work order is (紧急程度), which sets its response limit."""

    URGENT = "urgent", "紧急"
    NORMAL = "normal", "一般"
    CONSULTATION = "consultation", "咨询"


class Satisfaction(LabelledEnum):
    """What the caller said on the return call (回访满意度), the three grades of 12345 rating."""

    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class VisitOutcome(LabelledEnum):
    """What came of a visit; only ``MET`` resets the must-visit clock."""

    MET = "met", "见面"
    NOT_HOME = "not_home", "未遇"
    REFUSED = "refused", "拒访"


class MeetingKind(LabelledEnum):
    """The meeting forms of the seed's self-government structure (启示五)."""

    RESIDENTS_MEETING = "residents_meeting", "居民会议"
    REPRESENTATIVES_MEETING = "representatives_meeting", "居民代表会议"
    CONSULTATION = "consultation", "协商议事会"
    OPEN_TALK = "open_talk", "民情恳谈会"
    COORDINATION = "coordination", "事务协调会"
    HEARING = "hearing", "工作听证会"
    APPRAISAL = "appraisal", "民主评议会"


class ElectionKind(LabelledEnum):
    """How a residents' committee is elected (2018 第八条; 2025 第十四条): by every
    registered voter, by one representative of each household, or by the residents'
    representatives (before 2026: by two or three delegates of each 居民小组)."""

    DIRECT = "direct", "直接选举"
    HOUSEHOLD_REPRESENTATIVES = "household_representatives", "户代表选举"
    RESIDENTS_REPRESENTATIVES = "residents_representatives", "居民代表选举"
