// dealsearch serve: the HTTP API on a port, until SIGTERM or SIGINT.
#include <atomic>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "analyzers/analyzer_data.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "searcher/http/server.h"

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--db", "PATH", "the index (default: data/index)"},
    {"--host", "HOST", "address to listen on (default: 127.0.0.1)"},
    {"--port", "PORT", "port (default: 8080; 0 for any free port, which is printed)",
     CountRange{0, 65535}},
    {"--cors-origin", "ORIGIN", "Access-Control-Allow-Origin for other sites (default: *)"},
    {"--threads", "N", "searches at once (default: one per core, at least 2)", CountRange{1, 256}},
    {"--max-connections", "N",
     "connections served at once, idle keep-alive ones included; more\n"
     "wait to be accepted, and haproxy in front bounds slow clients\n"
     "(default: 256)",
     CountRange{1, 4096}},
    {"--remote-timeout", "MS",
     "how long a remote shard may take to connect or answer before\n"
     "a search goes on without it (default: 3000)",
     CountRange{1, 600000}},
    {"--drain-seconds", "N",
     "on SIGTERM or SIGINT, first answer /health with 503 for N s while\n"
     "still serving (and close each connection after its response), so\n"
     "that haproxy in front moves the traffic elsewhere without a failed\n"
     "request; a second signal stops at once (default: 0)",
     CountRange{0, 3600}},
    {"--quiet", "", "no access log"},
    {"--data-dir", "DIR", "the analyzer's data files (default: the installed copy)"},
    {"--word-list", "FILE", "Debian's Dutch word list (default: /usr/share/dict/dutch)"},
};

constexpr std::string_view kAbout = R"(Serves the index over HTTP (JSON, UTF-8):
  GET /api/search?q=&status=&ministry=&partner=&partner_type=&theme=&year=&page=&size=&sort=
  GET /api/deals/{id}   GET /api/facets   GET /api/suggest?q=   GET /health   GET /metrics
A rebuilt or updated index is picked up without a restart. Stops cleanly on SIGTERM/SIGINT
(behind haproxy, with --drain-seconds: after haproxy has moved the traffic elsewhere).
--db may name a stub over shards, local ("auto DIR") and remote ("remote HOST:PORT", served by
xapian-tcpsrv): a shard that does not answer is left out ("partial": true) and taken back when
it answers again.
)";

}  // namespace

constexpr Command kServeCommand{.name = "serve",
                                .synopsis = "[options]",
                                .about = kAbout,
                                .options = kOptions,
                                .operands = Operands::kNone};

namespace {

struct ServeArgs {
  http::ServerOptions server;
  unsigned drain_seconds = 0;
  analyzers::AnalyzerDataPaths paths;
};

// Returns nullopt after printing a usage error.
std::optional<ServeArgs> parse(std::span<const std::string> args) {
  const std::optional<ParsedArgs> given = parse_args(kServeCommand, args, std::cerr);
  if (!given) {
    return std::nullopt;
  }
  ServeArgs parsed;
  given->set_if_given("--db", parsed.server.index);
  given->set_if_given("--host", parsed.server.host);
  given->set_if_given("--port", parsed.server.port);
  given->set_if_given("--cors-origin", parsed.server.cors_origin);
  given->set_if_given("--threads", parsed.server.threads);
  given->set_if_given("--max-connections", parsed.server.max_connections);
  given->set_if_given("--remote-timeout", parsed.server.shards.remote_timeout_ms);
  given->set_if_given("--drain-seconds", parsed.drain_seconds);
  parsed.server.quiet = given->has("--quiet");
  given->set_if_given("--data-dir", parsed.paths.data_dir);
  given->set_if_given("--word-list", parsed.paths.word_list);
  return parsed;
}

}  // namespace

int run_serve(std::span<const std::string> args) {
  const std::optional<ServeArgs> parsed = parse(args);
  if (!parsed) {
    return 2;
  }
  // The stop signals are blocked before any thread starts (the server's own start threads
  // that keep its shards and spelling current), so that every thread inherits the mask and
  // the signal waits for the waiter below: a thread without it would take SIGTERM's default
  // action and end the process on the spot, mid-response.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  const http::ServerOptions& options = parsed->server;
  http::Server server(options, analyzers::AnalyzerData::load(parsed->paths));
  const int port = server.bind();
  if (port < 0) {
    std::cerr << "dealsearch serve: cannot listen on " << options.host << ":" << options.port
              << "; is another server using it? Choose another with --port\n";
    return 1;
  }
  // Signals are waited for on a thread of their own, which then stops the server cleanly.
  std::atomic<bool> serving_ended{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (parsed->drain_seconds > 0 && !serving_ended) {
      server.drain();
      std::cerr << "dealsearch serve: draining for " << parsed->drain_seconds
                << " s (/health answers 503); a second signal stops at once\n";
      const timespec drain{static_cast<time_t>(parsed->drain_seconds), 0};
      sigtimedwait(&stop_signals, nullptr, &drain);
    }
    server.stop();
  });
  std::cerr << "dealsearch serve: serving " << options.index.string() << " on http://"
            << options.host << ":" << port << "\n";
  const bool served = server.serve();
  serving_ended = true;
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if serve() ended alone
    waiter.join();
  }
  std::cerr << "dealsearch serve: stopped\n";
  return served ? 0 : 1;
}

}  // namespace dealsearch::cli
