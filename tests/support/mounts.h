// File systems mounted by a test: a full disk or a read-only one, which root cannot otherwise have.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace dealsearch::testing {

// File systems mounted for one test, unmounted when it ends, also when it fails. Mounting
// needs root (which ignores file modes: only a mount makes a disk full or read-only for it)
// and a sandbox that allows it.
class Mounts {
 public:
  Mounts() = default;
  Mounts(const Mounts&) = delete;
  Mounts& operator=(const Mounts&) = delete;
  ~Mounts() {
    for (auto dir = mounted_.rbegin(); dir != mounted_.rend(); ++dir) {
      std::system(("umount -l '" + dir->string() + "' 2>/dev/null").c_str());
    }
  }

  // Runs `mount ARGUMENTS DIR`; false when it was refused.
  [[nodiscard]] bool mount(const std::string& arguments, const std::filesystem::path& dir) {
    if (std::system(("mount " + arguments + " '" + dir.string() + "' 2>/dev/null").c_str()) != 0) {
      return false;
    }
    mounted_.push_back(dir);
    return true;
  }

 private:
  std::vector<std::filesystem::path> mounted_;
};

}  // namespace dealsearch::testing
