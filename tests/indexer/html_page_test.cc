// Reading deal pages in HTML: the main content without the site around it, titles, addresses,
// paragraphs and links, and pages that are no HTML at all.
#include "indexer/formats/html_page.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "indexer/input_files.h"

namespace dealsearch::indexer {

// For gtest's messages.
inline void PrintTo(const HtmlLink& link, std::ostream* out) {
  *out << "{\"" << link.href << "\", \"" << link.text << "\"}";
}

namespace {

using Paragraphs = std::vector<std::string>;

// A deal on a WordPress site, as the theme "Twenty Seventeen" and its plugins write it: a
// cookie notice, a header with the menu naming other deals, breadcrumbs, the article, sharing
// buttons, post navigation, a comment form, a sidebar of other deals, a footer naming the
// programme's ministry, scripts.
constexpr std::string_view kWordPressPage = R"html(<!DOCTYPE html>
<html lang="nl-NL">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Energiearmoede | Agenda Stad</title>
<link rel="canonical" href="https://agendastad.nl/citydeal/energiearmoede/">
<meta property="og:locale" content="nl_NL">
<meta property="og:title" content="Energiearmoede - Agenda Stad">
<meta property="og:url" content="https://agendastad.nl/citydeal/energiearmoede/?utm_source=x">
<meta property="og:site_name" content="Agenda Stad">
<link rel="stylesheet" id="agendastad-style-css" href="/wp-content/themes/agendastad/style.css">
<style>.cookie-notice{position:fixed;bottom:0} body{font-family:"RO Sans"}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
</head>
<body class="citydeal-template-default single single-citydeal postid-412 has-sidebar">
<a class="skip-link screen-reader-text" href="#content">Naar de inhoud springen</a>
<div id="cookie-notice" class="cookie-notice" role="dialog" aria-label="Cookiemelding">
  <p>Wij gebruiken cookies om deze website te verbeteren.</p>
  <a href="#" id="cn-accept-cookie" class="cn-set-cookie cn-button">Akkoord</a>
</div>
<div id="page" class="site">
<header id="masthead" class="site-header" role="banner">
  <div class="site-branding">
    <p class="site-title"><a href="https://agendastad.nl/" rel="home">Agenda Stad</a></p>
    <p class="site-description">Samen werken aan groei, leefbaarheid en innovatie</p>
  </div>
  <nav id="site-navigation" class="main-navigation" aria-label="Hoofdmenu">
    <button class="menu-toggle" aria-controls="primary-menu">Menu</button>
    <div class="menu-hoofdmenu-container"><ul id="primary-menu" class="menu">
      <li class="menu-item"><a href="/">Home</a></li>
      <li class="menu-item menu-item-has-children"><a href="/citydeals/">City Deals</a>
        <ul class="sub-menu">
          <li class="menu-item">
            <a href="/citydeal/fietsen-voor-iedereen/">Fietsen voor iedereen</a></li>
          <li class="menu-item"><a href="/citydeal/slim-maatwerk/">Slim Maatwerk</a></li>
        </ul></li>
    </ul></div>
  </nav>
</header>
<div id="content" class="site-content content-with-sidebar">
<div class="breadcrumbs" typeof="BreadcrumbList"><span><a href="/">Home</a></span> &gt;
  <span><a href="/citydeals/">City Deals</a></span> &gt; <span>Energiearmoede</span></div>
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-412" class="post-412 citydeal type-citydeal status-publish hentry">
  <header class="entry-header">
    <h1 class="entry-title">Energiearmoede</h1>
  </header>
  <div class="entry-content">
    <p>Steeds meer huishoudens hebben moeite hun energierekening te betalen. In deze City Deal
    werken gemeenten, corporaties en het Rijk samen tegen <em>energie&shy;armoede</em>.</p>
    <p><strong>Status citydeal:</strong> In uitvoering</p>
    <h2>Partners</h2>
    <ul>
      <li>Gemeente Zwolle</li>
      <li>Gemeente Groningen</li>
      <li>Ministerie van Economische Zaken en Klimaat</li>
    </ul>
    <p>Lees de <a href="../wp-content/uploads/2016/05/citydeal.pdf">Staatscourant-tekst</a>
    van de deal.</p>
    <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Delen:</h3>
      <ul><li><a href="https://twitter.com/share?url=x" class="share-twitter">Twitter</a></li></ul>
    </div>
  </div>
  <footer class="entry-footer">Geplaatst in <a href="/category/energie/">Energie</a></footer>
</article>
<nav class="navigation post-navigation" aria-label="Berichten">
  <h2 class="screen-reader-text">Berichtnavigatie</h2>
  <div class="nav-links"><a href="/citydeal/slim-maatwerk/">Vorige deal</a></div>
</nav>
<div id="comments" class="comments-area">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Geef een reactie</h3>
    <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
      <p class="comment-notes">Je e-mailadres wordt niet gepubliceerd.</p>
      <p class="comment-form-comment"><label for="comment">Reactie</label>
        <textarea id="comment" name="comment"></textarea></p>
      <p class="form-submit"><input type="submit" value="Reactie plaatsen"></p>
    </form>
  </div>
</div>
</main>
</div>
<aside id="secondary" class="widget-area">
  <section id="recent-posts-2" class="widget widget_recent_entries">
    <h2 class="widget-title">Andere City Deals</h2>
    <ul>
      <li><a href="/citydeal/fietsen-voor-iedereen/">Fietsen voor iedereen</a></li>
      <li><a href="/citydeal/impact-ondernemen/">Impact Ondernemen</a></li>
    </ul>
  </section>
</aside>
</div>
<footer id="colophon" class="site-footer">
  <div class="site-info">Een programma van het Ministerie van Binnenlandse Zaken en
  Koninkrijksrelaties</div>
</footer>
</div>
<script src="/wp-content/themes/agendastad/js/navigation.js"></script>
<script>document.querySelector('.cn-button').addEventListener('click', function () {});</script>
<noscript><img src="https://px.example/t.gif" alt="">Zet JavaScript aan</noscript>
</body>
</html>
)html";

const Paragraphs kWordPressParagraphs = {
    "Steeds meer huishoudens hebben moeite hun energierekening te betalen. In deze City Deal "
    "werken gemeenten, corporaties en het Rijk samen tegen energiearmoede.",
    "Status citydeal: In uitvoering",
    "Partners",
    "Gemeente Zwolle",
    "Gemeente Groningen",
    "Ministerie van Economische Zaken en Klimaat",
    "Lees de Staatscourant-tekst van de deal.",
};

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string result(text);
  const size_t at = result.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) {
    result.replace(at, from.size(), to);
  }
  return result;
}

std::string body(std::string_view content) {
  return "<!DOCTYPE html><html><head><title>Een deal</title></head><body>" + std::string(content) +
         "</body></html>";
}

TEST(HtmlPage, ReadsTheContentOfAWordPressDealPage) {
  const HtmlPage page = read_html_page(kWordPressPage);
  EXPECT_EQ(page.title, "Energiearmoede");
  EXPECT_EQ(page.url, "https://agendastad.nl/citydeal/energiearmoede/");
  EXPECT_EQ(page.paragraphs, kWordPressParagraphs);
  EXPECT_EQ(page.links, (std::vector<HtmlLink>{{"../wp-content/uploads/2016/05/citydeal.pdf",
                                                "Staatscourant-tekst"}}));
}

TEST(HtmlPage, LeavesOutTheSiteAroundTheContent) {
  // Every part of the site around the deal, by a word only it has.
  const char* const kBoilerplate[] = {
      "inhoud springen",   // skip link
      "cookies",           // cookie notice
      "Akkoord",           //
      "Agenda Stad",       // site title, in the header
      "Samen werken",      // site description
      "Menu",              // menu button
      "Home",              // menu, breadcrumbs
      "City Deals",        //
      "Fietsen",           // other deals: menu, sidebar
      "Slim Maatwerk",     // menu, post navigation
      "Impact",            // sidebar
      "Andere",            //
      "Delen",             // sharing buttons
      "Twitter",           //
      "Geplaatst",         // the article's footer
      "Berichtnavigatie",  // post navigation
      "Vorige",            //
      "reactie",           // comment form
      "e-mailadres",       //
      "Binnenlandse",      // the site's footer: the programme's ministry
      "dataLayer",         // scripts, styles, noscript
      "font-family",       //
      "querySelector",     //
      "JavaScript",        //
  };
  const HtmlPage page = read_html_page(kWordPressPage);
  ASSERT_FALSE(page.paragraphs.empty());
  for (const char* word : kBoilerplate) {
    SCOPED_TRACE(word);
    for (const std::string& paragraph : page.paragraphs) {
      EXPECT_EQ(paragraph.find(word), std::string::npos) << paragraph;
    }
    for (const HtmlLink& link : page.links) {
      EXPECT_EQ(link.text.find(word), std::string::npos) << link.text;
    }
  }
}

struct ContentCase {
  const char* name;
  std::string html;
  const char* title;
  Paragraphs paragraphs;
};

TEST(HtmlPage, FindsTheMainContent) {
  const ContentCase cases[] = {
      {"WordPress without <main>: the article",
       replaced(replaced(kWordPressPage, "<main id=\"main\" class=\"site-main\">",
                         "<div id=\"main\" class=\"site-main\">"),
                "</main>", "</div>"),
       "Energiearmoede", kWordPressParagraphs},
      {"<main> only",
       body("<div class=\"top\">Rijksoverheid</div><main><h1>Slim Maatwerk</h1>"
            "<p>Regels die passen.</p></main><div>Contact</div>"),
       "Slim Maatwerk",
       {"Regels die passen."}},
      {"[role=main]",
       body("<div>Rijksoverheid</div><div role=\"main\"><h1>Slim Maatwerk</h1><p>Tekst.</p>"
            "</div><div>Contact</div>"),
       "Slim Maatwerk",
       {"Tekst."}},
      {"an empty <main> is passed over",
       body("<main></main><article><h1>Impact Ondernemen</h1><p>Tekst.</p></article>"),
       "Impact Ondernemen",
       {"Tekst."}},
      {"no <main> nor <article>: the body, without its boilerplate",
       body("<div id=\"header\"><a href=\"/\">Agenda Stad</a></div>"
            "<ul class=\"menu\"><li><a href=\"/a\">Fietsen voor iedereen</a></li></ul>"
            "<div class=\"crumbs\">Home &gt; Deals</div>"
            "<h1>Ruimte voor Lopen</h1><p>Lopen is gezond.</p>Losse tekst"
            "<div class=\"cookie-bar\">Cookies?</div>Nog meer losse tekst"
            "<div id=\"sidebar\"><h3>Andere deals</h3></div>"
            "<div class=\"footer\">Ministerie van BZK</div>"),
       "Ruimte voor Lopen",
       {"Lopen is gezond.", "Losse tekst", "Nog meer losse tekst"}},
      {"of several articles, the one with the <h1>",
       body("<article class=\"teaser\"><h2>Fietsen voor iedereen</h2><p>Een lange samenvatting "
            "van een andere deal, langer dan de deal zelf.</p></article>"
            "<article><h1>Impact Ondernemen</h1><p>Kort.</p></article>"),
       "Impact Ondernemen",
       {"Kort."}},
      {"of several articles without <h1>, the longest",
       body("<article><h2>Kort</h2></article><article><h2>Lang</h2><p>Meer tekst.</p></article>"),
       "Een deal",
       {"Lang", "Meer tekst."}},
      {"an element named for the content",
       body("<div class=\"top-menu\">Menu</div><div class=\"wrapper\"><div id=\"content\">"
            "<h1>Lokale Weerbaarheid Cybercrime</h1><p>Tekst.</p></div>"
            "<div class=\"promo\">Abonneer</div></div>"),
       "Lokale Weerbaarheid Cybercrime",
       {"Tekst."}},
      {"a content-named element without <h1>: the longest",
       body("<div class=\"entry-content\"><p>De tekst van de deal.</p></div>"
            "<div class=\"page-content\"><p>Kort.</p></div>"),
       "Een deal",
       {"De tekst van de deal."}},
      {"a layout wrapper named for its sidebar holds the content",
       body("<div class=\"content-with-sidebar\"><div class=\"has-sidebar\"><h1>Eenvoudig "
            "Maatwerk</h1><p>Tekst.</p><div class=\"sidebar\">Andere deals</div></div></div>"),
       "Eenvoudig Maatwerk",
       {"Tekst."}},
      {"an element marked as boilerplate that holds the <h1> of the <title> stays",
       "<title>Eenvoudig Maatwerk | Agenda Stad</title><body><div class=\"sidebar-layout\">"
       "<h1>Eenvoudig Maatwerk</h1><p>Tekst.</p></div>"
       "<div class=\"sidebar\"><p>Andere deals</p></div>",
       "Eenvoudig Maatwerk",
       {"Tekst."}},
      {"but not one of any <h1>",
       body("<div class=\"cookie-notice\"><h1>Cookies</h1><p>Wij gebruiken cookies.</p></div>"
            "<p>Tekst.</p>"),
       "Een deal",
       {"Tekst."}},
      {"an ASP.NET page is one <form>",
       body("<form id=\"aspnetForm\" method=\"post\"><div class=\"menu\">Home</div>"
            "<h1>Circulair Bouwen</h1><p>Tekst.</p><input type=\"hidden\" value=\"x\"></form>"),
       "Circulair Bouwen",
       {"Tekst."}},
      {"the site's header goes, a section's header stays",
       body("<header><a href=\"/\">Agenda Stad</a><p>Samen werken</p></header><main>"
            "<h1>Deal</h1><section><header><h2>Doelen</h2></header><p>Tekst.</p></section></main>"),
       "Deal",
       {"Doelen", "Tekst."}},
      {"a <header> holding the <h1> stays, even the site's",
       body("<header class=\"page-header\"><h1>Fietsen voor iedereen</h1><p>Sinds 2016</p>"
            "</header><p>Tekst.</p>"),
       "Fietsen voor iedereen",
       {"Sinds 2016", "Tekst."}},
      {"a site title <h1> in the header gives way to the article's",
       body("<header id=\"masthead\"><hgroup><h1>Agenda Stad</h1></hgroup></header>"
            "<div id=\"main\"><article><h1>Fietsen voor iedereen</h1><p>Tekst.</p></article>"
            "</div>"),
       "Fietsen voor iedereen",
       {"Tekst."}},
      {"names: other deals go, other partners stay",
       body("<main><div class=\"andere-deals\"><p>Fietsen voor iedereen</p></div>"
            "<div class=\"overige-partners\"><p>Kadaster</p></div>"
            "<a class=\"skip-to-content\" href=\"#c\">Naar de inhoud</a>"
            "<div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><p>Gerelateerd</p></div>"
            "<div class=\"widget_text\"><p>Widget</p></div>"
            "<ol class=\"breadcrumb\"><li>Home</li></ol>"
            "<div class=\"cmplz-cookiebanner\"><p>Toestemming</p></div>"
            "<nav aria-label=\"Kruimelpad\"><p>Home</p></nav>"
            "<div aria-label=\"Berichtnavigatie\"><p>Vorige</p></div>"
            "<div class=\"no-sidebar\"><p>Tekst.</p></div></main>"),
       "Een deal",
       {"Kadaster", "Tekst."}},
      {"hidden elements",
       body("<main><p hidden>Verborgen</p><p style=\"display: none\">Ook verborgen</p>"
            "<p>Zichtbaar <span aria-hidden=\"true\">\xC2\xBB</span><span "
            "class=\"screen-reader-text\">voor schermlezers</span></p>"
            "<template><p>Sjabloon</p></template><dialog>Melding</dialog></main>"),
       "Een deal",
       {"Zichtbaar"}},
  };
  for (const ContentCase& c : cases) {
    SCOPED_TRACE(c.name);
    const HtmlPage page = read_html_page(c.html);
    EXPECT_EQ(page.title, c.title);
    EXPECT_EQ(page.paragraphs, c.paragraphs);
  }
}

TEST(HtmlPage, TakesTheTitleFromTheH1ThenOgTitleThenTitle) {
  const std::pair<std::string, const char*> cases[] = {
      {"<head><title>Titel | Site</title><meta property=\"og:title\" content=\"Og\"></head>"
       "<body><h1>Kop</h1><p>Tekst.</p></body>",
       "Kop"},
      {"<head><meta property=\"og:title\" content=\" Circulair en\n Conceptueel Bouwen \">"
       "<title>Iets anders | Agenda Stad</title></head><body><p>Tekst.</p></body>",
       "Circulair en Conceptueel Bouwen"},
      {"<head><meta property=\"og:title\" content=\"Energiearmoede - Agenda Stad\">"
       "<meta property=\"og:site_name\" content=\"Agenda Stad\"></head><body></body>",
       "Energiearmoede"},
      {"<head><meta property=\"og:title\" content=\"Zorg - en welzijn\"></head><body></body>",
       "Zorg - en welzijn"},
      {"<head><title>Energiearmoede | Agenda Stad</title></head><body><p>Tekst.</p></body>",
       "Energiearmoede"},
      {"<head><title>Energiearmoede - Agenda Stad</title></head>", "Energiearmoede"},
      {"<head><title>Energiearmoede \xE2\x80\x93 Agenda Stad</title></head>", "Energiearmoede"},
      {"<head><title>Energiearmoede \xE2\x80\x94 Agenda Stad</title></head>", "Energiearmoede"},
      {"<head><title>Energiearmoede | City Deals | Agenda Stad</title></head>",
       "Energiearmoede | City Deals"},
      {"<head><title>Agenda Stad | Energiearmoede</title>"
       "<meta property=\"og:site_name\" content=\"Agenda Stad\"></head>",
       "Energiearmoede"},
      {"<head><title>\n  Slim\n  Maatwerk | Agenda Stad\n</title></head>", "Slim Maatwerk"},
      {"<head><title>Energiearmoede</title></head>", "Energiearmoede"},
      {"<body><h1><img src=\"logo.png\" alt=\"Logo\"></h1><p>Tekst.</p></body>", ""},
      {"<body><h1>Slim<br>Maatwerk<span class=\"screen-reader-text\">, een deal</span>"
       "<span aria-hidden=\"true\">\xC2\xBB</span></h1></body>",
       "Slim Maatwerk"},
      {"<body><svg><title>Icoon</title></svg><p>Tekst.</p></body>", ""},
      {"<body><p>Tekst.</p></body>", ""},
  };
  for (const auto& [html, title] : cases) {
    SCOPED_TRACE(html);
    EXPECT_EQ(read_html_page(html).title, title);
  }
}

TEST(HtmlPage, AMainWithoutTheH1HasItsOwnTitle) {
  const std::pair<std::string, const char*> cases[] = {
      {body("<div class=\"hero\"><h1>Fietsen voor iedereen</h1></div><main><h1>Doelen</h1>"
            "<p>Tekst.</p></main>"),
       "Doelen"},
      {"<meta property=\"og:title\" content=\"Fietsen voor iedereen\">"
       "<div class=\"hero\"><h1>Fietsen voor iedereen</h1></div><main><p>Tekst.</p></main>",
       "Fietsen voor iedereen"},
  };
  for (const auto& [html, title] : cases) {
    SCOPED_TRACE(html);
    const HtmlPage page = read_html_page(html);
    EXPECT_EQ(page.title, title);
    EXPECT_EQ(page.paragraphs, Paragraphs{"Tekst."});
  }
}

TEST(HtmlPage, TheH1ThatIsTheTitleIsNoParagraph) {
  const HtmlPage page = read_html_page(
      body("<main><h1>Deal</h1><p>Tekst.</p><h1>Tweede kop</h1><p>Meer.</p></main>"));
  EXPECT_EQ(page.title, "Deal");
  EXPECT_EQ(page.paragraphs, (Paragraphs{"Tekst.", "Tweede kop", "Meer."}));
}

TEST(HtmlPage, TakesTheUrlFromTheCanonicalLinkThenOgUrl) {
  const std::pair<const char*, const char*> cases[] = {
      {"<link rel=\"canonical\" href=\"https://agendastad.nl/deal/\">"
       "<meta property=\"og:url\" content=\"https://agendastad.nl/deal/?x=1\">",
       "https://agendastad.nl/deal/"},
      {"<meta property=\"og:url\" content=\"https://agendastad.nl/deal/?x=1\">",
       "https://agendastad.nl/deal/?x=1"},
      {"<link rel=\"Canonical\" href=\" https://agendastad.nl/?p=412&amp;lang=nl \">",
       "https://agendastad.nl/?p=412&lang=nl"},
      {"<link rel=\"canonical\" href=\"\"><meta property=\"og:url\" content=\"https://a.nl/\">",
       "https://a.nl/"},
      {"<link rel=\"stylesheet\" href=\"style.css\">", ""},
      {"", ""},
  };
  for (const auto& [head, url] : cases) {
    SCOPED_TRACE(head);
    EXPECT_EQ(read_html_page(std::string("<html><head>") + head + "</head><body></body>").url, url);
  }
}

TEST(HtmlPage, SplitsTheTextIntoParagraphs) {
  const std::pair<const char*, Paragraphs> cases[] = {
      // Entities, to UTF-8; a no-break space is a space.
      {"<p>Zorg &amp; Welzijn: caf&eacute;&nbsp;Utrecht, 2016&#8211;2020, &euro;&#x20AC; &lt;5&gt;"
       "</p>",
       {"Zorg & Welzijn: caf\xC3\xA9 Utrecht, 2016\xE2\x80\x93"
        "2020, \xE2\x82\xAC\xE2\x82\xAC <5>"}},
      // Inline elements add no space that is not there; white space collapses.
      {"<p><strong>Status citydeal:</strong> In uitvoering</p>",
       {"Status citydeal: In uitvoering"}},
      {"<p>ener<span>gie</span> en <em>klimaat</em>, <a href=\"#\">hier</a>.</p>",
       {"energie en klimaat, hier."}},
      {"<p>\n   Veel\t\t  ruimte \r\n  </p>", {"Veel ruimte"}},
      // <br>: a line in the paragraph; two in a row end it.
      {"<p>Gemeente Zwolle<br>Postbus 10007<br />8000 GA Zwolle</p>",
       {"Gemeente Zwolle\nPostbus 10007\n8000 GA Zwolle"}},
      {"<p>Eerste alinea<br>\n<br>Tweede alinea</p>", {"Eerste alinea", "Tweede alinea"}},
      {"<p><br>Tekst<br></p><p>&nbsp;</p><p>\xC2\xBB</p>", {"Tekst"}},
      // Loose text between blocks, and blocks inside inline elements.
      {"Voor<div>Midden</div>Na", {"Voor", "Midden", "Na"}},
      {"<span>Een <div>blok</div> in tekst</span>", {"Een", "blok", "in tekst"}},
      // Lists, nested.
      {"<ul><li>Partners<ul><li>Gemeente Zwolle</li><li>Gemeente Deventer</li></ul></li>"
       "<li>Kennisinstellingen</li></ul><ol><li>Eén</li></ol>",
       {"Partners", "Gemeente Zwolle", "Gemeente Deventer", "Kennisinstellingen", "Eén"}},
      // A table: a row is a paragraph, cells holding blocks give theirs.
      {"<table><caption>Partners</caption><thead><tr><th>Partner</th><th>Rol</th></tr></thead>"
       "<tbody><tr><td>Gemeente Zwolle</td><td> penvoerder </td></tr>"
       "<tr><td>Gemeente Deventer</td><td></td></tr>"
       "<tr><td><p>Rijk</p><p>BZK</p></td><td>deelnemer</td></tr></tbody></table>",
       {"Partners", "Partner | Rol", "Gemeente Zwolle | penvoerder", "Gemeente Deventer", "Rijk",
        "BZK", "deelnemer"}},
      // Headings, definitions, quotes, <pre>.
      {"<h2>Doelen</h2><h3>Op  korte termijn</h3><dl><dt>Looptijd</dt><dd>2016 - 2020</dd></dl>"
       "<blockquote>Een <q>citaat</q></blockquote><pre>regel 1\n  regel 2\n</pre>",
       {"Doelen", "Op korte termijn", "Looptijd", "2016 - 2020", "Een citaat", "regel 1\nregel 2"}},
      // Soft hyphens and zero-width spaces are not there; other spaces are spaces.
      {"<p>kli\xC2\xADmaat\xE2\x80\x8B"
       "akkoord\xE2\x80\x83nu</p>",
       {"klimaatakkoord nu"}},
  };
  for (const auto& [content, paragraphs] : cases) {
    SCOPED_TRACE(content);
    EXPECT_EQ(read_html_page(body(std::string("<main>") + content + "</main>")).paragraphs,
              paragraphs);
  }
}

TEST(HtmlPage, ListsTheContentsLinks) {
  const HtmlPage page = read_html_page(
      body("<nav><a href=\"/\">Home</a></nav><main>"
           "<p><a href=\" ../pdf/deal.pdf#page=2&amp;x=1\n\">Staatscourant-<br>tekst</a>, "
           "<a href=\"mailto:info@agendastad.nl\"><img src=\"m.png\" alt=\"\">Mail  ons</a>, "
           "<a name=\"anker\">geen link</a>, <a href=\"#top\">Lees verder<span "
           "class=\"screen-reader-text\"> over Energiearmoede</span></a></p></main>"));
  EXPECT_EQ(page.links,
            (std::vector<HtmlLink>{{"../pdf/deal.pdf#page=2&x=1", "Staatscourant- tekst"},
                                   {"mailto:info@agendastad.nl", "Mail ons"},
                                   {"#top", "Lees verder"}}));
}

TEST(HtmlPage, ReadsGarbageAndEmptyInputAsEmptyPages) {
  const std::string cases[] = {
      "",
      "   \n\t ",
      std::string("\xFF\xFE\x00\x01\x80\x81\xC3\x28\xE2\x82\x28\xF0\x28\x8C\xBC", 15),
      "<<<>>>///\"'=&&&;;#",
      "<html><body><div><span></span></div>",
      "<!-- <p>alles commentaar</p> -->",
      "<script>var tekst = 'geen inhoud';</script><style>p{}</style>",
      "</p></div></body></html></html>",
  };
  for (const std::string& html : cases) {
    SCOPED_TRACE(::testing::PrintToString(html));
    const HtmlPage page = read_html_page(html);
    EXPECT_EQ(page.title, "");
    EXPECT_EQ(page.url, "");
    EXPECT_EQ(page.paragraphs, Paragraphs());
    EXPECT_TRUE(page.links.empty());
  }
}

TEST(HtmlPage, ReadsAMegabyteOfParagraphs) {
  std::string content;
  size_t count = 0;
  while (content.size() < 1024 * 1024) {
    content += "<p>Alinea " + std::to_string(count++) +
               ": de partners werken samen aan <em>energiearmoede</em> in de wijk.</p>\n";
  }
  const HtmlPage page = read_html_page(replaced(kWordPressPage, "<div class=\"entry-content\">",
                                                "<div class=\"entry-content\">" + content));
  EXPECT_EQ(page.title, "Energiearmoede");
  ASSERT_EQ(page.paragraphs.size(), count + kWordPressParagraphs.size());
  EXPECT_EQ(page.paragraphs.front(),
            "Alinea 0: de partners werken samen aan energiearmoede in de wijk.");
  EXPECT_EQ(page.paragraphs.back(), kWordPressParagraphs.back());
}

TEST(HtmlPage, ReadsDeeplyNestedElements) {
  // gumbo keeps every level, and frees its tree recursively.
  constexpr size_t kDepth = 300'000;
  std::string html = "<main>";
  for (size_t i = 0; i < kDepth; ++i) {
    html += "<span>";
  }
  html += "diep";
  EXPECT_EQ(read_html_page(html).paragraphs, Paragraphs{"diep"});
}

// What every page read must give, whatever the input.
void expect_well_formed(const HtmlPage& page) {
  EXPECT_EQ(first_invalid_utf8_line(page.title), 0u);
  EXPECT_EQ(first_invalid_utf8_line(page.url), 0u);
  for (const std::string& paragraph : page.paragraphs) {
    ASSERT_FALSE(paragraph.empty());
    EXPECT_EQ(first_invalid_utf8_line(paragraph), 0u);
    EXPECT_NE(paragraph.front(), ' ');
    EXPECT_NE(paragraph.back(), ' ');
  }
  for (const HtmlLink& link : page.links) {
    EXPECT_EQ(first_invalid_utf8_line(link.href), 0u);
    EXPECT_EQ(first_invalid_utf8_line(link.text), 0u);
  }
}

// Fuzz-style, in every ctest run: random bytes, every truncation of the WordPress page (cut
// inside tags, attributes, entities and UTF-8 sequences) and the page with random bytes changed.
TEST(HtmlPage, SurvivesRandomBytesAndTruncatedPages) {
  std::mt19937 random(14);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 300; ++i) {
    std::string garbage(static_cast<size_t>(i * 7 % 2000), '\0');
    for (char& c : garbage) {
      c = static_cast<char>(byte(random));
    }
    SCOPED_TRACE(i);
    expect_well_formed(read_html_page(garbage));
  }
  for (size_t length = 0; length <= kWordPressPage.size(); length += 13) {
    SCOPED_TRACE(length);
    expect_well_formed(read_html_page(kWordPressPage.substr(0, length)));
  }
  std::uniform_int_distribution<size_t> position(0, kWordPressPage.size() - 1);
  constexpr std::string_view kSyntax = "<>/=\"'&;# \xC3\xA9\x80";
  std::uniform_int_distribution<size_t> syntax(0, kSyntax.size() - 1);
  for (int i = 0; i < 300; ++i) {
    std::string page(kWordPressPage);
    for (int changes = 0; changes < 1 + i % 20; ++changes) {
      page[position(random)] =
          i % 2 == 0 ? static_cast<char>(byte(random)) : kSyntax[syntax(random)];
    }
    SCOPED_TRACE(i);
    expect_well_formed(read_html_page(page));
  }
}

}  // namespace
}  // namespace dealsearch::indexer
