"""What a run did to /mnt/data: a before/after comparison of names, sizes and modification times."""

import os

ROOT = "/mnt/data"
# The app accepts at most this many names of this length in one report (validate.ts); it is
# told how many more there were, to say they are not kept.
MAX_REPORTED = 10_000
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


def compare(before: dict) -> dict:
    """Files made or changed since `before`, and files gone (deleted, or renamed away): the app
    keeps /mnt/data for a kernel that takes over, and must not bring a removed file back."""
    after = snapshot()
    changed = [n for n, state in after.items() if before.get(n) != state]
    removed = [n for n in before if n not in after]
    reported = _report(changed)
    return {
        "changedFiles": reported,
        "removedFiles": _report(removed),
        "unreportedFiles": len(changed) - len(reported),
    }


def _report(names: list) -> list:
    return sorted(n for n in names if len(n) <= MAX_NAME)[:MAX_REPORTED]
