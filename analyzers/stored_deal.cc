// StoredDeal <-> document data: the display fields as a JSON object, then the paragraphs
// (schema.h). The one place that names the JSON's keys.
#include "analyzers/stored_deal.h"

#include <nlohmann/json.hpp>

#include "analyzers/schema.h"

namespace dealsearch::schema {
namespace {

using nlohmann::json;

json date_or_null(const std::optional<std::string>& date) { return date ? json(*date) : json(); }

// Reading one JSON object's fields into typed ones. A key that is absent keeps the field's
// default; a key of another type makes the whole object unreadable (ok() turns false).
class FieldReader {
 public:
  explicit FieldReader(const json& object) : object_(object), ok_(object.is_object()) {}

  bool ok() const { return ok_; }
  void fail() { ok_ = false; }

  void text(const char* key, std::string& out) {
    if (const json* value = find(key)) {
      read_string(*value, out);
    }
  }

  void date(const char* key, std::optional<std::string>& out) {
    if (const json* value = find(key); value && !value->is_null()) {
      read_string(*value, out.emplace());
    }
  }

  // A count: a JSON number >= 0; null leaves `out` empty.
  template <typename Count>
  void count(const char* key, std::optional<Count>& out) {
    if (const json* value = find(key); value && !value->is_null()) {
      read_count(*value, out.emplace());
    }
  }

  template <typename Count>
  void count(const char* key, Count& out) {
    if (const json* value = find(key)) {
      read_count(*value, out);
    }
  }

  template <typename Count>
  void counts(const char* key, std::vector<Count>& out) {
    for_each(key, [&](const json& item) { read_count(item, out.emplace_back()); });
  }

  void texts(const char* key, std::vector<std::string>& out) {
    for_each(key, [&](const json& item) { read_string(item, out.emplace_back()); });
  }

  // Reads each object of the array at `key` into a new item of `out`, with
  // `read(FieldReader&, item&)`; one bad object makes the whole unreadable.
  template <typename Item, typename Read>
  void objects(const char* key, std::vector<Item>& out, Read&& read) {
    for_each(key, [&](const json& object) {
      FieldReader fields(object);
      read(fields, out.emplace_back());
      if (!fields.ok()) {
        ok_ = false;
      }
    });
  }

  // Calls `read` with each item of the array at `key`.
  template <typename Read>
  void for_each(const char* key, Read&& read) {
    const json* value = find(key);
    if (!value) {
      return;
    }
    if (!value->is_array()) {
      ok_ = false;
      return;
    }
    for (const json& item : *value) {
      read(item);
    }
  }

 private:
  const json* find(const char* key) const {
    if (!ok_) {
      return nullptr;
    }
    const auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
  }

  void read_string(const json& value, std::string& out) {
    if (value.is_string()) {
      out = value.get<std::string>();
    } else {
      ok_ = false;
    }
  }

  template <typename Count>
  void read_count(const json& value, Count& out) {
    if (value.is_number_unsigned()) {
      out = value.get<Count>();
    } else {
      ok_ = false;
    }
  }

  const json& object_;
  bool ok_;
};

json fields_json(const StoredDeal& deal) {
  json ministries = json::array();
  for (const StoredMinistry& ministry : deal.ministries) {
    ministries.push_back({{"code", ministry.code}, {"name", ministry.name}});
  }
  json partners = json::array();
  for (const StoredPartner& partner : deal.partners) {
    json entry = {{"name", partner.name}, {"type", partner.type}};
    if (!partner.code.empty()) {
      entry["code"] = partner.code;
    }
    partners.push_back(std::move(entry));
  }
  json documents = json::array();
  for (const StoredDocument& document : deal.documents) {
    json entry = {{"url", document.url},
                  {"title", document.title},
                  {"type", document.type},
                  {"pages", document.pages ? json(*document.pages) : json()},
                  {"first", document.first_paragraph}};
    if (!document.etag.empty()) {
      entry["etag"] = document.etag;
    }
    if (!document.last_modified.empty()) {
      entry["last_modified"] = document.last_modified;
    }
    documents.push_back(std::move(entry));
  }
  json page_breaks = json::array();
  for (const PageBreak& page_break : deal.page_breaks) {
    page_breaks.push_back({page_break.paragraph, page_break.offset, page_break.page});
  }
  return {{"id", deal.id},
          {"title", deal.title},
          {"status", deal.status},
          {"signed", date_or_null(deal.signed_on)},
          {"started", date_or_null(deal.started_on)},
          {"ended", date_or_null(deal.ended_on)},
          {"year", deal.year},
          {"ministries", ministries},
          {"partners", partners},
          {"themes", deal.themes},
          {"url", deal.url},
          {"source", deal.source},
          {"documents", documents},
          {"pages", deal.paragraph_pages},
          {"page_breaks", page_breaks}};
}

bool read_fields(const json& fields, StoredDeal& deal) {
  FieldReader reader(fields);
  reader.text("id", deal.id);
  reader.text("title", deal.title);
  reader.text("status", deal.status);
  reader.date("signed", deal.signed_on);
  reader.date("started", deal.started_on);
  reader.date("ended", deal.ended_on);
  reader.text("year", deal.year);
  // One bad item makes the deal unreadable.
  reader.objects("ministries", deal.ministries, [](FieldReader& item, StoredMinistry& out) {
    item.text("code", out.code);
    item.text("name", out.name);
  });
  reader.objects("partners", deal.partners, [](FieldReader& item, StoredPartner& out) {
    item.text("name", out.name);
    item.text("type", out.type);
    item.text("code", out.code);
  });
  reader.texts("themes", deal.themes);
  reader.text("url", deal.url);
  reader.text("source", deal.source);
  reader.objects("documents", deal.documents, [](FieldReader& item, StoredDocument& out) {
    item.text("url", out.url);
    item.text("title", out.title);
    item.text("type", out.type);
    item.count("pages", out.pages);
    item.count("first", out.first_paragraph);
    item.text("etag", out.etag);
    item.text("last_modified", out.last_modified);
  });
  reader.counts("pages", deal.paragraph_pages);
  reader.for_each("page_breaks", [&](const json& item) {
    PageBreak& out = deal.page_breaks.emplace_back();
    if (!item.is_array() || item.size() != 3 || !item[0].is_number_unsigned() ||
        !item[1].is_number_unsigned() || !item[2].is_number_unsigned()) {
      reader.fail();
      return;
    }
    out = {item[0].get<size_t>(), item[1].get<size_t>(), item[2].get<uint32_t>()};
  });
  return reader.ok() && !deal.id.empty();
}

}  // namespace

DocumentPlace document_place(const StoredDeal& deal, size_t paragraph, size_t offset) {
  DocumentPlace place;
  for (const StoredDocument& document : deal.documents) {
    if (document.first_paragraph > paragraph && place.document) {
      break;
    }
    place.document = &document;
  }
  if (paragraph < deal.paragraph_pages.size()) {
    place.page = deal.paragraph_pages[paragraph];
  }
  for (const PageBreak& page_break : deal.page_breaks) {
    if (page_break.paragraph == paragraph && page_break.offset <= offset) {
      place.page = page_break.page;
    }
  }
  return place;
}

std::string encode_stored_deal(const StoredDeal& deal) {
  return encode_document_data(fields_json(deal).dump(), deal.paragraphs);
}

std::optional<StoredDeal> decode_stored_deal(std::string_view data, StoredText text) {
  const std::optional<DocumentData> decoded = decode_document_data(data);
  if (!decoded) {
    return std::nullopt;
  }
  const json fields = json::parse(decoded->display_json, nullptr, false);
  StoredDeal deal;
  if (!read_fields(fields, deal)) {
    return std::nullopt;
  }
  if (text == StoredText::kRead) {
    deal.paragraphs.assign(decoded->paragraphs.begin(), decoded->paragraphs.end());
  }
  return deal;
}

}  // namespace dealsearch::schema
