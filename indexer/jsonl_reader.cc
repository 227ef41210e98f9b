// read_jsonl: nlohmann::json per line, every field checked, every problem a diagnostic.
#include "indexer/jsonl_reader.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "indexer/dates.h"
#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

using nlohmann::json;

// Why `record` cannot be indexed, or nullopt if it can.
std::optional<std::string> check_fields(const json& record) {
  if (!record.is_object()) {
    return "expected a JSON object {\"title\": ..., \"body\": ...}";
  }
  for (const char* required : {"title", "body"}) {
    const auto field = record.find(required);
    if (field == record.end() || !field->is_string() ||
        field->get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos) {
      return std::string("missing or empty \"") + required + "\" (a non-empty string)";
    }
  }
  for (const char* text_field : {"id", "status", "signed", "url"}) {
    const auto field = record.find(text_field);
    if (field != record.end() && !field->is_null() && !field->is_string()) {
      return std::string("\"") + text_field + "\" must be a string";
    }
  }
  for (const char* list_field : {"partners", "themes"}) {
    const auto field = record.find(list_field);
    if (field == record.end() || field->is_null()) {
      continue;
    }
    if (!field->is_array() ||
        !std::all_of(field->begin(), field->end(), [](const json& v) { return v.is_string(); })) {
      return std::string("\"") + list_field + "\" must be an array of strings";
    }
  }
  if (const auto field = record.find("signed");
      field != record.end() && field->is_string() &&
      !is_iso_date(field->get_ref<const std::string&>())) {
    return "\"signed\" must be a date written YYYY-MM-DD, got \"" + field->get<std::string>() +
           "\"";
  }
  return std::nullopt;
}

std::string string_or_empty(const json& record, const char* name) {
  const auto field = record.find(name);
  return field != record.end() && field->is_string() ? field->get<std::string>() : "";
}

std::vector<std::string> strings_of(const json& record, const char* name) {
  const auto field = record.find(name);
  if (field == record.end() || !field->is_array()) {
    return {};
  }
  return field->get<std::vector<std::string>>();
}

DealRecord to_record(const json& record, std::string_view file_name, size_t line) {
  DealRecord deal;
  deal.id = string_or_empty(record, "id");
  deal.title = string_or_empty(record, "title");
  deal.status = string_or_empty(record, "status");
  if (std::string signed_on = string_or_empty(record, "signed"); !signed_on.empty()) {
    deal.signed_on = std::move(signed_on);
  }
  deal.partners = strings_of(record, "partners");
  deal.themes = strings_of(record, "themes");
  deal.url = string_or_empty(record, "url");
  deal.paragraphs = split_paragraphs(string_or_empty(record, "body"));
  deal.source = {std::string(file_name), line};
  return deal;
}

}  // namespace

std::optional<DealRecord> read_jsonl_line(std::string_view line, std::string_view file_name,
                                          size_t line_number,
                                          std::vector<Diagnostic>& diagnostics) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    return std::nullopt;
  }
  const json record = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) {
    diagnostics.push_back(
        {std::string(file_name), line_number, "not valid JSON; each line must be one JSON object"});
    return std::nullopt;
  }
  if (std::optional<std::string> problem = check_fields(record)) {
    diagnostics.push_back({std::string(file_name), line_number, *problem});
    return std::nullopt;
  }
  return to_record(record, file_name, line_number);
}

std::vector<DealRecord> read_jsonl(std::string_view text, std::string_view file_name,
                                   std::vector<Diagnostic>& diagnostics) {
  std::vector<DealRecord> records;
  size_t line_number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (std::optional<DealRecord> record =
            read_jsonl_line(line, file_name, line_number, diagnostics)) {
      records.push_back(std::move(*record));
    }
  }
  return records;
}

}  // namespace dealsearch::indexer
