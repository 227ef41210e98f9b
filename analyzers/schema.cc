#include "analyzers/schema.h"

#include <charconv>

namespace dealsearch::schema {

std::string encode_document_data(std::string_view display_json,
                                 const std::vector<std::string>& paragraphs) {
  std::string data(display_json);
  data += '\0';
  for (const std::string& paragraph : paragraphs) {
    data += std::to_string(paragraph.size());
    data += ':';
    data += paragraph;
  }
  return data;
}

std::optional<DocumentData> decode_document_data(std::string_view data) {
  const size_t end_of_json = data.find('\0');
  if (end_of_json == std::string_view::npos) {
    return std::nullopt;
  }
  DocumentData decoded{data.substr(0, end_of_json), {}};
  std::string_view rest = data.substr(end_of_json + 1);
  while (!rest.empty()) {
    size_t length = 0;
    const auto [colon, error] = std::from_chars(rest.data(), rest.data() + rest.size(), length);
    const size_t digits = static_cast<size_t>(colon - rest.data());
    if (error != std::errc() || digits == 0 || digits >= rest.size() || *colon != ':' ||
        length > rest.size() - digits - 1) {
      return std::nullopt;
    }
    decoded.paragraphs.push_back(rest.substr(digits + 1, length));
    rest.remove_prefix(digits + 1 + length);
  }
  return decoded;
}

}  // namespace dealsearch::schema
