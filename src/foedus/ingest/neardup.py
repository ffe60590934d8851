"""Near-duplicate detection: syndicated copies of one wire story.

Two articles are near-duplicates when the Jaccard similarity of their sets of word 5-grams
("shingles") is at least :data:`DEFAULT_THRESHOLD` (0.7). Copies of one wire story that differ
in headline, dateline, byline, a trimmed last paragraph or an outlet's boilerplate line score
0.75-0.95; different stories on the same subject score below 0.1 (they share names, not
sentences). A lower threshold also merges rewrites whose new paragraphs would then not be coded.

Comparing every new article with every stored one is quadratic, so candidates are found with
MinHash signatures and locality-sensitive hashing (LSH): :data:`NUM_PERM` hash functions, cut
into :data:`BANDS` bands of :data:`ROWS` rows. Two articles become candidates when any band
matches; with 30 bands of 4 rows a pair at Jaccard 0.7 is found with probability 0.9997, at 0.6
with 0.98, at 0.5 with 0.86 and at 0.1 with 0.003. Each candidate is then checked with the exact
Jaccard of the two shingle sets, so the decision itself is exact and reproducible.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

#: Words per shingle.
SHINGLE_WORDS = 5
#: Jaccard similarity at or above which an article is a near-duplicate of an earlier one.
DEFAULT_THRESHOLD = 0.7
NUM_PERM = 120
BANDS = 30
ROWS = NUM_PERM // BANDS

_WORD = re.compile(r"\w+")
_PRIME = np.uint64(4294967311)  # the first prime above 2**32: hash values are 32-bit
# Fixed coefficients, so that signatures (and the LSH keys in a store) never change.
_RNG = np.random.default_rng(0x5EED)
_A = _RNG.integers(1, 2**31, size=NUM_PERM, dtype=np.uint64)
_B = _RNG.integers(0, 2**31, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of word ``size``-grams of the lower-cased text (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(shingle_set: frozenset[str]) -> np.ndarray:
    """The MinHash signature of a shingle set: NUM_PERM minima of universal hash functions."""
    if not shingle_set:
        return np.full(NUM_PERM, int(_PRIME), dtype=np.uint64)
    # CRC32 rather than hash(): Python's string hash is salted per process.
    values = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in shingle_set),
        dtype=np.uint64,
        count=len(shingle_set),
    )
    # a < 2**31 and value < 2**32, so a * value + b stays below 2**64: no overflow.
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return hashed.min(axis=0)


def lsh_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: equal keys mean that band of the two signatures matches."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def keys_for_text(text: str) -> tuple[frozenset[str], list[int]]:
    """The shingles and LSH keys of a text (what the store indexes for an original article)."""
    shingle_set = shingles(text)
    return shingle_set, lsh_keys(signature(shingle_set))
