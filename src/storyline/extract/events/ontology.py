"""The event types: which verbs and nouns announce which kind of event.

Type names are plain English; ``plover`` names the PLOVER category where one fits (PLOVER, the
successor of CAMEO, codes political events: AGREE, CONSULT, SUPPORT, COOPERATE, AID, RETREAT,
REQUEST/DEMAND, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT).

A verb either always announces its type ("ratify") or only with a fitting object ("send troops" is a
deployment, "send a bill" a submission, "fire missiles" a launch); ``VERB_RULES`` lists the object
classes such verbs need. Nouns ("the signing", "talks", "a visit") are events only where the parse
shows one happened or is planned (see ``triggers``).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import EventPhase


@dataclass(frozen=True)
class EventType:
    name: str
    plover: str | None
    label: str  # how a timeline names the kind of event
    once: bool = False  # happens once for the same actors and object (a treaty is signed once)
    joint: bool = False  # done together by several parties ("X and Y signed"): one party named is enough


TYPES: dict[str, EventType] = {
    t.name: t
    for t in [
        EventType("sign", "AGREE", "signing", once=True, joint=True),
        EventType("agree", "AGREE", "agreement", joint=True),
        EventType("ratify", "AGREE", "ratification", once=True),
        EventType("approve", "SUPPORT", "approval"),
        EventType("recommend", "SUPPORT", "recommendation"),
        EventType("support", "SUPPORT", "support"),
        EventType("submit", None, "submission", once=True),
        EventType("take_effect", None, "entry into force", once=True),
        EventType("exchange", "COOPERATE", "exchange", joint=True),
        EventType("cooperate", "COOPERATE", "cooperation", joint=True),
        EventType("visit", "CONSULT", "visit"),
        EventType("meet", "CONSULT", "meeting", joint=True),
        EventType("discuss", "CONSULT", "discussion", joint=True),
        EventType("negotiate", "CONSULT", "negotiation", joint=True),
        EventType("invite", "CONSULT", "invitation"),
        EventType("statement", None, "statement"),
        EventType("announce", None, "announcement"),
        EventType("accuse", "ACCUSE", "accusation"),
        EventType("deny", "REJECT", "denial"),
        EventType("demand", "DEMAND", "demand"),
        EventType("threaten", "THREATEN", "threat"),
        EventType("aid", "AID", "aid"),
        EventType("deploy", "MOBILIZE", "deployment"),
        EventType("launch", "MOBILIZE", "launch"),
        EventType("attack", "ASSAULT", "attack"),
        EventType("destroy", "ASSAULT", "destruction"),
        EventType("protest", "PROTEST", "protest"),
        EventType("arrest", "COERCE", "arrest"),
        EventType("sanction", "SANCTION", "sanction"),
        EventType("withdraw", "RETREAT", "withdrawal"),
        EventType("resign", None, "resignation", once=True),
        EventType("elect", None, "election"),
        EventType("vote", None, "vote"),
        EventType("resume", None, "resumption"),
    ]
}

# Types a reader would call the same happening when the rest agrees ("approved the ratification
# bill" / "ratified the agreement" / "the vote"; "announced" / "said").
FAMILIES: dict[str, str] = {
    "ratify": "ratify",
    "approve": "ratify",
    "vote": "ratify",
    "statement": "statement",
    "announce": "statement",
    "meet": "meet",
    "discuss": "meet",
    "negotiate": "meet",
    "attack": "attack",
    "destroy": "attack",
}


# A chamber that "takes up", "debates" or "discusses" a bill is at the step that ends in its vote.
LEGISLATIVE_STEPS = frozenset({"discuss"})
LEGISLATION = frozenset("bill law legislation ratification amendment motion resolution budget measure".split())


def family(type_name: str, obj: str | None = None) -> str:
    """The family a mention merges in; ``obj`` (the lemma of what it acts on) moves a debate of a
    law into the family of its vote."""
    if obj is not None and type_name in LEGISLATIVE_STEPS and obj in LEGISLATION:
        return "ratify"
    return FAMILIES.get(type_name, type_name)


def kind(type_name: str) -> EventType:
    """The type's description; a type this version does not know (from an older store) gets a plain one."""
    return TYPES.get(type_name) or EventType(type_name, None, type_name.replace("_", " "))


# ---- object classes (lemmas of the head noun of an object or subject) ----------------------------

MILITARY = frozenset(
    """troop soldier force unit battalion brigade division regiment army personnel warship fighter jet tank
    aircraft mercenary contingent reinforcement marine sailor navy fleet bomber destroyer submarine""".split()
)
WEAPONS = frozenset(
    """missile rocket projectile drone satellite weapon bomb torpedo warhead icbm srbm irbm munition shell
    artillery launcher""".split()
)
DEALS = frozenset(
    """deal agreement accord pact treaty compromise settlement truce ceasefire cease-fire armistice
    understanding consensus contract arrangement memorandum""".split()
)
LAWS = frozenset(
    """law bill resolution budget measure legislation amendment motion act decree treaty agreement accord
    pact deal ratification convention protocol package reform""".split()
)
DOCUMENTS = LAWS | frozenset(
    """proposal draft document application request bid petition instrument plan complaint lawsuit report
    nomination candidacy resignation""".split()
)
REPORTS = frozenset(
    """report statement text data figure finding study analysis document detail footage video image
    assessment survey poll list transcript result estimate""".split()
)
AID = frozenset(
    """aid assistance support weapon arm ammunition munition help supply equipment loan funding fund money
    relief""".split()
)
SANCTIONS = frozenset("sanction tariff ban embargo restriction penalty duty levy curb".split())
ELECTIONS = frozenset("election vote seat race ballot presidency majority nomination primary runoff referendum".split())
DISPUTES = frozenset("issue dispute question difference disagreement matter row conflict case".split())
PRISONERS = frozenset("prisoner hostage detainee captive instrument document".split())

# ---- verbs -----------------------------------------------------------------------------------------

# Verbs that announce their type whatever their object.
VERBS: dict[str, str] = {}
for _type, _lemmas in {
    "sign": "sign ink countersign",
    "agree": "agree",
    "ratify": "ratify",
    "approve": "approve",
    "recommend": "recommend",
    "support": "endorse praise welcome",
    "submit": "submit",
    "cooperate": "cooperate collaborate",
    "visit": "visit travel",
    "meet": "meet",
    "discuss": "discuss debate",
    "negotiate": "negotiate mediate",
    "invite": "invite",
    "statement": "say state tell stress emphasize emphasise note explain argue insist declare reply respond "
    "comment assert reiterate affirm remark add",
    "announce": "announce unveil disclose reveal",
    "accuse": "accuse criticize criticise condemn denounce blame slam rebuke",
    "deny": "deny reject refute rebuff dispute veto",
    "demand": "demand urge",
    "threaten": "threaten",
    "deploy": "deploy dispatch station mobilize mobilise",
    "attack": "attack bomb shell invade raid bombard shoot kill infiltrate assault storm",
    "destroy": "destroy demolish",
    "protest": "protest rally boycott",
    "arrest": "arrest detain jail imprison indict convict",
    "sanction": "sanction embargo expel",
    "withdraw": "withdraw retreat",
    "resign": "resign",
    "elect": "elect re-elect reelect appoint nominate inaugurate",
    "vote": "vote",
    "resume": "resume reopen",
}.items():
    for _lemma in _lemmas.split():
        VERBS[_lemma] = _type

# Verbs that announce a type only with an object (or subject, for intransitives) of a class.
# lemma → [(type, object class)]; the first class that fits wins.
VERB_RULES: dict[str, list[tuple[str, frozenset[str]]]] = {
    "send": [("deploy", MILITARY), ("submit", DOCUMENTS)],
    "move": [("deploy", MILITARY)],
    "transfer": [("deploy", MILITARY), ("aid", AID)],
    "launch": [("launch", WEAPONS)],
    "fire": [("launch", WEAPONS)],
    "test": [("launch", WEAPONS)],
    "reach": [("agree", DEALS)],
    "strike": [("agree", DEALS)],
    "conclude": [("sign", DEALS)],
    "settle": [("agree", DISPUTES | DEALS)],
    "resolve": [("agree", DISPUTES)],
    "pass": [("approve", LAWS)],
    "adopt": [("approve", LAWS)],
    "back": [("approve", LAWS)],
    "present": [("submit", DOCUMENTS)],
    "introduce": [("submit", DOCUMENTS)],
    "table": [("submit", DOCUMENTS)],
    "file": [("submit", DOCUMENTS)],
    "release": [("announce", REPORTS), ("exchange", PRISONERS)],
    "publish": [("announce", REPORTS)],
    "issue": [("announce", REPORTS)],
    "win": [("elect", ELECTIONS)],
    "provide": [("aid", AID)],
    "supply": [("aid", AID)],
    "give": [("aid", AID)],
    "deliver": [("aid", AID)],
    "impose": [("sanction", SANCTIONS)],
    "exchange": [("exchange", PRISONERS | DOCUMENTS)],
}

# Objects that make a verb mean something else: "meet demand", "meet the deadline", "strike a balance".
NOT_WITH: dict[str, frozenset[str]] = {
    "meet": frozenset(
        """demand need requirement standard target goal deadline expectation criterion obligation condition cost
        payment challenge test quota threshold end fate criteria""".split()
    ),
    "strike": frozenset({"balance", "tone", "chord", "note", "pose"}),
    "vote": frozenset({"share", "stock", "stake"}),
}

# Verb + particle or preposition: (lemma, particle) → type.
PHRASAL: dict[tuple[str, str], str] = {
    ("blow", "up"): "destroy",
    ("step", "down"): "resign",
    ("walk", "out"): "protest",
    ("pull", "out"): "withdraw",
    ("call", "for"): "demand",
    ("call", "on"): "demand",
    ("ask", "for"): "demand",
    ("take", "up"): "discuss",
    ("swear", "in"): "elect",
    ("return", "to"): "resume",  # "returned to work": checked against the object below
    ("go", "on"): "protest",  # "went on strike": checked against the object below
}
PHRASAL_OBJECTS: dict[tuple[str, str], frozenset[str]] = {
    ("return", "to"): frozenset({"work", "job", "table", "talk", "negotiation"}),
    ("go", "on"): frozenset({"strike"}),
}
# "take effect", "enter into force", "come into force".
TAKE_EFFECT_OBJECTS = frozenset({"effect", "force"})

# ---- nouns -----------------------------------------------------------------------------------------

NOUNS: dict[str, str] = {}
for _type, _lemmas in {
    "sign": "signing",
    "agree": "compromise breakthrough",
    "ratify": "ratification",
    "approve": "approval passage",
    "recommend": "recommendation",
    "submit": "submission",
    "visit": "visit trip",
    "meet": "meeting summit talk dialogue consultation hearing conference",
    "discuss": "discussion debate deliberation",
    "negotiate": "negotiation",
    "statement": "statement speech interview briefing remark",
    "announce": "announcement disclosure",
    "accuse": "accusation criticism condemnation allegation",
    "deny": "denial rejection veto",
    "demand": "demand appeal",
    "threaten": "threat ultimatum",
    "deploy": "deployment dispatch mobilization mobilisation",
    "launch": "launch",
    "attack": "attack bombing shelling invasion raid assault incursion infiltration offensive airstrike",
    "destroy": "destruction demolition",
    "protest": "protest demonstration rally strike walkout stoppage boycott",
    "arrest": "arrest detention indictment",
    "sanction": "embargo expulsion",
    "withdraw": "withdrawal pullout",
    "resign": "resignation",
    "elect": "election appointment nomination inauguration",
    "vote": "vote referendum ballot",
    "resume": "resumption",
    "exchange": "exchange",
    "invite": "invitation",
}.items():
    for _lemma in _lemmas.split():
        NOUNS[_lemma] = _type

# Nouns that are events only in the plural ("talks", not "talk of war"; "consultations").
PLURAL_ONLY = frozenset({"talk"})
# An "attack" with these is an illness: "a heart attack".
ILLNESS_MODIFIERS = frozenset({"heart", "panic", "asthma", "anxiety"})
# A "strike" led by these is an attack, not a walkout.
ATTACK_MODIFIERS = frozenset(
    "air drone missile military rocket artillery retaliatory preemptive pre-emptive precision nuclear".split()
)
# "a missile test", "the launch": these nouns are events only with a weapon beside them.
WEAPON_NOUN_EVENTS = frozenset({"test"})

# Verbs that carry an event noun as their object or subject: "held talks", "paid a visit", "the
# summit took place", "launched an attack", "received ratification". The value is the phase the
# verb marks, if any.
LIGHT_VERBS: dict[str, EventPhase | None] = {
    **dict.fromkeys(
        """hold conduct stage make pay carry have host attend join mount issue deliver give receive undergo
        win get gain face seek plan schedule organize organise take""".split()
    ),
    **dict.fromkeys("begin start launch open kick initiate".split(), "begin"),
    **dict.fromkeys("end conclude finish complete wrap halt stop suspend".split(), "end"),
    **dict.fromkeys("extend continue prolong".split(), "extend"),
}
# Light verbs that put the event ahead: "sought approval", "plans a visit", "faces a vote".
PROSPECTIVE_LIGHT = frozenset({"seek", "plan", "schedule", "face", "organize", "organise"})
# Nouns whose infinitive tells a plan ("the decision to withdraw", "a deal to buy"): what it names is
# expected; any other noun's infinitive ("the right to vote", "a reason to attack") tells no event.
PLAN_NOUNS = frozenset(
    """plan decision agreement deal promise pledge commitment intention proposal bid offer move attempt effort
    order request invitation readiness threat vow preparation""".split()
)
# What these govern did not happen: "declined to discuss", "failed to respond", "refused to sign".
NEGATIVE_VERBS = frozenset({"decline", "refuse", "fail", "avoid", "neglect", "forgo", "forego"})
# Nouns that happen, as subjects: "the talks began", "the vote took place".
HAPPEN_VERBS: dict[str, EventPhase | None] = {
    **dict.fromkeys("take happen occur go come".split()),
    **dict.fromkeys("begin start open".split(), "begin"),
    **dict.fromkeys("end conclude finish close".split(), "end"),
    **dict.fromkeys("continue resume".split(), "extend"),
}
# A noun inside these prepositions under a clause happened (or is to happen) around that clause's
# time: "during her dialogue with X on the 1st", "after the signing".
EVENT_PREPS = frozenset({"during", "after", "following", "since", "before", "ahead", "amid", "at"})
# Of these, the noun's time is the clause's time.
SAME_TIME_PREPS = frozenset({"during", "at", "amid"})

# ---- verbs that govern other events ---------------------------------------------------------------

# What these verbs govern did not (yet) happen: "urged X to withdraw", "recommended the council approve".
DIRECTIVE_VERBS = frozenset(
    """urge ask call recommend want hope seek propose demand request appeal plead wish press push encourage
    advise invite order instruct tell require need try attempt aim offer""".split()
)
# What these govern is expected: "is expected to ratify", "plans to visit", "is scheduled to meet".
EXPECT_VERBS = frozenset(
    """expect plan schedule set due intend prepare slate anticipate forecast predict promise pledge vow
    decide have""".split()
)  # "have" as in "have to ratify"; "voted to ratify" and "agreed to end" tell what was done
# What these govern is denied.
DENY_VERBS = frozenset({"deny", "reject", "refute", "dismiss", "rebuff", "dispute"})
# What these govern is told by their subject.
REPORT_VERBS = frozenset(
    """say tell state report announce claim add note explain stress emphasize emphasise insist argue declare
    reply respond confirm reveal disclose write allege assert acknowledge admit warn indicate suggest show
    mention reiterate affirm remark tweet post""".split()
)
# Nouns and adjectives that make what they govern only possible.
POSSIBILITY_WORDS = frozenset(
    """possibility chance likelihood prospect speculation rumor rumour suspicion risk possible likely
    unlikely probable conceivable perhaps maybe possibly probably reportedly allegedly apparently
    purportedly seemingly presumably""".split()
)
# What a document's text provides for is not an event: "the treaty includes providing military aid".
PROVISION_VERBS = frozenset(
    "include stipulate require allow permit oblige obligate envisage envision mandate contain guarantee".split()
)
# Sources that are texts whose clauses are provisions, not news: "the treaty states that ...".
PROVISION_SOURCES = LAWS | frozenset("article clause provision constitution charter text paragraph section".split())
# "in the event that ...", "in case of ...": a condition.
CONDITION_NOUNS = frozenset({"event", "case"})
HEDGE_VERBS = frozenset({"seem", "appear", "believe", "think", "suspect", "speculate", "rumor", "rumour"})
FUTURE_WORDS = frozenset({"upcoming", "planned", "proposed", "scheduled", "forthcoming", "next", "future", "coming"})
