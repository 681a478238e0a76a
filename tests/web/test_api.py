"""The JSON API: the export's payloads, paging, limits, errors, OpenAPI."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from fastapi.testclient import TestClient

from storyline.render.export import load_dossier
from storyline.store import Store

from webstore import XSS_ID, WebStore


def _schema_def(name: str) -> dict:
    schema = json.loads(resources.files("storyline.render").joinpath("dossier.schema.json").read_text())
    return {**schema["$defs"][name], "$defs": schema["$defs"]}


def test_story_is_exactly_the_exported_story(client: TestClient, web_store: WebStore) -> None:
    r = client.get(f"/api/stories/{web_store.story}")
    assert r.status_code == 200
    with Store(web_store.db, readonly=True) as store:
        exported = load_dossier(store, web_store.story)["storylines"][0]
    assert r.json() == exported
    jsonschema.validate(r.json(), _schema_def("storyline"))
    events = {e["id"]: e for e in r.json()["events"]}
    assert set(events) == {"ev-signing", "ev-report", "ev-vague", "ev-minor"}
    assert events["ev-minor"]["minor"] is True and "minor" not in events["ev-vague"]
    assert {q["id"] for q in r.json()["quotes"]} >= {web_store.quote.id}


def test_document_is_the_exported_document(client: TestClient, web_store: WebStore) -> None:
    r = client.get(f"/api/documents/{web_store.wire}")
    assert r.status_code == 200
    with Store(web_store.db, readonly=True) as store:
        exported = next(d for d in load_dossier(store)["documents"] if d["id"] == web_store.wire)
    assert r.json() == exported
    jsonschema.validate(r.json(), _schema_def("document"))


def test_story_list_pages(client: TestClient, web_store: WebStore) -> None:
    r = client.get("/api/storylines", params={"limit": 1, "offset": 0})
    body = r.json()
    assert r.status_code == 200 and body["total"] == 2 and body["limit"] == 1  # the treaty and the strike
    (line,) = body["storylines"]
    assert line["id"] == web_store.story  # newest first: the treaty storyline has the latest article
    assert line["articles"] == 9  # its 8 sample articles and the hostile one
    assert "Continental Wire" in line["outlets"] and line["languages"] == ["de", "en"]
    assert line["first"].startswith("2025-10-09") and line["last"].startswith("2025-11-13")
    (story,) = line["stories"]  # the treaty storyline is one story here
    assert story["level"] == "story" and story["storyline"] == line["id"] and story["articles"] == 8
    assert client.get("/api/storylines", params={"offset": 5}).json()["storylines"] == []
    r = client.get("/api/stories", params={"limit": 5})
    assert r.json()["total"] == 2 and {s["storyline"] for s in r.json()["stories"]} == {
        line["id"],
        *(x["id"] for x in client.get("/api/storylines").json()["storylines"]),
    }
    assert client.get("/api/stories", params={"offset": 5}).json()["stories"] == []


def test_page_size_and_query_length_are_limited(client: TestClient) -> None:
    assert client.get("/api/stories", params={"limit": 101}).status_code == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/stories", params={"offset": -1}).status_code == 422
    for path, params in (("/api/stories", {}), ("/api/search", {"q": "water"})):  # beyond SQLite's 64 bits
        huge = client.get(path, params={**params, "offset": 2**63})
        assert huge.status_code == 422 and huge.json()["detail"][0]["loc"] == ["query", "offset"]
        assert client.get(path, params={**params, "offset": 10_000_000}).status_code == 200
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422
    assert client.get("/api/search", params={"q": "water", "limit": 500}).status_code == 422


def test_entity(client: TestClient, web_store: WebStore) -> None:
    r = client.get(f"/api/entities/{web_store.speaker}")
    body = r.json()
    assert r.status_code == 200 and body["id"] == web_store.speaker and body["type"] == "PERSON"
    assert web_store.quote.id in body["quotes"]
    assert web_store.story in body["stories"]
    assert body["mentions"] >= 1 and web_store.wire in body["documents"]
    events = client.get(
        "/api/entities/" + client.get(f"/api/stories/{web_store.story}").json()["events"][0]["actors"][0]
    )
    assert "ev-signing" in events.json()["events"]


def test_search_api_returns_offsets_of_hits(client: TestClient, web_store: WebStore) -> None:
    body = client.get("/api/search", params={"q": "fair division"}).json()
    assert body["total_quotes"] >= 1
    hit = next(q for q in body["quotes"] if q["id"] == web_store.quote.id)
    assert hit["doc"] == web_store.wire and hit["start"] == web_store.quote.start
    for start, end in hit["highlights"]:
        assert hit["snippet"][start:end].lower() in {"fair", "division"}
    docs = client.get("/api/search", params={"q": "Tessa"}).json()["documents"]
    assert docs and all("\ue000" not in d["snippet"] for d in docs)
    assert any(d["snippet"][s:e].lower() == "tessa" for d in docs for s, e in d["highlights"])


def test_search_syntax_is_never_an_error(client: TestClient) -> None:
    for q in ['"unclosed', "AND OR NOT", "NEAR(a b)", "col:value", "*", "^start", "a)(", '""']:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)


def test_json_404s(client: TestClient) -> None:
    for path in ("/api/stories/nope", "/api/documents/nope", "/api/entities/nope:x", "/api/nothing-here"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/json")
        assert "detail" in r.json()


def test_hostile_document_json_keeps_text_verbatim(client: TestClient) -> None:
    body = client.get(f"/api/documents/{XSS_ID}").json()
    assert "<script>" in body["text"]  # JSON carries data as it is; escaping is the page's job
    assert client.get(f"/api/documents/{XSS_ID}").headers["content-type"].startswith("application/json")


def test_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/documents/{doc_id}", "/api/search"):
        assert path in paths
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok
    assert any(p.startswith("/api/entities/") for p in paths)
    assert "404" in paths["/api/stories/{story_id}"]["get"]["responses"]
    assert "DossierStory" in spec["components"]["schemas"]
    assert not any(p in paths for p in ("/", "/search", "/stories/{story_id}"))  # pages stay out of the API
