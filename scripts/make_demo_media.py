"""Generate the demo course's media files and readings from ``modules/demo/content.py``.

This is a one-time developer tool. Its output is committed to the repository, so it is
not needed at run time, by the test suite or in production.

For every video or audio lesson with media stem ``S`` it writes, in ``modules/demo/media/``:

* ``S.en.vtt``: WebVTT captions, one cue per script sentence. Each sentence is synthesised
  separately with espeak-ng; the WAV files are joined with short pauses and the cue times
  are computed from the exact sample counts, so captions match the speech.
* ``S.mp4`` (video lessons): a 640x360 H.264/AAC title slide with a progress bar.
* ``S.mp3`` (audio lessons): mono MP3 speech.

It also writes one small text PDF per entry in ``DOCUMENTS`` to ``modules/demo/documents/``
using a minimal built-in PDF writer (Helvetica, no compression, no dependencies).

Requirements: ``espeak-ng``, ``ffmpeg`` and ``ffprobe`` on PATH. Running the script again
regenerates every file, so it is idempotent. Usage::

    .venv/bin/python scripts/make_demo_media.py
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from modules.demo import content  # noqa: E402

DEMO_DIR = REPO_ROOT / "modules" / "demo"
MEDIA_DIR = DEMO_DIR / "media"
DOCUMENTS_DIR = DEMO_DIR / "documents"

VOICE = "en-gb"
WORDS_PER_MINUTE = 160
LEAD_IN = 0.3  # seconds of silence before the first sentence
PAUSE = 0.4  # seconds of silence between sentences
TAIL = 0.15  # seconds of silence after the last sentence

WIDTH, HEIGHT, FPS = 640, 360, 10
BACKGROUND = "0x1d3557"
ACCENT = "0x8ecae6"
MUTED = "0xd0dcea"
FONT_NAMES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

MAX_MEDIA_BYTES = 1_000_000
MAX_DOCUMENT_BYTES = 100_000
MAX_TOTAL_BYTES = 10_000_000


# --------------------------------------------------------------------------- speech


def synthesise(sentence: str, path: Path) -> None:
    """Write one sentence of speech to ``path`` as a WAV file."""
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(path), sentence],
        check=True,
        capture_output=True,
    )


def build_speech(script: list[str], workdir: Path) -> tuple[Path, list[tuple[float, float]]]:
    """Synthesise ``script`` into one WAV file and return it with (start, end) per sentence."""
    chunks: list[bytes] = []
    params = None
    for index, sentence in enumerate(script):
        part = workdir / f"part-{index:02d}.wav"
        synthesise(sentence, part)
        with wave.open(str(part), "rb") as wav:
            if params is None:
                params = wav.getparams()
            elif wav.getparams()[:3] != params[:3]:
                raise RuntimeError("espeak-ng produced WAV files with differing formats")
            chunks.append(wav.readframes(wav.getnframes()))
    assert params is not None
    rate = params.framerate
    frame_bytes = params.nchannels * params.sampwidth

    def silence(seconds: float) -> bytes:
        return b"\x00" * (round(seconds * rate) * frame_bytes)

    cues: list[tuple[float, float]] = []
    out = bytearray(silence(LEAD_IN))
    for index, chunk in enumerate(chunks):
        if index:
            out += silence(PAUSE)
        start = len(out) / frame_bytes / rate
        out += chunk
        cues.append((start, len(out) / frame_bytes / rate))
    out += silence(TAIL)

    speech = workdir / "speech.wav"
    with wave.open(str(speech), "wb") as wav:
        wav.setparams(params)
        wav.writeframes(bytes(out))
    return speech, cues


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write_vtt(path: Path, script: list[str], cues: list[tuple[float, float]]) -> None:
    lines = ["WEBVTT", ""]
    for sentence, (start, end) in zip(script, cues, strict=True):
        lines += [f"{timestamp(start)} --> {timestamp(end)}", sentence, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- ffmpeg


def run_ffmpeg(args: list[str]) -> None:
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args],
        check=True,
    )


def find_fonts() -> dict[str, str] | None:
    """Return paths of the DejaVu fonts used for slides, or None if they are missing."""
    found: dict[str, str] = {}
    for name in FONT_NAMES:
        matches = sorted(glob.glob(f"/usr/share/fonts/**/{name}", recursive=True))
        if not matches:
            return None
        found[name] = matches[0]
    return found


def has_drawtext() -> bool:
    result = subprocess.run(
        ["ffmpeg", "-hide_banner", "-filters"], capture_output=True, text=True, check=True
    )
    return " drawtext " in result.stdout


def encode_mp3(speech: Path, out: Path, title: str) -> None:
    run_ffmpeg(
        [
            "-i", str(speech),
            "-map_metadata", "-1",
            "-metadata", f"title={title}",
            "-metadata", f"album={content.COURSE['title']}",
            "-ac", "1", "-ar", "22050",
            "-c:a", "libmp3lame", "-b:a", "40k",
            str(out),
        ]
    )  # fmt: skip


def slide_filter(module: dict, lesson: dict, workdir: Path, duration: float) -> str:
    """Build the filter graph for a title slide with a progress bar along the bottom."""
    # The progress bar is a second colour source slid in from the left by the overlay.
    graph = f"[0:v][1:v]overlay=x='-w+w*t/{duration:.3f}':y=H-h:eval=frame"
    fonts = find_fonts() if has_drawtext() else None
    if fonts is None:
        return graph + "[v]"

    regular, bold = fonts["DejaVuSans.ttf"], fonts["DejaVuSans-Bold.ttf"]
    # (text, font, size, colour, y) for every line drawn on the slide.
    texts = [
        (content.COURSE["title"], regular, 16, ACCENT, 34),
        (f"Module {module['number']}", bold, 22, "white", 76),
    ]
    y = 110
    for line in textwrap.wrap(module["title"], width=56)[:2]:
        texts.append((line, regular, 17, MUTED, y))
        y += 24
    bar_y = y + 10
    y = bar_y + 22
    for line in textwrap.wrap(lesson["title"], width=28)[:3]:
        texts.append((line, bold, 32, "white", y))
        y += 42
    texts.append(("Video lecture", regular, 16, ACCENT, HEIGHT - 50))

    filters = []
    for index, (text, font, size, colour, text_y) in enumerate(texts):
        # Text goes through files so that no escaping of quotes or colons is needed.
        text_file = workdir / f"text-{index}.txt"
        text_file.write_text(text, encoding="utf-8")
        filters.append(
            f"drawtext=fontfile={font}:textfile={text_file}:fontsize={size}"
            f":fontcolor={colour}:x=48:y={text_y}"
        )
    filters.append(f"drawbox=x=48:y={bar_y}:w=64:h=4:color={ACCENT}:t=fill")
    return graph + "," + ",".join(filters) + "[v]"


def encode_mp4(module: dict, lesson: dict, speech: Path, out: Path, workdir: Path) -> None:
    duration = wav_duration(speech)
    graph = slide_filter(module, lesson, workdir, duration)
    run_ffmpeg(
        [
            "-f", "lavfi",
            "-i", f"color=c={BACKGROUND}:s={WIDTH}x{HEIGHT}:r={FPS}:d={duration:.3f}",
            "-f", "lavfi",
            "-i", f"color=c={ACCENT}:s={WIDTH}x6:r={FPS}:d={duration:.3f}",
            "-i", str(speech),
            "-filter_complex", graph,
            "-map", "[v]", "-map", "2:a",
            "-map_metadata", "-1",
            "-metadata", f"title={lesson['title']}",
            "-c:v", "libx264", "-profile:v", "main", "-pix_fmt", "yuv420p",
            "-preset", "medium", "-tune", "stillimage", "-crf", "30", "-g", str(FPS * 10),
            "-c:a", "aac", "-b:a", "56k", "-ac", "1", "-ar", "44100",
            "-t", f"{duration:.3f}",
            "-movflags", "+faststart",
            str(out),
        ]
    )  # fmt: skip


# --------------------------------------------------------------------------- PDF

# Advance widths of Helvetica (in 1/1000 em) for printable ASCII, used to wrap lines.
_HELVETICA_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
        "abcdefghijklmnopqrstuvwxyz{|}~",
        [
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ],
        strict=True,
    )
)  # fmt: skip

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
BULLET = "\u2022"
MARGIN = 64
STYLES = {
    # style: (font resource, size, leading, space before, indent)
    "title": ("F2", 18, 24, 0, 0),
    "subtitle": ("F1", 10, 14, 4, 0),
    "h": ("F2", 12.5, 17, 14, 0),
    "p": ("F1", 10.5, 14.5, 7, 0),
    "li": ("F1", 10.5, 14.5, 4, 14),
}


def text_width(text: str, size: float, bold: bool) -> float:
    width = sum(_HELVETICA_WIDTHS.get(char, 556) for char in text) * size / 1000
    return width * 1.06 if bold else width


def wrap_text(text: str, size: float, bold: bool, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size, bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def pdf_string(text: str) -> str:
    encoded = text.encode("cp1252")
    escaped = "".join(
        "\\" + chr(byte) if byte in b"()\\" else chr(byte) if 32 <= byte < 127 else f"\\{byte:03o}"
        for byte in encoded
    )
    return f"({escaped})"


def layout_pages(title: str, blocks: list[tuple[str, str]]) -> list[list[str]]:
    """Lay out text blocks on A4 pages and return the content-stream operators per page."""
    pages: list[list[str]] = [[]]
    y = PAGE_HEIGHT - MARGIN
    entries = [("title", title), ("subtitle", f"{content.COURSE['title']} - course reading")]
    for style, text in entries + blocks:
        font, size, leading, before, indent = STYLES[style]
        bold = font == "F2"
        bullet = style == "li"
        lines = wrap_text(text, size, bold, PAGE_WIDTH - 2 * MARGIN - indent)
        if style == "title" and len(lines) > 1 and " " not in lines[-1]:
            # Avoid a single orphaned word on the last line of a title.
            head, _, moved = lines[-2].rpartition(" ")
            lines[-2:] = [head, f"{moved} {lines[-1]}"]
        y -= before
        if y - leading * min(len(lines), 2) < MARGIN + 24:
            pages.append([])
            y = PAGE_HEIGHT - MARGIN
        for number, line in enumerate(lines):
            if y - leading < MARGIN + 24:
                pages.append([])
                y = PAGE_HEIGHT - MARGIN
            y -= leading
            ops = pages[-1]
            if bullet and number == 0:
                ops.append(f"BT /F1 {size} Tf {MARGIN + 2} {y:.1f} Td {pdf_string(BULLET)} Tj ET")
            x = MARGIN + indent
            ops.append(f"BT /{font} {size} Tf {x} {y:.1f} Td {pdf_string(line)} Tj ET")
    total = len(pages)
    for number, ops in enumerate(pages, start=1):
        footer = f"{content.COURSE['title']}  |  page {number} of {total}"
        ops.append(f"0.4 g BT /F1 8 Tf {MARGIN} {MARGIN - 20} Td {pdf_string(footer)} Tj ET 0 g")
        ops.insert(0, f"0.55 0.79 0.9 rg {MARGIN} {PAGE_HEIGHT - MARGIN + 14} 60 3 re f 0 g")
    return pages


def write_pdf(path: Path, title: str, blocks: list[tuple[str, str]]) -> None:
    """Write a small, uncompressed, text-only PDF 1.4 file."""
    pages = layout_pages(title, blocks)
    page_ids = [5 + 2 * index for index in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (
            "<< /Type /Pages /Kids [" + " ".join(f"{pid} 0 R" for pid in page_ids) + "]"
            f" /Count {len(pages)} >>"
        ).encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold"
            b" /Encoding /WinAnsiEncoding >>"
        ),
    }
    for pid, ops in zip(page_ids, pages, strict=True):
        stream = "\n".join(ops).encode("latin-1")
        objects[pid] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
            f" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {pid + 1} 0 R >>"
        ).encode()
        objects[pid + 1] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    info_id = max(objects) + 1
    objects[info_id] = (
        f"<< /Title {pdf_string(title)} /Author {pdf_string(content.COURSE['title'])} >>"
    ).encode("latin-1")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {info_id + 1}\n0000000000 65535 f \n".encode()
    for number in range(1, info_id + 1):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {info_id + 1} /Root 1 0 R /Info {info_id} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))


# Text of the readings: (style, text) pairs, ASCII only. Styles: "h", "p", "li".
DOCUMENT_TEXT: dict[str, list[tuple[str, str]]] = {
    "people-centred-charter": [
        (
            "p",
            "This short charter sets out principles that a municipality can adopt, adapt or "
            "use as a checklist when it plans digital projects. It is not a legal text. It is "
            "meant to start conversations between politicians, officials, residents and "
            "suppliers about what a smart city is for.",
        ),
        ("h", "1. Start from people and problems"),
        (
            "p",
            "Digital projects begin with a need that residents, staff or elected "
            "representatives have recognised, not with a product looking for a use. The need "
            "is described in plain language before any technology is chosen.",
        ),
        ("h", "2. Share decisions"),
        (
            "p",
            "Residents affected by a digital service have a real opportunity to shape it. "
            "The municipality is open about which decisions can still be influenced and which "
            "are already fixed, and it reports back on how contributions were used.",
        ),
        ("h", "3. Leave no one behind"),
        (
            "p",
            "Every essential service remains available through a non-digital route that is "
            "visible, respectful and not deliberately slower. Services are designed to be "
            "accessible and are tested with people who are at risk of exclusion.",
        ),
        ("h", "4. Respect rights"),
        (
            "p",
            "Privacy, non-discrimination, freedom of expression and access to information "
            "apply to digital services as they do elsewhere. Data is collected for clear "
            "purposes, kept no longer than needed, and every automated decision has a named "
            "person who answers for it.",
        ),
        ("h", "5. Keep public value public"),
        (
            "p",
            "Data generated through public services stays under public control. Contracts "
            "avoid lock-in by requiring open standards and the ability to retrieve data. "
            "Where possible, software paid for with public money is shared with other public "
            "bodies.",
        ),
        ("h", "6. Count the full cost"),
        (
            "p",
            "Decisions take account of the environmental footprint of equipment and data "
            "processing, of working conditions in the supply chain, and of the long-term "
            "cost of maintenance and skills. Sometimes the best decision is not to digitalise.",
        ),
        ("h", "7. Learn in the open"),
        (
            "p",
            "Projects are evaluated against outcomes for people, and the results, including "
            "failures, are shared with residents and with other cities.",
        ),
    ],
    "data-rights-primer": [
        (
            "p",
            "This primer summarises the ideas that municipal staff most often need when they "
            "handle personal data or plan data-driven services. It is an introduction, not "
            "legal advice; your data protection officer is the right person to consult on "
            "specific cases.",
        ),
        ("h", "Key principles of data protection"),
        (
            "li",
            "Lawfulness, fairness and transparency: there must be a legal basis for "
            "processing, and residents must be told what happens to their data.",
        ),
        (
            "li",
            "Purpose limitation: data collected for one purpose should not be reused for "
            "an unrelated one.",
        ),
        ("li", "Data minimisation: collect only what is necessary for the purpose."),
        (
            "li",
            "Accuracy and storage limitation: keep data correct, and delete it when it is "
            "no longer needed.",
        ),
        (
            "li",
            "Integrity and confidentiality: protect data against loss, misuse and "
            "unauthorised access.",
        ),
        (
            "li",
            "Accountability: the organisation must be able to show that it follows these "
            "principles.",
        ),
        ("h", "Rights of residents"),
        (
            "p",
            "Residents can ask to see the data held about them, have errors corrected, and "
            "in some cases object to processing or ask for deletion. When a decision with "
            "significant effects is based solely on automated processing, additional "
            "safeguards apply, including the right to human involvement.",
        ),
        ("h", "Beyond compliance: a rights-based view"),
        (
            "p",
            "Data protection is one part of a wider picture. A service can follow the rules "
            "and still produce unfair outcomes, for example when it relies on historical "
            "data that reflects past discrimination. A rights-based approach asks three "
            "further questions: could the service treat some groups worse than others; can "
            "everyone use it, including people with disabilities or limited digital skills; "
            "and can a resident who feels wronged obtain an explanation and redress?",
        ),
        ("h", "Questions to ask before a project starts"),
        ("li", "What is the purpose, and which data is strictly necessary for it?"),
        ("li", "Who will have access, and for how long will the data be kept?"),
        ("li", "Does the service profile people or make automated decisions?"),
        ("li", "Has an impact assessment been carried out, and who reviewed it?"),
        ("li", "How will residents be informed, and how can they complain?"),
    ],
    "participation-guide": [
        (
            "p",
            "This guide offers practical advice for officials who design participation "
            "processes that combine digital tools with face-to-face methods. It draws on "
            "experience from municipalities of different sizes.",
        ),
        ("h", "Before you start"),
        (
            "li",
            "Define the decision: what exactly can residents influence, and who takes the "
            "final decision?",
        ),
        (
            "li",
            "Secure commitment: make sure the responsible department and elected "
            "representatives will take the results seriously.",
        ),
        (
            "li",
            "Plan the feedback: decide how and when participants will hear what happened "
            "to their contributions.",
        ),
        ("h", "Choosing methods"),
        (
            "p",
            "Online surveys, idea platforms and interactive maps are good at reaching many "
            "people quickly and at collecting location-based ideas. Workshops, walks and "
            "conversations in familiar places are better at reaching people who are less "
            "confident online and at exploring disagreements. Most processes benefit from a "
            "mix, planned from the start rather than added when turnout disappoints.",
        ),
        ("h", "Visualisation"),
        (
            "p",
            "Maps, three-dimensional models and immersive views can help residents who do "
            "not read technical drawings to understand a proposal. Use them to open "
            "discussion, not to sell a finished design, and make sure they show realistic "
            "alternatives.",
        ),
        ("h", "Participatory budgeting checklist"),
        ("li", "A clearly defined budget, ring-fenced for the process."),
        (
            "li",
            "Eligibility rules that do not exclude young people or residents without "
            "electronic identification.",
        ),
        ("li", "Support for writing proposals, including translation and outreach."),
        ("li", "Transparent feasibility checks with reasons given for every rejection."),
        ("li", "Secure voting with an offline option."),
        ("li", "Public follow-up of every winning project until it is completed."),
        ("h", "After the process"),
        (
            "p",
            "Evaluate who took part and who did not, publish the results, and adjust the "
            "next round. Trust grows when residents see that their contributions change "
            "decisions, and when the city is honest about the limits of what it can do.",
        ),
    ],
    "inclusion-self-assessment": [
        (
            "p",
            "Use this self-assessment to review one digital public service at a time. "
            "Answer each question with yes, partly or no, and note what evidence you have. "
            "The exercise works best when front-line staff and, if possible, residents take "
            "part.",
        ),
        ("h", "Access and alternatives"),
        ("li", "Can every essential step be completed without a smartphone?"),
        (
            "li",
            "Can it be completed without electronic identification, or with help from "
            "someone else acting on the resident's behalf?",
        ),
        ("li", "Is a non-digital route clearly described on the service's own pages?"),
        ("li", "Is the non-digital route as fast and as respectful as the digital one?"),
        ("h", "Accessibility and language"),
        ("li", "Has the service been tested against current accessibility requirements?"),
        ("li", "Has it been tested with users of screen readers and other assistive technology?"),
        (
            "li",
            "Is the text written in plain language, and available in the main languages "
            "spoken locally?",
        ),
        ("li", "Can forms be saved and resumed later?"),
        ("h", "Support"),
        (
            "li",
            "Do libraries, service centres or community organisations know the service "
            "well enough to help residents with it?",
        ),
        ("li", "Are their staff and volunteers trained and recognised for this work?"),
        ("li", "Is there a simple way for helpers to report problems to the service team?"),
        ("h", "Learning"),
        ("li", "Do you know which groups use the service least, and why?"),
        ("li", "Have you asked people who gave up halfway what stopped them?"),
        ("li", "Is there a named person responsible for digital inclusion in this service?"),
        ("h", "Next steps"),
        (
            "p",
            "Choose no more than three improvements, agree who is responsible for each, and "
            "repeat the assessment within a year.",
        ),
    ],
    "procurement-checklist": [
        (
            "p",
            "This checklist helps procurement teams and project owners include ethical "
            "considerations when buying digital equipment, software and services. Adapt it "
            "to national rules and to the size of the contract, and discuss demanding "
            "requirements with the market before the tender is published.",
        ),
        ("h", "Equipment and supply chain"),
        ("li", "Does the contract require information about where and how devices are made?"),
        (
            "li",
            "Are there requirements on working conditions, with a way to follow them up "
            "independently?",
        ),
        ("li", "Are responsible sourcing policies for minerals requested?"),
        ("li", "Are repairability, spare parts and a minimum period of software updates required?"),
        ("li", "Is there a take-back or reuse scheme at the end of the device's life?"),
        ("h", "Data and software"),
        ("li", "Is it clear that the municipality controls data produced by the service?"),
        ("li", "Where is data stored and processed, and under which jurisdiction?"),
        ("li", "Can the municipality export all data in open, documented formats?"),
        ("li", "Are open standards and open interfaces required?"),
        (
            "li",
            "Is software developed for the municipality released under an open licence "
            "where appropriate?",
        ),
        ("h", "Algorithms and automated decisions"),
        ("li", "Has the supplier explained in plain language how the system works?"),
        ("li", "What data was it trained on, and how has it been tested for bias?"),
        ("li", "Can the municipality or an independent party audit it?"),
        ("li", "Who is responsible for errors, and how can residents challenge outcomes?"),
        ("h", "Environment"),
        ("li", "Is the energy use of equipment and data processing stated and taken into account?"),
        (
            "li",
            "Has the team considered whether a simpler or non-digital option would meet the need?",
        ),
        ("h", "Follow-up"),
        (
            "p",
            "Requirements only matter if they are checked. Assign responsibility for "
            "follow-up, schedule reviews during the contract, and share what you learn with "
            "other public buyers.",
        ),
    ],
    "glossary": [
        ("p", "Short explanations of terms used in the course, written for practitioners."),
        ("h", "Terms"),
        (
            "li",
            "Algorithm register: a public list describing the algorithms an organisation "
            "uses, what they are for and who is responsible for them.",
        ),
        (
            "li",
            "Assisted digital support: help given in person or by phone to residents who "
            "need it to use an online service.",
        ),
        (
            "li",
            "Data minimisation: the principle that only the personal data necessary for a "
            "purpose should be collected.",
        ),
        (
            "li",
            "Digital divide: differences between groups in access to, skills with and "
            "benefits from digital technology.",
        ),
        (
            "li",
            "Digital value chain: the sequence of activities behind a digital service, "
            "from mining and manufacturing to software, data processing and disposal.",
        ),
        (
            "li",
            "Energy community: a group of residents or organisations that jointly own or "
            "manage energy production or services.",
        ),
        (
            "li",
            "Energy poverty: a situation in which a household cannot afford adequate "
            "heating, cooling or other essential energy services.",
        ),
        (
            "li",
            "Open standard: a publicly available technical specification that anyone can "
            "implement, making systems easier to combine and replace.",
        ),
        (
            "li",
            "Participatory budgeting: a process in which residents propose and decide how "
            "part of a public budget is spent.",
        ),
        (
            "li",
            "People-centred smart city: an approach in which technology is adopted only "
            "where it serves residents' needs, rights and well-being.",
        ),
        (
            "li",
            "Privacy by design: building data protection into a service from the start "
            "rather than adding it afterwards.",
        ),
        (
            "li",
            "Purpose limitation: the principle that data collected for one purpose should "
            "not be reused for incompatible purposes.",
        ),
        (
            "li",
            "Rebound effect: when efficiency gains lead to more consumption, reducing or "
            "cancelling the expected savings.",
        ),
        (
            "li",
            "Third place: a social space outside home and work, such as a library or "
            "community centre, where people meet and can get help.",
        ),
        (
            "li",
            "Vendor lock-in: dependence on one supplier that makes changing supplier "
            "costly or impractical.",
        ),
    ],
}


# --------------------------------------------------------------------------- main


def media_lessons():
    for module in content.MODULES:
        for lesson in module["lessons"]:
            if lesson["media"]:
                yield module, lesson


def probe_duration(path: Path) -> float:
    result = subprocess.run(
        [
            "ffprobe", "-v", "error", "-show_entries", "format=duration",
            "-of", "default=noprint_wrappers=1:nokey=1", str(path),
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(result.stdout.strip())


def generate_media() -> None:
    MEDIA_DIR.mkdir(parents=True, exist_ok=True)
    for module, lesson in media_lessons():
        stem = lesson["media"]
        with tempfile.TemporaryDirectory(prefix=f"{stem}-") as tmp:
            workdir = Path(tmp)
            speech, cues = build_speech(lesson["script"], workdir)
            write_vtt(MEDIA_DIR / f"{stem}.en.vtt", lesson["script"], cues)
            if lesson["kind"] == "video":
                out = MEDIA_DIR / f"{stem}.mp4"
                encode_mp4(module, lesson, speech, out, workdir)
            else:
                out = MEDIA_DIR / f"{stem}.mp3"
                encode_mp3(speech, out, lesson["title"])
            size = out.stat().st_size
            print(
                f"{out.name:16} {size / 1024:7.1f} KiB  {probe_duration(out):6.2f} s"
                f"  (last cue ends {cues[-1][1]:.2f} s)"
            )
            if size > MAX_MEDIA_BYTES:
                raise SystemExit(f"{out.name} is larger than {MAX_MEDIA_BYTES} bytes")


def generate_documents() -> None:
    DOCUMENTS_DIR.mkdir(parents=True, exist_ok=True)
    for document in content.DOCUMENTS:
        path = DOCUMENTS_DIR / document["file"]
        write_pdf(path, document["title"], DOCUMENT_TEXT[document["key"]])
        size = path.stat().st_size
        print(f"{path.name:36} {size / 1024:6.1f} KiB")
        if size > MAX_DOCUMENT_BYTES:
            raise SystemExit(f"{path.name} is larger than {MAX_DOCUMENT_BYTES} bytes")


def main() -> None:
    for tool in ("espeak-ng", "ffmpeg", "ffprobe"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is required but was not found on PATH")
    generate_media()
    generate_documents()
    total = sum(p.stat().st_size for d in (MEDIA_DIR, DOCUMENTS_DIR) for p in d.iterdir())
    print(f"total: {total / 1024 / 1024:.2f} MiB")
    if total > MAX_TOTAL_BYTES:
        raise SystemExit(f"media and documents exceed {MAX_TOTAL_BYTES} bytes")


if __name__ == "__main__":
    main()
