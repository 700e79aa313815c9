#!/usr/bin/env python3
"""Summarises a speedscope JSON written by `dotnet-trace collect --format speedscope`:
the frames with the most inclusive and exclusive (self) time over all threads.

Usage: summarize-speedscope.py FILE.speedscope.json [--top N] [--match TEXT]
  --match TEXT  only count time under stacks containing a frame whose name contains TEXT
                (e.g. Vireo.Benchmarks.DomainPipeline.XmlToArgs), and report shares of that.
"""
import json
import sys
from collections import defaultdict

# dotnet-trace's speedscope export adds these as leaf frames; self time goes to the caller.
PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME"}


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    path = args[0]
    top = 25
    match = None
    if "--top" in args:
        top = int(args[args.index("--top") + 1])
    if "--match" in args:
        match = args[args.index("--match") + 1]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    frames = [fr["name"] for fr in doc["shared"]["frames"]]
    incl = defaultdict(float)
    excl = defaultdict(float)
    total = 0.0
    for prof in doc["profiles"]:
        if prof.get("type") != "evented":
            continue
        stack = []
        last = None
        for ev in prof["events"]:
            at = ev["at"]
            if last is not None and stack and at > last:
                dt = at - last
                names = [frames[i] for i in stack]
                if match is None or any(match in n for n in names):
                    total += dt
                    real = [n for n in names if n not in PSEUDO]
                    excl[real[-1] if real else names[-1]] += dt
                    for n in set(names):
                        incl[n] += dt
            last = at
            if ev["type"] == "O":
                stack.append(ev["frame"])
            elif stack:
                # close the matching frame (speedscope events are well nested)
                stack.pop()
    if total == 0:
        print("no samples matched")
        return 1
    unit = doc["profiles"][0].get("unit", "")
    print(f"total {total:.1f} {unit}" + (f" under '{match}'" if match else ""))
    print(f"\nTop {top} inclusive:")
    for n, t in sorted(incl.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{100 * t / total:6.1f}%  {n[:160]}")
    print(f"\nTop {top} exclusive (self):")
    for n, t in sorted(excl.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{100 * t / total:6.1f}%  {n[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
