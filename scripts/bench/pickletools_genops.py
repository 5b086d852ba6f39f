#!/usr/bin/env python3
"""Time CPython's pickletools.genops over a file: the reference opcode walker that
aisec's pickle parser is compared with (see opcode-dense.sh).

genops only decodes opcodes and their arguments; it never unpickles anything, so it is
safe on untrusted files. It walks the first pickle of the file only.

Usage: pickletools_genops.py FILE [REPEAT]
Prints one line: opcodes, bytes, best seconds, MB/s (1 MB = 10^6 bytes).
"""
import os
import pickletools
import sys
import time


def main() -> None:
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    size = os.path.getsize(path)
    best = None
    count = 0
    for _ in range(repeat):
        with open(path, "rb") as f:
            start = time.perf_counter()
            count = 0
            for _ in pickletools.genops(f):
                count += 1
            took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    print(f"pickletools.genops: {count} opcodes, {size} bytes, {best:.3f} s, {size / best / 1e6:.2f} MB/s")


if __name__ == "__main__":
    main()
