// IndexWriter: a new build directory of one or N shards + an atomic stub switch; updates in
// a Xapian transaction on each shard.
#include "indexer/index_writer.h"

#include <malloc.h>
#include <unistd.h>

#include <cassert>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "analyzers/spelling_words.h"
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

// A new schema::kMetaCommit: 128 random bits in hex.
std::string commit_token() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char token[33];
  std::snprintf(token, sizeof token, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return token;
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

// The entries of `builds` that hold `databases`: a build directory is a database itself, or (a
// --shards build) the directory of its shards.
std::vector<fs::path> builds_of(const std::vector<fs::path>& databases, const fs::path& builds) {
  std::vector<fs::path> found;
  std::error_code ignored;
  for (const fs::path& database : databases) {
    found.push_back(fs::equivalent(database.parent_path(), builds, ignored)
                        ? database
                        : database.parent_path());
  }
  return found;
}

std::string shard_list(const std::vector<std::string>& shards) {
  std::string list;
  for (const std::string& shard : shards) {
    list += (list.empty() ? "" : ", ") + shard;
  }
  return list;
}

// The process's resident size, from /proc/self/statm; 0 if it cannot be read.
uint64_t resident_bytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) {
    return 0;
  }
  unsigned long long total_pages = 0;
  unsigned long long resident_pages = 0;
  const bool read = std::fscanf(statm, "%llu %llu", &total_pages, &resident_pages) == 2;
  std::fclose(statm);
  return read ? resident_pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

// Bytes the process has taken from malloc and not given back (every arena, and the blocks
// it mapped on their own): what a flush can lower, unlike the resident size, which keeps
// what malloc keeps for reuse. An allocator that reports nothing to mallinfo2 (a
// sanitizer's) is judged by the resident size instead.
uint64_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  const uint64_t heap = info.uordblks + info.hblkhd;
  return heap > 0 ? heap : resident_bytes();
}

// Words added to a spelling table between two commits (write_spelling_tables()).
constexpr size_t kSpellingWordsBetweenCommits = 10'000;

// How many deals a part takes between two looks at the heap (mallinfo2 locks every arena).
constexpr size_t kDealsBetweenMemoryChecks = 16;

}  // namespace

fs::path builds_directory(const fs::path& index) { return fs::path(index.string() + ".builds"); }

fs::path IndexWriter::builds_directory() const { return indexer::builds_directory(path_); }

fs::path IndexWriter::current_build() const {
  const std::vector<fs::path> databases = stub_databases(path_);
  if (databases.empty()) {
    return {};
  }
  return databases.size() == 1 ? databases.front() : databases.front().parent_path();
}

IndexWriter::IndexWriter(fs::path path, const DealBuilder& builder, ShardLayout layout)
    : path_(std::move(path)),
      analyzer_fingerprint_(builder.analyzer().fingerprint()),
      ministries_(builder.gazetteer().ministries()),
      analyzer_data_(builder.analyzer_data()),
      gazetteer_(builder.gazetteer()),
      requested_(layout),
      layout_(layout) {}

IndexWriter::~IndexWriter() {
  if (mode_ == Mode::kIdle) {
    return;
  }
  for (Shard& shard : shards_) {
    for (auto& part : shard.parts) {
      try {
        if (mode_ == Mode::kUpdate && !shard.committed) {
          part->cancel_transaction();
        }
        part->close();
      } catch (const Xapian::Error&) {
        // Closing what we abandon: nothing was committed, so nothing can be lost.
      }
    }
  }
  if (mode_ == Mode::kRebuild) {
    std::error_code ignored;
    for (const Shard& shard : shards_) {
      fs::remove_all(shard.where.string() + ".parts", ignored);
    }
    fs::remove_all(build_, ignored);
  }
}

IndexWriter::Shard& IndexWriter::shard_for(std::string_view id) {
  assert(holds(id) && "a deal of another shard: index_records() leaves those out");
  if (layout_.only == 0 && layout_.count > 1) {
    return shards_.at(schema::shard_of(id, layout_.count) - 1);
  }
  return shards_.front();
}

void IndexWriter::write_metadata(Shard& shard) {
  Xapian::WritableDatabase* db_ = shard.parts.front().get();
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
  db_->set_metadata(std::string(schema::kMetaCommit), commit_token());
  if (layout_ != ShardLayout{}) {
    db_->set_metadata(std::string(schema::kMetaShard),
                      schema::format_shard(shard.number, layout_.count));
  }
}

void IndexWriter::remove_old_builds() const {
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(builds_directory(), ignored)) {
    const fs::path build = entry.path();
    bool keep = fs::equivalent(build, build_, ignored);
    for (const fs::path& previous : previous_) {
      keep = keep || fs::equivalent(build, previous, ignored);
    }
    if (!keep) {
      fs::remove_all(build, ignored);
    }
  }
}

IndexStats IndexWriter::stats() const {
  IndexStats stats;
  stats.layout = layout_;
  stats.build = build_;
  stats.memory_flushes = memory_flushes_;
  with_write_errors(path_.string(), [&] {
    Xapian::Database all;
    for (const Shard& shard : shards_) {
      Xapian::Database db(shard.where.string());
      stats.documents_per_shard.push_back(db.get_doccount());
      all.add_database(db);
    }
    stats.documents = all.get_doccount();
    for (auto term = all.allterms_begin(); term != all.allterms_end(); ++term) {
      ++stats.terms;
    }
    return 0;
  });
  std::set<std::string> partners;
  for (const std::set<std::string>& part : partners_) {
    partners.insert(part.begin(), part.end());
  }
  stats.partners = partners.size();
  for (const Shard& shard : shards_) {
    stats.bytes += directory_bytes(shard.where);
  }
  return stats;
}

// A rebuild holds the current build's locks while it runs, so that an update of the current
// build (or another rebuild) fails at once instead of being lost when the stub switches.
void IndexWriter::lock_current_build(const std::vector<fs::path>& databases) {
  for (const fs::path& database : databases) {
    try {
      current_locks_.push_back(
          std::make_unique<Xapian::WritableDatabase>(database.string(), Xapian::DB_OPEN));
    } catch (const Xapian::DatabaseLockError& error) {
      throw_write_error(error, path_.string());
    } catch (const Xapian::Error&) {
      // A current build that cannot be opened is what this rebuild replaces: nothing to guard.
    }
  }
}

void IndexWriter::begin_rebuild(size_t parts) {
  assert(mode_ == Mode::kIdle);
  layout_ = requested_;
  shards_.clear();
  current_locks_.clear();
  const std::vector<fs::path> current = stub_databases(path_);
  previous_ = builds_of(current, builds_directory());
  lock_current_build(current);
  // Time, process and nanoseconds: unique even for two builds in one second of one process.
  const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count() %
                           1'000'000'000;
  build_ = builds_directory() / (utc_now("%Y%m%dT%H%M%SZ") + "-" + std::to_string(::getpid()) +
                                 "-" + std::to_string(nanoseconds));
  // All N shards of a --shards build in one directory, which the next rebuild removes whole.
  const bool several = layout_.only == 0 && layout_.count > 1;
  parts = std::max<size_t>(parts, 1);
  std::error_code error;
  fs::create_directories(several ? build_ : build_.parent_path(), error);
  mode_ = Mode::kRebuild;  // from here on, the destructor removes what was written
  for (const size_t number : layout_.shards()) {
    Shard& shard = shards_.emplace_back();
    shard.number = number;
    shard.where = several ? build_ / ("shard-" + std::to_string(number)) : build_;
    if (parts > 1 && !error) {
      fs::create_directories(shard.where.string() + ".parts", error);
    }
    if (error) {
      throw_file_error(error.value(), "cannot create the index directory", build_.string());
    }
    for (size_t k = 0; k < parts; ++k) {
      const fs::path where =
          parts == 1 ? shard.where : fs::path(shard.where.string() + ".parts") / std::to_string(k);
      shard.parts.push_back(with_write_errors(path_.string(), [&] {
        return std::make_unique<Xapian::WritableDatabase>(
            where.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      }));
    }
  }
  partners_.assign(parts, {});
  adds_since_memory_check_.assign(parts, 0);
  memory_flushes_ = 0;
}

void IndexWriter::begin_update() {
  assert(mode_ == Mode::kIdle);
  layout_ = requested_;
  shards_.clear();
  const std::vector<fs::path> databases = stub_databases(path_);
  if (databases.empty()) {
    begin_rebuild();
    return;
  }
  const ShardLayout actual = read_shard_layout(path_).value_or(ShardLayout{});
  if (std::optional<Error> mismatch = update_layout_error(path_, actual, requested_)) {
    throw Error(*mismatch);
  }
  layout_ = actual;
  build_ = current_build();
  // Every shard opened and checked before any is written: another writer's lock or another
  // analyzer stops the update with nothing changed.
  const std::vector<size_t> numbers = layout_.shards();
  for (size_t k = 0; k < databases.size(); ++k) {
    Shard& shard = shards_.emplace_back();
    shard.number = numbers.at(k);
    shard.where = databases[k];
    shard.parts.push_back(with_write_errors(path_.string(), [&] {
      return std::make_unique<Xapian::WritableDatabase>(shard.where.string(), Xapian::DB_OPEN);
    }));
    const std::string built_with = with_write_errors(path_.string(), [&] {
      return shard.parts.front()->get_metadata(std::string(schema::kMetaAnalyzer));
    });
    if (built_with != analyzer_fingerprint_) {
      throw Error(ErrorKind::kSchemaMismatch,
                  "the index was built with another analyzer (" + built_with + ")", path_.string(),
                  "rebuild it: run 'dealsearch index' without --update");
    }
  }
  mode_ = Mode::kUpdate;  // from here on, the destructor cancels the transactions
  for (Shard& shard : shards_) {
    with_write_errors(path_.string(), [&] {
      shard.parts.front()->begin_transaction();
      return 0;
    });
  }
  partners_.assign(1, {});
}

void IndexWriter::add(const BuiltDeal& built, size_t part) {
  Shard& shard = shard_for(built.deal.id);
  Xapian::WritableDatabase& db = *shard.parts.at(part);
  with_write_errors(path_.string(), [&] {
    if (mode_ == Mode::kRebuild) {
      db.add_document(built.document);  // ids are unique in a rebuild: nothing to replace
    } else {
      const std::string id_term = std::string(schema::kId) + built.deal.id;
      touch_words_of_deal(shard, id_term);  // of the deal it replaces, if any
      touch_words(shard, built.document.termlist_begin(), built.document.termlist_end());
      db.replace_document(id_term, built.document);
    }
    return 0;
  });
  if (mode_ == Mode::kRebuild) {
    flush_if_memory_is_short(db, part);
  }
  for (const Partner& partner : built.deal.partners) {
    partners_[part].insert(partner.name);
  }
}

// Only a rebuild's parts: an update's transaction holds its changes until it commits.
void IndexWriter::flush_if_memory_is_short(Xapian::WritableDatabase& db, size_t part) {
  if (memory_limit_ == 0 || ++adds_since_memory_check_[part] < kDealsBetweenMemoryChecks) {
    return;
  }
  adds_since_memory_check_[part] = 0;
  if (static_cast<double>(heap_in_use()) >
      kFlushAtShareOfLimit * static_cast<double>(memory_limit_)) {
    with_write_errors(path_.string(), [&] {
      db.commit();
      return 0;
    });
    ++memory_flushes_;
  }
}

bool IndexWriter::remove(const std::string& id) {
  if (!holds(id)) {
    return false;
  }
  return with_write_errors(path_.string(), [&] {
    const std::string id_term = std::string(schema::kId) + id;
    Shard& shard = shard_for(id);
    for (auto& part : shard.parts) {
      if (part->term_exists(id_term)) {
        if (mode_ == Mode::kUpdate) {
          touch_words_of_deal(shard, id_term);
        }
        part->delete_document(id_term);
        return true;
      }
    }
    return false;
  });
}

void IndexWriter::touch_words(Shard& shard, Xapian::TermIterator term,
                              const Xapian::TermIterator& end) {
  analyzers::for_each_spelling_word(std::move(term), end, *analyzer_data_,
                                    [&](const std::string& word, const Xapian::TermIterator&) {
                                      shard.touched_words.insert(word);
                                    });
}

void IndexWriter::touch_words_of_deal(Shard& shard, const std::string& id_term) {
  Xapian::WritableDatabase& db = *shard.parts.front();
  const Xapian::PostingIterator found = db.postlist_begin(id_term);
  if (found != db.postlist_end(id_term)) {
    touch_words(shard, db.termlist_begin(*found), db.termlist_end(*found));
  }
}

// Each shard's spelling table from the term frequencies of its words, once every deal is in
// and every part committed: a word the collection has in enough deals (or a name's) with the
// number of the shard's deals that have it. Written into each shard's first part, which the
// merge then compacts with the others.
void IndexWriter::write_spelling_tables() {
  Xapian::Database collection;
  std::vector<Xapian::Database> shard_databases;
  for (const Shard& shard : shards_) {
    Xapian::Database& db = shard_databases.emplace_back();
    for (const auto& part : shard.parts) {
      db.add_database(*part);
    }
    collection.add_database(db);
  }
  const Xapian::doccount min_deals = schema::spelling_min_deals(collection.get_doccount());
  for (size_t k = 0; k < shards_.size(); ++k) {
    // The words are gathered before any is added, so that the commits below never run under
    // an open term iterator of the same database.
    std::vector<std::pair<std::string, Xapian::doccount>> kept;
    const Xapian::Database& shard = shard_databases[k];
    analyzers::for_each_spelling_word(
        shard.allterms_begin(), shard.allterms_end(), *analyzer_data_,
        [&](const std::string& word, const Xapian::TermIterator& at) {
          const Xapian::doccount deals = at.get_termfreq();
          const Xapian::doccount in_collection =
              shards_.size() == 1 ? deals : collection.get_termfreq(word);
          if (in_collection >= min_deals || gazetteer_.is_name_word(word)) {
            kept.emplace_back(word, deals);
          }
        });
    // Xapian holds a spelling table's changes in memory until a commit (each word in a set
    // per fragment of it: about 500 bytes a word). Committed every so many words, so that a
    // collection's vocabulary does not lift the peak: at 10,000 deals, one commit for all
    // words put the peak RSS 50 MB above the build's own; a commit every 10,000 words, 7 MB.
    Xapian::WritableDatabase& target = *shards_[k].parts.front();
    for (size_t i = 0; i < kept.size(); ++i) {
      target.add_spelling(kept[i].first, kept[i].second);
      if ((i + 1) % kSpellingWordsBetweenCommits == 0) {
        target.commit();
      }
    }
    target.commit();
  }
}

// The touched words' spelling frequencies in each shard set to what a rebuild would write
// now (write_spelling_tables()). A transaction's term frequencies count its own changes, and
// so does a spelling word list opened in it (Xapian 1.4 has no get_spelling_frequency()):
// one pass over each shard's list reads them all before any changes.
void IndexWriter::update_spelling_of_touched_words() {
  std::set<std::string> touched;
  Xapian::doccount collection_size = 0;
  for (Shard& shard : shards_) {
    touched.merge(shard.touched_words);
    collection_size += shard.parts.front()->get_doccount();
  }
  const std::vector<std::string> words(touched.begin(), touched.end());
  std::vector<std::vector<Xapian::termcount>> spelled(shards_.size(),
                                                      std::vector<Xapian::termcount>(words.size()));
  for (size_t k = 0; k < shards_.size(); ++k) {
    const Xapian::WritableDatabase& db = *shards_[k].parts.front();
    Xapian::TermIterator listed = db.spellings_begin();
    for (size_t i = 0; i < words.size() && listed != db.spellings_end(); ++i) {
      listed.skip_to(words[i]);
      if (listed != db.spellings_end() && *listed == words[i]) {
        spelled[k][i] = listed.get_termfreq();
      }
    }
  }
  const Xapian::doccount min_deals = schema::spelling_min_deals(collection_size);
  std::vector<Xapian::doccount> deals(shards_.size());
  for (size_t i = 0; i < words.size(); ++i) {
    Xapian::doccount in_collection = 0;
    for (size_t k = 0; k < shards_.size(); ++k) {
      deals[k] = shards_[k].parts.front()->get_termfreq(words[i]);
      in_collection += deals[k];
    }
    const bool kept = in_collection >= min_deals || gazetteer_.is_name_word(words[i]);
    for (size_t k = 0; k < shards_.size(); ++k) {
      Xapian::WritableDatabase& db = *shards_[k].parts.front();
      const Xapian::termcount wanted = kept ? deals[k] : 0;
      if (wanted > spelled[k][i]) {
        db.add_spelling(words[i], wanted - spelled[k][i]);
      } else if (wanted < spelled[k][i]) {
        db.remove_spelling(words[i], spelled[k][i] - wanted);
      }
    }
  }
}

// A shard's parts become one compacted database: docids renumbered, the spelling table
// (its first part's) carried over.
void IndexWriter::merge_parts(Shard& shard) {
  const fs::path part_dir = shard.where.string() + ".parts";
  with_write_errors(path_.string(), [&] {
    Xapian::Database sources;
    for (size_t k = 0; k < partners_.size(); ++k) {
      sources.add_database(Xapian::Database((part_dir / std::to_string(k)).string()));
    }
    sources.compact(shard.where.string(), Xapian::Compactor::FULLER);
    return 0;
  });
  std::error_code ignored;
  fs::remove_all(part_dir, ignored);
}

void IndexWriter::commit_rebuild() {
  with_write_errors(path_.string(), [&] {
    for (Shard& shard : shards_) {
      write_metadata(shard);
    }
    return 0;
  });
  // Committing writes out what each part holds in memory, the heaviest step of a small
  // build: every part on its own thread.
  const size_t part_count = partners_.size();
  fan_out(shards_.size() * part_count, [&](size_t i) {
    Xapian::WritableDatabase& part = *shards_[i / part_count].parts[i % part_count];
    with_write_errors(path_.string(), [&] {
      part.commit();
      return 0;
    });
  });
  with_write_errors(path_.string(), [&] {
    write_spelling_tables();
    for (Shard& shard : shards_) {
      for (auto& part : shard.parts) {
        part->close();
      }
      shard.parts.clear();
    }
    return 0;
  });
  if (part_count > 1) {
    for_each_on_threads(shards_.size(), part_count, [&](size_t k) { merge_parts(shards_[k]); });
  }
  std::vector<fs::path> databases;
  for (const Shard& shard : shards_) {
    databases.push_back(shard.where);
  }
  write_stub(path_, databases);  // when this fails, the destructor still removes the new build
  remove_old_builds();
}

// Xapian commits one database at a time: all transactions are written before the first
// commit, then committed in order, and a failure says which shards have the update.
void IndexWriter::commit_update() {
  with_write_errors(path_.string(), [&] {
    for (Shard& shard : shards_) {
      write_metadata(shard);
    }
    return 0;
  });
  with_write_errors(path_.string(), [&] {
    update_spelling_of_touched_words();
    return 0;
  });
  std::vector<std::string> committed;
  for (Shard& shard : shards_) {
    const std::string name = schema::format_shard(shard.number, layout_.count);
    try {
      with_write_errors(path_.string(), [&] {
        shard.parts.front()->commit_transaction();
        return 0;
      });
    } catch (const Error& error) {
      if (committed.empty()) {
        throw;  // nothing committed: the index is as it was
      }
      std::vector<std::string> not_committed;
      for (const Shard& other : shards_) {
        if (!other.committed) {
          not_committed.push_back(schema::format_shard(other.number, layout_.count));
        }
      }
      throw Error(error.kind(),
                  "the update was committed to shard(s) " + shard_list(committed) + " but not to " +
                      shard_list(not_committed) + ": " + error.what(),
                  path_.string(),
                  "each deal lives in one shard, so each is either updated or as it was; fix "
                  "the cause and run the same update again to complete it");
    }
    shard.committed = true;
    committed.push_back(name);
  }
  for (Shard& shard : shards_) {
    with_write_errors(path_.string(), [&] {
      shard.parts.front()->close();
      return 0;
    });
    shard.parts.clear();
  }
}

IndexStats IndexWriter::commit() {
  mode_ == Mode::kRebuild ? commit_rebuild() : commit_update();
  mode_ = Mode::kIdle;
  current_locks_.clear();
  return stats();
}

}  // namespace dealsearch::indexer
