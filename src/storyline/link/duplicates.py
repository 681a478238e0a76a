"""Near-duplicates (syndicated reprints, copies with a new header or footer) by MinHash LSH.

Each document's MinHash signature is cut into ``BANDS`` bands of ``ROWS`` values; two documents
become candidates when any band agrees (likely above a Jaccard similarity of about 0.5), and a
candidate is confirmed on the estimated similarity of the whole signatures. The band index is
persisted by the store, so a new article is compared only with the articles sharing one of its
buckets — never with the whole store.

The first document of a group (in the order documents are linked: publication date, then id)
stays canonical; every later copy records ``duplicate_of`` = that document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from storyline.extract.features import NUM_PERM, signature_array
from storyline.settings import current

BANDS, ROWS = 25, 5  # 125 of the 128 values; P(candidate) = 1 - (1 - J**5)**25: 0.55 at J=0.5, 0.99 at J=0.7

assert BANDS * ROWS <= NUM_PERM


# Random odd multipliers, one row per band: a band's bucket is its values mixed by multiply-add in
# 64-bit arithmetic (a universal hash), for all bands in one vectorized step.
_MIX = np.random.default_rng(20240611).integers(1, 2**63, size=(BANDS, ROWS), dtype=np.uint64) | np.uint64(1)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature; the bucket is a 63-bit hash of the band's values."""
    values = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (values * _MIX).sum(axis=1, dtype=np.uint64) >> np.uint64(1)
    return list(enumerate(mixed.tolist()))


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def is_duplicate(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> bool:
    """Do signatures a and b (of na and nb shingles) belong to copies of one text?"""
    cfg = current().duplicates
    if min(na, nb) < cfg.min_shingles:
        return False
    j = estimated_jaccard(a, b)
    if j >= cfg.min_jaccard:
        return True
    # |A ∩ B| = J (|A| + |B|) / (1 + J): how much of the shorter text the longer one contains.
    contained = j * (na + nb) / (1 + j) / min(na, nb)
    return j >= cfg.min_jaccard_contained and contained >= cfg.min_containment


class DuplicateFinder:
    """Finds, for documents taken in order, the earlier canonical document each one copies.

    ``lookup(band, bucket)`` returns the ids of stored canonical documents in a bucket and
    ``stored(ids)`` their (signature, shingle count, canonical id); both default to nothing stored.
    """

    def __init__(
        self,
        lookup: Callable[[list[tuple[int, int]]], Iterable[str]] | None = None,
        stored: Callable[[list[str]], dict[str, tuple[np.ndarray, int]]] | None = None,
    ) -> None:
        self._lookup = lookup or (lambda keys: ())
        self._stored = stored or (lambda ids: {})
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._sigs: dict[str, tuple[np.ndarray, int]] = {}
        self.new_bands: list[tuple[int, int, str]] = []  # bands of the new canonical documents, to persist

    def add(self, doc_id: str, sig_blob: bytes, n_shingles: int) -> str | None:
        """The canonical document ``doc_id`` duplicates, or None (it is then indexed as canonical)."""
        sig = signature_array(sig_blob)
        if sig is None or n_shingles < current().duplicates.min_shingles:
            return None
        keys = band_keys(sig)
        candidates: list[str] = []
        for key in keys:
            candidates.extend(c for c in self._buckets.get(key, ()) if c not in candidates)
        old = [c for c in dict.fromkeys(self._lookup(keys)) if c not in candidates and c != doc_id]
        if old:
            self._sigs.update(self._stored(old))
            candidates.extend(old)
        best, best_j = None, -1.0
        for c in candidates:
            if c not in self._sigs:
                continue
            csig, cn = self._sigs[c]
            if is_duplicate(sig, n_shingles, csig, cn):
                j = estimated_jaccard(sig, csig)
                if j > best_j or (j == best_j and best is not None and c < best):
                    best, best_j = c, j
        if best is not None:
            return best
        self._sigs[doc_id] = (sig, n_shingles)
        for key in keys:
            self._buckets[key].append(doc_id)
            self.new_bands.append((key[0], key[1], doc_id))
        return None
