"""gloss opening what is not a regular file as its report: a FIFO, which
nobody writes to, and /dev/zero, which never ends. The editor must not wait
on either: it starts, says on stderr which file it refused and why, and
draws its window (the screenshot is written). A wait fails the test by its
timeout rather than hanging it."""
import os
import subprocess
import sys
import tempfile

gloss = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)
    fifo = os.path.join(tmp, "pipe")
    os.mkfifo(fifo)
    for report, kind in ((fifo, "is a pipe (FIFO), not a file"), ("/dev/zero", "is a character device, not a file")):
        shot = os.path.join(tmp, "shot.png")
        done = subprocess.run([gloss, report, "--screenshot", shot, "--frames", "3"], env=env, timeout=30,
                              capture_output=True, text=True)
        print(report, "->", done.returncode, done.stderr.strip())
        assert done.returncode == 0, done
        assert f"{report}: {kind}; Gloss opens only regular files" in done.stderr, done.stderr
        assert os.path.getsize(shot) > 0
        os.remove(shot)
