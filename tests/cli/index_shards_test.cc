// dealsearch index --shard K/N and --shards N: the real binary, the seed corpus, real shards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/schema.h"
#include "tests/support/many_deals.h"
#include "tests/support/mounts.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"
#include "tests/support/xapian_tcpsrv.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;

using testing::RunResult;
using Ids = std::set<std::string>;

RunResult run(const std::string& arguments) { return testing::run_dealsearch(arguments); }

// The deals' ids in the database at `path` (a stub or a database).
Ids ids_in(const fs::path& path) {
  Ids ids;
  const Xapian::Database db(path.string());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    ids.insert(db.get_document(*it).get_value(schema::kSlotId));
  }
  return ids;
}

// The databases a stub names, as paths, in its order.
std::vector<fs::path> stub_lines(const fs::path& stub) {
  std::istringstream lines(testing::read_text_file(stub));
  std::vector<fs::path> databases;
  std::string backend, target;
  while (lines >> backend >> target) {
    EXPECT_EQ(backend, "auto");
    databases.push_back(stub.parent_path() / target);
  }
  return databases;
}

// What a test compares to see that an index did not change: its stub, and each database's
// revision and ids.
struct Snapshot {
  std::string stub;
  std::vector<Xapian::rev> revisions;
  std::vector<Ids> ids;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const fs::path& stub) {
  Snapshot taken{testing::read_text_file(stub), {}, {}};
  for (const fs::path& database : stub_lines(stub)) {
    taken.revisions.push_back(Xapian::Database(database.string()).get_revision());
    taken.ids.push_back(ids_in(database));
  }
  return taken;
}

class IndexShards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The seed corpus as one database: what the shards together must hold.
    const fs::path plain = suite_dir_->path() / "plain";
    ASSERT_EQ(run("index --quiet --db " + plain.string() + " " + kCorpus).exit_code, 0);
    all_ids_ = ids_in(plain);
    ASSERT_EQ(all_ids_.size(), 10u);
  }
  static void TearDownTestSuite() { suite_dir_.reset(); }

  void SetUp() override { fs::create_directories(data_); }

  // `dealsearch index OPTIONS --db DB INPUTS`, which must succeed.
  RunResult index(const std::string& options, const fs::path& db,
                  const std::string& inputs = kCorpus) {
    const RunResult result =
        run("index --quiet " + options + " --db " + db.string() + " " + inputs);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result;
  }

  fs::path write(const std::string& name, const std::string& contents) {
    const fs::path path = temporary_.path() / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // Every database of the stub is shard K/N, K its line, with the deals of shard K alone.
  void expect_each_deal_in_its_shard(const fs::path& stub, size_t count) {
    const std::vector<fs::path> shards = stub_lines(stub);
    ASSERT_EQ(shards.size(), count);
    for (size_t k = 1; k <= count; ++k) {
      SCOPED_TRACE("shard " + std::to_string(k));
      const Xapian::Database shard(shards[k - 1].string());
      EXPECT_EQ(shard.get_metadata(std::string(schema::kMetaShard)),
                schema::format_shard(k, count));
      for (const std::string& id : ids_in(shards[k - 1])) {
        EXPECT_EQ(schema::shard_of(id, count), k) << id;
      }
    }
  }

  // The build directories beside the stub.
  size_t builds() const {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(stub_.string() + ".builds")) {
      ++count;
    }
    return count;
  }

  static constexpr const char* kCorpus = DEALSEARCH_SOURCE_DIR "/corpus";
  static inline std::unique_ptr<testing::TemporaryDirectory> suite_dir_ =
      std::make_unique<testing::TemporaryDirectory>();
  static inline Ids all_ids_;

  testing::TemporaryDirectory temporary_;
  fs::path data_ = temporary_.path() / "data";
  fs::path stub_ = data_ / "index";
};

TEST_F(IndexShards, ShardsNHoldEveryDealOnceEachInItsShardBehindOneStub) {
  const RunResult result = index("--shards 3", stub_);
  EXPECT_NE(result.output.find("indexed 10 deal(s)"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("(3 shards: "), std::string::npos) << result.output;

  expect_each_deal_in_its_shard(stub_, 3);
  size_t held = 0;
  Ids together;
  for (const fs::path& shard : stub_lines(stub_)) {
    EXPECT_EQ(shard.parent_path().parent_path(), fs::path(stub_.string() + ".builds"));
    const Ids ids = ids_in(shard);
    held += ids.size();
    together.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(held, 10u) << "a deal in two shards";
  EXPECT_EQ(together, all_ids_);

  // The stub opens as one database with every deal, searchable.
  const Xapian::Database db(stub_.string());
  EXPECT_EQ(db.get_doccount(), 10u);
  EXPECT_EQ(ids_in(stub_), all_ids_);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("fietsen"));
  EXPECT_GT(enquire.get_mset(0, 10).size(), 0u);
}

TEST_F(IndexShards, AnUpdateRoutesEachDealToItsShardAndReplacesIt) {
  index("--shards 3", stub_);
  const std::string stub_before = testing::read_text_file(stub_);
  const std::string changed = "fietsen-voor-iedereen";
  ASSERT_TRUE(all_ids_.contains(changed));
  const fs::path input =
      write("update.jsonl", "{\"id\": \"" + changed +
                                "\", \"title\": \"Fietsen voor iedereen\", \"body\": "
                                "\"Nu ook met zonnepanelen.\"}\n"
                                "{\"id\": \"nieuwe-deal\", \"title\": \"Nieuwe deal\", "
                                "\"body\": \"Tekst.\"}\n");
  for (const char* options : {"--update", "--update --shards 3"}) {
    SCOPED_TRACE(options);
    const RunResult result = index(options, stub_, input.string());
    EXPECT_NE(result.output.find("updated 2 deal(s)"), std::string::npos) << result.output;
    EXPECT_EQ(testing::read_text_file(stub_), stub_before) << "an update switches nothing";
    expect_each_deal_in_its_shard(stub_, 3);
    EXPECT_EQ(Xapian::Database(stub_.string()).get_doccount(), 11u);
    const std::vector<fs::path> shards = stub_lines(stub_);
    const Xapian::Database home(shards[schema::shard_of(changed, 3) - 1].string());
    EXPECT_EQ(home.get_termfreq(std::string(schema::kId) + changed), 1u);
    EXPECT_EQ(home.get_termfreq("zonnepanelen"), 1u) << "the deal was replaced in its shard";
  }
}

TEST_F(IndexShards, ADeleteRemovesTheDealFromItsShard) {
  index("--shards 3", stub_);
  const std::string gone = "fietsen-voor-iedereen";
  const RunResult result = run("index --quiet --delete " + gone + " --db " + stub_.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output.find("no deal with that id"), std::string::npos) << result.output;
  Ids expected = all_ids_;
  expected.erase(gone);
  EXPECT_EQ(ids_in(stub_), expected);
  expect_each_deal_in_its_shard(stub_, 3);
}

// N machines, each with --shard K/N and the same input, index what one --shards N build does.
TEST_F(IndexShards, SeparateShardRunsHoldWhatTheShardsOfOneBuildHold) {
  index("--shards 3", stub_);
  const std::vector<fs::path> shards = stub_lines(stub_);
  for (size_t k = 1; k <= 3; ++k) {
    SCOPED_TRACE(k);
    const std::string shard = schema::format_shard(k, 3);
    const fs::path machine = data_ / ("machine-" + std::to_string(k));
    const RunResult result = index("--shard " + shard, machine);
    const size_t others = 10 - ids_in(shards[k - 1]).size();
    EXPECT_NE(result.output.find("(shard " + shard + "; " + std::to_string(others) +
                                 " deal(s) left to other shards)"),
              std::string::npos)
        << result.output;
    EXPECT_EQ(stub_lines(machine).size(), 1u);
    EXPECT_EQ(Xapian::Database(machine.string()).get_metadata(std::string(schema::kMetaShard)),
              shard);
    EXPECT_EQ(ids_in(machine), ids_in(shards[k - 1]));
  }
}

// An update that names other shards than the index was built with would put deals where no
// search finds them once: a usage error, and the index stays exactly as it was.
TEST_F(IndexShards, AnUpdateWithOtherShardsIsAUsageErrorAndChangesNothing) {
  const fs::path input = write("nieuw.jsonl", "{\"title\": \"Nieuw\", \"body\": \"Tekst.\"}\n");
  const fs::path one_shard = data_ / "shard-2-of-3";
  const fs::path plain = data_ / "plain";
  index("--shards 3", stub_);
  index("--shard 2/3", one_shard);
  index("", plain);
  struct Row {
    fs::path db;
    std::string options;
    std::string expected;  // in the message
  };
  const Row rows[] = {
      {one_shard, "--update", "built with --shard 2/3; this update gives no --shard or --shards"},
      {one_shard, "--update --shard 1/3", "give --shard 2/3 to update it"},
      {one_shard, "--update --shard 2/4", "this update gives --shard 2/4"},
      {one_shard, "--update --shards 3", "this update gives --shards 3"},
      {one_shard, "--delete fietsen-voor-iedereen", "give --shard 2/3"},
      {stub_, "--update --shard 1/3", "built with --shards 3; this update gives --shard 1/3"},
      {stub_, "--update --shards 2", "give --shards 3 or no shard option"},
      {plain, "--update --shard 1/3", "update it without --shard or --shards"},
      {plain, "--update --shards 3", "built with no --shard or --shards"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.db.filename().string() + " " + row.options);
    const Snapshot before = snapshot(row.db);
    const RunResult result =
        run("index --quiet " + row.options + " --db " + row.db.string() + " " + input.string());
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find(row.expected), std::string::npos) << result.output;
    EXPECT_NE(result.output.find(row.db.string() + ")"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("usage: dealsearch index"), std::string::npos) << result.output;
    EXPECT_EQ(snapshot(row.db), before);
  }
}

TEST_F(IndexShards, ShardOptionsAreCheckedAsTheyAreRead) {
  const std::pair<const char*, const char*> rows[] = {
      {"--shard 0/3", "--shard '0/3' is not K/N"},
      {"--shard 4/3", "--shard '4/3' is not K/N"},
      {"--shard 3", "--shard '3' is not K/N"},
      {"--shards 0", "--shards takes a whole number from 1 to 1024"},
      {"--shard 1/3 --shards 3", "--shard and --shards exclude each other"},
  };
  for (const auto& [options, expected] : rows) {
    SCOPED_TRACE(options);
    const RunResult result =
        run(std::string("index ") + options + " --db " + stub_.string() + " " + kCorpus);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find(expected), std::string::npos) << result.output;
    EXPECT_FALSE(fs::exists(stub_));
  }
}

TEST_F(IndexShards, HelpDescribesShards) {
  const RunResult result = run("index --help");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* text : {"--shard K/N", "--shards N", "stub"}) {
    EXPECT_NE(result.output.find(text), std::string::npos) << text;
  }
}

// Another writer holding one shard's lock stops a rebuild and an update before anything is
// written: the update opens every shard before it writes to any.
TEST_F(IndexShards, OneLockedShardStopsRebuildAndUpdateWithAllShardsIntact) {
  index("--shards 3", stub_);
  const fs::path input = write("nieuw.jsonl", "{\"title\": \"Nieuw\", \"body\": \"Tekst.\"}\n");
  const Snapshot before = snapshot(stub_);
  {
    Xapian::WritableDatabase other_writer(stub_lines(stub_)[2].string(), Xapian::DB_OPEN);
    for (const char* options : {"--shards 3", "--update", "--shards 2"}) {
      SCOPED_TRACE(options);
      const RunResult result = run(std::string("index --quiet ") + options + " --db " +
                                   stub_.string() + " " + kCorpus + " " + input.string());
      EXPECT_EQ(result.exit_code, 1) << result.output;
      EXPECT_NE(result.output.find("the index is being written by another process"),
                std::string::npos)
          << result.output;
    }
  }
  EXPECT_EQ(snapshot(stub_), before);
  EXPECT_EQ(builds(), 1u) << "a failed build is removed";
}

// A --shards build killed at any moment leaves the previous stub and all its shards as they
// were: the new build's shards are switched in together or not at all.
TEST_F(IndexShards, ABuildKilledAtAnyMomentLeavesTheOldStubAndShardsIntact) {
  index("--shards 3", stub_);
  const Snapshot before = snapshot(stub_);
  const fs::path input = write("big.jsonl", testing::many_deals(1200));
  size_t killed_midway = 0;
  for (const int delay_ms : {30, 150, 400, 800, 1500, 2500}) {
    SCOPED_TRACE(delay_ms);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::execl(DEALSEARCH_BINARY, DEALSEARCH_BINARY, "index", "--quiet", "--shards", "3", "--db",
              stub_.c_str(), input.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      EXPECT_EQ(Xapian::Database(stub_.string()).get_doccount(), 1200u);
      break;
    }
    ++killed_midway;
    EXPECT_EQ(snapshot(stub_), before);
    EXPECT_EQ(Xapian::Database(stub_.string()).get_doccount(), 10u);
  }
  EXPECT_GT(killed_midway, 0u) << "the build finished before the first kill: make it larger";
  // A later build still works, and the half-written builds are cleared away.
  index("--shards 3", stub_);
  expect_each_deal_in_its_shard(stub_, 3);
  EXPECT_EQ(ids_in(stub_), all_ids_);
  EXPECT_LE(builds(), 2u);
}

// A --shards rebuild that fills the disk is removed whole; the old stub and shards answer as
// before.
TEST_F(IndexShards, AFullDiskStopsAShardsRebuildAndLeavesTheOldShards) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "needs root, to mount a small tmpfs";
  }
  testing::Mounts mounts;
  if (!mounts.mount("-t tmpfs -o size=2m tmpfs", data_)) {
    GTEST_SKIP() << "mount -t tmpfs was refused here";
  }
  index("--shards 3", stub_);
  const Snapshot before = snapshot(stub_);
  const fs::path input = write("big.jsonl", testing::many_deals(600));
  const RunResult result =
      run("index --quiet --shards 3 --db " + stub_.string() + " " + input.string());
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("No space left on device"), std::string::npos) << result.output;
  EXPECT_EQ(snapshot(stub_), before);
  EXPECT_EQ(ids_in(stub_), all_ids_);
  EXPECT_EQ(builds(), 1u) << "a failed build is removed";
}

// Xapian commits one database at a time. When shard 2's commit fails after shard 1's
// succeeded, the message says which shards have the update; each deal is updated or as it
// was, and the same update run again completes it. Most of a transaction's blocks are written
// before its commit, so the test leaves shard 2 ever more room, from none, until its commit
// is what fails.
TEST_F(IndexShards, AShardWhoseCommitFailsIsNamedAndTheSameUpdateCompletesIt) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "needs root, to mount a full tmpfs on one shard";
  }
  index("--shards 3", stub_);
  const fs::path shard_2 = stub_lines(stub_)[1];
  const fs::path copy = temporary_.path() / "shard-2-copy";
  fs::copy(shard_2, copy);
  testing::Mounts mounts;
  if (!mounts.mount("-t tmpfs -o size=1m tmpfs", shard_2)) {
    GTEST_SKIP() << "mount -t tmpfs was refused here";
  }
  fs::copy(copy, shard_2);
  const fs::path filler = shard_2 / "filler";
  const auto leave_free = [&](uintmax_t bytes) {
    fs::remove(filler);
    std::system(("dd if=/dev/zero of='" + filler.string() + "' bs=4k 2>/dev/null").c_str());
    fs::resize_file(filler, fs::file_size(filler) - std::min(bytes, fs::file_size(filler)));
  };

  // A new deal for shard 1 and one for shard 2.
  std::string in_1 = "nieuw", in_2 = "nieuw";
  for (int i = 0; schema::shard_of(in_1, 3) != 1; ++i) {
    in_1 = "nieuw-" + std::to_string(i);
  }
  for (int i = 0; schema::shard_of(in_2, 3) != 2; ++i) {
    in_2 = "nieuw-" + std::to_string(i);
  }
  const fs::path input = write(
      "nieuw.jsonl", "{\"id\": \"" + in_1 + "\", \"title\": \"Een\", \"body\": \"Tekst.\"}\n" +
                         "{\"id\": \"" + in_2 + "\", \"title\": \"Twee\", \"body\": \"Tekst.\"}\n");
  const std::string update = "index --quiet --update --db " + stub_.string() + " " + input.string();

  bool partial = false;
  for (uintmax_t free_kb = 0; free_kb <= 256 && !partial; free_kb += 4) {
    SCOPED_TRACE(std::to_string(free_kb) + " kB free");
    leave_free(free_kb * 1024);
    const Snapshot before = snapshot(stub_);
    const RunResult failed = run(update);
    ASSERT_EQ(failed.exit_code, 1) << "the update fitted before its commit ever failed";
    EXPECT_NE(failed.output.find("No space left on device"), std::string::npos) << failed.output;
    const Snapshot after = snapshot(stub_);
    partial = failed.output.find("the update was committed to shard(s) 1/3 but not to 2/3, 3/3") !=
              std::string::npos;
    if (!partial) {
      EXPECT_EQ(after, before) << failed.output;  // nothing committed: nothing changed
      continue;
    }
    EXPECT_NE(failed.output.find("run the same update again"), std::string::npos) << failed.output;
    EXPECT_EQ(after.stub, before.stub);
    EXPECT_TRUE(after.ids[0].contains(in_1));
    EXPECT_EQ(after.ids[1], before.ids[1]) << "shard 2 as it was";
    EXPECT_EQ(after.revisions[1], before.revisions[1]);
    EXPECT_EQ(after.ids[2], before.ids[2]);
  }
  EXPECT_TRUE(partial) << "no room made shard 2's commit, and it alone, fail";

  fs::remove(filler);
  const RunResult again = run(update);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  Ids expected = all_ids_;
  expected.insert({in_1, in_2});
  EXPECT_EQ(ids_in(stub_), expected);
  expect_each_deal_in_its_shard(stub_, 3);
}

TEST_F(IndexShards, SearchOverRemoteShardsGathersTheirSpellingAndCorrectsATypo) {
  index("--shards 2", stub_);
  const std::vector<fs::path> shards = stub_lines(stub_);
  testing::XapianTcpServer first(shards[0]);
  testing::XapianTcpServer second(shards[1]);
  const fs::path remote =
      write("remote", "remote " + first.address() + "\nremote " + second.address() + "\n");
  // Xapian ignores the spelling of remote shards: the search gathers it beside the stub.
  const RunResult gathering = run("search --db " + remote.string() + " energiarmoede");
  ASSERT_EQ(gathering.exit_code, 0) << gathering.output;
  EXPECT_NE(gathering.output.find("gathered"), std::string::npos) << gathering.output;
  EXPECT_NE(gathering.output.find("\"energiearmoede\""), std::string::npos) << gathering.output;
  EXPECT_TRUE(fs::is_directory(remote.string() + ".spelling"));

  // Once gathered, it is read as it is until a shard changes.
  const RunResult again = run("search --db " + remote.string() + " energiarmoede");
  EXPECT_EQ(again.output.find("gathered"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("\"energiearmoede\""), std::string::npos) << again.output;
}

}  // namespace
}  // namespace dealsearch
