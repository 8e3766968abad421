#!/usr/bin/env python3
"""Runs every --format of brief over articles and checks the views agree
with the JSON: every run exits 0; the JSON passes ../shared's
check_brief.py (when it is there); each TSV and CSV table parses with
Python's csv module (default dialect; delimiter '\\t' for TSV), has the same
number of columns on every row, and as many rows as the JSON has records.

    python3 scripts/check_views.py FILE...       (default: the seed,
        the fixtures and PolNeAR dev, from ../shared, and the web pages
        of fixtures/html/ checked against their extracted text).
    BRIEF_EXE names the binary (default target/release/brief).
"""
import csv
import glob
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("BRIEF_SHARED", os.path.join(HERE, "..", "shared"))
EXE = os.environ.get("BRIEF_EXE") or os.path.join(HERE, "target", "release", "brief")
TABLES = ["quotes", "claims", "actors", "stances", "mentions"]


def run(args, files):
    out = subprocess.run([EXE, "analyze", *args, *files], capture_output=True)
    if out.returncode != 0:
        sys.exit(f"brief {' '.join(args)}: exit {out.returncode}: {out.stderr.decode()[:500]}")
    return out.stdout.decode("utf-8")


def records(brief, table):
    if table == "mentions":
        return sum(len(a["mentions"]) for a in brief["actors"])
    return len(brief[table])


def check_pages(checker, pages):
    """Web pages: the offsets count in the extracted text, which the checker
    is given with --text (it would read the page itself otherwise)."""
    for page in pages:
        brief = json.loads(run(["--format", "jsonl", "--with", "text"], [page]))
        extracted = os.path.join(HERE, "target", "check_views.txt")
        with open(extracted, "w", encoding="utf-8", newline="") as f:
            f.write(brief["text"])
        report = subprocess.run(
            [sys.executable, checker, "--text", extracted],
            input=json.dumps(brief), capture_output=True, text=True,
        )
        print(f"check_brief.py --text (extracted) {os.path.basename(page)}:", report.stdout.strip().splitlines()[-1])
        if report.returncode != 0:
            sys.exit(report.stdout)


def main():
    files = sys.argv[1:]
    if not files:
        files = [os.path.join(SHARED, "seed", "trump-putin-call.txt")]
        files += sorted(glob.glob(os.path.join(HERE, "fixtures", "*.txt")))
        files += sorted(glob.glob(os.path.join(SHARED, "data", "polnear", "dev", "*.txt")))
    briefs = [json.loads(line) for line in run(["--format", "jsonl", "--quiet"], files).splitlines()]
    assert len(briefs) == len(files), (len(briefs), len(files))
    pretty = run(["--format", "json", "--quiet"], files)
    checker = os.path.join(SHARED, "eval", "check_brief.py")
    if os.path.exists(checker):
        dump = os.path.join(HERE, "target", "check_views.jsonl")
        with open(dump, "w") as f:
            f.write("\n".join(json.dumps(b) for b in briefs) + "\n")
        report = subprocess.run([sys.executable, checker, dump], capture_output=True, text=True)
        print("check_brief.py:", report.stdout.strip().splitlines()[-1])
        if report.returncode != 0:
            sys.exit(report.stdout)
    decoder, at, count = json.JSONDecoder(), 0, 0
    while at < len(pretty.rstrip()):
        _, at = decoder.raw_decode(pretty, at)
        at += 1
        count += 1
    assert count == len(files), "json: one pretty object per file"
    for fmt, delimiter in [("tsv", "\t"), ("csv", ",")]:
        for table in TABLES:
            text = run(["--format", fmt, "--table", table, "--quiet"], files)
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            widths = {len(r) for r in rows}
            expected = sum(records(b, table) for b in briefs)
            ok = len(widths) == 1 and len(rows) - 1 == expected
            print(f"{fmt} {table:9} {len(rows) - 1:6} rows, {expected:6} records, columns {sorted(widths)} {'ok' if ok else 'MISMATCH'}")
            if not ok:
                sys.exit(1)
    pages = sorted(glob.glob(os.path.join(HERE, "fixtures", "html", "*.html")))
    if os.path.exists(checker) and not sys.argv[1:]:
        check_pages(checker, pages)
    for fmt in ["summary", "html"]:
        text = run(["--format", fmt, "--quiet"], files)
        print(f"{fmt}: {len(text.splitlines())} lines, exit 0")
    print(f"{len(files)} articles: every format exits 0 and every table agrees with the JSON")


if __name__ == "__main__":
    main()
