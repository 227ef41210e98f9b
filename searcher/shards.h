// Shards: the databases an index's stub names, each opened on its own (a local directory or
// xapian-tcpsrv at host:port) and combined into the one Xapian::Database a Searcher reads;
// which of them answer, and the shards a search goes on without when one does not.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dealsearch::searcher {

// Where a shard is: a database directory on this machine, or xapian-tcpsrv at host:port.
struct ShardAddress {
  std::filesystem::path path;  // a local shard's directory; empty for a remote one
  std::string host;            // a remote shard's; empty for a local one
  unsigned port = 0;

  [[nodiscard]] bool remote() const { return !host.empty(); }
  // How /health and error messages name it: the directory, or "host:port".
  [[nodiscard]] std::string name() const;
  bool operator==(const ShardAddress&) const = default;
};

// The shards of the index at `index`, in order: a database directory is one local shard; a
// stub file (what `dealsearch index` writes) names one a line, as Xapian reads stubs:
//   auto DIR | glass DIR   a local database, relative to the stub's directory
//   remote HOST:PORT       xapian-tcpsrv (IPv6 in brackets: "[::1]:7301")
// Blank lines and lines starting with '#' are skipped. Throws Error kIndex when there is no
// index at `index`, and kBadInput for a line of another form (saying which line, and how to
// write it; "remote :PROGRAM", a program on a pipe, is not supported).
[[nodiscard]] std::vector<ShardAddress> read_shard_addresses(const std::filesystem::path& index);

// The stub file at `index` as text, to tell when a rebuild switched it: the file, or for a
// directory its XAPIANDB (a replica's); "" when there is none.
[[nodiscard]] std::string stub_text(const std::filesystem::path& index);

struct ShardOptions {
  // How long a remote shard may take to accept a connection, and then to answer a request,
  // before a search goes on without it (milliseconds; `--remote-timeout`).
  unsigned remote_timeout_ms = 3000;
};

// Which remote shards do not answer, as the searchers of one index (a server's workers) found
// them: a shard one searcher found dead is left out by the others at their next request,
// instead of each of them waiting out the time-out, and comes back for all of them once
// something (SearcherPool's prober) reports that it answers again.
//
// Thread-safe: any number of threads may call any member at once (one mutex).
class ShardHealth {
 public:
  void report_down(const ShardAddress& shard, std::string why);
  void report_up(const ShardAddress& shard);
  // Why `shard` does not answer, or nullopt when it does (or was never reported).
  [[nodiscard]] std::optional<std::string> trouble(const ShardAddress& shard) const;
  // Every shard reported down, with why.
  [[nodiscard]] std::vector<std::pair<ShardAddress, std::string>> down() const;
  // The build a remote shard serves new connections now (its database's uuid): after a
  // rebuild on the shard's machine, xapian-tcpsrv opens the new build only for new
  // connections, so a searcher whose connection reads another build connects afresh.
  void report_build(const ShardAddress& shard, std::string uuid);
  // The build last reported for `shard`, or nullopt when none was.
  [[nodiscard]] std::optional<std::string> build(const ShardAddress& shard) const;
  // Counts the reports that changed a shard's state or build: a searcher that saw this
  // number last need not look again while it stays.
  [[nodiscard]] uint64_t generation() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<ShardAddress, std::string>> down_;  // by name()
  std::map<std::string, std::string> builds_;                         // by name()
  uint64_t generation_ = 0;
};

// One shard as a search sees it.
struct ShardState {
  std::string name;  // ShardAddress::name()
  bool remote = false;
  bool answering = true;
  std::string error;  // why it does not answer; "" when it does
  bool operator==(const ShardState&) const = default;
};

// The shards of one index, opened for one searcher: each shard's Xapian::Database, and the
// answering ones combined (Xapian interleaves their docids). A remote shard that does not
// answer is left out, never an error, until none answers; a local shard that cannot be opened
// is an error, as is a shard of another schema or analyzer.
//
// Not thread-safe: one per Searcher, like the databases it holds (a remote connection carries
// one request at a time). The ShardHealth it reports to is shared and thread-safe.
class Shards {
 public:
  // Opens every shard of `index` (read_shard_addresses()). Throws dealsearch::Error:
  //   kIndex           when a local shard cannot be opened, or no shard answers;
  //   kIndexDamaged    when a local shard's files are corrupt;
  //   kSchemaMismatch  when a shard was built with another schema version or another analyzer
  //                    than `analyzer_fingerprint`, saying to re-index.
  Shards(const std::filesystem::path& index, std::string analyzer_fingerprint,
         ShardOptions options = {}, std::shared_ptr<ShardHealth> health = nullptr);

  // The answering shards as one database. Another object after reopen() or
  // drop_failed_shard() returned true: take it again then.
  [[nodiscard]] const Xapian::Database& database() const { return combined_; }
  // Where spelling suggestions come from: for an index with remote shards, whose spelling
  // Xapian's get_spelling_suggestion() ignores, the spelling database beside its stub
  // (spelling_database.h) when there is one and it opens; else database(). reopen() follows
  // a spelling database put in its place since (a gathering after an update of a shard).
  [[nodiscard]] const Xapian::Database& spelling() const;
  // Each shard, in the stub's order.
  [[nodiscard]] std::vector<ShardState> states() const;
  // The directory of the index's one database when the index is one local shard; else
  // nullopt.
  [[nodiscard]] std::optional<std::filesystem::path> local_directory() const;
  // Changes whenever what database() holds changes: a commit to a shard, a shard left out or
  // back. Each shard's schema::kMetaCommit, "-" for a shard left out, joined by ",".
  [[nodiscard]] std::string revision() const;

  // Sees the latest commit to each shard, leaves out the shards the ShardHealth says are down,
  // opens again those it says answer, and connects afresh to those it says serve another
  // build. Returns whether database() changed. Throws as the
  // constructor does.
  bool reopen();
  // After Xapian::NetworkError from database(): leaves out the shard it came from (its
  // context names it), or each remote shard that does not answer now, and connects afresh to
  // the others (an answer left unread on a connection would be read as the next one's).
  // Returns whether the next attempt may succeed: false when no shard was left out and every
  // one answers. Throws Error kIndex when no shard answers.
  bool drop_failed_shard(const Xapian::NetworkError& error);

 private:
  struct Shard {
    ShardAddress address;
    std::optional<Xapian::Database> database;  // nullopt: left out
    std::string error;                         // why it is left out
    std::string build;                         // a remote one's database uuid, when opened
  };
  // Opens `shard` (again); a remote shard that does not answer is left out and reported.
  void open(Shard& shard);
  void leave_out(Shard& shard, std::string why);
  // Rebuilds combined_ from the answering shards; throws Error kIndex when there are none.
  void combine();
  // Opens the spelling database beside the stub when it is another than the one open (or
  // none was): it is replaced whole, never changed in place. One that does not open (being
  // replaced this instant) is tried again at the next reopen(); suggestions meanwhile come
  // from database(), never an error.
  void follow_spelling_database();

  std::filesystem::path index_;
  std::string fingerprint_;
  ShardOptions options_;
  std::shared_ptr<ShardHealth> health_;
  uint64_t health_seen_ = 0;
  std::vector<Shard> shards_;
  Xapian::Database combined_;
  bool any_remote_ = false;
  std::optional<Xapian::Database> spelling_;
  uint64_t spelling_seen_ = 0;  // the inode of the spelling database open; 0: none
};

// What a connection of its own to a remote shard found.
struct ShardProbe {
  std::string build;  // the build it serves new connections (its database's uuid)
  std::string error;  // why it does not answer; "" when it does
  [[nodiscard]] bool answers() const { return error.empty(); }
};
// Connects to the remote shard at `shard`, with `options`' time-outs, and asks which build it
// serves.
[[nodiscard]] ShardProbe probe_shard(const ShardAddress& shard, const ShardOptions& options);

// The spelling database of the index at `index`: "<index>.spelling", beside the stub.
[[nodiscard]] std::filesystem::path spelling_database_path(const std::filesystem::path& index);

}  // namespace dealsearch::searcher
