#!/usr/bin/env python3
"""Installs the JavaScript packages of the W3C schema test (package-lock.json)
into NODE_DIR/node_modules with `npm ci`, once per version of the lock file.

npm_setup.py NODE_DIR   (NODE_DIR holds copies of package.json and package-lock.json)
Exits 77 (skipped) when npm is not installed.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

node_dir = Path(sys.argv[1])
npm = shutil.which("npm")
if not npm or not (shutil.which("node") or shutil.which("nodejs")):
    print("SKIP: node and npm are not installed (scripts/install-deps.sh test installs nodejs npm)")
    sys.exit(77)
lock = hashlib.sha256((node_dir / "package-lock.json").read_bytes()).hexdigest()
stamp = node_dir / "node_modules" / ".gloss-lock-sha256"
if stamp.is_file() and stamp.read_text().strip() == lock:
    print(f"node_modules in {node_dir} is up to date")
else:
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=node_dir, timeout=600)
    if done.returncode != 0:
        print(f"npm ci failed in {node_dir} (exit {done.returncode})")
        print("0 passed, 1 failed")
        sys.exit(1)
    stamp.write_text(lock + "\n")
print("1 passed, 0 failed")
