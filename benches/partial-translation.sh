#!/usr/bin/env bash
# Alignment when one side has text the other lacks: a translation that stops early, one
# with a section of its own (appended, prepended or in the middle), a source passage left
# out. Built from textberg-dev's gold-aligned document and scored against its gold beads;
# then a long document (bible-5k, no sentence-level gold) scored against its own
# alignment without the change.
#
#     cargo build --release && bash benches/partial-translation.sh
#
# For each case it prints how many beads of the part both sides have are found exactly,
# and how many sentences of the part only one side has come out unmatched.
set -euo pipefail
cd "$(dirname "$0")/.."
set_dir=../shared/data/textberg-dev
[ -d "$set_dir" ] || { echo "$set_dir is absent: this benchmark needs the shared evaluation data" >&2; exit 1; }
bin=target/release/driftalign
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$set_dir/src/dev mt=$set_dir/mt/dev tgt=$set_dir/tgt/dev gold=$set_dir/gold/dev.align

# The expected beads of each case, and the tally of an alignment against them.
cat > "$work/beads.py" <<'PY'
import json, sys

def read(path):
    """Beads (source ids, target ids) of a gold file (`[0]:[0,1]` lines) or alignment.jsonl."""
    if path.endswith('.jsonl'):
        return [(d['src'], d['tgt']) for d in map(json.loads, open(path))]
    return [tuple(map(json.loads, l.strip().split(':'))) for l in open(path)]

def renumber(ids, removed):
    """Ids after the `removed` ones are taken out: id -> new id."""
    kept = [i for i in range(max(ids, default=-1) + 1) if i not in removed]
    return {i: k for k, i in enumerate(kept)}

def expected(path, lo, hi, tgt_removed, src_removed, offset, tgt_below):
    """Beads of `path` with source in [lo, hi) and target ids below `tgt_below`, touching
    none of the removed sentences; ids renumbered without them, targets moved by `offset`."""
    beads = [(s, t) for s, t in read(path) if s and t]
    tgt_removed, src_removed = set(tgt_removed), set(src_removed)
    tgt_ids = renumber([j for _, t in read(path) for j in t], tgt_removed)
    src_ids = renumber([i for s, _ in read(path) for i in s], src_removed)
    return [([src_ids[i] for i in s], [tgt_ids[j] + offset for j in t]) for s, t in beads
            if lo <= s[0] < hi and t[-1] < tgt_below
            and not tgt_removed.intersection(t) and not src_removed.intersection(s)]

def tally(expected_path, out_path, side, extra_path, what):
    want = {(tuple(s), tuple(t)) for s, t in json.load(open(expected_path))}
    extra = set(json.load(open(extra_path)))
    out, unmatched = set(), 0
    for s, t in read(out_path):
        if s and t:
            out.add((tuple(s), tuple(t)))
        elif side == 'src':
            unmatched += sum(i in extra for i in s)
        else:
            unmatched += sum(j in extra for j in t)
    print(f"{what} found {len(want & out)}/{len(want)}; the extra part unmatched {unmatched}/{len(extra)}")

def last_source(path, below):
    """The last source id of a bead of `path` whose targets all lie below `below`."""
    return max(s[-1] for s, t in read(path) if s and t and t[-1] < below)

def targets_of(path, lo, hi):
    """The target ids of the beads of `path` whose source starts in [lo, hi)."""
    return sorted(j for s, t in read(path) if s and lo <= s[0] < hi for j in t)

if sys.argv[1] == 'last-source':
    print(last_source(sys.argv[2], int(sys.argv[3])))
elif sys.argv[1] == 'targets-of':
    print(targets_of(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
elif sys.argv[1] == 'expected':
    path, lo, hi, tgt_removed, src_removed, offset, tgt_below = sys.argv[2:9]
    json.dump(expected(path, int(lo), int(hi), json.loads(tgt_removed), json.loads(src_removed), int(offset),
                       int(tgt_below)), sys.stdout)
else:
    tally(*sys.argv[2:7])
PY
# expect PATH LO HI TGT_REMOVED SRC_REMOVED OFFSET [TGT_BELOW]: the expected beads, into $work/want.
expect() { python3 "$work/beads.py" expected "$1" "$2" "$3" "$4" "$5" "$6" "${7:-1000000000}" > "$work/want"; }
# tally_ids SIDE IDS [WHAT]: the last alignment against $work/want; the extra part is
# sentences IDS (a JSON list) of SIDE.
tally_ids() {
    echo "$2" > "$work/extra"
    python3 "$work/beads.py" tally "$work/want" "$work/out/alignment.jsonl" "$1" "$work/extra" "${3:-gold beads}"
}
# tally SIDE FIRST END [WHAT]: the same, the extra part sentences FIRST..END-1.
tally() { tally_ids "$1" "$(python3 -c "print(list(range($2, $3)))")" "${4:-gold beads}"; }
align() { "$bin" -q align --presegmented --src "$1" --tgt "$2" --mt "$3" --out "$work/out" "${@:4}"; }

# The source's first 52 sentences are rendered by the translation's first 88 lines.
head -52 "$src" > "$work/src52"; head -52 "$mt" > "$work/mt52"
for k in 0 20 88 380; do
    { head -88 "$tgt"; awk -v k="$k" 'NR >= 100 && NR < 100 + k' "$tgt"; } > "$work/t"
    align "$work/src52" "$work/t" "$work/mt52"
    printf 'translation with %3s lines of its own appended:  ' "$k"; expect "$gold" 0 52 '[]' '[]' 0; tally tgt 88 $((88 + k))
done
for k in 40 176; do
    { awk -v k="$k" 'NR >= 100 && NR < 100 + k' "$tgt"; head -88 "$tgt"; } > "$work/t"
    align "$work/src52" "$work/t" "$work/mt52"
    printf 'translation with %3s lines of its own prepended: ' "$k"; expect "$gold" 0 52 '[]' '[]' "$k"; tally tgt 0 "$k"
done
head -88 "$tgt" > "$work/t88"
for k in 30 120; do
    { head -52 "$src"; awk -v k="$k" 'NR >= 61 && NR < 61 + k' "$src"; } > "$work/s"
    { head -52 "$mt"; awk -v k="$k" 'NR >= 61 && NR < 61 + k' "$mt"; } > "$work/m"
    align "$work/s" "$work/t88" "$work/m"
    printf 'source with %3s sentences more:                 ' "$k"; expect "$gold" 0 52 '[]' '[]' 0; tally src 52 $((52 + k))
done
# The whole document, its translation cut after line 150 / 277.
for lines in 150 277; do
    head -"$lines" "$tgt" > "$work/t"
    align "$src" "$work/t" "$mt"
    last=$(python3 "$work/beads.py" last-source "$gold" "$lines")
    printf 'translation stopping after line %3s:             ' "$lines"
    expect "$gold" 0 "$((last + 1))" '[]' '[]' 0 "$lines"; tally src "$((last + 1))" "$(wc -l < "$src")"
done
# A passage of 100 source sentences (150-249) left out of the translation.
dropped=$(python3 "$work/beads.py" targets-of "$gold" 150 250)
python3 -c "
import json
drop = set(json.loads('$dropped'))
lines = open('$tgt').read().rstrip('\n').split('\n')
open('$work/t', 'w').write(''.join(l + '\n' for j, l in enumerate(lines) if j not in drop))"
align "$src" "$work/t" "$mt"
printf 'a passage of 100 source sentences left out:     '
expect "$gold" 0 1000000 "$dropped" '[]' 0; tally src 150 250
# The same passage the other way round: source sentences 150-249 (and their MT) taken
# out, the whole translation kept, so its lines for them are text of its own.
awk 'NR <= 150 || NR > 250' "$src" > "$work/s"; awk 'NR <= 150 || NR > 250' "$mt" > "$work/m"
align "$work/s" "$tgt" "$work/m"
printf 'a passage of %3s translation lines of its own:  ' "$(python3 -c "print(len($dropped))")"
expect "$gold" 0 1000000 '[]' "$(python3 -c "print(list(range(150, 250)))")" 0
tally_ids tgt "$dropped"

# A long document, searched coarse to fine over several levels: bible-5k (5,000 × 6,301,
# no gold at sentence level) with 1,463 lines of other Chinese text (mac-dev's sources)
# before or after its translation, or its translation stopping early. Scored against the
# alignment of the whole pair: its beads found again, and the extra part unmatched.
bible=../shared/data/bible-5k mac=../shared/data/mac-dev/src
if [ -d "$bible" ] && [ -d "$mac" ]; then
    long() { align "$bible/src/001" "$1" "$bible/mt/001" --src-lang en --tgt-lang zh; }
    long "$bible/tgt/001"; cp "$work/out/alignment.jsonl" "$work/plain.jsonl"
    foreign=$(cat "$mac"/* | wc -l) own=$(wc -l < "$bible/tgt/001")
    cat "$mac"/* "$bible/tgt/001" > "$work/t"; long "$work/t"
    printf 'bible-5k with %s foreign lines before          ' "$foreign"
    expect "$work/plain.jsonl" 0 1000000 '[]' '[]' "$foreign"; tally tgt 0 "$foreign" "beads of the plain pair"
    cat "$bible/tgt/001" "$mac"/* > "$work/t"; long "$work/t"
    printf 'bible-5k with %s foreign lines after           ' "$foreign"
    expect "$work/plain.jsonl" 0 1000000 '[]' '[]' 0; tally tgt "$own" $((own + foreign)) "beads of the plain pair"
    for lines in 1500 3000; do
        head -"$lines" "$bible/tgt/001" > "$work/t"; long "$work/t"
        printf 'bible-5k translation stopping after line %4s:  ' "$lines"
        expect "$work/plain.jsonl" 0 1000000 '[]' '[]' 0 "$lines"
        beyond=$(python3 -c "import json; print(max(s[-1] for s, t in json.load(open('$work/want'))) + 1)")
        tally src "$beyond" "$(wc -l < "$bible/src/001")" "beads of the plain pair"
    done
else
    echo "bible-5k or mac-dev is absent: the long-document cases are left out" >&2
fi
