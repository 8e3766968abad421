#!/usr/bin/env python3
"""Entity F1 of brief's tagger against the CoreNLP silver NER of PolNeAR.

Usage:
    python3 scripts/score_polnear_ner.py [--split dev] [--shared ../shared]
                                         [--brief target/release/brief]

The silver tokens are given to `brief ner --conll` (one document per
article, sentences as CoreNLP cut them at blank lines), and entities are
compared by exact character span (from the silver offsets) and type:
PER/ORG/LOC against CoreNLP's PERSON/ORGANIZATION/LOCATION (MISC is not
scored: the two schemes draw it differently). With --analyze, the
predictions are instead the name mentions of `brief analyze`'s actors
(person, organization, location), on brief's own tokens: the whole
pipeline, as a user sees it. Silver, not gold: read the
disagreements before tuning to them (--show N prints some). This measures
the tagger on in-domain news; once `brief analyze` reports actors, the
same comparison can run on its own tokens. Standard library only.
"""
import os
import subprocess
import sys

import polnear_args
from collections import Counter

MAP = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
RAW = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"', "`": "'"}


def analyzed_spans(args, docs):
    """(doc, start, end, type) of every name mention of a person,
    organisation or place in `brief analyze`'s output."""
    import json
    kinds = {"person": "PER", "organization": "ORG", "location": "LOC"}
    paths = [os.path.join(args.shared, "data", "polnear", args.split, f"{d}.txt") for d in docs]
    run = subprocess.run([args.brief, "analyze", "--jsonl", *paths], capture_output=True, text=True, check=True)
    out = set()
    for line in run.stdout.splitlines():
        b = json.loads(line)
        doc = os.path.basename(b["source"]["path"])[:-4]
        for a in b["actors"]:
            if a["type"] in kinds:
                for m in a["mentions"]:
                    if m["kind"] == "name":
                        out.add((doc, m["start"], m["end"], kinds[a["type"]]))
    return out


def main():
    ap = polnear_args.parser(__doc__)
    ap.add_argument("--analyze", action="store_true", help="score brief analyze's actor mentions")
    args = ap.parse_args()
    tsv = os.path.join(args.shared, "data", "polnear", "silver", f"{args.split}.tsv")

    # (doc, start, end, silver NER) per token, sentences cut at blank lines.
    tokens, conll = [], []
    doc = None
    for line in open(tsv, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# doc = "):
            doc = line[8:]
            conll.append("-DOCSTART- -X- O O\n")
            continue
        if not line:
            conll.append("")
            continue
        word, s, e, pos, ner = line.split("\t")
        word = RAW.get(word, word).replace(" ", "_").replace("\u00a0", "_")
        tokens.append((doc, int(s), int(e), ner))
        conll.append(f"{word} {pos} O O")
    run = subprocess.run([args.brief, "ner", "--conll", "-"], input="\n".join(conll) + "\n",
                         capture_output=True, text=True, check=True)
    predicted = [l.split()[-1] for l in run.stdout.splitlines() if l.split() and l.split()[0] != "-DOCSTART-"]
    assert len(predicted) == len(tokens), (len(predicted), len(tokens))

    def spans(labels):
        out, cur = set(), None
        for (doc, s, e, _), lab in zip(tokens, labels):
            kind = lab[2:] if lab != "O" else None
            if cur and (kind != cur[3] or lab.startswith("B-") or doc != cur[0]):
                out.add(cur)
                cur = None
            if kind:
                cur = (doc, cur[1] if cur else s, e, kind)
        if cur:
            out.add(cur)
        return {x for x in out if x[3] in ("PER", "ORG", "LOC")}

    silver_labels, prev = [], None
    for doc, s, e, ner in tokens:
        kind = MAP.get(ner)
        silver_labels.append("O" if not kind else (f"I-{kind}" if prev == (doc, kind) else f"B-{kind}"))
        prev = (doc, kind) if kind else None
    gold, pred = spans(silver_labels), spans(predicted)
    if args.analyze:
        pred = analyzed_spans(args, sorted({t[0] for t in tokens}))
    print(f"{'type':6} {'P':>7} {'R':>7} {'F1':>7} {'silver':>7} {'found':>7}")
    for kind in ("PER", "ORG", "LOC", "all"):
        g = {x for x in gold if kind in ("all", x[3])}
        p = {x for x in pred if kind in ("all", x[3])}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{kind:6} {prec:7.4f} {rec:7.4f} {f1:7.4f} {len(g):7d} {len(p):7d}")
    if args.show:
        texts = {}
        def text(x):
            if x[0] not in texts:
                texts[x[0]] = open(os.path.join(args.shared, "data", "polnear", args.split, x[0] + ".txt"), encoding="utf-8").read()
            return texts[x[0]][x[1]:x[2]]
        for name, diff in (("silver only", gold - pred), ("brief only", pred - gold)):
            c = Counter((text(x), x[3]) for x in diff)
            print(f"\n== {name}: {c.most_common(args.show)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
