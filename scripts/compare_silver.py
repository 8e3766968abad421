#!/usr/bin/env python3
"""Compare brief's tokens and sentences with the CoreNLP silver segmentation
of PolNeAR (shared/data/polnear/silver/SPLIT.tsv).

Usage:
    python3 scripts/compare_silver.py [--split dev] [--shared ../shared]
                                      [--brief target/release/brief] [--show N]

Runs `brief analyze --with sentences,tokens --jsonl` over the split's
articles and reports, micro-averaged over all documents:
  * token P/R/F1 on exact character spans (start, end);
  * sentence-start P/R/F1, after cutting the silver sentences at blank
    lines (a silver sentence that runs over a paragraph break is a CoreNLP
    error, as the silver README says, so the first token after the break
    also starts a sentence).
--show N prints N sample disagreements of each kind. Standard library only.
"""
import json
import os
import re
import subprocess
import sys

import polnear_args
from collections import Counter


def read_silver(path):
    """{doc: [[(start, end), ...] per sentence]}"""
    docs, doc, sent = {}, None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# doc = "):
                doc = line[len("# doc = "):]
                docs[doc] = []
            elif not line:
                if sent:
                    docs[doc].append(sent)
                sent = []
            else:
                cols = line.split("\t")
                sent.append((int(cols[1]), int(cols[2])))
    if sent:
        docs[doc].append(sent)
    return docs


def silver_starts(text, sentences):
    starts = set()
    for sent in sentences:
        starts.add(sent[0][0])
        for (_, prev_end), (start, _) in zip(sent, sent[1:]):
            if "\n\n" in text[prev_end:start] or re.search(r"\n[ \t\r]*\n", text[prev_end:start]):
                starts.add(start)
    return starts


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    args = polnear_args.parser(__doc__).parse_args()

    base = os.path.join(args.shared, "data", "polnear")
    silver = read_silver(os.path.join(base, "silver", f"{args.split}.tsv"))
    paths = [os.path.join(base, args.split, f"{d}.txt") for d in sorted(silver)]
    run = subprocess.run([args.brief, "analyze", "--jsonl", "--with", "sentences,tokens", *paths],
                         capture_output=True, text=True, check=True)
    briefs = {os.path.basename(b["source"]["path"])[:-4]: b for b in map(json.loads, run.stdout.splitlines())}

    tok, sen = Counter(), Counter()
    samples = {"token-missed": [], "token-extra": [], "start-missed": [], "start-extra": []}
    for doc, sentences in silver.items():
        text = open(os.path.join(base, args.split, f"{doc}.txt"), encoding="utf-8").read()
        brief = briefs[doc]
        gold_t = {s for sent in sentences for s in sent}
        pred_t = {(t["start"], t["end"]) for t in brief["tokens"]}
        gold_s = silver_starts(text, sentences)
        pred_s = {s["start"] for s in brief["sentences"]}
        for name, gold, pred, counter in (("token", gold_t, pred_t, tok), ("start", gold_s, pred_s, sen)):
            counter["tp"] += len(gold & pred)
            counter["fp"] += len(pred - gold)
            counter["fn"] += len(gold - pred)
            for kind, diff in (("missed", gold - pred), ("extra", pred - gold)):
                for x in sorted(diff)[:3]:
                    s = x[0] if isinstance(x, tuple) else x
                    e = x[1] if isinstance(x, tuple) else x
                    samples[f"{name}-{kind}"].append(f"{doc}: {text[max(0, s - 40):s]!r} [{text[s:e]!r}] {text[e:e + 40]!r}")

    print(f"documents: {len(silver)}")
    for name, c in (("token (exact char span)", tok), ("sentence start", sen)):
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        print(f"{name:26s} P {p:.4f}  R {r:.4f}  F1 {f:.4f}   (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    if args.show:
        for kind, lines in samples.items():
            print(f"\n== {kind}")
            for line in lines[: args.show]:
                print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
