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

  void texts(const char* key, std::vector<std::string>& out) {
    for_each(key, [&](const json& item) { read_string(item, out.emplace_back()); });
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
          {"source", deal.source}};
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
  reader.for_each("ministries", [&](const json& item) {
    FieldReader ministry(item);
    StoredMinistry& out = deal.ministries.emplace_back();
    ministry.text("code", out.code);
    ministry.text("name", out.name);
    if (!ministry.ok()) {
      reader.fail();  // one bad item: the deal is unreadable
    }
  });
  reader.for_each("partners", [&](const json& item) {
    FieldReader partner(item);
    StoredPartner& out = deal.partners.emplace_back();
    partner.text("name", out.name);
    partner.text("type", out.type);
    partner.text("code", out.code);
    if (!partner.ok()) {
      reader.fail();
    }
  });
  reader.texts("themes", deal.themes);
  reader.text("url", deal.url);
  reader.text("source", deal.source);
  return reader.ok() && !deal.id.empty();
}

}  // namespace

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
