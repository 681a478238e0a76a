"""Month and weekday names, deictic days and future cues for the languages foreign.py reads.

Keys are ISO 639-1 codes as py3langid reports them. Month names include the inflected forms
news uses ("ноября", "novembre"); weekday numbers are ISO (Monday = 1).
"""

from __future__ import annotations

from typing import TypedDict

_M = range(1, 13)


class CalendarWords(TypedDict, total=False):
    """The words of one language's dates (a fixed table: the time tagger reads it, nothing writes it)."""

    months: dict[str, int]  # month name (and inflected forms) → 1..12
    weekdays: dict[str, int]  # weekday name → ISO number (Monday = 1)
    deictic: dict[str, int]  # "today", "yesterday", ... → days from the publication day
    future: str  # a regular expression of cues that a date lies ahead
    day_prefix: str  # a regular expression of the words that may open a day-first date ("am", "vom")
    year: str  # unit characters of CJK dates: 年, 월, 日 ...
    month: str
    day: str
    last_month: str  # CJK words for the month before, this month, the month after
    this_month: str
    next_month: str


def _months(*names: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for month, forms in zip(_M, names, strict=True):
        for form in forms.split("|"):
            out[form] = month
    return out


def _days(*names: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for day, forms in zip(range(1, 8), names, strict=True):
        for form in forms.split("|"):
            out[form] = day
    return out


LANGUAGES: dict[str, CalendarWords] = {
    "de": {
        "months": _months(
            "januar|jänner|jan",
            "februar|feb",
            "märz|maerz|mär",
            "april|apr",
            "mai",
            "juni|jun",
            "juli|jul",
            "august|aug",
            "september|sept|sep",
            "oktober|okt",
            "november|nov",
            "dezember|dez",
        ),
        "weekdays": _days("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag|sonnabend", "sonntag"),
        "deictic": {"heute": 0, "gestern": -1, "vorgestern": -2, "übermorgen": 2},
        "future": r"\b(?:wird|werden|soll|sollen|will|wollen|plant|planen|nächste[nmrs]?|kommende[nmrs]?)\b",
        "day_prefix": r"(?:am|vom|bis\s+zum|seit\s+dem|zum)\s+",
    },
    "fr": {
        "months": _months(
            "janvier|janv",
            "février|fevrier|févr",
            "mars",
            "avril|avr",
            "mai",
            "juin",
            "juillet|juil",
            "août|aout",
            "septembre|sept",
            "octobre|oct",
            "novembre|nov",
            "décembre|decembre|déc",
        ),
        "weekdays": _days("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "deictic": {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "demain": 1, "avant-hier": -2, "après-demain": 2},
        "future": r"\b(?:va|vont|sera|seront|devrait|devraient|doit|doivent|prochaine?s?|\w+(?:era|eront|ira|iront))\b",
    },
    "es": {
        "months": _months(
            "enero|ene",
            "febrero",
            "marzo",
            "abril|abr",
            "mayo",
            "junio",
            "julio",
            "agosto|ago",
            "septiembre|setiembre|sept",
            "octubre|oct",
            "noviembre|nov",
            "diciembre|dic",
        ),
        "weekdays": _days("lunes", "martes", "miércoles|miercoles", "jueves", "viernes", "sábado|sabado", "domingo"),
        "deictic": {"hoy": 0, "ayer": -1, "anteayer": -2, "pasado mañana": 2},
        "future": r"\b(?:va|van|prevé|previsto|próxim[oa]s?|proxim[oa]s?|\w+(?:rá|rán))\b",
    },
    "it": {
        "months": _months(
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ),
        "weekdays": _days(
            "lunedì|lunedi",
            "martedì|martedi",
            "mercoledì|mercoledi",
            "giovedì|giovedi",
            "venerdì|venerdi",
            "sabato",
            "domenica",
        ),
        "deictic": {"oggi": 0, "ieri": -1, "domani": 1, "l'altro ieri": -2, "dopodomani": 2},
        "future": r"\b(?:dovrebbe|prossim[oa]|\w+(?:rà|ranno))\b",
    },
    "pt": {
        "months": _months(
            "janeiro",
            "fevereiro",
            "março|marco",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ),
        "weekdays": _days(
            "segunda-feira|segunda",
            "terça-feira|terca-feira|terça",
            "quarta-feira|quarta",
            "quinta-feira|quinta",
            "sexta-feira|sexta",
            "sábado|sabado",
            "domingo",
        ),
        "deictic": {"hoje": 0, "ontem": -1, "amanhã": 1, "anteontem": -2},
        "future": r"\b(?:vai|vão|deve|devem|próxim[oa]|\w+(?:rá|rão))\b",
    },
    "nl": {
        "months": _months(
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        "weekdays": _days("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        "deictic": {"vandaag": 0, "gisteren": -1, "eergisteren": -2, "overmorgen": 2},
        "future": r"\b(?:zal|zullen|gaat|gaan|moet|volgende|komende)\b",
    },
    "ru": {
        "months": _months(
            "января|январь|январе",
            "февраля|февраль|феврале",
            "марта|март|марте",
            "апреля|апрель|апреле",
            "мая|май|мае",
            "июня|июнь|июне",
            "июля|июль|июле",
            "августа|август|августе",
            "сентября|сентябрь|сентябре",
            "октября|октябрь|октябре",
            "ноября|ноябрь|ноябре",
            "декабря|декабрь|декабре",
        ),
        "weekdays": _days(
            "понедельник", "вторник", "среду|среда", "четверг", "пятницу|пятница", "субботу|суббота", "воскресенье"
        ),
        "deictic": {"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2},
        "future": r"(?:будет|будут|планирует|следующ\w+|предстоящ\w+)",
    },
    "id": {
        "months": _months(
            "januari|jan",
            "februari|feb",
            "maret|mar",
            "april|apr",
            "mei",
            "juni|jun",
            "juli|jul",
            "agustus|agu|ags",
            "september|sep",
            "oktober|okt",
            "november|nov",
            "desember|des",
        ),
        "weekdays": _days("senin", "selasa", "rabu", "kamis", "jumat|jum'at", "sabtu", "minggu|ahad"),
        "deictic": {"hari ini": 0, "kemarin": -1, "besok": 1, "lusa": 2},
        "future": r"\b(?:akan|bakal|direncanakan|dijadwalkan|mendatang|depan)\b",
    },
    # Arabic: the month names of Egypt and the Maghreb and those of the Levant and Iraq (news often gives
    # both, "يونيو/حزيران"); digits may be Eastern Arabic (find_foreign reads them as ASCII digits).
    "ar": {
        "months": _months(
            "يناير|كانون الثاني",
            "فبراير|شباط",
            "مارس|آذار",
            "أبريل|ابريل|نيسان",
            "مايو|أيار",
            "يونيو|يونيه|حزيران",
            "يوليو|يوليه|تموز",
            "أغسطس|اغسطس|آب",
            "سبتمبر|أيلول",
            "أكتوبر|اكتوبر|تشرين الأول",
            "نوفمبر|تشرين الثاني",
            "ديسمبر|كانون الأول",
        ),
        "weekdays": _days(
            "الاثنين|الإثنين", "الثلاثاء", "الأربعاء|الاربعاء", "الخميس", "الجمعة", "السبت", "الأحد|الاحد"
        ),
        "deictic": {"اليوم": 0, "أمس": -1, "امس": -1, "غدا": 1, "غداً": 1},
        "future": r"(?:سوف|المقبل(?:ة)?|القادم(?:ة)?|من\s+المقرر|المرتقب(?:ة)?)",
    },
}

# Korean, Japanese and Chinese write dates with unit characters: 2025년 11월 12일, 2025年11月12日.
CJK: dict[str, CalendarWords] = {
    "ko": {
        "year": "년",
        "month": "월",
        "day": "일",
        "deictic": {"오늘": 0, "어제": -1, "내일": 1, "그제": -2, "모레": 2},
        "weekdays": _days("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"),
        "last_month": "지난달",
        "this_month": "이달",
        "next_month": "다음달",
        "future": r"(?:예정|할\s*계획|것으로\s*보인|전망|다음\s*주|내주)",
    },
    "ja": {
        "year": "年",
        "month": "月",
        "day": "日",
        "deictic": {"今日": 0, "本日": 0, "昨日": -1, "明日": 1, "一昨日": -2},
        "weekdays": _days(
            "月曜日|月曜", "火曜日|火曜", "水曜日|水曜", "木曜日|木曜", "金曜日|金曜", "土曜日|土曜", "日曜日|日曜"
        ),
        "last_month": "先月",
        "this_month": "今月",
        "next_month": "来月",
        "future": r"(?:予定|見通し|来週|する方針)",
    },
    "zh": {
        "year": "年",
        "month": "月",
        "day": "日|号",
        "deictic": {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1, "前天": -2, "后天": 2},
        "weekdays": _days(
            "星期一|周一|週一",
            "星期二|周二|週二",
            "星期三|周三|週三",
            "星期四|周四|週四",
            "星期五|周五|週五",
            "星期六|周六|週六",
            "星期日|星期天|周日|週日",
        ),
        "last_month": "上个月|上月",
        "this_month": "本月|这个月",
        "next_month": "下个月|下月",
        "future": r"(?:将|将要|计划|預計|预计|下周|下週)",
    },
}
