// Replays fuzz inputs without libFuzzer: every file named on the command line, or in a directory
// named there, goes once through the target's LLVMFuzzerTestOneInput (after
// LLVMFuzzerInitialize, when the target has one). So the normal build, g++ and its sanitizer
// build included, runs each corpus as an ordinary ctest, and a crash once found stays fixed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Weak: a target without one leaves it null.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

// The files to replay, in a stable order: each argument, or the regular files directly in it.
std::vector<std::filesystem::path> inputs_of(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path argument(argv[i]);
    if (!std::filesystem::is_directory(argument)) {
      inputs.push_back(argument);
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(argument)) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    inputs.insert(inputs.end(), files.begin(), files.end());
  }
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
    return 2;
  }
  if (LLVMFuzzerInitialize != nullptr) {
    LLVMFuzzerInitialize(&argc, &argv);
  }
  const std::vector<std::filesystem::path> inputs = inputs_of(argc, argv);
  for (const std::filesystem::path& input : inputs) {
    std::ifstream in(input, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read '%s'\n", input.c_str());
      return 1;
    }
    const std::vector<char> contents{std::istreambuf_iterator<char>(in),
                                     std::istreambuf_iterator<char>()};
    // Exactly as many bytes as the file has, on the heap, so that AddressSanitizer sees a read
    // one byte past the end (an empty input gets a valid pointer to nothing).
    const size_t size = contents.size();
    const auto bytes = std::make_unique<uint8_t[]>(size);
    std::copy(contents.begin(), contents.end(), bytes.get());
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", input.c_str(), size);
    LLVMFuzzerTestOneInput(bytes.get(), size);
  }
  std::fprintf(stderr, "replayed %zu inputs\n", inputs.size());
  return inputs.empty() ? 1 : 0;
}
