-- Documents, per-document extraction results, and the cross-document link results.
-- JSON columns hold small lists (byline, offsets, removed lines, actors, sources).

CREATE TABLE documents (
    id TEXT PRIMARY KEY,               -- hash of the raw text
    source TEXT NOT NULL,              -- first path or URL it was read from
    fmt TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    outlet_source TEXT,
    published TEXT,
    published_source TEXT,
    language TEXT,
    title TEXT,
    byline TEXT NOT NULL DEFAULT '[]',
    dateline TEXT,
    raw_text TEXT NOT NULL,
    text TEXT NOT NULL,
    offsets TEXT NOT NULL DEFAULT '[]',
    removed TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL,
    extracted_with TEXT                -- extractor version that produced the rows below
);

-- Every place a document was seen (re-ingests and syndicated copies add rows here).
CREATE TABLE document_sources (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, source)
);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE time_expressions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    type TEXT NOT NULL DEFAULT 'DATE'
);
CREATE INDEX time_expressions_doc ON time_expressions(doc_id);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_name TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    said_on TEXT,
    speaker_entity TEXT
);
CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    quantity REAL NOT NULL,
    unit TEXT NOT NULL,
    qualifier TEXT,
    attributed_to TEXT,
    date TEXT
);
CREATE INDEX claims_doc ON claims(doc_id);

CREATE TABLE event_mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    summary TEXT NOT NULL,
    trigger TEXT NOT NULL DEFAULT '',
    modality TEXT NOT NULL DEFAULT 'asserted',
    date TEXT,
    date_precision TEXT,
    actors TEXT NOT NULL DEFAULT '[]',
    attributes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX event_mentions_doc ON event_mentions(doc_id);

-- Link results: rebuilt by `storyline build`; user corrections live in *_overrides and survive.
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE entity_overrides (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

CREATE TABLE story_documents (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, doc_id)
);
CREATE INDEX story_documents_doc ON story_documents(doc_id);

CREATE TABLE story_overrides (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    date TEXT,
    date_precision TEXT,
    summary TEXT NOT NULL,
    type TEXT NOT NULL,
    modality TEXT NOT NULL,
    actors TEXT NOT NULL DEFAULT '[]',
    sources TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE disagreements (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    claims TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX disagreements_story ON disagreements(story_id);
