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

cargo test --locked
