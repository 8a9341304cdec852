"""Logistic regression over sentence embeddings, in numpy: trained by Newton's method, so the
same labelled file always gives the same weights, and kept as plain numbers in a JSON file."""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WEIGHTS_FILE = Path(__file__).with_name("classifier.json")


@dataclass(frozen=True)
class Classifier:
    encoder: str  # a key of triage.encoders.ENCODERS
    weights: np.ndarray
    bias: float
    threshold: float  # a probability at or above it reads as urgent
    trained_on: dict  # the labelled file's name, digest and size

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        return sigmoid(embeddings @ self.weights + self.bias)

    def as_json(self) -> str:
        return json.dumps(
            {
                "encoder": self.encoder,
                "threshold": round(self.threshold, 6),
                "bias": round(self.bias, 8),
                "weights": [round(float(w), 8) for w in self.weights],
                "trained_on": self.trained_on,
            },
            indent=1,
        )


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def fit(
    x: np.ndarray, y: np.ndarray, *, l2: float, urgent_weight: float
) -> tuple[np.ndarray, float]:
    """Weights and bias minimising the weighted log loss plus `l2` times the squared weights.
    Urgent rows (y = 1) weigh more: missing one costs more than a false alarm."""
    n, d = x.shape
    with_bias = np.hstack([x.astype(np.float64), np.ones((n, 1))])
    row_weight = np.where(y == 1, urgent_weight, 1.0)
    penalty = l2 * np.eye(d + 1)
    penalty[d, d] = 0.0  # the bias is not shrunk
    w = np.zeros(d + 1)
    for _ in range(100):
        p = sigmoid(with_bias @ w)
        gradient = with_bias.T @ (row_weight * (p - y)) + penalty @ w
        hessian = (with_bias * (row_weight * p * (1 - p))[:, None]).T @ with_bias + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:d], float(w[d])


def read(path: Path = WEIGHTS_FILE) -> Classifier:
    """The classifier of a weights file; ValueError if its numbers cannot be right."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("the classifier file does not hold an object")
    classifier = Classifier(
        encoder=str(data["encoder"]),
        weights=np.asarray(data["weights"], dtype=np.float32),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        trained_on=dict(data.get("trained_on", {})),
    )
    finite = np.isfinite(classifier.weights).all() and np.isfinite(classifier.bias)
    if classifier.weights.ndim != 1 or not finite or not 0 < classifier.threshold < 1:
        raise ValueError("the classifier's weights, bias or threshold are out of range")
    return classifier
