// The spelling database: every shard's words with their document frequencies, in one place.
#include "searcher/spelling_database.h"

#include <unistd.h>

#include <system_error>

#include "analyzers/error.h"
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
  const fs::path replaced = target.string() + ".old-" + std::to_string(::getpid());
  std::error_code ignored;
  fs::remove_all(building, ignored);
  size_t words = 0;
  with_read_errors(target.string(), [&] {
    const Xapian::Database& db = shards.database();
    Xapian::WritableDatabase spelling(building.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    // Words are the terms without a prefix: those that begin with a lower-case letter or a
    // byte of a multi-byte character; prefixes are upper case, and sort before "a".
    auto term = db.allterms_begin();
    term.skip_to("a");
    for (; term != db.allterms_end(); ++term) {
      const std::string word = *term;
      if (data.is_spelling_word(word)) {
        spelling.add_spelling(word, term.get_termfreq());
        ++words;
      }
    }
    spelling.set_metadata(kMetaGatheredFrom, shards.revision());
    spelling.commit();
    spelling.close();
    return 0;
  });
  // No rename(2) replaces a directory that is not empty: the old one steps aside first.
  fs::rename(target, replaced, ignored);
  std::error_code error;
  fs::rename(building, target, error);
  if (error) {
    fs::rename(replaced, target, ignored);
    throw Error(ErrorKind::kIndex, "cannot put the spelling database in place: " + error.message(),
                target.string(), "check that the index's directory is writable");
  }
  fs::remove_all(replaced, ignored);
  return words;
}

}  // namespace dealsearch::searcher
