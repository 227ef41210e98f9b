// Server: routes, JSON errors, CORS and the access log, over cpp-httplib.
#include "searcher/http/server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <thread>

#include "analyzers/error.h"
#include "searcher/http/assets.h"
#include "searcher/http/metrics.h"
#include "searcher/http/page.h"
#include "searcher/http/request_params.h"
#include "searcher/http/searcher_pool.h"
#include "searcher/result_json.h"

namespace dealsearch::http {
namespace {

// Runs `read` on the searcher; when an update committed meanwhile (Xapian's
// DatabaseModifiedError), reopens and runs it once more.
template <typename Read>
auto with_reopen_retry(searcher::Searcher& searcher, Read read) {
  try {
    return read();
  } catch (const Xapian::DatabaseModifiedError&) {
    searcher.reopen();
    return read();
  }
}

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

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, std::shared_ptr<const analyzers::AnalyzerData> data)
      : options(std::move(o)), pool(options.index, std::move(data)) {}

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

  // Wraps a handler so that its duration is reported in the Server-Timing header.
  template <typename Handler>
  httplib::Server::Handler timed(Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      const auto started = std::chrono::steady_clock::now();
      (this->*handler)(req, res);
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      char value[32];
      std::snprintf(value, sizeof value, "app;dur=%.2f", ms);
      res.set_header("Server-Timing", value);
    };
  }

  void get_search(const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    auto parsed = parse_search_parameters(parameters_of(req));
    if (const auto* error = std::get_if<ParameterError>(&parsed)) {
      send_error(res, 400, "bad_parameter", error->message, error->parameter);
      return;
    }
    const auto& request = std::get<searcher::SearchRequest>(parsed);
    auto searcher = pool.lease();
    const searcher::SearchResult result =
        with_reopen_retry(*searcher, [&] { return searcher->search(request); });
    const double took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    send_json(res, 200, searcher::to_json(request, result, searcher->info(), took_ms));
  }

  void get_deal(const httplib::Request& req, httplib::Response& res) {
    if (req.params.size() > 0) {
      send_error(res, 400, "bad_parameter", "this endpoint takes no parameters",
                 req.params.begin()->first);
      return;
    }
    auto searcher = pool.lease();
    const std::optional<nlohmann::json> deal =
        with_reopen_retry(*searcher, [&] { return searcher->deal(req.matches[1]); });
    if (!deal) {
      send_error(res, 404, "not_found", "no deal with id '" + std::string(req.matches[1]) + "'");
      return;
    }
    send_json(res, 200, *deal);
  }

  // The search page: the same parameters as /api/search, rendered as HTML.
  void get_page(const httplib::Request& req, httplib::Response& res) {
    auto parsed = parse_search_parameters(parameters_of(req));
    if (const auto* error = std::get_if<ParameterError>(&parsed)) {
      send_html(res, 400, render_bad_request_page(error->message));
      return;
    }
    const auto& request = std::get<searcher::SearchRequest>(parsed);
    auto searcher = pool.lease();
    const searcher::SearchResult result =
        with_reopen_retry(*searcher, [&] { return searcher->search(request); });
    send_html(res, 200, render_search_page(request, result));
  }

  void get_deal_page(const httplib::Request& req, httplib::Response& res) {
    auto searcher = pool.lease();
    const std::optional<nlohmann::json> deal =
        with_reopen_retry(*searcher, [&] { return searcher->deal(req.matches[1]); });
    if (!deal) {
      send_html(res, 404,
                render_not_found_page("Er is geen City Deal met de naam '" +
                                      std::string(req.matches[1]) + "'."));
      return;
    }
    send_html(res, 200, render_deal_page(*deal));
  }

  void get_suggest(const httplib::Request& req, httplib::Response& res) {
    for (const auto& [name, value] : req.params) {
      if (name != "q") {
        send_error(res, 400, "bad_parameter", "unknown parameter '" + name + "'; known: q", name);
        return;
      }
    }
    const std::string typed = req.get_param_value("q");
    if (typed.size() > kMaxQueryLength) {
      send_error(res, 400, "bad_parameter", "q is longer than 1000 bytes", "q");
      return;
    }
    auto searcher = pool.lease();
    const std::vector<std::string> suggestions =
        with_reopen_retry(*searcher, [&] { return searcher->suggest(typed); });
    send_json(res, 200, {{"query", typed}, {"suggestions", suggestions}});
  }

  void get_metrics(const httplib::Request&, httplib::Response& res) {
    auto searcher = pool.lease();
    res.status = 200;
    res.set_content(metrics.prometheus_text(searcher->info().documents),
                    "text/plain; version=0.0.4; charset=utf-8");
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

  void get_facets(const httplib::Request&, httplib::Response& res) {
    auto searcher = pool.lease();
    const auto facets = with_reopen_retry(*searcher, [&] { return searcher->all_facets(); });
    send_json(
        res, 200,
        {{"facets", searcher::facets_json(facets)},
         {"index",
          {{"revision", searcher->info().revision}, {"documents", searcher->info().documents}}}});
  }

  void get_health(const httplib::Request&, httplib::Response& res) {
    auto searcher = pool.lease();
    nlohmann::json health = {{"status", "ok"},
                             {"documents", searcher->info().documents},
                             {"built_at", searcher->info().built_at},
                             {"revision", searcher->info().revision}};
    // The index's age: how long ago it was last written.
    std::tm built{};
    if (strptime(searcher->info().built_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &built) != nullptr) {
      health["age_seconds"] = static_cast<long long>(std::time(nullptr) - timegm(&built));
    }
    send_json(res, 200, health);
  }

  ServerOptions options;
  SearcherPool pool;
  Metrics metrics;
  httplib::Server server;
  int bound_port = -1;
};

Server::Server(ServerOptions options, std::shared_ptr<const analyzers::AnalyzerData> data)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(data))) {
  { auto check = impl_->pool.lease(); }  // fails now, with a clear error, if the index is bad
  httplib::Server& server = impl_->server;
  Impl& impl = *impl_;
  const size_t threads = impl.options.threads > 0
                             ? impl.options.threads
                             : std::max(2u, std::thread::hardware_concurrency());
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
  // the client's delayed ACK hold the body back for 40 ms (cpp-httplib leaves it off).
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(64 * 1024);
  server.set_read_timeout(std::chrono::seconds(10));
  server.set_write_timeout(std::chrono::seconds(10));
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
  // The route table.
  server.Get("/api/search", impl.timed(&Impl::get_search));
  server.Get(R"(/api/deals/([^/]+))", impl.timed(&Impl::get_deal));
  server.Get("/api/facets", impl.timed(&Impl::get_facets));
  server.Get("/api/suggest", impl.timed(&Impl::get_suggest));
  server.Get("/health", impl.timed(&Impl::get_health));
  server.Get("/metrics", impl.timed(&Impl::get_metrics));
  server.Get("/", impl.timed(&Impl::get_page));
  server.Get(R"(/deals/([^/]+))", impl.timed(&Impl::get_deal_page));
  server.Get(R"(/openapi\.json|/widget\.js|/static/[^/]+)", impl.timed(&Impl::get_asset));
  server.Get(".*", impl.timed(&Impl::get_unknown));
  // One boundary for every handler: an internal failure is a generic 500, details in the log.
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr failure) {
        try {
          std::rethrow_exception(failure);
        } catch (const Error& error) {
          std::cerr << "dealsearch serve: " << req.path << ": " << error.what() << "\n";
          send_error(res, error.kind() == ErrorKind::kBadInput ? 400 : 500,
                     error.kind() == ErrorKind::kBadInput ? "bad_request" : "internal_error",
                     error.kind() == ErrorKind::kBadInput ? error.what() : "internal error");
        } catch (const std::exception& error) {
          std::cerr << "dealsearch serve: " << req.path << ": " << error.what() << "\n";
          send_error(res, 500, "internal_error", "internal error");
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
  return impl.bound_port;
}

bool Server::serve() { return impl_->server.listen_after_bind(); }

bool Server::run() { return bind() >= 0 && serve(); }

void Server::stop() {
  if (impl_ && impl_->server.is_running()) {
    impl_->server.stop();
  }
}

bool Server::is_running() const { return impl_->server.is_running(); }

}  // namespace dealsearch::http
