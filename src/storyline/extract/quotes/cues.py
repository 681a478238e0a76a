"""Word lists of news English: reporting verbs and nouns, speaker nouns, titles, pronouns.

Everything here is lemma-level general English; no list names a person, place or outlet.
"""

from __future__ import annotations

# Verbs of saying that take what was said as a content clause ("X said that ...", "..., X added").
SPEECH_VERBS = frozenset(
    """
    say tell state claim note stress argue explain reply respond answer retort counter criticize criticise
    urge warn deny add emphasize emphasise announce insist accuse report confirm suggest declare assert
    maintain contend acknowledge admit concede allege mention remark comment observe predict promise pledge
    vow threaten demand ask inquire query write tweet post blog reveal disclose indicate signal testify
    repeat reiterate recall complain boast joke quip caution advise assure reassure inform notify agree
    disagree object protest lament speculate hint imply conclude affirm proclaim recount describe
    underline underscore highlight stipulate propose plead appeal beg
    acknowledge charge brag grumble mutter shout yell scream whisper exclaim cry murmur snap sigh
    rule find show estimate forecast project calculate posit reckon guess point characterize characterise
    label brand dub portray denounce chant sing continue
    """.split()
)

# Verbs that report a finding only with an explicit "that" ("the study found that ...").
THAT_ONLY_VERBS = frozenset("find show rule estimate forecast project calculate indicate".split())

# Verbs of belief and intention: attributions too, but only for a speaker-like subject.
ATTITUDE_VERBS = frozenset("believe hope expect fear know doubt worry suspect".split())

# Verbs whose content is an infinitive ("urged Russia to stop", "vowed to fight").
XCOMP_VERBS = frozenset(
    """
    urge ask tell warn advise order instruct demand promise pledge vow threaten propose recommend encourage
    invite appeal beg plead implore call agree refuse offer request command
    """.split()
)

# Speech acts that report no words of their own ("the ministry rejected the analysis on Wednesday") but
# date what the same people say next, as a reporting verb with a date does.
FRAME_VERBS = frozenset(
    """
    reject dismiss rebuff refute dispute contest welcome hail praise applaud condemn slam blast decry
    brief address
    """.split()
)

# Verbs that need a particle to report: "point out", "call for".
PARTICLE_VERBS = {"point": "out"}

# Statement nouns: "B's announcement that '...'" makes B the speaker of the quote.
CUE_NOUNS = frozenset(
    """
    statement announcement remark comment claim assertion declaration warning message testimony pledge
    promise denial accusation allegation explanation reply response answer argument suggestion insistence
    admission report contention proclamation assurance threat
    """.split()
)

# Common nouns that can be the source of a statement (people, groups, institutions, publications).
AGENT_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson minister president premier chancellor secretary director
    chairman chairwoman chair chairperson head leader chief executive commander general officer envoy
    ambassador diplomat lawmaker legislator senator congressman congresswoman representative governor mayor
    judge prosecutor lawyer attorney counsel adviser advisor aide assistant analyst expert researcher scholar
    professor scientist economist strategist consultant observer critic supporter opponent activist
    campaigner organizer advocate candidate nominee voter resident citizen witness victim survivor
    source insider person people man woman member staff staffer employee worker owner founder partner
    correspondent reporter journalist editor columnist commentator writer author anchor host blogger
    government administration ministry department agency office authority committee council commission
    parliament congress senate assembly court tribunal cabinet party campaign team group coalition
    alliance union association federation organization organisation institute foundation company firm
    corporation bank board military army navy police force regime embassy mission delegation
    newspaper paper outlet media medium press agency channel network broadcaster magazine website site daily
    poll survey study report data analysis review audit investigation probe research document memo
    statement letter filing complaint lawsuit ruling
    family relative parent mother father son daughter wife husband brother sister friend neighbor neighbour
    colleague counterpart successor predecessor rival ally doctor nurse teacher student official officer
    player coach fan manager operator farmer soldier prisoner user customer client patient investor trader
    official spokesperson clerk pastor priest cleric bishop pope king queen prince princess emperor
    """.split()
)

# A news medium that "reports" relays facts: the source of a claim, not a speaker ("media reported that").
MEDIA_NOUNS = frozenset(
    "media medium newspaper paper outlet agency channel network broadcaster magazine website site daily press "
    "tv television radio wire tabloid journal broadsheet".split()
)
MEDIA_NAME_WORDS = frozenset(
    "news times post journal press agency tv radio daily herald tribune telegraph gazette guardian "
    "broadcasting network channel magazine newspaper wire".split()
)

# Documents that "state" or "stipulate" a text but never speak: never a speaker.
LEGAL_TEXTS = frozenset(
    "treaty agreement accord pact law bill act constitution charter convention article clause provision "
    "resolution protocol amendment code regulation rule decree text".split()
)

NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "madam": "f", "dame": "f", "lady": "f", "lord": "m",
}  # fmt: skip
NEUTRAL_HONORIFICS = frozenset(
    "dr dr. prof prof. gov gov. sen sen. rep rep. gen gen. col col. lt lt. capt capt. sgt sgt. maj maj. "
    "adm adm. gov. rev rev. hon hon. st. pres pres. atty atty. supt supt. insp insp.".split()
)

GENDERED_NOUNS = {
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "actress": "f",
    "mother": "f", "wife": "f", "daughter": "f", "sister": "f", "queen": "f", "princess": "f", "woman": "f",
    "girl": "f", "grandmother": "f", "widow": "f", "spokesman": "m", "chairman": "m", "congressman": "m",
    "businessman": "m", "actor": "m", "father": "m", "husband": "m", "son": "m", "brother": "m", "king": "m",
    "prince": "m", "man": "m", "boy": "m", "grandfather": "m", "widower": "m",
}  # fmt: skip

# Title nouns that mean the same role ("the ministry spokesman" may be named as its "spokesperson").
TITLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair",
    "chairperson": "chair", "congressman": "congressperson", "congresswoman": "congressperson",
    "premier": "prime minister",
}  # fmt: skip


def title_key(lemma: str) -> str:
    return TITLE_SYNONYMS.get(lemma, lemma)
