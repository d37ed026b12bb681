"""Draw one illustration per course module as a small SVG in ``static/img/modules/``.

Each picture evokes its module's theme (see ``modules/demo/content.py``) in one flat style: a
tinted sky, a sun, the ground, and a scene drawn from a few shapes (buildings, people, objects).
The pictures are decorative beside the module's title, so they carry no text of their own.

This is a one-time developer tool using only the standard library; its output is committed,
so nothing draws at run time. Running it again rewrites the same files::

    .venv/bin/python scripts/make_module_art.py

The templates find a module's picture by its number (``module-<number>.svg``, see
``modules.templatetags.course_tags.module_art``).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "modules"
W, H = 480, 240
GROUND = 196

# Colours from the site's palette (static/css/site.css): teal brand, orange accent, amber
# highlight, the blue, purple and green of the lesson kinds.
TEAL, TEAL_DARK, ORANGE, AMBER = "#0f4c5c", "#0a3642", "#b7581c", "#e9a23b"
BLUE, PURPLE, GREEN, CREAM = "#215d8c", "#6b3d8f", "#2f6b3a", "#f2efe6"
SKIN = ("#f1c9a5", "#c98e62", "#8d5a3b", "#e0ac7e", "#5c3a26")


def n(value: float) -> str:
    """A coordinate in as few characters as its precision needs."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rect(x, y, w, h, fill, rx=0, extra=""):
    corner = f' rx="{n(rx)}"' if rx else ""
    return (
        f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}"{corner} fill="{fill}"{extra}/>'
    )


def circle(cx, cy, r, fill, extra=""):
    return f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="{fill}"{extra}/>'


def poly(points, fill, extra=""):
    joined = " ".join(f"{n(x)},{n(y)}" for x, y in points)
    return f'<polygon points="{joined}" fill="{fill}"{extra}/>'


def path(d, fill="none", extra=""):
    return f'<path d="{d}" fill="{fill}"{extra}/>'


def line(x1, y1, x2, y2, stroke, width=2, extra=""):
    return (
        f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" stroke="{stroke}" '
        f'stroke-width="{n(width)}" stroke-linecap="round"{extra}/>'
    )


def person(x, foot, height, shirt, skin, arm_up=False):
    """A standing figure: a head and rounded shoulders, `height` tall with its feet at `foot`."""
    head = height * 0.17
    body_top = foot - height + head * 2.1
    half = height * 0.2
    parts = [
        circle(x, foot - height + head, head, skin),
        path(
            f"M{n(x - half)} {n(foot)}V{n(body_top + half)}"
            f"Q{n(x - half)} {n(body_top)} {n(x)} {n(body_top)}"
            f"Q{n(x + half)} {n(body_top)} {n(x + half)} {n(body_top + half)}V{n(foot)}Z",
            shirt,
        ),
    ]
    if arm_up:
        parts.append(
            line(
                x + half * 0.7,
                body_top + half * 0.4,
                x + half * 1.4,
                body_top - height * 0.28,
                shirt,
                height * 0.09,
            )
        )
        parts.append(circle(x + half * 1.4, body_top - height * 0.3, height * 0.055, skin))
    return "".join(parts)


def building(x, w, h, fill, window, rows=None, cols=None, seed=0):
    """A block with a grid of windows; some windows lit (by a fixed pattern, not chance)."""
    top = GROUND - h
    parts = [rect(x, top, w, h, fill)]
    cols = cols or max(1, int((w - 8) // 14))
    rows = rows or max(1, int((h - 14) // 20))
    gap_x = (w - cols * 7) / (cols + 1)
    for row in range(rows):
        for col in range(cols):
            lit = (row * 3 + col * 5 + seed) % 7 == 0
            parts.append(
                rect(
                    x + gap_x + col * (7 + gap_x),
                    top + 10 + row * 20,
                    7,
                    10,
                    AMBER if lit else window,
                )
            )
    return "".join(parts)


def scene(background: str, sun: str, ground: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}">'
        f"{rect(0, 0, W, H, background)}"
        f"{circle(392, 58, 30, sun)}"
        f"{rect(0, GROUND, W, H - GROUND, ground)}"
        f"{body}</svg>\n"
    )


def skyline(fill, window, xs, seed=0):
    return "".join(building(x, w, h, fill, window, seed=seed + i) for i, (x, w, h) in enumerate(xs))


# ---- the eight modules ---------------------------------------------------------------------


def module_1() -> str:
    """What is a smart city for? People in front of the city, asking what it is for."""
    body = skyline(
        "#b9d3cf",
        "#d7e7e4",
        [(16, 54, 96), (76, 40, 130), (122, 60, 80), (300, 52, 118), (358, 38, 88), (402, 62, 104)],
    )
    body += skyline(TEAL, "#2c6b79", [(40, 46, 70), (330, 44, 60), (420, 44, 48)], seed=3)
    # a speech bubble with a question mark over the crowd
    body += path(
        "M196 30h88a14 14 0 0 1 14 14v40a14 14 0 0 1-14 14h-30l-14 16-4-16h-40"
        "a14 14 0 0 1-14-14V44a14 14 0 0 1 14-14z",
        "#fff",
    )
    body += path(
        "M228 54q0-12 12-12t12 11q0 7-8 11-4 2-4 8v3",
        "none",
        f' stroke="{ORANGE}" stroke-width="7" stroke-linecap="round"',
    )
    body += circle(240, 87, 4.5, ORANGE)
    crowd = [
        (150, 62, BLUE),
        (178, 74, ORANGE),
        (206, 66, GREEN),
        (240, 80, TEAL_DARK),
        (274, 68, PURPLE),
        (302, 76, AMBER),
        (330, 60, BLUE),
    ]
    for i, (x, height, shirt) in enumerate(crowd):
        body += person(x, 214, height, shirt, SKIN[i % len(SKIN)], arm_up=i == 3)
    return scene("#e6f0ee", "#f6d58e", "#9cc3bb", body)


def camera(x, y, facing):
    """A surveillance camera on a wall bracket, looking down; `facing` is -1 (left) or 1."""
    s = facing
    return (
        line(x, y, x + 12 * s, y + 12, "#5a6770", 5)
        + f'<g transform="translate({n(x + 12 * s)} {n(y + 12)}) rotate({24 * s})">'
        + rect(-40 if s < 0 else 0, -11, 40, 22, "#33414b", 4)
        + rect(-48 if s < 0 else 40, -8, 8, 16, "#1f2a31", 2)
        + circle(-44 if s < 0 else 44, 0, 4, ORANGE)
        + rect(-36 if s < 0 else 4, -15, 32, 5, "#5a6770", 2)
        + "</g>"
    )


def module_2() -> str:
    """Data, privacy and digital rights: cameras watch a street; a shield with a lock."""
    body = building(24, 120, 150, "#c9d6e4", "#e3ebf3", seed=1)
    body += building(336, 120, 150, "#c9d6e4", "#e3ebf3", seed=4)
    # the cameras' fields of view
    body += poly([(190, 90), (300, 196), (196, 196)], AMBER, ' opacity=".3"')
    body += poly([(290, 90), (180, 196), (284, 196)], AMBER, ' opacity=".3"')
    body += camera(126, 34, 1)
    body += camera(354, 34, -1)
    # the shield and its lock
    body += path("M240 40l54 18v38c0 36-24 60-54 72-30-12-54-36-54-72V58z", BLUE)
    body += path("M240 52l42 14v30c0 29-18 48-42 58z", "#2e73a8")
    body += path("M226 96v-10a14 14 0 0 1 28 0v10", "none", ' stroke="#fff" stroke-width="6"')
    body += rect(220, 94, 40, 32, "#fff", 5)
    body += circle(240, 106, 5, BLUE) + rect(238, 108, 4, 10, BLUE)
    # people walking below, unaware
    body += person(196, 222, 44, PURPLE, SKIN[1]) + person(288, 222, 50, GREEN, SKIN[0])
    return scene("#e8eef5", "#f6d58e", "#a9bfd6", body)


def module_3() -> str:
    """Governance and participation: a town hall and an assembly with hands raised."""
    hall = "#f4e6d3"
    body = skyline("#e2c9ac", "#efdcc6", [(14, 60, 90), (406, 60, 100)])
    body += poly([(120, 84), (240, 34), (360, 84)], ORANGE)
    body += poly([(142, 80), (240, 44), (338, 80)], hall)
    body += circle(240, 66, 10, "#fff") + line(240, 66, 240, 59, TEAL_DARK, 2)
    body += line(240, 66, 245, 69, TEAL_DARK, 2)
    body += rect(120, 84, 240, 10, "#8a4515")
    for i in range(6):
        body += rect(136 + i * 40, 94, 14, 82, hall)
    body += rect(112, 176, 256, 8, "#8a4515") + rect(104, 184, 272, 12, "#a5561f")
    body += rect(226, 126, 28, 50, "#6b3410", 3)
    # the assembly: a half ring of people, a few hands up
    seats = [
        (40, 58, BLUE),
        (76, 64, GREEN),
        (112, 54, PURPLE),
        (368, 56, TEAL),
        (404, 66, ORANGE),
        (440, 58, BLUE),
    ]
    for i, (x, height, shirt) in enumerate(seats):
        body += person(x, 226, height, shirt, SKIN[i % len(SKIN)], arm_up=i in (1, 3, 5))
    for i, (x, height, shirt) in enumerate(
        [(186, 50, AMBER), (230, 58, TEAL_DARK), (276, 52, GREEN)]
    ):
        body += person(x, 234, height, shirt, SKIN[(i + 2) % len(SKIN)], arm_up=i == 1)
    return scene("#f6ede3", "#f3c77a", "#dcb48a", body)


def module_4() -> str:
    """Digital inclusion: a shared screen within reach of everyone, a ramp, the signal."""
    # the signal
    for i, radius in enumerate((22, 38, 54)):
        body_arc = (
            f"M{n(240 - radius * 0.7)} {n(72 - radius * 0.7)}"
            f"A{radius} {radius} 0 0 1 {n(240 + radius * 0.7)} {n(72 - radius * 0.7)}"
        )
        if i == 0:
            body = ""
        body += path(
            body_arc, "none", f' stroke="{PURPLE}" stroke-width="7" stroke-linecap="round"'
        )
    body += circle(240, 74, 6, PURPLE)
    # a public screen on a low stand
    body += rect(188, 90, 104, 70, "#3f2456", 8) + rect(196, 98, 88, 54, "#f7f2fb", 3)
    body += rect(204, 106, 40, 6, PURPLE, 2) + rect(204, 118, 70, 5, "#cdb9df", 2)
    body += rect(204, 128, 58, 5, "#cdb9df", 2) + rect(250, 138, 26, 9, AMBER, 3)
    body += rect(234, 160, 12, 36, "#3f2456")
    # a ramp and the people it lets in
    body += poly([(300, 196), (420, 196), (420, 166)], "#c8b6d8")
    body += person(96, 214, 72, BLUE, SKIN[2])
    body += person(130, 214, 40, AMBER, SKIN[0])  # a child
    body += person(166, 214, 64, GREEN, SKIN[4])
    body += line(180, 172, 190, 214, "#5a4a3a", 3)  # a walking stick
    # someone using a wheelchair, coming up the ramp
    body += circle(378, 186, 16, "none", f' stroke="{TEAL_DARK}" stroke-width="4"')
    body += circle(378, 186, 3, TEAL_DARK)
    body += path(
        "M360 150q4-4 10 0l4 22h16",
        "none",
        f' stroke="{TEAL_DARK}" stroke-width="4" stroke-linecap="round"',
    )
    body += circle(372, 126, 9, SKIN[1])
    body += path("M362 140q10-6 18 0l2 28h-18z", ORANGE)
    body += line(380, 168, 396, 170, ORANGE, 7)
    return scene("#efe8f5", "#f6d58e", "#cbbedb", body)


def wheel(x, y, r, stroke):
    return circle(x, y, r, "none", f' stroke="{stroke}" stroke-width="3"') + circle(x, y, 2, stroke)


def module_5() -> str:
    """Mobility and the just city: a tram, a cyclist and people crossing, sharing the street."""
    body = skyline(
        "#bcd1e3",
        "#dbe7f1",
        [(10, 50, 100), (66, 70, 76), (300, 60, 110), (366, 46, 84), (418, 56, 120)],
    )
    body += rect(0, 170, W, 6, "#8aa7c2")  # the kerb
    body += rect(0, 176, W, 64, "#5b6f80")
    for x in range(0, W, 48):
        body += rect(x + 8, 206, 26, 4, "#e9edf1")
    for x in range(196, 268, 14):  # a zebra crossing
        body += rect(x, 178, 8, 60, "#e9edf1")
    # a tram with its overhead wire
    body += line(0, 40, W, 40, "#5b6f80", 2)
    body += line(330, 40, 350, 96, "#5b6f80", 2)
    body += rect(296, 96, 170, 82, BLUE, 14) + rect(296, 160, 170, 8, AMBER)
    for i in range(4):
        body += rect(308 + i * 38, 108, 28, 30, "#d9e7f3", 4)
    body += circle(330, 180, 8, "#2b3a46") + circle(432, 180, 8, "#2b3a46")
    # a cyclist
    body += wheel(56, 184, 16, TEAL_DARK) + wheel(112, 184, 16, TEAL_DARK)
    body += path(
        "M56 184l22-26h26l8 26M78 158l10 26h18M104 158l-4-10",
        "none",
        f' stroke="{TEAL_DARK}" stroke-width="3.5" stroke-linejoin="round" stroke-linecap="round"',
    )
    body += path(
        "M82 156l14-30", "none", f' stroke="{ORANGE}" stroke-width="11" stroke-linecap="round"'
    )
    body += circle(100, 116, 9, SKIN[3])
    body += line(92, 132, 104, 146, ORANGE, 5)
    # people crossing
    body += person(214, 214, 64, GREEN, SKIN[2]) + person(242, 214, 42, AMBER, SKIN[0])
    return scene("#e7f0f7", "#f6d58e", "#5b6f80", body)


def turbine(x, top, height, angle):
    blades = "".join(
        path(
            f"M{n(x)} {n(top)}q-5-24 0-46q5 22 0 46z",
            "#fff",
            f' transform="rotate({(angle + i * 120) % 360} {n(x)} {n(top)})"',
        )
        for i in range(3)
    )
    return (
        poly([(x - 3, top), (x + 3, top), (x + 5, top + height), (x - 5, top + height)], "#fff")
        + blades
        + circle(x, top, 5, "#d8e4d5")
    )


def tree(x, foot, size, fill):
    return rect(x - 3, foot - size * 0.6, 6, size * 0.6, "#6b4a2a") + circle(
        x, foot - size * 0.8, size * 0.5, fill
    )


def module_6() -> str:
    """Environment and energy: wind and sun power the city and its servers; trees around."""
    body = path("M0 150q120-50 240-14t240-20V196H0z", "#b7d3b0")
    body += turbine(70, 70, 126, 10) + turbine(140, 92, 104, 70) + turbine(420, 80, 116, 40)
    # solar panels on a low roof
    body += rect(190, 150, 120, 46, "#e7efe5")
    for i in range(4):
        body += poly(
            [(196 + i * 28, 150), (220 + i * 28, 150), (226 + i * 28, 130), (202 + i * 28, 130)],
            BLUE,
        )
        body += line(211 + i * 28, 130, 208 + i * 28, 150, "#6f9dc7", 1.5)
    # a server cabinet with a leaf
    body += rect(318, 108, 58, 88, "#2b3a34", 5)
    for i in range(4):
        body += rect(326, 118 + i * 18, 42, 10, "#3f5249", 2) + circle(
            360, 123 + i * 18, 2.5, "#7fd17a"
        )
    body += path("M330 100q14-34 44-30q2 30-34 34z", GREEN)
    body += path("M334 104q14-16 34-28", "none", ' stroke="#cfe6cb" stroke-width="2"')
    body += tree(30, 196, 46, GREEN) + tree(260, 196, 30, "#4b8a4f")
    body += tree(452, 196, 40, "#4b8a4f") + tree(396, 196, 26, GREEN)
    return scene("#e8f2e6", "#f3c45f", "#8fbf86", body)


def chip(x, y, size, fill):
    pins = "".join(
        rect(x + 5 + i * (size - 10) / 3, y - 5, 4, 5, "#8a98a0")
        + rect(x + 5 + i * (size - 10) / 3, y + size, 4, 5, "#8a98a0")
        for i in range(4)
    )
    return (
        pins
        + rect(x, y, size, size, fill, 4)
        + rect(x + 8, y + 8, size - 16, size - 16, "#3d5560", 2)
    )


def module_7() -> str:
    """Ethics in the digital value chain: scales weigh a chip against people and the earth,
    above a chain that runs from the mine to the city."""
    # the chain, link by link, along the ground
    body = ""
    for i in range(10):
        x = 20 + i * 46
        body += rect(x, 206, 40, 18, "none", 9).replace(
            'fill="none"',
            f'fill="none" stroke="{"#8a98a0" if i % 2 else "#b4bec4"}" stroke-width="5"',
        )
    # the scales
    body += rect(236, 60, 8, 126, TEAL_DARK) + poly(
        [(200, 196), (280, 196), (256, 180), (224, 180)], TEAL_DARK
    )
    body += circle(240, 52, 10, ORANGE)
    body += poly([(108, 68), (372, 48), (372, 56), (108, 76)], TEAL_DARK)
    body += line(120, 71, 100, 146, TEAL_DARK, 2) + line(120, 71, 160, 146, TEAL_DARK, 2)
    body += line(360, 53, 322, 124, TEAL_DARK, 2) + line(360, 53, 384, 124, TEAL_DARK, 2)
    # the heavier left pan: a chip; the lighter right: a person and a leaf
    body += path("M96 146h68q-6 18-34 18t-34-18z", ORANGE) + chip(112, 112, 36, "#26414c")
    body += path("M318 124h68q-6 18-34 18t-34-18z", ORANGE)
    body += person(340, 124, 46, BLUE, SKIN[2])
    body += path("M356 122q0-30 26-38q6 26-24 38z", GREEN)
    # a mine cart, left, and a small city, right, at the ends of the chain
    body += poly([(24, 176), (76, 176), (70, 196), (30, 196)], "#7a6a5a")
    body += circle(34, 176, 8, "#9c8b78") + circle(52, 172, 9, "#8c7a66")
    body += skyline("#c7d2d8", "#e2e8eb", [(404, 26, 62), (432, 36, 88)], seed=2)
    return scene("#f3ece6", "#f3c77a", "#d9cabc", body)


def module_8() -> str:
    """Open cooperation and the urban economy: market stalls, a workshop and cities linked."""
    # the network between three places
    nodes = [(70, 60), (240, 36), (410, 66)]
    body = ""
    for (x1, y1), (x2, y2) in [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[0], nodes[2])]:
        body += line(x1, y1, x2, y2, TEAL, 3, ' stroke-dasharray="2 8"')
    for x, y in nodes:
        body += circle(x, y, 14, "#fff", f' stroke="{TEAL}" stroke-width="4"')
        body += circle(x, y, 5, ORANGE)
    # market stalls with striped awnings
    for i, (x, colour) in enumerate([(30, ORANGE), (150, TEAL)]):
        for s in range(5):
            body += poly(
                [
                    (x + s * 20, 112),
                    (x + s * 20 + 20, 112),
                    (x + s * 20 + 20, 130),
                    (x + s * 20, 130),
                ],
                colour if s % 2 == 0 else "#fff",
            )
        body += path("".join(f"M{x + s * 20} 130a10 8 0 0 0 20 0" for s in range(5)), colour)
        body += rect(x + 4, 130, 4, 66, "#7a4a2a") + rect(x + 92, 130, 4, 66, "#7a4a2a")
        body += rect(x, 166, 100, 10, "#a0683c")
        for f in range(4):
            body += circle(x + 16 + f * 22, 160, 7, [AMBER, GREEN, ORANGE, "#c4453a"][(f + i) % 4])
    # a shared workshop with a gear
    body += rect(290, 110, 160, 86, "#f4dcc0") + poly(
        [(282, 112), (370, 76), (458, 112)], "#a5561f"
    )
    body += rect(352, 146, 36, 50, "#6b3410", 2)
    gear = []
    for k in range(16):
        radius = 20 if k % 2 == 0 else 14
        angle = k * math.pi / 8
        gear.append((322 + radius * math.cos(angle), 146 + radius * math.sin(angle)))
    body += poly(gear, TEAL) + circle(322, 146, 6, "#f4dcc0")
    body += rect(402, 130, 34, 26, "#fff", 3)
    # people trading
    body += person(126, 226, 56, BLUE, SKIN[3]) + person(264, 226, 62, PURPLE, SKIN[1])
    return scene("#fbf1e1", "#f3c77a", "#e3c49b", body)


MODULES = [module_1, module_2, module_3, module_4, module_5, module_6, module_7, module_8]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for number, draw in enumerate(MODULES, start=1):
        target = OUT / f"module-{number}.svg"
        target.write_text(draw(), encoding="utf-8")
        print(f"{target.relative_to(OUT.parent.parent.parent)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
