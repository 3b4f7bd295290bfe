"""gloss --screenshot on the sample: the picture is written, at the asked
size, and the codebook's colours are on screen in the report area (the solid
band under each annotation is drawn in the tag's exact colour)."""
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
counts = {tag: 0 for tag in colors}
by_color = {rgb: tag for tag, rgb in colors.items()}
for row in rows:
    for x in range(400 * channels, width * channels, channels):  # right of the sidebar
        tag = by_color.get(row[x:x + 3])
        if tag: counts[tag] += 1
print("exact codebook-colour pixels in the report area:", counts)
# The first screen of the sample shows an 'accountability' annotation.
assert counts["accountability"] >= 100, counts
print("ok")
