// Running the real dealsearch binary from a test, capturing what it prints.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace dealsearch::testing {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `command` through the shell (so it may redirect), its stderr with its stdout.
inline RunResult run_command(const std::string& shell_command) {
  RunResult result;
  const std::string command = shell_command + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return result;
  }
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) {
    result.output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

#ifdef DEALSEARCH_BINARY
// Runs `dealsearch ARGUMENTS` through the shell (so ARGUMENTS may redirect).
inline RunResult run_dealsearch(const std::string& arguments) {
  return run_command(std::string(DEALSEARCH_BINARY) + " " + arguments);
}
#endif

}  // namespace dealsearch::testing
