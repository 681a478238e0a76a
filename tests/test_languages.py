"""Articles in other languages: names, quotes, figures and events read with per-language resources.

Every sentence here is invented for the test (places such as "Tarvelia" do not exist); none comes
from the seed articles or the sample corpora.
"""

from __future__ import annotations

import pytest

from storyline.extract import STEPS, extract, foreign
from storyline.extract.foreign.gazetteer import lookup
from storyline.extract.languages import EVENT_TYPES, load, supported
from storyline.model import Document, Extraction
from storyline.transliterate import joined_skeleton, latin_key, word_skeletons

PUBLISHED = "2025-03-12"
REQUIRED = {"de", "fr", "es", "it", "pt", "ru", "ko", "ja", "zh", "ar", "id"}


def read(text: str, lang: str, published: str | None = PUBLISHED) -> Extraction:
    """The foreign steps over one invented article, as `extract` runs them (no English parse)."""
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=[(0, 0, len(text))], language=lang,
                   published=published)  # fmt: skip
    ex = Extraction(doc_id="t", language=lang)
    steps = [s for s in STEPS if s.runs_on(None)]
    assert [s.name for s in steps] == ["foreign_sentences", "foreign_mentions", "time_expressions", "foreign_quotes",
                                       "foreign_events", "foreign_claims"]  # fmt: skip
    for step in steps:
        step(doc, None, ex)
    return ex


def names(ex: Extraction) -> dict[str, str]:
    return {m.text: m.type for m in ex.mentions}


# ---- resources ---------------------------------------------------------------------------------


def test_every_required_language_has_marks_frames_numbers_units_and_triggers() -> None:
    assert REQUIRED <= set(supported())
    for code in REQUIRED:
        pack = load(code)
        assert pack is not None and pack.quote_marks, code
        assert pack.words("say") is not None, code
        assert pack.table("scales") and pack.table("units"), code
        assert set(pack.triggers()) == set(EVENT_TYPES), code
    assert load("pt-BR") is load("pt") and load("xx") is None and load(None) is None


# ---- names across scripts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "lang"),
    [("Oskar", "en"), ("Оскар", "ru"), ("오스카르", "ko"), ("オスカル", "ja"), ("أوسكار", "ar"), ("Όσκαρ", "el")],
)
def test_one_name_has_one_skeleton_in_every_script(word: str, lang: str) -> None:
    assert "VSKR" in word_skeletons(word, lang)


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("Lindqvar", "en"),
        ("Lindkwar", "de"),
        ("Линдквара", "ru"),
        ("린드크바르", "ko"),
        ("リンドクヴァル", "ja"),
        ("ليندكفار", "ar"),
    ],
)
def test_inflection_and_spelling_do_not_change_the_skeleton(word: str, lang: str) -> None:
    assert "RNTKBR" in word_skeletons(word, lang)


def test_different_names_keep_different_skeletons() -> None:
    assert word_skeletons("Oskar", "en") != word_skeletons("Aksel", "en")
    assert joined_skeleton("김민서", "ko") == joined_skeleton("Kim Min Seo", "en")
    assert latin_key("Оскар Линдквар") == "oskar lindkvar"


def test_countries_and_cities_in_every_locale_and_case() -> None:
    assert lookup("ru", "Германией").code == "DE"  # type: ignore[union-attr]
    assert lookup("ko", "독일").code == "DE"  # type: ignore[union-attr]
    assert lookup("ar", "وألمانيا").code == "DE"  # type: ignore[union-attr]
    assert lookup("de", "Frankreichs").code == "FR"  # type: ignore[union-attr]
    assert lookup("ja", "パリ").english == "Paris"  # type: ignore[union-attr]
    assert lookup("ru", "Тарвелии") is None


def test_capitalised_names_titles_and_places_in_latin_and_cyrillic_scripts() -> None:
    de = names(read("TORNAU. Außenministerin Greta Holmvik traf am Montag in Tornau ein. Holmvik sprach lange.", "de"))
    assert de["Greta Holmvik"] == "PERSON" and de["Holmvik"] == "PERSON"
    assert de["Tornau"] == "GPE" and de["TORNAU"] == "GPE"
    ru = names(read("Министр Оскар Линдквар прибыл в Тарвелию. Визит Линдквара продлится два дня.", "ru"))
    assert ru["Оскар Линдквар"] == "PERSON" and ru["Линдквара"] == "PERSON"
    assert ru["Тарвелию"] == "GPE"


def test_names_in_scripts_without_capitals() -> None:
    ko = names(read("오스카르 린드크바르 타르벨리아 외무장관은 어제 도착했다. 린드크바르 장관은 곧 떠난다.", "ko"))
    assert ko["오스카르 린드크바르"] == "PERSON" and ko["린드크바르"] == "PERSON"
    assert ko["타르벨리아"] == "MISC"  # a place-like word before the title: kept only if it names a known actor
    ja = names(read("オスカル・リンドクヴァル外相は、タルベリア連邦の首都を訪問した。", "ja"))
    assert ja["オスカル・リンドクヴァル"] == "PERSON" and ja["タルベリア連邦"] == "GPE"
    ar = names(read("وقال وزير الخارجية التارفيلي أوسكار ليندكفار إن المحادثات مفيدة.", "ar"))
    assert ar["أوسكار ليندكفار"] == "PERSON"


def test_english_documents_pay_nothing() -> None:
    """The foreign steps never run on English text, and return at once if called: extraction is the same with or
    without them."""
    text = "Minister Greta Holmvik said on Monday that 3,000 troops would arrive in Tornau."
    doc = Document(id="e", source="e", raw_text=text, text=text, offsets=[(0, 0, len(text))], language="en",
                   published=PUBLISHED)  # fmt: skip
    english = [s for s in STEPS if s.docs != "unparsed"]
    assert len(english) < len(STEPS)
    parsed = extract([doc], steps=[])[0]  # no step at all: nothing found
    for step in STEPS:
        if step.docs == "unparsed":
            step(doc, None, parsed)  # on English text, even without a parse, a foreign step finds nothing
    assert not (parsed.sentences or parsed.mentions or parsed.quotes or parsed.claims or parsed.events)
    with_foreign, without = extract([doc])[0], extract([doc], steps=english)[0]
    assert with_foreign.mentions == without.mentions and with_foreign.quotes == without.quotes
    assert with_foreign.claims == without.claims and with_foreign.events == without.events
    assert foreign.pack_for(doc, None) is None


# ---- quotes ------------------------------------------------------------------------------------

QUOTES = [
    ("de", "„Wir bleiben in Tornau, solange man uns braucht“, sagte Greta Holmvik.", "Greta Holmvik", "direct"),
    ("fr", "« Nous resterons à Tornau aussi longtemps qu'il le faudra », a déclaré la ministre Greta Holmvik.",
     "Greta Holmvik", "direct"),
    ("es", "Según Greta Holmvik, las tropas se quedarán en Tornau hasta la primavera.", "Greta Holmvik", "indirect"),
    ("it", "«Resteremo a Tornau finché servirà», ha detto il ministro Greta Holmvik.", "Greta Holmvik", "direct"),
    ("pt", "“Ficaremos em Tornau enquanto for preciso”, disse a ministra Greta Holmvik.", "Greta Holmvik", "direct"),
    ("ru", "«Мы останемся в Торнау столько, сколько нужно», — заявил министр Оскар Линдквар.", "Оскар Линдквар",
     "direct"),
    ("ru", "По словам министра Оскара Линдквара, войска останутся в Торнау до весны.", "Оскара Линдквара", "indirect"),
    ("ko", '오스카르 린드크바르 외무장관은 "필요한 만큼 머물겠다"고 말했다.', "오스카르 린드크바르", "direct"),
    ("ja", "オスカル・リンドクヴァル外相は「必要な限り駐留を続ける」と述べた。", "オスカル・リンドクヴァル", "direct"),
    ("zh", "外交部长奥斯卡·林德克瓦尔表示：“我们将在必要时继续驻留。”", "奥斯卡·林德克瓦尔", "direct"),
    ("ar", 'وقال وزير الخارجية أوسكار ليندكفار: "سنبقى ما دامت هناك حاجة إلينا".', "أوسكار ليندكفار", "direct"),
    ("id", "“Kami akan tetap di Tornau selama dibutuhkan,” kata menteri Greta Holmvik.", "Greta Holmvik", "direct"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "kind"), QUOTES)
def test_quotes_by_the_marks_and_frames_of_each_language(lang: str, text: str, speaker: str, kind: str) -> None:
    found = read(text, lang).quotes
    assert [(q.speaker_name, q.kind, q.language) for q in found] == [(speaker, kind, lang)]
    assert found[0].speaker_start is not None
    assert found[0].text and found[0].text in text  # kept in its language, as written


def test_a_pronoun_speaks_for_the_last_person_and_a_name_in_quotes_is_no_quote() -> None:
    text = "Greta Holmvik traf die Partei „Neues Forum“. „Wir bleiben in Tornau, solange man uns braucht“, sagte sie."
    found = read(text, "de").quotes
    assert [(q.speaker_name, q.text) for q in found] == [
        ("Greta Holmvik", "Wir bleiben in Tornau, solange man uns braucht")
    ]


def test_a_short_quotation_inside_a_reported_clause_belongs_to_the_clause() -> None:
    text = "Оскар Линдквар заявил, что Тарвелия оставляет за собой право «принять меры»."
    (q,) = read(text, "ru").quotes
    assert q.kind == "indirect" and q.text.startswith("Тарвелия оставляет")


def test_a_broadcast_caption_quotes_its_speaker() -> None:
    text = "[오스카르 린드크바르 / 타르벨리아 외무장관 : 필요한 만큼 머물겠습니다.]"
    (q,) = read(text, "ko").quotes
    assert q.speaker_name == "오스카르 린드크바르" and q.kind == "direct"


# ---- figures -------------------------------------------------------------------------------------

FIGURES = [
    ("ja", "政府によると、約1万人の兵士が派遣された。", 10000, "troop"),
    ("ko", "파견 병력은 1만 명에 이를 것이라고 밝혔다.", 10000, "troop"),
    ("ru", "В провинцию могут перебросить до 10 тысяч военных.", 10000, "troop"),
    ("de", "Dort sind 10.000 Soldaten stationiert.", 10000, "troop"),
    ("fr", "Quelque 3 000 soldats sont arrivés.", 3000, "troop"),
    ("es", "Son 3.000 soldados en total.", 3000, "troop"),
    ("ar", "ويبلغ عدد القوات نحو ٣ آلاف جندي.", 3000, "troop"),
    ("ar", "وتبلغ الكمية ٢٫٥ مليار متر مكعب سنويا.", 2.5e9, "cubic metre"),
    ("ko", "연간 35억㎥를 공급한다.", 3.5e9, "cubic metre"),
    ("id", "Sekitar 1,2 juta orang mengungsi.", 1.2e6, "people"),
]


@pytest.mark.parametrize(("lang", "text", "value", "subject"), FIGURES)
def test_figures_read_in_every_language_share_a_value_and_a_subject(lang: str, text: str, value: float,
                                                                   subject: str) -> None:  # fmt: skip
    found = [(c.quantity, c.subject, c.language) for c in read(text, lang).claims]
    assert (value, subject, lang) in found


def test_qualifiers_tallies_time_units_and_codes() -> None:
    ex = read("Der Antrag wurde mit 96 Stimmen gegen 71 angenommen. Die Sitzung dauerte 3 Stunden.", "de")
    assert [(c.quantity, c.qualifier) for c in ex.claims] == [(96.0, "96–71"), (71.0, "96–71")]
    (c,) = read("Около 3 тысяч военнослужащих прибыли. Звоните 02-000-1234.", "ru").claims
    assert c.qualifier == "about" and c.quantity == 3000


def test_a_figure_in_a_quotation_is_its_speakers() -> None:
    (c,) = read("„Es sind 3.000 Soldaten“, sagte Greta Holmvik am Dienstag.", "de").claims
    assert c.attributed_to == "Greta Holmvik" and c.date == "2025-03-11"


# ---- events --------------------------------------------------------------------------------------


def test_events_of_clear_types_take_their_own_dates() -> None:
    ex = read("Präsident Ilja Marek und sein Gast unterzeichneten am 10. März in Tornau einen Vertrag.", "de")
    (ev,) = ex.events
    assert (ev.type, ev.date, ev.modality) == ("sign", "2025-03-10", "asserted")
    assert ev.attributes.telling.language == "de" and ev.attributes.roles.agents
    (ev,) = read("Die Abstimmung soll am 20. März stattfinden.", "de").events
    assert (ev.type, ev.modality, ev.date) == ("vote", "expected", "2025-03-20")


def test_no_event_from_a_quotation_and_no_deployment_without_troops() -> None:
    assert not read("„Wir werden den Vertrag nie unterzeichnen“, sagte Greta Holmvik.", "de").events
    assert not read("Der Minister ist in Tornau eingetroffen und hat ein Büro verlegt.", "de").events
    (ev,) = read("Tarvelia stationierte im Februar 3.000 Soldaten in Tornau.", "de").events
    assert ev.type == "deploy" and ev.date == "2025-02"


def test_a_dated_saying_is_a_statement_on_the_timeline() -> None:
    ex = read('오스카르 린드크바르 외무장관은 10일 "필요한 만큼 머물겠다"고 말했다.', "ko")
    (st,) = [e for e in ex.events if e.type == "statement"]
    assert st.date == "2025-03-10" and st.actors == ["오스카르 린드크바르"]
