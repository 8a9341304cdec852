"""French first, English complete: every message has its French translation, none is fuzzy,
the compiled catalogue matches its source, and no string in the code is missing from it.

Message ids are the English text, so English is complete when the French catalogue is."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))


def test_there_is_a_french_catalogue() -> None:
    assert [path.name for path in CATALOGUES] == ["django.po"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_french_message_is_translated_and_none_is_fuzzy(path: Path) -> None:
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path.name}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path.name}: {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_the_compiled_catalogue_matches_its_source(path: Path) -> None:
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(path))}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(path.with_suffix(".mo")))
        if e.msgid
    }
    assert compiled == source, "run `make messages` to recompile the .mo file"


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path: Path) -> None:
    if not shutil.which("xgettext"):
        skip_or_fail("GNU gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "staticfiles", "*.sqlite3", "__pycache__")
    shutil.copytree(ROOT, copy, ignore=ignore)
    command = [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"]
    subprocess.run(command + ["--ignore=bench"], cwd=copy, check=True, capture_output=True)
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(CATALOGUES[0]))}
    assert not fresh - committed, f"run `make messages` and translate: {sorted(fresh - committed)}"
    assert not committed - fresh, f"obsolete messages: {sorted(committed - fresh)}"
