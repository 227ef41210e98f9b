// DealBuilder: metadata extraction and the Xapian document of a deal.
#include "indexer/deal_builder.h"

#include <algorithm>
#include <unordered_map>

#include "analyzers/schema.h"
#include "analyzers/stored_deal.h"
#include "indexer/deal_ids.h"
#include "indexer/paragraphs.h"
#include "indexer/write_errors.h"

namespace dealsearch::indexer {
namespace {

// Positions jump this far between title and text and between paragraphs, so that a phrase
// never matches across them.
constexpr Xapian::termpos kPositionGap = 100;

// Xapian refuses terms over 245 bytes; a "word" that long is a pasted blob or a URL with a
// long query string, kept in the stored text but not indexed.
constexpr size_t kMaxTermBytes = 200;

std::string bounded(std::string term) {
  if (term.size() > kMaxTermBytes) {
    size_t cut = kMaxTermBytes;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) {
      --cut;  // never cut a UTF-8 sequence in two
    }
    term.resize(cut);
  }
  return term;
}

// What the index stores of `deal` for display: its fields and text.
schema::StoredDeal stored_deal(const Deal& deal) {
  schema::StoredDeal stored;
  stored.id = deal.id;
  stored.title = deal.title;
  stored.status = deal.status;
  stored.signed_on = deal.dates.signed_on;
  stored.started_on = deal.dates.started_on;
  stored.ended_on = deal.dates.ended_on;
  stored.year = deal.year();
  for (const Partner& partner : deal.partners) {
    stored.partners.push_back({partner.name, partner.type, partner.code});
    if (!partner.code.empty()) {
      stored.ministries.push_back({partner.code, partner.name});
    }
  }
  stored.themes = deal.themes;
  stored.url = deal.url;
  stored.source = deal.source.to_string();
  stored.paragraphs = deal.paragraphs;
  for (const SourceDocument& document : deal.documents) {
    stored.documents.push_back({document.url, document.title, document.type, document.pages,
                                document.first_paragraph, document.etag, document.last_modified});
  }
  stored.paragraph_pages = deal.paragraph_pages;
  stored.page_breaks = deal.page_breaks;
  return stored;
}

}  // namespace

std::string normalise_status(std::string_view status, const analyzers::Folder& folder) {
  std::string folded;
  for (const char c : folder.fold(trim(status))) {
    if (c == ' ' && (folded.empty() || folded.back() == ' ')) {
      continue;
    }
    folded += c;
  }
  while (!folded.empty() && (folded.back() == '.' || folded.back() == ' ')) {
    folded.pop_back();
  }
  for (std::string_view running : {"lopend", "actief", "in uitvoering", "loopt"}) {
    if (folded == running) {
      return "in uitvoering";
    }
  }
  for (std::string_view ended : {"afgerond", "beeindigd", "afgesloten", "voltooid"}) {
    if (folded == ended) {
      return "afgerond";
    }
  }
  return folded;
}

DealBuilder::DealBuilder(std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
                         const Gazetteer& gazetteer, const std::filesystem::path& themes_file)
    : data_(std::move(analyzer_data)),
      gazetteer_(gazetteer),
      analyzer_(data_),
      partners_(gazetteer, data_->folder()),
      themes_(themes_file, analyzer_) {}

Deal DealBuilder::extract_metadata(const DealRecord& record) const {
  const analyzers::Folder& folder = data_->folder();
  Deal deal;
  deal.title = std::string(trim(record.title));
  deal.id = deal_id(record, folder);
  deal.status = normalise_status(record.status, folder);
  std::string text;
  for (const std::string& paragraph : record.paragraphs) {
    text += paragraph;
    text += '\n';
  }
  deal.dates = find_deal_dates(text);
  if (record.signed_on) {
    deal.dates.signed_on = record.signed_on;
  }
  if (record.partners.empty()) {
    std::vector<size_t> document_starts;
    for (const SourceDocument& document : record.documents) {
      document_starts.push_back(document.first_paragraph);
    }
    deal.partners = partners_.find(record.paragraphs, document_starts);
  } else {
    for (const std::string& name : record.partners) {
      deal.partners.push_back(partners_.classify(name));
    }
  }
  deal.themes = record.themes;
  deal.url = record.url;
  deal.paragraphs = record.paragraphs;
  deal.documents = record.documents;
  deal.paragraph_pages = record.paragraph_pages;
  deal.page_breaks = record.page_breaks;
  deal.source = record.source;
  return deal;
}

// Words at positions (unprefixed, and "S" in the title), stems ("Z"), compound parts ("XC")
// and their stems ("ZXC"); a stem term only where schema::has_stem_term() says. Stopwords keep
// their positions, so phrases find them.
void DealBuilder::add_text(std::string_view text, Xapian::termpos& position,
                           Xapian::termcount weight, BuiltDeal& built,
                           std::vector<analyzers::Token>& all_tokens) {
  namespace schema = dealsearch::schema;
  Xapian::Document& doc = built.document;
  const bool is_title = weight == schema::kTitleWeight;
  std::vector<analyzers::Token> tokens = analyzer_.analyze(text);
  Xapian::termpos last = position;
  for (const analyzers::Token& token : tokens) {
    const Xapian::termpos at = position + token.position;
    last = std::max(last, at);
    if (token.term.size() > kMaxTermBytes || token.stem.size() > kMaxTermBytes) {
      continue;
    }
    if (token.role == analyzers::TokenRole::kPart) {
      doc.add_term(std::string(schema::kPart) + token.term, weight);
      if (schema::has_stem_term(token.term, token.stem, token.stopword)) {
        doc.add_term(std::string(schema::kPartStem) + token.stem, weight);
      }
      continue;
    }
    doc.add_posting(token.term, at, weight);
    if (is_title) {
      doc.add_posting(std::string(schema::kTitle) + token.term, at, 1);
    }
    if (schema::has_stem_term(token.term, token.stem, token.stopword)) {
      doc.add_term(std::string(schema::kStem) + token.stem, weight);
    }
  }
  position = last + kPositionGap;
  all_tokens.insert(all_tokens.end(), std::make_move_iterator(tokens.begin()),
                    std::make_move_iterator(tokens.end()));
}

void DealBuilder::add_boolean_terms(const Deal& deal, Xapian::Document& doc) const {
  namespace schema = dealsearch::schema;
  const analyzers::Folder& folder = data_->folder();
  doc.add_boolean_term(bounded(std::string(schema::kId) + deal.id));
  if (!deal.status.empty()) {
    doc.add_boolean_term(bounded(std::string(schema::kStatus) + deal.status));
  }
  for (const Partner& partner : deal.partners) {
    doc.add_boolean_term(bounded(std::string(schema::kPartner) + folder.fold(partner.name)));
    doc.add_boolean_term(std::string(schema::kPartnerType) + partner.type);
    if (!partner.code.empty()) {
      doc.add_boolean_term(std::string(schema::kMinistry) + partner.code);
    }
  }
  for (const std::string& theme : deal.themes) {
    doc.add_boolean_term(bounded(std::string(schema::kTheme) + folder.fold(theme)));
  }
  if (!deal.year().empty()) {
    doc.add_boolean_term(std::string(schema::kYear) + deal.year());
  }
}

BuiltDeal DealBuilder::build(const DealRecord& record) {
  // Xapian refuses a document only for what we would put in it wrongly, but whatever it says
  // passes through the write side's one conversion.
  return with_write_errors(record.source.to_string(), [&] {
    namespace schema = dealsearch::schema;
    BuiltDeal built{extract_metadata(record), Xapian::Document()};
    std::vector<analyzers::Token> tokens;
    Xapian::termpos position = 1;
    add_text(built.deal.title, position, schema::kTitleWeight, built, tokens);
    for (const std::string& paragraph : built.deal.paragraphs) {
      add_text(paragraph, position, schema::kTextWeight, built, tokens);
    }
    if (built.deal.themes.empty()) {
      built.deal.themes = themes_.themes_of(tokens);
    }
    Xapian::Document& doc = built.document;
    add_boolean_terms(built.deal, doc);
    schema::set_facet_values(doc);  // from the terms just added: the two always agree
    doc.add_value(schema::kSlotDate, built.deal.date());
    doc.add_value(schema::kSlotTitle, data_->folder().fold(built.deal.title));
    doc.add_value(schema::kSlotId, built.deal.id);
    doc.set_data(schema::encode_stored_deal(stored_deal(built.deal)));
    return built;
  });
}

}  // namespace dealsearch::indexer
