"""The editor draws Arabic, Hebrew, Chinese, Bengali and Hindi as their readers
expect: a line of each is rendered by `gloss --screenshot` and read back by
tesseract. Each line is first rendered by pango-view and read back the same
way, so that a failure means the editor and not the OCR. Skipped (exit 77)
without tesseract.

usage: ocr_test.py GLOSS"""
import difflib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from png_pixels import read_png

LINES = [
    ("ara", "قال الموظفون إن الجدول الجديد أكثر عدلا"),
    ("heb", "הצוות אמר שהמשמרות החדשות הוגנות יותר"),
    ("chi_sim", "员工表示新的排班制度更加公平"),
    ("ben", "কর্মীরা বলেছেন নতুন ব্যবস্থা আরও ন্যায্য"),
    ("hin", "कर्मचारियों ने कहा कि नई व्यवस्था अधिक न्यायसंगत है"),
]
# A line read back as at least this like the text (letters only, in order).
LIKENESS = 0.8
PIXELS = 28

gloss = sys.argv[1]
tesseract = shutil.which("tesseract")
if not tesseract:
    print("tesseract is not installed (scripts/install-deps.sh test): skipped")
    sys.exit(77)
pango_view = shutil.which("pango-view")
assert pango_view, "pango-view is missing (package pango1.0-tools, scripts/install-deps.sh test)"


def letters(text):
    """Letters and marks only: OCR's spaces and punctuation are not the point."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LM")


def likeness(read, expected):
    return difflib.SequenceMatcher(None, letters(read), letters(expected)).ratio()


def ocr(png, language):
    out = subprocess.run([tesseract, png, "-", "-l", language, "--psm", "7"], capture_output=True, text=True,
                         timeout=60, check=True)
    return out.stdout.strip()


def write_gray_png(path, width, height, rows):
    raw = b"".join(b"\0" + bytes(row) for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def text_bands(path):
    """The report view (the widest run of white across the middle of the
    picture) and the bands of rows with dark pixels in it, as gray crops."""
    width, height, channels, rows = read_png(path)
    gray = [[sum(row[x * channels:x * channels + 3]) // 3 for x in range(width)] for row in rows]
    middle = gray[height // 2]
    best, start = (0, 0), None
    for x in range(width + 1):
        white = x < width and middle[x] == 255
        if white and start is None:
            start = x
        elif not white and start is not None:
            best = max(best, (x - start, start))
            start = None
    left, right = best[1] + 4, best[1] + best[0] - 4
    # Up and down from the middle to the view's border, in its last white column: its padding.
    edge = best[1] + best[0] - 1
    first = next(y for y in range(height // 2, 0, -1) if gray[y][edge] != 255) + 2
    last = next(y for y in range(height // 2, height) if gray[y][edge] != 255) - 2
    dark = [first <= y < last and any(v < 128 for v in row[left:right]) for y, row in enumerate(gray)]
    bands, top = [], None
    for y in range(first, last + 1):
        if y < last and dark[y] and top is None:
            top = y
        elif (y == last or not any(dark[y:y + 6])) and top is not None:
            bands.append((top, y))
            top = None
    crops = []
    for top, bottom in bands:
        ink = [x for x in range(left, right) if any(gray[y][x] < 128 for y in range(top, bottom))]
        x0, x1 = max(left, ink[0] - 12), min(right, ink[-1] + 12)
        y0, y1 = max(first, top - 12), min(last, bottom + 12)
        crops.append((x1 - x0, y1 - y0, [gray[y][x0:x1] for y in range(y0, y1)]))
    return crops


failures = []
with tempfile.TemporaryDirectory() as tmp:
    # First, pango: if tesseract cannot read its rendering, the OCR is at fault.
    for i, (language, text) in enumerate(LINES):
        png = os.path.join(tmp, f"pango-{i}.png")
        subprocess.run([pango_view, "-q", "--pixels", f"--font=Sans {PIXELS}", "--margin=16", "-o", png,
                        f"--text={text}"], check=True, timeout=60)
        read = ocr(png, language)
        assert likeness(read, text) >= LIKENESS, f"tesseract cannot read pango-view's {language} line: {read!r}"

    # Then the editor, one line per script with blank lines between them.
    report = os.path.join(tmp, "scripts.txt")
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n\n".join(text for _, text in LINES) + "\n")
    os.makedirs(os.path.join(tmp, "gloss"))
    with open(os.path.join(tmp, "gloss", "settings.json"), "w") as f:
        json.dump({"version": 1, "font_size": PIXELS}, f)
    env = dict(os.environ, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp, GLOSS_AUTHOR="test")
    shot = os.path.join(tmp, "shot.png")
    subprocess.run([gloss, report, "--screenshot", shot, "--frames", "3", "--size", "1280x800"], env=env,
                   check=True, timeout=60)
    crops = text_bands(shot)
    assert len(crops) == len(LINES), f"expected {len(LINES)} lines of text in the report, found {len(crops)}"
    for i, ((language, text), (width, height, rows)) in enumerate(zip(LINES, crops)):
        png = os.path.join(tmp, f"gloss-{i}.png")
        write_gray_png(png, width, height, rows)
        read = ocr(png, language)
        score = likeness(read, text)
        print(f"{language}: {score:.2f} {read}")
        if score < LIKENESS:
            failures.append(f"{language}: read {read!r} for {text!r} ({score:.2f})")

assert not failures, "the editor's lines are not read back:\n" + "\n".join(failures)
print("every line read back from the editor's screenshot")
