"""Time and memory of `claimdiff extract` on one generated single-line article of growing
size (the hardening issue's repro): prints seconds, CPU seconds and peak RSS per size, and
how time grows from the smallest to the largest size next to how the size grows (linear
work keeps the two ratios close; a quadratic step makes the time ratio the square).

Two runs: as shipped (at most ``MAX_PARSED_SENTENCES`` candidate sentences of one article
are parsed, the rest reported as CD201), and with the bound lifted, which shows that the
work itself is linear in the input.

    .venv/bin/python bench/long_input.py [--sizes 100000 300000 1000000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).with_name("claimdiff")


def long_line(size: int) -> str:
    """One paragraph of claim sentences, ``size`` characters long."""
    parts = (f"The minister said about {i * 7 + 3:,} shells were delivered since August." for i in range(size // 40))
    return " ".join(parts)[:size]


#: ``claimdiff`` with the per-article parse bound lifted.
UNBOUNDED = ("import sys, claimdiff.extract.claims as c; c.MAX_PARSED_SENTENCES = 0; "
             "from claimdiff.cli import main; sys.argv[0] = 'claimdiff'; main()")


def run(path: Path, bounded: bool) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, with its worker processes) and peak RSS in
    MB of one `claimdiff extract` (RSS: the largest of any run so far)."""
    command = [str(BIN)] if bounded else [sys.executable, "-c", UNBOUNDED]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*command, "extract", str(path), "--format", "json", "-o", str(path.with_suffix(".json"))],
                   check=False, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for bounded in (True, False):
            print("as shipped (parse bound per article)" if bounded else "parse bound lifted (all sentences parsed)")
            rows = []
            for size in args.sizes:
                path = Path(tmp) / f"line{size}.txt"
                path.write_text(long_line(size), encoding="utf-8")
                wall, cpu, rss = run(path, bounded)
                rows.append((size, wall, cpu, rss))
                print(f"  {size:>9,} chars  {wall:6.1f} s  {cpu:6.1f} CPU s  peak RSS {rss:5.0f} MB", flush=True)
            (s0, w0, c0, _), (s1, w1, c1, _) = rows[0], rows[-1]
            print(f"  size ×{s1 / s0:.1f} → time ×{w1 / w0:.1f} (CPU ×{c1 / c0:.1f}); "
                  f"quadratic work would be ×{(s1 / s0) ** 2:.0f}")


if __name__ == "__main__":
    main()
