"""gloss --screenshot on the sample: the picture is written, at the asked
size, and the codebook's colours are on screen in the report area (the solid
band under each annotation is drawn in the tag's exact colour). Then on a
screen of 192 dpi (Xft.dpi, where GLFW reads the content scale on X11): the
window and everything in it are twice the size."""
import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from png_pixels import read_png

gloss, codebook = sys.argv[1], sys.argv[2]
colors = {t["id"]: bytes.fromhex(t["color"][1:]) for t in json.load(open(codebook))["tags"]}
with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)
    shot = os.path.join(tmp, "shot.png")
    subprocess.run([gloss, "--screenshot", shot, "--frames", "4", "--size", "1280x800"], env=env, check=True,
                   timeout=30)
    width, height, channels, rows = read_png(shot)
assert (width, height) == (1280, 800), (width, height)


def menu_bar_height(rows, channels):
    """Rows from the top whose pixel at the left edge is the menu bar's colour."""
    x = 2 * channels
    top = rows[1][x:x + 3]
    return next(y for y, row in enumerate(rows) if y > 1 and row[x:x + 3] != top)


menu_height = menu_bar_height(rows, channels)
counts = {tag: 0 for tag in colors}
by_color = {rgb: tag for tag, rgb in colors.items()}
for row in rows:
    for x in range(400 * channels, width * channels, channels):  # right of the sidebar
        tag = by_color.get(row[x:x + 3])
        if tag: counts[tag] += 1
print("exact codebook-colour pixels in the report area:", counts)
# The first screen of the sample shows an 'accountability' annotation.
assert counts["accountability"] >= 100, counts


def hold_screen_dpi(dpi):
    """Sets the X resources a desktop sets for a high-density screen. The
    connection stays open: Xvfb resets the root window's properties when its
    last client leaves."""
    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XChangeProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int,
                                    ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    display = x11.XOpenDisplay(None)
    assert display, "no X display"
    value = b"Xft.dpi:\t%d\n" % dpi
    xa_string, prop_mode_replace = 31, 0
    x11.XChangeProperty(display, x11.XDefaultRootWindow(display), x11.XInternAtom(display, b"RESOURCE_MANAGER", 0),
                        xa_string, 8, prop_mode_replace, value, len(value))
    x11.XSync(display, 0)
    return display


held = hold_screen_dpi(192)
with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)
    shot = os.path.join(tmp, "shot.png")
    subprocess.run([gloss, "--screenshot", shot, "--frames", "4", "--size", "640x400"], env=env, check=True,
                   timeout=30)
    width, height, channels, rows = read_png(shot)
assert (width, height) == (1280, 800), ("the window is not scaled to the screen", width, height)
# Everything drawn at twice the size: the menu bar (text and padding) too.
scaled_menu_height = menu_bar_height(rows, channels)
print("menu bar height at scale 1 and 2:", menu_height, scaled_menu_height)
assert 1.8 <= scaled_menu_height / menu_height <= 2.2, (menu_height, scaled_menu_height)
print("ok")
