"""Refresh CNN Lab's translation catalogues from the source, and compile them.

    python scripts/update_translations.py           # refresh the .ts files, compile the .qm
    python scripts/update_translations.py --check   # exit 1 if a message is untranslated

``pyside6-lupdate`` reads every ``self.tr(...)`` and ``QCoreApplication.translate(...)`` in
``gui/`` and ``main.py`` and updates ``resources/translations/cnn_lab_ja.ts`` (every
message) and ``cnn_lab_en.ts`` (plural messages only, so that English reads "1 filter" and
"3 filters"); ``pyside6-lrelease`` compiles each into the ``.qm`` file the app loads.
Translate the ``.ts`` files with Qt Linguist (``pyside6-linguist``) or any editor, then
run the script again.

``--check`` changes nothing: it extracts the messages into a temporary copy of the
catalogues and prints every message that is missing from a catalogue, unfinished there,
or in an empty context (a string lupdate found behind an alias such as ``tr = self.tr``,
which no translator can match), and exits 1 if there is any. ``--language ja`` limits
the check (or the refresh) to one catalogue.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
#: What lupdate reads, relative to the repository root.
SOURCES = ("gui", "main.py")
#: Each catalogue, and whether it holds only plural messages.
CATALOGUES = {"ja": False, "en": True}


def ts_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"cnn_lab_{language}.ts"


def tool(name: str) -> str:
    """The path of ``pyside6-<name>``: next to this Python first, then on PATH."""
    for candidate in (Path(sys.executable).parent / f"pyside6-{name}",
                      shutil.which(f"pyside6-{name}")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise SystemExit(f"pyside6-{name} not found: install PySide6 (pip install PySide6)")


def lupdate(language: str, ts_file: Path, root: Path = ROOT) -> None:
    """Update ``ts_file`` with the messages of the source under ``root``."""
    command = [tool("lupdate"), "-extensions", "py", *SOURCES, "-ts", str(ts_file),
               "-target-language", language, "-no-obsolete",
               # No line numbers: a catalogue then changes only when messages do, and
               # branches that edit the same files merge without conflicts.
               "-locations", "none", "-silent"]
    if CATALOGUES[language]:
        command.append("-pluralonly")
    subprocess.run(command, cwd=root, check=True)


def lrelease(ts_file: Path) -> Path:
    qm_file = ts_file.with_suffix(".qm")
    subprocess.run([tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True)
    return qm_file


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    plural: bool
    finished: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.source


def read_catalogue(ts_file: Path) -> list[Message]:
    """Every message of a ``.ts`` file; one that does not exist reads as empty."""
    if not ts_file.is_file():
        return []
    messages = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = "" if translation is None else translation.get("type", "")
            forms = ([] if translation is None else
                     [f.text or "" for f in translation.iter("numerusform")]
                     or [translation.text or ""])
            finished = (translation is not None and kind not in ("unfinished", "vanished",
                                                                 "obsolete")
                        and all(form.strip() for form in forms))
            if kind in ("vanished", "obsolete"):
                continue
            messages.append(Message(name, message.findtext("source") or "",
                                    message.get("numerus") == "yes", finished))
    return messages


def _source_files(root: Path):
    for name in SOURCES:
        path = root / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _is_translate(node: ast.AST) -> bool:
    """``QCoreApplication.translate`` / ``QApplication.translate`` (not called)."""
    return (isinstance(node, ast.Attribute) and node.attr == "translate"
            and isinstance(node.value, ast.Name) and node.value.id.endswith("Application"))


def _is_self_tr(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "tr"
            and isinstance(node.value, ast.Name) and node.value.id == "self")


def source_calls(root: Path = ROOT) -> tuple[set[tuple[str, str]], list[str]]:
    """Read the source the way the convention says it must be written.

    Returns the ``(context, text)`` of every literal ``self.tr`` / ``translate`` call
    (the context of ``self.tr`` is the enclosing class), and one line for each use that
    lupdate cannot extract: a non-literal text or context, and ``tr`` or ``translate``
    handed on as a value (``tr = self.tr``, ``format_seconds(..., self.tr)``).
    """
    found: set[tuple[str, str]] = set()
    lines: list[str] = []

    def literal(node) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(
            node.value, str) else None

    def visit(node, cls: str, called: set[int], where: Path) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            called.add(id(node.func))
            spot = f"{where.relative_to(root)}:{node.lineno}"
            if _is_self_tr(node.func):
                text = literal(node.args[0]) if node.args else None
                if text is None:
                    lines.append(f"{spot}: self.tr() of a non-literal text")
                else:
                    found.add((cls, text))
            elif _is_translate(node.func):
                context = literal(node.args[0]) if node.args else None
                text = literal(node.args[1]) if len(node.args) > 1 else None
                if context is None or text is None:
                    lines.append(f"{spot}: translate() of a non-literal context or text")
                else:
                    found.add((context, text))
        elif ((_is_self_tr(node) or _is_translate(node)) and id(node) not in called):
            lines.append(f"{where.relative_to(root)}:{node.lineno}: tr/translate passed on "
                         "as a value (an alias lupdate cannot follow)")
        for child in ast.iter_child_nodes(node):
            visit(child, cls, called, where)

    for path in _source_files(root):
        visit(ast.parse(path.read_text(encoding="utf-8")), "", set(), path)
    return found, lines


def problems(language: str, root: Path = ROOT) -> list[str]:
    """What ``--check`` reports for one catalogue: one line per message that is missing
    from the committed catalogue, unfinished in it, or in an empty context, and (for the
    full catalogue) every call lupdate cannot see (:func:`source_calls`)."""
    committed = ts_path(language, root / "resources" / "translations")
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / committed.name
        if committed.is_file():
            shutil.copyfile(committed, fresh)
        lupdate(language, fresh, root)
        current = read_catalogue(fresh)
    known = {m.key for m in read_catalogue(committed)}
    lines = []
    for message in current:
        where = f"[{language}] {message.context or '(empty context)'}: {message.source!r}"
        if not message.context:
            lines.append(f"{where} is in an empty context (an alias lupdate cannot follow)")
        elif message.key not in known:
            lines.append(f"{where} is missing from {committed.name}")
        elif not message.finished:
            lines.append(f"{where} is unfinished")
    if not CATALOGUES[language]:
        calls, hidden = source_calls(root)
        extracted = {m.key for m in current}
        lines += [f"[{language}] {line}" for line in hidden]
        lines += [f"[{language}] {context}: {text!r} is in the source but lupdate did not "
                  "extract it (a call it could not parse)"
                  for context, text in sorted(calls - extracted)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any message is missing, unfinished "
                             "or in an empty context")
    parser.add_argument("--language", choices=sorted(CATALOGUES), action="append",
                        help="only this catalogue (repeatable); default: all")
    args = parser.parse_args(argv)
    languages = args.language or list(CATALOGUES)
    if args.check:
        found = [line for language in languages for line in problems(language)]
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) in {', '.join(languages)}")
        return 1 if found else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in languages:
        ts_file = ts_path(language)
        lupdate(language, ts_file)
        messages = read_catalogue(ts_file)
        done = sum(m.finished for m in messages)
        qm_file = lrelease(ts_file)
        print(f"{ts_file.relative_to(ROOT)}: {len(messages)} messages, {done} translated "
              f"-> {qm_file.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
