// The spelling database: every shard's words with their document frequencies, in one place.
#include "searcher/spelling_database.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "analyzers/error.h"
#include "analyzers/spelling_words.h"
#include "searcher/index_reader.h"

namespace dealsearch::searcher {
namespace {

namespace fs = std::filesystem;

// The shards' revision the spelling database was gathered from.
constexpr char kMetaGatheredFrom[] = "dealsearch.spelling_of";

bool any_remote(const Shards& shards) {
  for (const ShardState& shard : shards.states()) {
    if (shard.remote) {
      return true;
    }
  }
  return false;
}

// Puts the database at `building` at `target`, in place of the one there. rename(2) does not
// replace a directory that is not empty, so the two are exchanged in one step (Linux's
// RENAME_EXCHANGE): a searcher opens the one or the other, never neither. Searchers that have
// the old one open keep reading it until their next reopen, which follows the new one
// (Shards::follow_spelling_database()).
void put_in_place(const fs::path& building, const fs::path& target) {
  std::error_code ignored;
  if (::renameat2(AT_FDCWD, building.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(building, ignored);  // now the old one
    return;
  }
  if (errno != ENOENT) {
    // A file system that cannot exchange: the old one steps aside first, and for a moment
    // searchers that open it find none (they take the new one at their next request).
    const fs::path replaced = target.string() + ".old-" + std::to_string(::getpid());
    fs::rename(target, replaced, ignored);
    fs::remove_all(replaced, ignored);
  }
  if (::rename(building.c_str(), target.c_str()) != 0) {
    const std::string why = std::error_code(errno, std::generic_category()).message();
    fs::remove_all(building, ignored);
    throw Error(ErrorKind::kIndex, "cannot put the spelling database in place: " + why,
                target.string(), "check that the index's directory is writable");
  }
}

}  // namespace

bool spelling_database_outdated(const fs::path& index, const Shards& shards) {
  if (!any_remote(shards)) {
    return false;  // Xapian reads the spelling of local shards itself
  }
  try {
    const Xapian::Database spelling(spelling_database_path(index).string());
    return spelling.get_metadata(kMetaGatheredFrom) != shards.revision();
  } catch (const Xapian::DatabaseOpeningError&) {
    return true;
  }
}

size_t build_spelling_database(const fs::path& index, const Shards& shards,
                               const analyzers::AnalyzerData& data) {
  const fs::path target = spelling_database_path(index);
  for (const ShardState& shard : shards.states()) {
    if (!shard.answering) {
      throw Error(ErrorKind::kIndex,
                  "cannot gather the spelling of shard " + shard.name + ": " + shard.error,
                  target.string(), "start the shard's xapian-tcpsrv, then start again");
    }
  }
  const fs::path building = target.string() + ".new-" + std::to_string(::getpid());
  std::error_code ignored;
  fs::remove_all(building, ignored);
  size_t words = 0;
  with_read_errors(target.string(), [&] {
    const Xapian::Database& db = shards.database();
    Xapian::WritableDatabase spelling(building.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    analyzers::for_each_spelling_word(db.allterms_begin(), db.allterms_end(), data,
                                      [&](const std::string& word, const Xapian::TermIterator& at) {
                                        spelling.add_spelling(word, at.get_termfreq());
                                        ++words;
                                      });
    spelling.set_metadata(kMetaGatheredFrom, shards.revision());
    spelling.commit();
    spelling.close();
    return 0;
  });
  put_in_place(building, target);
  return words;
}

SpellingUpdate bring_spelling_up_to_date(const fs::path& index, const Shards& shards,
                                         const analyzers::AnalyzerData& data) {
  using Outcome = SpellingUpdate::Outcome;
  if (!spelling_database_outdated(index, shards)) {
    return {};
  }
  for (const ShardState& shard : shards.states()) {
    if (!shard.answering) {
      return {Outcome::kShardSilent,
              "spelling suggestions miss the newest words of the shards "
              "until shard " +
                  shard.name + " answers again (" + shard.error + ")"};
    }
  }
  try {
    const size_t words = build_spelling_database(index, shards, data);
    return {Outcome::kGathered, "gathered " + std::to_string(words) +
                                    " words of the shards' spelling into " +
                                    spelling_database_path(index).string()};
  } catch (const Error& error) {
    return {Outcome::kFailed,
            std::string("spelling suggestions miss the newest words of the shards for now: ") +
                error.what()};
  }
}

}  // namespace dealsearch::searcher
