"""The command line as a person runs it: `python -m kinerja ... --db DB` in a process of its own."""

import subprocess
import sys


def kinerja(*args, db):
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args, "--db", str(db)], capture_output=True, text=True, timeout=120
    )
