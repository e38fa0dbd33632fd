"""Which fonts print a certificate's text (pure: reads font files, never the clock).

The main font is DejaVu Sans, shipped in ``mglearn/fonts`` (Latin with every accent Turkish,
Polish and Vietnamese names use, Greek, Cyrillic, Hebrew, most of Arabic). A character it
lacks is printed with the first *fallback* font that has it, found at run time among the
system's fonts: Debian's ``fonts-noto-core`` (Arabic, Hebrew, Indic, Thai, Ethiopic, ...),
``fonts-wqy-microhei`` (Chinese, Japanese, Korean), ``fonts-symbola`` (emoji, monochrome) and
``fonts-noto-color-emoji`` (emoji newer than Symbola), then any other Noto font installed.
Their licences ship with the packages (``/usr/share/doc/<package>/copyright``); the PDF
embeds only the glyphs it uses. A character no font has is replaced by a visible
:data:`REPLACEMENT`, and the caller logs it.

A joining script must not be split over two fonts (the letters would not connect): when a
line mixes Arabic letters DejaVu has with ones it lacks, the whole line is set in the
fallback font that has them all, DejaVu printing the rest.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONTS = Path(__file__).parent.parent / "fonts"
MAIN_FAMILY = "DejaVu"
FONT, FONT_BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
REPLACEMENT = "\ufffd"  # printed for a character no font has: visible, never a crash
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")

# Noto Sans <script>: Arabic (Persian, Urdu, Kurdish too), Indic, Ethiopic (Tigrinya), Berber, ...
SCRIPTS: tuple[str, ...] = ("Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi", "Gujarati")
SCRIPTS += ("Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar")
SCRIPTS += ("Ethiopic", "Georgian", "Armenian", "Tifinagh", "Syriac", "Thaana", "NKo", "Adlam")
# (regular file, bold file) in the order they are tried; a missing file is skipped
FALLBACK_FILES: tuple[tuple[str, str], ...] = (
    *((f"NotoSans{script}-Regular.ttf", f"NotoSans{script}-Bold.ttf") for script in SCRIPTS),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),  # Latin, Greek, Cyrillic beyond DejaVu
    ("wqy-microhei.ttc", ""),  # Chinese (simplified and traditional), Japanese, Korean
    ("NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
    ("NotoSansSymbols2-Regular.ttf", ""),
    ("Symbola_hint.ttf", ""),  # emoji up to Unicode 9, monochrome
    ("NotoColorEmoji.ttf", ""),  # newer emoji
)


@dataclass(frozen=True)
class Face:
    family: str
    regular: Path
    bold: Path | None = None


MAIN = Face(MAIN_FAMILY, FONT, FONT_BOLD)


@cache
def _installed() -> dict[str, Path]:
    """Every font file in the system's font folders, by file name (the first one found)."""
    found: dict[str, Path] = {}
    for root in FONT_DIRS:
        for folder, _dirs, files in sorted(os.walk(root)) if root.is_dir() else ():
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name, Path(folder) / name)
    return found


def _face(regular: str, bold: str) -> Face | None:
    files = _installed()
    if regular not in files:
        return None
    family = Path(regular).stem.removesuffix("-Regular").replace("-", "").replace("_", "")
    return Face(family, files[regular], files.get(bold) if bold else None)


@cache
def fallback_faces() -> tuple[Face, ...]:
    """The fallback fonts installed here, in the order they are tried: the preferred ones,
    then every other Noto font (rare scripts)."""
    preferred = [face for regular, bold in FALLBACK_FILES if (face := _face(regular, bold))]
    named = {regular for regular, _ in FALLBACK_FILES}
    others = sorted(n for n in _installed() if n.startswith("Noto") and n.endswith("-Regular.ttf"))
    rest = [face for n in others if n not in named and (face := _face(n, n.replace("-Regular", "-Bold")))]
    return (*preferred, *rest)


@cache
def glyphs(path: Path) -> frozenset[int]:
    """The code points a font file (face 0 of a collection) has a glyph for."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


def face_for(ch: str) -> Face | None:
    """The first font that has ``ch``: DejaVu, else a fallback; None when none has it."""
    for face in (MAIN, *fallback_faces()):
        if ord(ch) in glyphs(face.regular):
            return face
    return None


def invisible(ch: str) -> bool:
    """A character that draws nothing by itself (joiners, variation selectors, marks of
    direction): left out when the main font lacks it, never "replaced"."""
    selector = "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef"
    return selector or unicodedata.category(ch) == "Cf"


def _script(ch: str) -> str:
    """A rough script of a letter: the first word of its Unicode name (ARABIC, HEBREW, ...)."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


@dataclass(frozen=True)
class Plan:
    """The fonts a set of lines needs: the fallbacks to register, each line's own main font,
    the lines as they are printed and the characters no font has."""

    faces: tuple[Face, ...]
    lines: tuple[str, ...]
    primary: tuple[Face, ...]
    missing: tuple[str, ...]


def plan(lines: Iterable[str]) -> Plan:
    main = glyphs(MAIN.regular)
    faces: dict[str, Face] = {}
    printed: list[str] = []
    primary: list[Face] = []
    missing: dict[str, None] = {}
    for line in lines:
        out = []
        for ch in line:
            if ord(ch) in main or ch == "\n":
                out.append(ch)
            elif invisible(ch):
                continue
            elif face := face_for(ch):
                faces.setdefault(face.family, face)
                out.append(ch)
            else:
                missing.setdefault(ch)
                out.append(REPLACEMENT)
        text = "".join(out)
        printed.append(text)
        primary.append(_line_face(text, main))
    for face in primary:
        if face is not MAIN:
            faces.setdefault(face.family, face)
    return Plan(tuple(faces.values()), tuple(printed), tuple(primary), tuple(missing))


def _line_face(text: str, main: frozenset[int]) -> Face:
    """DejaVu, unless the line has letters of one script both in and outside DejaVu: then the
    first fallback that has all of that script's letters in the line (they must connect)."""
    letters = [ch for ch in text if unicodedata.category(ch)[0] in "LM" and ch != REPLACEMENT]
    lacking = {_script(ch) for ch in letters if ord(ch) not in main}
    split = {_script(ch) for ch in letters if ord(ch) in main} & lacking
    if not split:
        return MAIN
    needed = {ord(ch) for ch in letters if _script(ch) in split}
    return next((f for f in fallback_faces() if needed <= glyphs(f.regular)), MAIN)
