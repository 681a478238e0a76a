"""Extracting a batch of documents so that one document that breaks extraction cannot take the others down."""

from __future__ import annotations

from storyline.extract import extract
from storyline.model import Document, Extraction, IngestError


def extract_safely(
    docs: list[Document], batch_size: int
) -> tuple[list[tuple[Document, Extraction]], list[IngestError]]:
    """Extract a batch; if it fails, retry one by one so only the culprit is reported (an error: the document
    is not stored, and the next build tries it again)."""
    try:
        return list(zip(docs, extract(docs, batch_size=batch_size), strict=True)), []
    except Exception:  # noqa: BLE001 - any bug of any step: find the document that triggers it, below
        pass
    done, errors = [], []
    for doc in docs:
        try:
            done.append((doc, extract([doc])[0]))
        except Exception as exc:  # noqa: BLE001 - the document is reported with the exception, the rest goes on
            errors.append(IngestError(doc.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    return done, errors
