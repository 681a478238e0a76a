"""Store stage: documents, extractions and link results in one SQLite file."""

from storyline.store.db import StoreError, connect
from storyline.store.store import Store

__all__ = ["Store", "StoreError", "connect"]
