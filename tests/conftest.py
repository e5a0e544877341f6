"""Shared test set-up: Qt runs headless, and no test touches the user's settings."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _isolated_qsettings(tmp_path_factory):
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # engine-only environments
        yield
        return
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)
    yield
