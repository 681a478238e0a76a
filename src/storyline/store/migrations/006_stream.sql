-- Streams of articles: near-duplicates, per-document features, and the incremental story index.

-- The canonical document this one is a near-duplicate (a reprint) of; NULL for independent reports.
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
CREATE INDEX documents_duplicate ON documents(duplicate_of);

-- Features computed once per document by the extract stage (storyline.extract.features).
CREATE TABLE doc_features (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL,           -- MinHash: 128 little-endian uint32 values (empty: no text)
    shingles INTEGER NOT NULL,         -- distinct word 5-grams the signature summarizes
    embedding BLOB NOT NULL            -- lead embedding: 512 little-endian float16 values (empty: no text)
);

-- MinHash LSH buckets of the canonical documents: a new document is compared only with its bucket mates.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, doc_id)
) WITHOUT ROWID;

-- Which story each document was put in, and how: opened | joined | duplicate | override.
CREATE TABLE story_assignments (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    how TEXT NOT NULL,
    score REAL
);
CREATE INDEX story_assignments_story ON story_assignments(story_id);

-- Clustering state per story: what a new document is compared with.
CREATE TABLE story_index (
    story_id TEXT PRIMARY KEY,
    centroid BLOB NOT NULL,            -- sum of the members' embeddings, 512 float32 values
    n_embedded INTEGER NOT NULL,
    n_docs INTEGER NOT NULL,
    first_day INTEGER,                 -- proleptic Gregorian ordinals of the earliest and latest dated member
    last_day INTEGER,
    actors TEXT NOT NULL DEFAULT '{}', -- actor key → members naming it
    merged_into TEXT                   -- the user merged this story into that one (its centroid still counts)
);
CREATE INDEX story_index_days ON story_index(last_day, first_day);

-- How many canonical documents name each actor (for IDF weights), and the actor's type weight.
CREATE TABLE actor_df (
    key TEXT PRIMARY KEY,
    df INTEGER NOT NULL,
    weight REAL NOT NULL
) WITHOUT ROWID;
