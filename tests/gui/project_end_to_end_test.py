"""The real gloss under Xvfb on a project, driven with xdotool: a project of
three reports (one of them missing, one already coded by gloss-cli) opens
with its Documents list; a click opens the sample report, a drag selects the
start of its first line, 1 codes it 'discrimination', Ctrl+S saves it to the
file the project names; Ctrl+Shift+R opens Coded segments on that code, which
must list the new passage and the other report's. A tag made in the tag
popup must land in the project's codebook file on Ctrl+S."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from xdo import drag_select, focus_window, quit_when, xdotool

gloss, gloss_cli, sample, codebook = sys.argv[1:5]


def read_line(app, prefix):
    """The next line of the editor's output that starts with `prefix`."""
    while True:
        line = app.stdout.readline()
        assert line, "the editor ended before printing " + prefix
        if line.startswith(prefix + " "):
            return line.rstrip("\n").split(" ")


with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "project")
    reports = os.path.join(project, "reports")
    os.makedirs(reports)
    shutil.copy(sample, reports)
    report = os.path.join(reports, os.path.basename(sample))
    minutes = os.path.join(reports, "minutes.txt")
    with open(minutes, "w", encoding="utf-8") as f:
        f.write("The board heard about discrimination in the estates team.\n")
    gone = os.path.join(reports, "gone.txt")
    with open(gone, "w", encoding="utf-8") as f:
        f.write("soon missing\n")
    cli_env = dict(os.environ, GLOSS_AUTHOR="cli")
    subprocess.run([gloss_cli, "project", "init", project, "--codebook", codebook, "--name", "Trust reviews"],
                   check=True, env=cli_env)
    subprocess.run([gloss_cli, "project", "add", project, report, minutes, gone], check=True, env=cli_env)
    subprocess.run([gloss_cli, "tag", minutes, "--project", project, "--quote", "discrimination", "--tag",
                    "discrimination"], check=True, env=cli_env)
    os.remove(gone)  # listed, but no longer there: shown as missing

    saved = os.path.join(project, "annotations", os.path.basename(sample) + ".gloss.json")
    text = open(report, encoding="utf-8").read()
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=tmp, GLOSS_PRINT_GEOMETRY="1",
               GLOSS_AUTHOR="e2e")
    app = subprocess.Popen([gloss, project, "--size", "1000x700"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        rows = {}
        while len(rows) < 3:
            words = read_line(app, "document-row")
            rows[int(words[1])] = (float(words[2]), float(words[3]))
        window = focus_window(app.pid)
        x, y = rows[0]  # the sample report, listed first
        xdotool("mousemove", "--window", window, int(x) + 10, int(y))
        time.sleep(0.1)
        xdotool("click", 1)
        words = read_line(app, "report-origin")  # report-origin X Y row-height H
        ox, oy, row = float(words[1]), float(words[2]), float(words[4])
        time.sleep(0.3)
        drag_select(window, ox + 1, oy + row / 2, 200)
        xdotool("key", "1", "ctrl+s")
        for _ in range(50):
            if os.path.exists(saved): break
            time.sleep(0.1)
        assert os.path.exists(saved), "the annotations were not saved to the project's file " + saved
        xdotool("key", "ctrl+shift+r")
        while True:
            words = read_line(app, "segments")
            if words[1] == "discrimination" and int(words[2]) >= 2: break
        listed = [read_line(app, "segment") for _ in range(int(words[2]))]

        # A new tag from the popup goes to the project's codebook on saving.
        word = next(w for w in text.split() if w.isalpha() and len(w) > 5 and text.index(w) > 100)
        xdotool("key", "ctrl+f")
        xdotool("type", word)
        xdotool("key", "Return", "Escape", "t")
        xdotool("type", "Fresh code")
        xdotool("key", "Return", "ctrl+s")
        codebook_file = os.path.join(project, "codebook.json")
        code = quit_when(lambda: "fresh-code" in open(codebook_file, encoding="utf-8").read(), app)
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=10)
    assert code == 0, code

    data = json.load(open(saved, encoding="utf-8"))
    first = data["annotations"][0]
    print("saved:", first["start"], first["end"], repr(first["quote"]), first["tags"])
    assert first["start"] == 0 and 5 <= first["end"] <= 40, first
    assert first["quote"] == text[first["start"]:first["end"]], first
    assert first["tags"] == ["discrimination"] and first["author"] == "e2e", first

    print("listed in Coded segments:", [w[1:4] for w in listed])
    by_report = {w[1]: w for w in listed}
    assert set(by_report) == {"reports/" + os.path.basename(sample), "reports/minutes.txt"}, listed
    mine = by_report["reports/" + os.path.basename(sample)]
    assert (int(mine[2]), int(mine[3])) == (first["start"], first["end"]), (mine, first)
    assert " ".join(mine[4:]) == " ".join(first["quote"].split()), (mine, first)
    theirs = by_report["reports/minutes.txt"]
    assert theirs[4:] == ["discrimination"], theirs

    tags = {t["id"]: t for t in json.load(open(codebook_file, encoding="utf-8"))["tags"]}
    assert tags["fresh-code"]["label"] == "Fresh code", tags.get("fresh-code")
    assert "discrimination" in tags  # the project's codebook keeps its codes
print("ok")
