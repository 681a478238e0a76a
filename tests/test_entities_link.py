"""Entity resolution rules, one by one, on hand-made mentions (no parser involved).

Names here are invented or generic on purpose: the rules must hold for any outlet's articles.
"""

from __future__ import annotations

import pytest

from storyline.link.entities import resolve_entities
from storyline.model import Document, Extraction, LinkResult, Mention

Doc = tuple[Document, Extraction]


def doc(doc_id: str, text: str, *mentions: tuple[str, str]) -> Doc:
    """A document whose mentions are found in order in its text: (surface, type)."""
    ex = Extraction(doc_id=doc_id)
    pos = 0
    for surface, type_ in mentions:
        start = text.index(surface, pos)
        ex.mentions.append(Mention(surface, start, start + len(surface), type_))
        pos = start + 1
    return Document(id=doc_id, source=doc_id, raw_text=text, text=text, offsets=[]), ex


def resolve(
    *docs: Doc, overrides: list[tuple[str, str, str]] = (), stories: list[list[str]] | None = None
) -> LinkResult:
    result = LinkResult()
    scopes = stories if stories is not None else [[d.id for d, _ in docs]]
    resolve_entities([d for d, _ in docs], [e for _, e in docs], result, list(overrides), scopes)
    return result


def eid(result: LinkResult, docs: list[Doc] | Doc, surface: str, nth: int = 0) -> str:
    """The entity of the nth mention with this surface (searched over the given documents)."""
    pairs = docs if isinstance(docs, list) else [docs]
    hits = [(d.id, m) for d, ex in pairs for m in ex.mentions if m.text == surface]
    doc_id, m = hits[nth]
    return result.mention_entity[(doc_id, m.start, m.end)]


# ---- people ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Andrei Volkan", "Andrey Volkan"),
        ("Sergei Marin", "Sergey Marin"),
        ("Aleksandr Petrov", "Alexander Petrov"),
        ("Mohammed Idris", "Muhammad Idris"),
        ("Yuri Kovalchuk", "Yuriy Kovalchuk"),
        ("Mikhail Orlov", "Mihail Orlov"),
        ("Teodora Halić", "Teodora Halic"),
        ("Lee Min-ho", "Lee Min Ho"),
    ],
)
def test_transliteration_and_spelling_variants_are_one_person(a: str, b: str) -> None:
    d1 = doc("d1", f"{a} spoke.", (a, "PERSON"))
    d2 = doc("d2", f"{b} replied.", (b, "PERSON"))
    res = resolve(d1, d2)
    assert eid(res, [d1, d2], a) == eid(res, [d1, d2], b)
    assert len(res.entities) == 1


def test_different_given_names_stay_apart() -> None:
    d1 = doc("d1", "Andrei Volkan and Pavel Volkan met.", ("Andrei Volkan", "PERSON"), ("Pavel Volkan", "PERSON"))
    res = resolve(d1)
    assert eid(res, d1, "Andrei Volkan") != eid(res, d1, "Pavel Volkan")


def test_surname_joins_the_full_name_in_the_same_document() -> None:
    d1 = doc("d1", "President Lena Varga arrived. Varga said no.", ("Lena Varga", "PERSON"), ("Varga", "ORG"))
    res = resolve(d1)
    assert eid(res, d1, "Varga") == eid(res, d1, "Lena Varga")
    assert res.entities[0].name == "Lena Varga"
    assert res.entities[0].type == "PERSON"


def test_surname_first_names_join_too() -> None:
    d1 = doc("d1", "Park Ji-hoon chaired. Park said it was over.", ("Park Ji-hoon", "PERSON"), ("Park", "PERSON"))
    res = resolve(d1)
    assert eid(res, d1, "Park") == eid(res, d1, "Park Ji-hoon")


def test_surname_across_documents_only_when_unambiguous_in_the_story() -> None:
    d1 = doc("d1", "Lena Varga arrived.", ("Lena Varga", "PERSON"))
    d2 = doc("d2", "Varga left.", ("Varga", "PERSON"))
    d3 = doc("d3", "Tomas Varga, her brother, stayed.", ("Tomas Varga", "PERSON"))
    one = resolve(d1, d2)
    assert eid(one, [d1, d2], "Varga") == eid(one, [d1, d2], "Lena Varga")
    two = resolve(d1, d2, d3)
    docs = [d1, d2, d3]
    assert eid(two, docs, "Varga") not in {eid(two, docs, "Lena Varga"), eid(two, docs, "Tomas Varga")}
    # in separate stories the second Varga does not make the first one ambiguous
    split = resolve(d1, d2, d3, stories=[["d1", "d2"], ["d3"]])
    assert eid(split, docs, "Varga") == eid(split, docs, "Lena Varga")


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    d1 = doc(
        "d1",
        "Kim Hae-won met Kim Do-yun. Kim said little.",
        ("Kim Hae-won", "PERSON"),
        ("Kim Do-yun", "PERSON"),
        ("Kim", "PERSON"),
    )
    res = resolve(d1)
    ids = {eid(res, d1, "Kim Hae-won"), eid(res, d1, "Kim Do-yun"), eid(res, d1, "Kim")}
    assert len(ids) == 3


def test_a_person_and_an_organisation_named_after_them_stay_apart() -> None:
    d1 = doc(
        "d1",
        "The Orla Brandt Foundation paid. Orla Brandt was thanked. Brandt smiled.",
        ("Orla Brandt Foundation", "ORG"),
        ("Orla Brandt", "PERSON"),
        ("Brandt", "PERSON"),
    )
    res = resolve(d1)
    assert eid(res, d1, "Orla Brandt Foundation") != eid(res, d1, "Orla Brandt")
    assert eid(res, d1, "Brandt") == eid(res, d1, "Orla Brandt")


def test_a_name_ner_tags_once_as_organisation_follows_the_majority() -> None:
    d1 = doc("d1", "Ivo Marek said yes.", ("Ivo Marek", "PERSON"))
    d2 = doc("d2", "Ivo Marek said no.", ("Ivo Marek", "ORG"))
    res = resolve(d1, d2)
    assert eid(res, [d1, d2], "Ivo Marek") == eid(res, [d1, d2], "Ivo Marek", 1)
    assert res.entities[0].type == "PERSON"


# ---- places and organisations ----------------------------------------------------------------


def test_country_names_and_initials_are_one_country() -> None:
    d1 = doc("d1", "The DPRK fired. North Korea denied.", ("DPRK", "ORG"), ("North Korea", "GPE"))
    d2 = doc("d2", "The U.S. and the United States of America.", ("U.S.", "GPE"), ("United States of America", "GPE"))
    res = resolve(d1, d2)
    assert eid(res, d1, "DPRK") == eid(res, d1, "North Korea")
    assert eid(res, d2, "U.S.") == eid(res, d2, "United States of America")
    assert {e.type for e in res.entities} == {"GPE"}


def test_north_and_south_are_different_countries() -> None:
    d1 = doc("d1", "North Korea and South Korea met.", ("North Korea", "GPE"), ("South Korea", "GPE"))
    res = resolve(d1)
    assert eid(res, d1, "North Korea") != eid(res, d1, "South Korea")


def test_country_nationality_and_ministry_are_three_entities() -> None:
    d1 = doc(
        "d1",
        "Russia said the Russian Foreign Ministry and Russian troops acted.",
        ("Russia", "GPE"),
        ("Russian Foreign Ministry", "ORG"),
        ("Russian", "NORP"),
    )
    res = resolve(d1)
    ids = {eid(res, d1, "Russia"), eid(res, d1, "Russian Foreign Ministry"), eid(res, d1, "Russian")}
    assert len(ids) == 3


def test_organisation_case_article_and_designator_variants() -> None:
    d1 = doc("d1", "The Brel Foreign Ministry and the Kestrel news service.", ("Brel Foreign Ministry", "ORG"))
    d2 = doc("d2", "A Brel foreign ministry spokesman.", ("Brel foreign ministry", "ORG"))
    d3 = doc("d3", "Nova News reported, and NOVA added.", ("Nova News", "ORG"), ("NOVA", "ORG"))
    d4 = doc("d4", "Nova said so.", ("Nova", "ORG"))
    res = resolve(d1, d2, d3, d4)
    docs = [d1, d2, d3, d4]
    assert eid(res, docs, "Brel Foreign Ministry") == eid(res, docs, "Brel foreign ministry")
    assert eid(res, docs, "Nova News") == eid(res, docs, "NOVA") == eid(res, docs, "Nova")


def test_bare_body_joins_the_one_qualified_by_a_country() -> None:
    d1 = doc("d1", "The Russian Federation Council met.", ("Russian Federation Council", "ORG"))
    d2 = doc("d2", "The Federation Council voted.", ("Federation Council", "ORG"))
    res = resolve(d1, d2)
    assert eid(res, [d1, d2], "Federation Council") == eid(res, [d1, d2], "Russian Federation Council")


def test_bare_body_stays_alone_when_two_countries_have_one() -> None:
    d1 = doc("d1", "Ilmoran Foreign Ministry and Dravenian Foreign Ministry.", ("Ilmoran Foreign Ministry", "ORG"),
             ("Dravenian Foreign Ministry", "ORG"))  # fmt: skip
    d2 = doc("d2", "The Foreign Ministry said.", ("Foreign Ministry", "ORG"))
    res = resolve(d1, d2)
    docs = [d1, d2]
    ids = {eid(res, docs, x) for x in ("Ilmoran Foreign Ministry", "Dravenian Foreign Ministry", "Foreign Ministry")}
    assert len(ids) == 3


def test_institutes_sharing_words_stay_apart() -> None:
    d1 = doc(
        "d1",
        "The Korea Institute for National Unification and the Korea Institute for Defense Analyses.",
        ("Korea Institute for National Unification", "ORG"),
        ("Korea Institute for Defense Analyses", "ORG"),
    )
    res = resolve(d1)
    assert eid(res, d1, "Korea Institute for National Unification") != eid(
        res, d1, "Korea Institute for Defense Analyses"
    )


def test_acronym_defined_in_the_text_is_used_in_other_documents() -> None:
    d1 = doc("d1", "the Harbour Workers Union (HWU) struck.", ("Harbour Workers Union", "ORG"), ("HWU", "ORG"))
    d2 = doc("d2", "HWU members voted.", ("HWU", "ORG"))
    res = resolve(d1, d2)
    assert eid(res, [d1, d2], "HWU", 1) == eid(res, [d1, d2], "Harbour Workers Union")


def test_acronym_without_definition_stays_apart() -> None:
    # initials alone are weak evidence ("NBC" is not every National B... C...): only a definition links
    d1 = doc("d1", "The Harbour Workers Union struck.", ("Harbour Workers Union", "ORG"))
    d2 = doc("d2", "HWU members voted.", ("HWU", "ORG"))
    res = resolve(d1, d2)
    assert eid(res, [d1, d2], "HWU") != eid(res, [d1, d2], "Harbour Workers Union")


def test_middle_initials_join_only_when_unambiguous() -> None:
    d1 = doc("d1", "Donald J. Smith spoke.", ("Donald J. Smith", "PERSON"))
    d2 = doc("d2", "Donald Smith left.", ("Donald Smith", "PERSON"))
    d3 = doc("d3", "George W. Hale and George H. W. Hale and George Hale.", ("George W. Hale", "PERSON"),
             ("George H. W. Hale", "PERSON"), ("George Hale", "PERSON"))  # fmt: skip
    res = resolve(d1, d2, d3)
    docs = [d1, d2, d3]
    assert eid(res, docs, "Donald Smith") == eid(res, docs, "Donald J. Smith")
    assert len({eid(res, docs, x) for x in ("George W. Hale", "George H. W. Hale", "George Hale")}) == 3


def test_generic_body_names_do_not_bridge_countries() -> None:
    d1 = doc("d1", "The Arland Supreme Court ruled; the Supreme Court was split.", ("Arland Supreme Court", "ORG"),
             ("Supreme Court", "ORG"))  # fmt: skip
    d2 = doc("d2", "The Bosk Supreme Court ruled; the Supreme Court met.", ("Bosk Supreme Court", "ORG"),
             ("Supreme Court", "ORG"))  # fmt: skip
    d3 = doc("d3", "Arland and Bosk.", ("Arland", "GPE"), ("Bosk", "GPE"))
    res = resolve(d1, d2, d3, stories=[["d1"], ["d2"], ["d3"]])
    docs = [d1, d2]
    assert eid(res, docs, "Supreme Court") == eid(res, docs, "Arland Supreme Court")
    assert eid(res, docs, "Supreme Court", 1) == eid(res, docs, "Bosk Supreme Court")
    assert eid(res, docs, "Arland Supreme Court") != eid(res, docs, "Bosk Supreme Court")


def test_a_word_that_is_no_place_does_not_qualify_a_body() -> None:
    d1 = doc("d1", "Fighters of the Islamic State attacked; the State answered.", ("Islamic State", "ORG"),
             ("State", "ORG"))  # fmt: skip
    res = resolve(d1)
    assert eid(res, d1, "State") != eid(res, d1, "Islamic State")


def test_called_is_not_an_alias() -> None:
    d1 = doc("d1", "Lena Varga called Tomas Rusk a liar.", ("Lena Varga", "PERSON"), ("Tomas Rusk", "PERSON"))
    res = resolve(d1)
    assert eid(res, d1, "Lena Varga") != eid(res, d1, "Tomas Rusk")


def test_text_equations_parenthesis_also_known_as_and_or() -> None:
    d1 = doc(
        "d1",
        "The bill went to the lower house (State Duma) today.",
        ("lower house", "ORG"),
        ("State Duma", "ORG"),
    )
    d2 = doc(
        "d2",
        "The Grand Council, also known as the Velkor, met. The Tide Office, or Marevo, said so.",
        ("Grand Council", "ORG"),
        ("Velkor", "ORG"),
        ("Tide Office", "ORG"),
        ("Marevo", "ORG"),
    )
    res = resolve(d1, d2)
    docs = [d1, d2]
    assert eid(res, docs, "lower house") == eid(res, docs, "State Duma")
    assert eid(res, docs, "Grand Council") == eid(res, docs, "Velkor")
    assert eid(res, docs, "Tide Office") == eid(res, docs, "Marevo")
    assert eid(res, docs, "Grand Council") != eid(res, docs, "Tide Office")


def test_a_place_in_brackets_is_not_a_synonym() -> None:
    d1 = doc("d1", "the Arcadia Bank (Geneva) said.", ("Arcadia Bank", "ORG"), ("Geneva", "GPE"))
    res = resolve(d1)
    assert eid(res, d1, "Arcadia Bank") != eid(res, d1, "Geneva")


def test_chambers_of_parliament_resolve_through_the_story() -> None:
    d1 = doc("d1", "It went to the lower house (State Duma). The Federation Council is next.",
             ("lower house", "ORG"), ("State Duma", "ORG"), ("Federation Council", "ORG"))  # fmt: skip
    d2 = doc("d2", "The Russian House of Representatives will vote.", ("Russian House of Representatives", "ORG"))
    d3 = doc("d3", "Russia's upper house has not voted.", ("Russia", "GPE"), ("upper house", "ORG"))
    res = resolve(d1, d2, d3)
    docs = [d1, d2, d3]
    duma = eid(res, docs, "State Duma")
    assert eid(res, docs, "Russian House of Representatives") == duma
    assert eid(res, docs, "Federation Council") != duma
    assert eid(res, docs, "upper house") != duma
    names = {e.id: e.name for e in res.entities}
    assert names[duma] == "State Duma"  # the specific name, not the generic one


def test_agreements_named_by_parties_subject_or_part_of_the_name() -> None:
    d1 = doc(
        "d1",
        'The "Broad Partnership Treaty" between Arlia and Bosk (the Arlia-Bosk Treaty) was signed.',
        ("Broad Partnership Treaty", "LAW"),
        ("Arlia", "GPE"),
        ("Bosk", "GPE"),
        ("Arlia-Bosk Treaty", "LAW"),
    )
    d2 = doc(
        "d2", "The Arlia treaty and the partnership treaty.", ("Arlia treaty", "LAW"), ("partnership treaty", "LAW")
    )
    d3 = doc("d3", "The Treaty on the broad partnership holds.", ("Treaty on the broad partnership", "LAW"))
    d4 = doc("d4", "The Arlia River is low.", ("Arlia River", "LOC"))
    res = resolve(d1, d2, d3, d4)
    docs = [d1, d2, d3, d4]
    treaty = eid(res, docs, "Broad Partnership Treaty")
    for alias in ("Arlia-Bosk Treaty", "Arlia treaty", "partnership treaty", "Treaty on the broad partnership"):
        assert eid(res, docs, alias) == treaty, alias
    assert eid(res, docs, "Arlia") != treaty
    assert eid(res, docs, "Arlia River") != treaty


def test_a_feature_named_by_its_first_word() -> None:
    d1 = doc(
        "d1", "The Tessaro River is low; the Tessaro is a border.", ("Tessaro River", "LOC"), ("Tessaro", "PERSON")
    )
    res = resolve(d1)
    assert eid(res, d1, "Tessaro") == eid(res, d1, "Tessaro River")
    assert res.entities[0].type == "LOC"


def test_descriptions_join_the_one_body_they_describe() -> None:
    d1 = doc("d1", "It set up a Joint River Commission. The joint commission met.", ("Joint River Commission", "ORG"),
             ("joint commission", "ORG"))  # fmt: skip
    d2 = doc("d2", "The provisional secretariat said.", ("provisional secretariat", "ORG"))
    res = resolve(d1, d2)
    docs = [d1, d2]
    assert eid(res, docs, "joint commission") == eid(res, docs, "Joint River Commission")
    # an unresolved description still gets an entity (every mention has one), of its own
    assert eid(res, docs, "provisional secretariat") not in {eid(res, docs, "Joint River Commission")}


# ---- ids and corrections ---------------------------------------------------------------------


def test_ids_are_stable_and_derived_from_type_and_name() -> None:
    d1 = doc("d1", "Lena Varga met Russia's envoy.", ("Lena Varga", "PERSON"), ("Russia", "GPE"))
    d2 = doc("d2", "Varga left.", ("Varga", "PERSON"))
    first = resolve(d1, d2)
    again = resolve(d2, d1)
    assert first.mention_entity == again.mention_entity
    assert {e.id for e in first.entities} == {"person:lena-varga", "gpe:russia"}


def test_every_mention_has_an_entity() -> None:
    d1 = doc("d1", "Lena Varga, the upper house and XYZ.", ("Lena Varga", "PERSON"), ("upper house", "ORG"),
             ("XYZ", "ORG"))  # fmt: skip
    res = resolve(d1)
    assert len(res.mention_entity) == 3
    assert set(res.mention_entity.values()) <= {e.id for e in res.entities}


def test_overrides_merge_and_split() -> None:
    d1 = doc("d1", "Lena Varga and Lina Varga, and Varga.", ("Lena Varga", "PERSON"), ("Lina Varga", "PERSON"))
    d2 = doc("d2", "Mira Sol and Sol.", ("Mira Sol", "PERSON"), ("Sol", "PERSON"))
    docs = [d1, d2]
    merged = resolve(d1, d2, overrides=[("merge", "person:lena-varga", "Lina Varga")])
    assert eid(merged, docs, "Lena Varga") == eid(merged, docs, "Lina Varga") == "person:lena-varga"
    split = resolve(d1, d2, overrides=[("split", "person:mira-sol", '["Sol"]')])
    assert eid(split, docs, "Sol") != eid(split, docs, "Mira Sol") == "person:mira-sol"
    # a reference that matches nothing is skipped, not an error
    assert resolve(d1, d2, overrides=[("merge", "person:nobody", "person:lena-varga")]).entities
