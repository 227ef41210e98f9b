// gunzip_capped: a sitemap.xml.gz inflated, a gzip bomb and broken data refused.
#include "indexer/sources/gzip.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/indexer/sources/gzip_bytes.h"

namespace dealsearch::indexer {
namespace {

constexpr size_t kMiB = 1024 * 1024;

const std::string kSitemap =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "  <url><loc>https://agendastad.nl/citydeals/zwolle/</loc></url>\n"
    "</urlset>\n";

TEST(Gzip, RecognisesTheMagicNumber) {
  EXPECT_TRUE(looks_gzipped(testing::gzip_text(kSitemap)));
  EXPECT_TRUE(looks_gzipped("\x1f\x8b"));
  EXPECT_FALSE(looks_gzipped(kSitemap));
  EXPECT_FALSE(looks_gzipped("\x1f"));
  EXPECT_FALSE(looks_gzipped(""));
}

TEST(Gzip, InflatesASitemap) {
  std::string error;
  const std::optional<std::string> text = gunzip_capped(testing::gzip_text(kSitemap), kMiB, &error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(*text, kSitemap);
}

TEST(Gzip, InflatesMembersOneAfterAnother) {
  const std::string both = testing::gzip_text("Zwolle ") + testing::gzip_text("Deventer");
  std::string error;
  EXPECT_EQ(gunzip_capped(both, kMiB, &error).value_or(error), "Zwolle Deventer");
}

TEST(Gzip, KeepsExactlyTheCapAndRefusesOneByteMore) {
  const std::string kib(1024, 'x');
  std::string error;
  const std::optional<std::string> exact =
      gunzip_capped(testing::gzip_repeated(kib, 1024), kMiB, &error);
  ASSERT_TRUE(exact) << error;
  EXPECT_EQ(exact->size(), kMiB);
  EXPECT_FALSE(gunzip_capped(testing::gzip_repeated(kib, 1024), kMiB - 1, &error));
  EXPECT_EQ(error, "larger than 1048575 bytes when decompressed");
}

TEST(Gzip, RefusesABombAtTheCap) {
  // 200 MB of zeros compress to about 200 KB: inflating stops at 1 MB.
  const std::string zeros(kMiB, '\0');
  const std::string bomb = testing::gzip_repeated(zeros, 200);
  ASSERT_LT(bomb.size(), kMiB);
  std::string error;
  EXPECT_FALSE(gunzip_capped(bomb, kMiB, &error));
  EXPECT_EQ(error, "larger than 1 MB when decompressed");
}

TEST(Gzip, NamesWhatIsWrongWithBrokenData) {
  const std::string good = testing::gzip_text(kSitemap);
  std::string flipped = good;
  flipped[good.size() - 6] ^= 0x55;  // in the CRC-32 of the trailer
  std::string garbage_body = good;
  garbage_body[12] = '\xff';  // in the first deflate block
  struct Row {
    std::string name, bytes, error_starts_with;
  };
  const Row rows[] = {
      {"plain text", kSitemap, "not gzip data"},
      {"empty", "", "not gzip data"},
      {"cut in the middle", good.substr(0, good.size() / 2), "truncated gzip data"},
      {"without its trailer", good.substr(0, good.size() - 8), "truncated gzip data"},
      {"a wrong checksum", flipped, "corrupt gzip data: incorrect data check"},
      {"a broken block", garbage_body, "corrupt gzip data: "},
      {"text after the stream", good + "<urlset>", "corrupt gzip data: bytes that are not gzip"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    std::string error;
    EXPECT_FALSE(gunzip_capped(row.bytes, kMiB, &error));
    EXPECT_TRUE(error.starts_with(row.error_starts_with)) << error;
  }
  EXPECT_FALSE(gunzip_capped(kSitemap, kMiB, nullptr));  // no place for the reason: fine
}

TEST(Gzip, DescribesSizeLimits) {
  EXPECT_EQ(describe_size_limit(50 * kMiB), "50 MB");
  EXPECT_EQ(describe_size_limit(64 * 1024), "64 KB");
  EXPECT_EQ(describe_size_limit(1000), "1000 bytes");
}

}  // namespace
}  // namespace dealsearch::indexer
