// The lines of an index stub file, as Xapian reads stubs: one reader for the indexer (which
// writes and updates local shards) and the searcher (which also reads remote ones).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dealsearch {

// One line of a stub that is not blank or a comment ('#').
struct IndexStubLine {
  enum class Kind {
    kLocal,   // "auto DIR" or "glass DIR": a database on this machine
    kRemote,  // "remote HOST:PORT" (IPv6 in brackets): xapian-tcpsrv
    kOther,   // anything else, "remote HOST PORT" and "remote :PROGRAM" included
  };
  Kind kind = Kind::kOther;
  size_t number = 0;           // in the file, from 1
  std::string text;            // the line, without surrounding blanks
  std::filesystem::path path;  // kLocal: the directory, a relative one against the stub's
  std::string host;            // kRemote
  unsigned port = 0;           // kRemote
};

// The lines of the stub file at `stub`, in order; nullopt when it cannot be read (there is no
// such file). Says nothing about whether the lines make an index: the callers do, each in its
// own terms.
[[nodiscard]] std::optional<std::vector<IndexStubLine>> read_index_stub(
    const std::filesystem::path& stub);

}  // namespace dealsearch
