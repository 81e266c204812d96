#!/usr/bin/env python3
"""Evaluate the metric finder.

  scripts/eval_metrics.py                  precision and recall per kind on eval/devset.jsonl
  scripts/eval_metrics.py --corpus [DIR]   metric counts per kind over a corpus
                                           (default ../shared/corpus: filings/ and prospectuses/)

The dev set holds real sentences from the filings in ../shared/corpus, each with the metrics an
analyst would take from it ("expect": kind and value, sometimes per or unit); sentences that must
give nothing are negatives. A found metric counts as right when its kind and value match a
labeled one (and per/unit, where labeled). Each sentence is scanned as a file of its own. Needs
a release build (cargo build --release).
"""
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tokenlens")
TOKEN_KINDS = {"token_volume", "token_throughput", "token_price", "token_cost", "token_revenue",
               "context_window", "token_latency", "training_tokens"}


def scan(paths):
    out = subprocess.run([BIN, "scan", "-q", *paths], capture_output=True, check=False)
    return json.loads(out.stdout)["filings"]


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def fits(want, got):
    if want["kind"] != got["kind"] or not close(want["value"], got["value"]):
        return False
    return all(got.get(k) == want[k] for k in ("per", "unit", "currency") if k in want)


def devset(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, row in enumerate(rows):
            p = os.path.join(tmp, f"{i:04}.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(row["text"] + "\n")
            paths.append(p)
        reports = scan(paths)
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    errors = []
    for row, report in zip(rows, reports):
        got = list(report["metrics"])
        for want in row["expect"]:
            hit = next((g for g in got if fits(want, g)), None)
            if hit is not None:
                got.remove(hit)
                tp[want["kind"]] += 1
            else:
                fn[want["kind"]] += 1
                errors.append(f"MISS {want['kind']} {want['value']:g} | {row['text'][:140]}")
        for g in got:
            fp[g["kind"]] += 1
            errors.append(f"FALSE {g['kind']} {g['value']:g} {g['text']!r} | {row['text'][:140]}")
    kinds = sorted(set(tp) | set(fp) | set(fn))
    print(f"dev set: {len(rows)} sentences, {sum(1 for r in rows if r['expect'])} with metrics, "
          f"{sum(len(r['expect']) for r in rows)} labeled metrics")
    print(f"{'kind':36} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")

    def line(name, t, f, n):
        p = t / (t + f) if t + f else 1.0
        r = t / (t + n) if t + n else 1.0
        print(f"{name:36} {t:4} {f:4} {n:4} {p:10.3f} {r:8.3f}")
        return p, r

    for k in kinds:
        line(k, tp[k], fp[k], fn[k])
    tok = [k for k in kinds if k in TOKEN_KINDS]
    p, r = line("TOKEN KINDS", sum(tp[k] for k in tok), sum(fp[k] for k in tok), sum(fn[k] for k in tok))
    line("ALL KINDS", sum(tp.values()), sum(fp.values()), sum(fn.values()))
    for e in errors:
        print("  " + e)
    return 0 if p >= 0.95 and r >= 0.90 else 1


def corpus(root):
    files = sorted(glob.glob(os.path.join(root, "filings", "*")) + glob.glob(os.path.join(root, "prospectuses", "*")))
    total = collections.Counter()
    for f in files:
        report = scan([f])[0]
        c = collections.Counter(m["kind"] for m in report["metrics"])
        total.update(c)
        status = report["error"]["kind"] if report["error"] else f"{report['pages']} pages"
        print(f"{os.path.basename(f):40} {status:>10}  " + ", ".join(f"{k}={n}" for k, n in sorted(c.items())))
    print(f"{'TOTAL':40} {'':>10}  " + ", ".join(f"{k}={n}" for k, n in sorted(total.items())))
    return 0


def main():
    args = sys.argv[1:]
    if args and args[0] == "--corpus":
        return corpus(args[1] if len(args) > 1 else os.path.join(ROOT, "..", "shared", "corpus"))
    return devset(args[0] if args else os.path.join(ROOT, "eval", "devset.jsonl"))


if __name__ == "__main__":
    sys.exit(main())
