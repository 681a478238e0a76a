"""NER noise repairs on mention spans, and the mentions NER misses (compounds, descriptions, datelines)."""

from __future__ import annotations

import pytest

from storyline.extract import spans


def repaired(text: str, surface: str, label: str = "PERSON") -> str | None:
    start = text.index(surface)
    fixed = spans.repair(text, start, start + len(surface), label)
    return None if fixed is None else text[fixed[0] : fixed[1]]


@pytest.mark.parametrize(
    ("text", "ner", "label", "want"),
    [
        ("signed by the Kremlin today", "the Kremlin", "ORG", "Kremlin"),
        ("The Kremlin's view", "The Kremlin's", "ORG", "Kremlin"),
        ("near North Korea-Russia ties", "North Korea-", "GPE", "North Korea"),
        ("[Jane Roe/Director, Example Institute: ...]", "Jane Roe/Director", "PERSON", "Jane Roe"),
        ("minister Choe Son-hui said", "Choe Son", "PERSON", "Choe Son-hui"),
        ("a Moscow-based group", "Moscow", "PERSON", "Moscow"),
        ("said 'Mara Lind' twice", "'Mara Lind'", "PERSON", "Mara Lind"),
        ("\u201cMara Lind\u201d said", "\u201cMara Lind\u201d", "PERSON", "Mara Lind"),
        ("Spokesperson Ivo Rask said", "Spokesperson Ivo Rask", "PERSON", "Ivo Rask"),
        ("it gives Ilmora 1.2 billion cubic metres", "Ilmora 1.2 billion cubic metres", "PERSON", "Ilmora"),
        ("the U.S. said", "the U.S.", "GPE", "U.S."),
        ("the 1990s", "the 1990s", "DATE", None),
        ("about 3,000", "3,000", "CARDINAL", None),
        ("tip line \ub274\uc2a4 today", "\ub274\uc2a4", "ORG", None),
        ("said senior officials", "senior", "NORP", None),
    ],
)
def test_span_repairs(text: str, ner: str, label: str, want: str | None) -> None:
    assert repaired(text, ner, label) == want


@pytest.fixture(scope="module")
def mentions_of():
    from storyline.extract import extract
    from storyline.model import Document

    def run(text: str) -> dict[str, str]:
        d = Document(id="t", source="t", raw_text=text, text=text, offsets=[], language="en")
        (ex,) = extract([d])
        for m in ex.mentions:
            assert text[m.start : m.end] == m.text
        return {m.text: m.type for m in ex.mentions}

    return run


def test_agreements_named_by_parties_and_descriptions(mentions_of) -> None:
    got = mentions_of(
        "The ratification of the Arlia-Bosk treaty began. Officials praised the strategic partnership treaty. "
        "He submitted it to the lower house (State Assembly) on Monday."
    )
    assert got.get("Arlia-Bosk treaty") == "LAW"
    assert got.get("strategic partnership treaty") == "LAW"
    assert "lower house" in got
    assert "State Assembly" in got


def test_nationality_joins_the_institution_and_datelines_are_places(mentions_of) -> None:
    got = mentions_of("GENEVA, Oct 9 (Example Wire) — A Russian foreign ministry spokesperson spoke on Monday.")
    assert got.get("Russian foreign ministry") == "ORG"
    assert got.get("GENEVA") == "GPE"


def test_the_other_party_is_not_a_description(mentions_of) -> None:
    got = mentions_of("If one party is attacked, the other party will provide support.")
    assert "other party" not in got
