#!/usr/bin/env python3
"""Robustness against damaged PDFs, measured against pdftotext on the same files.

Makes mutants of the corpus PDFs in a temporary folder (byte flips at random places, and
truncations at many offsets), then for every mutant and every PDF of
../shared/corpus/pdfs-robustness/:
  - counts the words `tokenlens text` and `pdftotext` recover, each relative to what it reads
    from the undamaged original (capped at 1);
  - runs all of them as one `tokenlens scan` batch (worker processes, the default) and checks
    that every file has a record, and reports the peak memory of the batch and its workers.

Run from the repository root after `cargo build --release`:
    python3 scripts/robustness.py [--flips 100] [--flip-bytes 10]
Needs pdftotext (Debian: poppler-utils) and GNU time (/usr/bin/time).
"""
import argparse
import collections
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tokenlens")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
WORD = re.compile(r"[A-Za-z0-9]{2,}")


def words(cmd):
    try:
        run = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return 0, "timeout"
    status = "ok" if run.returncode in (0, 1) else "crash(%d)" % run.returncode
    if run.returncode < 0:
        status = "signal(%d)" % -run.returncode
    return len(WORD.findall(run.stdout.decode("utf-8", "replace"))), status


def tl_words(path):
    return words([BIN, "text", path])


def pt_words(path):
    return words(["pdftotext", "-q", path, "-"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flips", type=int, default=100, help="byte-flipped mutants in all")
    ap.add_argument("--flip-bytes", type=int, default=10, help="bytes changed per mutant")
    args = ap.parse_args()
    originals = sorted(glob.glob(os.path.join(CORPUS, "filings", "*.pdf")))
    if not originals:
        sys.exit("no corpus PDFs under %s" % CORPUS)
    tmp = tempfile.mkdtemp(prefix="tokenlens-robust-")
    base = {p: (tl_words(p)[0], pt_words(p)[0]) for p in originals}
    mutants = []  # (path, original, kind)
    rng = random.Random(2026)
    for i in range(args.flips):
        src = originals[i % len(originals)]
        data = bytearray(open(src, "rb").read())
        for _ in range(args.flip_bytes):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = os.path.join(tmp, "flip_%03d_%s" % (i, os.path.basename(src)))
        open(path, "wb").write(data)
        mutants.append((path, src, "flip"))
    for src in originals:
        data = open(src, "rb").read()
        for pct in range(10, 100, 10):
            path = os.path.join(tmp, "cut%02d_%s" % (pct, os.path.basename(src)))
            open(path, "wb").write(data[: len(data) * pct // 100])
            mutants.append((path, src, "truncate"))

    stats = collections.defaultdict(lambda: {"n": 0, "tl_text": 0, "pt_text": 0, "tl_rate": 0.0,
                                             "pt_rate": 0.0, "tl_bad": 0})
    for path, src, kind in mutants:
        tl, tl_status = tl_words(path)
        pt, _ = pt_words(path)
        s = stats[kind]
        s["n"] += 1
        s["tl_text"] += tl > 0
        s["pt_text"] += pt > 0
        s["tl_rate"] += min(1.0, tl / max(1, base[src][0]))
        s["pt_rate"] += min(1.0, pt / max(1, base[src][1]))
        s["tl_bad"] += tl_status not in ("ok",)
    print("mutants of %d corpus PDFs (%d flipped bytes each for 'flip')" % (len(originals), args.flip_bytes))
    print("%-9s %5s %12s %12s %14s %14s %10s" % ("kind", "n", "tl has text", "pt has text",
                                                  "tl recovery", "pt recovery", "tl crash"))
    for kind, s in stats.items():
        n = s["n"]
        print("%-9s %5d %12d %12d %14.2f %14.2f %10d" % (kind, n, s["tl_text"], s["pt_text"],
                                                           s["tl_rate"] / n, s["pt_rate"] / n, s["tl_bad"]))

    hostile = sorted(glob.glob(os.path.join(CORPUS, "pdfs-robustness", "*.pdf")))
    batch = [p for p, _, _ in mutants] + hostile
    pt_ok = sum(pt_words(p)[0] > 0 for p in hostile)
    run = subprocess.run(["/usr/bin/time", "-f", "%e %M", BIN, "scan", "-q", "--format", "jsonl", *batch],
                         capture_output=True, timeout=3600)
    secs, peak_kb = run.stderr.decode().strip().splitlines()[-1].split()
    records = [json.loads(l) for l in run.stdout.splitlines()]
    kinds = collections.Counter(r["error"]["kind"] if r["error"] else "ok" for r in records)
    hostile_ok = sum(1 for r in records if r["source"]["path"] in hostile and not r["error"])
    print()
    print("one batch of %d files (mutants + %d pdfs-robustness files): exit %d, %d records, %s s, "
          "peak RSS %.0f MB" % (len(batch), len(hostile), run.returncode, len(records), secs,
                                int(peak_kb) / 1024))
    print("records by kind: %s" % dict(sorted(kinds.items())))
    print("pdfs-robustness: tokenlens text from %d of %d, pdftotext from %d" % (hostile_ok, len(hostile), pt_ok))
    if len(records) != len(batch) or [r["source"]["path"] for r in records] != batch:
        sys.exit("FAIL: the batch lost or reordered inputs")


if __name__ == "__main__":
    main()
