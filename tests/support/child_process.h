// A program the test runs beside itself (xapian-tcpsrv, xapian-replicate, ...), in a session
// of its own, until stop() or the destructor.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace dealsearch::testing {

// Runs `argv` (the program found on PATH) with its output to `log`. In a session of its own,
// so that a program that ends its process group on SIGTERM (xapian-tcpsrv) does not end the
// test, and stop() ends the program with everything it forked. Not thread-safe: one test
// thread starts and stops it.
class ChildProcess {
 public:
  explicit ChildProcess(std::vector<std::string> argv, std::filesystem::path log = "/dev/null")
      : argv_(std::move(argv)), log_(std::move(log)) {}
  ~ChildProcess() { stop(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void start() {
    ASSERT_EQ(pid_, -1) << argv_.front() << " is running already";
    // Everything the child needs is made before fork(): the test may run threads (a server),
    // and a forked child of a threaded process may only make async-signal-safe calls.
    std::vector<char*> argv;
    for (std::string& argument : argv_) {
      argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const std::string log = log_.string();
    pid_ = ::fork();
    ASSERT_NE(pid_, -1);
    if (pid_ == 0) {
      ::setsid();
      const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(out, STDERR_FILENO);
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
  }

  // Whether it has ended (and so will not do what the test waits for).
  bool exited() {
    int status = 0;
    return pid_ == -1 || ::waitpid(pid_, &status, WNOHANG) != 0;
  }

  // Ends it and whatever it forked (its process group) with SIGKILL, and waits for it.
  void stop() { end_with(SIGKILL); }
  // Asks it and what it forked to end (SIGTERM to its process group), and waits for it.
  void terminate() { end_with(SIGTERM); }

  // Sends `signal` to it and what it forked, and goes on.
  void send(int signal) const {
    if (pid_ != -1) {
      ::kill(-pid_, signal);
    }
  }
  // Waits for it to end; its status as waitpid() gives it (WIFEXITED, WEXITSTATUS, ...).
  int wait() {
    int status = 0;
    if (pid_ != -1) {
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
    return status;
  }

  const std::string& program() const { return argv_.front(); }
  const std::filesystem::path& log() const { return log_; }

 private:
  void end_with(int signal) {
    send(signal);
    wait();
  }

  std::vector<std::string> argv_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

}  // namespace dealsearch::testing
