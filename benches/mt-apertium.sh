#!/usr/bin/env bash
# The MT stage against a local Apertium APy: driftalign's client next to the server's own
# best (the same sentences newline-batched into requests of at most 4,000 characters,
# sent with curl, 1 and 2 at a time), then a warm re-run from the cache.
#
#   bash benches/mt-apertium.sh APY_URL SENTENCES_FILE
#
# SENTENCES_FILE: English, one sentence per line (e.g. bible-5k/src/001).
set -euo pipefail
url=${1:?APy URL, e.g. http://127.0.0.1:2737}
input=${2:?a file of English sentences, one per line}
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The server's best: newline-joined batches of at most 4,000 characters.
python3 - "$input" "$work/batches" <<'PY'
import os, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
os.makedirs(sys.argv[2])
batch, size, n = [], 0, 0
def flush():
    global batch, size, n
    if batch:
        open(os.path.join(sys.argv[2], f"{n:05d}"), "w", encoding="utf-8").write("\n".join(batch))
        n += 1
    batch, size = [], 0
for l in lines:
    if size + len(l) + 1 > 4000:
        flush()
    batch.append(l)
    size += len(l) + 1
flush()
print(f"{len(lines)} sentences in {n} batches", file=sys.stderr)
PY
sentences=$(grep -c . "$input")
for parallel in 1 2; do
    start=$(date +%s.%N)
    ls "$work/batches" | xargs -P "$parallel" -I{} curl -s -o /dev/null --fail \
        --data-urlencode "q@$work/batches/{}" --data 'langpair=eng|spa&format=txt&markUnknown=no' "$url/translate"
    end=$(date +%s.%N)
    python3 -c "s=$end-$start; print(f'curl, {$parallel} at a time: {s:.2f} s, {$sentences/s:.0f} sentences/s')"
done

# driftalign: the whole align command; run.json has the MT stage's own time.
run() {
    local start end
    start=$(date +%s.%N)
    target/release/driftalign -q align --presegmented --src "$input" --tgt "$input" --src-lang en --tgt-lang es \
        --provider apertium --endpoint "$url" --cache "$work/cache" --out "$work/out"
    end=$(date +%s.%N)
    python3 - "$work/out/run.json" "$start" "$end" "$1" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
mt, ms = run["mt"], run["timings_ms"]["mt"]
wall = float(sys.argv[3]) - float(sys.argv[2])
print(f"driftalign {sys.argv[4]}: MT stage {ms/1000:.2f} s, {mt['segments']/(ms/1000):.0f} sentences/s; "
      f"requests {mt['requests']}, cache hits {mt['cache_hits']}, retries {mt['retries']}; whole command {wall:.2f} s")
PY
}
run cold
run warm
