#!/usr/bin/env python3
"""Writes corpus/'s deals as a programme publishes them: a saved WordPress-style site, one
page per deal with all of a real site's boilerplate, and for some deals the signed agreement
as a typeset PDF that the page links to (running header, page numbers, words hyphenated at
line ends), holding the deal's longer paragraphs instead of the page.

    make_site.py CORPUS_TXT OUT_DIR

writes OUT_DIR/agendastad.nl/citydeals/<slug>/index.html, OUT_DIR/agendastad.nl/index.html
(the site's home page, a list of deals) and OUT_DIR/agendastad.nl/wp-content/uploads/<slug>.pdf,
and prints one JSON line per PDF deal: {"id", "pdf", "pages", "paragraphs": [[page, text]...]}
so that a test knows which text went where. The words are the corpus's own: indexing the
site must give what indexing corpus/ gives.
"""
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

from reportlab.lib.pagesizes import A5 as PAGE
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

FOOTER_MINISTRY = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"


def read_deals(corpus):
    """[(title, status, [paragraph])] as indexer/citydeal_page.cc splits the page."""
    lines = corpus.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip().lower().startswith("status citydeal:")]
    deals = []
    for k, status_at in enumerate(starts):
        title_at = max(i for i in range(status_at) if lines[i].strip())
        end = len(lines)
        if k + 1 < len(starts):
            end = max(i for i in range(starts[k + 1]) if lines[i].strip())
        body = "\n".join(lines[status_at + 1:end])
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        status = lines[status_at].split(":", 1)[1].strip()
        deals.append((lines[title_at].strip(), status, paragraphs))
    return deals


def slug(title):
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def page_html(title, status, paragraphs, all_titles, pdf_link):
    other = "".join(
        f'<li><a href="../{slug(t)}/">{html.escape(t)}</a></li>' for t in all_titles if t != title)
    menu = "".join(f'<li><a href="/citydeals/{slug(t)}/">{html.escape(t)}</a></li>' for t in all_titles)
    body = "".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>\n" for p in paragraphs)
    pdf = ""
    if pdf_link:
        pdf = (f'<p>De volledige tekst staat in de <a href="{pdf_link}">Staatscourant-tekst</a>.</p>\n'
               if False else f'<p><a href="{pdf_link}">Staatscourant-tekst</a></p>\n')
    return f"""<!DOCTYPE html>
<html lang="nl-NL">
<head>
<meta charset="UTF-8">
<title>{html.escape(title)} | Agenda Stad</title>
<link rel="canonical" href="https://agendastad.nl/citydeals/{slug(title)}/">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Agenda Stad">
<style>.cookie-notice{{position:fixed}} body{{font-family:sans-serif}}</style>
<script>window.dataLayer = [{{"pagina": "citydeal", "zoekwoord": "trackingpixel"}}];</script>
</head>
<body class="page-template-default">
<a class="skip-link screen-reader-text" href="#content">Naar de inhoud springen</a>
<div id="cookie-notice" class="cookie-notice" role="dialog">
  <p>Wij gebruiken cookies om onze website te verbeteren. Lees ons cookiebeleid.</p>
  <button>Accepteren</button>
</div>
<header id="masthead" class="site-header">
  <a class="logo" href="/">Agenda Stad</a>
  <nav class="main-navigation" aria-label="Hoofdmenu"><ul>
    <li><a href="/">Home</a></li><li><a href="/citydeals/">City Deals</a><ul class="sub-menu">{menu}</ul></li>
    <li><a href="/nieuws/">Nieuwsoverzicht</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<nav class="breadcrumbs" aria-label="Kruimelpad"><a href="/">Home</a> › <a href="/citydeals/">City Deals</a> › {html.escape(title)}</nav>
<div id="primary" class="content-area">
<article id="post-1" class="post type-page">
<header class="entry-header"><h1 class="entry-title">{html.escape(title)}</h1></header>
<div class="entry-content">
<p><strong>Status citydeal:</strong> {html.escape(status)}</p>
{body}{pdf}<div class="sharedaddy"><h3>Delen:</h3><a href="#">Twitter</a> <a href="#">LinkedIn</a></div>
</div>
</article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
<h3>Reageer</h3><form><p>Uw e-mailadres wordt niet gepubliceerd.</p><textarea name="comment"></textarea></form>
</div></div>
</div>
<aside id="secondary" class="widget-area sidebar"><section class="widget"><h2>Andere City Deals</h2><ul>{other}</ul></section></aside>
</div>
<footer id="colophon" class="site-footer">
<p>Agenda Stad is een programma van het {FOOTER_MINISTRY}.</p>
<p>Volg ons op Twitter en LinkedIn. Nieuwsbrief: meld u aan voor de kwartaalbrief.</p>
</footer>
</body>
</html>
"""


def home_html(titles):
    items = "".join(f'<li><a href="citydeals/{slug(t)}/">{html.escape(t)}</a></li>' for t in titles)
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Agenda Stad</title></head>
<body><main><h1>City Deals</h1><ul>{items}</ul></main></body></html>
"""


class Typesetter:
    """Lines on A5 pages (small, so that a deal's text takes several) with a running header and a page number, words hyphenated at line
    ends where a lower-case word of ten letters or more does not fit."""

    FONT, SIZE, LEADING = "Helvetica", 11, 14

    def __init__(self, path, title, pdf_title):
        self.canvas = canvas.Canvas(str(path), pagesize=PAGE)
        self.canvas.setTitle(pdf_title)
        self.width = PAGE[0] - 30 * mm
        self.page = 0
        self.placed = []  # (page, paragraph text)
        self.new_page()
        self.canvas.setFont("Helvetica-Bold", 16)
        self.canvas.drawString(15 * mm, self.y, title)
        self.y -= 30

    def new_page(self):
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont(self.FONT, 8)
        self.canvas.drawString(15 * mm, PAGE[1] - 12 * mm, "Staatscourant 2023 nr. 28731")
        self.canvas.drawCentredString(PAGE[0] / 2, 12 * mm, str(self.page))
        self.y = PAGE[1] - 25 * mm

    def line(self, text):
        if self.y < 22 * mm:
            self.new_page()
        self.canvas.setFont(self.FONT, self.SIZE)
        self.canvas.drawString(15 * mm, self.y, text)
        self.y -= self.LEADING

    def fits(self, text):
        return stringWidth(text, self.FONT, self.SIZE) <= self.width

    def hyphenated(self, line, word):
        """The longest head of `word` that fits after `line` with a hyphen, or None."""
        if len(word) < 10 or not re.fullmatch(r"[a-z]+", word):
            return None
        for cut in range(len(word) - 4, 4, -1):
            head, tail = word[:cut], word[cut:]
            clash = head[-1] in "aeiou" and tail[0] in "aeiouj"
            if not clash and self.fits((line + " " if line else "") + head + "-"):
                return head, tail
        return None

    def paragraph(self, text):
        if self.y < 30 * mm:
            self.new_page()
        self.placed.append((self.page, text))
        line = ""
        for word in text.split():
            candidate = (line + " " if line else "") + word
            if self.fits(candidate):
                line = candidate
                continue
            split = self.hyphenated(line, word)
            if split:
                self.line((line + " " if line else "") + split[0] + "-")
                line = split[1]
            else:
                self.line(line)
                line = word
        if line:
            self.line(line)
        self.y -= self.LEADING  # a blank line between paragraphs

    def save(self):
        self.canvas.save()
        return self.page


def main():
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    deals = read_deals(corpus.read_text(encoding="utf-8"))
    titles = [title for title, _, _ in deals]
    site = out / "agendastad.nl"
    (site / "wp-content" / "uploads").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(home_html(titles), encoding="utf-8")
    for number, (title, status, paragraphs) in enumerate(deals):
        page_dir = site / "citydeals" / slug(title)
        page_dir.mkdir(parents=True, exist_ok=True)
        # Every other deal keeps only its short paragraphs on the page; its long ones, the
        # agreement's prose, are in the PDF.
        long_ones = [p for p in paragraphs if len(p) > 400 and "\n" not in p]
        pdf_link = None
        on_page = paragraphs
        if number % 2 == 0 and long_ones:
            pdf_name = slug(title) + ".pdf"
            pdf_link = "../../wp-content/uploads/" + pdf_name
            on_page = [p for p in paragraphs if p not in long_ones]
            pdf_title = "Microsoft Word - " + slug(title) + ".docx" if number % 4 == 0 else title
            setter = Typesetter(site / "wp-content" / "uploads" / pdf_name, title, pdf_title)
            for paragraph in long_ones:
                setter.paragraph(paragraph)
            pages = setter.save()
            print(json.dumps({"id": slug(title), "pdf": pdf_name, "pages": pages,
                              "paragraphs": setter.placed}, ensure_ascii=False))
        (page_dir / "index.html").write_text(page_html(title, status, on_page, titles, pdf_link),
                                              encoding="utf-8")


if __name__ == "__main__":
    main()
