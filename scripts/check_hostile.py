#!/usr/bin/env python3
"""Scan fixtures/hostile/* in one batch with the release binary and check every record against
fixtures/hostile/expected.tsv: one record per file, in order, each "ok" or the expected error
kind, exit status 1, and the good files' reports the same as when scanned alone.

Run from the repository root after `cargo build --release`: python3 scripts/check_hostile.py
"""
import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tokenlens")
HOSTILE = os.path.join("fixtures", "hostile")


def scan(paths):
    started = time.time()
    run = subprocess.run([BIN, "scan", "-q", "--format", "jsonl", *paths], cwd=ROOT,
                         capture_output=True, timeout=600)
    return run.returncode, [json.loads(l) for l in run.stdout.splitlines()], time.time() - started


def main():
    expected = {}
    with open(os.path.join(ROOT, HOSTILE, "expected.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, kind = line.rstrip("\n").split("\t")
                expected[name] = kind
    paths = sorted(p for p in glob.glob(os.path.join(HOSTILE, "*"), root_dir=ROOT)
                   if not p.endswith("expected.tsv"))
    names = [os.path.basename(p) for p in paths]
    if sorted(expected) != names:
        sys.exit("expected.tsv and the folder differ: %s" % sorted(set(expected) ^ set(names)))
    code, records, secs = scan(paths)
    failures = []
    if code != 1:
        failures.append("exit status %d, expected 1" % code)
    got = [r["source"]["path"] for r in records]
    if got != paths:
        failures.append("records do not match the inputs one to one, in order")
    for r in records:
        name = os.path.basename(r["source"]["path"])
        kind = r["error"]["kind"] if r["error"] else "ok"
        mark = "ok  " if kind == expected.get(name) else "FAIL"
        print("%s %-22s %-20s %s" % (mark, name, kind, (r["error"] or {}).get("message", "")[:90]))
        if mark == "FAIL":
            failures.append("%s: %s, expected %s" % (name, kind, expected.get(name)))
        if name.startswith("good_"):
            _, alone, _ = scan([r["source"]["path"]])
            if alone != [r]:
                failures.append("%s: its report differs from a scan of it alone" % name)
    print("%d files in %.1f s" % (len(records), secs))
    if failures:
        sys.exit("hostile batch failed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
