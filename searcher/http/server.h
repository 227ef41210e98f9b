// The HTTP API: a route table over cpp-httplib with thin handlers around the Searcher.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "analyzers/analyzer_data.h"
#include "searcher/shards.h"

namespace httplib {
class Server;
}

namespace dealsearch::http {

struct ServerOptions {
  std::filesystem::path index = "data/index";  // the stub file `dealsearch index` wrote
  std::string host = "127.0.0.1";
  int port = 8080;                // 0: any free port (see Server::port())
  std::string cors_origin = "*";  // Access-Control-Allow-Origin for the GET endpoints
  size_t threads = 0;             // searches at once; 0: one per core (at least 2)
  // Connections served at once (each on a thread, most of them waiting on their socket);
  // further ones wait to be accepted. Put haproxy in front to bound slow clients fully.
  size_t max_connections = 256;
  bool quiet = false;             // no access log on stderr
  searcher::ShardOptions shards;  // the remote shards' time-out
};

// Serves GET /api/search, /api/deals/{id}, /api/facets, /api/suggest and /health as JSON,
// /metrics for Prometheus, the pages / and /deals/{id} in Dutch HTML, and the files compiled
// in (searcher/web/: /openapi.json, which describes all of this). Every error of the API is
// JSON {"error": {"code", "message", "parameter"?}}: 400 for bad parameters (unknown ones
// included), 404 for unknown routes and deals, 405 for other methods, and 500 with a generic
// message (details in the log) if a handler fails; nothing a client sends causes a 500. The
// pages say the same in Dutch, and ignore parameters they do not know (utm_source, fbclid).
// One access-log line a request.
//
// Construction opens the index once to check it (throws dealsearch::Error if it cannot), and
// limits the process's malloc arenas to one a core (malloc_arenas.h) unless the operator set
// a number.
// run() blocks until stop() is called from another thread or a signal handler.
//
// Threads: cpp-httplib accepts on the thread that calls serve() and runs each connection on a
// thread of ConnectionThreads; handlers share only the SearcherPool and Metrics (both
// thread-safe), the options (read-only) and whether it drains (atomic). drain() and stop()
// may be called from any thread.
class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const analyzers::AnalyzerData> data);
  ~Server();

  // Binds, then serves until stop(). Returns false if the address cannot be bound.
  bool run();
  // Binds to the port (any free one for port 0) without serving yet; returns the port or -1.
  int bind();
  // Serves on the bound port until stop().
  bool serve();
  // The first half of a graceful stop, for a server behind a load balancer: from now on
  // /health answers 503 ("draining"), so that the balancer takes this server out of rotation,
  // and every response closes its connection, so that no kept-alive connection is left for
  // the balancer to send a request on just as stop() closes it. Searches are answered as
  // before. Call stop() once the balancer has noticed (haproxy: `fall` times `inter`).
  void drain();
  void stop();
  bool is_running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dealsearch::http
