"""Per-language resources for reading articles the English spaCy model cannot parse.

One JSON file per language (``<code>.json``, ISO 639-1 as py3langid reports it) holds what a
reader of that language knows about news text: its quotation marks, reporting verbs and frames,
person titles, words that mark organisations and places, number words and scales, the nouns
figures count, and the words that announce events of a few clear types. ``docs/languages.md``
describes every key; a new language is a new file, no code.

Entries that are patterns are Python regular expression fragments, matched case-insensitively.
For languages written with spaces (``spaced``), word patterns are wrapped in word boundaries and
may end in ``\\w{0,3}`` to take inflections; for Korean, Japanese and Chinese they match inside words.
Everything here is general language knowledge, never names or facts of particular stories.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

Script = Literal["latin", "cyrillic", "greek", "hangul", "japanese", "han", "arabic"]
Qualifier = Literal["about", "at least", "more than", "up to", "less than"]

# Event types with clear triggers in every language (extract/events/ontology.py names them).
EVENT_TYPES = ("sign", "ratify", "meet", "visit", "deploy", "attack", "launch", "vote")


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    script: Script
    spaced: bool  # words separated by spaces (not Japanese or Chinese)
    boundaries: bool  # patterns match whole words (not in Korean, whose words carry their particles)
    capitalised_nouns: bool  # German: every noun starts with a capital, so one capital word is no name
    quote_marks: tuple[tuple[str, str], ...]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    # ---- compiled patterns (built lazily from ``raw``) ----------------------------------

    def words(self, key: str) -> re.Pattern[str] | None:
        """The alternation of the patterns under ``key``, as whole words where words are spaced."""
        return _compiled(self.code, key)

    def table(self, key: str) -> dict[str, Any]:
        value = self.raw.get(key) or {}
        return value if isinstance(value, dict) else {}

    def items(self, key: str) -> list[str]:
        value = self.raw.get(key) or []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def triggers(self) -> dict[str, re.Pattern[str]]:
        return _triggers(self.code)


@cache
def _compiled(code: str, key: str) -> re.Pattern[str] | None:
    pack = load(code)
    if pack is None:
        return None
    value = pack.raw.get(key)
    patterns = list(value) if isinstance(value, list) else list(value) if isinstance(value, dict) else []
    if not patterns:
        return None
    body = _alternation(patterns)
    if pack.boundaries:
        body = rf"(?<![\w-])(?:{body})(?:(?<=['’])|(?![\w]))"  # "qu'" ends a word at its apostrophe
    return re.compile(body, re.IGNORECASE)


@cache
def _triggers(code: str) -> dict[str, re.Pattern[str]]:
    pack = load(code)
    out: dict[str, re.Pattern[str]] = {}
    if pack is None:
        return out
    for kind, patterns in pack.table("triggers").items():
        if kind in EVENT_TYPES and patterns:
            body = _alternation(list(patterns))
            out[kind] = re.compile(rf"(?<![\w])(?:{body})(?![\w])" if pack.boundaries else body, re.IGNORECASE)
    return out


def load(code: str | None) -> LanguagePack | None:
    """The resources of a language (``"de"``, ``"pt-BR"`` reads as ``"pt"``), or None when there are none."""
    return _load(code.lower()[:2]) if code else None


@cache
def _load(code: str) -> LanguagePack | None:
    try:
        text = resources.files(__package__).joinpath(f"{code}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    raw = json.loads(text)
    return LanguagePack(
        code=code,
        name=raw["name"],
        script=raw["script"],
        spaced=raw.get("spaced", True),
        boundaries=raw.get("word_boundaries", raw.get("spaced", True)),
        capitalised_nouns=bool(raw.get("capitalised_nouns", False)),
        quote_marks=tuple((a, b) for a, b in raw.get("quote_marks", [])),
        raw=raw,
    )


def supported() -> list[str]:
    """The codes of every language with a resource file."""
    return sorted(
        p.name.removesuffix(".json") for p in resources.files(__package__).iterdir() if p.name.endswith(".json")
    )
