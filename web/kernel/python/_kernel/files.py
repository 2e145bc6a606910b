"""What a run did to /mnt/data: a before/after comparison of sizes and modification times."""

import os

ROOT = "/mnt/data"
# The app accepts at most this many names of this length in one report (validate.ts).
MAX_REPORTED = 1000
MAX_NAME = 1024


def snapshot() -> dict:
    found = {}
    for folder, _dirs, names in os.walk(ROOT):
        for name in names:
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found[os.path.relpath(path, ROOT)] = (stat.st_size, stat.st_mtime_ns)
    return found


def changed(before: dict) -> list:
    after = snapshot()
    names = sorted(n for n, state in after.items() if before.get(n) != state and len(n) <= MAX_NAME)
    return names[:MAX_REPORTED]
