// Files for tests: reading a whole file, and a fresh temporary directory per test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dealsearch::testing {

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `text` to `path`, replacing what was there.
inline void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.flush()) << "cannot write " << path;
}

// A directory named after the running test (or test suite, in SetUpTestSuite), created
// empty and removed afterwards.
class TemporaryDirectory {
 public:
  TemporaryDirectory() : path_(std::filesystem::temp_directory_path() / unique_name()) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  static std::string unique_name() {
    const ::testing::UnitTest* tests = ::testing::UnitTest::GetInstance();
    std::string name = "dealsearch-" + std::to_string(::getpid());
    if (const ::testing::TestInfo* test = tests->current_test_info()) {
      return name + "-" + test->test_suite_name() + "-" + test->name();
    }
    if (const ::testing::TestSuite* suite = tests->current_test_suite()) {
      return name + "-" + suite->name();
    }
    return name;
  }

  std::filesystem::path path_;
};

}  // namespace dealsearch::testing
