"""Language identification with py3langid (its model ships inside the PyPI package).

Short texts (a headline, a one-paragraph brief) are where statistical language ID goes wrong: a
few words of Spanish may score highest as a small regional language. So a text shorter than
``ingest.short_text`` characters, or one the full model is unsure of, is classified among the languages that
carry most of the world's news only. Scripts written by one language only need no model at all,
and as they pack more per character, a few letters of them are enough.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyline.ingest.scripts import script_counts
from storyline.settings import current

# Scripts used by one language only need no statistical model.
_SCRIPT_LANGUAGE = {"Hangul": "ko", "Kana": "ja", "Thai": "th", "Greek": "el", "Hebrew": "he"}
# Languages with a large news output (ISO 639-1); short or uncertain texts are classified among these.
NEWS_LANGUAGES = (
    "ar bg bn ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nl no pl pt ro ru sk sl sr sv sw "
    "th tl tr uk ur vi zh"
).split()
MIN_LETTERS = {"Latin": 12, "Cyrillic": 12, "Arabic": 8, "Devanagari": 8}  # default for other scripts: 4


@lru_cache(maxsize=2)
def _identifier(restricted: bool) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if restricted:
        ident.set_languages([lang for lang in NEWS_LANGUAGES if lang in ident.nb_classes])
    return ident


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    cfg = current().ingest
    sample = text[:4000]
    counts = script_counts(sample[:1000])  # the script is clear from the start; counting is per character
    if not counts:
        return None
    if counts.get("Kana", 0) and counts.get("Han", 0):  # Japanese writes Han between its Kana
        counts["Kana"] += counts.pop("Han")
    script, letters = counts.most_common(1)[0]
    if letters < MIN_LETTERS.get(script, 4):
        return None
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if len(sample.strip()) >= cfg.short_text:
        lang, prob = _identifier(False).classify(sample)
        if prob >= cfg.language_sure:
            return str(lang)
    lang, _prob = _identifier(True).classify(sample)
    return str(lang)
