#!/usr/bin/env bash
# Builds a 30,000 × 42,000-sentence document pair (with MT) for the alignment speed and
# memory benchmark by concatenating the shared bible-5k set: six copies of the source and
# its MT (30,000 lines), and six and two-thirds copies of the target (42,000 lines), so the
# last 4,194 target sentences have no source.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/bible-5k
[ -d "$data" ] || { echo "$data is absent: this benchmark needs the shared evaluation data" >&2; exit 1; }
out=target/bench-30k
mkdir -p "$out"
for f in src mt; do for _ in 1 2 3 4 5 6; do cat "$data/$f/001"; done > "$out/$f"; done
{ for _ in 1 2 3 4 5 6; do cat "$data/tgt/001"; done; head -n 4194 "$data/tgt/001"; } > "$out/tgt"
wc -l "$out"/src "$out"/mt "$out"/tgt
