#!/usr/bin/env bash
# Sentence boundaries of `driftalign segment` against the one-sentence-per-line texts of
# the shared evaluation data: each text is joined into one paragraph, segmented again,
# and the boundaries compared (spaces ignored), as precision and recall.
#   bash benches/segment-gold.sh [path/to/driftalign]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/driftalign}
data=../shared/data
[ -d "$data" ] || { echo "$data is absent: this benchmark needs the shared evaluation data" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for spec in "de textberg-dev/src/dev" "fr textberg-dev/tgt/dev" "en mac-dev/tgt/001" "en mac-dev/tgt/003" \
    "en mac-dev/tgt/005" "zh mac-dev/src/001" "zh mac-dev/src/004"; do
    set -- $spec
    tr '\n' ' ' < "$data/$2" > "$tmp/in.txt"
    "$bin" segment --lang "$1" -q "$tmp/in.txt" > "$tmp/out.txt"
    python3 - "$data/$2" "$tmp/out.txt" "$1 $2" <<'PY'
import sys
def bounds(path):
    out, n = set(), 0
    for line in open(path, encoding="utf-8"):
        if line.strip():
            n += len("".join(line.split()))
            out.add(n)
    return out
gold, got = bounds(sys.argv[1]), bounds(sys.argv[2])
hit = len(gold & got)
print(f"{sys.argv[3]:28} gold {len(gold):4}  segments {len(got):4}  precision {hit/len(got):.3f}  recall {hit/len(gold):.3f}")
PY
done
