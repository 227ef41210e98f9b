// RecordSpool: length-prefixed records in an unnamed temporary file.
#include "indexer/record_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "analyzers/error.h"
#include "indexer/deal_ids.h"
#include "indexer/write_errors.h"

namespace dealsearch::indexer {
namespace {

// Numbers are written as 8 bytes in the machine's order: the spool never leaves the process
// that wrote it.
class Encoder {
 public:
  void number(uint64_t value) { out_.append(reinterpret_cast<const char*>(&value), sizeof value); }
  void text(std::string_view value) {
    number(value.size());
    out_.append(value);
  }
  void texts(const std::vector<std::string>& values) {
    number(values.size());
    for (const std::string& value : values) {
      text(value);
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  uint64_t number() {
    uint64_t value = 0;
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    return value;
  }
  std::string text() { return std::string(take(number())); }
  std::vector<std::string> texts() {
    std::vector<std::string> values(count());
    for (std::string& value : values) {
      value = text();
    }
    return values;
  }
  // A count of elements, each of at least one byte: a bad count cannot ask for a huge vector.
  size_t count() {
    const uint64_t n = number();
    if (n > in_.size()) {
      throw std::runtime_error("spooled record: a count beyond its bytes");
    }
    return n;
  }
  bool at_end() const { return in_.empty(); }

 private:
  std::string_view take(uint64_t bytes) {
    if (bytes > in_.size()) {
      throw std::runtime_error("spooled record: cut short");
    }
    const std::string_view taken = in_.substr(0, bytes);
    in_.remove_prefix(bytes);
    return taken;
  }
  std::string_view in_;
};

// The spool's file: O_TMPFILE where the file system has it (no name ever), else a name
// unlinked at once.
std::FILE* open_unnamed(const std::filesystem::path& directory) {
  int fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string name = (directory / "record-spool-XXXXXX").string();
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) {
      ::unlink(name.c_str());
    }
  }
  if (fd < 0) {
    return nullptr;
  }
  std::FILE* file = ::fdopen(fd, "w+b");
  if (file == nullptr) {
    ::close(fd);
  }
  return file;
}

}  // namespace

std::string encode_record(const DealRecord& record) {
  Encoder out;
  out.text(record.id);
  out.text(record.title);
  out.text(record.status);
  out.number(record.signed_on.has_value());
  out.text(record.signed_on.value_or(""));
  out.texts(record.partners);
  out.texts(record.themes);
  out.text(record.url);
  out.texts(record.paragraphs);
  out.number(record.documents.size());
  for (const SourceDocument& document : record.documents) {
    out.text(document.url);
    out.text(document.title);
    out.text(document.type);
    out.number(document.pages.has_value());
    out.number(document.pages.value_or(0));
    out.number(document.first_paragraph);
    out.text(document.etag);
    out.text(document.last_modified);
  }
  out.number(record.paragraph_pages.size());
  for (const uint32_t page : record.paragraph_pages) {
    out.number(page);
  }
  out.number(record.page_breaks.size());
  for (const schema::PageBreak& page_break : record.page_breaks) {
    out.number(page_break.paragraph);
    out.number(page_break.offset);
    out.number(page_break.page);
  }
  out.text(record.source.file);
  out.number(record.source.line);
  return out.take();
}

DealRecord decode_record(std::string_view bytes) {
  Decoder in(bytes);
  DealRecord record;
  record.id = in.text();
  record.title = in.text();
  record.status = in.text();
  const bool has_signed_on = in.number() != 0;
  std::string signed_on = in.text();
  if (has_signed_on) {
    record.signed_on = std::move(signed_on);
  }
  record.partners = in.texts();
  record.themes = in.texts();
  record.url = in.text();
  record.paragraphs = in.texts();
  record.documents.resize(in.count());
  for (SourceDocument& document : record.documents) {
    document.url = in.text();
    document.title = in.text();
    document.type = in.text();
    const bool has_pages = in.number() != 0;
    const auto pages = static_cast<uint32_t>(in.number());
    if (has_pages) {
      document.pages = pages;
    }
    document.first_paragraph = in.number();
    document.etag = in.text();
    document.last_modified = in.text();
  }
  record.paragraph_pages.resize(in.count());
  for (uint32_t& page : record.paragraph_pages) {
    page = static_cast<uint32_t>(in.number());
  }
  record.page_breaks.resize(in.count());
  for (schema::PageBreak& page_break : record.page_breaks) {
    page_break.paragraph = in.number();
    page_break.offset = in.number();
    page_break.page = static_cast<uint32_t>(in.number());
  }
  record.source.file = in.text();
  record.source.line = in.number();
  if (!in.at_end()) {
    throw std::runtime_error("spooled record: bytes left over");
  }
  return record;
}

RecordSpool::RecordSpool(const std::filesystem::path& directory, const analyzers::Folder& folder)
    : directory_(directory), folder_(folder) {
  std::error_code error;
  created_directory_ = std::filesystem::create_directories(directory, error);
  if (error) {
    throw_file_error(error.value(), "cannot create the directory for the records read",
                     directory_.string());
  }
  file_ = open_unnamed(directory);
  if (file_ == nullptr) {
    const int open_error = errno;
    remove_created_directory();
    throw_file_error(open_error, "cannot create a temporary file for the records read",
                     directory_.string());
  }
}

RecordSpool::~RecordSpool() {
  std::fclose(file_);
  remove_created_directory();
}

// A run that wrote nothing (bad input) leaves no trace; removes only an empty directory.
void RecordSpool::remove_created_directory() const {
  if (created_directory_) {
    std::error_code ignored;
    std::filesystem::remove(directory_, ignored);
  }
}

void RecordSpool::write(const std::string& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw_file_error(errno, "cannot write the records read to a temporary file",
                     directory_.string());
  }
}

void RecordSpool::append(const DealRecord& record) {
  if (reading_) {
    throw std::logic_error("RecordSpool::append after read");
  }
  ids_.push_back(deal_id(record, folder_));
  stored_.push_back(!holds_ || holds_(ids_.back()));
  if (stored_.back()) {
    const std::string bytes = encode_record(record);
    const uint64_t length = bytes.size();
    write(std::string(reinterpret_cast<const char*>(&length), sizeof length));
    write(bytes);
  }
  if (file_names_.empty() || file_names_.back() != record.source.file) {
    file_names_.push_back(record.source.file);
  }
  files_of_.push_back(static_cast<uint32_t>(file_names_.size() - 1));
  lines_.push_back(record.source.line);
}

SourceLocation RecordSpool::source(size_t ordinal) const {
  return {file_names_.at(files_of_.at(ordinal)), lines_.at(ordinal)};
}

std::vector<bool> RecordSpool::last_of_each_id(std::vector<Diagnostic>& warnings) const {
  std::unordered_map<std::string_view, size_t> last;
  for (size_t i = 0; i < ids_.size(); ++i) {
    const auto [it, inserted] = last.emplace(ids_[i], i);
    if (!inserted) {
      const SourceLocation here = source(i);
      warnings.push_back({here.file, here.line,
                          "id '" + ids_[i] + "' also at " + source(it->second).to_string() +
                              "; this one is indexed (give one another \"id\" to keep both)"});
      it->second = i;
    }
  }
  std::vector<bool> kept(ids_.size());
  for (size_t i = 0; i < ids_.size(); ++i) {
    kept[i] = last.at(ids_[i]) == i;
  }
  return kept;
}

void RecordSpool::read_exactly(char* into, size_t bytes) {
  if (std::fread(into, 1, bytes, file_) != bytes) {
    // A short read at the end of the file sets no errno: the spool was cut short under us.
    throw_file_error(std::ferror(file_) != 0 && errno != 0 ? errno : EIO,
                     "cannot read back the records read", directory_.string());
  }
}

// Reads through rather than seeking: the records are read in order, so the bytes to skip are
// mostly in stdio's buffer already, and a seek would throw that buffer away.
void RecordSpool::skip(size_t bytes) {
  std::array<char, 64 * 1024> scratch;
  while (bytes > 0) {
    const size_t chunk = std::min(bytes, scratch.size());
    read_exactly(scratch.data(), chunk);
    bytes -= chunk;
  }
}

RecordSpool::Reader RecordSpool::read(std::vector<bool> wanted) {
  if (wanted.size() != size()) {
    throw std::logic_error("RecordSpool::read: one flag a record");
  }
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i] && !stored_[i]) {
      throw std::logic_error("RecordSpool::read: record " + ids_[i] + " was kept by id only");
    }
  }
  if (std::fflush(file_) != 0) {
    throw_file_error(errno, "cannot write the records read to a temporary file",
                     directory_.string());
  }
  std::rewind(file_);
  reading_ = true;
  return Reader(*this, std::move(wanted));
}

RecordSpool::Reader::Reader(RecordSpool& spool, std::vector<bool> wanted)
    : spool_(spool), wanted_(std::move(wanted)) {}

std::vector<DealRecord> RecordSpool::Reader::next(size_t max) {
  std::vector<DealRecord> records;
  std::string bytes;
  while (records.size() < max && ordinal_ < wanted_.size()) {
    if (!spool_.stored_[ordinal_]) {
      ++ordinal_;  // its bytes were never written
      continue;
    }
    uint64_t length = 0;
    spool_.read_exactly(reinterpret_cast<char*>(&length), sizeof length);
    const bool wanted = wanted_[ordinal_++];
    if (!wanted) {
      spool_.skip(length);
      continue;
    }
    bytes.resize(length);
    spool_.read_exactly(bytes.data(), length);
    records.push_back(decode_record(bytes));
  }
  return records;
}

}  // namespace dealsearch::indexer
