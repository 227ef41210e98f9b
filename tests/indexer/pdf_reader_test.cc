// read_pdf on real PDFs (drawn by tests/support/make_pdfs.py) parsed by the real
// `dealsearch extract-pdf`: the agreement's text, and every bad file a clean error.
#include "indexer/formats/pdf_reader.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/error.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/test_files.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

// The errors for the user, as read_pdf words them.
constexpr const char* kEncrypted = "encrypted: the PDF needs a password; save it without one";
constexpr const char* kNoText = "has no text (a scanned document? run OCR on it first)";
constexpr const char* kUnreadable =
    "not a readable PDF; is the file complete? open it in a PDF viewer to check";
constexpr const char* kMissing = "cannot open the file; check that it exists and is readable";

// Small limits for the hostile files, one at a time so that the other cannot come first: a
// second of CPU; 128 MB (the executable and its libraries take some 60 MB of address space
// before it reads anything), which the memory bomb passes in a third of a second.
constexpr PdfLimits kCpuLimits{.cpu_seconds = 1, .wall_seconds = 30};
constexpr PdfLimits kMemoryLimits{.cpu_seconds = 30, .memory_bytes = 128 << 20, .wall_seconds = 30};
constexpr const char* kOutOfCpu = "the PDF parser ran out of time after 1 s of CPU";
constexpr const char* kOutOfMemory = "the PDF parser ran out of memory (more than 128 MB)";

class PdfReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = std::make_unique<testing::TemporaryDirectory>();
    const std::string command = std::string("'") + DEALSEARCH_REPORTLAB_PYTHON + "' '" +
                                DEALSEARCH_SOURCE_DIR + "/tests/support/make_pdfs.py' '" +
                                directory_->path().string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() { directory_.reset(); }

  static fs::path fixture(const std::string& name) { return directory_->path() / name; }

  static std::variant<PdfText, std::string> read(const fs::path& file, PdfLimits limits = {},
                                                 fs::path program = DEALSEARCH_BINARY) {
    return read_pdf(file, {std::move(program), limits}, *testing::shared_analyzer_data());
  }

  // The text of fixture `name`, failing the test when there is none.
  static PdfText text_of(const std::string& name) {
    std::variant<PdfText, std::string> result = read(fixture(name));
    if (const std::string* error = std::get_if<std::string>(&result)) {
      ADD_FAILURE() << name << ": " << *error;
      return {};
    }
    return std::get<PdfText>(std::move(result));
  }

  // The error for `file`, failing the test when it has text.
  static std::string error_of(const fs::path& file, PdfLimits limits = {},
                              fs::path program = DEALSEARCH_BINARY) {
    std::variant<PdfText, std::string> result = read(file, limits, std::move(program));
    if (std::holds_alternative<PdfText>(result)) {
      ADD_FAILURE() << file << " has text";
      return "";
    }
    return std::get<std::string>(result);
  }

  // A stand-in for the extraction child that misbehaves as `script` says (a PDF that makes
  // poppler crash or hang on demand would be tied to one poppler version).
  static fs::path stand_in(const std::string& name, const std::string& script) {
    const fs::path path = directory_->path() / name;
    std::ofstream(path) << "#!/bin/sh\n" << script << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }

  static inline std::unique_ptr<testing::TemporaryDirectory> directory_;
};

TEST_F(PdfReaderTest, ReadsTheAgreementsParagraphsWithTheirPages) {
  const PdfText text = text_of("agreement.pdf");
  const std::pair<const char*, uint32_t> expected[] = {
      {"City Deal Energiearmoede", 1},
      {"Partijen", 1},
      {"De Minister van Binnenlandse Zaken en Koninkrijksrelaties, de gemeenten Amsterdam, "
       "Rotterdam en Utrecht, en de provincie Noord-Holland, hierna gezamenlijk te noemen: "
       "partijen.",
       1},
      {"Overwegende dat", 1},
      {"steeds meer huishoudens hun rekening voor gas en licht niet kunnen betalen; dat "
       "energiearmoede vaak samengaat met slecht ge\xC3\xAFsoleerde woningen, een laag inkomen "
       "en hoge schulden, en dat partijen hierin samen willen optrekken.",
       1},
      {"Partijen komen het volgende overeen.", 1},
      {"Artikel 1 Samenwerking", 2},
      {"Partijen bundelen hun kennis over energiearmoede en beginnen in de provincie "
       "Noord-Holland en Zuid-Holland met pilots, gericht op de woningen met de hoogste energie- "
       "en klimaatlasten en op de huishoudens die het minst te besteden hebben. Zoals de "
       "zee-egel zich met zijn stekels beschermt, zo beschermen partijen de kwetsbare "
       "huishoudens tegen de gevolgen van een te hoge energierekening. Zij verminderen daarmee "
       "ook de uitstoot van broeikasgassen, en in het bijzonder verminderen zij zo de "
       "CO2-uitstoot van de woningen die zij verbeteren.",
       2},
      {"De gemeenten zetten daartoe de volgende middelen in:", 2},
      {"\xE2\x80\xA2 energiecoaches die huishoudens thuis bezoeken;", 2},
      {"\xE2\x80\xA2 kleine maatregelen zoals tochtstrips en radiatorfolie;", 2},
      {"\xE2\x80\xA2 een loket voor wie zijn rekening niet kan betalen.", 2},
      // Runs on from page 2 to page 3: the sentence is not finished.
      {"De resultaten van de pilots worden met alle gemeenten gedeeld die willen aansluiten bij "
       "de City Deal.",
       2},
      {"Artikel 2 Warmtescan", 3},
      {"Iedere deelnemende gemeente biedt haar inwoners een gratis warmtescan aan, waarmee zij "
       "zien waar hun woning warmte verliest.",
       3},
      {"Artikel 3 Looptijd", 4},
      {"Deze City Deal treedt in werking op 1 juni 2016 en loopt tot en met 31 december 2020, "
       "tenzij partijen anders besluiten.",
       4},
      {"Aldus overeengekomen en ondertekend te Den Haag op 1 juni 2016.", 4},
  };
  ASSERT_EQ(text.paragraphs.size(), std::size(expected));
  ASSERT_EQ(text.paragraph_pages.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].first);
    EXPECT_EQ(text.paragraphs[i], expected[i].first);
    EXPECT_EQ(text.paragraph_pages[i], expected[i].second);
  }
  EXPECT_EQ(text.title, "Convenant City Deal Energiearmoede");
  EXPECT_EQ(text.page_count, 4u);
  // Page 3 begins inside the paragraph that runs on from page 2, at "willen aansluiten".
  const size_t runs_on =
      static_cast<size_t>(std::find_if(text.paragraphs.begin(), text.paragraphs.end(),
                                       [](const std::string& p) {
                                         return p.starts_with("De resultaten van de pilots");
                                       }) -
                          text.paragraphs.begin());
  ASSERT_LT(runs_on, text.paragraphs.size());
  EXPECT_EQ(text.page_breaks,
            (std::vector<schema::PageBreak>{
                {runs_on, text.paragraphs[runs_on].find("willen aansluiten"), 3}}));
}

TEST_F(PdfReaderTest, DropsTheRunningHeaderAndFooter) {
  for (const std::string& paragraph : text_of("agreement.pdf").paragraphs) {
    SCOPED_TRACE(paragraph);
    EXPECT_EQ(paragraph.find("Staatscourant"), std::string::npos);
    EXPECT_EQ(paragraph.find(" | "), std::string::npos);
  }
}

TEST_F(PdfReaderTest, AWordOnlyOnPageThreeIsInParagraphsOfPageThree) {
  const PdfText text = text_of("agreement.pdf");
  size_t found = 0;
  for (size_t i = 0; i < text.paragraphs.size(); ++i) {
    if (text.paragraphs[i].find("armtescan") != std::string::npos) {
      EXPECT_EQ(text.paragraph_pages[i], 3u) << text.paragraphs[i];
      ++found;
    }
  }
  EXPECT_EQ(found, 2u);  // the heading and its paragraph
}

TEST_F(PdfReaderTest, TakesTheHeadingForAWordProcessorsTitleAndDropsABarePageNumber) {
  const PdfText text = text_of("note.pdf");
  EXPECT_EQ(text.title, "Notitie over de warmtescan");
  EXPECT_EQ(
      text.paragraphs,
      (std::vector<std::string>{"Notitie over de warmtescan",
                                "Deze notitie vat de eerste ervaringen met de warmtescan samen."}));
  EXPECT_EQ(text.paragraph_pages, (std::vector<uint32_t>{1, 1}));
  EXPECT_EQ(text.page_count, 1u);
}

TEST_F(PdfReaderTest, AFileNameStartingWithADashIsNoOption) {
  fs::copy_file(fixture("note.pdf"), fixture("-note.pdf"), fs::copy_options::overwrite_existing);
  const fs::path before = fs::current_path();
  fs::current_path(directory_->path());
  const std::variant<PdfText, std::string> result = read("-note.pdf");
  fs::current_path(before);
  ASSERT_TRUE(std::holds_alternative<PdfText>(result)) << std::get<std::string>(result);
  EXPECT_EQ(std::get<PdfText>(result).title, "Notitie over de warmtescan");
}

struct BadFileCase {
  const char* file;
  PdfLimits limits;
  const char* error;
};

TEST_F(PdfReaderTest, ABadFileIsACleanError) {
  const BadFileCase cases[] = {
      {"encrypted.pdf", {}, kEncrypted},       {"scanned.pdf", {}, kNoText},
      {"truncated.pdf", {}, kUnreadable},      {"no-such-file.pdf", {}, kMissing},
      {"cpu_bomb.pdf", kCpuLimits, kOutOfCpu}, {"memory_bomb.pdf", kMemoryLimits, kOutOfMemory},
  };
  for (const BadFileCase& c : cases) {
    SCOPED_TRACE(c.file);
    if (!kPdfMemoryLimitApplies && std::string_view(c.file) == "memory_bomb.pdf") {
      continue;  // no memory limit under AddressSanitizer: the CPU limit would stop it instead
    }
    EXPECT_EQ(error_of(fixture(c.file), c.limits), c.error);
  }
}

struct StandInCase {
  const char* behaviour;
  const char* script;
  const char* error;  // what read_pdf's error starts with
};

TEST_F(PdfReaderTest, AParserThatCrashesHangsOrWritesGarbageIsACleanError) {
  const StandInCase cases[] = {
      {"crashes", "kill -SEGV $$", "the PDF parser crashed (signal 11)"},
      {"hangs", "exec sleep 600", "the PDF parser did not finish within 1 s"},
      {"writes garbage", "echo '{\"pages\": 12'",
       "the PDF parser's output is unreadable: not the JSON of a PDF's lines: "},
      {"fails in its own words", "echo 'ging mis' >&2; exit 3",
       "the PDF parser failed (exit status 3): ging mis"},
      {"runs out of memory in poppler", "echo 'Out of memory' >&2; kill -ABRT $$",
       "the PDF parser ran out of memory"},
  };
  for (const StandInCase& c : cases) {
    SCOPED_TRACE(c.behaviour);
    const fs::path program = stand_in("parser-that-" + std::string(c.behaviour), c.script);
    const std::string error = error_of(fixture("agreement.pdf"), {.wall_seconds = 1}, program);
    EXPECT_EQ(error.substr(0, std::string_view(c.error).size()), c.error) << error;
  }
}

TEST_F(PdfReaderTest, AMissingParserIsAnError) {
  try {
    (void)read(fixture("agreement.pdf"), {}, directory_->path() / "no-such-program");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kMissingFile);
    EXPECT_NE(std::string(error.what()).find("cannot run the PDF parser"), std::string::npos)
        << error.what();
  }
}

size_t open_descriptors() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    ++count;
  }
  return count;
}

TEST_F(PdfReaderTest, SeveralBadFilesAtOnceEachGetTheirErrorAndLeaveNothingBehind) {
  struct Run {
    fs::path file;
    PdfLimits limits;
    fs::path program;
    std::string expected;
  };
  std::vector<Run> runs = {
      {fixture("encrypted.pdf"), kCpuLimits, DEALSEARCH_BINARY, kEncrypted},
      {fixture("scanned.pdf"), kCpuLimits, DEALSEARCH_BINARY, kNoText},
      {fixture("truncated.pdf"), kCpuLimits, DEALSEARCH_BINARY, kUnreadable},
      {fixture("cpu_bomb.pdf"), kCpuLimits, DEALSEARCH_BINARY, kOutOfCpu},
      {fixture("cpu_bomb.pdf"), kCpuLimits, DEALSEARCH_BINARY, kOutOfCpu},
      {fixture("agreement.pdf"),
       {.wall_seconds = 2},
       stand_in("parser-that-sleeps", "exec sleep 600"),
       "the PDF parser did not finish within 2 s"},
  };
  if (kPdfMemoryLimitApplies) {
    runs.push_back({fixture("memory_bomb.pdf"), kMemoryLimits, DEALSEARCH_BINARY, kOutOfMemory});
  }
  const size_t descriptors_before = open_descriptors();
  std::vector<std::string> errors(runs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < runs.size(); ++i) {
    threads.emplace_back(
        [&, i] { errors[i] = error_of(runs[i].file, runs[i].limits, runs[i].program); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    SCOPED_TRACE(runs[i].file.filename().string());
    EXPECT_EQ(errors[i], runs[i].expected);
  }
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1) << "a child is left";
  EXPECT_EQ(errno, ECHILD);
  EXPECT_EQ(open_descriptors(), descriptors_before);
}

}  // namespace
}  // namespace dealsearch::indexer
