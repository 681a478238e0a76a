-- Stances: noun phrases a sentence affirms or denies ("a hostile takeover"), to find sources that disagree.
CREATE TABLE stances (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    keys TEXT NOT NULL DEFAULT '[]',   -- JSON list of lemma pairs
    phrase TEXT NOT NULL,
    negated INTEGER NOT NULL,
    holder TEXT,
    subject TEXT
);
CREATE INDEX stances_doc ON stances(doc_id);
