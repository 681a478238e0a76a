"""Publication dates printed in article headers and footers.

A news page prints its date in a handful of shapes: ISO (2025-03-04T07:15+09:00), dotted or
slashed (2025.03.04, 2025/03/04), Korean and Japanese with AM/PM markers (2025.03.04 오전 07:15,
2025年3月4日 午後3時), and English month names (Mar. 4, 2025 / 4 March 2025 /
Wednesday, October 16, 2024 3:04 PM EDT). ``parse_date_line`` accepts a line only when,
after a short label ("Published", "Updated", "date", "입력"), nothing but the date is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*)?"
_AMPM_BEFORE = r"(?P<ampm1>오전|오후|午前|午後)"
_AMPM_AFTER = r"(?P<ampm2>a\.?m\.?|p\.?m\.?)"
_TIME = (
    rf"(?:{_AMPM_BEFORE}\s*)?(?P<hh>\d{{1,2}})(?::|時|시)\s*(?P<mi>\d{{2}})?(?:(?::)(?P<ss>\d{{2}}))?(?:分|분)?"
    rf"(?:\s*{_AMPM_AFTER})?"
)
_TZ = r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT|KST|JST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|MSK)(?![a-z]))?"

_DATE_FORMS = [
    # 2025-03-04T07:15:00+09:00
    rf"(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:[T\s]+{_TIME})?{_TZ}",
    # 2025.03.04 / 2025. 03. 04. / 2025/03/04
    rf"(?P<y>\d{{4}})\s*[./]\s*(?P<m>\d{{1,2}})\s*[./]\s*(?P<d>\d{{1,2}})\.?(?:\s*\(\w{{1,3}}\))?(?:\s+{_TIME})?{_TZ}",
    # 2024년 10월 16일 / 2024年10月16日
    rf"(?P<y>\d{{4}})\s*[년年]\s*(?P<m>\d{{1,2}})\s*[월月]\s*(?P<d>\d{{1,2}})\s*[일日](?:\s*\(\w\))?(?:\s*{_TIME})?{_TZ}",
    # Tuesday, Mar. 4, 2025 3:04 PM EST
    rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?:,?\s*(?:at\s+)?{_TIME})?{_TZ}",
    # 16 October 2024, 15:04
    rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})(?:,?\s*(?:at\s+)?{_TIME})?{_TZ}",
]
# A time may also come first: "3:04 PM EST, Mar. 4, 2025"
_TIME_FIRST = re.compile(rf"^{_TIME}{_TZ}\s*,?\s*", re.I)
_DATE_RES = [re.compile(rf"^{form}$", re.I) for form in _DATE_FORMS]
_DATE_SEARCH = [re.compile(rf"(?<!\d){form}(?!\d)", re.I) for form in _DATE_FORMS]

_LABEL = re.compile(
    r"^(?:date|dated|published|posted|updated|last updated|modified|first published|"
    r"created|issued|input|入力|입력|수정|승인|기사입력|최종수정|更新|配信|公開|作成|"
    r"publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado)\s*(?:on|at)?\s*[:：]?\s*",
    re.I,
)
MAX_DATE_LINE_CHARS = 80  # a labelled date with weekday, time and zone fits; a sentence does not
MAX_FIND_CHARS = 400  # ``find_date`` reads short pieces of text (datelines, metadata values)
_TRAILING_LABEL = re.compile(r"\s*(?:입력|수정|updated|published|配信|更新)$", re.I)

_TZ_OFFSETS = {
    "Z": "+00:00", "UTC": "+00:00", "GMT": "+00:00", "KST": "+09:00", "JST": "+09:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "PST": "-08:00",
    "PDT": "-07:00", "CET": "+01:00", "CEST": "+02:00", "BST": "+01:00", "MSK": "+03:00",
}  # fmt: skip


@dataclass
class FoundDate:
    iso: str  # 2025-03-04 or 2025-03-04T07:15 or 2025-03-04T07:15+09:00


def _to_iso(m: re.Match[str], time_first: re.Match[str] | None = None) -> str | None:
    g = m.groupdict()
    year = int(g["y"])
    month = int(g["m"]) if g.get("m") else MONTHS.get((g.get("mon") or "").lower().rstrip("."), 0)
    day = int(g["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    tg = time_first.groupdict() if time_first else g
    if tg.get("hh") is not None:
        hour, minute = int(tg["hh"]), int(tg.get("mi") or 0)
        marker = (tg.get("ampm1") or tg.get("ampm2") or "").lower().replace(".", "")
        if marker in ("오후", "午後", "pm") and hour < 12:
            hour += 12
        elif marker in ("오전", "午前", "am") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return iso
        iso += f"T{hour:02d}:{minute:02d}"
        if tg.get("ss"):
            iso += f":{int(tg['ss']):02d}"
        tz = tg.get("tz") or g.get("tz")
        if tz:
            offset = _TZ_OFFSETS.get(tz.upper(), tz)
            if re.fullmatch(r"[+-]\d{4}", offset):
                offset = offset[:3] + ":" + offset[3:]
            iso += offset
    return iso


def parse_date_line(line: str) -> FoundDate | None:
    """The date of a line that holds nothing but a (labelled) date, else None."""
    s = line.strip().strip("|·•-–—").strip()
    if not s or len(s) > 2 * MAX_DATE_LINE_CHARS:  # before any regex: a long line is no date line
        return None
    s = re.sub(r"\s+[|·•]\s+", " ", s)
    if len(s) > MAX_DATE_LINE_CHARS:
        return None
    s = _LABEL.sub("", s, count=1)
    s = _TRAILING_LABEL.sub("", s).strip(" ,|")
    time_first = _TIME_FIRST.match(s)
    rest = s[time_first.end() :] if time_first and re.search(r"\d{4}", s[time_first.end() :]) else s
    if rest is s:
        time_first = None
    for rx in _DATE_RES:
        m = rx.match(rest.strip())
        if m:
            iso = _to_iso(m, time_first)
            if iso:
                return FoundDate(iso)
    return None


def find_date(text: str) -> str | None:
    """The first full date (with year) in a short piece of text, e.g. a dateline (only its first
    ``MAX_FIND_CHARS`` characters are read)."""
    best: tuple[int, str] | None = None
    text = text[:MAX_FIND_CHARS]
    for rx in _DATE_SEARCH:
        for m in rx.finditer(text):
            iso = _to_iso(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break
    return best[1] if best else None
