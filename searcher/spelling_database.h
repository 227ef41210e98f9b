// The spelling database beside a stub over remote shards: Xapian's get_spelling_suggestion()
// ignores remote databases (silently), so the words of every shard are gathered into one
// local database, spelling_database_path(index), which Shards::spelling() then answers from.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "analyzers/analyzer_data.h"
#include "searcher/shards.h"

namespace dealsearch::searcher {

// Whether the index's spelling database must be (re)built: some shard is remote, and there
// is no spelling database yet or it was gathered from other revisions of the shards.
// Throws Xapian::Error when a shard cannot be read.
[[nodiscard]] bool spelling_database_outdated(const std::filesystem::path& index,
                                              const Shards& shards);

// Builds the spelling database of the index at `index` from the words of `shards`, which must
// all answer: each word the spelling table takes (AnalyzerData::is_spelling_word) with the
// number of deals it is in, summed over the shards; exactly what their own spelling tables
// hold together. Written beside and then renamed into place, so that a searcher opens the
// old one or the new one. Returns the number of words. Throws dealsearch::Error kIndex when a
// shard does not answer or the database cannot be written.
size_t build_spelling_database(const std::filesystem::path& index, const Shards& shards,
                               const analyzers::AnalyzerData& data);

// What bring_spelling_up_to_date() did, and a sentence saying so (empty when kCurrent).
struct SpellingUpdate {
  enum class Outcome {
    kCurrent,      // nothing to do: no remote shard, or gathered from these revisions
    kGathered,     // gathered anew
    kShardSilent,  // left as it was: a shard does not answer
    kFailed,       // left as it was: it could not be written (the message says why)
  };
  Outcome outcome = Outcome::kCurrent;
  std::string message;
};

// Gathers the spelling database of the index at `index` from `shards` when it is outdated
// (spelling_database_outdated()) and every shard answers. Never throws for the spelling
// database itself: suggestions then miss the newest words, which the message says. Throws
// Xapian::Error when a shard cannot be read (to be mapped by with_read_errors()).
[[nodiscard]] SpellingUpdate bring_spelling_up_to_date(const std::filesystem::path& index,
                                                       const Shards& shards,
                                                       const analyzers::AnalyzerData& data);

}  // namespace dealsearch::searcher
