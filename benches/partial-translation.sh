#!/usr/bin/env bash
# Alignment when one side has text the other lacks: a translation that stops early, one
# with a section of its own (appended or prepended), a source passage left out in the
# middle. Built from textberg-dev's gold-aligned document; scored against its gold beads.
#
#     cargo build --release && bash benches/partial-translation.sh
#
# For each case it prints how many gold beads of the part both sides have are found
# exactly, and how many sentences of the part only one side has come out unmatched.
set -euo pipefail
cd "$(dirname "$0")/.."
set_dir=../shared/data/textberg-dev
[ -d "$set_dir" ] || { echo "$set_dir is absent: this benchmark needs the shared evaluation data" >&2; exit 1; }
bin=target/release/driftalign
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$set_dir/src/dev mt=$set_dir/mt/dev tgt=$set_dir/tgt/dev gold=$set_dir/gold/dev.align

# score SRC_LO SRC_HI TGT_OFFSET: gold beads with source in [SRC_LO, SRC_HI) (target ids
# shifted by TGT_OFFSET, after dropping DROPPED_TGT) found exactly; unmatched sentences
# of the extra part (source ids from EXTRA_SRC_LO, or target ids from EXTRA_TGT_LO on).
score() {
    python3 - "$gold" "$work/out/alignment.jsonl" "$@" <<'PY'
import json, sys
gold_path, out_path, lo, hi, off, drop, extra = sys.argv[1:8]
lo, hi, off = int(lo), int(hi), int(off)
dropped = set(json.loads(drop))
kept = {}
gold = []
rows = [tuple(map(json.loads, l.strip().split(':'))) for l in open(gold_path)]
# Every line of the translation, whether the gold names it or not.
k = 0
for j in range(max(j for _, t in rows for j in t) + 1):
    if j not in dropped:
        kept[j] = k; k += 1
for s, t in rows:
    if s and t and lo <= s[0] < hi and not dropped.intersection(t):
        gold.append((tuple(s), tuple(kept[j] + off for j in t)))
out, unmatched = set(), 0
side, start, end = extra.split(':')
for line in open(out_path):
    d = json.loads(line)
    if d['src'] and d['tgt']:
        out.add((tuple(d['src']), tuple(d['tgt'])))
    elif side == 'src' and d['src']:
        unmatched += sum(int(start) <= i < int(end) for i in d['src'])
    elif side == 'tgt' and d['tgt']:
        unmatched += sum(int(start) <= j < int(end) for j in d['tgt'])
print(f"gold beads found {sum(g in out for g in gold)}/{len(gold)}; the extra part unmatched {unmatched}/{int(end) - int(start)}")
PY
}
align() { "$bin" -q align --presegmented --src "$1" --tgt "$2" --mt "$3" --out "$work/out"; }

# The source's first 52 sentences are rendered by the translation's first 88 lines.
head -52 "$src" > "$work/src52"; head -52 "$mt" > "$work/mt52"
for k in 0 20 88 380; do
    { head -88 "$tgt"; awk -v k="$k" 'NR >= 100 && NR < 100 + k' "$tgt"; } > "$work/t"
    align "$work/src52" "$work/t" "$work/mt52"
    printf 'translation with %3s lines of its own appended:  ' "$k"; score 0 52 0 '[]' "tgt:88:$((88 + k))"
done
for k in 40 176; do
    { awk -v k="$k" 'NR >= 100 && NR < 100 + k' "$tgt"; head -88 "$tgt"; } > "$work/t"
    align "$work/src52" "$work/t" "$work/mt52"
    printf 'translation with %3s lines of its own prepended: ' "$k"; score 0 52 "$k" '[]' "tgt:0:$k"
done
head -88 "$tgt" > "$work/t88"
for k in 30 120; do
    { head -52 "$src"; awk -v k="$k" 'NR >= 61 && NR < 61 + k' "$src"; } > "$work/s"
    { head -52 "$mt"; awk -v k="$k" 'NR >= 61 && NR < 61 + k' "$mt"; } > "$work/m"
    align "$work/s" "$work/t88" "$work/m"
    printf 'source with %3s sentences more:                 ' "$k"; score 0 52 0 '[]' "src:52:$((52 + k))"
done
# The whole document, its translation cut after line 150 / 277.
for lines in 150 277; do
    head -"$lines" "$tgt" > "$work/t"
    align "$src" "$work/t" "$mt"
    last=$(python3 -c "
import json
print(max(s[-1] for s, t in (map(json.loads, l.strip().split(':')) for l in open('$gold')) if s and t and t[-1] < $lines))")
    dropped=$(python3 -c "print(list(range($lines, $(wc -l < "$tgt") + 1)))")
    printf 'translation stopping after line %3s:             ' "$lines"; score 0 "$((last + 1))" 0 "$dropped" "src:$((last + 1)):$(wc -l < "$src")"
done
# A passage of 100 source sentences (150-249) left out of the translation.
dropped=$(python3 -c "
import json
print(sorted(j for s, t in (map(json.loads, l.strip().split(':')) for l in open('$gold')) if s and 150 <= s[0] < 250 for j in t))")
python3 -c "
import json
drop = set(json.loads('$dropped'))
lines = open('$tgt').read().rstrip('\n').split('\n')
open('$work/t', 'w').write(''.join(l + '\n' for j, l in enumerate(lines) if j not in drop))"
align "$src" "$work/t" "$mt"
printf 'a passage of 100 source sentences left out:     '; python3 - "$gold" "$work/out/alignment.jsonl" "$dropped" <<'PY'
import json, sys
drop = set(json.loads(sys.argv[3]))
rows = [tuple(map(json.loads, l.strip().split(':'))) for l in open(sys.argv[1])]
last = max(j for _, t in rows for j in t)
kept = {j: k for k, j in enumerate(j for j in range(last + 1) if j not in drop)}
gold = [(tuple(s), tuple(kept[j] for j in t)) for s, t in rows if s and t and not (150 <= s[0] < 250)]
out, unmatched = set(), 0
for line in open(sys.argv[2]):
    d = json.loads(line)
    if d['src'] and d['tgt']:
        out.add((tuple(d['src']), tuple(d['tgt'])))
    elif d['src']:
        unmatched += sum(150 <= i < 250 for i in d['src'])
print(f"gold beads found {sum(g in out for g in gold)}/{len(gold)}; the extra part unmatched {unmatched}/100")
PY
# The same passage the other way round: source sentences 150-249 (and their MT) taken
# out, the whole translation kept, so its lines for them are text of its own.
awk 'NR <= 150 || NR > 250' "$src" > "$work/s"; awk 'NR <= 150 || NR > 250' "$mt" > "$work/m"
align "$work/s" "$tgt" "$work/m"
printf 'a passage of %3s translation lines of its own:  ' "$(python3 -c "print(len($dropped))")"; python3 - "$gold" "$work/out/alignment.jsonl" "$dropped" <<'PY'
import json, sys
own = set(json.loads(sys.argv[3]))
rows = [tuple(map(json.loads, l.strip().split(':'))) for l in open(sys.argv[1])]
shift = lambda s: tuple(i - 100 if i >= 250 else i for i in s)
gold = [(shift(s), tuple(t)) for s, t in rows if s and t and not (150 <= s[0] < 250)]
out, unmatched = set(), 0
for line in open(sys.argv[2]):
    d = json.loads(line)
    if d['src'] and d['tgt']:
        out.add((tuple(d['src']), tuple(d['tgt'])))
    elif d['tgt']:
        unmatched += sum(j in own for j in d['tgt'])
print(f"gold beads found {sum(g in out for g in gold)}/{len(gold)}; the extra part unmatched {unmatched}/{len(own)}")
PY
# A long document, searched coarse to fine over several levels: bible-5k (5,000 × 6,301,
# no gold at sentence level) with 1,463 lines of other Chinese text (mac-dev's sources)
# before or after its translation. Scored against the alignment of the pair without
# them: its beads found again, and the foreign lines left unmatched.
bible=../shared/data/bible-5k mac=../shared/data/mac-dev/src
if [ -d "$bible" ] && [ -d "$mac" ]; then
    plain=$work/plain
    "$bin" -q align --presegmented --src-lang en --tgt-lang zh --src "$bible/src/001" --tgt "$bible/tgt/001" \
        --mt "$bible/mt/001" --out "$plain"
    foreign=$(cat "$mac"/* | wc -l)
    for where in before after; do
        if [ "$where" = before ]; then cat "$mac"/* "$bible/tgt/001"; else cat "$bible/tgt/001" "$mac"/*; fi > "$work/t"
        "$bin" -q align --presegmented --src-lang en --tgt-lang zh --src "$bible/src/001" --tgt "$work/t" \
            --mt "$bible/mt/001" --out "$work/out"
        printf 'bible-5k with %s foreign lines %-6s          ' "$foreign" "$where"
        python3 - "$plain/alignment.jsonl" "$work/out/alignment.jsonl" "$where" "$foreign" "$(wc -l < "$bible/tgt/001")" <<'PY'
import json, sys
plain_path, out_path, where, foreign, own = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
shift = foreign if where == 'before' else 0
lo, hi = (0, foreign) if where == 'before' else (own, own + foreign)
plain = {(tuple(d['src']), tuple(j + shift for j in d['tgt'])) for d in map(json.loads, open(plain_path)) if d['src'] and d['tgt']}
out, unmatched = set(), 0
for d in map(json.loads, open(out_path)):
    if d['src'] and d['tgt']:
        out.add((tuple(d['src']), tuple(d['tgt'])))
    elif d['tgt']:
        unmatched += sum(lo <= j < hi for j in d['tgt'])
print(f"beads of the plain pair found {len(plain & out)}/{len(plain)}; the foreign lines unmatched {unmatched}/{foreign}")
PY
    done
    # Its translation stopping after line 1,500 or 3,000 of 6,301.
    for lines in 1500 3000; do
        head -"$lines" "$bible/tgt/001" > "$work/t"
        "$bin" -q align --presegmented --src-lang en --tgt-lang zh --src "$bible/src/001" --tgt "$work/t" \
            --mt "$bible/mt/001" --out "$work/out"
        printf 'bible-5k translation stopping after line %4s:  ' "$lines"
        python3 - "$plain/alignment.jsonl" "$work/out/alignment.jsonl" "$lines" <<'PY'
import json, sys
lines = int(sys.argv[3])
plain = {(tuple(d['src']), tuple(d['tgt'])) for d in map(json.loads, open(sys.argv[1])) if d['src'] and d['tgt']}
kept = {b for b in plain if b[1][-1] < lines}
beyond = max(b[0][-1] for b in kept) + 1
out, unmatched, total = set(), 0, 0
for d in map(json.loads, open(sys.argv[2])):
    if d['src'] and d['tgt']:
        out.add((tuple(d['src']), tuple(d['tgt'])))
    if d['src']:
        total += sum(i >= beyond for i in d['src'])
        if not d['tgt']:
            unmatched += sum(i >= beyond for i in d['src'])
print(f"beads of the plain pair found {len(kept & out)}/{len(kept)}; the source beyond unmatched {unmatched}/{total}")
PY
    done
else
    echo "bible-5k or mac-dev is absent: the long-document cases are left out" >&2
fi
