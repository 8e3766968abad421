#!/usr/bin/env python3
"""Speaker identity of brief's claims against CoreNLP's silver coreference
on PolNeAR dev.

For each gold PolNeAR attribution with a source, the true speaker is the
silver chain that holds the source (a chain mention whose head lies in the
source span and that covers at least half of it), named by its name
mentions; a name in no chain names itself, and a speaker silver cannot
name (a chain of nominals and pronouns, a pronoun in no chain) is counted
as unjudged. brief's claim for the
attribution is the one whose content overlaps the gold content most (an
attribution without one is counted apart, as not found); its
speaker is right when one of the speaker actor's name or nominal mentions
overlaps a non-pronoun mention of that chain (or the source itself, for a
source in no chain). Sources are split by kind: pronoun (the source is a
personal pronoun), name (its last word is capitalised), or nominal
(anything else).

Silver, not gold: CoreNLP's chains have errors of their own, so the score
is a yardstick for changes, not an accuracy.

    scripts/score_speakers_silver.py [--brief BIN] [--split DIR] [--coref F]

Defaults: target/release/brief, ../shared/data/polnear/dev and its silver
dev.coref.jsonl. Runs brief on each article of the split.
"""
import argparse
import json
import os
import subprocess
import sys

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"}


def gold_attributions(ann_path):
    spans, events = {}, []
    with open(ann_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 3:
                kind, *offsets = parts[1].replace(";", " ").split()
                pieces = [(int(offsets[k]), int(offsets[k + 1])) for k in range(0, len(offsets), 2)]
                spans[parts[0]] = (kind, pieces)
            elif line.startswith("E") and len(parts) >= 2:
                roles = dict(r.split(":", 1) for r in parts[1].split()[1:] if ":" in r)
                events.append(roles)
    out = []
    for roles in events:
        source = spans.get(roles.get("Source"))
        content = spans.get(roles.get("Content"))
        if source and content:
            out.append((source[1], content[1]))
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def kind_of(text):
    words = text.split()
    if len(words) == 1 and words[0].lower().strip(".,") in PRONOUNS:
        return "pronoun"
    # The last word stands for the head: "Clinton spokesman Nick Merrill"
    # is a name, "the Indiana governor" a nominal.
    if words and words[-1][:1].isupper():
        return "name"
    return "nominal"


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = os.path.join(here, "..", "shared")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--brief", default=os.path.join(here, "target", "release", "brief"))
    ap.add_argument("--split", default=os.path.join(shared, "data", "polnear", "dev"))
    ap.add_argument("--coref", default=os.path.join(shared, "data", "polnear", "silver", "dev.coref.jsonl"))
    ap.add_argument("--errors", action="store_true", help="print each wrong or missing speaker")
    args = ap.parse_args()
    chains = {}
    with open(args.coref, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            chains[d["doc"]] = d["chains"]
    # right, no speaker, claims found, gold attributions
    # and attributions whose speaker silver cannot name
    counts = {k: [0, 0, 0, 0, 0] for k in ("name", "pronoun", "nominal")}
    for name in sorted(chains):
        txt = os.path.join(args.split, name + ".txt")
        ann = os.path.join(args.split, name + ".ann")
        if not (os.path.exists(txt) and os.path.exists(ann)):
            continue
        text = open(txt, encoding="utf-8", newline="").read()
        brief = json.loads(subprocess.run([args.brief, "analyze", txt], check=True,
                                          capture_output=True, text=True).stdout)
        actors = {a["id"]: a for a in brief.get("actors", [])}
        claims = brief.get("claims", [])
        for source, content in gold_attributions(ann):
            s = (source[0][0], source[-1][1])
            kind = kind_of(text[s[0]:s[1]])
            counts[kind][3] += 1
            # The chain of the mention that covers the source best, when it
            # covers at least half of it ("Clinton spokesman Nick Merrill"
            # is not in Clinton's chain).
            cover, chain = 0, None
            for c in chains[name]:
                for m in c:
                    ov = overlap(s, (m["start"], m["end"]))
                    if ov > cover and m["head_start"] >= s[0] and m["head_end"] <= s[1]:
                        cover, chain = ov, c
            if 2 * cover < s[1] - s[0]:
                chain = None
            # Identity is judged by name: the chain's name mentions (short,
            # last word capitalised), or the source itself when it is a
            # name in no chain. Otherwise it cannot be judged from silver.
            truth = [(m["start"], m["end"]) for m in (chain or [])
                     if kind_of(m["text"]) == "name" and len(m["text"].split()) <= 6]
            if chain is None and kind == "name":
                truth = [s]
            if not truth:
                counts[kind][4] += 1
                continue
            best, best_ov = None, 0
            for c in claims:
                parts = c["content"].get("parts") or [[c["content"]["start"], c["content"]["end"]]]
                ov = sum(overlap(g, tuple(p)) for g in content for p in parts)
                if ov > best_ov:
                    best, best_ov = c, ov
            if best is None:
                continue
            counts[kind][2] += 1
            speaker = actors.get(best.get("speaker"))
            if speaker is None:
                counts[kind][1] += 1
                ok = False
            else:
                ms = [(m["start"], m["end"]) for m in speaker["mentions"] if m["kind"] != "pronoun"]
                ok = any(overlap(a, b) > 0 for a in ms for b in truth)
                counts[kind][0] += ok
            if args.errors and not ok:
                print(f"{name[:30]} {kind:8} source={text[s[0]:s[1]]!r} "
                      f"speaker={speaker['name'] if speaker else None!r} "
                      f"chain={[text[a:b] for a, b in truth][:3]!r}")
    total = [sum(c[k] for c in counts.values()) for k in range(5)]
    print("gold: PolNeAR dev attributions; unjudged: silver names no speaker;")
    print("found: judged ones brief has a claim for; right / none: of found")
    print(f"{'source':8} {'gold':>6} {'unjudged':>8} {'found':>6} {'right':>6} {'none':>6}")
    for kind, (right, none, n, gold, unjudged) in list(counts.items()) + [("all", total)]:
        if n:
            print(f"{kind:8} {gold:6d} {unjudged:8d} {n:6d} {right / n:6.3f} {none / n:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
