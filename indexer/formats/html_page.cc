// read_html_page: gumbo's tree -> the main content's title, paragraphs and links.
#include "indexer/formats/html_page.h"

#include <gumbo.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <unordered_set>
#include <utility>

namespace dealsearch::indexer {
namespace {

using NodeSet = std::unordered_set<const GumboNode*>;

// ---------------------------------------------------------------------------------------------
// The parse tree and walking it

void* allocate(void* /*userdata*/, size_t size) { return std::malloc(size); }
void deallocate(void* /*userdata*/, void* pointer) { std::free(pointer); }

const GumboVector* children_of(const GumboNode& node) {
  if (node.type == GUMBO_NODE_DOCUMENT) {
    return &node.v.document.children;
  }
  if (node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE) {
    return &node.v.element.children;
  }
  return nullptr;
}

// Visits `root` and what it holds in document order, without recursion: gumbo keeps any depth
// (a page of 400,000 nested <span>s is 2.4 MB), which would overflow the stack. `enter(node)`
// says whether to visit the node's children; `leave(node)` follows them, for nodes entered.
template <typename Enter, typename Leave>
void walk(const GumboNode& root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  if (!enter(root)) {
    return;
  }
  std::vector<Frame> stack{{&root, 0}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector* children = children_of(*top.node);
    if (children != nullptr && top.next_child < children->length) {
      const auto* child = static_cast<const GumboNode*>(children->data[top.next_child++]);
      if (enter(*child)) {
        stack.push_back({child, 0});
      }
    } else {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(*done);
    }
  }
}

template <typename Enter>
void walk(const GumboNode& root, Enter&& enter) {
  walk(root, std::forward<Enter>(enter), [](const GumboNode&) {});
}

// One page's parse tree, freed with the object.
class ParsedHtml {
 public:
  explicit ParsedHtml(std::string_view html) : options_(kGumboDefaultOptions) {
    options_.allocator = &allocate;
    options_.deallocator = &deallocate;
    // Recording errors copies the stack of open elements into each: 20,000 nested <span>s
    // would take 2 GB.
    options_.max_errors = 0;
    // gumbo counts offsets in 32 bits.
    html = html.substr(0, std::numeric_limits<unsigned int>::max());
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
    if (output_ == nullptr) {
      throw std::bad_alloc();
    }
  }
  ~ParsedHtml() {
    try {
      flatten();
    } catch (const std::bad_alloc&) {
      // No memory for the list of nodes: gumbo frees the tree as it is, which only a tree
      // deeper than some 100,000 levels makes overflow the stack.
    }
    gumbo_destroy_output(&options_, output_);
  }
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  const GumboNode& document() const { return *output_->document; }

 private:
  // gumbo_destroy_output frees the tree recursively, one stack frame per level; so first every
  // node becomes a child of the document, with no children of its own. The new list is
  // malloc'ed, as gumbo's own are with these options.
  void flatten() {
    std::vector<GumboNode*> nodes;
    walk(*output_->document, [&](const GumboNode& node) {
      nodes.push_back(const_cast<GumboNode*>(&node));
      return true;
    });
    auto** flat = static_cast<void**>(std::malloc(sizeof(void*) * nodes.size()));
    if (flat == nullptr) {
      throw std::bad_alloc();
    }
    unsigned length = 0;
    for (GumboNode* node : nodes) {
      if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        node->v.element.children.length = 0;
      }
      if (node->type != GUMBO_NODE_DOCUMENT) {
        flat[length++] = node;
      }
    }
    GumboVector& top = output_->document->v.document.children;
    std::free(top.data);
    top = {flat, length, length};
  }

  GumboOptions options_;
  GumboOutput* output_;
};

// ---------------------------------------------------------------------------------------------
// Elements, attributes and names

bool is_element(const GumboNode& node) {
  return node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode& node) {
  return is_element(node) ? node.v.element.tag : GUMBO_TAG_LAST;
}

bool is_html(const GumboNode& element, GumboTag tag) {
  return is_element(element) && element.v.element.tag == tag &&
         element.v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

// The value of the attribute `name`, "" when absent.
std::string_view attribute(const GumboNode& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.v.element.attributes, name);
  return found == nullptr ? std::string_view() : std::string_view(found->value);
}

bool has_attribute(const GumboNode& element, const char* name) {
  return gumbo_get_attribute(&element.v.element.attributes, name) != nullptr;
}

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::string_view trim_html_space(std::string_view text) {
  while (!text.empty() && is_html_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_html_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

// The space-separated tokens of an attribute, lowercased: class="entry-content  Post" ->
// {"entry-content", "post"}.
std::vector<std::string> tokens_of(std::string_view value) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start < value.size()) {
    if (is_html_space(value[start])) {
      ++start;
      continue;
    }
    size_t end = start;
    while (end < value.size() && !is_html_space(value[end])) {
      ++end;
    }
    tokens.push_back(lowercase(value.substr(start, end - start)));
    start = end;
  }
  return tokens;
}

bool has_token(std::string_view value, std::string_view token) {
  const std::vector<std::string> tokens = tokens_of(value);
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

// The lowercased name of a tag gumbo does not know, from its source: "<Dialog open>" ->
// "dialog". (gumbo_tag_from_original_text asserts what it is given.)
std::string unknown_tag_name(const GumboNode& element) {
  const GumboStringPiece source = element.v.element.original_tag;
  if (source.data == nullptr || source.length < 2 || source.data[0] != '<') {
    return "";
  }
  const std::string_view text(source.data + 1, source.length - 1);
  const size_t end = text.find_first_of(" \t\n\f\r/>");
  return lowercase(text.substr(0, end));
}

template <size_t N>
bool is_one_of(std::string_view word, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

// Adds `node` and every element holding it to `set`.
void add_with_ancestors(NodeSet& set, const GumboNode* node) {
  for (; node != nullptr && node->type != GUMBO_NODE_DOCUMENT; node = node->parent) {
    if (!set.insert(node).second) {
      return;  // its ancestors are in already
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What is not content

// Names (an id, or one class) that are boilerplate as a whole: not "page-header".
constexpr std::string_view kBoilerplateNames[] = {
    "header", "site-header", "top-bar",       "site-title", "site-logo",
    "logo",   "branding",    "site-branding", "sr-only",    "visually-hidden"};
// Words inside a name ("menu-hoofdmenu-container" has "menu") that make it boilerplate.
constexpr std::string_view kBoilerplateWords[] = {
    "crumbs",     "menu",      "menus",    "submenu",      "menubar",     "mainmenu",
    "hoofdmenu",  "topmenu",   "megamenu", "nav",          "navbar",      "navigation",
    "navigatie",  "sidebar",   "zijbalk",  "secondary",    "widget",      "widgets",
    "share",      "shares",    "sharing",  "sharedaddy",   "addtoany",    "a2a",
    "social",     "socials",   "delen",    "comment",      "comments",    "respond",
    "reacties",   "reageren",  "related",  "relatedposts", "gerelateerd", "gerelateerde",
    "skip",       "skiplinks", "masthead", "topbar",       "footer",      "colophon",
    "pagination", "pager",     "consent",  "cmplz"};
// Parts of a name that make it boilerplate wherever they are, even next to "content":
// "cookieNotice", "wpgdprc", "skip-to-content", "screen-reader-text".
constexpr std::string_view kBoilerplateStems[] = {"cookie",  "breadcrumb",   "kruimelpad",
                                                  "gdpr",    "skiplink",     "skip-link",
                                                  "skip-to", "screen-reader"};
// "Other" before what a site lists, in a name: "andere-deals", "other-posts", "meer-berichten";
// not "overige-partners", which a deal can have.
constexpr std::string_view kOtherWords[] = {"andere", "other", "overige", "meer", "more"};
constexpr std::string_view kListedWords[] = {"deals",     "citydeals", "city",     "posts",
                                             "berichten", "projecten", "projects", "items",
                                             "artikelen", "articles",  "nieuws",   "news"};
// A first word that says the name is a state or a layout, not a part: "has-sidebar",
// "no-sidebar", "with-sidebar", "is-menu-open".
constexpr std::string_view kStateWords[] = {"has", "no", "with", "without", "is"};
// Words that say a name holds the content itself: "content-with-sidebar", "entry-footer".
constexpr std::string_view kContentWords[] = {"content", "inhoud", "article", "entry"};
// Parts of an aria-label that mark boilerplate: "Kruimelpad", "Hoofdmenu", "Berichtnavigatie".
constexpr std::string_view kBoilerplateLabelParts[] = {
    "breadcrumb", "kruimelpad", "cookie", "menu",        "navigat", "sidebar",
    "zijbalk",    "share",      "social", "gerelateerd", "related"};
constexpr std::string_view kBoilerplateRoles[] = {"navigation",    "banner", "contentinfo",
                                                  "complementary", "search", "menu",
                                                  "menubar",       "dialog", "alertdialog"};
// Names of the element holding a page's content, when it has no <main> or <article>.
constexpr std::string_view kContentNames[] = {
    "content",      "main",          "main-content",    "maincontent",  "page-content",
    "post-content", "entry-content", "article-content", "article-body", "post-body",
    "entry-body",   "site-content",  "content-area",    "inhoud",       "hoofdinhoud"};

std::vector<std::string_view> words_of(std::string_view name) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '-' || name[i] == '_') {
      if (i > start) {
        words.push_back(name.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return words;
}

// Whether an id or a class (lowercased) names a part of the site around the content.
// Whole words, so that "content-with-sidebar" and "has-sidebar" (layouts holding the content)
// are not a sidebar, while "menu-hoofdmenu-container", "widget_recent_entries" and
// "comment-respond" are.
bool is_boilerplate_name(std::string_view name) {
  if (is_one_of(name, kBoilerplateNames)) {
    return true;
  }
  const std::vector<std::string_view> words = words_of(name);
  if (words.empty() || is_one_of(words.front(), kStateWords)) {
    return false;
  }
  for (std::string_view stem : kBoilerplateStems) {
    if (name.find(stem) != std::string_view::npos) {
      return true;
    }
  }
  for (std::string_view word : words) {
    if (is_one_of(word, kContentWords)) {
      return false;
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (is_one_of(words[i], kBoilerplateWords) ||
        (i + 1 < words.size() && is_one_of(words[i], kOtherWords) &&
         is_one_of(words[i + 1], kListedWords))) {
      return true;
    }
  }
  return false;
}

bool has_boilerplate_marks(const GumboNode& element) {
  if (is_boilerplate_name(lowercase(trim_html_space(attribute(element, "id"))))) {
    return true;
  }
  for (const std::string& name : tokens_of(attribute(element, "class"))) {
    if (is_boilerplate_name(name)) {
      return true;
    }
  }
  for (const std::string& role : tokens_of(attribute(element, "role"))) {
    if (is_one_of(role, kBoilerplateRoles)) {
      return true;
    }
  }
  const std::string label = lowercase(attribute(element, "aria-label"));
  return std::any_of(std::begin(kBoilerplateLabelParts), std::end(kBoilerplateLabelParts),
                     [&](std::string_view part) { return label.find(part) != std::string::npos; });
}

bool is_hidden(const GumboNode& element) {
  if (has_attribute(element, "hidden")) {
    return true;
  }
  std::string style;
  for (char c : lowercase(attribute(element, "style"))) {
    if (!is_html_space(c)) {
      style += c;
    }
  }
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// What no page shows as text, whatever it holds.
bool is_never_content(const GumboNode& element) {
  if (element.type == GUMBO_NODE_TEMPLATE) {
    return true;
  }
  switch (element.v.element.tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
      return true;
    default:
      return is_hidden(element);
  }
}

bool is_sectioning(const GumboNode& element) {
  switch (tag_of(element)) {
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SECTION:
      return true;
    default:
      break;
  }
  if (!is_element(element)) {
    return false;
  }
  constexpr std::string_view kSectioningRoles[] = {"article", "complementary", "main", "navigation",
                                                   "region"};
  const std::vector<std::string> roles = tokens_of(attribute(element, "role"));
  return std::any_of(roles.begin(), roles.end(),
                     [&](const std::string& role) { return is_one_of(role, kSectioningRoles); });
}

// The site's header: a <header> outside any article, section, main, aside or nav (as ARIA has
// it), not an article's own <header class="entry-header"> with its <h1>.
bool is_banner_header(const GumboNode& element) {
  if (!is_html(element, GUMBO_TAG_HEADER)) {
    return false;
  }
  for (const GumboNode* up = element.parent; up != nullptr; up = up->parent) {
    if (is_sectioning(*up)) {
      return false;
    }
  }
  return true;
}

// Which elements of a page are content. Holds references to the sets it is given.
class ContentFilter {
 public:
  // `spared`: elements never dropped as boilerplate (hidden ones still are): the title's <h1>
  // and the elements holding it. `page_forms`: forms that hold a <main>, <article> or <h1>,
  // which are the page (an ASP.NET page is one <form>), not a comment form. With
  // `keep_banner_headers`, the site's header is kept, to look for an <h1> in it.
  ContentFilter(const NodeSet& spared, const NodeSet& page_forms, bool keep_banner_headers = false)
      : spared_(spared), page_forms_(page_forms), keep_banner_headers_(keep_banner_headers) {}

  bool keeps(const GumboNode& element) const {
    if (is_never_content(element)) {
      return false;
    }
    return !is_boilerplate(element) || spared_.contains(&element);
  }

 private:
  bool is_boilerplate(const GumboNode& element) const {
    switch (element.v.element.tag) {
      case GUMBO_TAG_NAV:
      case GUMBO_TAG_FOOTER:
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_MENU:
        return true;
      case GUMBO_TAG_FORM:
        if (!page_forms_.contains(&element)) {
          return true;
        }
        break;
      case GUMBO_TAG_HEADER:
        if (!keep_banner_headers_ && is_banner_header(element)) {
          return true;
        }
        break;
      case GUMBO_TAG_UNKNOWN:
        if (unknown_tag_name(element) == "dialog") {
          return true;
        }
        break;
      default:
        break;
    }
    return lowercase(trim_html_space(attribute(element, "aria-hidden"))) == "true" ||
           has_boilerplate_marks(element);
  }

  const NodeSet& spared_;
  const NodeSet& page_forms_;
  bool keep_banner_headers_;
};

// ---------------------------------------------------------------------------------------------
// Text

// The byte length of the white space (U+00A0 no-break space, U+2000-U+200A, U+202F, ...) at
// the start of `text`, or 0.
size_t unicode_space_length(std::string_view text) {
  constexpr std::string_view kSpaces[] = {
      "\xC2\xA0",     "\xC2\x85",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81",
      "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
      "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"};
  for (std::string_view space : kSpaces) {
    if (text.starts_with(space)) {
      return space.size();
    }
  }
  return 0;
}

// The byte length of an invisible character at the start of `text`, or 0: a soft hyphen
// ("ener&shy;gie" is "energie"), a zero-width space, a word joiner, a byte order mark.
size_t invisible_length(std::string_view text) {
  constexpr std::string_view kInvisibles[] = {"\xC2\xAD", "\xE2\x80\x8B", "\xE2\x81\xA0",
                                              "\xEF\xBB\xBF"};
  for (std::string_view invisible : kInvisibles) {
    if (text.starts_with(invisible)) {
      return invisible.size();
    }
  }
  return 0;
}

// Builds paragraphs from the text of a page and the breaks between its parts. White space
// collapses: what separates two words is one space, a line break or a cell break, the
// strongest that came between them; nothing comes before a paragraph's first word or after its
// last.
class ParagraphBuilder {
 public:
  // Appends text (UTF-8, as gumbo gives it). In a <pre>, `keep_lines` keeps its line breaks.
  void add_text(std::string_view text, bool keep_lines) {
    for (size_t i = 0; i < text.size();) {
      const auto byte = static_cast<unsigned char>(text[i]);
      size_t length = 1;
      if (byte <= ' ' || byte == 0x7F) {
        widen_gap(byte == '\n' && keep_lines ? Gap::kLine : Gap::kSpace);
      } else if (byte < 0x80) {
        add_visible(text.substr(i, 1));
      } else if ((length = unicode_space_length(text.substr(i))) > 0) {
        widen_gap(Gap::kSpace);
      } else if ((length = invisible_length(text.substr(i))) == 0) {
        length = 1;  // a byte of a visible character
        add_visible(text.substr(i, 1));
      }
      i += length;
    }
  }
  void add_space() { widen_gap(Gap::kSpace); }
  // A <br>. After another one, with no word between them, it ends the paragraph: "a<br><br>b"
  // is written where "<p>a</p><p>b</p>" was meant.
  void add_line_break() {
    if (gap_ == Gap::kLine) {
      end_paragraph();
    } else {
      widen_gap(Gap::kLine);
    }
  }
  void add_cell_break() { widen_gap(Gap::kCell); }
  void end_paragraph() {
    if (!current_.empty()) {
      paragraphs_.push_back(std::move(current_));
      current_.clear();
    }
    gap_ = Gap::kNone;
  }

  std::vector<std::string> take_paragraphs() && {
    end_paragraph();
    return std::move(paragraphs_);
  }
  // All of it on one line, for a title or a link's text.
  std::string take_line() && {
    std::string line;
    for (const std::string& paragraph : std::move(*this).take_paragraphs()) {
      line += line.empty() ? "" : " ";
      line += paragraph;
    }
    return line;
  }

 private:
  enum class Gap { kNone, kSpace, kLine, kCell };  // weakest first

  void widen_gap(Gap gap) { gap_ = std::max(gap_, gap); }
  void add_visible(std::string_view bytes) {
    if (!current_.empty()) {
      current_ += gap_text();
    }
    gap_ = Gap::kNone;
    current_ += bytes;
  }
  std::string_view gap_text() const {
    switch (gap_) {
      case Gap::kNone:
        return "";
      case Gap::kSpace:
        return " ";
      case Gap::kLine:
        return "\n";
      case Gap::kCell:
        return " | ";
    }
    return "";
  }

  std::string current_;
  Gap gap_ = Gap::kNone;
  std::vector<std::string> paragraphs_;
};

bool is_text(const GumboNode& node) {
  return node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_CDATA ||
         node.type == GUMBO_NODE_WHITESPACE;
}

// Elements whose start and end separate paragraphs. What is not here is inline: its text joins
// the text around it ("ener<span>gie</span>" is "energie"). Cells are left out: they separate
// less (see ParagraphBuilder::add_cell_break).
bool is_block(const GumboNode& element) {
  switch (tag_of(element)) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

bool is_cell(const GumboNode& element) {
  return tag_of(element) == GUMBO_TAG_TD || tag_of(element) == GUMBO_TAG_TH;
}

bool keeps_lines(const GumboNode& element) {
  const GumboTag tag = tag_of(element);
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT ||
         tag == GUMBO_TAG_XMP;
}

// The visible text of `root` on one line: a title, a link's text.
std::string text_line(const GumboNode& root, const ContentFilter& filter) {
  ParagraphBuilder builder;
  walk(root, [&](const GumboNode& node) {
    if (is_text(node)) {
      builder.add_text(node.v.text.text, false);
      return false;
    }
    if (!is_element(node)) {
      return false;
    }
    const bool kept = &node == &root || filter.keeps(node);
    if (is_block(node) || is_cell(node) || (kept && tag_of(node) == GUMBO_TAG_BR)) {
      builder.add_space();
    }
    return kept;
  });
  return std::move(builder).take_line();
}

// Whether `text` has a letter or a digit: a paragraph "»", "* * *" or "\uFFFD" (bytes that were
// not UTF-8) says nothing to search for.
bool has_letter_or_digit(std::string_view text) {
  const auto length = static_cast<int64_t>(text.size());
  for (int64_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    if (c >= 0 && u_isalnum(c)) {
      return true;
    }
  }
  return false;
}

// The bytes of a text node that are not white space, to compare how much text elements hold.
size_t visible_bytes(const GumboNode& text) {
  const std::string_view value = text.v.text.text;
  return static_cast<size_t>(
      std::count_if(value.begin(), value.end(), [](char c) { return !is_html_space(c); }));
}

// ---------------------------------------------------------------------------------------------
// Finding the content

// What one pass over the whole page finds.
struct Survey {
  const GumboNode* body = nullptr;  // <body>, else <html> (a <frameset> page)
  std::string title;                // the first <title>'s text
  std::string og_title;
  std::string og_site_name;
  std::string og_url;
  std::string canonical;
  NodeSet main_holders;  // each <main> and [role=main], and the elements holding them
  NodeSet page_forms;    // forms holding a <main>, [role=main], <article> or <h1>
};

void read_meta(const GumboNode& meta, Survey& survey) {
  std::string property = lowercase(trim_html_space(attribute(meta, "property")));
  if (property.empty()) {
    property = lowercase(trim_html_space(attribute(meta, "name")));
  }
  std::string* field = property == "og:title"       ? &survey.og_title
                       : property == "og:site_name" ? &survey.og_site_name
                       : property == "og:url"       ? &survey.og_url
                                                    : nullptr;
  if (field != nullptr && field->empty()) {
    *field = std::string(trim_html_space(attribute(meta, "content")));
  }
}

bool is_main(const GumboNode& element) {
  return is_html(element, GUMBO_TAG_MAIN) || has_token(attribute(element, "role"), "main");
}

Survey survey_page(const GumboNode& document) {
  Survey survey;
  NodeSet landmark_holders;
  const NodeSet no_nodes;
  const ContentFilter everything(no_nodes, no_nodes);
  walk(document, [&](const GumboNode& node) {
    if (!is_element(node) || node.type == GUMBO_NODE_TEMPLATE) {
      return node.type == GUMBO_NODE_DOCUMENT;
    }
    const GumboNode& element = node;
    if (is_html(element, GUMBO_TAG_BODY) && survey.body == nullptr) {
      survey.body = &element;
    } else if (is_html(element, GUMBO_TAG_TITLE) && survey.title.empty()) {
      survey.title = text_line(element, everything);
    } else if (is_html(element, GUMBO_TAG_META)) {
      read_meta(element, survey);
    } else if (is_html(element, GUMBO_TAG_LINK) && survey.canonical.empty() &&
               has_token(attribute(element, "rel"), "canonical")) {
      survey.canonical = std::string(trim_html_space(attribute(element, "href")));
    }
    if (is_main(element)) {
      add_with_ancestors(survey.main_holders, &element);
    }
    if (is_main(element) || is_html(element, GUMBO_TAG_ARTICLE) || is_html(element, GUMBO_TAG_H1)) {
      add_with_ancestors(landmark_holders, &element);
    }
    return true;
  });
  for (const GumboNode* holder : landmark_holders) {
    if (is_html(*holder, GUMBO_TAG_FORM)) {
      survey.page_forms.insert(holder);
    }
  }
  if (survey.body == nullptr) {
    const GumboVector& top = document.v.document.children;
    for (unsigned i = 0; i < top.length && survey.body == nullptr; ++i) {
      const auto* child = static_cast<const GumboNode*>(top.data[i]);
      if (is_html(*child, GUMBO_TAG_HTML)) {
        survey.body = child;
      }
    }
  }
  return survey;
}

// The <h1> under `root` that is the page's title, the first with text of, in this order:
//   1. those that are content (`filter` keeping the site's banner header);
//   2. those whose text is the page's <title> or og:title (`titles`), wherever they are but
//      where no page shows text: "<div class="sidebar-layout"><h1>" is a wrapper, not a sidebar;
//   3. those in the site's banner header ("<header class="page-header"><h1>").
// "<header><h1 class="entry-title">" in an article is no banner; "<header id="masthead"><h1>Agenda
// Stad</h1>" is.
const GumboNode* find_title_h1(const GumboNode& root, const ContentFilter& filter,
                               const std::vector<std::string>& titles) {
  const GumboNode* content_h1 = nullptr;
  const GumboNode* titled_h1 = nullptr;
  const GumboNode* banner_h1 = nullptr;
  struct Open {
    bool boilerplate;
    bool banner;
  };
  std::vector<Open> open;  // the elements entered and not left, root first
  int boilerplate_depth = 0;
  int banner_depth = 0;
  walk(
      root,
      [&](const GumboNode& node) {
        if (!is_element(node) || is_never_content(node) || content_h1 != nullptr) {
          return false;
        }
        const bool boilerplate = &node != &root && !filter.keeps(node);
        if (is_html(node, GUMBO_TAG_H1)) {
          const std::string text = text_line(node, filter);
          if (titled_h1 == nullptr &&
              std::find(titles.begin(), titles.end(), lowercase(text)) != titles.end()) {
            titled_h1 = &node;
          }
          const GumboNode** tier = boilerplate || boilerplate_depth > 0 ? nullptr
                                   : banner_depth > 0                   ? &banner_h1
                                                                        : &content_h1;
          if (tier != nullptr && *tier == nullptr && !text.empty()) {
            *tier = &node;
          }
          return false;
        }
        open.push_back({boilerplate, is_banner_header(node)});
        boilerplate_depth += open.back().boilerplate ? 1 : 0;
        banner_depth += open.back().banner ? 1 : 0;
        return true;
      },
      [&](const GumboNode&) {
        boilerplate_depth -= open.back().boilerplate ? 1 : 0;
        banner_depth -= open.back().banner ? 1 : 0;
        open.pop_back();
      });
  return content_h1 != nullptr ? content_h1 : titled_h1 != nullptr ? titled_h1 : banner_h1;
}

struct Candidate {
  const GumboNode* element;
  size_t text_bytes;
  bool holds_h1;
};

bool is_content_named(const GumboNode& element) {
  if (is_one_of(lowercase(trim_html_space(attribute(element, "id"))), kContentNames)) {
    return true;
  }
  const std::vector<std::string> names = tokens_of(attribute(element, "class"));
  return std::any_of(names.begin(), names.end(),
                     [](const std::string& name) { return is_one_of(name, kContentNames); });
}

// The one holding the title's <h1>, else the one with the most text; none without text.
const GumboNode* best_of(const std::vector<Candidate>& candidates) {
  const Candidate* best = nullptr;
  for (const Candidate& candidate : candidates) {
    if (candidate.text_bytes == 0) {
      continue;
    }
    if (best == nullptr || std::pair(candidate.holds_h1, candidate.text_bytes) >
                               std::pair(best->holds_h1, best->text_bytes)) {
      best = &candidate;
    }
  }
  return best == nullptr ? nullptr : best->element;
}

// The element holding the page's main content (see read_html_page), measuring the text of
// each <main>, <article> and content-named element in one pass.
const GumboNode& choose_content(const GumboNode& body, const ContentFilter& filter,
                                const NodeSet& h1_holders) {
  std::vector<Candidate> mains;  // each in document order of its start
  std::vector<Candidate> articles;
  std::vector<Candidate> named;
  struct Open {
    std::vector<Candidate>* kind;  // where it is a candidate, or nullptr
    size_t index;                  // its place there
    size_t text_before;
  };
  std::vector<Open> open;
  size_t text_bytes = 0;
  walk(
      body,
      [&](const GumboNode& node) {
        if (is_text(node)) {
          text_bytes += visible_bytes(node);
          return false;
        }
        if (!is_element(node) || (&node != &body && !filter.keeps(node))) {
          return false;
        }
        std::vector<Candidate>* kind = &node == &body                     ? nullptr
                                       : is_main(node)                    ? &mains
                                       : is_html(node, GUMBO_TAG_ARTICLE) ? &articles
                                       : is_content_named(node)           ? &named
                                                                          : nullptr;
        if (kind != nullptr) {
          kind->push_back({&node, 0, h1_holders.contains(&node)});
        }
        open.push_back({kind, kind == nullptr ? 0 : kind->size() - 1, text_bytes});
        return true;
      },
      [&](const GumboNode&) {
        const Open& ended = open.back();
        if (ended.kind != nullptr) {
          (*ended.kind)[ended.index].text_bytes = text_bytes - ended.text_before;
        }
        open.pop_back();
      });
  for (const Candidate& main : mains) {
    if (main.text_bytes > 0) {
      return *main.element;
    }
  }
  for (const std::vector<Candidate>* candidates : {&articles, &named}) {
    if (const GumboNode* best = best_of(*candidates)) {
      return *best;
    }
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Reading the content

// The paragraphs and links of `root`, without `title_h1`.
void read_content(const GumboNode& root, const ContentFilter& filter, const GumboNode* title_h1,
                  HtmlPage& page) {
  ParagraphBuilder builder;
  int in_pre = 0;
  walk(
      root,
      [&](const GumboNode& node) {
        if (is_text(node)) {
          builder.add_text(node.v.text.text, in_pre > 0);
          return false;
        }
        if (!is_element(node)) {
          return false;
        }
        if (&node != &root && (!filter.keeps(node) || &node == title_h1)) {
          // A dropped cookie banner between two runs of loose text still separates them.
          if (is_block(node)) {
            builder.end_paragraph();
          }
          return false;
        }
        if (is_block(node)) {
          builder.end_paragraph();
        } else if (is_cell(node)) {
          builder.add_cell_break();
        } else if (tag_of(node) == GUMBO_TAG_BR) {
          builder.add_line_break();
        } else if (is_html(node, GUMBO_TAG_A) && has_attribute(node, "href")) {
          page.links.push_back(
              {std::string(trim_html_space(attribute(node, "href"))), text_line(node, filter)});
        }
        in_pre += keeps_lines(node) ? 1 : 0;
        return true;
      },
      [&](const GumboNode& node) {
        if (is_block(node)) {
          builder.end_paragraph();
        }
        in_pre -= keeps_lines(node) ? 1 : 0;
      });
  page.paragraphs = std::move(builder).take_paragraphs();
  std::erase_if(page.paragraphs,
                [](const std::string& paragraph) { return !has_letter_or_digit(paragraph); });
}

// ---------------------------------------------------------------------------------------------
// The title

// "Energiearmoede | Agenda Stad" -> "Energiearmoede"; with `site_name` "Agenda Stad" also
// "Agenda Stad - Energiearmoede". Without a site name, the last separator goes:
// "Energiearmoede | City Deals | Agenda Stad" -> "Energiearmoede | City Deals".
std::string strip_site_name(std::string_view title, std::string_view site_name,
                            bool only_site_name) {
  constexpr std::string_view kSeparators[] = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " :: ", " \xC2\xBB "};
  if (!site_name.empty()) {
    for (std::string_view separator : kSeparators) {
      const std::string suffix = std::string(separator) + std::string(site_name);
      const std::string prefix = std::string(site_name) + std::string(separator);
      if (title.size() > suffix.size() && title.ends_with(suffix)) {
        return std::string(title.substr(0, title.size() - suffix.size()));
      }
      if (title.size() > prefix.size() && title.starts_with(prefix)) {
        return std::string(title.substr(prefix.size()));
      }
    }
  }
  if (only_site_name) {
    return std::string(title);
  }
  size_t cut = std::string_view::npos;
  for (std::string_view separator : kSeparators) {
    const size_t at = title.rfind(separator);
    if (at != std::string_view::npos && at > 0 && (cut == std::string_view::npos || at > cut)) {
      cut = at;
    }
  }
  return std::string(cut == std::string_view::npos ? title : title.substr(0, cut));
}

// Whitespace collapsed, as in the content: og:title is an attribute, which keeps line breaks.
std::string collapsed(std::string_view text) {
  ParagraphBuilder builder;
  builder.add_text(text, false);
  return std::move(builder).take_line();
}

std::string choose_title(std::string h1_text, const Survey& survey) {
  if (!h1_text.empty()) {
    return h1_text;
  }
  const std::string site_name = collapsed(survey.og_site_name);
  if (std::string og_title = collapsed(survey.og_title); !og_title.empty()) {
    return strip_site_name(og_title, site_name, true);
  }
  return strip_site_name(survey.title, site_name, false);
}

// The page's titles in its head, lowercased, to know its <h1> by: og:title and <title>, as they
// are and without the site's name.
std::vector<std::string> head_titles(const Survey& survey) {
  const std::string site_name = collapsed(survey.og_site_name);
  const std::string og_title = collapsed(survey.og_title);
  std::vector<std::string> titles;
  for (const std::string& title : {og_title, strip_site_name(og_title, site_name, true),
                                   survey.title, strip_site_name(survey.title, site_name, false)}) {
    if (!title.empty()) {
      titles.push_back(lowercase(title));
    }
  }
  return titles;
}

}  // namespace

HtmlPage read_html_page(std::string_view html) {
  const ParsedHtml parsed(html);
  const Survey survey = survey_page(parsed.document());
  HtmlPage page;
  page.url = !survey.canonical.empty() ? survey.canonical : survey.og_url;
  if (survey.body == nullptr) {
    page.title = choose_title("", survey);
    return page;
  }

  // The page's <h1>, found before the content is: the elements holding it are not boilerplate,
  // and the article or content-named element holding it is the content.
  const std::vector<std::string> titles = head_titles(survey);
  const GumboNode* page_h1 = find_title_h1(
      *survey.body, ContentFilter(survey.main_holders, survey.page_forms, true), titles);
  NodeSet h1_holders;
  add_with_ancestors(h1_holders, page_h1);
  NodeSet spared = survey.main_holders;
  spared.insert(h1_holders.begin(), h1_holders.end());
  const GumboNode& content =
      choose_content(*survey.body, ContentFilter(spared, survey.page_forms), h1_holders);

  // A <main> can leave out the page's <h1> ("<div class="hero"><h1>"); then the title is its
  // own, if it has one.
  const NodeSet no_nodes;
  const GumboNode* title_h1 =
      h1_holders.contains(&content)
          ? page_h1
          : find_title_h1(content, ContentFilter(no_nodes, survey.page_forms, true), titles);
  NodeSet title_holders;
  add_with_ancestors(title_holders, title_h1);
  const ContentFilter filter(title_holders, survey.page_forms);
  const std::string h1_text = title_h1 == nullptr ? "" : text_line(*title_h1, filter);
  page.title = choose_title(h1_text, survey);
  read_content(content, filter, h1_text.empty() ? nullptr : title_h1, page);
  return page;
}

}  // namespace dealsearch::indexer
