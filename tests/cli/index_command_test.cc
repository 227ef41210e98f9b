// dealsearch index as a user runs it: the real binary, real files, a real index on disk.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/schema.h"
#include "tests/support/many_deals.h"
#include "tests/support/mounts.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;

using testing::RunResult;

RunResult run(const std::string& arguments) { return testing::run_dealsearch(arguments); }

class IndexCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(data_);
    const RunResult first = run("index --quiet --db " + db().string() + " " + corpus_);
    ASSERT_EQ(first.exit_code, 0) << first.output;
  }

  // The index lives in data_, inputs beside it: a test may mount a file system on data_.
  fs::path db() const { return data_ / "index"; }

  fs::path write(const std::string& name, const std::string& contents) {
    const fs::path path = temporary_.path() / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  size_t documents() const { return Xapian::Database(db().string()).get_doccount(); }
  std::string stub() const { return testing::read_text_file(db()); }

  // What a search for "fietsen" finds, as the ids in rank order.
  std::vector<std::string> fietsen() const {
    Xapian::Enquire enquire(Xapian::Database(db().string()));
    enquire.set_query(Xapian::Query("fietsen"));
    const Xapian::MSet hits = enquire.get_mset(0, 100);
    std::vector<std::string> ids;
    for (auto hit = hits.begin(); hit != hits.end(); ++hit) {
      ids.push_back(hit.get_document().get_value(schema::kSlotId));
    }
    return ids;
  }

  // The build directories beside the stub.
  size_t builds() const {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(db().string() + ".builds")) {
      ++count;
    }
    return count;
  }

  testing::TemporaryDirectory temporary_;
  fs::path data_ = temporary_.path() / "data";
  const std::string corpus_ = DEALSEARCH_SOURCE_DIR "/corpus";
};

// The index on a file system of 2 MB: the seed corpus fits (about 270 kB), 600 more deals
// do not.
class IndexCommandOnASmallDisk : public IndexCommand {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) {
      GTEST_SKIP() << "needs root, to mount a small tmpfs";
    }
    fs::create_directories(data_);
    if (!mounts_.mount("-t tmpfs -o size=2m tmpfs", data_)) {
      GTEST_SKIP() << "mount -t tmpfs was refused here";
    }
    IndexCommand::SetUp();
  }

  testing::Mounts mounts_;  // unmounted before temporary_ goes
};

struct BadInput {
  const char* name;
  std::string contents;
  std::string expected_in_message;
};

TEST_F(IndexCommand, BadInputStopsTheRunWithFileAndLineAndLeavesTheIndexUntouched) {
  const BadInput cases[] = {
      {"kapot.txt", "Titel\nStatus citydeal: afgerond\nfout \xFF\xFE hier\n",
       "kapot.txt:3: invalid UTF-8"},
      {"kapot.jsonl", "{\"title\": \"T\", \"body\": \"b\"}\n{\"title\": \"T\",\n",
       "kapot.jsonl:2: not valid JSON"},
      {"zonder-titel.jsonl", "{\"body\": \"tekst\"}\n",
       "zonder-titel.jsonl:1: missing or empty \"title\""},
      {"zonder-tekst.jsonl", "{\"title\": \"T\"}\n",
       "zonder-tekst.jsonl:1: missing or empty \"body\""},
      {"leeg.txt", "Een pagina zonder deals.\n", "leeg.txt: no deal found"},
      {"lange-titel.jsonl", "{\"title\": \"" + std::string(1 << 20, 'a') + "\", \"body\": \"b\"}\n",
       "lange-titel.jsonl:1: the title has 1048576 bytes; at most 1000 are allowed"},
  };
  const std::string before = stub();
  for (const BadInput& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path input = write(c.name, c.contents);
    const RunResult result =
        run("index --quiet --db " + db().string() + " " + corpus_ + " " + input.string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.output.find(c.expected_in_message), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("the index was not changed"), std::string::npos);
    EXPECT_EQ(stub(), before);
    EXPECT_EQ(documents(), 10u);
  }
}

TEST_F(IndexCommand, AMissingInputIsAnErrorToo) {
  const RunResult result = run("index --db " + db().string() + " /no/such/file.txt");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("/no/such/file.txt: no such file or directory"), std::string::npos);
}

TEST_F(IndexCommand, SkipBadIndexesTheRestAndReportsWhatItSkipped) {
  const fs::path input = write("mix.jsonl",
                               "{\"title\": \"Goede deal\", \"body\": \"Tekst.\"}\n"
                               "{\"title\": 1}\n");
  const RunResult result =
      run("index --quiet --skip-bad --db " + db().string() + " " + corpus_ + " " + input.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("mix.jsonl:2"), std::string::npos);
  EXPECT_NE(result.output.find("skipped 1 bad"), std::string::npos);
  EXPECT_EQ(documents(), 11u);
}

TEST_F(IndexCommand, ReadsJsonLinesFromStandardInput) {
  const fs::path input = write("in.jsonl", "{\"title\": \"Via stdin\", \"body\": \"Tekst.\"}\n");
  const RunResult result =
      run("index --quiet --update --db " + db().string() + " - < " + input.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(documents(), 11u);
}

// Standard input is read as it comes: JSON Lines a line at a time (line numbers count the
// blank lines before the first record), a text page whole.
TEST_F(IndexCommand, StandardInputGivesJsonLinesWithTheirLineNumbersOrATextPage) {
  const fs::path lines = write("in.jsonl",
                               "\n  \n{\"title\": \"Via stdin\", \"body\": \"Tekst.\"}\n"
                               "{\"title\": \"Kapot\"\n"
                               "{\"title\": \"Ook via stdin\", \"body\": \"Tekst.\"}\n");
  const RunResult jsonl =
      run("index --quiet --skip-bad --update --db " + db().string() + " - < " + lines.string());
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.output;
  EXPECT_NE(jsonl.output.find("<stdin>:4: not valid JSON"), std::string::npos) << jsonl.output;
  EXPECT_EQ(documents(), 12u);

  const RunResult page =
      run("index --quiet --db " + db().string() + " - < " + corpus_ + "/agendastad-citydeals.txt");
  EXPECT_EQ(page.exit_code, 0) << page.output;
  EXPECT_EQ(documents(), 10u);
}

TEST_F(IndexCommand, ABadInputLeavesNoTraceWhereThereWasNoIndex) {
  const fs::path input = write("kapot.jsonl", "{\"title\": \"Kapot\"}\n");
  const fs::path fresh = temporary_.path() / "fresh" / "index";
  const RunResult result = run("index --quiet --db " + fresh.string() + " " + input.string());
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_FALSE(fs::exists(fresh.string() + ".builds"));  // where its records waited
  EXPECT_FALSE(fs::exists(fresh));
}

TEST_F(IndexCommand, AMemoryLimitIsANumberOfMegabytes) {
  const RunResult words = run("index --memory-mb lots --db " + db().string() + " " + corpus_);
  EXPECT_EQ(words.exit_code, 2) << words.output;
  EXPECT_NE(words.output.find("--memory-mb"), std::string::npos) << words.output;
  const RunResult small = run("index --quiet --memory-mb 64 --db " + db().string() + " " + corpus_);
  EXPECT_EQ(small.exit_code, 0) << small.output;
  EXPECT_EQ(documents(), 10u);
}

TEST_F(IndexCommand, DuplicateIdsAndDeletionsOfNothingAreWarnings) {
  const fs::path input = write("dubbel.jsonl",
                               "{\"id\": \"dubbel\", \"title\": \"Een\", \"body\": \"Tekst.\"}\n"
                               "{\"id\": \"dubbel\", \"title\": \"Twee\", \"body\": \"Tekst.\"}\n");
  const RunResult result =
      run("index --quiet --delete bestaat-niet --db " + db().string() + " " + input.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("warning: " + input.string() + ":2: id 'dubbel' also at " +
                               input.string() + ":1"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("warning: --delete bestaat-niet: no deal with that id"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("updated 1 deal(s) from 1 file(s)"), std::string::npos)
      << result.output;
  EXPECT_EQ(documents(), 11u);
}

TEST_F(IndexCommand, AnUpdateKeepsItsChangesAsAChangesetForReplicasUnlessToldNotTo) {
  const fs::path input = write("een.jsonl", "{\"title\": \"Een\", \"body\": \"Tekst.\"}\n");
  const auto changesets = [&] {
    size_t count = 0;
    // In the build the stub names now ("auto index.builds/..."): an old one may stay a while.
    const std::string stub = testing::read_text_file(db());
    const fs::path build = db().parent_path() / stub.substr(5, stub.find('\n') - 5);
    for (const auto& file : fs::directory_iterator(build)) {
      count += file.path().filename().string().starts_with("changes");
    }
    return count;
  };
  EXPECT_EQ(changesets(), 0u) << "a rebuild travels whole: it keeps no changeset";
  ASSERT_EQ(run("index --quiet --update --db " + db().string() + " " + input.string()).exit_code,
            0);
  EXPECT_EQ(changesets(), 1u);
  ASSERT_EQ(
      run("index --quiet --update --changesets 0 --db " + db().string() + " " + input.string())
          .exit_code,
      0);
  EXPECT_EQ(changesets(), 1u) << "--changesets 0 kept one";
  // A rebuild with the variable set keeps none either.
  ASSERT_EQ(
      testing::run_command("XAPIAN_MAX_CHANGESETS=5 " DEALSEARCH_BINARY " index --quiet --db " +
                           db().string() + " " + corpus_)
          .exit_code,
      0);
  EXPECT_EQ(changesets(), 0u);
}

TEST_F(IndexCommand, HelpDocumentsEveryOption) {
  const RunResult result = run("index --help");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* option : {"--db", "--update", "--delete", "--skip-bad", "--quiet", "--data-dir",
                             "--indexer-data-dir", "--word-list", ".jsonl", ".txt"}) {
    EXPECT_NE(result.output.find(option), std::string::npos) << option;
  }
}

TEST_F(IndexCommand, AnUnknownOptionIsAUsageError) {
  const RunResult result = run("index --frobnicate " + corpus_);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("--frobnicate"), std::string::npos);
}

// A build killed with SIGKILL at any moment leaves the previous index intact and searchable.
TEST_F(IndexCommand, ABuildKilledAtAnyMomentLeavesThePreviousIndexSearchable) {
  // Enough deals that a build takes a while: the seed text, 1,500 times, with other titles.
  const fs::path input = write("big.jsonl", testing::many_deals(1500));

  size_t killed_midway = 0;
  for (const int delay_ms : {20, 80, 200, 400, 700, 1000, 1500, 2500}) {
    SCOPED_TRACE(delay_ms);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::execl(DEALSEARCH_BINARY, DEALSEARCH_BINARY, "index", "--quiet", "--db", db().c_str(),
              input.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    const bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    Xapian::Database index(db().string());
    if (!finished) {
      ++killed_midway;
      EXPECT_EQ(index.get_doccount(), 10u);
    } else {
      EXPECT_EQ(index.get_doccount(), 1500u);
      break;
    }
    Xapian::Enquire enquire(index);
    enquire.set_query(Xapian::Query("fietsen"));
    EXPECT_GT(enquire.get_mset(0, 10).size(), 0u);
  }
  EXPECT_GT(killed_midway, 0u) << "the build finished before the first kill: make it larger";
  // A later build still works, and the half-written builds are cleared away.
  ASSERT_EQ(run("index --quiet --db " + db().string() + " " + corpus_).exit_code, 0);
  EXPECT_EQ(documents(), 10u);
  EXPECT_LE(builds(), 2u);
}

struct WriteFailure {
  const char* options;
  std::string expected;  // in the message
};

// A full disk stops a rebuild (what it wrote is removed) and an update (its transaction is
// cancelled) with what happened and what to do; the index answers as before.
TEST_F(IndexCommandOnASmallDisk, AFullDiskStopsTheRunAndLeavesTheIndexAsItWas) {
  const fs::path input = write("big.jsonl", testing::many_deals(600));
  const std::string stub_before = stub();
  const std::vector<std::string> found_before = fietsen();
  ASSERT_FALSE(found_before.empty());
  const WriteFailure cases[] = {
      {"", "No space left on device"},
      {"--update", "No space left on device"},
  };
  for (const WriteFailure& c : cases) {
    SCOPED_TRACE(c.options);
    const RunResult result = run(std::string("index --quiet ") + c.options + " --db " +
                                 db().string() + " " + input.string());
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find(c.expected), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("free space on that disk"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("internal error"), std::string::npos) << result.output;
    EXPECT_EQ(stub(), stub_before);
    EXPECT_EQ(documents(), 10u);
    EXPECT_EQ(fietsen(), found_before);
    EXPECT_EQ(builds(), 1u) << "a failed build is removed";
  }
}

// Root ignores file modes: only a read-only mount makes the index read-only for it.
TEST_F(IndexCommand, AReadOnlyIndexDirectoryIsAClearError) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "needs root, to bind-mount the index directory read-only";
  }
  testing::Mounts mounts;
  if (!mounts.mount("--bind '" + data_.string() + "'", data_) ||
      !mounts.mount("-o remount,bind,ro", data_)) {
    GTEST_SKIP() << "a read-only bind mount was refused here";
  }
  const fs::path input = write("nieuw.jsonl", "{\"title\": \"Nieuw\", \"body\": \"Tekst.\"}\n");
  const std::string stub_before = stub();
  for (const char* options : {"", "--update", "--delete fietsen-voor-iedereen"}) {
    SCOPED_TRACE(options);
    const RunResult result = run(std::string("index --quiet ") + options + " --db " +
                                 db().string() + " " + input.string());
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("Read-only file system"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("remount it read-write"), std::string::npos) << result.output;
    EXPECT_EQ(stub(), stub_before);
    EXPECT_EQ(documents(), 10u);
  }
}

// Xapian's lock keeps one writer at a time: an update of the index, and a rebuild (which
// holds the current build's lock while it writes its new one).
TEST_F(IndexCommand, AnotherWriterHoldingTheLockIsAClearError) {
  const fs::path input = write("nieuw.jsonl", "{\"title\": \"Nieuw\", \"body\": \"Tekst.\"}\n");
  const std::string stub_before = stub();
  {
    Xapian::WritableDatabase other_writer(db().string(), Xapian::DB_OPEN);
    for (const char* options : {"", "--update"}) {
      SCOPED_TRACE(options);
      const RunResult result = run(std::string("index --quiet ") + options + " --db " +
                                   db().string() + " " + input.string());
      EXPECT_EQ(result.exit_code, 1) << result.output;
      EXPECT_NE(result.output.find("the index is being written by another process"),
                std::string::npos)
          << result.output;
      EXPECT_EQ(stub(), stub_before);
    }
  }
  EXPECT_EQ(documents(), 10u);
  const RunResult after =
      run("index --quiet --update --db " + db().string() + " " + input.string());
  EXPECT_EQ(after.exit_code, 0) << after.output;
  EXPECT_EQ(documents(), 11u);
}

}  // namespace
}  // namespace dealsearch
