"""Scores lingua's high-accuracy mode on the items the langid benchmark wrote.

Usage: python3 benches/lingua_compare.py target/langid-items.tsv
Needs: pip install lingua-language-detector (the Python binding of lingua-rs).
Prints accuracy per language and item kind with lingua restricted to the same
allow-list (en, de, fr, zh, ja, ko), then with all its languages.
"""
import sys
import time
from collections import defaultdict

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

LANGS = ["en", "de", "fr", "zh", "ja", "ko"]


def main(path):
    items = [line.rstrip("\n").split("\t", 2) for line in open(path, encoding="utf-8")]
    allowed = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
    for label, builder in [
        ("allow-list en,de,fr,zh,ja,ko", LanguageDetectorBuilder.from_languages(*allowed)),
        ("all languages", LanguageDetectorBuilder.from_all_languages()),
    ]:
        detector = builder.with_preloaded_language_models().build()
        hits = defaultdict(lambda: [0, 0])
        started = time.perf_counter()
        guesses = [detector.detect_language_of(t) for _, _, t in items]
        elapsed = time.perf_counter() - started
        for (kind, lang, _), guess in zip(items, guesses):
            h = hits[(kind, lang)]
            h[1] += 1
            if guess is not None and guess.iso_code_639_1.name.lower() == lang:
                h[0] += 1
        print(f"lingua high accuracy, {label}: accuracy (correct/total); {len(items) / elapsed:.0f} items/s")
        for kind in ["sentence", "word pair"]:
            row = "  ".join(f"{l} {hits[(kind, l)][0] / max(1, hits[(kind, l)][1]):.3f} ({hits[(kind, l)][0]}/{hits[(kind, l)][1]})" for l in LANGS)
            print(f"  {kind:9}  {row}")


if __name__ == "__main__":
    main(sys.argv[1])
