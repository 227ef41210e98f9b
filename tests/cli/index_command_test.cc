// dealsearch index as a user runs it: the real binary, real files, a real index on disk.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

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
    const RunResult first = run("index --quiet --db " + db().string() + " " + corpus_);
    ASSERT_EQ(first.exit_code, 0) << first.output;
  }

  fs::path db() const { return temporary_.path() / "index"; }

  fs::path write(const std::string& name, const std::string& contents) {
    const fs::path path = temporary_.path() / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  size_t documents() const { return Xapian::Database(db().string()).get_doccount(); }
  std::string stub() const { return testing::read_text_file(db()); }

  testing::TemporaryDirectory temporary_;
  const std::string corpus_ = DEALSEARCH_SOURCE_DIR "/corpus";
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
  std::string big;
  const std::string body = testing::read_text_file(corpus_ + "/agendastad-citydeals.txt");
  std::string escaped;
  for (const char c : body.substr(0, 6000)) {
    escaped += c == '"' ? std::string("\\\"") : c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  for (int i = 0; i < 1500; ++i) {
    big +=
        "{\"title\": \"Deal nummer " + std::to_string(i) + "\", \"body\": \"" + escaped + "\"}\n";
  }
  const fs::path input = write("big.jsonl", big);

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
  size_t builds = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(db().string() + ".builds")) {
    ++builds;
  }
  EXPECT_LE(builds, 2u);
}

}  // namespace
}  // namespace dealsearch
