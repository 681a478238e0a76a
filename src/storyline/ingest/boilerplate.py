"""Rules that tell boilerplate lines from body lines.

Each rule looks at one line (and, for the footer sweep, at its neighbours) and says why the
line is not part of the story: a broadcast cue, a reporter's sign-in or sign-off, a contact or
tip-off line, a copyright line, a subscription prompt, a menu word, a UI string, a date or
byline line. The rules are about the shape of news pages in general, not about any outlet.
Some rules also yield metadata (the outlet from a copyright line, a reporter from a sign-off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.dateline import parse_date_line

NAME = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*(?:\s+[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*){1,3}"
_MEDIA_WORDS = (
    "News|TV|Radio|YouTube|Television|Online|Digital|World|Channel|Network|Broadcasting|"
    "Daily|Times|Post|Herald|Press|Wire|Agency|Tribune|Journal|Gazette|Report|Reporter"
)
_OUTLET = rf"(?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|of|the|and))*?(?:\s+(?:{_MEDIA_WORDS}))*"

# Starts only where a run of address characters starts, and never gives back what it took: one
# pass over a long token instead of one per character of it (a 200 KB token took 100 s).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)[\s-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])")
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
BULLET = re.compile(r"^\s*[※■□▶▷►●○◆◇★☆▲△▼▽♦•·>→➤✔✅📞📧☎]")
BRACKET_LABEL = re.compile(r"^\s*[\[【〔<]([^\]】〕>]{1,25})[\]】〕>]\s*")
TERMINAL = re.compile(r"""[.!?。！？"”'’)\]]\s*$""")

_CUE = re.compile(r"^\s*[\[(【]\s*([^\[\]()【】:：\"“”]{1,30})\s*[\])】]\s*$")
_SIGN_IN = re.compile(
    rf"^(?:(?i:reporter|correspondent)\s+)?(?P<name>{NAME})\s+"
    r"(?:reports|is reporting|reporting|has (?:the|this|our|more)(?: report| story)?|has more)\s*[.!]?$"
)
_FIRST_PERSON_REPORTER = re.compile(r"^(?:I'm|I am|I’m)\b.{0,60}\breport(?:er|ing|s)?\b", re.I)
_SIGN_OFF = [
    # This is ABC News Jane Roe from Lisbon. / It's XYZ YouTube.
    re.compile(
        rf"^(?:This is|It's|It’s|It is)\s+(?P<outlet>(?:[A-Z]{{2,}}[\w&]*)(?:\s+(?:{_MEDIA_WORDS}))*)"
        rf"(?:,?\s+(?P<name>{NAME}?))?(?:\s+(?:from|in|reporting from|at)\s+(?P<place>[A-Z][\w .'-]{{1,40}}?))?\s*[.!]?$"
    ),
    # This is Jane Doe for Harbor Evening News in Geneva.
    re.compile(
        rf"^(?:This is|I'm|I am|I’m)\s+(?P<name>{NAME}),?\s+(?:for|with|of)\s+(?P<outlet>{_OUTLET})"
        r"(?:,?\s+(?:from|in|at)\s+(?P<place>[A-Z][\w .'-]{1,40}?))?\s*[.!]?$"
    ),
    # ABC News, Jane Roe.
    re.compile(rf"^(?P<outlet>[A-Z]{{2,}}[\w&]*(?:\s+(?:{_MEDIA_WORDS}))*)\s*[,/|]\s*(?P<name>{NAME})\s*[.!]?$"),
]
_BYLINE = re.compile(
    rf"^(?:by|written by|reporting by|words by|additional reporting by|von|par|por|di|door|av|af)\s+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)"
    r"(?:\s*[,|/–—-]\s*(?P<role>[\w ,.'’&-]{1,60}))?\s*$",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:source|sources|credit|credits|photo|photos|image|images|photograph|video|editing by|edited by|"
    r"graphic|illustration|translated by|translation)\s*[:：]",
    re.I,
)
_CREDITS = re.compile(
    r"^(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled|produced|translated)\s+by\s+(?P<rest>.+)$",
    re.I,
)
_SYNDICATION = re.compile(
    r"\b(?:syndicated|republished|reprinted|originally (?:published|appeared)|first (?:published|appeared)|"
    r"distributed by|via the|with permission)\b.*\b(?:from|by|on|in|of|permission)\b",
    re.I,
)
_SHARE = re.compile(r"^(?:share|share this|share this (?:article|story|page)|share on)\b\s*[:：]?", re.I)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|ⓒ|Ⓒ|\(c\)|copyright\b)|all rights reserved|무단\s*전재|재배포\s*금지|転載|禁止复制|版权所有",
    re.I,
)
_COPYRIGHT_OUTLET = re.compile(
    r"(?:©|ⓒ|Ⓒ|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?"
    r"(?P<name>[A-Z][^©()\[\]|,]*?)\s*(?=\(|\.\s|\.$|,|\||all rights|$)",
    re.I,
)
_SUBSCRIBE = re.compile(
    r"\b(?:subscribe|subscription|newsletter|sign up|signup|follow us|like us on|download (?:our|the) app|"
    r"get the app|turn on notifications|register now|log ?in to|unlock (?:this|full)|"
    r"abonnieren|suscr[ií]bete|abonnez-vous)\b",
    re.I,
)
_TIPOFF = re.compile(
    r"\b(?:tip-?offs?|send (?:us )?(?:your )?tips?|news ?tips?|report (?:it|a story) to us|"
    r"your (?:report|tip|story|video)s? (?:becomes?|can become|will become) news|contact (?:us|the newsroom)|"
    r"whistleblow\w*)\b",
    re.I,
)
_UI_STRINGS = {
    "unpin video", "pin video", "play video", "watch video", "watch the video", "video", "share",
    "share this", "share this article", "copy link", "link copied", "print", "print this article",
    "font size", "text size", "listen", "listen to this article", "listen to article",
    "advertisement", "ad", "sponsored", "skip ad", "close", "close video", "more", "read more",
    "show more", "load more", "comments", "view comments", "scroll to continue",
    "continue reading", "back to top", "top", "menu", "search", "home", "log in", "sign in",
    "cookie settings", "accept cookies", "accept all", "play", "pause", "mute", "unmute",
    "toggle navigation", "skip to content", "skip to main content", "previous", "next",
    "video player", "fullscreen", "enlarge", "zoom", "photo", "image",
}  # fmt: skip
_SECTION_WORDS = {
    "news", "latest news", "top news", "breaking news", "most read", "most popular",
    "most viewed", "related articles", "related news", "related stories", "recommended",
    "recommended news", "editor's picks", "editor's pick", "entertainment", "sports", "sport",
    "politics", "world", "business", "economy", "tech", "technology", "science", "health",
    "culture", "lifestyle", "opinion", "weather", "video", "videos", "photos", "gallery",
    "game", "games", "national", "international", "local", "society", "life", "travel",
    "more stories", "you may also like", "trending", "popular", "tags", "topics", "region", "regions",
    "nation", "asia", "europe", "africa", "americas", "middle east", "features", "analysis",
}  # fmt: skip
_MENU_SEPARATORS = re.compile(r"\s*[|·•›»/]\s*")


@dataclass
class TextMeta:
    """Metadata the text itself gives: a date line, a sign-off, a copyright line (or, for a whole article,
    what its lines gave together with its headline)."""

    published: str | None = None  # ISO 8601
    outlet: str | None = None
    dateline: str | None = None  # the place of a dateline or a sign-off
    byline: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class Verdict:
    reason: str | None  # None: a body line
    meta: TextMeta = field(default_factory=TextMeta)


def _words(line: str) -> list[str]:
    return re.findall(r"[\w'’-]+", line)


def _outlet_name(raw: str) -> str:
    """'ABC News' → 'ABC'; 'XYZ YouTube' → 'XYZ'; 'Harbor Evening News' stays."""
    words = raw.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{2,}[A-Z0-9&]*", words[0]):
        if all(re.fullmatch(_MEDIA_WORDS, w) for w in words[1:]):
            return words[0]
    return raw.strip(" .,")


def copyright_outlet(line: str) -> str | None:
    m = _COPYRIGHT_OUTLET.search(line)
    if not m:
        return None
    name = m.group("name").strip(" .,")
    name = re.sub(r"\s*(?:www\.|https?://)\S*$", "", name).strip()
    if not name or len(name.split()) > 8 or name.lower().startswith("all rights"):
        return None
    return _outlet_name(name)


def is_short_label(line: str, max_words: int = 5) -> bool:
    """A menu word or section title: a few words, no sentence punctuation."""
    s = line.strip()
    return bool(s) and len(_words(s)) <= max_words and not TERMINAL.search(s) and not re.search(r"\d{3}", s)


MAX_RULE_CHARS = 2_000  # no boilerplate line is longer: a longer line is body text, not looked at


def classify(line: str) -> Verdict:
    """Classify one stripped line on its own."""
    s = line.strip()
    if len(s) > MAX_RULE_CHARS:
        return Verdict(None)
    low = s.lower().strip(" .:!")
    words = _words(s)
    n = len(words)

    date = parse_date_line(s)
    if date:
        return Verdict("metadata", TextMeta(published=date.iso))

    if n <= 25 and _COPYRIGHT.search(s):
        outlet = copyright_outlet(s)
        return Verdict("copyright", TextMeta(outlet=outlet or None))

    m = _BYLINE.match(s) if n <= 14 else None
    if m:
        names = [x.strip() for x in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if x.strip()]
        staff = [x for x in names if re.search(r"\s(?i:staff|desk|newsroom|team)$", x)]
        if staff:  # "Reporting by Coastline Daily staff": the outlet, not a person
            outlet = re.sub(r"\s+\S+$", "", staff[0])
            return Verdict("byline", TextMeta(byline=[x for x in names if x not in staff], outlet=outlet))
        return Verdict("byline", TextMeta(byline=names))

    if n <= 12 and _CREDIT.match(s):
        return Verdict("metadata")
    m = _CREDITS.match(s) if n <= 40 else None
    if m:  # "Reporting by A in Geneva; additional reporting by B; Editing by C"
        first = re.split(r"\s+(?:in|at|from)\s+|[;,]", m.group("rest"))[0].strip()
        names = [first] if re.fullmatch(NAME, first) else []
        return Verdict("credits", TextMeta(byline=names))
    if n <= 30 and _SYNDICATION.search(s) and re.match(r"^(?:this|the)\s+(?:story|article|report|piece)\b", s, re.I):
        return Verdict("syndication")
    if n <= 14 and _SHARE.match(s):
        return Verdict("ui-string")

    if n <= 25 and (EMAIL.search(s) or PHONE.search(s)):
        return Verdict("contact")
    if n <= 20 and _TIPOFF.search(s):
        return Verdict("contact")

    if n <= 4 and _CUE.match(s):
        return Verdict("broadcast-cue")

    m = _SIGN_IN.match(s)
    if m:
        return Verdict("sign-in", TextMeta(byline=[m.group("name")]))
    if n <= 14 and _FIRST_PERSON_REPORTER.match(s):
        return Verdict("sign-in")

    if n <= 14:
        for rx in _SIGN_OFF:
            m = rx.match(s)
            if m:
                meta = TextMeta(outlet=_outlet_name(m.group("outlet")))
                if m.groupdict().get("name"):
                    meta.byline = [m.group("name")]
                if m.groupdict().get("place"):
                    meta.dateline = m.group("place").strip()
                return Verdict("sign-off", meta)

    if n <= 20 and _SUBSCRIBE.search(s):
        return Verdict("subscription")

    if low in _UI_STRINGS:
        return Verdict("ui-string")
    if low in _SECTION_WORDS:
        return Verdict("menu")
    parts = [p for p in _MENU_SEPARATORS.split(s) if p]
    if len(parts) >= 3 and all(is_short_label(p, 3) for p in parts):
        return Verdict("menu")
    if URL.fullmatch(s):
        return Verdict("contact")
    return Verdict(None)
