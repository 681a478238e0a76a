-- Full-text search over articles (title + cleaned text) and quotes (text + speaker), for `storyline serve`.
--
-- The trigram tokenizer indexes every three-character window, so text without spaces between words
-- (Korean, Japanese, Chinese) is found inside words, and matching ignores case.
-- The index tables hold their own copy of the text: documents and quotes are keyed by TEXT ids, whose
-- hidden rowids VACUUM may renumber, so an external-content index over those rowids could drift. The
-- *_search_rows tables remember which index row belongs to which id, so the triggers below update and
-- delete by rowid instead of scanning the index.

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, doc_id UNINDEXED, tokenize = 'trigram');
CREATE TABLE documents_search_rows (
    doc_id TEXT PRIMARY KEY,
    fts_rowid INTEGER NOT NULL
);

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, quote_id UNINDEXED, tokenize = 'trigram');
CREATE TABLE quotes_search_rows (
    quote_id TEXT PRIMARY KEY,
    fts_rowid INTEGER NOT NULL
);

-- Backfill what an older store already holds.
INSERT INTO documents_fts(title, text, doc_id) SELECT coalesce(title, ''), text, id FROM documents;
INSERT INTO documents_search_rows(doc_id, fts_rowid) SELECT doc_id, rowid FROM documents_fts;
INSERT INTO quotes_fts(text, speaker, quote_id) SELECT text, coalesce(speaker_name, ''), id FROM quotes;
INSERT INTO quotes_search_rows(quote_id, fts_rowid) SELECT quote_id, rowid FROM quotes_fts;

-- Keep the index in step with every write, whoever makes it.
CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(title, text, doc_id) VALUES (coalesce(new.title, ''), new.text, new.id);
    INSERT OR REPLACE INTO documents_search_rows(doc_id, fts_rowid) VALUES (new.id, last_insert_rowid());
END;

-- A re-saved document usually keeps its text; only a real change touches the index.
CREATE TRIGGER documents_search_update AFTER UPDATE OF title, text ON documents
WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
    UPDATE documents_fts SET title = coalesce(new.title, ''), text = new.text
    WHERE rowid = (SELECT fts_rowid FROM documents_search_rows WHERE doc_id = new.id);
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = (SELECT fts_rowid FROM documents_search_rows WHERE doc_id = old.id);
    DELETE FROM documents_search_rows WHERE doc_id = old.id;
END;

CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(text, speaker, quote_id) VALUES (new.text, coalesce(new.speaker_name, ''), new.id);
    INSERT OR REPLACE INTO quotes_search_rows(quote_id, fts_rowid) VALUES (new.id, last_insert_rowid());
END;

CREATE TRIGGER quotes_search_update AFTER UPDATE OF text, speaker_name ON quotes
WHEN old.text IS NOT new.text OR old.speaker_name IS NOT new.speaker_name BEGIN
    UPDATE quotes_fts SET text = new.text, speaker = coalesce(new.speaker_name, '')
    WHERE rowid = (SELECT fts_rowid FROM quotes_search_rows WHERE quote_id = new.id);
END;

CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_fts WHERE rowid = (SELECT fts_rowid FROM quotes_search_rows WHERE quote_id = old.id);
    DELETE FROM quotes_search_rows WHERE quote_id = old.id;
END;

-- The actor pages list what each entity said.
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_entity);
