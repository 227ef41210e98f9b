// SpellingKeeper: keeps the spelling database beside a stub over remote shards as current as
// the shards, for a server that runs while they are updated.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "analyzers/analyzer_data.h"
#include "searcher/shards.h"

namespace dealsearch::http {

// Xapian ignores the spelling of remote shards, so a server over them answers suggestions
// from a spelling database gathered from their words (spelling_database.h). An update
// committed to a shard (`dealsearch index --update` on its machine) changes the shards'
// revision; the keeper sees that within `interval`, gathers the spelling again in a thread of
// its own, and puts it in place, where each searcher finds it at its next request. No request
// waits for a gathering; until it is done, suggestions come from the words as they were.
//
// While a shard does not answer, the spelling is left as it is (gathered when all answered).
// An index without remote shards needs none of this: each round only reads its stub.
//
// Thread-safe: the keeper's thread is the only one that touches its members after start();
// what it shares is the ShardHealth (thread-safe) and the files of the spelling database,
// which are replaced whole, never changed in place.
class SpellingKeeper {
 public:
  SpellingKeeper(std::filesystem::path index, std::shared_ptr<const analyzers::AnalyzerData> data,
                 std::string analyzer_fingerprint, searcher::ShardOptions shard_options,
                 std::shared_ptr<searcher::ShardHealth> health,
                 std::chrono::milliseconds interval = std::chrono::seconds(2));
  // Stops the thread, waiting for a gathering under way.
  ~SpellingKeeper();
  SpellingKeeper(const SpellingKeeper&) = delete;
  SpellingKeeper& operator=(const SpellingKeeper&) = delete;

  // Brings the spelling database up to date now, then keeps it so in the keeper's thread.
  // Says on stderr what it gathered, and what kept it from gathering (once for each reason).
  // Throws dealsearch::Error when the index cannot be opened at all (kIndex,
  // kSchemaMismatch, ...), before the thread starts.
  void start();

 private:
  // One round: reopens the shards (afresh when the stub changed), and gathers their spelling
  // when some shard is remote, the spelling database is of another revision, and every
  // shard answers. Throws dealsearch::Error when the index cannot be read.
  void round();
  void bring_up_to_date();
  void keep_up_to_date();
  // Says `what` on stderr unless it was the last thing said (a shard down for an hour is
  // said once).
  void say(const std::string& what);

  std::filesystem::path index_;
  std::shared_ptr<const analyzers::AnalyzerData> data_;
  std::string fingerprint_;
  searcher::ShardOptions shard_options_;
  std::shared_ptr<searcher::ShardHealth> health_;
  std::chrono::milliseconds interval_;
  std::optional<searcher::Shards> shards_;  // as of the stub in stub_; none without remote ones
  std::string stub_;
  std::string said_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dealsearch::http
