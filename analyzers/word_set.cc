// WordSet: open addressing, linear probing, 16-bit tags to skip most string compares.
#include "analyzers/word_set.h"

#include <limits>

namespace dealsearch::analyzers {

WordSet::WordSet() : slots_(16), bloom_(1) {}

bool WordSet::may_contain(uint64_t hash) const {
  const size_t bits = bloom_.size() * 64;
  const size_t first = (hash >> 16) % bits;
  const size_t second = (hash >> 40) % bits;
  return ((bloom_[first / 64] >> (first % 64)) & 1) != 0 &&
         ((bloom_[second / 64] >> (second % 64)) & 1) != 0;
}

void WordSet::add_to_filter(uint64_t hash) {
  const size_t bits = bloom_.size() * 64;
  const size_t first = (hash >> 16) % bits;
  const size_t second = (hash >> 40) % bits;
  bloom_[first / 64] |= uint64_t{1} << (first % 64);
  bloom_[second / 64] |= uint64_t{1} << (second % 64);
}

uint64_t WordSet::hash(std::string_view word) {
  // FNV-1a with a final avalanche: words are short, and this beats a general-purpose hash.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : word) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

uint16_t WordSet::tag_of(uint64_t hash) {
  const auto tag = static_cast<uint16_t>(hash >> 48);
  return tag == 0 ? 1 : tag;
}

bool WordSet::contains(std::string_view word) const {
  const uint64_t h = hash(word);
  if (!may_contain(h)) {
    return false;
  }
  const uint16_t tag = tag_of(h);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.tag == 0) {
      return false;
    }
    if (slot.tag == tag && slot.length == word.size() &&
        std::string_view(arena_).substr(slot.offset, slot.length) == word) {
      return true;
    }
  }
}

bool WordSet::insert(std::string_view word) {
  if (word.size() > std::numeric_limits<uint16_t>::max() || contains(word)) {
    return false;
  }
  if ((size_ + 1) * 2 > slots_.size()) {
    grow();
  }
  const uint64_t h = hash(word);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].tag != 0) {
    i = (i + 1) & mask;
  }
  slots_[i] = {static_cast<uint32_t>(arena_.size()), static_cast<uint16_t>(word.size()), tag_of(h)};
  add_to_filter(h);
  arena_.append(word);
  ++size_;
  return true;
}

void WordSet::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  bloom_.assign(slots_.size() * 4 / 64 + 1, 0);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.tag == 0) {
      continue;
    }
    const uint64_t h = hash(std::string_view(arena_).substr(slot.offset, slot.length));
    size_t i = h & mask;
    while (slots_[i].tag != 0) {
      i = (i + 1) & mask;
    }
    slots_[i] = slot;
    add_to_filter(h);
  }
}

}  // namespace dealsearch::analyzers
