#!/usr/bin/env bash
# Runs brief over a JSONL dataset with Apache Spark (local mode), through
# RDD.pipe: each partition's records are streamed into
# `brief analyze --input jsonl` and its briefs come back as lines.
#
#   scripts/spark-demo.sh [ARTICLES_DIR] [PARTITIONS]
#
# ARTICLES_DIR defaults to ../shared/data/polnear/train (the fixtures when
# that is absent); PARTITIONS to 4. Installs pyspark from PyPI into
# target/spark-venv on first use and needs a Java runtime (java on PATH).
# Prints the number of records in and briefs out and the wall time.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
articles="${1:-$here/../shared/data/polnear/train}"
[ -d "$articles" ] || articles="$here/fixtures"
partitions="${2:-4}"
command -v java >/dev/null || { echo "spark-demo: needs java on PATH" >&2; exit 1; }
venv="$here/target/spark-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark
fi
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The dataset: one {"id", "text"} object per article.
"$venv/bin/python" - "$articles" "$work/articles.jsonl" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
with open(dst, "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            with open(os.path.join(src, name), encoding="utf-8", errors="replace") as f:
                out.write(json.dumps({"id": name, "text": f.read()}) + "\n")
PY
"$venv/bin/python" - "$work/articles.jsonl" "$here/target/release/brief" "$partitions" "$work/briefs" <<'PY'
import json, sys, time
from pyspark import SparkConf, SparkContext
data, exe, partitions, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
conf = SparkConf().setMaster("local[%d]" % partitions).setAppName("brief-demo")
conf = conf.set("spark.ui.enabled", "false")
sc = SparkContext(conf=conf)
sc.setLogLevel("ERROR")
start = time.time()
records = sc.textFile(data, minPartitions=partitions)
briefs = records.pipe(exe + " analyze --input jsonl --jsonl --jobs 1 --quiet")
briefs.saveAsTextFile(out)
elapsed = time.time() - start
n_in = records.count()
parsed = sc.textFile(out).map(json.loads)
n_out = parsed.count()
claims = parsed.map(lambda b: len(b["claims"])).sum()
ids = set(parsed.map(lambda b: b["source"]["path"]).collect())
sc.stop()
print("spark-demo: %d records in, %d briefs out (%d claims), %d partitions, %.1f s"
      % (n_in, n_out, claims, partitions, elapsed))
if n_out != n_in or len(ids) != n_in:
    sys.exit("spark-demo: a record is missing or doubled")
PY
