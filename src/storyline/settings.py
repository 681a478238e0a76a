"""Every threshold and weight of a build, in one place: its default, its unit and why it has that value.

Each group is a frozen dataclass; each setting a field made by ``setting(default, unit, why)``. The
stages read the values in force through ``current()`` (``current().stories.window_days``); a build
started with ``storyline build --config FILE`` reads a TOML file of overrides first::

    [stories]
    window_days = 21          # a week less than the default

    [events]
    merge_dated = 3.5

``docs/settings.md`` is written from this module (``python -m storyline.settings > docs/settings.md``);
``tests/test_settings.py`` fails when a setting lacks its unit or its reason, or the page is out of date.

What stays a module constant is not a judgement a user could tune: the layout of stored data (MinHash
bands, embedding size), the format limits that keep readers linear on hostile input (line and header
lengths), and how the web pages are laid out.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def setting(default: Any, unit: str, why: str) -> Any:
    """A field of a settings group: its default, the unit its value counts in, and one line of why."""
    if isinstance(default, dict):
        frozen = dict(default)
        return field(default_factory=lambda: dict(frozen), metadata={"unit": unit, "why": why})
    return field(default=default, metadata={"unit": unit, "why": why})


@dataclass(frozen=True)
class BuildSettings:
    """How `storyline build` moves documents through the stages (``storyline.pipeline``)."""

    batch_size: int = setting(64, "documents", "per extraction batch and per store transaction (`--batch-size`)")
    max_bytes: int = setting(5_000_000, "bytes", "files and pages larger than this are skipped (`--max-bytes`)")
    cluster_batch: int = setting(2000, "documents", "clustered at a time: bounds the features held in memory")
    link_chunk: int = setting(5000, "documents", "linked together at most (whole storylines; a bigger one goes alone)")


@dataclass(frozen=True)
class IngestSettings:
    """Reading articles (``storyline.ingest``): language, encodings, tokenised research text."""

    short_text: int = setting(200, "characters", "shorter texts are classified among the big news languages only")
    language_sure: float = setting(0.95, "probability", "below it the language model's answer is checked again")
    max_control_share: float = setting(0.01, "share", "text has almost no control characters; binary data ~10 %")
    min_zero_share: float = setting(0.1, "share", "of UTF-16 code units with a zero high byte, to call text UTF-16")
    max_zero_low_share: float = setting(0.05, "share", "... and few with a zero low byte (rare letters such as 'Ā')")
    tokenised_marks: int = setting(3, "tokens", "PTB brackets an article must show before it is rejoined")


@dataclass(frozen=True)
class ExtractSettings:
    """How far the extraction rules look in a parse (``storyline.extract``); they run on the Dask workers too."""

    modality_climb: int = setting(12, "tokens", "heads climbed from an event's verb to the cue that makes it reported")
    attribution_climb: int = setting(14, "tokens", "heads climbed from a figure to the verb that attributes it")
    pronoun_reach: int = setting(1500, "characters", "back to the person a pronoun stands for: about a paragraph")
    unit_clause_tokens: int = setting(
        6, "tokens", "a longer participle phrase describes the thing counted, not its unit"
    )
    summary_tokens: int = setting(28, "tokens", "an event's summary is cut here, with '…'")
    said_tokens: int = setting(16, "tokens", "of what was said kept in a statement's summary")
    quote_words: int = setting(18, "words", "of a quotation kept in the summary of the statement it makes")
    caption_label_chars: int = setting(80, "characters", "a caption's label ('[Name, title / March 3: ') is no longer")


@dataclass(frozen=True)
class ForeignSettings:
    """How the rules read articles in other languages without a parse (``storyline.extract.foreign``, and the
    time tagger's other languages); they run on the Dask workers too."""

    max_name_words: int = setting(4, "words", "a longer run of capitalised words is a headline or a title, not a name")
    titled_words: int = setting(3, "words", "taken as a name after (or before) a title ('대통령', 'الرئيس')")
    compound_org_letters: int = setting(
        10, "letters", "one organisation word this long names a body ('Volksforum'); a shorter one describes"
    )
    min_stem: int = setting(
        4, "letters", "a shorter stem of a place name matches only exactly: short stems meet easily"
    )
    quote_min_words: int = setting(2, "words", "a quotation of fewer words (spaced scripts) is a name or a scare quote")
    quote_min_chars: int = setting(4, "characters", "... of fewer characters (Japanese, Chinese)")
    partial_quote_share: float = setting(
        0.5, "share", "a quotation covering less of its reported clause belongs to the clause (indirect speech)"
    )
    speaker_reach: int = setting(60, "characters", "after a reporting verb where the speaker it introduces may start")
    words_before_speaker: int = setting(
        4, "words", "an article, a title, an adjective: between such a verb and its speaker"
    )
    negation_window: int = setting(12, "characters", "around an event's trigger where a negation denies the event")
    event_summary_chars: int = setting(200, "characters", "an event's summary (its sentence) is cut here, with '…'")
    unit_gap: int = setting(3, "characters", "between a number (with its scale word) and the unit it counts")
    tally_gap: int = setting(16, "characters", "between the two figures of a tally ('96 voix contre 71')")
    troop_sentences: int = setting(2, "sentences", "before a count of people that may say it counts troops")
    month_ahead_days: int = setting(
        62, "days", "a month without a year this far after publication is last year's, unless the sentence announces"
    )


@dataclass(frozen=True)
class FetchDefaults:
    """Fetching politely (``storyline.ingest.sources``): what a news site's operators would accept."""

    delay_s: float = setting(1.0, "seconds", "between two requests to one host, as polite crawlers wait (`--delay`)")
    per_host: int = setting(2, "requests", "in flight to one host: a slow page holds up no other (`--per-host`)")
    concurrency: int = setting(8, "requests", "in flight over all hosts: the fetching threads (`--concurrency`)")
    max_crawl_delay_s: float = setting(
        60.0, "seconds", "longest robots.txt Crawl-delay honoured; slower sites still read"
    )
    connect_timeout_s: float = setting(10.0, "seconds", "to open a connection before the try counts as failed")
    timeout_s: float = setting(30.0, "seconds", "for a whole response; a slower one is tried again (`--timeout`)")
    retries: int = setting(2, "tries", "after a timeout, connection error, 429 or 5xx: transient failures pass")
    backoff_s: float = setting(2.0, "seconds", "before the first retry, doubled for each next one")
    max_retry_after_s: float = setting(120.0, "seconds", "longest Retry-After waited for; a longer one fails the page")
    max_redirects: int = setting(5, "redirects", "followed for one URL, each hop checked like the first")
    max_source_bytes: int = setting(50 * 1024 * 1024, "bytes", "largest feed, sitemap or URL list: the sitemap limit")
    max_robots_bytes: int = setting(500 * 1024, "bytes", "of robots.txt read, as RFC 9309 asks")
    max_source_depth: int = setting(
        3, "levels", "of sources naming sources (a list naming a sitemap index naming sitemaps)"
    )


@dataclass(frozen=True)
class DuplicateSettings:
    """Reprints and near-duplicates (``storyline.link.duplicates``)."""

    min_jaccard: float = setting(0.6, "Jaccard", "a reprint with a new header, footer or a few edits stays above this")
    min_containment: float = setting(0.85, "share", "of a trimmed reprint's shingles inside the original")
    min_jaccard_contained: float = setting(0.4, "Jaccard", "... which must still resemble it this much")
    min_shingles: int = setting(20, "shingles", "a few lines say too little to call two articles copies")


@dataclass(frozen=True)
class ScriptSettings:
    """Names compared across scripts by their consonant skeletons (``storyline.transliterate``): actors
    (``link.entities.crosslang``) and the known actors an article in another language names, for stories and
    storylines (``link.script_keys``)."""

    min_skeleton: int = setting(3, "consonant classes", "a shorter skeleton says too little to join names on its own")
    corpus_strength: int = setting(
        6, "consonant classes", "a full name needs this many to join an actor outside its own story"
    )
    joined_strength: int = setting(
        4, "consonant classes", "a name written without spaces ('김민서') needs this many to match one of several words"
    )
    run_words: int = setting(3, "words", "longest run of a name's words compared with a known actor's key")
    max_readings: int = setting(
        64, "readings", "skeleton combinations tried for one run of words (inflections multiply them): bounds the work"
    )


@dataclass(frozen=True)
class StorySettings:
    """Putting articles in stories (``storyline.link.stories``)."""

    window_days: int = setting(30, "days", "an article joins a story whose dated articles lie this near it")
    gap_penalty: float = setting(0.1, "score per window", "lost per window_days between an article and a story's span")
    min_content: float = setting(0.45, "cosine", "lead embeddings less alike than this never share a story")
    join: float = setting(0.74, "score", "content + actor_weight × actors needed to join a story")
    actor_weight: float = setting(0.75, "weight", "of the shared people and organisations, weighted by rarity")
    top_content: int = setting(5, "stories", "best by content, whose actors are compared with an article")
    max_candidates: int = setting(4096, "stories", "most recently active, compared with one article: bounds the work")
    idf_prior: int = setting(50, "articles", "IDF as if this many more articles named none of the actors")
    profile_keys: int = setting(300, "keys", "actors and key terms kept per story (the most frequent)")
    disjoint_actors: int = setting(3, "actors", "two reports each naming this many, none in common, are two events")
    disjoint_penalty: float = setting(0.1, "score", "... and need this much more content to share a story")
    ref_min_days: int = setting(7, "days", "a date this long before an article is a reference back, not its news")
    type_weights: dict[str, float] = setting(  # noqa: RUF009 - setting() gives a default_factory for dicts
        {"PERSON": 1.0, "ORG": 1.0, "FAC": 1.0, "EVENT": 1.0, "LAW": 1.0, "GPE": 0.5, "LOC": 0.5, "NORP": 0.3},
        "weight",
        "per actor type: places are shared by neighbouring stories and count less",
    )


@dataclass(frozen=True)
class StorylineSettings:
    """Stories into storylines (``storyline.link.storylines``)."""

    join: float = setting(0.65, "score", "a story needs this to join a storyline")
    key_weight: float = setting(0.3, "weight", "of the shared actors and of the shared key terms (each 0..1)")
    min_content: float = setting(0.45, "cosine", "storylines less alike in content are not candidates")
    candidates: int = setting(8, "storylines", "best by content, whose actors and terms are compared")
    sticky: float = setting(0.05, "score", "bonus for a story's storyline of the last build: ids stay stable")
    gap_weight: float = setting(0.05, "score", "lost per unit of log(1 + days between the spans / gap_days)")
    gap_days: float = setting(7.0, "days", "the unit of the gap penalty: a week apart costs little")
    merge: float = setting(1.05, "score", "two storylines need this to become one")
    merge_key_weight: float = setting(0.5, "weight", "of the cores' actors and terms when merging")
    merge_min_content: float = setting(0.55, "cosine", "storylines less alike in content never merge")
    merge_gap_days: float = setting(30.0, "days", "the unit of the gap penalty when merging")
    core_share: float = setting(0.2, "share", "of its articles that must name a key for it to be in a storyline's core")
    own_keys: int = setting(10, "keys", "a story's main actors (and terms) compared: its most frequent, rarest first")
    full_share: float = setting(0.5, "share", "of its articles naming a key for a storyline to have it fully")
    rarity_prior: int = setting(20, "stories", "rarity as if this many more stories named none of the keys")
    distinct_actors: int = setting(3, "actors", "a story naming this many main actors, and a storyline as many ...")
    distinct_share: float = setting(0.5, "share", "... of which a storyline names less than this ...")
    distinct_penalty: float = setting(0.1, "score", "... loses this: a leader's visit is not his treaty elsewhere")
    distinct_core: float = setting(0.1, "cosine", "storylines with actor cores less alike are about different actors")
    ref_weight: float = setting(0.3, "weight", "of the back-references (0..1) to a storyline's earlier days")
    full_refs: int = setting(2, "references", "distinct references back to a storyline's days that count fully")
    month_ref_weight: float = setting(0.5, "references", "a month referred back to ('in June') says less than a day")


@dataclass(frozen=True)
class EventSettings:
    """Merging event mentions into timeline entries (``storyline.link.events``); the score's weights."""

    merge_dated: float = setting(3.0, "score", "two mentions with overlapping dates tell one event from here")
    merge_undated: float = setting(4.0, "score", "... when one of them is undated: more evidence needed")
    merge_only: float = setting(3.0, "score", "... when the entry is the only one of its block it shares anything with")
    clear_margin: float = setting(1.0, "score", "an undated mention joins only the entry it fits this much better")
    forecast_slack_days: int = setting(45, "days", "an outcome this near a forecast's window still answers it")
    same_words: float = setting(0.8, "Jaccard", "summaries this alike tell one event whatever else is known")
    shared_agents: float = setting(2.0, "score", "the same doer (or a person and the institution they speak for)")
    shared_patients: float = setting(1.5, "score", "the same people or things acted on")
    once_patients: float = setting(1.0, "score", "a one-off kind about the same thing: a treaty is signed once")
    same_voice: float = setting(2.0, "score", "told inside quotations of one speaker on one day")
    same_object: float = setting(1.5, "score", "the same object noun ('the bill')")
    shared_theme: float = setting(1.0, "score", "a shared theme noun, when the objects differ or are unsaid")
    same_type: float = setting(1.0, "score", "the same event type")
    once_agents: float = setting(1.0, "score", "... of a one-off kind by the same doers: likely one event")
    undated_theme: float = setting(1.0, "score", "... undated, about one thing, doers unsaid on one side")
    words: float = setting(2.0, "score per Jaccard", "times the word overlap of the summaries")
    dated: float = setting(1.0, "score", "both dated (and compatible): the dates agree")
    same_day: float = setting(1.5, "score", "nothing else in common but the same day and kind")
    bucket: int = setting(200, "entries", "latest entries of a blocking key compared: merging stays near-linear")
    conflict_days: int = setting(60, "days", "two dates of one one-off event this far apart are a disagreement")
    summary_words: tuple[int, int] = setting((4, 22), "words", "an entry's summary reads best between these lengths")
    forecast_gap_days: float = setting(
        100, "days", "a gap this long costs a forecast's outcome as much as one shared actor"
    )
    undated_forecast_shared: int = setting(2, "actors", "an undated forecast answers an outcome sharing this many")


@dataclass(frozen=True)
class DisagreementSettings:
    """Where sources disagree (``storyline.link.disagreements``)."""

    max_positions: int = setting(8, "positions", "sides listed per disagreement: enough to see who says what")
    shared_context: int = setting(1, "words", "content words two figures' sentences share beyond what is counted")
    max_ratio: float = setting(20, "ratio", "figures further apart than this count different things")
    small_count: int = setting(10, "count", "'3 ways' and '2 ways' in two articles are seldom about one thing")
    about_range: tuple[float, float] = setting((0.9, 1.1), "factors", "what 'about 1,200' covers: a tenth either way")
    exact_range: tuple[float, float] = setting((0.995, 1.005), "factors", "what a plain figure covers: its rounding")
    long_unit_words: int = setting(4, "words", "a unit longer than this names its topic badly; a shorter one is chosen")


@dataclass(frozen=True)
class EchoSettings:
    """Quotations that repeat an entry's saying (``storyline.link.echoes``)."""

    min_shared: int = setting(3, "words", "content words a quotation shares with the saying")
    min_jaccard: float = setting(0.25, "Jaccard", "... and this share of their words")
    per_speaker: int = setting(200, "quotations", "of one speaker compared at most (the latest): bounds the work")
    max_owned: int = setting(50, "quotations", "of an entry's speaker it is compared through at most")


@dataclass(frozen=True)
class TimelineSettings:
    """What a reader sees first: minor entries, key entries and key dates, titles and leads (``storyline.link``)."""

    minor_words: int = setting(3, "words", "an undated one-article summary shorter than this is folded")
    key_dates: int = setting(10, "days", "key dates listed per storyline")
    key_events: int = setting(10, "entries", "entries marked key per storyline")
    later_days: int = setting(2, "days", "an article this many days after a day refers back to it")
    later_bonus: float = setting(0.5, "articles", "extra weight of such a retrospective reference")
    outlet_weight: float = setting(0.5, "articles", "an entry's salience per outlet that tells it")
    milestone_bonus: float = setting(1.0, "articles", "an entry of a one-off kind (signing, ratification)")
    summary_words: tuple[int, int] = setting((5, 50), "words", "shorter or longer sentences never summarize a day")
    summary_length_exponent: float = setting(0.5, "exponent", "longer sentences are discounted by length ** this")
    summary_redundant: float = setting(0.3, "share", "of words shared with a chosen sentence that makes one redundant")
    summary_opening: int = setting(
        5, "sentences", "an article's first, unless they date another day, may summarize the day it was published"
    )
    lead_events: int = setting(3, "sentences", "in a story's lead: one per most covered event")
    lead_sentence_words: tuple[int, int] = setting(
        (6, 45), "words", "a lead sentence is prose: not a caption, not a block"
    )
    lead_long_words: int = setting(
        35, "words", "longer lead sentences are taken only when no shorter one tells the event"
    )
    title_max_chars: int = setting(
        160, "characters", "a longer given title is a paragraph pasted as one, not a headline"
    )
    headline_agreement: float = setting(0.25, "Jaccard", "two headlines this alike tell the same thing")
    title_min_words: int = setting(3, "words", "a headline says something: at least this many words")
    title_max_words: int = setting(16, "words", "a longer title is cut at a clause boundary")
    title_max_capitals: float = setting(0.7, "share", "of capitalised words above which a segment is a name list")
    lead_words: int = setting(120, "words", "of the body read after the headline for a story's key terms")
    min_letters: int = setting(4, "letters", "shorter words are mostly function words in the languages stemmed")


@dataclass(frozen=True)
class Settings:
    """Every group; ``storyline build --config FILE`` overrides any of them (TOML: one table per group)."""

    build: BuildSettings = field(default_factory=BuildSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    foreign: ForeignSettings = field(default_factory=ForeignSettings)
    fetch: FetchDefaults = field(default_factory=FetchDefaults)
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)
    scripts: ScriptSettings = field(default_factory=ScriptSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    storylines: StorylineSettings = field(default_factory=StorylineSettings)
    events: EventSettings = field(default_factory=EventSettings)
    disagreements: DisagreementSettings = field(default_factory=DisagreementSettings)
    echoes: EchoSettings = field(default_factory=EchoSettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the setting."""


_lock = threading.Lock()
_current = Settings()


def current() -> Settings:
    """The settings in force (the defaults unless ``use`` or ``--config`` set others)."""
    return _current


def install(settings: Settings) -> None:
    """Make ``settings`` the ones in force in this process (a Dask worker, a command's run)."""
    global _current
    with _lock:
        _current = settings


@contextmanager
def use(settings: Settings) -> Iterator[Settings]:
    """The given settings in force inside the block, the previous ones after it."""
    previous = current()
    install(settings)
    try:
        yield settings
    finally:
        install(previous)


def _checked(value: Any, default: Any, where: str) -> Any:
    """``value`` as the type of ``default``; SettingsError when it is not one."""
    if isinstance(value, bool) or isinstance(default, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok, value = isinstance(value, int | float), float(value) if isinstance(value, int | float) else value
    elif isinstance(default, int):
        ok = isinstance(value, int)
    elif isinstance(default, tuple):
        ok = isinstance(value, list) and len(value) == len(default)
        if ok:
            value = tuple(_checked(v, d, where) for v, d in zip(value, default, strict=True))
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
        if ok:
            value = {str(k): _checked(v, 1.0, f"{where}.{k}") for k, v in value.items()}
    else:
        ok = False
    if not ok:
        size = len(default) if isinstance(default, tuple) else 0
        kind = {bool: "true or false", int: "an integer", float: "a number", tuple: f"a list of {size} values",
                dict: "a table of numbers"}.get(type(default), type(default).__name__)  # fmt: skip
        raise SettingsError(f"{where} must be {kind} like {_shown(default)}, not {value!r}")
    return value


def from_mapping(data: dict[str, Any], base: Settings | None = None, source: str = "settings") -> Settings:
    """``base`` (the defaults) with the values of ``data`` ({group: {name: value}}), each checked."""
    base = base or Settings()
    groups = {f.name: getattr(base, f.name) for f in fields(base)}
    changed: dict[str, Any] = {}
    for group, values in data.items():
        if group not in groups:
            raise SettingsError(f"{source}: unknown group [{group}] (known: {', '.join(groups)})")
        if not isinstance(values, dict):
            raise SettingsError(f"{source}: [{group}] must be a table of settings")
        known = {f.name: getattr(groups[group], f.name) for f in fields(groups[group])}
        for name in values:
            if name not in known:
                raise SettingsError(f"{source}: unknown setting {group}.{name} (see docs/settings.md)")
        checked = {n: _checked(v, known[n], f"{source}: {group}.{n}") for n, v in values.items()}
        changed[group] = dataclasses.replace(groups[group], **checked)
    return dataclasses.replace(base, **changed)


def load(path: Path) -> Settings:
    """The defaults with the overrides of a TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the settings file ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not a TOML file ({exc})") from exc
    return from_mapping(data, source=str(path))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {v}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, int) and value >= 10_000:
        return f"{value:_}"
    return repr(value)


def markdown(settings: Settings | None = None) -> str:
    """docs/settings.md: every group and setting with its default, unit and why."""
    settings = settings or Settings()
    lines = [
        "# Settings",
        "",
        "Every threshold and weight of a build, written from `src/storyline/settings.py`",
        "(`python -m storyline.settings > docs/settings.md`). Override any of them with",
        "`storyline build --config FILE`, a TOML file with one table per group:",
        "",
        "```toml",
        "[stories]",
        "window_days = 21",
        "",
        "[events]",
        "merge_dated = 3.5",
        "```",
        "",
        "Command-line options (`--batch-size`, `--max-bytes`, `--delay`, ...) win over the file.",
    ]
    for g in fields(settings):
        group = getattr(settings, g.name)
        doc = (type(group).__doc__ or "").strip()
        lines += [
            "",
            f"## `[{g.name}]`",
            "",
            doc,
            "",
            "| setting | default | unit | why |",
            "| --- | --- | --- | --- |",
        ]
        for f in fields(group):
            why = f.metadata["why"].replace("|", "\\|")
            lines.append(f"| `{f.name}` | `{_shown(getattr(group, f.name))}` | {f.metadata['unit']} | {why} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
