#!/usr/bin/env python3
"""Compare the numbers in `tokenlens text` with pdftotext's, page by page.

Usage: scripts/compare_numbers.py [PDF ...]   (default: ../shared/corpus/filings/*.pdf)

For every page, the multiset of numbers (digit runs with thousands separators and decimals,
as in 1,234.56) found by each tool is compared. A split number ("3 0 , 2 0 2 3") shows up as
numbers only tokenlens has and one only pdftotext has. Prints per-file counts and a total;
exits 1 when any page differs. Needs pdftotext (Debian: poppler-utils) and a release build.
"""
import collections
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tokenlens")
NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def numbers(text):
    return collections.Counter(NUM.findall(text))


def pages_of(cmd, trailing_ff):
    out = subprocess.run(cmd, capture_output=True, check=False).stdout.decode("utf-8", "replace")
    pages = out.split("\f")
    if trailing_ff and pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    return pages


def pagenum_lines(text, index):
    """Numbers that stand alone on a line at the top or bottom of a page."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    edge = lines[:3] + lines[-3:]
    return [n for l in edge for n in NUM.findall(l) if re.fullmatch(r"[-–—\s]*(?:Page\s+)?\d{1,4}[-–—\s]*", l)]


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "..", "shared", "corpus", "filings", "*.pdf")))
    total = collections.Counter()
    for f in files:
        ours = pages_of([BIN, "text", f], False)
        theirs = pages_of(["pdftotext", "-enc", "UTF-8", f, "-"], True)
        c = collections.Counter()
        for i, (a, b) in enumerate(zip(ours, theirs)):
            na, nb = numbers(a), numbers(b)
            c["numbers"] += sum(nb.values())
            c["only_tokenlens"] += sum((na - nb).values())
            missing = nb - na
            # tokenlens drops page-number lines; pdftotext keeps them.
            for n in pagenum_lines(b, i + 1):
                if missing[n] > 0:
                    missing[n] -= 1
                    c["page_numbers_dropped"] += 1
            c["only_pdftotext"] += sum(missing.values())
            c["pages_differing"] += int(na != nb)
        c["pages"] = len(theirs)
        c["page_count_mismatch"] = int(len(ours) != len(theirs))
        total.update(c)
        print(f"{os.path.basename(f):32} pages {c['pages']:4}  numbers {c['numbers']:6}  "
              f"only-tokenlens {c['only_tokenlens']:4}  only-pdftotext {c['only_pdftotext']:4}  "
              f"page-numbers-dropped {c['page_numbers_dropped']:3}  pages-differing {c['pages_differing']:3}  page-count-mismatch {c['page_count_mismatch']}")
    print(f"{'TOTAL':32} pages {total['pages']:4}  numbers {total['numbers']:6}  "
          f"only-tokenlens {total['only_tokenlens']:4}  only-pdftotext {total['only_pdftotext']:4}  "
          f"pages-differing {total['pages_differing']:3}")
    return 1 if total["only_tokenlens"] or total["only_pdftotext"] else 0


if __name__ == "__main__":
    sys.exit(main())
