#!/usr/bin/env python3
"""Reads a BenchmarkDotNet CSV report written with bench/Vireo.Benchmarks' BenchConfig
(times in µs, sizes in KB, no units in cells) and prints one tab-separated line per
benchmark: PARAM, Method, min µs, median µs, allocated KB.

Usage: bdn-csv.py REPORT.csv PARAM-COLUMN
"""
import csv
import sys


def number(text):
    text = text.replace(",", "").strip()
    return text if text not in ("", "NA", "-") else "n/a"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]

    def col(prefix):
        for i, h in enumerate(header):
            if h == prefix or h.startswith(prefix + " ["):
                return i
        return None

    param, method = col(sys.argv[2]), col("Method")
    mn, md, al = col("Min"), col("Median"), col("Allocated")
    for r in rows[1:]:
        cells = [r[param] if param is not None else "", r[method],
                 number(r[mn]) if mn is not None else "n/a",
                 number(r[md]) if md is not None else "n/a",
                 number(r[al]) if al is not None else "n/a"]
        print("\t".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
