// Reading an index stub: each line's kind and what it names, as the indexer and the searcher
// both read it.
#include "analyzers/index_stub_lines.h"

#include <gtest/gtest.h>

#include "tests/support/test_files.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;
using Kind = IndexStubLine::Kind;

TEST(IndexStubLines, ReadsLocalAndRemoteShardsAndSkipsCommentsAndBlankLines) {
  testing::TemporaryDirectory directory;
  const fs::path stub = directory.path() / "index";
  testing::write_text_file(stub,
                           "# shards\n"
                           "auto index.builds/b1/shard-1\n"
                           "\n"
                           "  glass /srv/shard-2  \n"
                           "remote shard3.example.org:7301\n"
                           "remote [::1]:7302\r\n");
  const std::optional<std::vector<IndexStubLine>> lines = read_index_stub(stub);
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 4u);
  EXPECT_EQ((*lines)[0].kind, Kind::kLocal);
  EXPECT_EQ((*lines)[0].number, 2u);
  EXPECT_EQ((*lines)[0].path, directory.path() / "index.builds/b1/shard-1");
  EXPECT_EQ((*lines)[1].kind, Kind::kLocal);
  EXPECT_EQ((*lines)[1].path, "/srv/shard-2");
  EXPECT_EQ((*lines)[2].kind, Kind::kRemote);
  EXPECT_EQ((*lines)[2].host, "shard3.example.org");
  EXPECT_EQ((*lines)[2].port, 7301u);
  EXPECT_EQ((*lines)[3].host, "::1");
  EXPECT_EQ((*lines)[3].port, 7302u);
  EXPECT_EQ((*lines)[3].number, 6u);
}

TEST(IndexStubLines, LinesOfOtherFormsAreSaidToBeSoWithTheirText) {
  testing::TemporaryDirectory directory;
  const fs::path stub = directory.path() / "index";
  testing::write_text_file(stub,
                           "remote example.org 7301\nremote :xapian-progsrv db\nremote "
                           "host:99999\nauto\nchert old\n");
  const std::optional<std::vector<IndexStubLine>> lines = read_index_stub(stub);
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 5u);
  for (const IndexStubLine& line : *lines) {
    EXPECT_EQ(line.kind, Kind::kOther) << line.text;
  }
  EXPECT_EQ((*lines)[0].text, "remote example.org 7301");
}

TEST(IndexStubLines, NoFileIsNoStub) {
  testing::TemporaryDirectory directory;
  EXPECT_FALSE(read_index_stub(directory.path() / "missing"));
}

}  // namespace
}  // namespace dealsearch
