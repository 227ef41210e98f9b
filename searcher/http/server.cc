// Server: routes, JSON errors, CORS and the access log, over cpp-httplib.
#include "searcher/http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <thread>

#include "analyzers/error.h"
#include "searcher/http/assets.h"
#include "searcher/http/connection_threads.h"
#include "searcher/http/malloc_arenas.h"
#include "searcher/http/metrics.h"
#include "searcher/http/page.h"
#include "searcher/http/request_params.h"
#include "searcher/http/searcher_pool.h"
#include "searcher/limits.h"
#include "searcher/result_json.h"

namespace dealsearch::http {
namespace {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, std::string_view code,
                const std::string& message, const std::string& parameter = "") {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!parameter.empty()) {
    error["parameter"] = parameter;
  }
  send_json(res, status, {{"error", error}});
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
  // The pages load only their own script and style; nothing else may run or load.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                 "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'");
  res.set_header("X-Content-Type-Options", "nosniff");
}

Parameters parameters_of(const httplib::Request& req) {
  return Parameters(req.params.begin(), req.params.end());
}

double milliseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
      .count();
}

// The two faces of a resource, which read a request the same way: the API answers in JSON
// and refuses parameters it does not know; the pages answer in Dutch HTML and ignore them,
// so that a link from a newsletter (/?q=fiets&utm_source=nieuwsbrief) shows its results.
enum class Face { kApi, kPage };

// The pages are / and /deals/{id}; everything else (the API, /health) is JSON.
Face face_of(const std::string& path) {
  return path == "/" || path.starts_with("/deals/") ? Face::kPage : Face::kApi;
}

UnknownParameters unknown_parameters_on(Face face) {
  return face == Face::kPage ? UnknownParameters::kIgnore : UnknownParameters::kRefuse;
}

void send_bad_parameter(httplib::Response& res, Face face, const ParameterError& error) {
  if (face == Face::kPage) {
    send_html(res, 400, render_bad_request_page(error.message));
  } else {
    send_error(res, 400, "bad_parameter", error.message, error.parameter);
  }
}

void send_no_such_deal(httplib::Response& res, Face face, const std::string& id) {
  if (face == Face::kPage) {
    send_html(res, 404, render_not_found_page("Er is geen City Deal met de naam '" + id + "'."));
  } else {
    send_error(res, 404, "not_found", "no deal with id '" + id + "'");
  }
}

// How a failure that reached the handlers' boundary is answered: the status, the error code,
// the message a client may see, and the seconds after which a retry may succeed (0: none).
struct FailureAnswer {
  int status;
  std::string_view code;
  std::string message;
  int retry_after_seconds = 0;
};

FailureAnswer answer_to(const Error& error) {
  switch (error.kind()) {
    case ErrorKind::kBadInput:
      return {400, "bad_request", error.what()};
    case ErrorKind::kIndexChanging:
      return {503, "index_changing", "the index is being re-indexed; try again in a moment", 1};
    case ErrorKind::kIndex:
    case ErrorKind::kSchemaMismatch:
      return {503, "index_unavailable", "the index cannot be opened now; try again later", 30};
    case ErrorKind::kIndexDamaged:
      return {500, "index_damaged", "the index is damaged and must be rebuilt"};
    default:
      return {500, "internal_error", "internal error"};
  }
}

void send_failure(const httplib::Request& req, httplib::Response& res,
                  const FailureAnswer& answer) {
  if (answer.retry_after_seconds > 0) {
    res.set_header("Retry-After", std::to_string(answer.retry_after_seconds));
  }
  if (face_of(req.path) == Face::kPage) {
    send_html(res, answer.status, render_failure_page(answer.status));
  } else {
    send_error(res, answer.status, answer.code, answer.message);
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, std::shared_ptr<const analyzers::AnalyzerData> data)
      : options(std::move(o)),
        workers(options.threads > 0 ? options.threads
                                    : std::max(2u, std::thread::hardware_concurrency())),
        pool(options.index, std::move(data), workers, options.shards) {}

  void log_request(const httplib::Request& req, const httplib::Response& res) {
    // The handler's time travels in the standard Server-Timing header: "app;dur=0.42".
    const std::string timing = res.get_header_value("Server-Timing");
    const size_t duration = timing.find("dur=");
    const double ms = duration == std::string::npos ? 0 : std::atof(timing.c_str() + duration + 4);
    metrics.record(req.path, res.status, ms / 1000);
    if (!options.quiet) {
      std::fprintf(stderr, "%s %s %d %.2f ms\n", req.method.c_str(), req.path.c_str(), res.status,
                   ms);
    }
  }

  // Wraps a handler so that its duration is reported in the Server-Timing header; `args`
  // follow the request and response (a resource's handler takes its Face).
  template <typename Handler, typename... Args>
  httplib::Server::Handler timed(Handler handler, Args... args) {
    return [this, handler, args...](const httplib::Request& req, httplib::Response& res) {
      const auto started = std::chrono::steady_clock::now();
      (this->*handler)(req, res, args...);
      char value[32];
      std::snprintf(value, sizeof value, "app;dur=%.2f", milliseconds_since(started));
      res.set_header("Server-Timing", value);
    };
  }

  // /api/search and the search page /: one search, rendered as JSON or as the page.
  void get_search(const httplib::Request& req, httplib::Response& res, Face face) {
    const auto started = std::chrono::steady_clock::now();
    const auto parsed = parse_search_parameters(parameters_of(req), unknown_parameters_on(face));
    if (const auto* error = std::get_if<ParameterError>(&parsed)) {
      send_bad_parameter(res, face, *error);
      return;
    }
    const auto& request = std::get<searcher::SearchRequest>(parsed);
    const searcher::SearchResult result =
        pool.read([&](searcher::Searcher& searcher) { return searcher.search(request); });
    log_unreadable(req, result);
    if (face == Face::kPage) {
      send_html(res, 200, render_search_page(request, result));
    } else {
      send_json(res, 200, searcher::to_json(request, result, milliseconds_since(started)));
    }
  }

  // /api/deals/{id} and the deal page /deals/{id}: one deal, as JSON or as the page.
  void get_deal(const httplib::Request& req, httplib::Response& res, Face face) {
    if (const auto error = check_no_parameters(parameters_of(req), unknown_parameters_on(face))) {
      send_bad_parameter(res, face, *error);
      return;
    }
    const std::string id = req.matches[1];
    const std::optional<schema::StoredDeal> deal =
        pool.read([&](searcher::Searcher& searcher) { return searcher.deal(id); });
    if (!deal) {
      send_no_such_deal(res, face, id);
      return;
    }
    if (face == Face::kPage) {
      send_html(res, 200, render_deal_page(*deal));
    } else {
      send_json(res, 200, searcher::deal_json(*deal));
    }
  }

  void get_suggest(const httplib::Request& req, httplib::Response& res) {
    const auto parsed =
        parse_suggest_parameters(parameters_of(req), unknown_parameters_on(Face::kApi));
    if (const auto* error = std::get_if<ParameterError>(&parsed)) {
      send_bad_parameter(res, Face::kApi, *error);
      return;
    }
    const std::string& typed = std::get<std::string>(parsed);
    const std::vector<std::string> suggestions = pool.read([&](searcher::Searcher& searcher) {
      return searcher.suggest(typed, searcher::kMaxSuggestions);
    });
    send_json(res, 200, {{"query", typed}, {"suggestions", suggestions}});
  }

  void get_metrics(const httplib::Request&, httplib::Response& res) {
    const size_t documents =
        pool.read([](searcher::Searcher& searcher) { return searcher.info().documents; });
    res.status = 200;
    res.set_content(metrics.prometheus_text(documents), "text/plain; version=0.0.4; charset=utf-8");
  }

  // A file compiled into the binary: the OpenAPI description, the widget, the page's script
  // and style. Revalidated by ETag, so a new build's files reach browsers within minutes.
  void get_asset(const httplib::Request& req, httplib::Response& res) {
    const Asset* asset = find_asset(req.path);
    if (asset == nullptr) {
      get_unknown(req, res);
      return;
    }
    std::string etag = "\"";
    etag.append(std::to_string(std::hash<std::string_view>{}(asset->body))).append("\"");
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "public, max-age=300");
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
  }

  void get_unknown(const httplib::Request& req, httplib::Response& res) {
    send_error(res, 404, "not_found", "no such route: " + req.path);
  }

  void get_facets(const httplib::Request& req, httplib::Response& res) {
    if (const auto error =
            check_no_parameters(parameters_of(req), unknown_parameters_on(Face::kApi))) {
      send_bad_parameter(res, Face::kApi, *error);
      return;
    }
    const nlohmann::json body = pool.read([](searcher::Searcher& searcher) {
      nlohmann::json facets = searcher::facets_json(searcher.all_facets());
      const searcher::IndexInfo& info = searcher.info();
      return nlohmann::json{
          {"facets", facets}, {"partial", info.partial()}, {"index", searcher::index_json(info)}};
    });
    send_json(res, 200, body);
  }

  // 200 while searches can be answered, also by some of the shards only ("degraded", and
  // which shard does not answer); otherwise the boundary's 503 (no shard answers) or 500, or
  // 503 "draining" once the server is being stopped (Server::drain()), so that a load
  // balancer takes this server out of rotation.
  void get_health(const httplib::Request&, httplib::Response& res) {
    if (draining) {
      send_error(res, 503, "draining",
                 "this server is stopping; it answers searches until then, but a load balancer "
                 "should send them elsewhere");
      return;
    }
    const searcher::IndexInfo info =
        pool.read([](searcher::Searcher& searcher) { return searcher.info(); });
    nlohmann::json health = {{"status", info.partial() ? "degraded" : "ok"},
                             {"documents", info.documents},
                             {"built_at", info.built_at},
                             {"revision", info.revision},
                             {"partial", info.partial()},
                             {"shards", searcher::shards_json(info)}};
    // The index's age: how long ago it was last written.
    std::tm built{};
    if (strptime(info.built_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &built) != nullptr) {
      health["age_seconds"] = static_cast<long long>(std::time(nullptr) - timegm(&built));
    }
    send_json(res, 200, health);
  }

  // A stored deal that cannot be read is left out of the hits; the operator learns of it here.
  void log_unreadable(const httplib::Request& req, const searcher::SearchResult& result) {
    if (result.unreadable > 0) {
      std::fprintf(stderr,
                   "dealsearch serve: %s: %zu stored deal(s) could not be read and were left out "
                   "of the hits; rebuild the index with 'dealsearch index'\n",
                   req.path.c_str(), result.unreadable);
    }
  }

  ServerOptions options;
  size_t workers;  // searches at once
  SearcherPool pool;
  Metrics metrics;
  std::atomic<bool> draining{false};  // Server::drain() was called
  httplib::Server server;
  int bound_port = -1;
  socket_t listening_socket = -1;
};

Server::Server(ServerOptions options, std::shared_ptr<const analyzers::AnalyzerData> data)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(data))) {
  limit_malloc_arenas(default_malloc_arenas());  // before the connection threads allocate
  impl_->pool.keep_spelling_current();  // fails now, with a clear error, if the index is bad
  { auto check = impl_->pool.lease(); }
  httplib::Server& server = impl_->server;
  Impl& impl = *impl_;
  // A thread a connection (idle keep-alive ones included), so slow or idle clients cannot
  // keep others waiting; the pool bounds the searches that run at once to `workers`.
  server.new_task_queue = [&impl] {
    return new ConnectionThreads(impl.workers, impl.options.max_connections);
  };
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
  // the client's delayed ACK hold the body back for 40 ms (cpp-httplib leaves it off).
  server.set_tcp_nodelay(true);
  // Remembers the listening socket, so that bind() can widen its backlog.
  server.set_socket_options([&impl](socket_t socket) {
    httplib::default_socket_options(socket);
    impl.listening_socket = socket;
  });
  server.set_payload_max_length(64 * 1024);
  // A client has 5 s for each part of its request and 5 s between requests on a kept-alive
  // connection; after 100 requests it connects anew.
  server.set_read_timeout(std::chrono::seconds(5));
  server.set_write_timeout(std::chrono::seconds(10));
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(100);
  server.set_default_headers(
      {{"Access-Control-Allow-Origin", impl.options.cors_origin}, {"Vary", "Origin"}});
  // Only GET (and CORS preflight): anything else is 405 on every path.
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    if (req.method == "OPTIONS") {
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      return httplib::Server::HandlerResponse::Handled;
    }
    res.set_header("Allow", "GET, OPTIONS");
    send_error(res, 405, "method_not_allowed", "only GET is supported");
    return httplib::Server::HandlerResponse::Handled;
  });
  // The route table. A resource's API route and page share a handler and differ in its Face.
  server.Get("/api/search", impl.timed(&Impl::get_search, Face::kApi));
  server.Get(R"(/api/deals/([^/]+))", impl.timed(&Impl::get_deal, Face::kApi));
  server.Get("/api/facets", impl.timed(&Impl::get_facets));
  server.Get("/api/suggest", impl.timed(&Impl::get_suggest));
  server.Get("/health", impl.timed(&Impl::get_health));
  server.Get("/metrics", impl.timed(&Impl::get_metrics));
  server.Get("/", impl.timed(&Impl::get_search, Face::kPage));
  server.Get(R"(/deals/([^/]+))", impl.timed(&Impl::get_deal, Face::kPage));
  server.Get(R"(/openapi\.json|/widget\.js|/static/[^/]+)", impl.timed(&Impl::get_asset));
  server.Get(".*", impl.timed(&Impl::get_unknown));
  // One boundary for every handler: an internal failure is a generic 500 (503 while the index
  // cannot be read), details in the log. Xapian's errors are converted before they get here
  // (SearcherPool::read), but no exception may end the process.
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr failure) {
        try {
          std::rethrow_exception(failure);
        } catch (const Error& error) {
          std::cerr << "dealsearch serve: " << req.path << ": " << error.what() << "\n";
          send_failure(req, res, answer_to(error));
        } catch (const std::exception& error) {
          std::cerr << "dealsearch serve: " << req.path << ": " << error.what() << "\n";
          send_failure(req, res, {500, "internal_error", "internal error"});
        } catch (const Xapian::Error& error) {
          std::cerr << "dealsearch serve: " << req.path << ": " << error.get_description() << "\n";
          send_failure(req, res, {500, "internal_error", "internal error"});
        } catch (...) {
          std::cerr << "dealsearch serve: " << req.path << ": an unknown exception\n";
          send_failure(req, res, {500, "internal_error", "internal error"});
        }
      });
  // While draining, a response says the connection ends with it; the client (haproxy) then
  // closes it rather than keep it for the next request.
  server.set_post_routing_handler([&impl](const httplib::Request&, httplib::Response& res) {
    if (impl.draining) {
      res.set_header("Connection", "close");
    }
  });
  server.set_logger([&impl](const httplib::Request& req, const httplib::Response& res) {
    impl.log_request(req, res);
  });
}

Server::~Server() { stop(); }

int Server::bind() {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    impl.bound_port = impl.server.bind_to_any_port(impl.options.host);
  } else {
    impl.bound_port =
        impl.server.bind_to_port(impl.options.host, impl.options.port) ? impl.options.port : -1;
  }
  // cpp-httplib 0.11 listens with a backlog of 5, compiled into Debian's library: a burst of
  // more connections (a browser opens six) loses SYNs, and each such client waits a second
  // for its retransmission. Listening again on the bound socket widens the queue (Linux).
  if (impl.bound_port >= 0 && impl.listening_socket >= 0) {
    ::listen(impl.listening_socket, SOMAXCONN);
  }
  return impl.bound_port;
}

bool Server::serve() { return impl_->server.listen_after_bind(); }

bool Server::run() { return bind() >= 0 && serve(); }

void Server::drain() { impl_->draining = true; }

void Server::stop() {
  if (impl_ && impl_->server.is_running()) {
    impl_->server.stop();
  }
}

bool Server::is_running() const { return impl_->server.is_running(); }

}  // namespace dealsearch::http
