"""Compare two `xxgk analyze` JSONL runs field by field (a refactor must change nothing
it did not mean to change).

    python benchmarks/diff_runs.py BEFORE.jsonl AFTER.jsonl [--ignore model] [--show 5]

Documents are matched by `source`; every top-level field is compared, lists item by
item. Prints, per field, how many documents differ and a few examples; exits 1 when
anything differs, 0 when the runs are identical (apart from --ignore'd fields).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict


def records(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {r["source"]: r for r in map(json.loads, filter(str.strip, f))}


def first_difference(a, b, where: str = "") -> str | None:
    """Where two JSON values first differ, as a path and the two values."""
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(a.keys() | b.keys()):
            d = first_difference(a.get(k), b.get(k), f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return f"{where}: {len(a)} items != {len(b)}" if len(a) != len(b) else None
    return None if a == b else f"{where}: {str(a)[:120]!r} != {str(b)[:120]!r}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--ignore", nargs="*", default=[], help="top-level fields not to compare")
    p.add_argument("--show", type=int, default=3, help="examples per field")
    args = p.parse_args(argv)
    before, after = records(args.before), records(args.after)
    only = sorted(before.keys() ^ after.keys())
    differ: dict[str, list[str]] = defaultdict(list)
    for source in sorted(before.keys() & after.keys()):
        a, b = before[source], after[source]
        for field in sorted(a.keys() | b.keys()):
            if field not in args.ignore:
                d = first_difference(a.get(field), b.get(field), field)
                if d:
                    differ[field].append(f"{source}: {d}")
    print(f"{len(before)} documents before, {len(after)} after, {len(before.keys() & after.keys())} in both")
    for source in only:
        print(f"  only in {'before' if source in before else 'after'}: {source}")
    for field, lines in sorted(differ.items()):
        print(f"{field}: {len(lines)} documents differ")
        for line in lines[: args.show]:
            print("   ", line)
    if not differ and not only:
        print("identical" + (f" (ignoring {', '.join(args.ignore)})" if args.ignore else ""))
    return 1 if differ or only else 0


if __name__ == "__main__":
    sys.exit(main())
