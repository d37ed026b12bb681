"""The certificate as an A4 landscape PDF, drawn with reportlab's canvas.

Everything is drawn from fonts the machine already has: the PDF standard fonts (Times and
Helvetica, never embedded), then TrueType fonts installed by the system packages
(fonts-liberation, fonts-dejavu) for names the standard fonts cannot spell, then Adobe's
standard CJK fonts for Chinese, Japanese and Korean characters. Nothing is fetched and no image
is loaded. A character no font can draw becomes "?" rather than the black box reportlab would
otherwise draw, and never an error: the learner's name is whatever they typed.

The words, the date and the course title are in the active language (the view activates the
learner's own), and the PDF says which language it is in (the catalogue's /Lang), so that a
screen reader reads it with the right voice.
"""

import functools
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas

from courses.services.certificates import certificate_course_title

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
BRAND = HexColor("#0f4c5c")
BRAND_DARK = HexColor("#0a3642")
ACCENT = HexColor("#b7581c")
HIGHLIGHT = HexColor("#e9a23b")
INK = HexColor("#1d2529")
INK_SOFT = HexColor("#4a575d")
REVOKED = HexColor("#b3261e")

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
]

# For each style: the standard font, then TrueType files that look alike, best match first.
# Liberation has Times' and Helvetica's metrics; DejaVu covers more scripts.
STYLES = {
    "serif": ("Times-Roman", ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"]),
    "serif-bold": ("Times-Bold", ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"]),
    "serif-italic": ("Times-Italic", ["LiberationSerif-Italic.ttf", "DejaVuSerif-Italic.ttf"]),
    "sans": ("Helvetica", ["LiberationSans-Regular.ttf", "DejaVuSans.ttf"]),
    "sans-bold": ("Helvetica-Bold", ["LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"]),
}

# Adobe's CJK fonts ship with every full PDF viewer, so they are referenced, not embedded.
CJK_FONTS = [
    ("HeiseiMin-W3", [(0x3040, 0x30FF), (0x31F0, 0x31FF)]),  # kana
    ("HYSMyeongJo-Medium", [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)]),  # hangul
    (
        "STSong-Light",  # Han ideographs and CJK punctuation
        [(0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)],
    ),
]
REPLACEMENT = "?"


@dataclass(frozen=True)
class _Font:
    name: str
    covers: Callable[[int], bool]  # whether the font has a glyph for a code point


def _standard_covers(codepoint: int) -> bool:
    # The standard fonts are used with WinAnsiEncoding, which is Windows code page 1252.
    try:
        chr(codepoint).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _in_ranges(ranges, codepoint: int) -> bool:
    return any(low <= codepoint <= high for low, high in ranges)


@functools.cache
def _truetype(filename: str) -> _Font | None:
    for folder in FONT_DIRS:
        path = folder / filename
        if path.is_file():
            name = path.stem
            try:
                font = pdfmetrics.getFont(name)
            except KeyError:
                try:
                    font = TTFont(name, str(path))
                except Exception:  # an unreadable or unsupported font file: skip it
                    return None
                pdfmetrics.registerFont(font)
            return _Font(name, font.face.charToGlyph.__contains__)
    return None


@functools.cache
def _cjk(name: str) -> _Font:
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return _Font(name, functools.partial(_in_ranges, dict(CJK_FONTS)[name]))


def _fonts_for(style: str) -> list[_Font]:
    standard, files = STYLES[style]
    fonts = [_Font(standard, _standard_covers)]
    fonts += [font for font in map(_truetype, files) if font is not None]
    return fonts


def _clean(text: str) -> str:
    """Drop control and formatting characters, which no font draws."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] != "C")


def text_runs(text: str, style: str) -> list[tuple[str, str]]:
    """Split text into (font name, text) runs that together draw every character.

    The text's own font is the first of the style's fonts that draws all of its characters
    (ignoring CJK ones), so a name is not drawn half in Times and half in another typeface.
    Characters that font lacks go to the next font that has them, or become "?".
    """
    text = _clean(text)
    fonts = _fonts_for(style)
    cjk = [_cjk(name) for name, _ranges in CJK_FONTS]

    def is_cjk(char):
        return any(font.covers(ord(char)) for font in cjk)

    base = next(
        (f for f in fonts if all(f.covers(ord(c)) or is_cjk(c) for c in text)),
        fonts[-1],
    )
    chain = [base, *(f for f in fonts if f is not base), *cjk]
    runs: list[tuple[str, str]] = []
    for char in text:
        font = next((f for f in chain if f.covers(ord(char))), None)
        if font is None:
            font, char = base, REPLACEMENT
        if runs and runs[-1][0] == font.name:
            runs[-1] = (font.name, runs[-1][1] + char)
        else:
            runs.append((font.name, char))
    return runs


def _width(runs, size) -> float:
    return sum(pdfmetrics.stringWidth(text, font, size) for font, text in runs)


def _draw_runs(canvas, runs, x, y, size):
    for font, text in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += pdfmetrics.stringWidth(text, font, size)


def _draw_centred(canvas, text, y, *, style, size, max_width, min_size=None):
    """Draw text centred on the page, shrinking it (down to min_size) to fit max_width.

    Text too long even at min_size is cut short with an ellipsis rather than run off the page.
    """
    runs = text_runs(text, style)
    min_size = min_size or size
    while size > min_size and _width(runs, size) > max_width:
        size -= 1
    while _width(runs, size) > max_width and len(text) > 1:
        text = text[:-1]
        runs = text_runs(text.rstrip() + "\u2026", style)
    _draw_runs(canvas, runs, (PAGE_WIDTH - _width(runs, size)) / 2, y, size)
    return size


def _draw_wrapped_centred(canvas, text, y, *, style, size, max_width, leading, max_lines=2):
    """Draw text centred on up to max_lines lines, wrapping at spaces; returns the lines used."""
    standard = STYLES[style][0]
    lines = simpleSplit(_clean(text), standard, size, max_width) or [""]
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    for index, line in enumerate(lines):
        _draw_centred(
            canvas,
            line,
            y - index * leading,
            style=style,
            size=size,
            max_width=max_width,
            min_size=size * 0.6,
        )
    return len(lines)


def _draw_spaced(canvas, text, x, y, *, style, size, spacing):
    """Letter-spaced capitals centred on x, for the heading and the revoked stamp."""
    runs = text_runs(text, style)
    width = _width(runs, size) + spacing * max(len(text) - 1, 0)
    canvas.saveState()  # character spacing is text state, which outlives the text object
    text_object = canvas.beginText()
    text_object.setCharSpace(spacing)
    text_object.setTextOrigin(x - width / 2, y)
    for font, part in runs:
        text_object.setFont(font, size)
        text_object.textOut(part)
    canvas.drawText(text_object)
    canvas.restoreState()


def _draw_label_and_value(canvas, label, value, x, y, *, align):
    """A small label above a value, aligned left or right at x."""
    runs = text_runs(value, "serif")
    label_runs = text_runs(label.upper(), "sans-bold")
    if align == "right":
        value_x = x - _width(runs, 15)
        label_x = x - _width(label_runs, 8)
    else:
        value_x = label_x = x
    canvas.setFillColor(ACCENT)
    _draw_runs(canvas, label_runs, label_x, y + 20, 8)
    canvas.setFillColor(INK)
    _draw_runs(canvas, runs, value_x, y, 15)


def certificate_pdf_bytes(
    certificate, verification_url: str, *, issued_on: date | None = None, compress: bool = True
) -> bytes:
    """The certificate as PDF bytes.

    issued_on is the issue date as the learner sees it (in their timezone); by default, the date
    in the current timezone. compress=False leaves the page's text readable in the bytes.
    Written in the active language.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    course_title = certificate_course_title(certificate, language)
    issued_on = issued_on or timezone.localtime(certificate.issued_at).date()
    issued_text = date_format(issued_on, "DATE_FORMAT")
    buffer = io.BytesIO()
    canvas = pdfcanvas.Canvas(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=compress, lang=language
    )
    canvas.setTitle(_("Certificate: %(name)s") % {"name": certificate.learner_name})
    canvas.setSubject(course_title)
    canvas.setAuthor(_("Smart Cities for City Officials"))
    canvas.setCreator(_("Smart Cities for City Officials"))
    canvas.setKeywords([certificate.code])

    # Frame: a brand-coloured band and a thin accent rule inside it.
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(10)
    canvas.rect(22, 22, PAGE_WIDTH - 44, PAGE_HEIGHT - 44)
    canvas.setStrokeColor(HIGHLIGHT)
    canvas.setLineWidth(1)
    canvas.rect(36, 36, PAGE_WIDTH - 72, PAGE_HEIGHT - 72)

    centre = PAGE_WIDTH / 2
    text_width = PAGE_WIDTH - 180

    canvas.setFillColor(BRAND)
    _draw_spaced(
        canvas,
        _("Smart Cities for City Officials").upper(),
        centre,
        PAGE_HEIGHT - 92,
        style="sans-bold",
        size=11,
        spacing=2.2,
    )
    canvas.setFillColor(BRAND_DARK)
    _draw_centred(
        canvas,
        _("Certificate of completion"),
        PAGE_HEIGHT - 150,
        style="serif",
        size=40,
        max_width=text_width,
        min_size=24,
    )
    canvas.setStrokeColor(HIGHLIGHT)
    canvas.setLineWidth(2)
    canvas.line(centre - 40, PAGE_HEIGHT - 172, centre + 40, PAGE_HEIGHT - 172)

    canvas.setFillColor(INK_SOFT)
    _draw_centred(
        canvas,
        _("This certifies that"),
        PAGE_HEIGHT - 215,
        style="sans",
        size=14,
        max_width=text_width,
    )
    canvas.setFillColor(INK)
    _draw_centred(
        canvas,
        certificate.learner_name,
        PAGE_HEIGHT - 268,
        style="serif-bold",
        size=38,
        max_width=text_width,
        min_size=16,
    )
    canvas.setStrokeColor(INK_SOFT)
    canvas.setLineWidth(0.5)
    canvas.line(centre - 220, PAGE_HEIGHT - 284, centre + 220, PAGE_HEIGHT - 284)

    canvas.setFillColor(INK_SOFT)
    _draw_centred(
        canvas,
        _("has completed the course"),
        PAGE_HEIGHT - 318,
        style="sans",
        size=14,
        max_width=text_width,
    )
    canvas.setFillColor(BRAND_DARK)
    _draw_wrapped_centred(
        canvas,
        course_title,
        PAGE_HEIGHT - 356,
        style="serif-italic",
        size=26,
        max_width=text_width,
        leading=30,
    )

    # Foot: date on the left, code on the right, the verification address between them.
    _draw_label_and_value(canvas, _("Issued on"), issued_text, 80, 112, align="left")
    _draw_label_and_value(
        canvas, _("Certificate code"), certificate.code, PAGE_WIDTH - 80, 112, align="right"
    )
    canvas.setFillColor(INK_SOFT)
    _draw_centred(
        canvas, _("Check this certificate at"), 78, style="sans", size=9, max_width=text_width
    )
    canvas.setFillColor(BRAND)
    _draw_centred(
        canvas, verification_url, 64, style="sans", size=9, max_width=text_width, min_size=6
    )
    url_width = _width(text_runs(verification_url, "sans"), 9)
    canvas.linkURL(
        verification_url,
        (centre - url_width / 2, 60, centre + url_width / 2, 74),
        relative=0,
    )

    if certificate.revoked_at is not None:
        canvas.saveState()
        canvas.setFillColor(REVOKED)
        canvas.setFillAlpha(0.28)
        canvas.translate(centre, PAGE_HEIGHT / 2)
        canvas.rotate(18)
        _draw_spaced(
            canvas,
            _("Revoked").upper(),
            0,
            -30,
            style="sans-bold",
            size=110,
            spacing=8,
        )
        canvas.restoreState()

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
