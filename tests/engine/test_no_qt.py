"""The engine runs without Qt: importing every engine module loads no Qt binding.

Run in a fresh interpreter, since the test process may already have Qt loaded by GUI tests.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, json, pkgutil, sys
import engine
names = sorted(m.name for m in pkgutil.walk_packages(engine.__path__, "engine."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""

QT_PREFIXES = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2", "pyqtgraph",
               "qtpy", "superqt")
EXPECTED = {"engine.ops", "engine.layers", "engine.losses", "engine.model", "engine.optim",
            "engine.train", "engine.pipeline", "engine.datasets", "engine.collection",
            "engine.folders", "engine.fileio", "engine.limits", "engine.architecture",
            "engine.analysis"}


@pytest.fixture(scope="module")
def imported():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_engine_imports_no_qt(imported):
    result = imported
    assert EXPECTED <= set(result["imported"]), sorted(EXPECTED - set(result["imported"]))
    qt = [m for m in result["loaded"] if m.split(".")[0].startswith(QT_PREFIXES)]
    assert not qt, f"engine modules loaded Qt: {qt}"


def test_engine_imports_no_test_only_oracles(imported):
    # scipy (and torch) are test or benchmark oracles, never engine dependencies.
    loaded = {m.split(".")[0] for m in imported["loaded"]}
    oracles = loaded & {"scipy", "torch", "matplotlib"}
    assert not oracles, f"engine modules loaded {sorted(oracles)}"
