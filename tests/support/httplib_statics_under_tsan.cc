// Linked into every test of the ThreadSanitizer build (tests/CMakeLists.txt): builds
// cpp-httplib's function-local statics on the main thread before any test starts a thread.
//
// Why: libcpp-httplib.so is not built with TSan. It keeps some tables in function-local statics
// that are built on first use (the server's set of request methods in parse_request_line, the
// client's regular expression for a status line). A thread that finds such a static already
// built takes the C++ guard's plain-load fast path, which TSan cannot see in uninstrumented
// code, so the first requests of two connection threads at once read as a data race between
// the builder's writes and the other's reads (reproduced on a bare httplib::Server with eight
// first requests at once: 8 runs in 30). A suppression cannot name those frames (the library
// has no symbols), and ignoring the library's interceptors hides its mutexes too, which turns
// every later hand-over into a false race. Built here first, every test thread starts after
// them, so TSan sees them ordered and every access of ours stays checked.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace {

// One request through a throw-away server and client: the server's statics are built in its
// worker thread, which listen_after_bind() joins before it returns; the client's on this one.
void build_httplib_statics() {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    throw std::runtime_error("httplib_statics_under_tsan: cannot bind a loopback port");
  }
  std::thread serving([&server] { server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  httplib::Client client("127.0.0.1", port);
  const httplib::Result result = client.Get("/");
  server.stop();
  serving.join();
  if (!result || result->status != 200) {
    throw std::runtime_error("httplib_statics_under_tsan: the throw-away server did not answer");
  }
}

class HttplibStatics : public ::testing::Environment {
 public:
  void SetUp() override { build_httplib_statics(); }
};

[[maybe_unused]] ::testing::Environment* const kHttplibStatics =
    ::testing::AddGlobalTestEnvironment(new HttplibStatics);

}  // namespace
