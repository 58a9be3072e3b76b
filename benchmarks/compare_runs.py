"""Two runs of the frame budget side by side: before and after a fix, or a small clinic and a big one.

    python -m benchmarks.compare_runs BEFORE.json AFTER.json

For each desk action in both, the ratios to the baseline of each run and their quotient (after
over before). Each run's ratio was taken beside its own baseline, so the quotient holds across
machines and loads where milliseconds do not. Issue 12 asks that search and the day switch cost
the same on 2,000 clients as on 30,000: a quotient of at most 1.2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def compared(before: dict, after: dict) -> list[dict]:
    """The actions of both runs, in the order of the first, with both ratios and their quotient."""
    later = {action["name"]: action for action in after["actions"]}
    rows = []
    for action in before["actions"]:
        other = later.get(action["name"])
        if other is None:
            continue
        rows.append(
            {
                "name": action["name"],
                "before": action["ratio_median"],
                "after": other["ratio_median"],
                "quotient": other["ratio_median"] / action["ratio_median"],
                "before_p95": action["ratio_p95"],
                "after_p95": other["ratio_p95"],
            }
        )
    return rows


def _books(report: dict) -> str:
    books = report["books"]
    return f"{books['clients']:,} clients, {books['appointments']:,} appointments"


def table(before: dict, after: dict) -> str:
    lines = [
        f"before: {_books(before)} ({before['when']})",
        f"after:  {_books(after)} ({after['when']})",
        "",
        f"| {'action':<52} | before | after | after/before | p95 before | p95 after |",
        f"|{'-' * 54}|-------:|------:|-------------:|-----------:|----------:|",
    ]
    for row in compared(before, after):
        lines.append(
            f"| {row['name']:<52} | {row['before']:>6.2f} | {row['after']:>5.2f} "
            f"| {row['quotient']:>12.2f} | {row['before_p95']:>10.2f} | {row['after_p95']:>9.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    try:
        before, after = (json.loads(Path(name).read_text(encoding="utf-8")) for name in arguments)
    except (OSError, ValueError) as problem:
        print(f"cannot read the runs: {problem}", file=sys.stderr)
        return 1
    print(table(before, after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
