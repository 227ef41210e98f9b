// gzip data made in the tests with zlib itself: a document as a server would send it, and a
// bomb (many zeros that compress to little) made without holding the zeros in memory.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>

namespace dealsearch::testing {

// `count` copies of `piece`, gzipped as one stream (RFC 1952).
inline std::string gzip_repeated(std::string_view piece, size_t count) {
  z_stream stream{};
  // 16 + MAX_WBITS: a gzip header and trailer, as `gzip` writes them.
  EXPECT_EQ(
      deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
      Z_OK);
  std::string out;
  char buffer[64 * 1024];
  for (size_t i = 0; i <= count; ++i) {
    const bool last = i == count;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    stream.avail_in = last ? 0 : static_cast<uInt>(piece.size());
    int status = Z_OK;
    do {
      stream.next_out = reinterpret_cast<Bytef*>(buffer);
      stream.avail_out = sizeof buffer;
      status = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - stream.avail_out);
    } while (stream.avail_out == 0 || (last && status != Z_STREAM_END));
  }
  deflateEnd(&stream);
  return out;
}

inline std::string gzip_text(std::string_view text) { return gzip_repeated(text, 1); }

}  // namespace dealsearch::testing
