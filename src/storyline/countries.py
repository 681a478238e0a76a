"""Country names → ISO codes, from the CLDR names in Babel and the ISO 3166 names in pycountry.

Covers the English short name ("South Africa"), the ISO name ("Viet Nam"), the official
name ("People's Republic of China") and the initials of the multi-word ones ("PRC", "US",
"UAE"); initials two countries share are left out. Used only for place-like mentions.
"""

from __future__ import annotations

from functools import lru_cache

from storyline.names import initials, name_key


def _names() -> list[tuple[str, str]]:
    import pycountry
    from babel import Locale

    out: list[tuple[str, str]] = []
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and " - " not in name:
            out.append((code, name))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if not name:
                continue
            if ", " in name:  # "Moldova, Republic of" → "Republic of Moldova"
                head, _, tail = name.partition(", ")
                name = f"{tail} {head}"
            out.append((c.alpha_2, name))
    return out


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    names: dict[str, str] = {}
    acronyms: dict[str, set[str]] = {}
    for code, name in _names():
        names.setdefault(name_key(name), code)
        if len(name.split()) >= 2:
            acronyms.setdefault(initials(name), set()).add(code)
    for acr, codes in acronyms.items():
        if len(codes) == 1 and len(acr) >= 2 and acr not in names:
            names[acr] = next(iter(codes))
    return names


def country_code(surface: str) -> str | None:
    return table().get(name_key(surface))
