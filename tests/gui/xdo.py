"""Driving the real gloss under Xvfb with xdotool, for the end-to-end tests."""
import subprocess
import time


def xdotool(*args):
    subprocess.run(["xdotool", *map(str, args)], check=True, timeout=10)


def focus_window(pid):
    """The editor's window, focused (Xvfb has no window manager to activate it)."""
    window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(pid)], capture_output=True,
                            text=True, timeout=10, check=True).stdout.split()[0]
    xdotool("windowfocus", "--sync", window)
    time.sleep(0.3)
    return window


def drag_select(window, x, y, width):
    """Drags from (x, y) `width` pixels to the right, in steps."""
    xdotool("mousemove", "--window", window, int(x), int(y))
    time.sleep(0.1)
    # ImGui 1.86 samples the mouse once per frame: let the press be its own frame.
    xdotool("mousedown", 1)
    time.sleep(0.1)
    for step in range(1, 11):
        xdotool("mousemove", "--window", window, int(x + step * width / 10), int(y))
        time.sleep(0.03)
    time.sleep(0.1)
    xdotool("mouseup", 1)
    time.sleep(0.2)


def quit_when(saved, app):
    """Waits (5 s at most) until `saved()` is true, then presses Ctrl+Q: the
    work is saved, so the editor quits without asking. Its exit code."""
    for _ in range(50):
        if saved(): break
        time.sleep(0.1)
    time.sleep(0.2)
    xdotool("key", "ctrl+q")
    return app.wait(timeout=10)
