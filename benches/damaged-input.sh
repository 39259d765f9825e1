#!/usr/bin/env bash
# Loading legacy-encoded and damaged files: cuts of the evaluation texts (the first 1, 2,
# 3, 5, 10 and 40 lines, and all) converted to windows-1252, GBK, Big5 and EUC-KR, and
# kept in UTF-8, must all be read; the same with one byte that is invalid in every
# encoding tried (0xFF) put in the middle must be refused, not read as windows-1252
# mojibake. windows-1252 reads every byte, so its files are not damaged.
#
#   bash benches/damaged-input.sh [DRIFTALIGN_BINARY]
#
# Reads ../shared/data (mac-dev, textberg-dev) and the Korean seed in ../shared/seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
seed=../shared/seeds/004_e1fc77dbad8acae1.txt
[ -d "$data" ] && [ -f "$seed" ] || { echo "needs $data and $seed beside the repository" >&2; exit 2; }
if [ $# -ge 1 ]; then bin=$1; else cargo build --release --quiet; bin=target/release/driftalign; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cuts() { # name source encoding
    for n in 1 2 3 5 10 40 100000; do head -n "$n" "$2" | iconv -c -f utf-8 -t "$3" > "$work/$1.$n"; done
}
cuts de "$data/textberg-dev/src/dev" WINDOWS-1252
cuts fr "$data/textberg-dev/tgt/dev" WINDOWS-1252
for d in 001 002 003 004 005 006; do
    cuts "gbk$d" "$data/mac-dev/src/$d" GBK
    cuts "big5$d" "$data/mac-dev/src/$d" BIG5
    cuts "en$d" "$data/mac-dev/tgt/$d" WINDOWS-1252
done
cuts ko "$seed" EUC-KR
for d in 001 004; do cuts "utf8zh$d" "$data/mac-dev/src/$d" UTF-8; done
cuts utf8fr "$data/textberg-dev/tgt/dev" UTF-8

read_ok=0 refused=0 damaged_refused=0 damaged_read=0
for f in "$work"/*; do
    [ -s "$f" ] || continue
    if "$bin" detect "$f" > /dev/null 2>&1; then read_ok=$((read_ok + 1)); else refused=$((refused + 1)); echo "refused: $(basename "$f")"; fi
    case $(basename "$f") in de.* | fr.* | en0*) continue ;; esac
    half=$(($(stat -c%s "$f") / 2))
    { head -c "$half" "$f"; printf '\xff'; tail -c +$((half + 1)) "$f"; } > "$f.bad"
    if "$bin" detect "$f.bad" > /dev/null 2>&1; then
        damaged_read=$((damaged_read + 1))
        echo "read despite the bad byte: $(basename "$f") as $("$bin" detect "$f.bad" | awk 'NR == 2 {print $5}')"
    else
        damaged_refused=$((damaged_refused + 1))
    fi
    rm "$f.bad"
done
echo "clean files: $read_ok read, $refused refused; with a bad byte: $damaged_refused refused, $damaged_read read"
