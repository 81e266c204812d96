#!/usr/bin/env python3
"""Generate the hostile and broken inputs in fixtures/hostile/ (standard library only).
Run from the repository root: python3 scripts/make_hostile.py

The folder is scanned as one batch in the tests and in CI, and every file must come out as the
record fixtures/hostile/expected.tsv names (a kind of error, or "ok"). Each file is small;
the crafted ones are what a parser-hurting file looks like:

- xobject_cycle.pdf      a Form XObject that draws itself (unbounded recursion in pdf-extract)
- xobject_cycle2.pdf     two Form XObjects that draw each other
- deep_arrays.pdf        a content stream of 5 million nested arrays (recursion in the parser)
- bomb.pdf               a content stream behind two FlateDecode filters: 21 KB on disk,
                         3 GiB inflated
- truncated_*.pdf        multipage.pdf cut at 10%, 50% and 90% of its length
- broken_xref.pdf        multipage.pdf with its cross-reference offsets zeroed
- no_trailer.pdf         multipage.pdf with the trailer and startxref cut off
- flipped_*.pdf          multipage.pdf with 20 random bytes changed (fixed seeds)
- random.bin, archive.zip, image.png, empty.txt: not filings
- no_body.htm            HTML with a head and no body
- latin1.txt             text that is not UTF-8 (read as Windows-1252, with a warning)
- good_*.{htm,txt,pdf}   sound filings among them, whose reports must not change

A chain of Form XObjects deeper than any stack takes megabytes, so tests/it/hostile.rs makes it
at run time. fixtures/slow/many_operators.pdf is a sound but slow PDF (8 million text operators behind two
Flate filters) for the --timeout test; it is not part of the batch.
"""
import os
import random
import shutil
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import Pdf, ROOT  # noqa: E402

HOSTILE = os.path.join(ROOT, "fixtures", "hostile")
SLOW = os.path.join(ROOT, "fixtures", "slow")
PDF_DIR = os.path.join(ROOT, "fixtures", "pdf")


def out(name, data):
    with open(os.path.join(HOSTILE, name), "wb") as f:
        f.write(data)


def compress_repeated(unit, times, level=9):
    """zlib of `unit` repeated `times` times, without building it in memory."""
    z = zlib.compressobj(level)
    parts = []
    block = unit * max(1, (1 << 20) // len(unit))
    per_block = (1 << 20) // len(unit) or 1
    left = times
    while left > 0:
        n = min(left, per_block)
        parts.append(z.compress(block if n == per_block else unit * n))
        left -= n
    parts.append(z.flush())
    return b"".join(parts)


def one_page(content_stream_obj_body, extra_resources=""):
    """A one-page PDF whose page content is the given stream object body."""
    pdf = Pdf()
    font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages = pdf.reserve()
    c = pdf.add(content_stream_obj_body)
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                   "/Resources << /Font << /F1 %d 0 R >> %s >> /Contents %d 0 R >>"
                   % (pages, font, extra_resources, c))
    pdf.set(pages, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages)
    return pdf, root


def stream_body(data, filters):
    names = " ".join("/FlateDecode" for _ in range(filters))
    filt = "" if filters == 0 else (" /Filter [%s]" % names if filters > 1 else " /Filter /FlateDecode")
    return b"<< /Length %d%s >>\nstream\n" % (len(data), filt.encode()) + data + b"\nendstream"


def xobject_cycle():
    pdf = Pdf()
    font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages = pdf.reserve()
    form = pdf.reserve()
    body = b"BT /F1 12 Tf 72 700 Td (I draw myself) Tj ET /Fm1 Do\n"
    pdf.set(form, b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                  b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Fm1 %d 0 R >> >> /Length %d >>\nstream\n"
            % (font, form, len(body)) + body + b"\nendstream")
    c = pdf.add(stream_body(b"/Fm1 Do\n", 0))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                   "/Resources << /XObject << /Fm1 %d 0 R >> >> /Contents %d 0 R >>" % (pages, form, c))
    pdf.set(pages, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.write(os.path.join(HOSTILE, "xobject_cycle.pdf"), root)


def xobject_cycle2():
    pdf = Pdf()
    font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages = pdf.reserve()
    a, b = pdf.reserve(), pdf.reserve()
    for me, other, name in ((a, b, b"Fb"), (b, a, b"Fa")):
        body = b"BT /F1 12 Tf 72 700 Td (ping pong) Tj ET /" + name + b" Do\n"
        pdf.set(me, b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 %d 0 R >> /XObject << /%s %d 0 R >> >> /Length %d >>\nstream\n"
                % (font, name, other, len(body)) + body + b"\nendstream")
    c = pdf.add(stream_body(b"/Fa Do\n", 0))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                   "/Resources << /XObject << /Fa %d 0 R >> >> /Contents %d 0 R >>" % (pages, a, c))
    pdf.set(pages, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.write(os.path.join(HOSTILE, "xobject_cycle2.pdf"), root)


def deep_arrays():
    depth = 5_000_000
    inner = zlib.compress(b"BT /F1 12 Tf 72 700 Td " + b"[" * depth + b"(deep)" + b"]" * depth + b" TJ ET\n", 9)
    pdf, root = one_page(stream_body(zlib.compress(inner, 9), 2))
    pdf.write(os.path.join(HOSTILE, "deep_arrays.pdf"), root)


def bomb():
    inner = compress_repeated(b" " * 1024, 3 * 1024 * 1024)  # 3 GiB of spaces
    outer = zlib.compress(inner, 9)
    pdf, root = one_page(stream_body(outer, 2))
    pdf.write(os.path.join(HOSTILE, "bomb.pdf"), root)


def many_operators():
    os.makedirs(SLOW, exist_ok=True)
    inner = compress_repeated(b"BT /F1 12 Tf 72 700 Td (token) Tj ET\n", 8_000_000)
    pdf, root = one_page(stream_body(zlib.compress(inner, 9), 2))
    pdf.write(os.path.join(SLOW, "many_operators.pdf"), root)


def damaged(good):
    n = len(good)
    for pct in (10, 50, 90):
        out("truncated_%02d.pdf" % pct, good[: n * pct // 100])
    xref = good.rfind(b"xref\n")
    table = good[xref:].split(b"trailer")[0]
    lines = table.split(b"\n")
    zeroed = [l if not l.endswith(b" n ") else b"0000000000 00000 n " for l in lines]
    out("broken_xref.pdf", good[:xref] + b"\n".join(zeroed) + good[xref + len(table):])
    out("no_trailer.pdf", good[: good.rfind(b"trailer")])
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        data = bytearray(good)
        for _ in range(20):
            data[rng.randrange(16, n)] = rng.randrange(256)
        out("flipped_%d.pdf" % seed, bytes(data))


def main():
    if os.path.isdir(HOSTILE):
        keep = {"expected.tsv"}
        for name in os.listdir(HOSTILE):
            if name not in keep:
                os.remove(os.path.join(HOSTILE, name))
    os.makedirs(HOSTILE, exist_ok=True)
    xobject_cycle()
    xobject_cycle2()
    deep_arrays()
    bomb()
    many_operators()
    with open(os.path.join(PDF_DIR, "multipage.pdf"), "rb") as f:
        good = f.read()
    damaged(good)
    out("random.bin", random.Random(7).randbytes(4096))
    out("archive.zip", b"PK\x03\x04" + random.Random(8).randbytes(200))
    shutil.copy(os.path.join(ROOT, "fixtures", "bad", "image.png"), os.path.join(HOSTILE, "image.png"))
    out("empty.txt", b"")
    out("no_body.htm", b"<!DOCTYPE html>\n<html><head><title>Form S-1</title>"
                       b"<style>p { color: red }</style></head></html>\n")
    out("latin1.txt", "FORM S-1\nThe Company\u2019s caf\u00e9 processes 2 billion tokens per day.\n".encode("cp1252"))
    shutil.copy(os.path.join(ROOT, "fixtures", "html", "sample_s1.htm"), os.path.join(HOSTILE, "good_s1.htm"))
    shutil.copy(os.path.join(PDF_DIR, "multipage.pdf"), os.path.join(HOSTILE, "good_multipage.pdf"))
    shutil.copy(os.path.join(ROOT, "fixtures", "text", "hk_glossary.txt"), os.path.join(HOSTILE, "good_hk.txt"))


if __name__ == "__main__":
    main()
