// dealsearch serve: the HTTP API on a port, until SIGTERM or SIGINT.
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "analyzers/analyzer_data.h"
#include "cli/commands.h"
#include "searcher/http/server.h"

namespace dealsearch::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: dealsearch serve [options]

Serves the index over HTTP (JSON, UTF-8):
  GET /api/search?q=&status=&ministry=&partner=&partner_type=&theme=&year=&page=&size=&sort=
  GET /api/deals/{id}   GET /api/facets   GET /api/suggest?q=   GET /health   GET /metrics
A rebuilt or updated index is picked up without a restart. Stops cleanly on SIGTERM/SIGINT.

options:
  --db PATH            the index (default: data/index)
  --host HOST          address to listen on (default: 127.0.0.1)
  --port PORT          port (default: 8080; 0 for any free port, which is printed)
  --cors-origin ORIGIN Access-Control-Allow-Origin for other sites (default: *)
  --threads N          searches at once (default: one per core, at least 2)
  --max-connections N  connections served at once, idle keep-alive ones included (default:
                       256); more wait to be accepted. haproxy in front bounds slow clients
  --quiet              no access log
  --data-dir DIR       the analyzer's data files (default: the installed copy)
  --word-list FILE     Debian's Dutch word list (default: /usr/share/dict/dutch)
  -h, --help           show this help
)";

std::optional<int> parse_port(const std::string& text) {
  try {
    size_t used = 0;
    const int port = std::stoi(text, &used);
    return used == text.size() && port >= 0 && port <= 65535 ? std::optional<int>(port)
                                                             : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

int run_serve(std::span<const std::string> args) {
  if (asks_for_help(args)) {
    std::cout << kUsage;
    return 0;
  }
  http::ServerOptions options;
  analyzers::AnalyzerDataPaths paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--db" && has_value) {
      options.index = args[++i];
    } else if (arg == "--host" && has_value) {
      options.host = args[++i];
    } else if (arg == "--port" && has_value) {
      const std::optional<int> port = parse_port(args[++i]);
      if (!port) {
        std::cerr << "dealsearch serve: --port takes 0 to 65535, got '" << args[i] << "'\n";
        return 2;
      }
      options.port = *port;
    } else if (arg == "--cors-origin" && has_value) {
      options.cors_origin = args[++i];
    } else if (arg == "--threads" && has_value) {
      const std::optional<int> threads = parse_port(args[++i]);
      if (!threads || *threads < 1 || *threads > 256) {
        std::cerr << "dealsearch serve: --threads takes 1 to 256, got '" << args[i] << "'\n";
        return 2;
      }
      options.threads = static_cast<size_t>(*threads);
    } else if (arg == "--max-connections" && has_value) {
      const std::optional<int> connections = parse_port(args[++i]);
      if (!connections || *connections < 1 || *connections > 4096) {
        std::cerr << "dealsearch serve: --max-connections takes 1 to 4096, got '" << args[i]
                  << "'\n";
        return 2;
      }
      options.max_connections = static_cast<size_t>(*connections);
    } else if (arg == "--quiet") {
      options.quiet = true;
    } else if (arg == "--data-dir" && has_value) {
      paths.data_dir = args[++i];
    } else if (arg == "--word-list" && has_value) {
      paths.word_list = args[++i];
    } else {
      std::cerr << "dealsearch serve: unknown option or missing value: '" << arg << "'\n\n"
                << kUsage;
      return 2;
    }
  }
  http::Server server(options, analyzers::AnalyzerData::load(paths));
  const int port = server.bind();
  if (port < 0) {
    std::cerr << "dealsearch serve: cannot listen on " << options.host << ":" << options.port
              << "; is another server using it? Choose another with --port\n";
    return 1;
  }
  // Signals are waited for on a thread of their own, which then stops the server cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  std::cerr << "dealsearch serve: serving " << options.index.string() << " on http://"
            << options.host << ":" << port << "\n";
  const bool served = server.serve();
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if serve() ended alone
    waiter.join();
  }
  std::cerr << "dealsearch serve: stopped\n";
  return served ? 0 : 1;
}

}  // namespace dealsearch::cli
