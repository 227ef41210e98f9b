// read_pdf: the extraction child spawned, watched and reaped; its JSON turned into text.
#include "indexer/formats/pdf_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <limits>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "analyzers/error.h"
#include "indexer/formats/pdf_lines.h"

extern char** environ;

namespace dealsearch::indexer {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMebibyte = size_t{1} << 20;
constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kMaxErrorBytes = 64 * 1024;  // of the child's stderr: its end is kept
// How cli/main.cc starts the message of an error the command let through.
constexpr std::string_view kCommandPrefix = "dealsearch extract-pdf: ";
constexpr std::string_view kNoText = "has no text (a scanned document? run OCR on it first)";

// strerror() is not thread-safe; the error category's message is.
std::string describe(int error) { return std::generic_category().message(error); }

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

// Close-on-exec from the start: a child another thread spawns at the same moment must not
// inherit our write end, or our read would wait for that child too.
Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::kLibrary, "cannot create a pipe for the PDF parser: " + describe(errno),
                "", "too many open files? raise the limit (ulimit -n)");
  }
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

void check_spawn_setup(int error) {
  if (error != 0) {
    throw Error(ErrorKind::kLibrary, "cannot prepare the PDF parser's process: " + describe(error),
                "", "");
  }
}

// posix_spawn's file actions and attributes for the child: standard input from /dev/null,
// standard output and error to our pipes, nothing else open, every signal at its default.
class SpawnSetup {
 public:
  SpawnSetup(int stdout_fd, int stderr_fd) {
    check_spawn_setup(::posix_spawn_file_actions_init(&actions_));
    check_spawn_setup(::posix_spawnattr_init(&attributes_));
    check_spawn_setup(
        ::posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null", O_RDONLY, 0));
    check_spawn_setup(::posix_spawn_file_actions_adddup2(&actions_, stdout_fd, STDOUT_FILENO));
    check_spawn_setup(::posix_spawn_file_actions_adddup2(&actions_, stderr_fd, STDERR_FILENO));
    // Descriptors another thread opened without close-on-exec (a Xapian table being written)
    // are none of the child's business.
    check_spawn_setup(::posix_spawn_file_actions_addclosefrom_np(&actions_, STDERR_FILENO + 1));
    // A server ignores SIGPIPE, and ignored signals survive exec: the child must die of
    // SIGXCPU at its CPU limit, and of SIGPIPE when we stop listening.
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    check_spawn_setup(::posix_spawnattr_setsigmask(&attributes_, &none));
    check_spawn_setup(::posix_spawnattr_setsigdefault(&attributes_, &all));
    check_spawn_setup(
        ::posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attributes_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  const posix_spawn_file_actions_t* actions() const { return &actions_; }
  const posix_spawnattr_t* attributes() const { return &attributes_; }

 private:
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

// The child, killed and reaped by the destructor if nobody waited for it (an exception).
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  ~Child() {
    if (!reaped_) {
      kill_and_reap();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Waits for the child to end, killing it when `deadline` passes first. Its pipes are
  // closed by now, so it is exiting: the first look usually finds it gone.
  void wait(std::optional<Clock::time_point> deadline) {
    while (!reaped_) {
      const pid_t found = ::wait4(pid_, &status_, WNOHANG, &usage_);
      if (found == pid_ || (found < 0 && errno != EINTR)) {
        reaped_ = true;  // a child someone else reaped (ECHILD) reads as a clean exit
      } else if (deadline && Clock::now() >= *deadline) {
        kill_at_deadline();
      } else if (found == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  }

  void kill_and_reap() {
    ::kill(pid_, SIGKILL);
    while (::wait4(pid_, &status_, 0, &usage_) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  void kill_at_deadline() {
    killed_at_deadline_ = true;
    kill_and_reap();
  }

  int status() const { return status_; }
  bool killed_at_deadline() const { return killed_at_deadline_; }
  double cpu_seconds() const {
    return static_cast<double>(usage_.ru_utime.tv_sec + usage_.ru_stime.tv_sec) +
           static_cast<double>(usage_.ru_utime.tv_usec + usage_.ru_stime.tv_usec) / 1e6;
  }

 private:
  pid_t pid_;
  bool reaped_ = false;
  bool killed_at_deadline_ = false;
  int status_ = 0;
  rusage usage_{};
};

struct ChildOutput {
  std::string json;    // standard output
  std::string errors;  // standard error, its last kMaxErrorBytes
  bool timed_out = false;
  bool too_large = false;
};

// Appends what `fd` has to `to`; closes `fd` at its end (or on an error reading it).
void read_some(UniqueFd& fd, std::string& to) {
  char buffer[kReadChunk];
  const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
  if (n > 0) {
    to.append(buffer, static_cast<size_t>(n));
  } else if (n == 0 || errno != EINTR) {
    fd.reset();
  }
}

// Reads both pipes until the child closes them, `deadline` passes or its output passes
// `max_json` bytes.
ChildOutput collect(UniqueFd out, UniqueFd err, std::optional<Clock::time_point> deadline,
                    size_t max_json) {
  ChildOutput output;
  while (out.is_open() || err.is_open()) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) {
        output.timed_out = true;
        return output;
      }
      timeout_ms = static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 60000));
    }
    pollfd fds[2] = {{out.get(), POLLIN, 0}, {err.get(), POLLIN, 0}};  // poll skips fd -1
    const int ready = ::poll(fds, 2, timeout_ms);
    if (ready < 0 && errno != EINTR) {
      throw Error(ErrorKind::kLibrary, "cannot wait for the PDF parser: " + describe(errno), "",
                  "");
    }
    if (ready <= 0) {
      continue;
    }
    if (fds[0].revents != 0) {
      read_some(out, output.json);
      if (output.json.size() > max_json) {
        output.too_large = true;
        return output;
      }
    }
    if (fds[1].revents != 0) {
      read_some(err, output.errors);
      if (output.errors.size() > 2 * kMaxErrorBytes) {
        output.errors.erase(0, output.errors.size() - kMaxErrorBytes);
      }
    }
  }
  return output;
}

// The arguments after the program's name. A file named "-x.pdf" would read as an option:
// "./-x.pdf" is the same file.
std::vector<std::string> child_arguments(const PdfExtractor& extractor,
                                         const std::string& file_argument) {
  const size_t memory_mb = (extractor.limits.memory_bytes + kMebibyte - 1) / kMebibyte;
  return {extractor.program.string(),
          "extract-pdf",
          "--cpu-seconds",
          std::to_string(std::max(0, extractor.limits.cpu_seconds)),
          "--memory-mb",
          std::to_string(memory_mb),
          file_argument};
}

std::string file_argument(const std::filesystem::path& file) {
  const std::string name = file.string();
  return name.starts_with("-") ? "./" + name : name;
}

pid_t spawn(const std::vector<std::string>& arguments, int stdout_fd, int stderr_fd) {
  const SpawnSetup setup(stdout_fd, stderr_fd);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = ::posix_spawn(&pid, arguments[0].c_str(), setup.actions(), setup.attributes(),
                                  argv.data(), environ);
  if (error == ENOENT || error == EACCES || error == ENOEXEC) {
    throw Error(ErrorKind::kMissingFile, "cannot run the PDF parser: " + describe(error),
                arguments[0], "it is the dealsearch executable; reinstall dealsearch");
  }
  if (error != 0) {
    throw Error(ErrorKind::kLibrary, "cannot start the PDF parser: " + describe(error),
                arguments[0], "too many processes? try again with fewer threads");
  }
  return pid;
}

bool mentions_out_of_memory(std::string_view errors) {
  // Our own message, std::terminate's with a std::bad_alloc, poppler's gmalloc before abort().
  for (const std::string_view sign : {"out of memory", "Out of memory", "bad_alloc"}) {
    if (errors.find(sign) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// The message of an error the child reported itself (cli/main.cc prints it as
// "dealsearch extract-pdf: WHAT (FILE); HINT"), without the command and the file name.
std::optional<std::string> own_message(std::string_view errors, const std::string& file) {
  const size_t start = errors.rfind(kCommandPrefix);
  if (start == std::string_view::npos) {
    return std::nullopt;
  }
  std::string message(errors.substr(start + kCommandPrefix.size()));
  message = message.substr(0, message.find('\n'));
  if (const size_t where = message.find(" (" + file + ")"); where != std::string::npos) {
    message.erase(where, file.size() + 3);
  }
  return message;
}

std::string last_line(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  const size_t newline = text.rfind('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
}

// Why the child gave no text, or nullopt when it exited cleanly.
std::optional<std::string> failure(const Child& child, const ChildOutput& output,
                                   const PdfLimits& limits, const std::string& file) {
  const std::string memory = limits.memory_bytes > 0 && kPdfMemoryLimitApplies
                                 ? "the PDF parser ran out of memory (more than " +
                                       std::to_string(limits.memory_bytes / kMebibyte) + " MB)"
                                 : "the PDF parser ran out of memory";
  if (output.too_large) {  // only with a memory limit
    return "the PDF's text is too large (more than " +
           std::to_string(limits.memory_bytes / kMebibyte) + " MB as JSON)";
  }
  if (child.killed_at_deadline()) {
    return "the PDF parser did not finish within " + std::to_string(limits.wall_seconds) + " s";
  }
  const int status = child.status();
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    // SIGXCPU at the soft limit; SIGKILL at the hard one, a second later, if that was ignored.
    if (signal == SIGXCPU || (signal == SIGKILL && limits.cpu_seconds > 0 &&
                              child.cpu_seconds() >= limits.cpu_seconds)) {
      return "the PDF parser ran out of time after " + std::to_string(limits.cpu_seconds) +
             " s of CPU";
    }
    if (mentions_out_of_memory(output.errors)) {
      return memory;
    }
    return "the PDF parser crashed (signal " + std::to_string(signal) + ")";
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
  if (code == 0) {
    return std::nullopt;
  }
  if (mentions_out_of_memory(output.errors)) {
    return memory;
  }
  if (std::optional<std::string> message = own_message(output.errors, file)) {
    return message;
  }
  const std::string said = last_line(output.errors);
  return "the PDF parser failed (exit status " + std::to_string(code) + ")" +
         (said.empty() ? "" : ": " + said);
}

std::variant<PdfText, std::string> text_of(std::string_view json,
                                           const analyzers::AnalyzerData& lexicon) {
  PdfLines lines;
  try {
    lines = pdf_lines_from_json(json);
  } catch (const Error& error) {
    return std::string("the PDF parser's output is unreadable: ") + error.what();
  }
  PdfText text = pdf_text(lines, lexicon);
  if (text.paragraphs.empty()) {
    return std::string(kNoText);
  }
  return text;
}

void set_soft_limit(int resource, rlim_t value, rlim_t hard_margin, const char* name) {
  rlimit limit{};
  if (::getrlimit(resource, &limit) != 0) {
    throw Error(ErrorKind::kLibrary, std::string("cannot read the ") + name + " limit", "", "");
  }
  if (limit.rlim_max != RLIM_INFINITY) {
    value = std::min(value, limit.rlim_max);
  }
  limit.rlim_cur = value;
  if (hard_margin > 0 &&
      (limit.rlim_max == RLIM_INFINITY || value + hard_margin < limit.rlim_max)) {
    limit.rlim_max = value + hard_margin;
  }
  if (::setrlimit(resource, &limit) != 0) {
    throw Error(ErrorKind::kLibrary,
                std::string("cannot limit the ") + name + ": " + describe(errno), "", "");
  }
}

}  // namespace

std::variant<PdfText, std::string> read_pdf(const std::filesystem::path& file,
                                            const PdfExtractor& extractor,
                                            const analyzers::AnalyzerData& lexicon) {
  const std::string argument = file_argument(file);
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  std::optional<Clock::time_point> deadline;
  if (extractor.limits.wall_seconds > 0) {
    deadline = Clock::now() + std::chrono::seconds(extractor.limits.wall_seconds);
  }
  Child child(
      spawn(child_arguments(extractor, argument), out.write_end.get(), err.write_end.get()));
  // Only the child writes now: our write ends closed, the pipes end when the child does.
  out.write_end.reset();
  err.write_end.reset();
  const size_t max_json = extractor.limits.memory_bytes > 0 ? extractor.limits.memory_bytes
                                                            : std::numeric_limits<size_t>::max();
  const ChildOutput output =
      collect(std::move(out.read_end), std::move(err.read_end), deadline, max_json);
  if (output.timed_out) {
    child.kill_at_deadline();
  } else if (output.too_large) {
    child.kill_and_reap();
  } else {
    child.wait(deadline);
  }
  if (std::optional<std::string> why = failure(child, output, extractor.limits, argument)) {
    return *why;
  }
  return text_of(output.json, lexicon);
}

void limit_this_process(const PdfLimits& limits) {
  if (limits.cpu_seconds > 0) {
    // SIGXCPU at the soft limit ends the process; the hard limit a second later is SIGKILL,
    // for a process that caught SIGXCPU.
    set_soft_limit(RLIMIT_CPU, static_cast<rlim_t>(limits.cpu_seconds), 1, "CPU time");
  }
  // Under AddressSanitizer (kPdfMemoryLimitApplies false) the shadow memory alone is terabytes
  // of address space: any RLIMIT_AS would stop the child before it starts. The CPU and
  // wall-clock limits still hold there.
  if (limits.memory_bytes > 0 && kPdfMemoryLimitApplies) {
    set_soft_limit(RLIMIT_AS, static_cast<rlim_t>(limits.memory_bytes), 0, "address space");
  }
}

}  // namespace dealsearch::indexer
