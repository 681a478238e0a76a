-- Storylines: stories of one developing matter linked over months (storyline.link.storylines).
-- A storyline is stored as a story row of level 'storyline' (its documents, timeline, disagreements,
-- title and lead like any story); each story row of level 'story' names its storyline in `parent`.
ALTER TABLE stories ADD COLUMN level TEXT NOT NULL DEFAULT 'story' CHECK (level IN ('story', 'storyline'));
ALTER TABLE stories ADD COLUMN parent TEXT;
CREATE INDEX stories_level ON stories(level);
CREATE INDEX stories_parent ON stories(parent);

-- The key terms of each story's articles (term → member documents using it), beside its actors, and the
-- earlier days and months they refer back to (value → member documents).
ALTER TABLE story_index ADD COLUMN terms TEXT NOT NULL DEFAULT '{}';
ALTER TABLE story_index ADD COLUMN refs TEXT NOT NULL DEFAULT '{}';

-- Which storyline each story was put in at the last build (kept stable across builds).
CREATE TABLE storyline_assignments (
    story_id TEXT PRIMARY KEY,
    storyline_id TEXT NOT NULL
);
CREATE INDEX storyline_assignments_line ON storyline_assignments(storyline_id);

-- The user's corrections of storylines, replayed after every build: merge (a = keep, b = other) and
-- split (a = storyline, b = space-separated story ids that leave it).
CREATE TABLE storyline_overrides (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created_at TEXT NOT NULL
);
