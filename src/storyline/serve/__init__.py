"""Web UI and JSON API over a store (`storyline serve`)."""

from storyline.serve.app import create_app, prepare_store

__all__ = ["create_app", "prepare_store"]
