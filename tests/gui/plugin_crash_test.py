"""The editor and a plugin that crashes it (tests/plugins/fixtures/crashes.c, the
only highlighter it loads): the first run dies of SIGSEGV naming the plugin on
stderr and leaves a record; the next start names it in a notice, starts with
it disabled (its highlight is not called again: the run ends well) and
removes the record. A plugin that crashes in its init is not loaded on the
next start (else it would crash that one too) and is tried again on the one
after."""
import os
import shutil
import subprocess
import sys
import tempfile

gloss, unsafe_plugins, report = sys.argv[1], sys.argv[2], sys.argv[3]
with tempfile.TemporaryDirectory() as tmp:
    # A copy of the editor away from the build's lib/gloss/plugins, so that the
    # crashing fixture is the first highlighter.
    os.makedirs(os.path.join(tmp, "bin"))
    editor = shutil.copy(gloss, os.path.join(tmp, "bin", "gloss"))
    env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"),
               GLOSS_AUTHOR="tester")
    record = os.path.join(tmp, "state", "gloss", "recovery", "crashed-plugin")
    command = [editor, report, "--plugin-dir", unsafe_plugins, "--screenshot", os.path.join(tmp, "shot.png")]

    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == -11, (first.returncode, first.stderr)
    last = first.stderr.strip().splitlines()[-1]
    assert last == ("gloss: plugin crashes crashed (SIGSEGV) in highlight; the next start offers recovery "
                    "and leaves it out"), last
    assert open(record).read() == "crashes\thighlight\tSIGSEGV\n"

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, (second.returncode, second.stderr)
    assert ("gloss: the plugin crashes crashed Gloss last time (SIGSEGV in highlight); it is disabled for "
            "this session") in second.stderr, second.stderr
    assert not os.path.exists(record)

    crash_in_init = dict(env, GLOSS_FIXTURE_CRASH_IN_INIT="1")
    first = subprocess.run(command, env=crash_in_init, capture_output=True, text=True, timeout=60)
    assert first.returncode == -11, (first.returncode, first.stderr)
    assert open(record).read() == "crashes\tinit\tSIGSEGV\n"
    second = subprocess.run(command, env=crash_in_init, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, (second.returncode, second.stderr)
    assert "not loaded this time: it crashed Gloss while loading last time" in second.stderr, second.stderr
    assert not os.path.exists(record)
    third = subprocess.run(command, env=crash_in_init, capture_output=True, text=True, timeout=60)
    assert third.returncode == -11, (third.returncode, third.stderr)
print("ok")
