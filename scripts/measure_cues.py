#!/usr/bin/env python3
"""Measure the attribution cue lexicon from PolNeAR train (gold cues).

Usage: python3 scripts/measure_cues.py [--shared ../shared] > data/cues.tsv

For every word (lower-cased, curly apostrophes folded) it counts how often
it occurs inside a gold cue span and how often it occurs in the train texts
at all, and keeps the words seen in cue spans at least 3 times whose cue
rate (in cues / everywhere) is at least 0.2: "said" is nearly always a cue,
"Monday" (as in "said on Monday") almost never. brief embeds the file, so
its cue lexicon is what annotators marked, not a guess. Standard library
only.
"""
import argparse
import collections
import glob
import os
import re

WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
ap.add_argument("--min-rate", type=float, default=0.2)
args = ap.parse_args()
in_cue, everywhere = collections.Counter(), collections.Counter()
norm = lambda w: w.lower().replace("’", "'")
for ann in sorted(glob.glob(os.path.join(args.shared, "data", "polnear", "train", "*.ann"))):
    text = open(ann[:-4] + ".txt", encoding="utf-8").read()
    everywhere.update(norm(w) for w in WORD.findall(text))
    for line in open(ann, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or not cols[0].startswith("T") or not cols[1].startswith("Cue "):
            continue
        for part in cols[1][4:].split(";"):
            start, end = (int(x) for x in part.split())
            in_cue.update(norm(w) for w in WORD.findall(text[start:end]))
print("# cue word\tin gold cue spans\tin all train text\tcue rate (PolNeAR train)")
rows = [(w, n, everywhere[w], n / everywhere[w]) for w, n in in_cue.items() if n >= 3 and everywhere[w]]
for w, n, total, rate in sorted(rows, key=lambda r: (-r[1], r[0])):
    if rate >= args.min_rate:
        print(f"{w}\t{n}\t{total}\t{rate:.2f}")
