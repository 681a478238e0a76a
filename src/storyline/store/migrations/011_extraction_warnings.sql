-- What an extraction step could not do for a document (its results stay empty), kept with the extraction:
-- replaced when the document is extracted again.
CREATE TABLE extraction_warnings (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX extraction_warnings_doc ON extraction_warnings(doc_id);
