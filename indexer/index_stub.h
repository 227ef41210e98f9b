// The index's stub file: the databases it names, how they split the collection into shards.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/error.h"

namespace dealsearch::indexer {

// How an index splits the collection into shards (a deal with id X lives in shard
// schema::shard_of(X, count)). A value: copy it and read it from any thread.
//   {1, 0}  the whole collection in one database, not sharded (the default)
//   {N, 0}  all N shards on this machine, one database each, behind one stub (--shards N)
//   {N, K}  shard K of N alone, K from 1 to N: one machine's share (--shard K/N)
struct ShardLayout {
  size_t count = 1;  // N, the shards of the collection, at least 1
  size_t only = 0;   // K when this index holds shard K alone; 0 when it holds every shard

  bool operator==(const ShardLayout&) const = default;

  // Whether the deal with `id` belongs in an index of this layout.
  [[nodiscard]] bool holds(std::string_view id) const;
  // The shards an index of this layout holds, each as its number K: {only}, or 1 to N.
  [[nodiscard]] std::vector<size_t> shards() const;
  // The options of `dealsearch index` that ask for this layout: "--shard 2/3", "--shards 3", or
  // "no --shard or --shards".
  [[nodiscard]] std::string options() const;
};

// The databases the stub file at `path` names, in its order, each as a path (the stub's
// lines "auto DIR" are relative to the stub's directory); none when there is no file there.
// Throws Error kIndex when `path` is a directory or a file that is not a stub of local
// databases ("remote" lines: a stub for searching, not for indexing).
[[nodiscard]] std::vector<std::filesystem::path> stub_databases(const std::filesystem::path& path);

// Replaces the stub file at `path` with one naming `databases` (paths relative to the stub's
// directory are written, so that the data directory can move as a whole), durably and
// atomically: a temporary file, fsync, rename(2), fsync of the directory. A reader opens the
// old stub or the new one, never a mix. Throws Error kIndex on failure; the old stub stays.
void write_stub(const std::filesystem::path& path,
                const std::vector<std::filesystem::path>& databases);

// The layout of the index at `path` as its stub and its databases' schema::kMetaShard say, or
// nullopt when there is no index there yet. Several databases must be shards 1/N to N/N in
// order. Throws Error kIndex when a database cannot be read or its metadata says otherwise.
[[nodiscard]] std::optional<ShardLayout> read_shard_layout(const std::filesystem::path& path);

// Why `dealsearch index --update` (or --delete) with the options of `requested` must not change
// the index at `path`, of layout `actual`, as an Error of kind kBadInput that says what the
// index was built with and what to give instead; nullopt when it may. It may when the layouts
// are equal, and a stub over N shards also without any shard option (each deal goes to its
// shard). Anything else would put deals where no search of the collection finds them once, so
// a shard K/N takes exactly --shard K/N.
[[nodiscard]] std::optional<Error> update_layout_error(const std::filesystem::path& path,
                                                       const ShardLayout& actual,
                                                       const ShardLayout& requested);

}  // namespace dealsearch::indexer
