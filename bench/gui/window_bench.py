#!/usr/bin/env python3
"""The real `gloss` window, timed from outside. Run it under an X server
(xvfb-run -a); gloss_bench_gui does. For each --case NAME REPORT CODEBOOK
ANNOTATIONS it prints `NAME.KEY VALUE` lines:

  screenshot.wall/.cpu  `gloss REPORT ... --screenshot OUT.png --frames 1`, spawn
                        to exit (best of --repeats): loading, GLFW window and
                        OpenGL context, fonts, one frame, glReadPixels and the
                        PNG written; CPU is the child's user + system time.
  window.first_frame    the interactive window, spawn to the end of its first
                        App::frame() (the line GLOSS_PRINT_GEOMETRY prints).
  idle.percent          that window, left alone for --settle-seconds, then its
                        utime + stime (/proc/PID/stat) over --idle-seconds, as
                        a percentage of one core.
"""

import argparse
import os
import select
import subprocess
import sys
import tempfile
import time

TICKS = os.sysconf("SC_CLK_TCK")


def gloss_command(gloss, case):
    _, report, codebook, annotations = case
    return [gloss, report, "--codebook", codebook, "--annotations", annotations]


def screenshot(gloss, case, folder):
    png = os.path.join(folder, case[0] + ".png")
    start = time.monotonic()
    child = subprocess.Popen(gloss_command(gloss, case) + ["--screenshot", png, "--frames", "1"],
                             stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or os.path.getsize(png) == 0:
        sys.exit(f"window_bench: gloss --screenshot failed on {case[1]} (exit {child.returncode})")
    os.remove(png)
    return wall, usage.ru_utime + usage.ru_stime


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 of proc(5), counted after the command name.
    return (int(fields[11]) + int(fields[12])) / TICKS


def idle_window(gloss, case, settle, seconds, timeout):
    env = dict(os.environ, GLOSS_PRINT_GEOMETRY="1")
    start = time.monotonic()
    child = subprocess.Popen(gloss_command(gloss, case), stdout=subprocess.PIPE, env=env)
    try:
        ready, _, _ = select.select([child.stdout], [], [], timeout)
        line = child.stdout.readline() if ready else b""
        first_frame = time.monotonic() - start
        if not line.startswith(b"report-origin"):
            sys.exit(f"window_bench: gloss showed no first frame of {case[1]} within {timeout} s")
        time.sleep(settle)
        cpu0, wall0 = cpu_seconds(child.pid), time.monotonic()
        time.sleep(seconds)
        cpu1, wall1 = cpu_seconds(child.pid), time.monotonic()
        return first_frame, 100 * (cpu1 - cpu0) / (wall1 - wall0)
    finally:
        child.terminate()
        child.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gloss", required=True)
    parser.add_argument("--case", nargs=4, action="append", required=True,
                        metavar=("NAME", "REPORT", "CODEBOOK", "ANNOTATIONS"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--settle-seconds", type=float, default=2)
    parser.add_argument("--idle-seconds", type=float, default=10)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("window_bench: no DISPLAY; run it under xvfb-run -a")
    with tempfile.TemporaryDirectory(prefix="gloss-window-bench-") as folder:
        for case in args.case:
            runs = [screenshot(args.gloss, case, folder) for _ in range(max(1, args.repeats))]
            wall, cpu = min(runs)
            first_frame, percent = idle_window(args.gloss, case, args.settle_seconds, args.idle_seconds,
                                               args.timeout)
            name = case[0]
            print(f"{name}.screenshot.wall {wall:.6f}")
            print(f"{name}.screenshot.cpu {cpu:.6f}")
            print(f"{name}.window.first_frame {first_frame:.6f}")
            print(f"{name}.idle.percent {percent:.4f}", flush=True)


if __name__ == "__main__":
    main()
