#!/usr/bin/env python3
"""Generate the PDF and text fixtures in fixtures/ (standard library only; qpdf for the
encrypted ones). Run from the repository root: python3 scripts/make_fixtures.py

Each PDF is written object by object so that it exercises one behaviour on purpose:
- multipage.pdf            5 pages, a known phrase on page 3, running header, page-number footers
- ligatures_hyphenation.pdf ligature glyphs (fi, ffi, fl) mapped by ToUnicode, a word hyphenated
                            across a line end
- cid_width_ranges.pdf      a Type0/CIDFontType2 font whose /W uses the range form
                            `c_first c_last w`, glyphs placed one by one (as EDGAR renderers do)
- two_column.pdf            one page in two columns, left column drawn first
- scanned.pdf               one page with only an image: no text layer
- blank_page.pdf            3 pages: text, a blank page (no fonts, no images), a page with only an
                            image: only the third is "scanned"
- bad_page.pdf              3 pages, the second without a /MediaBox (pdf-extract panics on it)
- truncated.pdf             multipage.pdf cut short
- encrypted.pdf             multipage.pdf, AES-128, user password "secret" (needs qpdf)
- encrypted_owner_only.pdf  multipage.pdf, empty user password, owner password set (needs qpdf)
"""
import os
import shutil
import subprocess
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PDF_DIR = os.path.join(ROOT, "fixtures", "pdf")
TEXT_DIR = os.path.join(ROOT, "fixtures", "text")


class Pdf:
    def __init__(self):
        self.objects = []

    def add(self, body):
        self.objects.append(body if isinstance(body, bytes) else body.encode("latin-1"))
        return len(self.objects)

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, num, body):
        self.objects[num - 1] = body if isinstance(body, bytes) else body.encode("latin-1")

    def stream(self, data, extra="", compress=True):
        if isinstance(data, str):
            data = data.encode("latin-1")
        if compress:
            data = zlib.compress(data)
            extra += " /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream")

    def write(self, path, root):
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self.objects) + 1, root, xref)
        with open(path, "wb") as f:
            f.write(out)
        return bytes(out)


def pdf_string(s):
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def helvetica_pages(pages, path, broken=()):
    """pages: list of list of (x, y, size, text) drawn with Helvetica. Pages whose 1-based number
    is in `broken` get no /MediaBox (pdf-extract panics on them)."""
    pdf = Pdf()
    font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = pdf.reserve()
    kids = []
    for runs in pages:
        content = "".join(
            "BT /F1 %g Tf %g %g Td %s Tj ET\n" % (size, x, y, pdf_string(text)) for x, y, size, text in runs)
        c = pdf.stream(content)
        box = "" if len(kids) + 1 in broken else "/MediaBox [0 0 612 792] "
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R %s"
                            "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, box, font, c)))
    pdf.set(pages_id, "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids)))
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return pdf.write(path, root)


def paragraph(lines, x=72, top=700, size=11, lead=14):
    return [(x, top - i * lead, size, line) for i, line in enumerate(lines)]


def multipage():
    header = (72, 760, 9, "Acme AI, Inc. - Prospectus")
    bodies = [
        ["As filed with the Securities and Exchange Commission on March 3, 2026",
         "UNITED STATES SECURITIES AND EXCHANGE COMMISSION",
         "FORM S-1",
         "REGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933",
         "Acme AI, Inc.",
         "(Exact name of registrant as specified in its charter)"],
        ["PROSPECTUS SUMMARY",
         "We build inference infrastructure for large language models.",
         "Our customers pay per token consumed through our API."],
        ["BUSINESS",
         "In the quarter ended December 31, 2025, our platform processed over",
         "1.2 trillion tokens per month, up from 400 billion a year earlier."],
        ["RISK FACTORS",
         "Our revenue depends on usage-based pricing, which may fluctuate."],
        ["UNDERWRITING",
         "The underwriters named below have agreed to purchase the shares."],
    ]
    pages = []
    for i, body in enumerate(bodies, start=1):
        runs = [header] + paragraph(body) + [(300, 40, 9, str(i))]
        pages.append(runs)
    return helvetica_pages(pages, os.path.join(PDF_DIR, "multipage.pdf"))


def bad_page():
    pages = [paragraph(["Page one is fine."]), paragraph(["Page two has no media box."]),
             paragraph(["Page three is fine too."])]
    helvetica_pages(pages, os.path.join(PDF_DIR, "bad_page.pdf"), broken=(2,))


def two_column():
    left = ["LEFT COLUMN begins here and", "talks about token volume", "on the left side only."]
    right = ["RIGHT COLUMN starts after", "the left one is finished", "when read in order."]
    runs = paragraph(left, x=72) + paragraph(right, x=330)
    helvetica_pages([runs], os.path.join(PDF_DIR, "two_column.pdf"))


def scanned():
    pdf = Pdf()
    pages_id = pdf.reserve()
    pixels = bytes([0x80] * (8 * 8))
    img = pdf.stream(pixels, " /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8")
    c = pdf.stream("q 500 0 0 700 56 46 cm /Im1 Do Q\n")
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 %d 0 R >> >> "
                   "/Contents %d 0 R >>" % (pages_id, img, c))
    pdf.set(pages_id, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    pdf.write(os.path.join(PDF_DIR, "scanned.pdf"), root)


def blank_page():
    pdf = Pdf()
    pages_id = pdf.reserve()
    font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    text = pdf.stream("BT /F1 11 Tf 72 700 Td (Page one has text.) Tj ET\n")
    blank = pdf.stream("")
    pixels = bytes([0x80] * (8 * 8))
    img = pdf.stream(pixels, " /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8")
    scan = pdf.stream("q 500 0 0 700 56 46 cm /Im1 Do Q\n")
    kids = [
        pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                "/Contents %d 0 R >>" % (pages_id, font, text)),
        pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents %d 0 R >>"
                % (pages_id, blank)),
        pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 %d 0 R >> >> "
                "/Contents %d 0 R >>" % (pages_id, img, scan)),
    ]
    pdf.set(pages_id, "<< /Type /Pages /Kids [%s] /Count 3 >>" % " ".join("%d 0 R" % k for k in kids))
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    pdf.write(os.path.join(PDF_DIR, "blank_page.pdf"), root)


# A composite font: CIDs 1.. are the characters of CHARSET, mapped to Unicode by a ToUnicode
# CMap. Widths in thousandths of the font size.
CHARSET = "0123456789 ,.$-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\ufb01\ufb03\ufb02\ufb00"


def width_of(ch):
    if ch.isdigit():
        return 556
    if ch in " ,.":
        return 278
    if ch in "\ufb01\ufb02":
        return 556
    if ch in "\ufb03\ufb00":
        return 833
    if ch.isupper():
        return 667
    if ch in "ijl":
        return 222
    return 500


def cid_font_pdf(path, lines, range_form):
    """lines: list of (y, text, one_by_one). one_by_one places each glyph with its own Td."""
    pdf = Pdf()
    cids = {ch: i + 1 for i, ch in enumerate(CHARSET)}
    cmap_lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                  "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                  "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
                  "%d beginbfchar" % len(CHARSET)]
    for ch, cid in cids.items():
        cmap_lines.append("<%04X> <%s>" % (cid, ch.encode("utf-16-be").hex().upper()))
    cmap_lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    tounicode = pdf.stream("\n".join(cmap_lines))
    # Digits 1..10 share one width: written as a range `1 10 556` when range_form. /DW 0 as in
    # the EDGAR-rendered PDFs, so a misread range leaves glyphs with zero width.
    if range_form:
        w = "1 10 556 11 [%s]" % " ".join(str(width_of(ch)) for ch in CHARSET[10:])
    else:
        w = "1 [%s]" % " ".join(str(width_of(ch)) for ch in CHARSET)
    desc = pdf.add("<< /Type /FontDescriptor /FontName /AcmeSans /Flags 32 /FontBBox [0 -200 1000 900] "
                   "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cidfont = pdf.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AcmeSans "
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                      "/FontDescriptor %d 0 R /DW 0 /W [%s] /CIDToGIDMap /Identity >>" % (desc, w))
    font = pdf.add("<< /Type /Font /Subtype /Type0 /BaseFont /AcmeSans /Encoding /Identity-H "
                   "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode))
    pages_id = pdf.reserve()
    size = 11
    ops = []
    for y, text, one_by_one in lines:
        if one_by_one:
            ops.append("BT /F1 %d Tf 72 %g Td" % (size, y))
            for ch in text:
                ops.append("<%04X> Tj %g 0 Td" % (cids[ch], width_of(ch) * size / 1000))
            ops.append("ET")
        else:
            hexs = "".join("%04X" % cids[ch] for ch in text)
            ops.append("BT /F1 %d Tf 72 %g Td <%s> Tj ET" % (size, y, hexs))
    c = pdf.stream("\n".join(ops) + "\n")
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                   "/Contents %d 0 R >>" % (pages_id, font, c))
    pdf.set(pages_id, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    root = pdf.add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    pdf.write(os.path.join(PDF_DIR, path), root)


def main():
    os.makedirs(PDF_DIR, exist_ok=True)
    os.makedirs(TEXT_DIR, exist_ok=True)
    data = multipage()
    with open(os.path.join(PDF_DIR, "truncated.pdf"), "wb") as f:
        f.write(data[: len(data) * 6 // 10])
    two_column()
    bad_page()
    scanned()
    blank_page()
    cid_font_pdf("cid_width_ranges.pdf", [
        (700, "As of September 30, 2023 we had $475,627 in cash.", True),
        (680, "Common Stock 1234567890", True),
    ], range_form=True)
    cid_font_pdf("ligatures_hyphenation.pdf", [
        (700, "The \ufb01nancial e\ufb03ciency of our \ufb02eet and sta\ufb00 improved as infra-", False),
        (686, "structure costs fell by 12.5 percent.", False),
    ], range_form=False)
    qpdf = shutil.which("qpdf")
    src = os.path.join(PDF_DIR, "multipage.pdf")
    if qpdf:
        subprocess.run([qpdf, "--encrypt", "secret", "owner-secret", "128", "--use-aes=y", "--",
                        src, os.path.join(PDF_DIR, "encrypted.pdf")], check=True)
        subprocess.run([qpdf, "--encrypt", "", "owner-only", "128", "--use-aes=y", "--",
                        src, os.path.join(PDF_DIR, "encrypted_owner_only.pdf")], check=True)
    else:
        print("qpdf not found: encrypted fixtures not regenerated")
    # Windows-1252 text, two pages split by a form feed.
    text = ("ACME AI, INC.\nFORM S-1\n\nThe \u201cCompany\u201d \u2013 caf\u00e9 owner \u2014 processes tokens.\n"
            "\fSecond page: usage-based pricing of \u20ac0.50 per million tokens.\n")
    with open(os.path.join(TEXT_DIR, "windows1252.txt"), "wb") as f:
        f.write(text.encode("cp1252"))


if __name__ == "__main__":
    main()
