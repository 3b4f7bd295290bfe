"""The real gloss under Xvfb: a passage coded with a new tag from the tag
popup, then the editor killed by SIGSEGV before its idle-time journal (2 s
after a change) is written. The fatal-signal handler must have written the
recovery journal holding that coding; the next start keeps it to offer.

An attempt where the idle-time journal came first proves nothing, so the
session is started again (the window title's '* ' says the change is in)."""
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from xdo import focus_window, xdotool

gloss, report = sys.argv[1], sys.argv[2]
text = open(report, encoding="utf-8").read()
word = next(w for w in text.split() if w.isalpha() and len(w) > 6)


def window_title(window):
    return subprocess.run(["xdotool", "getwindowname", window], capture_output=True, text=True,
                          timeout=10).stdout.strip()


def crash_after_a_change(tmp):
    """The journals after the crash, or None when the idle-time one came first."""
    copy = shutil.copy(report, tmp)
    state = os.path.join(tmp, "state")
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=state, GLOSS_PRINT_GEOMETRY="1",
               GLOSS_AUTHOR="tester")
    command = [gloss, copy, "--annotations", os.path.join(tmp, "coded.json"), "--size", "1000x700"]
    app = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    journals = os.path.join(state, "gloss", "recovery", "*.json")
    try:
        assert app.stdout.readline().startswith("report-origin")
        window = focus_window(app.pid)
        xdotool("key", "ctrl+f")
        xdotool("type", word)
        xdotool("key", "Return", "Escape", "t")
        xdotool("type", "Kept in a crash")
        xdotool("key", "Return")
        for _ in range(100):
            if window_title(window).startswith("* "): break
            time.sleep(0.05)
        assert window_title(window).startswith("* "), window_title(window)
        if glob.glob(journals): return None
        os.kill(app.pid, signal.SIGSEGV)
        assert app.wait(timeout=30) == -signal.SIGSEGV
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)
    found = glob.glob(journals)
    assert len(found) == 1, found
    journal = json.load(open(found[0], encoding="utf-8"))
    coded = json.loads(journal["file"])
    print("the journal after the crash:", [(a["quote"], a["tags"]) for a in coded["annotations"]])
    assert [(a["quote"], a["tags"]) for a in coded["annotations"]] == [(word, ["kept-in-a-crash"])], coded
    assert not glob.glob(os.path.join(state, "gloss", "recovery", "*.crash")), "temporary left"

    # The next start finds it and keeps it until the user answers.
    second = subprocess.run(command + ["--screenshot", os.path.join(tmp, "next-start.png")], env=env,
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    assert glob.glob(journals) == found
    return found


for attempt in range(5):
    with tempfile.TemporaryDirectory() as tmp:
        if crash_after_a_change(tmp) is not None: break
        print("the idle-time journal came first: again")
else:
    raise AssertionError("the idle-time journal always came before the crash")
print("ok")
