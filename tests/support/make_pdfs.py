#!/usr/bin/env python3
"""The PDF fixtures of the indexer's tests, drawn with ReportLab (Debian: python3-reportlab).

Usage: make_pdfs.py OUTDIR

Every line is drawn where we say, so the tests know exactly where a line ends:
  agreement.pdf       a 4-page Staatscourant-style agreement: running header, a footer with
                      the page number, headings in larger fonts, justified paragraphs, words
                      hyphenated at line ends, a sentence running on from page 2 to page 3,
                      a word ("warmtescan") only on page 3; its metadata names the title
  note.pdf            one page whose metadata title is a word processor's ("Microsoft Word -
                      notitie.docx"), with a bare page number "1" at the bottom
  encrypted.pdf       needs the user password "geheim"
  scanned.pdf         a drawn page (rectangles, lines) without any text, like a scan
  truncated.pdf       agreement.pdf cut in half
  cpu_bomb.pdf        tiny, but nested forms run 10**11 operators that draw nothing: CPU time
                      without end, and no memory
  memory_bomb.pdf     tiny, but nested forms put 10**9 words on the page: the text extraction
                      keeps every one in memory until it runs out
"""

import os
import sys
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 72
COLUMN = 460  # the text column's width in points
BODY = ("Helvetica", 11)
LEADING = 14  # baseline to baseline within a paragraph
PARAGRAPH_GAP = 9  # extra space between paragraphs


class Writer:
    """Draws lines top-down on the current page, justified like a typeset agreement."""

    def __init__(self, path, title):
        self.canvas = canvas.Canvas(path, pagesize=A4)
        if title is not None:
            self.canvas.setTitle(title)
        self.canvas.setCreator("Microsoft Word")
        self.canvas.setProducer("make_pdfs.py (ReportLab)")
        self.page = 1
        self.y = PAGE_HEIGHT - 100

    def running_header_and_footer(self):
        self.canvas.setFont("Helvetica", 8)
        self.canvas.drawString(LEFT, PAGE_HEIGHT - 40, "Staatscourant 2016 nr. 12345")
        self.canvas.drawString(LEFT, 40, "City Deal Energiearmoede | %d" % self.page)

    def heading(self, text, size=14):
        self.y -= PARAGRAPH_GAP
        self.canvas.setFont("Helvetica-Bold", size)
        self.canvas.drawString(LEFT, self.y, text)
        self.y -= size * 1.3

    def paragraph(self, lines, gap=True):
        """`lines` as they break; all but the last are justified to the column."""
        if gap:
            self.y -= PARAGRAPH_GAP
        for i, line in enumerate(lines):
            width = stringWidth(line, *BODY)
            assert width <= COLUMN, "line too long for the column: %r" % line
            text = self.canvas.beginText(LEFT, self.y)
            text.setFont(*BODY)
            # Word spacing is graphics state: it stays until it is set again.
            spaces = line.count(" ")
            justify = i + 1 < len(lines) and spaces > 0
            text.setWordSpace((COLUMN - width) / spaces if justify else 0)
            text.textLine(line)
            self.canvas.drawText(text)
            self.y -= LEADING

    def next_page(self):
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_HEIGHT - 100

    def save(self):
        self.canvas.save()


def write_agreement(path, title):
    w = Writer(path, title)
    w.running_header_and_footer()
    w.heading("City Deal Energiearmoede", size=18)
    w.heading("Partijen")
    w.paragraph([
        "De Minister van Binnenlandse Zaken en Koninkrijksrelaties, de gemeenten Amsterdam,",
        "Rotterdam en Utrecht, en de provincie Noord-Holland, hierna gezamenlijk te noemen:",
        "partijen.",
    ])
    w.heading("Overwegende dat")
    w.paragraph([
        "steeds meer huishoudens hun rekening voor gas en licht niet kunnen betalen; dat energie-",
        "armoede vaak samengaat met slecht geïsoleerde woningen, een laag inkomen en hoge",
        "schulden, en dat partijen hierin samen willen optrekken.",
    ])
    # No gap: the short line above that ends a sentence is what ends that paragraph.
    w.paragraph(["Partijen komen het volgende overeen."], gap=False)

    w.next_page()
    w.running_header_and_footer()
    w.heading("Artikel 1 Samenwerking")
    w.paragraph([
        "Partijen bundelen hun kennis over energiearmoede en beginnen in de provincie Noord-",
        "Holland en Zuid-Holland met pilots, gericht op de woningen met de hoogste energie-",
        "en klimaatlasten en op de huishoudens die het minst te besteden hebben. Zoals de zee-",
        "egel zich met zijn stekels beschermt, zo beschermen partijen de kwetsbare huishoudens",
        "tegen de gevolgen van een te hoge energierekening. Zij verminderen daarmee ook",
        "de uitstoot van broeikasgassen, en in het bijzonder verminderen zij zo de CO2-",
        "uitstoot van de woningen die zij verbeteren.",
    ])
    w.paragraph(["De gemeenten zetten daartoe de volgende middelen in:"])
    w.paragraph(["\u2022 energiecoaches die huishoudens thuis bezoeken;"], gap=False)
    w.paragraph(["\u2022 kleine maatregelen zoals tochtstrips en radiatorfolie;"], gap=False)
    w.paragraph(["\u2022 een loket voor wie zijn rekening niet kan betalen."], gap=False)
    # The sentence runs on to page 3: one paragraph, on page 2.
    w.paragraph(["De resultaten van de pilots worden met alle gemeenten gedeeld die"])

    w.next_page()
    w.running_header_and_footer()
    w.paragraph(["willen aansluiten bij de City Deal."], gap=False)
    w.heading("Artikel 2 Warmtescan")
    w.paragraph([
        "Iedere deelnemende gemeente biedt haar inwoners een gratis warmtescan aan, waarmee",
        "zij zien waar hun woning warmte verliest.",
    ])

    w.next_page()
    w.running_header_and_footer()
    w.heading("Artikel 3 Looptijd")
    w.paragraph([
        "Deze City Deal treedt in werking op 1 juni 2016 en loopt tot en met 31 december 2020,",
        "tenzij partijen anders besluiten.",
    ])
    w.paragraph(["Aldus overeengekomen en ondertekend te Den Haag op 1 juni 2016."])
    w.save()


def write_note(path):
    w = Writer(path, "Microsoft Word - notitie.docx")
    w.heading("Notitie over de warmtescan", size=16)
    w.paragraph([
        "Deze notitie vat de eerste ervaringen met de warmtescan samen.",
    ])
    w.canvas.setFont("Helvetica", 9)
    w.canvas.drawCentredString(PAGE_WIDTH / 2, 30, "1")
    w.save()


def write_encrypted(path):
    c = canvas.Canvas(path, pagesize=A4, encrypt="geheim")
    c.setFont(*BODY)
    c.drawString(LEFT, 700, "Vertrouwelijke afspraken over energiearmoede.")
    c.save()


def write_scanned(path):
    c = canvas.Canvas(path, pagesize=A4)
    c.setFillGray(0.9)
    c.rect(40, 40, PAGE_WIDTH - 80, PAGE_HEIGHT - 80, fill=1)
    for y in range(100, 760, 14):
        c.line(72, y, 520, y)
    c.save()


def write_truncated(path, whole):
    with open(whole, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[: len(data) // 2])


def write_raw_pdf(path, objects):
    """A PDF of `objects` (bytes, numbered from 1), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def stream(dictionary, data):
    packed = zlib.compress(data, 9)
    return (b"<< " + dictionary + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed) +
            packed + b"\nendstream")


def write_form_bomb(path, leaf, levels, fan_out):
    """One page that draws form 1, which draws form 2 `fan_out` times, ... down to `levels`
    forms deep, where each of the deepest forms runs `leaf`: fan_out**(levels-1) leaves from
    a file of a few kilobytes. Poppler runs a form's operators each time it is drawn."""
    first_form = 6  # objects 1-5: catalog, pages, page, font, page content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
        b" /Resources << /Font << /F1 4 0 R >> /XObject << /X0 %d 0 R >> >> >>" % first_form,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(b"", b"/X0 Do\n"),
    ]
    for level in range(levels):
        number = first_form + level
        resources = b"/Font << /F1 4 0 R >>"
        if level + 1 < levels:
            resources += b" /XObject << /X0 %d 0 R >>" % (number + 1)
            content = b"/X0 Do\n" * fan_out
        else:
            content = leaf
        objects.append(
            stream(b"/Type /XObject /Subtype /Form /BBox [-100000 -100000 100000 100000]"
                   b" /Resources << " + resources + b" >>", content))
    write_raw_pdf(path, objects)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_pdfs.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    agreement = os.path.join(out, "agreement.pdf")
    write_agreement(agreement, "Convenant City Deal Energiearmoede")
    write_note(os.path.join(out, "note.pdf"))
    write_encrypted(os.path.join(out, "encrypted.pdf"))
    write_scanned(os.path.join(out, "scanned.pdf"))
    write_truncated(os.path.join(out, "truncated.pdf"), agreement)
    # 10**11 operators that save and restore the graphics state: nothing to keep, all to run.
    write_form_bomb(os.path.join(out, "cpu_bomb.pdf"), b"q Q " * 1000 + b"\n", 5, 100)
    # 10**9 words, 1000 places on the page drawn over and over: the extraction keeps them all.
    words = b"".join(b"1 0 0 1 %d %d Tm (w%d) Tj " % (50 + 10 * (i % 50), 50 + 7 * (i // 50), i)
                     for i in range(1000))
    write_form_bomb(os.path.join(out, "memory_bomb.pdf"), b"BT /F1 6 Tf " + words + b"ET\n", 4,
                    100)


if __name__ == "__main__":
    main()
