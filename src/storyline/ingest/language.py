"""Language identification with py3langid (its model ships inside the PyPI package)."""

from __future__ import annotations

from functools import lru_cache

from storyline.ingest.scripts import dominant_script

# Scripts used by one language only need no statistical model.
_SCRIPT_LANGUAGE = {"Hangul": "ko", "Kana": "ja", "Thai": "th", "Greek": "el", "Hebrew": "he"}


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:4000]
    if len(sample.strip()) < 20:
        return None
    script = dominant_script(sample)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    lang, _prob = _identifier().classify(sample)
    return str(lang)
