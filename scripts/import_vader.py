#!/usr/bin/env python3
"""Writes data/sentiment.tsv from the VADER sentiment lexicon.

Usage:
    pip download vaderSentiment==3.3.2 --no-deps -d /tmp/vader
    python3 scripts/import_vader.py /tmp/vader/vaderSentiment-3.3.2-py2.py3-none-any.whl > data/sentiment.tsv

VADER (C.J. Hutto and Eric Gilbert, 2014; https://github.com/cjhutto/vaderSentiment)
is MIT-licensed; its licence is kept in data/VADER-LICENSE.txt. Only word
entries are kept (emoticons and other symbol strings are dropped), with the
mean valence that VADER's raters gave them (-4 .. 4). Standard library only.
"""
import re
import sys
import zipfile

WORD = re.compile(r"^[a-z][a-z'-]*$")
with zipfile.ZipFile(sys.argv[1]) as z:
    lexicon = z.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
print("# word\tmean valence (-4..4), from the VADER lexicon (MIT; see data/README.md)")
for line in lexicon.splitlines():
    cols = line.split("\t")
    if len(cols) >= 2 and WORD.match(cols[0]):
        print("%s\t%s" % (cols[0], cols[1]))
