"""What a run did to /mnt/data: a before/after comparison of sizes and modification times."""

import os

ROOT = "/mnt/data"


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
    return sorted(name for name, state in after.items() if before.get(name) != state)
