"""Quote speakers → entities: the named mention a quote's speaker was anchored on decides its entity."""

from __future__ import annotations

from storyline.model import Extraction, LinkResult


def link_quote_speakers(extractions: list[Extraction], result: LinkResult) -> None:
    """Set ``result.quote_speaker[quote id]`` from ``result.mention_entity`` (after entity resolution).

    A quote anchored on a mention takes that mention's entity; one without an anchor takes the entity
    of a mention of the same document spelled like its speaker's name, if there is exactly one.
    """
    for ex in extractions:
        by_name: dict[str, set[str]] = {}
        for m in ex.mentions:
            eid = result.mention_entity.get((ex.doc_id, m.start, m.end))
            if eid:
                by_name.setdefault(m.text, set()).add(eid)
        for q in ex.quotes:
            eid = None
            if q.speaker_start is not None and q.speaker_end is not None:
                eid = result.mention_entity.get((ex.doc_id, q.speaker_start, q.speaker_end))
            if eid is None and q.speaker_name:
                found = by_name.get(q.speaker_name, set())
                eid = next(iter(found)) if len(found) == 1 else None
            if eid is not None:
                result.quote_speaker[q.id] = eid
