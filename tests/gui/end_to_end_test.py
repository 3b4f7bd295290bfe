"""The real gloss under Xvfb, driven with xdotool: drag-select the start of
the sample report's first line, press 1 and 2 (the codebook's 'discrimination'
and 'representation' keys): both codes' colours must come on screen (the
screen grabbed before and after); 2 again takes its code off, and its colour
goes. Ctrl+S, and check the saved annotation's code-point offsets, quote and
its one code. Then
start it again on the saved file: Ctrl+F finds a word, T opens the tag
popup, a typed name creates a tag, Ctrl+S, Ctrl+Q; the file must hold both
annotations, and the editor must have quit by itself."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from xdo import drag_select, focus_window, quit_when, xdotool
from x_screen import grab

gloss, report = sys.argv[1], sys.argv[2]
codebook = json.load(open(os.path.join(os.path.dirname(report), "codebook.json"), encoding="utf-8"))
color_of = {t["id"]: bytes.fromhex(t["color"][1:]) for t in codebook["tags"]}


def pixels_of(*tags):
    """How many pixels of the screen are exactly each tag's colour (the
    stripes and underlines are drawn in it, opaque)."""
    _, _, rows = grab()
    wanted = {color_of[tag]: tag for tag in tags}
    counts = dict.fromkeys(tags, 0)
    for row in rows:
        for x in range(0, len(row), 3):
            tag = wanted.get(row[x:x + 3])
            if tag: counts[tag] += 1
    return counts


def press(key):
    xdotool("key", key)
    time.sleep(0.3)


with tempfile.TemporaryDirectory() as tmp:
    copy = os.path.join(tmp, os.path.basename(report))
    shutil.copy(report, copy)
    saved = os.path.join(tmp, "out.gloss.json")
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=tmp, GLOSS_PRINT_GEOMETRY="1",
               GLOSS_AUTHOR="e2e")
    app = subprocess.Popen([gloss, copy, "--annotations", saved, "--size", "1000x700"], env=env,
                           stdout=subprocess.PIPE, text=True)
    try:
        words = app.stdout.readline().split()  # report-origin X Y row-height H
        assert words and words[0] == "report-origin", words
        ox, oy, row = float(words[1]), float(words[2]), float(words[4])
        window = focus_window(app.pid)
        drag_select(window, ox + 1, oy + row / 2, 200)
        before = pixels_of("discrimination", "representation")
        press("1")
        press("2")
        coded = pixels_of("discrimination", "representation")
        press("2")  # the passage has it: off again
        uncoded = pixels_of("discrimination", "representation")
        print("code colours on screen before, with both codes, after 2 again:", before, coded, uncoded)
        for tag in ("discrimination", "representation"):
            assert coded[tag] >= before[tag] + 100, (tag, before, coded)
        assert uncoded["representation"] <= before["representation"] + 10, (before, uncoded)
        assert uncoded["discrimination"] >= before["discrimination"] + 100, (before, uncoded)
        xdotool("keydown", "ctrl")
        time.sleep(0.1)
        xdotool("key", "s")
        time.sleep(0.1)
        xdotool("keyup", "ctrl")
        for _ in range(50):
            if os.path.exists(saved): break
            time.sleep(0.1)
    finally:
        app.terminate()
        app.wait(timeout=10)
    data = json.load(open(saved, encoding="utf-8"))
    text = open(report, encoding="utf-8").read()
    annotations = data["annotations"]
    assert len(annotations) == 1, annotations
    a = annotations[0]
    print("saved:", a["start"], a["end"], repr(a["quote"]), a["tags"])
    assert a["start"] == 0, a
    assert 5 <= a["end"] <= 40, a
    assert a["quote"] == text[a["start"]:a["end"]], (a["quote"], text[:a["end"]])
    assert a["tags"] == ["discrimination"], a
    assert a["author"] == "e2e"

    # Second session: reopen, find a word, tag it with a new tag from the popup.
    word = next(w for w in text.split() if w.isalpha() and len(w) > 5 and text.index(w) > a["end"])
    before = os.path.getmtime(saved)
    app = subprocess.Popen([gloss, copy, "--annotations", saved, "--size", "1000x700"], env=env,
                           stdout=subprocess.PIPE, text=True)
    try:
        app.stdout.readline()
        focus_window(app.pid)
        # One burst, without pauses between the keys: the editor paces them
        # into frames itself, so each reaches the field or shortcut it is for.
        xdotool("key", "ctrl+f")
        xdotool("type", word)
        xdotool("key", "Return", "Escape", "t")  # find, back to the report, the tag popup
        xdotool("type", "Found again")
        xdotool("key", "Return", "ctrl+s")
        code = quit_when(lambda: os.path.getmtime(saved) != before, app)
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=10)
    assert code == 0, code
    data = json.load(open(saved, encoding="utf-8"))
    annotations = data["annotations"]
    print("after the second session:", [(x["start"], x["end"], x["quote"], x["tags"]) for x in annotations])
    assert len(annotations) == 2, annotations
    assert annotations[0]["id"] == a["id"], annotations  # the first session's, found on reopening
    found = annotations[1]
    assert found["quote"] == word, found
    assert found["start"] == text.index(word), (found, text.index(word))
    assert found["tags"] == ["found-again"], found
    labels = {t["id"]: t["label"] for t in data["codebook"]["tags"]}
    assert labels.get("found-again") == "Found again", labels
print("ok")
