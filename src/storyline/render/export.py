"""Read what the store holds and hand it to the dossier builder and the renderers."""

from __future__ import annotations

from typing import Any

from storyline.render.dossier import dossier
from storyline.store import Store


def load_dossier(store: Store, story_id: str | None = None) -> dict[str, Any]:
    """The whole dossier, or only one storyline (with its stories) or one story (with its storyline), and
    their documents."""
    stories = store.load_stories()
    if story_id is not None:
        chosen = next((s for s in stories if s.id == story_id), None)
        if chosen is None:
            raise KeyError(story_id)
        keep = {chosen.id, *chosen.stories} if chosen.level == "storyline" else {chosen.id, chosen.parent}
        stories = [s for s in stories if s.id in keep]
        ids = chosen.documents
    else:
        ids = store.document_ids()
    docs = list(store.load_documents(ids, with_raw=False))
    extractions = {ex.doc_id: ex for ex in store.load_extractions([d.id for d in docs])}
    sources = {d.id: store.sources(d.id) for d in docs}
    return dossier(docs, extractions, store.load_entities(), stories, sources)
