// Shards: reading a stub line by line, opening each shard with our own time-outs, combining
// the answering ones, and leaving out the one a network error came from.
#include "searcher/shards.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "analyzers/error.h"
#include "analyzers/index_stub_lines.h"
#include "analyzers/schema.h"
#include "searcher/index_reader.h"

namespace dealsearch::searcher {
namespace {

namespace fs = std::filesystem;

constexpr char kStubForms[] =
    "write one shard a line: 'auto DIR' (relative to the stub) or 'remote HOST:PORT' "
    "(xapian-tcpsrv)";

// A remote shard's name in Xapian's error context: "remote:tcp(127.0.0.1:7301)".
std::string network_context(const ShardAddress& shard) {
  return "remote:tcp(" + shard.host + ":" + std::to_string(shard.port) + ")";
}

}  // namespace

std::string ShardAddress::name() const {
  if (!remote()) {
    return path.string();
  }
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::vector<ShardAddress> read_shard_addresses(const fs::path& index) {
  std::error_code error;
  if (fs::is_directory(index, error)) {
    return {ShardAddress{index, {}, 0}};
  }
  const std::optional<std::vector<IndexStubLine>> lines = read_index_stub(index);
  if (!lines) {
    throw Error(ErrorKind::kIndex, "there is no index here", index.string(),
                "build it first with 'dealsearch index --db " + index.string() + " corpus/'");
  }
  std::vector<ShardAddress> shards;
  for (const IndexStubLine& line : *lines) {
    const std::string where = index.string() + ":" + std::to_string(line.number);
    switch (line.kind) {
      case IndexStubLine::Kind::kLocal:
        shards.push_back({line.path, {}, 0});
        break;
      case IndexStubLine::Kind::kRemote:
        shards.push_back({{}, line.host, line.port});
        break;
      case IndexStubLine::Kind::kOther:
        if (line.text.starts_with("remote")) {
          throw Error(ErrorKind::kBadInput,
                      "'" + line.text + "' is no remote shard this searcher reads", where,
                      "write 'remote HOST:PORT' for xapian-tcpsrv on HOST listening on PORT "
                      "(a program on a pipe, 'remote :PROGRAM', is not supported)");
        }
        throw Error(ErrorKind::kBadInput, "'" + line.text + "' is not a line of an index stub",
                    where, kStubForms);
    }
  }
  if (shards.empty()) {
    throw Error(ErrorKind::kBadInput, "the index stub names no shard", index.string(), kStubForms);
  }
  return shards;
}

ShardProbe probe_shard(const ShardAddress& shard, const ShardOptions& options) {
  try {
    return {Xapian::Remote::open(shard.host, shard.port, options.remote_timeout_ms,
                                 options.remote_timeout_ms)
                .get_uuid(),
            ""};
  } catch (const Xapian::Error& error) {
    return {"", error.get_msg()};
  }
}

std::string stub_text(const fs::path& index) {
  // A replica that xapian-replicate keeps is a directory whose stub, XAPIANDB, names the copy
  // it serves; a full copy (after a rebuild on the master) switches it to another.
  std::error_code ignored;
  std::ifstream in(fs::is_directory(index, ignored) ? index / "XAPIANDB" : index);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

fs::path spelling_database_path(const fs::path& index) { return index.string() + ".spelling"; }

void ShardHealth::report_down(const ShardAddress& shard, std::string why) {
  const std::lock_guard lock(mutex_);
  auto [entry, added] = down_.try_emplace(shard.name(), shard, why);
  entry->second.second = std::move(why);
  if (added) {
    ++generation_;
  }
}

void ShardHealth::report_up(const ShardAddress& shard) {
  const std::lock_guard lock(mutex_);
  if (down_.erase(shard.name()) > 0) {
    ++generation_;
  }
}

std::optional<std::string> ShardHealth::trouble(const ShardAddress& shard) const {
  const std::lock_guard lock(mutex_);
  const auto found = down_.find(shard.name());
  return found == down_.end() ? std::nullopt : std::optional(found->second.second);
}

std::vector<std::pair<ShardAddress, std::string>> ShardHealth::down() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::pair<ShardAddress, std::string>> down;
  for (const auto& [name, shard_and_why] : down_) {
    down.push_back(shard_and_why);
  }
  return down;
}

void ShardHealth::report_build(const ShardAddress& shard, std::string uuid) {
  const std::lock_guard lock(mutex_);
  // The first report counts as a change too: a searcher may have connected before a rebuild
  // that came before it.
  auto [entry, added] = builds_.try_emplace(shard.name(), uuid);
  if (added || entry->second != uuid) {
    entry->second = std::move(uuid);
    ++generation_;
  }
}

std::optional<std::string> ShardHealth::build(const ShardAddress& shard) const {
  const std::lock_guard lock(mutex_);
  const auto found = builds_.find(shard.name());
  return found == builds_.end() ? std::nullopt : std::optional(found->second);
}

uint64_t ShardHealth::generation() const {
  const std::lock_guard lock(mutex_);
  return generation_;
}

Shards::Shards(const fs::path& index, std::string analyzer_fingerprint, ShardOptions options,
               std::shared_ptr<ShardHealth> health)
    : index_(index),
      fingerprint_(std::move(analyzer_fingerprint)),
      options_(options),
      health_(health ? std::move(health) : std::make_shared<ShardHealth>()) {
  health_seen_ = health_->generation();
  for (ShardAddress& address : read_shard_addresses(index)) {
    shards_.push_back({std::move(address), std::nullopt, {}});
  }
  for (Shard& shard : shards_) {
    if (const std::optional<std::string> why = health_->trouble(shard.address)) {
      shard.error = *why;  // another searcher found it dead; the prober says when it is back
    } else {
      open(shard);
    }
  }
  combine();
  // Xapian reads the spelling of local shards itself, and ignores that of remote ones.
  any_remote_ = std::any_of(shards_.begin(), shards_.end(),
                            [](const Shard& shard) { return shard.address.remote(); });
  follow_spelling_database();
}

void Shards::follow_spelling_database() {
  if (!any_remote_) {
    return;
  }
  // The version file's inode tells one spelling database from the next: each is written
  // afresh and then exchanged for the old one (build_spelling_database()).
  const fs::path spelling = spelling_database_path(index_);
  struct stat version {};
  const uint64_t inode =
      ::stat((spelling / "iamglass").c_str(), &version) == 0 ? version.st_ino : 0;
  if (inode == spelling_seen_) {
    return;
  }
  spelling_.reset();
  spelling_seen_ = 0;
  if (inode == 0) {
    return;
  }
  try {
    spelling_ = Xapian::Database(spelling.string());
    spelling_seen_ = inode;
  } catch (const Xapian::Error&) {
    // Exchanged while it opened: the next reopen() opens the new one.
  }
}

void Shards::open(Shard& shard) {
  const std::string where = shard.address.name();
  if (!shard.address.remote()) {
    shard.database = open_database(shard.address.path, fingerprint_);
    shard.error.clear();
    return;
  }
  try {
    Xapian::Database database =
        Xapian::Remote::open(shard.address.host, shard.address.port, options_.remote_timeout_ms,
                             options_.remote_timeout_ms);
    check_compatible(database, where, fingerprint_);
    shard.build = database.get_uuid();
    shard.database = std::move(database);
    shard.error.clear();
  } catch (const Xapian::NetworkError& error) {
    leave_out(shard, error.get_msg());
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::kSchemaMismatch) {
      throw;
    }
    leave_out(shard, error.what());
  } catch (const Xapian::Error& error) {
    // xapian-tcpsrv answered, but not as a database (its database cannot be opened, say).
    leave_out(shard, error.get_description());
  }
}

void Shards::leave_out(Shard& shard, std::string why) {
  shard.database.reset();
  shard.error = why;
  health_->report_down(shard.address, std::move(why));
}

void Shards::combine() {
  combined_ = Xapian::Database();
  std::string silent;
  for (const Shard& shard : shards_) {
    if (shard.database) {
      combined_.add_database(*shard.database);
    } else {
      silent += (silent.empty() ? "" : "; ") + shard.address.name() + ": " + shard.error;
    }
  }
  if (combined_.size() == 0) {
    throw Error(ErrorKind::kIndex, "no shard of the index answers (" + silent + ")",
                index_.string(),
                "start xapian-tcpsrv for the remote shards (with --idle-timeout 0), or give "
                "remote shards more time with --remote-timeout MS");
  }
}

std::optional<std::filesystem::path> Shards::local_directory() const {
  if (shards_.size() != 1 || shards_.front().address.remote() || !shards_.front().database) {
    return std::nullopt;
  }
  return shards_.front().address.path;
}

const Xapian::Database& Shards::spelling() const { return spelling_ ? *spelling_ : combined_; }

std::vector<ShardState> Shards::states() const {
  std::vector<ShardState> states;
  for (const Shard& shard : shards_) {
    states.push_back(
        {shard.address.name(), shard.address.remote(), shard.database.has_value(), shard.error});
  }
  return states;
}

std::string Shards::revision() const {
  std::string revision;
  for (const Shard& shard : shards_) {
    revision += revision.empty() ? "" : ",";
    revision += shard.database ? shard.database->get_metadata(std::string(schema::kMetaCommit))
                               : std::string("-");
  }
  return revision;
}

bool Shards::reopen() {
  bool changed = false;
  const uint64_t generation = health_->generation();
  if (generation != health_seen_) {
    // Another searcher left a shard out, or the prober found one back.
    health_seen_ = generation;
    for (Shard& shard : shards_) {
      const std::optional<std::string> why = health_->trouble(shard.address);
      if (why && shard.database) {
        shard.database.reset();
        shard.error = *why;
        changed = true;
      } else if (!why && !shard.database) {
        open(shard);
        changed = changed || shard.database.has_value();
      } else if (shard.database && shard.address.remote()) {
        const std::optional<std::string> build = health_->build(shard.address);
        if (build && *build != shard.build) {
          open(shard);  // a rebuild on the shard's machine: a new connection reads it
          changed = true;
        }
      }
    }
  }
  if (changed) {
    combine();
  }
  try {
    changed = combined_.reopen() || changed;
  } catch (const Xapian::NetworkError& error) {
    drop_failed_shard(error);
    changed = true;
  }
  follow_spelling_database();
  return changed;
}

bool Shards::drop_failed_shard(const Xapian::NetworkError& error) {
  const std::string context = error.get_context();
  bool dropped = false;
  for (Shard& shard : shards_) {
    if (shard.database && shard.address.remote() && context == network_context(shard.address)) {
      leave_out(shard, error.get_msg());
      dropped = true;
    }
  }
  // Every other remote connection afresh: a request the failure interrupted may have left
  // an answer unread on it. Without a shard named, the one that does not connect now is it.
  bool reconnected = false;
  for (Shard& shard : shards_) {
    if (shard.database && shard.address.remote()) {
      open(shard);
      dropped = dropped || !shard.database;
      reconnected = true;
    }
  }
  combine();
  return dropped || reconnected;
}

}  // namespace dealsearch::searcher
