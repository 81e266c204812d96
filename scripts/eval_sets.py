#!/usr/bin/env python3
"""Score tokenlens on the evaluation sets in eval/sets/.

  scripts/eval_sets.py                     every set, summary lines
  scripts/eval_sets.py -v [SET ...]        with every miss, extra and wrong field

Each set folder (eval/sets/s1, s2, ...) may hold:
  metrics.jsonl   {"id", "text", "expect": [{"kind", "value", ...fields}]} per line
  terms.jsonl     {"id", "text", "expect": [{"term", "antecedent", "aliases", "source"}]}
  glossary/       gNN.txt with gNN.json {"heading", "entries": [{"term", "definition"}]}

The sets were written by people who had not seen the code, as filings write (see the
README's "Evaluation sets"). Metrics match on kind and value; terms on the term (quotes, case,
a leading "the" folded); glossary entries on the term (or its first name), definitions
compared without case, quotes and closing punctuation. Only the fields an item names are
compared. Builds the release binary first.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tokenlens")


def scan(paths):
    out = subprocess.run(
        [BIN, "scan", "-q", "--format", "jsonl", *paths], capture_output=True, text=True
    ).stdout
    got = {}
    for line in out.splitlines():
        r = json.loads(line)
        got[os.path.splitext(os.path.basename(r["source"]["path"]))[0]] = r
    return got


def norm(s):
    if s is None:
        return None
    s = str(s).replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    s = " ".join(s.split()).strip(" ,.").lower()
    return s[4:] if s.startswith("the ") else s


def close(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-6 * max(1, abs(a))


def scan_texts(cases):
    tmp = tempfile.mkdtemp(prefix="tokenlens-eval-")
    try:
        paths = []
        for c in cases:
            p = os.path.join(tmp, c["id"] + ".txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(c["text"] + "\n")
            paths.append(p)
        return scan(paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def score(path, verbose, hits, same, fields, compare, show):
    """Match each expected item to one hit of its text (`same`), compare the `fields` the item
    names (`compare`), and count what is found, missed, false and right."""
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    got = scan_texts(cases)
    tp = fn = fp = 0
    right = {}
    for c in cases:
        left = list(got.get(c["id"], {}).get(hits, []))
        lines = []
        for e in c["expect"]:
            m = next((x for x in left if same(x, e)), None)
            if m is None:
                fn += 1
                lines.append(f"  MISS {e}")
                continue
            left.remove(m)
            tp += 1
            for k in fields:
                if k in e:
                    ok = compare(k, e[k], m.get(k))
                    right.setdefault(k, [0, 0])
                    right[k][0] += ok
                    right[k][1] += 1
                    if not ok:
                        lines.append(f"  FIELD {show(e)} {k}: want {e[k]!r} got {m.get(k)!r}")
        for m in left:
            fp += 1
            brief = {k: m[k] for k in ("kind", "value", "unit", "text", "term", "antecedent", "source") if k in m}
            lines.append(f"  EXTRA {brief}")
        if verbose and lines:
            print(f"## {c['id']}: {c['text'][:300]}")
            print("\n".join(lines))
    summary = ", ".join(f"{k} {a}/{b}" for k, (a, b) in right.items())
    return f"{hits}: {len(cases)} texts, {tp} found, {fn} missed, {fp} false; fields right: {summary}"


def metrics(path, verbose):
    def compare(k, a, b):
        return norm(a) == norm(b) if k == "period" else (a == b or close(a, b))

    return score(
        path,
        verbose,
        "metrics",
        lambda x, e: x["kind"] == e["kind"] and close(x["value"], e["value"]),
        ("unit", "currency", "per", "qualifier", "period", "direction", "low", "high"),
        compare,
        lambda e: e["kind"],
    )


def terms(path, verbose):
    def compare(k, a, b):
        return [norm(x) for x in a] == [norm(x) for x in b] if k == "aliases" else norm(a) == norm(b)

    return score(
        path,
        verbose,
        "terms",
        lambda x, e: norm(x["term"]) == norm(e["term"]),
        ("antecedent", "aliases", "source"),
        compare,
        lambda e: e["term"],
    )


def glossary(folder, verbose):
    def definition(s):
        s = norm(s or "") or ""
        return re.sub(r"[;.,]?\s*(and|or)?$", "", s).strip(' ;.,"')

    def key(s):
        return definition(s).replace('"', "")

    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))
    got = scan([os.path.join(folder, n + ".txt") for n in names])
    total = found = exact = extra = 0
    for n in names:
        expected = json.load(open(os.path.join(folder, n + ".json"), encoding="utf-8"))["entries"]
        entries = [t for t in got.get(n, {}).get("terms", []) if t["source"] == "glossary_section"]
        by_key = {}
        for t in entries:
            written = [t["term"], *t["aliases"]]
            for k in (t["term"], ", ".join(written), " or ".join(written)):
                by_key[key(k)] = t
        used, lines = set(), []
        for e in expected:
            total += 1
            t = by_key.get(key(e["term"]))
            if t is None:
                first = re.split(r'["\u201d]?\s*(?:,|\bor\b|\band\b)\s*["\u201c]?', e["term"])[0]
                t = by_key.get(key(first))
            if t is None:
                lines.append(f"  MISS {e['term']!r}")
                continue
            used.add(id(t))
            found += 1
            if definition(t["definition"]) == definition(e["definition"]):
                exact += 1
            else:
                lines.append(f"  DEFINITION {e['term']!r}\n    want {e['definition'][:200]!r}\n    got  {(t['definition'] or '')[:200]!r}")
        for t in entries:
            if id(t) not in used:
                extra += 1
                lines.append(f"  EXTRA {t['term']!r}")
        if verbose and lines:
            print(f"## {n}")
            print("\n".join(lines))
    return f"glossary sections: {len(names)} documents, {total} entries, {found} found, {exact} definitions exact, {extra} extra"


def main(args):
    verbose = "-v" in args
    sets = [a for a in args if a != "-v"]
    base = os.path.join(ROOT, "eval", "sets")
    if not sets:
        sets = sorted(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for s in sets:
        folder = s if os.path.isdir(s) else os.path.join(base, s)
        print(f"[{os.path.basename(folder)}]")
        if os.path.exists(os.path.join(folder, "metrics.jsonl")):
            print(metrics(os.path.join(folder, "metrics.jsonl"), verbose))
        if os.path.exists(os.path.join(folder, "terms.jsonl")):
            print(terms(os.path.join(folder, "terms.jsonl"), verbose))
        if os.path.isdir(os.path.join(folder, "glossary")):
            print(glossary(os.path.join(folder, "glossary"), verbose))


if __name__ == "__main__":
    main(sys.argv[1:])
