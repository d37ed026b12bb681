"""Every string a reader sees can be translated, and the catalogues that translate them are whole.

Two halves:

- **Marking.** Each site template is read with Django's own template lexer; text outside
  `{% translate %}` and `{% blocktranslate %}` is stripped of tags, comments and whitespace, and
  whatever letters remain are English nobody can translate. The user-facing attributes written
  as literal text (`alt`, `title`, `aria-label`, `placeholder`, a submit input's `value`, a meta
  description's `content`) are checked the same way.
- **Catalogues** (`locale/<lang>/LC_MESSAGES/{django,djangojs}.po`): msgfmt finds no untranslated
  or fuzzy entry, the committed `.mo` says what its `.po` says, `make messages` on a clean tree
  changes nothing, every msgstr keeps its msgid's placeholders, and every language's glossary
  covers the same English terms.

Each check is a function returning the problems it found, so that the tests at the end can
prove it against small hand-made templates and catalogues.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.base import DebugLexer, TokenType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
LANGUAGES = ("sv", "fi", "nb", "da")
DOMAINS = ("django", "djangojs")

# ---- marking: which templates ------------------------------------------------------------

# Directories that hold no template of ours (the virtualenv holds Django's, Wagtail's, allauth's).
NOT_OURS = {".git", ".venv", "node_modules", "staticfiles", "media", "var", "tests", "scripts"}

# Text that is not in any language, so there is nothing to translate. Symbols and punctuation
# never need an entry (only letters count); these are the few things made of letters.
NOT_LANGUAGE = {
    "CC BY",  # the licence's own name, the same in every language
    "CC BY 4.0",
    "README.txt",  # a file's name in the data export, which the text around it explains
}
# Blocks whose content is a class name for an attribute of the base template, never shown.
CLASS_BLOCK = re.compile(r"^block\s+\w*class$")


def template_files() -> list[Path]:
    """Every template of ours: `templates/` and any app's `templates/` folder."""
    found = []
    for top in sorted(ROOT.iterdir()):
        if not top.is_dir() or top.name in NOT_OURS or top.name.startswith("."):
            continue
        for folder in [top] if top.name == "templates" else sorted(top.rglob("templates")):
            if folder.is_dir():
                found += [p for p in sorted(folder.rglob("*")) if p.suffix in (".html", ".txt")]
    return found


# ---- marking: the check ------------------------------------------------------------------

# What stands in for a template tag, a variable or translated text: not a letter, so it never
# counts as language, and it keeps the line numbers of what it replaces.
STAND_IN = "\ufffc"
TAG_STAND_IN = "x-tag"
BLOCKTRANSLATE = re.compile(r"^(blocktranslate|blocktrans)\b")
END_BLOCKTRANSLATE = re.compile(r"^(endblocktranslate|endblocktrans)\b")
LETTERS = re.compile(r"[^\W\d_]")
# A string argument in a tag or variable: after a filter's colon, `=` or a space; not `_("…")`.
TAG_LITERAL = re.compile(r"""(?<=[:= ])(?P<quote>["'])(?P<text>[^"']*)(?P=quote)""")
DATE_FILTERS = ("date:", "time:")
PHRASE = re.compile(r"[^\W\d_]\s+[^\W\d_]")
# Attributes whose literal text a person reads or hears, by element ("*": any element).
READ_ATTRIBUTES = {
    "*": {"alt", "title", "aria-label", "aria-description", "aria-roledescription", "placeholder"},
    "track": {"label"},
    "optgroup": {"label"},
}
# Elements whose content is code or a name a computer reads (a cookie's, a key's), not words.
CODE_ELEMENTS = {"script", "style", "code", "kbd", "samp"}
# An <input> of these types shows its value as its label; a <button>'s value is never shown.
LABELLED_BY_VALUE = {"submit", "button", "reset"}


def blank(text: str) -> str:
    """A stand-in for `text` that keeps its newlines, so that line numbers still hold."""
    return STAND_IN + "\n" * text.count("\n")


def visible_source(source: str) -> str:
    """The template with everything but untranslated literal text replaced by stand-ins.

    Template tags and variables become stand-ins, and so does all text inside
    `{% blocktranslate %}` (translated) or `{% comment %}` (never shown).
    """
    out = []
    inside = None  # "translate", "comment" or "class" while inside such a block
    for token in DebugLexer(source).tokenize():
        start, end = token.position
        raw = source[start:end]
        if token.token_type == TokenType.BLOCK:
            contents = token.contents
            if BLOCKTRANSLATE.match(contents):
                inside = "translate"
            elif contents == "comment" or contents.startswith("comment "):
                inside = "comment"
            elif CLASS_BLOCK.match(contents):
                inside = "class"
            elif END_BLOCKTRANSLATE.match(contents) or contents in ("endcomment", "endblock"):
                inside = None
            out.append(blank(raw))
        elif token.token_type == TokenType.TEXT and inside is None:
            out.append(raw)
        elif token.token_type == TokenType.VAR and out and out[-1].endswith(("<", "</")):
            out.append(TAG_STAND_IN)  # a tag name chosen at render time: <{{ heading }}>
        else:
            out.append(blank(raw))
    return "".join(out)


def is_language(text: str) -> bool:
    """Whether `text` (tags and stand-ins removed) holds words someone would need translated."""
    text = " ".join(text.replace(STAND_IN, " ").split())
    return bool(LETTERS.search(text)) and text not in NOT_LANGUAGE


class LiteralText(HTMLParser):
    """Collects the untranslated words of an HTML template, with their line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.raw_text_depth = 0  # inside <script>, <style>, <code>…: code, not words

    def handle_starttag(self, tag, attrs):
        if tag in CODE_ELEMENTS:
            self.raw_text_depth += 1
        attributes = dict(attrs)
        read = READ_ATTRIBUTES["*"] | READ_ATTRIBUTES.get(tag, set())
        if tag == "input" and (attributes.get("type") or "").lower() in LABELLED_BY_VALUE:
            read = read | {"value"}
        if tag == "meta" and (attributes.get("name") or "").lower() == "description":
            read = read | {"content"}
        for name, value in attrs:
            if name in read and value and is_language(value):
                self.note(self.getpos()[0], f'{name}="{value.replace(STAND_IN, " ").strip()}"')

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in CODE_ELEMENTS:
            self.raw_text_depth -= 1

    def handle_endtag(self, tag):
        if tag in CODE_ELEMENTS and self.raw_text_depth:
            self.raw_text_depth -= 1

    def handle_data(self, data):
        if self.raw_text_depth or not is_language(data):
            return
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.note(line, data)

    def note(self, line: int, text: str):
        self.found.append((line, " ".join(text.replace(STAND_IN, " ").split())))


def unmarked_strings(source: str, *, html: bool = True) -> list[tuple[int, str]]:
    """(line, text) for each piece of literal text in a template not marked for translation.

    HTML comments are dropped by the parser; plain-text templates (emails) are all words.
    """
    visible = visible_source(source)
    if not html:
        found = []
        for number, line in enumerate(visible.splitlines(), start=1):
            if is_language(line):
                found.append((number, " ".join(line.replace(STAND_IN, " ").split())))
    else:
        parser = LiteralText()
        parser.feed(visible)
        parser.close()
        found = parser.found
    return sorted(found + phrases_in_tags(source))


def phrases_in_tags(source: str) -> list[tuple[int, str]]:
    """Phrases written as string arguments inside tags and variables, not marked with `_()`.

    `{{ name|default:"Our course" }}` and `{% include "x.html" with label="Read more" %}` put
    English on the page as surely as text does. A literal with a space between letters is taken
    for a phrase; single words there are nearly always values (`default:'h2'`, `method="post"`).
    """
    found = []
    for token in DebugLexer(source).tokenize():
        if token.token_type not in (TokenType.VAR, TokenType.BLOCK):
            continue
        if BLOCKTRANSLATE.match(token.contents) or token.contents.startswith(
            ("translate ", "trans ")
        ):
            continue
        for match in TAG_LITERAL.finditer(token.contents):
            if token.contents[: match.start()].endswith(DATE_FILTERS):
                continue  # a date format ("j F Y"): letters that are codes, not words
            if PHRASE.search(match["text"]) and is_language(match["text"]):
                found.append((token.lineno, match[0]))
    return found


# ---- catalogues: the checks --------------------------------------------------------------

STATISTICS = re.compile(
    r"(?:(?P<translated>\d+) translated messages?)?"
    r"(?:,?\s*(?P<fuzzy>\d+) fuzzy translations?)?"
    r"(?:,?\s*(?P<untranslated>\d+) untranslated messages?)?"
)
POT_CREATION_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)
NAMED = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
GLOSSARY_ROW = re.compile(r"^\s*\|(.+)\|\s*$")


def require_gettext() -> None:
    """Skip without GNU gettext (msgfmt, xgettext), or fail under REQUIRE_SERVICES as on CI."""
    missing = [tool for tool in ("msgfmt", "msgmerge", "xgettext") if not shutil.which(tool)]
    if missing:
        skip_or_fail(
            f"GNU gettext is not installed ({', '.join(missing)} missing): apt-get install gettext",
            "REQUIRE_SERVICES",
        )


def msgfmt_problems(po_path: Path) -> list[str]:
    """What `msgfmt --check --statistics` objects to: errors, untranslated and fuzzy entries."""
    if not po_path.exists():
        return [f"{po_path} is missing"]
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "--output-file=/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
        check=False,
    )
    report = result.stderr.strip()
    problems = [] if result.returncode == 0 else [f"{po_path}: msgfmt failed:\n{report}"]
    counts = STATISTICS.search(report.splitlines()[-1] if report else "")
    fuzzy = int(counts["fuzzy"] or 0) if counts else 0
    untranslated = int(counts["untranslated"] or 0) if counts else 0
    if fuzzy or untranslated:
        problems.append(f"{po_path}: {report.splitlines()[-1]}")
    return problems


def catalogue_messages(catalogue) -> dict:
    """What a .po or .mo tells gettext: (context, msgid) to its translation(s), header aside."""
    messages = {}
    for entry in catalogue:
        if not entry.msgid or entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if any(forms):
                messages[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = forms
        elif entry.msgstr:
            messages[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return messages


def mo_problems(po_path: Path) -> list[str]:
    """Whether the committed .mo beside a .po holds the same messages as the .po."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{mo_path} is missing: run `make messages`"]
    po_messages = catalogue_messages(polib.pofile(str(po_path)))
    mo_messages = catalogue_messages(polib.mofile(str(mo_path)))
    if po_messages == mo_messages:
        return []
    stale = sorted(set(po_messages.items()) ^ set(mo_messages.items()), key=str)[:5]
    return [f"{mo_path} does not match its .po (run `make messages`); e.g. {stale}"]


def placeholders(text: str) -> tuple[frozenset, tuple, frozenset]:
    """Named (`%(x)s`), positional (`%s`, by type) and braced (`{x}`) placeholders in `text`."""
    text = text.replace("%%", "")
    named = NAMED.findall(text)
    positional = POSITIONAL.findall(NAMED.sub("", text))
    kinds = tuple(sorted(Counter(p[-1] for p in positional).items()))
    return frozenset(named), kinds, frozenset(BRACED.findall(text))


def placeholder_problems(po_path: Path) -> list[str]:
    """Entries whose translation drops, adds or renames a placeholder of the English.

    A plural form may follow either English form. The first form (one thing, in all four
    languages) may also leave out a named placeholder: "en lektion" for "%(count)s lesson" is
    good Swedish, and formatting with a dict does not mind an unused key.
    """
    problems = []
    for entry in polib.pofile(str(po_path)):
        if not entry.msgid or entry.obsolete:
            continue
        singular = placeholders(entry.msgid)
        if entry.msgid_plural:
            expected = {singular, placeholders(entry.msgid_plural)}
            translations = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            expected = {singular}
            translations = [entry.msgstr]
        for index, text in enumerate(translations):
            if not text:
                continue
            found = placeholders(text)
            one_thing = bool(entry.msgid_plural) and index == 0
            if found in expected or (
                one_thing and found[0] <= singular[0] and found[1:] == singular[1:]
            ):
                continue
            problems.append(f"{po_path}: {entry.msgid!r} -> {text!r}")
    return problems


def normalised_catalogue(path: Path) -> str:
    return POT_CREATION_DATE.sub("", path.read_text(encoding="utf-8")) if path.exists() else ""


def catalogue_files(locale_dir: Path) -> dict[str, str]:
    """Every catalogue under `locale_dir` by relative path, its creation date left out."""
    return {
        str(path.relative_to(locale_dir)): normalised_catalogue(path)
        for path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    }


def glossary_terms(path: Path) -> tuple[set[str], list[str]]:
    """The English terms of a glossary's tables (`| English | … |`), and rows lacking a term."""
    terms, problems = set(), []
    in_table = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        row = GLOSSARY_ROW.match(line)
        if not row:
            in_table = False
            continue
        cells = [cell.strip() for cell in row[1].split("|")]
        if cells[0].casefold() == "english":
            in_table = True
            continue
        if not in_table or all(set(cell) <= set("-: ") for cell in cells):
            continue
        if not cells[0] or len(cells) < 2 or not cells[1]:
            problems.append(f"{path}:{number}: a row without its term or its translation")
            continue
        terms.add(" ".join(cells[0].split()).casefold())
    return terms, problems


def key_terms(locale_dir: Path) -> set[str]:
    """The course's key terms every glossary translates: `locale/glossary-terms.txt`."""
    path = locale_dir / "glossary-terms.txt"
    if not path.exists():
        return set()
    lines = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return {" ".join(line.split()).casefold() for line in lines if line}


def glossary_problems(locale_dir: Path, languages=LANGUAGES) -> list[str]:
    """Each language's glossary exists and translates every key term (it may add its own)."""
    problems = []
    wanted = key_terms(locale_dir)
    if not wanted:
        problems.append(f"{locale_dir / 'glossary-terms.txt'} lists no key terms")
    for language in languages:
        path = locale_dir / language / "glossary.md"
        if not path.exists():
            problems.append(f"{path} is missing")
            continue
        terms, row_problems = glossary_terms(path)
        problems += row_problems
        if missing := sorted(wanted - terms):
            problems.append(f"locale/{language}/glossary.md lacks {missing}")
    return problems


def run_make_messages(tree: Path) -> subprocess.CompletedProcess:
    """`make messages` in `tree`, with this interpreter's virtualenv and nothing installed."""
    venv = Path(sys.prefix)
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            str(venv / ".installed"),
            "messages",
            f"VENV={venv}",
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        check=False,
        timeout=600,
    )


# Top-level folders that are not the project's own code: the virtualenv, uploads, generated files.
NOT_COPIED = {".git", ".venv", "node_modules", "staticfiles", "media", "var", "test-results"}


def copy_tree(destination: Path) -> Path:
    """A copy of the project's own files (no virtualenv, uploads or caches) at `destination`."""

    def skipped(folder, names):
        top = Path(folder) == ROOT
        return {
            name
            for name in names
            if (top and name in NOT_COPIED)
            or name in ("__pycache__", ".pytest_cache", ".ruff_cache")
        }

    shutil.copytree(ROOT, destination, ignore=skipped, symlinks=True)
    return destination


# ---- the tests: marking ------------------------------------------------------------------


def test_every_template_string_is_marked_for_translation():
    problems = []
    files = template_files()
    assert len(files) > 50, "the template walk found too few templates; is ROOT right?"
    for path in files:
        source = path.read_text(encoding="utf-8")
        for line, text in unmarked_strings(source, html=path.suffix == ".html"):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    assert not problems, "Not marked for translation:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        "<p>{% translate 'Welcome' %}</p>",
        "<p>{% blocktranslate with name=user.name %}Hello {{ name }}{% endblocktranslate %}</p>",
        "{% blocktrans count n=items|length %}One item{% plural %}{{ n }} items{% endblocktrans %}",
        "<p>{{ page.title }} · {{ page.date }} ©</p>",
        '<img src="x.png" alt="">',
        '<img src="x.png" alt="{% translate "A map" %}">',
        '<a href="/x" title="{{ page.title }}" class="button primary">→</a>',
        "<!-- a note for developers --><p>{# a comment #}</p>",
        "{% comment %}Why this is so{% endcomment %}",
        '<script src="/static/x.js"></script><style>.x { color: red }</style>',
        '<button type="submit" name="action" value="delete">{% translate "Delete" %}</button>',
        '<input type="hidden" name="next" value="dashboard">',
        '<meta name="robots" content="noindex">',
        "<small>CC BY 4.0</small>",
        "<dt>{% translate 'A cookie' %} (<code>sessionid</code>)</dt>",
        "{% block body_class %}page-lesson{% endblock %}",
        '<{{ heading|default:"h2" }} class="title">{{ page.title }}</{{ heading|default:"h2" }}>',
        '<p>{{ name|default:_("Our course") }}</p>{% include "x.html" with kind="video" %}',
        '{% translate "Read more" as more %}{% firstof a b %}',
        '<time>{{ event.start|date:"l j F Y, H:i" }}</time>',
    ],
)
def test_the_marking_check_accepts_what_needs_no_translation(source):
    assert unmarked_strings(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>\n  Welcome back\n</p>", [(2, "Welcome back")]),
        ("<p>{% if a %}Open{% else %}{% translate 'Closed' %}{% endif %}</p>", [(1, "Open")]),
        ('<img src="x.png"\n     alt="A map of the city">', [(1, 'alt="A map of the city"')]),
        ('<nav aria-label="Main {{ x }}">', [(1, 'aria-label="Main"')]),
        ('<input type="search" placeholder="Search">', [(1, 'placeholder="Search"')]),
        ('<input type="submit" value="Save">', [(1, 'value="Save"')]),
        ('<meta name="description" content="A course">', [(1, 'content="A course"')]),
        ("<p>{% translate 'A' %}</p>\n\n<p>Unmarked {{ x }}</p>", [(3, "Unmarked")]),
        ("<p>Ready &amp; waiting</p>", [(1, "Ready & waiting")]),
        ('<title>{{ name|default:"Our course" }}</title>', [(1, '"Our course"')]),
        ('{% include "x.html" with label="Read more" %}', [(1, '"Read more"')]),
        ("{% block body_class %}x{% endblock %}{% block title %}Home{% endblock %}", [(1, "Home")]),
    ],
)
def test_the_marking_check_finds_unmarked_text_with_its_line(source, expected):
    assert unmarked_strings(source) == expected


def test_the_marking_check_reads_plain_text_templates_line_by_line():
    source = "{% load i18n %}{% translate 'Hello' %}\n\n{{ url }}\nSee you soon\n"
    assert unmarked_strings(source, html=False) == [(4, "See you soon")]


# ---- the tests: the committed catalogues -------------------------------------------------

CATALOGUES = [(language, domain) for language in LANGUAGES for domain in DOMAINS]


def catalogue_path(language: str, domain: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language, domain):
    require_gettext()
    assert msgfmt_problems(catalogue_path(language, domain)) == []


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_committed_mo_matches_its_po(language, domain):
    po_path = catalogue_path(language, domain)
    assert po_path.exists(), f"{po_path} is missing"
    assert mo_problems(po_path) == []


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_translations_keep_the_placeholders(language, domain):
    po_path = catalogue_path(language, domain)
    assert po_path.exists(), f"{po_path} is missing"
    assert placeholder_problems(po_path) == []


def test_every_language_has_a_glossary_of_the_key_terms():
    assert glossary_problems(LOCALE_DIR) == []


def test_make_messages_on_a_clean_tree_changes_no_catalogue(tmp_path):
    require_gettext()
    tree = copy_tree(tmp_path / "tree")
    result = run_make_messages(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = catalogue_files(LOCALE_DIR), catalogue_files(tree / "locale")
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert not changed, f"`make messages` changes {changed}: run it and commit the result"


def test_the_catalogues_cover_the_site_languages():
    assert sorted(code for code, _ in settings.LANGUAGES) == sorted(("en", *LANGUAGES))


# ---- the tests: the JavaScript catalogue ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_the_javascript_catalogue_is_served_per_language_and_shared_caches_may_keep_it(language):
    with translation.override(language):
        url = reverse("javascript-catalog")
    assert url == ("/jsi18n/" if language == "en" else f"/{language}/jsi18n/")
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"django.gettext = function" in response.content
    assert "public" in response["Cache-Control"] and not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_javascript_catalogue_carries_the_scripts_translations(language):
    po_path = catalogue_path(language, "djangojs")
    assert po_path.exists(), f"{po_path} is missing"
    message = "You have completed this lesson."
    translated = polib.pofile(str(po_path)).find(message)
    assert translated and translated.msgstr, f"{po_path} does not translate {message!r}"
    content = Client().get(f"/{language}/jsi18n/").content.decode()
    # The catalogue is JSON inside the script, non-ASCII letters escaped.
    assert f"{json.dumps(message)}: {json.dumps(translated.msgstr)}" in content


# ---- the tests: the catalogue checks, on hand-made catalogues ----------------------------

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def write_catalogue(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_msgfmt_check_reports_untranslated_and_fuzzy_entries(tmp_path):
    require_gettext()
    whole = write_catalogue(tmp_path / "whole.po", 'msgid "Lesson"\nmsgstr "Lektion"\n')
    untranslated = write_catalogue(tmp_path / "untranslated.po", 'msgid "Lesson"\nmsgstr ""\n')
    fuzzy = write_catalogue(
        tmp_path / "fuzzy.po",
        '#, fuzzy\nmsgid "Lesson"\nmsgstr "Lektion"\n\nmsgid "A"\nmsgstr "B"\n',
    )
    assert msgfmt_problems(whole) == []
    assert "1 untranslated message" in msgfmt_problems(untranslated)[0]
    assert "1 fuzzy translation" in msgfmt_problems(fuzzy)[0]
    assert "missing" in msgfmt_problems(tmp_path / "absent.po")[0]


def test_the_mo_check_finds_a_stale_mo(tmp_path):
    po_path = write_catalogue(tmp_path / "django.po", 'msgid "Lesson"\nmsgstr "Lektion"\n')
    assert "missing" in mo_problems(po_path)[0]
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    assert mo_problems(po_path) == []
    write_catalogue(po_path, 'msgid "Lesson"\nmsgstr "Oppitunti"\n')
    assert "does not match" in mo_problems(po_path)[0]


def test_the_placeholder_check_finds_dropped_and_renamed_placeholders(tmp_path):
    po_path = write_catalogue(
        tmp_path / "django.po",
        'msgid "Hello %(name)s"\nmsgstr "Hej %(name)s"\n\n'
        'msgid "%s of %d"\nmsgstr "%s av %d"\n\n'
        'msgid "{count} lessons"\nmsgstr "{count} lektioner"\n\n'
        'msgid "%(count)s lesson"\nmsgid_plural "%(count)s lessons"\n'
        'msgstr[0] "en lektion"\nmsgstr[1] "%(count)s lektioner"\n\n'
        'msgid "Week %(n)s"\nmsgstr "Vecka %(nummer)s"\n\n'
        'msgid "{count} left"\nmsgstr "kvar"\n\n'
        'msgid "%s done"\nmsgstr "klart"\n',
    )
    problems = placeholder_problems(po_path)
    assert len(problems) == 3, problems
    assert "Week" in problems[0] and "{count} left" in problems[1] and "%s done" in problems[2]


def test_the_glossary_check_compares_the_english_terms(tmp_path):
    table = "# Ordlista\n\n| English | {} | Note |\n| --- | --- | --- |\n{}\n"
    (tmp_path / "glossary-terms.txt").write_text("# the key terms\nlesson\nmodule\n")
    (tmp_path / "sv").mkdir()
    (tmp_path / "fi").mkdir()
    (tmp_path / "sv" / "glossary.md").write_text(
        table.format("Svenska", "| lesson | lektion | |\n| module | modul | |")
    )
    (tmp_path / "fi" / "glossary.md").write_text(table.format("Suomi", "| Lesson | oppitunti | |"))
    problems = glossary_problems(tmp_path, languages=("sv", "fi", "nb"))
    assert any("nb/glossary.md is missing" in problem for problem in problems)
    assert any("fi/glossary.md lacks ['module']" in problem for problem in problems)
    (tmp_path / "fi" / "glossary.md").write_text(
        table.format("Suomi", "| Lesson | oppitunti | |\n| module | moduuli | |")
    )
    assert glossary_problems(tmp_path, languages=("sv", "fi")) == []


def test_compile_catalogues_writes_each_mo_once_and_check_finds_a_stale_one(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    po_path = write_catalogue(
        tmp_path / "sv" / "LC_MESSAGES" / "django.po",
        'msgid "Lesson"\nmsgstr "Lektion"\n\n#, fuzzy\nmsgid "Module"\nmsgstr "Modul"\n',
    )
    with pytest.raises(CommandError, match="Out of date"):
        call_command("compile_catalogues", "--check", stdout=StringIO())
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    assert "sv/LC_MESSAGES/django.mo" in out.getvalue()
    # What gettext will read: the translation, and no fuzzy guess.
    assert catalogue_messages(polib.mofile(str(po_path.with_suffix(".mo")))) == {
        (None, "Lesson"): "Lektion"
    }
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    call_command("compile_catalogues", "--check")
    assert out.getvalue() == ""  # nothing changed, nothing rewritten
    write_catalogue(po_path, 'msgid "Lesson"\nmsgstr "Lektionen"\n')
    with pytest.raises(CommandError, match="django.mo"):
        call_command("compile_catalogues", "--check")
