#!/usr/bin/env bash
# Verse-level alignment quality on a long real document as it grows: the first 5,000,
# 10,000 and 15,000 English verses of bible-15k against their Chinese, aligned by each
# aligner: the default with MT (encoder and n-grams), the n-grams alone with MT, the
# encoder alone without MT, and the length aligner on the source's and on the MT's
# lengths. One embeddings cache serves every run (the cuts share their sentences).
#
#     bash benches/bible-verse.sh ../shared/data/bible-15k
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: benches/bible-verse.sh BIBLE_15K_DIR}
cargo build --release --quiet
work=target/bible-verse
for n in 5000 10000 15000; do
    python3 benches/verse_score.py cut "$data" "$n" "$work/$n"
    for mode in mt ngram no-mt length length-mt; do
        case $mode in
            mt) extra=(--mt "$work/$n/mt") ;;
            ngram) extra=(--mt "$work/$n/mt" --aligner ngram) ;;
            no-mt) extra=() ;;
            length) extra=(--aligner length) ;;
            length-mt) extra=(--mt "$work/$n/mt" --aligner length) ;;
        esac
        out=$work/$n-$mode
        target/release/driftalign --quiet align --presegmented --src-lang en --tgt-lang zh \
            --src "$work/$n/src" --tgt "$work/$n/tgt" "${extra[@]}" --cache "$work/cache" \
            --format html --out "$out"
        printf '%-6s %-9s ' "$n" "$mode"
        python3 benches/verse_score.py score "$data" "$n" "$out/alignment.align"
    done
done
