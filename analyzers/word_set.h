// WordSet: an insert-only set of words, flat in memory, for the lexicon's hot lookups.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::analyzers {

// Open addressing with linear probing over one character arena, behind a Bloom filter. The
// decompounder asks the lexicon (400,000 forms) about every prefix of every long word, and
// most prefixes are no word: the filter (8 bits a word, small enough for the L2 cache)
// answers those without touching the table, which would cost a cache miss each.
//
// Not thread-safe to modify; const lookups may run from any number of threads.
class WordSet {
 public:
  WordSet();

  // Adds `word` (at most 65,535 bytes; longer words are ignored). Returns whether it was new.
  bool insert(std::string_view word);
  [[nodiscard]] bool contains(std::string_view word) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint32_t offset = 0;
    uint16_t length = 0;
    uint16_t tag = 0;  // 0: empty; else the hash's top bits, never 0
  };

  static uint64_t hash(std::string_view word);
  static uint16_t tag_of(uint64_t hash);
  bool may_contain(uint64_t hash) const;
  void add_to_filter(uint64_t hash);
  void grow();

  std::string arena_;
  std::vector<Slot> slots_;      // size is a power of two, at most half full
  std::vector<uint64_t> bloom_;  // slots_.size() * 4 bits, two probes a word
  size_t size_ = 0;
};

}  // namespace dealsearch::analyzers
