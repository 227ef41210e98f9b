// Inflating gzip data with zlib, stopping at a cap.
#include "indexer/sources/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace dealsearch::indexer {
namespace {

// The output grows by this much at a time: the cap is checked after each step, so a bomb costs
// at most the cap plus one step.
constexpr size_t kStep = 64 * 1024;

// zlib counts input in `uInt` (32 bits): larger inputs are fed in slices of this size.
constexpr size_t kMaxSlice = size_t{1} << 30;

// Owns one inflate stream: inflateEnd on every way out.
class Inflater {
 public:
  Inflater() {
    // 16 + MAX_WBITS: a gzip header and trailer (with its CRC-32 checked), not zlib or raw.
    ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK;
  }
  ~Inflater() {
    if (ok_) {
      inflateEnd(&stream_);
    }
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

std::nullopt_t fail(std::string* error, std::string message) {
  if (error != nullptr) {
    *error = std::move(message);
  }
  return std::nullopt;
}

}  // namespace

bool looks_gzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string describe_size_limit(size_t bytes) {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = 1024 * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) {
    return std::to_string(bytes / kMiB) + " MB";
  }
  if (bytes >= kKiB && bytes % kKiB == 0) {
    return std::to_string(bytes / kKiB) + " KB";
  }
  return std::to_string(bytes) + " bytes";
}

std::optional<std::string> gunzip_capped(std::string_view bytes, size_t max_bytes,
                                         std::string* error) {
  if (!looks_gzipped(bytes)) {
    return fail(error, "not gzip data");
  }
  Inflater inflater;
  if (!inflater.ok()) {
    return fail(error, "zlib could not start inflating (out of memory?)");
  }
  z_stream& stream = inflater.stream();
  std::string out;
  size_t consumed = 0;  // input bytes handed to zlib so far
  for (;;) {
    if (stream.avail_in == 0 && consumed < bytes.size()) {
      const size_t slice = std::min(bytes.size() - consumed, kMaxSlice);
      // zlib's next_in is not const in zlib 1.2.13's API, but inflate only reads it.
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
      stream.avail_in = static_cast<uInt>(slice);
      consumed += slice;
    }
    const size_t before = out.size();
    // One byte of room past the cap tells "exactly max_bytes" from "more than max_bytes".
    const size_t left = max_bytes - before;  // before <= max_bytes: checked below
    const size_t room = left >= kStep ? kStep : left + 1;
    out.resize(before + room);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    stream.avail_out = static_cast<uInt>(room);
    const int status = inflate(&stream, Z_NO_FLUSH);
    out.resize(before + room - stream.avail_out);
    if (out.size() > max_bytes) {
      return fail(error, "larger than " + describe_size_limit(max_bytes) + " when decompressed");
    }
    if (status == Z_STREAM_END) {
      const bool more_input = stream.avail_in > 0 || consumed < bytes.size();
      if (!more_input) {
        return out;
      }
      // "cat a.gz b.gz" is valid gzip (RFC 1952 section 2.2): the next member follows.
      const size_t next = consumed - stream.avail_in;
      if (!looks_gzipped(bytes.substr(next))) {
        return fail(
            error, "corrupt gzip data: bytes that are not gzip after byte " + std::to_string(next));
      }
      inflateReset(&stream);
      continue;
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0 && consumed == bytes.size()) {
      return fail(error, "truncated gzip data: it ends before its last block");
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      return fail(error, std::string("corrupt gzip data: ") +
                             (stream.msg != nullptr ? stream.msg : zError(status)));
    }
  }
}

}  // namespace dealsearch::indexer
