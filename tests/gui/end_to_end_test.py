"""The real gloss under Xvfb, driven with xdotool: drag-select the start of
the seed report's first line, press 1 (the codebook's 'discrimination' key),
Ctrl+S, and check the saved annotation's code-point offsets and quote."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

gloss, seed, sample = sys.argv[1], sys.argv[2], sys.argv[3]
report = seed if os.path.exists(seed) else sample
if report != seed:
    print("seed report absent; using the sample")


def xdotool(*args):
    subprocess.run(["xdotool", *map(str, args)], check=True, timeout=10)


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
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.pid)], capture_output=True,
                                text=True, timeout=10, check=True).stdout.split()[0]
        xdotool("windowfocus", "--sync", window)  # Xvfb has no window manager to activate it
        time.sleep(0.3)
        y = int(oy + row / 2)
        xdotool("mousemove", "--window", window, int(ox) + 1, y)
        time.sleep(0.1)
        # ImGui 1.86 samples the mouse once per frame: let the press be its own frame.
        xdotool("mousedown", 1)
        time.sleep(0.1)
        for step in range(1, 11):
            xdotool("mousemove", "--window", window, int(ox) + 1 + step * 20, y)
            time.sleep(0.03)
        time.sleep(0.1)
        xdotool("mouseup", 1)
        time.sleep(0.2)
        xdotool("key", "1")
        time.sleep(0.2)
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
print("ok")
