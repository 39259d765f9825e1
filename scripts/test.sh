#!/usr/bin/env bash
# The test command: installs what the tests need, then runs the whole suite.
#
# Tests that read the shared evaluation material expect it in ../shared beside the
# repository; under CI (CI set) its absence is a failure, elsewhere they say so.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
    echo "scripts/test.sh: cargo is not installed; install Rust (https://rustup.rs) first" >&2
    exit 1
fi

# The metric tests compare chrF, chrF++ and BLEU with sacrebleu itself.
if ! python3 -c 'import sacrebleu, sys; sys.exit(0 if sacrebleu.__version__.startswith("2.") else 1)' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check 'sacrebleu==2.6.0'
fi

cargo test --locked
