// The stub file read and written, and the shard layout its databases' metadata give.
#include "indexer/index_stub.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <fstream>

#include "analyzers/index_stub_lines.h"
#include "analyzers/schema.h"
#include "indexer/write_errors.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_index_error(const fs::path& where, const std::string& what,
                                    const std::string& hint) {
  throw Error(ErrorKind::kIndex, what, where.string(), hint);
}

fs::path stub_directory(const fs::path& stub) {
  return stub.parent_path().empty() ? fs::path(".") : stub.parent_path();
}

// The shard kMetaShard names in the database at `database`: {K, N}, or nullopt when it is no
// shard.
std::optional<std::pair<size_t, size_t>> shard_in(const fs::path& stub, const fs::path& database) {
  const std::string value = with_write_errors(stub.string(), [&] {
    return Xapian::Database(database.string()).get_metadata(std::string(schema::kMetaShard));
  });
  if (value.empty()) {
    return std::nullopt;
  }
  const std::optional<std::pair<size_t, size_t>> shard = schema::parse_shard(value);
  if (!shard) {
    throw_index_error(database, "the index's shard '" + value + "' is not of the form K/N",
                      "rebuild it: run 'dealsearch index' without --update");
  }
  return shard;
}

}  // namespace

bool ShardLayout::holds(std::string_view id) const {
  return only == 0 || schema::shard_of(id, count) == only;
}

std::vector<size_t> ShardLayout::shards() const {
  if (only != 0) {
    return {only};
  }
  std::vector<size_t> all;
  for (size_t k = 1; k <= count; ++k) {
    all.push_back(k);
  }
  return all;
}

std::string ShardLayout::options() const {
  if (only != 0) {
    return "--shard " + schema::format_shard(only, count);
  }
  if (count > 1) {
    return "--shards " + std::to_string(count);
  }
  return "no --shard or --shards";
}

std::vector<fs::path> stub_databases(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    throw_index_error(path, "this is a directory, not a dealsearch index stub file",
                      "remove it, or give another path with --db");
  }
  const std::optional<std::vector<IndexStubLine>> lines = read_index_stub(path);
  if (!lines) {
    return {};
  }
  std::vector<fs::path> databases;
  for (const IndexStubLine& line : *lines) {
    if (line.kind == IndexStubLine::Kind::kRemote) {
      throw_index_error(path, "this stub names remote shards, which cannot be indexed from here",
                        "index each shard on its own machine with --shard K/N, or give the "
                        "stub of local databases with --db");
    }
    if (line.kind != IndexStubLine::Kind::kLocal) {
      throw_index_error(path, "this file is not a dealsearch index stub",
                        "remove it, or give another path with --db");
    }
    databases.push_back(line.path);
  }
  if (databases.empty()) {
    throw_index_error(path, "this file is not a dealsearch index stub",
                      "remove it, or give another path with --db");
  }
  return databases;
}

void write_stub(const fs::path& path, const std::vector<fs::path>& databases) {
  std::string contents;
  for (const fs::path& database : databases) {
    contents += "auto " + fs::relative(database, stub_directory(path)).string() + "\n";
  }
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
  if (const int dir_fd = ::open(stub_directory(path).c_str(), O_RDONLY | O_DIRECTORY);
      dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

std::optional<ShardLayout> read_shard_layout(const fs::path& path) {
  const std::vector<fs::path> databases = stub_databases(path);
  if (databases.empty()) {
    return std::nullopt;
  }
  if (databases.size() == 1) {
    const std::optional<std::pair<size_t, size_t>> shard = shard_in(path, databases.front());
    return shard ? ShardLayout{shard->second, shard->first} : ShardLayout{};
  }
  // A stub over several shards: its k-th line is shard k/N (docids interleave in this order).
  const size_t count = databases.size();
  for (size_t k = 1; k <= count; ++k) {
    const std::optional<std::pair<size_t, size_t>> shard = shard_in(path, databases[k - 1]);
    if (shard != std::pair{k, count}) {
      throw_index_error(databases[k - 1],
                        "line " + std::to_string(k) + " of the stub is not shard " +
                            schema::format_shard(k, count) + " of a dealsearch --shards build",
                        "rebuild it with 'dealsearch index --shards " + std::to_string(count) +
                            "' (without --update)");
    }
  }
  return ShardLayout{count, 0};
}

std::optional<Error> update_layout_error(const fs::path& path, const ShardLayout& actual,
                                         const ShardLayout& requested) {
  if (actual == requested || (actual.only == 0 && requested == ShardLayout{})) {
    return std::nullopt;
  }
  const std::string what =
      "the index was built with " + actual.options() + "; this update gives " + requested.options();
  std::string hint;
  if (actual.only != 0) {
    hint = "give " + actual.options() +
           " to update it (each machine updates its own shard from the same input), or "
           "rebuild it without --update";
  } else if (actual.count > 1) {
    hint = "give --shards " + std::to_string(actual.count) +
           " or no shard option to update it (each deal goes to its shard), or rebuild it "
           "without --update";
  } else {
    hint = "update it without --shard or --shards, or rebuild it with " + requested.options() +
           " (without --update)";
  }
  return Error(ErrorKind::kBadInput, what, path.string(), hint);
}

}  // namespace dealsearch::indexer
