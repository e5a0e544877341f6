"""Data files that ship with CNN Lab (see README.md here for origins and licences)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Absolute path of a bundled resource file, e.g. ``path("mnist_5k.npz")``."""
    return ROOT / name
