#!/usr/bin/env python3
"""The peer of gloss_bench_annotation_io: Python's json module on the same file.

    json_peer.py time FILE OUT REPEATS   best-of-REPEATS wall (and CPU) time of json.load(FILE)
                                         and json.dump(obj, OUT, indent=2, ensure_ascii=False)
    json_peer.py memory FILE             peak RSS growth of one json.load(FILE)

Prints one "key value" pair per line (seconds, bytes) for the benchmark to parse.
"""

import json
import resource
import sys
import time


# Each run is timed by the wall clock (the figure) and by this process's CPU
# time (steadier when other work shares the machine).
def timed_load(path):
    wall, cpu = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as f:
        obj = json.load(f)
    return (time.perf_counter() - wall, time.process_time() - cpu), obj


def timed_dump(obj, path):
    wall, cpu = time.perf_counter(), time.process_time()
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_bytes():
    # VmHWM is the peak of this process image only. getrusage's ru_maxrss is
    # not: Linux carries it across fork and exec, so a child of the (large)
    # benchmark would report the parent's peak instead of its own.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def main(argv):
    mode = argv[1]
    if mode == "time":
        path, out, repeats = argv[2], argv[3], int(argv[4])
        loads = []
        obj = None
        for _ in range(repeats):
            obj = None  # free the previous result outside the timed region
            seconds, obj = timed_load(path)
            loads.append(seconds)
        dumps = [timed_dump(obj, out) for _ in range(repeats)]
        print("annotations", len(obj["annotations"]))
        print("load_seconds", min(wall for wall, _ in loads))
        print("dump_seconds", min(wall for wall, _ in dumps))
        print("load_cpu_seconds", min(cpu for _, cpu in loads))
        print("dump_cpu_seconds", min(cpu for _, cpu in dumps))
        print("load_all", ",".join(f"{wall:.3f}" for wall, _ in loads))
        print("dump_all", ",".join(f"{wall:.3f}" for wall, _ in dumps))
    elif mode == "memory":
        path = argv[2]
        baseline = peak_rss_bytes()
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
        peak = peak_rss_bytes()
        print("annotations", len(obj["annotations"]))
        print("baseline_bytes", baseline)
        print("peak_bytes", peak)
    else:
        sys.exit(f"json_peer.py: unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv)
