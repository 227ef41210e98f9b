// IndexWriter: new build directory + atomic stub switch; updates in a Xapian transaction.
#include "indexer/index_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "indexer/fan_out.h"
#include "indexer/write_errors.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &utc);
  return buffer;
}

fs::path builds_dir(const fs::path& index) { return fs::path(index.string() + ".builds"); }

[[noreturn]] void throw_index_error(const fs::path& where, const std::string& what,
                                    const std::string& hint) {
  throw Error(ErrorKind::kIndex, what, where.string(), hint);
}

// Writes `contents` to `path` durably and atomically: a temporary file, fsync, rename, fsync
// of the directory.
void replace_file_atomically(const fs::path& path, const std::string& contents) {
  const fs::path temporary = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    throw_file_error(errno, "cannot create the index stub file", temporary.string());
  }
  const ssize_t written = ::write(fd, contents.data(), contents.size());
  int failure = 0;
  if (written != static_cast<ssize_t>(contents.size())) {
    failure = written < 0 ? errno : ENOSPC;  // a short write: the disk is full
  } else if (::fsync(fd) != 0) {
    failure = errno;
  }
  ::close(fd);
  if (failure == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) {
    failure = errno;
  }
  if (failure != 0) {
    ::unlink(temporary.c_str());
    throw_file_error(failure, "cannot switch the index to the new build", path.string());
  }
  const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

uint64_t directory_bytes(const fs::path& dir) {
  uint64_t bytes = 0;
  std::error_code ignored;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ignored)) {
    if (entry.is_regular_file(ignored)) {
      bytes += entry.file_size(ignored);
    }
  }
  return bytes;
}

}  // namespace

fs::path IndexWriter::current_build() const {
  std::error_code error;
  if (fs::is_directory(path_, error)) {
    throw_index_error(path_, "this is a directory, not a dealsearch index stub file",
                      "remove it, or give another path with --db");
  }
  std::ifstream stub(path_);
  if (!stub) {
    return {};
  }
  std::string backend, target;
  stub >> backend >> target;
  if (backend != "auto" || target.empty()) {
    throw_index_error(path_, "this file is not a dealsearch index stub",
                      "remove it, or give another path with --db");
  }
  return path_.parent_path() / target;
}

IndexWriter::IndexWriter(fs::path path, std::string analyzer_fingerprint,
                         const std::vector<Ministry>& ministries)
    : path_(std::move(path)),
      analyzer_fingerprint_(std::move(analyzer_fingerprint)),
      ministries_(ministries) {}

IndexWriter::~IndexWriter() {
  if (mode_ == Mode::kIdle) {
    return;
  }
  for (auto& part : parts_) {
    try {
      if (mode_ == Mode::kUpdate) {
        part->cancel_transaction();
      }
      part->close();
    } catch (const Xapian::Error&) {
      // Closing what we abandon: nothing was committed, so nothing can be lost.
    }
  }
  parts_.clear();
  if (mode_ == Mode::kRebuild) {
    std::error_code ignored;
    fs::remove_all(build_, ignored);
    fs::remove_all(build_.string() + ".parts", ignored);
  }
}

void IndexWriter::write_metadata() {
  Xapian::WritableDatabase* db_ = parts_.front().get();
  nlohmann::json names = nlohmann::json::object();
  nlohmann::json aliases = nlohmann::json::object();
  for (const Ministry& ministry : ministries_) {
    names[ministry.code] = ministry.name;
    for (const std::string& alias : ministry.aliases) {
      aliases[alias] = ministry.code;
    }
  }
  db_->set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
  db_->set_metadata(std::string(schema::kMetaAnalyzer), analyzer_fingerprint_);
  db_->set_metadata(std::string(schema::kMetaMinistryNames), names.dump());
  db_->set_metadata(std::string(schema::kMetaMinistryAliases), aliases.dump());
  db_->set_metadata(std::string(schema::kMetaThemeKeywords),
                    nlohmann::json(theme_keywords_).dump());
  db_->set_metadata(std::string(schema::kMetaBuiltAt), utc_now("%Y-%m-%dT%H:%M:%SZ"));
}

void IndexWriter::switch_to(const fs::path& build) const {
  // Relative, so that the data directory can move as a whole.
  const fs::path base = path_.parent_path().empty() ? fs::path(".") : path_.parent_path();
  replace_file_atomically(path_, "auto " + fs::relative(build, base).string() + "\n");
}

void IndexWriter::remove_old_builds(const fs::path& keep_new, const fs::path& keep_previous) const {
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(builds_dir(path_), ignored)) {
    const fs::path build = entry.path();
    if (fs::equivalent(build, keep_new, ignored) ||
        (!keep_previous.empty() && fs::equivalent(build, keep_previous, ignored))) {
      continue;
    }
    fs::remove_all(build, ignored);
  }
}

IndexStats IndexWriter::stats_of(const fs::path& build) const {
  IndexStats stats;
  with_write_errors(path_.string(), [&] {
    Xapian::Database db(build.string());
    stats.documents = db.get_doccount();
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
      ++stats.terms;
    }
    return 0;
  });
  std::set<std::string> partners;
  for (const std::set<std::string>& part : partners_) {
    partners.insert(part.begin(), part.end());
  }
  stats.partners = partners.size();
  stats.bytes = directory_bytes(build);
  stats.build = build;
  return stats;
}

// A rebuild holds the current build's lock while it runs, so that an update of the current build
// (or another rebuild) fails at once instead of being lost when the stub switches.
void IndexWriter::lock_current_build() {
  if (previous_.empty()) {
    return;
  }
  try {
    current_lock_ = std::make_unique<Xapian::WritableDatabase>(previous_.string(), Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError& error) {
    throw_write_error(error, path_.string());
  } catch (const Xapian::Error&) {
    // A current build that cannot be opened is what this rebuild replaces: nothing to guard.
  }
}

void IndexWriter::begin_rebuild(size_t parts) {
  previous_ = current_build();
  lock_current_build();
  // Time, process and nanoseconds: unique even for two builds in one second of one process.
  const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count() %
                           1'000'000'000;
  build_ = builds_dir(path_) / (utc_now("%Y%m%dT%H%M%SZ") + "-" + std::to_string(::getpid()) + "-" +
                                std::to_string(nanoseconds));
  std::error_code error;
  fs::create_directories(parts > 1 ? fs::path(build_.string() + ".parts") : build_.parent_path(),
                         error);
  if (error) {
    throw_file_error(error.value(), "cannot create the index directory",
                     build_.parent_path().string());
  }
  mode_ = Mode::kRebuild;  // from here on, the destructor removes what was written
  parts = std::max<size_t>(parts, 1);
  for (size_t k = 0; k < parts; ++k) {
    const fs::path where =
        parts == 1 ? build_ : fs::path(build_.string() + ".parts") / std::to_string(k);
    parts_.push_back(with_write_errors(path_.string(), [&] {
      return std::make_unique<Xapian::WritableDatabase>(
          where.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    }));
  }
  partners_.assign(parts, {});
}

void IndexWriter::begin_update() {
  build_ = current_build();
  if (build_.empty()) {
    begin_rebuild();
    return;
  }
  auto db = with_write_errors(path_.string(), [&] {
    return std::make_unique<Xapian::WritableDatabase>(build_.string(), Xapian::DB_OPEN);
  });
  const std::string built_with = with_write_errors(
      path_.string(), [&] { return db->get_metadata(std::string(schema::kMetaAnalyzer)); });
  if (built_with != analyzer_fingerprint_) {
    throw Error(ErrorKind::kSchemaMismatch,
                "the index was built with another analyzer (" + built_with + ")", path_.string(),
                "rebuild it: run 'dealsearch index' without --update");
  }
  with_write_errors(path_.string(), [&] {
    db->begin_transaction();
    return 0;
  });
  parts_.push_back(std::move(db));
  partners_.assign(1, {});
  mode_ = Mode::kUpdate;
}

void IndexWriter::add(const BuiltDeal& built, size_t part) {
  Xapian::WritableDatabase& db = *parts_.at(part);
  with_write_errors(path_.string(), [&] {
    if (mode_ == Mode::kRebuild) {
      db.add_document(built.document);  // ids are unique in a rebuild: nothing to replace
    } else {
      db.replace_document(std::string(schema::kId) + built.deal.id, built.document);
    }
    for (const auto& [word, count] : built.spelling_words) {
      db.add_spelling(word, count);
    }
    return 0;
  });
  for (const Partner& partner : built.deal.partners) {
    partners_[part].insert(partner.name);
  }
}

bool IndexWriter::remove(const std::string& id) {
  return with_write_errors(path_.string(), [&] {
    const std::string id_term = std::string(schema::kId) + id;
    for (auto& part : parts_) {
      if (part->term_exists(id_term)) {
        part->delete_document(id_term);
        return true;
      }
    }
    return false;
  });
}

// Several parts become one compacted database in build_: docids renumbered, spelling
// frequencies added up.
void IndexWriter::merge_parts(size_t part_count) {
  const fs::path part_dir = build_.string() + ".parts";
  with_write_errors(path_.string(), [&] {
    Xapian::Database sources;
    for (size_t k = 0; k < part_count; ++k) {
      sources.add_database(Xapian::Database((part_dir / std::to_string(k)).string()));
    }
    sources.compact(build_.string(), Xapian::Compactor::FULLER);
    return 0;
  });
  std::error_code ignored;
  fs::remove_all(part_dir, ignored);
}

IndexStats IndexWriter::commit() {
  with_write_errors(path_.string(), [&] {
    write_metadata();
    return 0;
  });
  // Committing writes out what each part holds in memory, the heaviest step of a small
  // build: every part on its own thread.
  fan_out(parts_.size(), [&](size_t k) {
    with_write_errors(path_.string(), [&] {
      mode_ == Mode::kUpdate ? parts_[k]->commit_transaction() : parts_[k]->commit();
      parts_[k]->close();
      return 0;
    });
  });
  const size_t part_count = parts_.size();
  parts_.clear();
  if (mode_ == Mode::kRebuild && part_count > 1) {
    merge_parts(part_count);
  }
  if (mode_ == Mode::kRebuild) {
    switch_to(build_);  // when this fails, the destructor still removes the new build
    remove_old_builds(build_, previous_);
  }
  mode_ = Mode::kIdle;
  current_lock_.reset();
  return stats_of(build_);
}

}  // namespace dealsearch::indexer
