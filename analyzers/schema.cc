#include "analyzers/schema.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdint>

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

namespace {

// FNV-1a, 64 bits: byte by byte, so that it is the same on every machine whatever its byte
// order.
uint64_t fnv1a_64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

size_t shard_of(std::string_view id, size_t shard_count) {
  assert(shard_count >= 1);
  return static_cast<size_t>(fnv1a_64(id) % shard_count) + 1;
}

Xapian::valueno facet_slot(const Facet& facet, std::string_view value) {
  assert(facet.slot_count >= 1);
  return facet.first_slot + static_cast<Xapian::valueno>(fnv1a_64(value) % facet.slot_count);
}

void set_facet_values(Xapian::Document& doc) {
  for (const Facet& facet : kFacets) {
    std::vector<std::string> slots(facet.slot_count);
    // A document's terms come sorted, so a facet's are the run from its prefix on, each value
    // once and in byte order: every slot's values come out sorted.
    auto term = doc.termlist_begin();
    term.skip_to(std::string(facet.prefix));
    for (; term != doc.termlist_end(); ++term) {
      const std::string name = *term;
      if (!name.starts_with(facet.prefix)) {
        break;
      }
      const std::string_view value = std::string_view(name).substr(facet.prefix.size());
      if (value.empty() || value.find(kFacetValueSeparator) != std::string_view::npos) {
        continue;
      }
      std::string& slot = slots[facet_slot(facet, value) - facet.first_slot];
      if (!slot.empty()) {
        slot += kFacetValueSeparator;
      }
      slot += value;
    }
    for (Xapian::valueno i = 0; i < facet.slot_count; ++i) {
      if (slots[i].empty()) {
        if (!doc.get_value(facet.first_slot + i).empty()) {
          doc.remove_value(facet.first_slot + i);  // which throws for a value not there
        }
      } else {
        doc.add_value(facet.first_slot + i, slots[i]);
      }
    }
  }
}

std::vector<std::string_view> facet_slot_values(std::string_view slot) {
  std::vector<std::string_view> values;
  while (!slot.empty()) {
    const size_t end = std::min(slot.find(kFacetValueSeparator), slot.size());
    values.push_back(slot.substr(0, end));
    slot.remove_prefix(std::min(end + 1, slot.size()));
  }
  return values;
}

std::string format_shard(size_t shard, size_t shard_count) {
  return std::to_string(shard) + "/" + std::to_string(shard_count);
}

std::optional<std::pair<size_t, size_t>> parse_shard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  const auto number = [](std::string_view digits) -> std::optional<size_t> {
    size_t value = 0;
    const char* end = digits.data() + digits.size();
    const auto [stopped, error] = std::from_chars(digits.data(), end, value);
    if (digits.empty() || error != std::errc() || stopped != end) {
      return std::nullopt;
    }
    return value;
  };
  const std::optional<size_t> shard = number(text.substr(0, slash));
  const std::optional<size_t> count = number(text.substr(slash + 1));
  if (!shard || !count || *shard < 1 || *shard > *count || *count > kMaxShards) {
    return std::nullopt;
  }
  return std::pair{*shard, *count};
}

}  // namespace dealsearch::schema
