// Inflating gzip data (a sitemap saved as .xml.gz) within a size cap, so that a small file that
// inflates to gigabytes is an error and not a full memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dealsearch::indexer {

// Whether `bytes` starts with gzip's magic number (1f 8b, RFC 1952 section 2.3.1). Says nothing
// about whether the rest is valid.
[[nodiscard]] bool looks_gzipped(std::string_view bytes);

// The bytes that the gzip data `bytes` inflate to, or std::nullopt with `*error` (when `error`
// is not null) saying why in words for the user:
//   "larger than 50 MB when decompressed"  (more than `max_bytes`; inflating stops there)
//   "not gzip data" / "corrupt gzip data: <zlib's reason>"
//   "truncated gzip data: it ends before its last block"
// Several gzip members one after another (as `cat a.gz b.gz` makes) inflate to their bytes one
// after another. Never uses more than about `max_bytes` plus 64 KiB of memory for the output.
// Throws nothing but std::bad_alloc. Thread-safe: shares nothing.
[[nodiscard]] std::optional<std::string> gunzip_capped(std::string_view bytes, size_t max_bytes,
                                                       std::string* error);

// "50 MB", "64 KB" or "1000 bytes": a size limit in words, for messages. MB and KB are
// 1024 * 1024 and 1024 bytes, as the limits are written.
[[nodiscard]] std::string describe_size_limit(size_t bytes);

}  // namespace dealsearch::indexer
