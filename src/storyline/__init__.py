"""Storyline: many news articles in, story dossiers out."""

__version__ = "0.1.0"
