"""Verse-level scoring of an alignment of bible-15k, as Bertalign's eval_bible does and
../shared/data/README.md describes: the system's beads, in order, are merged into the
previous one when both belong to the same single verse; merged beads are then matched
exactly against the gold verse beads.

    python3 benches/verse_score.py cut DATA_DIR N OUT_DIR      # first N source lines
    python3 benches/verse_score.py score DATA_DIR N ALIGN_FILE

`cut` writes OUT_DIR/{src,tgt,mt}: the first N source lines (N must end a verse), the
target up to the last line of that verse, the MT with the source. `score` prints
P, R and F1 against the gold beads that lie wholly inside the cut.
"""
import ast
import os
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def parse(path):
    beads = []
    for line in lines(path):
        line = line.strip()
        if line:
            src, tgt = line.split(":")
            beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return beads


def target_end(verse_src, verse_tgt, n):
    """Target lines that go with the first n source lines (n ends a verse)."""
    last = verse_src[n - 1]
    if n < len(verse_src) and verse_src[n] == last:
        sys.exit(f"source line {n} is inside verse {last}: cut at a verse's end")
    return max(j for j, v in enumerate(verse_tgt) if v == last) + 1


def cut(data, n, out):
    vs, vt = lines(f"{data}/verse/003.src"), lines(f"{data}/verse/003.tgt")
    m = target_end(vs, vt, n)
    os.makedirs(out, exist_ok=True)
    for name, count in (("src", n), ("tgt", m), ("mt", n)):
        with open(f"{out}/{name}", "w", encoding="utf-8") as f:
            f.write("\n".join(lines(f"{data}/{name}/003")[:count]) + "\n")


def score(data, n, align):
    vs, vt = lines(f"{data}/verse/003.src"), lines(f"{data}/verse/003.tgt")
    m = target_end(vs, vt, n)

    def verse_of(bead):
        s, t = {vs[i] for i in bead[0]}, {vt[j] for j in bead[1]}
        if len(s) > 1 or len(t) > 1 or (s and t and s != t) or not (s or t):
            return None
        return (s or t).pop()

    merged, verses = [], []
    for bead in parse(align):
        v = verse_of(bead)
        if merged and v is not None and verses[-1] == v:
            a, b = merged[-1]
            merged[-1] = (tuple(sorted(a + bead[0])), tuple(sorted(b + bead[1])))
        else:
            merged.append(bead)
            verses.append(v)
    gold = {b for b in parse(f"{data}/verse/003.align") if all(i < n for i in b[0]) and all(j < m for j in b[1])}
    hits = sum(1 for b in merged if b in gold)
    p, r = hits / len(merged), hits / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"P {p:.3f} R {r:.3f} F1 {f1:.3f} ({len(merged)} merged beads, {len(gold)} gold)")


if __name__ == "__main__":
    what, data, n, arg = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    {"cut": cut, "score": score}[what](data, n, arg)
