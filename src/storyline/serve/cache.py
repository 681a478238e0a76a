"""Stories already read, kept until the store changes: many readers of one story read it once.

Reading a long story (hundreds of articles, thousands of quotes and claims) takes about a tenth of a
second, and the server answers one request at a time per core, so twenty readers of it would wait
seconds. The cache keeps the last stories read, as ``StoryData``, which no page or API route changes.

It never serves a story older than the store: SQLite's ``PRAGMA data_version``, asked on one
connection kept open for that, changes whenever any process commits to the store (a build, a
correction), and then the cache forgets everything. A file put in the store's place (another inode)
is noticed too.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from storyline.serve.queries import StoryData, load_story
from storyline.store import Store

STORIES_KEPT = 8  # stories kept in memory; a long one takes a few megabytes


class StoryCache:
    def __init__(self, db: Path, size: int = STORIES_KEPT) -> None:
        self.db = db
        self.size = size
        self._lock = threading.Lock()
        self._stories: OrderedDict[str, StoryData | None] = OrderedDict()
        self._conn: sqlite3.Connection | None = None
        self._seen: tuple[int, int, int] | None = None  # inode, device, data_version

    def _version(self) -> tuple[int, int, int]:
        """Something that changes with every commit to the store and with the file itself (under the lock)."""
        st = os.stat(self.db)
        if self._conn is None or self._seen is None or self._seen[:2] != (st.st_ino, st.st_dev):
            if self._conn is not None:
                self._conn.close()
            self._conn = sqlite3.connect(f"file:{self.db.resolve()}?mode=ro", uri=True, check_same_thread=False)
        return st.st_ino, st.st_dev, int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def story(self, store: Store, story_id: str) -> StoryData | None:
        """The story as ``load_story`` reads it from ``store`` (None: no such story), read once per store state."""
        with self._lock:
            version = self._version()
            if version != self._seen:
                self._stories.clear()
                self._seen = version
            if story_id in self._stories:
                self._stories.move_to_end(story_id)
                return self._stories[story_id]
        data = load_story(store, story_id)  # outside the lock: readers of other stories go on meanwhile
        with self._lock:
            if self._seen == version:  # the store may have changed while it was read: then keep nothing
                self._stories[story_id] = data
                while len(self._stories) > self.size:
                    self._stories.popitem(last=False)
        return data
