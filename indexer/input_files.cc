// read_inputs: files, directories and "-", each parsed by its format.
#include "indexer/input_files.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "indexer/citydeal_page.h"
#include "indexer/jsonl_reader.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

bool is_jsonl_name(const fs::path& path) { return path.extension() == ".jsonl"; }

bool looks_like_jsonl(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

// Invalid UTF-8 in JSON Lines costs the bad lines only; in a page, the whole page.
std::string without_invalid_lines(std::string_view text, const std::string& name,
                                  std::vector<Diagnostic>& diagnostics) {
  std::string kept;
  size_t line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view current = text.substr(start, end - start);
    ++line;
    if (first_invalid_utf8_line(current) != 0) {
      diagnostics.push_back({name, line, "invalid UTF-8; save the file as UTF-8"});
      kept += '\n';  // keeps the line numbers of what follows
    } else {
      kept += current;
    }
    start = end;
  }
  return kept;
}

// Why `record` breaks a limit of deal_record.h, or nullopt if it keeps them all.
std::optional<std::string> over_limit(const DealRecord& record) {
  const auto too_long = [](std::string_view field, size_t bytes, size_t limit) {
    return std::string(field) + " has " + std::to_string(bytes) + " bytes; at most " +
           std::to_string(limit) + " are allowed";
  };
  if (record.title.size() > kMaxTitleBytes) {
    return too_long("the title", record.title.size(), kMaxTitleBytes) +
           " (is the text in the title's place?)";
  }
  if (record.id.size() > kMaxIdBytes) {
    return too_long("\"id\"", record.id.size(), kMaxIdBytes);
  }
  return std::nullopt;
}

// Keeps the records within the limits; the others become diagnostics.
void add_records(std::vector<DealRecord> records, InputRecords& out) {
  for (DealRecord& record : records) {
    if (std::optional<std::string> problem = over_limit(record)) {
      out.diagnostics.push_back({record.source.file, record.source.line, *problem});
    } else {
      out.records.push_back(std::move(record));
    }
  }
}

void read_text(std::string_view text, const std::string& name, bool jsonl, InputRecords& out) {
  ++out.files;
  if (jsonl) {
    const std::string valid = without_invalid_lines(text, name, out.diagnostics);
    add_records(read_jsonl(valid, name, out.diagnostics), out);
    return;
  }
  if (const size_t bad_line = first_invalid_utf8_line(text); bad_line != 0) {
    out.diagnostics.push_back(
        {name, bad_line, "invalid UTF-8; save the file as UTF-8 (the page was not read)"});
    return;
  }
  add_records(read_citydeal_page(text, name, out.diagnostics), out);
}

void read_file(const fs::path& path, InputRecords& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.diagnostics.push_back(
        {path.string(), 0, "cannot read this file; check it exists and is readable"});
    return;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  read_text(contents.str(), path.string(), is_jsonl_name(path), out);
}

void read_directory(const fs::path& dir, InputRecords& out) {
  std::vector<fs::path> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path& path = it->path();
    if (it->is_regular_file() && (path.extension() == ".txt" || path.extension() == ".jsonl")) {
      files.push_back(path);
    }
  }
  if (error) {
    out.diagnostics.push_back({dir.string(), 0, "cannot read this directory: " + error.message()});
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    read_file(file, out);
  }
}

}  // namespace

size_t first_invalid_utf8_line(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  size_t line = 1;
  for (int32_t i = 0; i < length;) {
    if (bytes[i] == '\n') {
      ++line;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return line;
    }
  }
  return 0;
}

InputRecords read_inputs(const std::vector<std::string>& inputs) {
  InputRecords out;
  for (const std::string& input : inputs) {
    if (input == "-") {
      const std::string text(std::istreambuf_iterator<char>(std::cin), {});
      read_text(text, "<stdin>", looks_like_jsonl(text), out);
      continue;
    }
    std::error_code error;
    if (fs::is_directory(input, error)) {
      read_directory(input, out);
    } else if (fs::exists(input, error)) {
      read_file(input, out);
    } else {
      out.diagnostics.push_back({input, 0, "no such file or directory"});
    }
  }
  return out;
}

}  // namespace dealsearch::indexer
