-- Fetching from the web: what was fetched, so that a later run asks only for what is new.

-- One row per URL fetched: a feed, sitemap or URL list (with its validators and last body, so a
-- "304 Not Modified" can be read again), or a page that failed for good (not fetched again).
-- Pages that gave a document need no row: their URL is the source of a stored document.
CREATE TABLE fetch_cache (
    url TEXT PRIMARY KEY,              -- as requested (normalized: no fragment, lower-case host)
    kind TEXT NOT NULL,                -- feed | sitemap | urls | page
    fetched_at TEXT NOT NULL,          -- ISO 8601, UTC
    status INTEGER,                    -- last HTTP status (NULL: no answer)
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    body BLOB,                         -- zlib-compressed body of a feed, sitemap or URL list
    failed TEXT                        -- why a page failed for good (a 404, a robots.txt disallow, no article text)
) WITHOUT ROWID;

-- "Was this URL read before?" looks a link up among the sources and URLs of stored documents.
CREATE INDEX document_sources_source ON document_sources(source);
CREATE INDEX document_sources_url ON document_sources(url);
