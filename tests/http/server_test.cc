// The HTTP API, a real server on an ephemeral loopback port over the indexed seed corpus.
#include "searcher/http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "analyzers/schema.h"
#include "indexer/deal_builder.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "searcher/limits.h"
#include "tests/http/running_server.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"

namespace dealsearch::http {
namespace {

TEST_F(HttpApi, SearchReturnsTheDocumentedShape) {
  const auto [status, body] = get("/api/search?q=energiearmoede");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(body["query"], "energiearmoede");
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(ids(body), std::vector<std::string>{"energieke-wijken-duurzaam-en-sociaal"});
  for (const char* field : {"page", "size", "took_ms", "relaxed", "corrected", "suggestion", "hits",
                            "facets", "index"}) {
    EXPECT_TRUE(body.contains(field)) << field;
  }
  for (const char* field : {"id", "title", "status", "signed", "ministries", "partners", "themes",
                            "url", "score", "snippet"}) {
    EXPECT_TRUE(body["hits"][0].contains(field)) << field;
  }
  // Every facet of the schema's table, and no other (openapi_test holds them to the
  // description).
  EXPECT_EQ(body["facets"].size(), schema::kFacets.size());
  for (const schema::Facet& facet : schema::kFacets) {
    EXPECT_TRUE(body["facets"].contains(facet.name)) << facet.name;
  }
}

TEST_F(HttpApi, FiltersWithDisjunctiveCountsAndPages) {
  const auto [status, body] = get("/api/search?ministry=BZK");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(body["total"], 3);
  const auto found = ids(body);
  EXPECT_NE(std::find(found.begin(), found.end(), "fietsen-voor-iedereen"), found.end());
  size_t vws = 0;
  for (const auto& value : body["facets"]["ministry"]) {
    if (value["value"] == "VWS") {
      vws = value["count"];
      EXPECT_EQ(value["label"], "Ministerie van Volksgezondheid, Welzijn en Sport");
    }
  }
  EXPECT_EQ(vws, 2u);
  const auto [either_status, either] = get("/api/search?ministry=OCW&ministry=IenW");
  EXPECT_EQ(either["total"], 2);
  const auto [page_status, page] = get("/api/search?page=2&size=3");
  EXPECT_EQ(page["hits"].size(), 3u);
  EXPECT_EQ(page["total"], 10);
}

struct BadRequest {
  std::string path;
  std::string parameter;
};

TEST_F(HttpApi, RefusesBadParametersWithA400NamingThem) {
  const std::string long_query(1001, 'a');
  std::string many = "/api/search?q=x";
  for (int i = 0; i < 21; ++i) {
    many += "&theme=t" + std::to_string(i);
  }
  const BadRequest cases[] = {
      {"/api/search?q=fiets&colour=red", "colour"},
      {"/api/search?size=101", "size"},
      {"/api/search?size=0", "size"},
      {"/api/search?size=ten", "size"},
      {"/api/search?page=1001&size=10", "page"},
      {"/api/search?sort=best", "sort"},
      {"/api/search?q=" + long_query, "q"},
      {many, "theme"},
      {"/api/search?q=%FF%FE", "q"},
  };
  for (const BadRequest& c : cases) {
    SCOPED_TRACE(c.path.substr(0, 80));
    const auto [status, body] = get(c.path);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(body["error"]["code"], "bad_parameter");
    EXPECT_EQ(body["error"]["parameter"], c.parameter);
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  }
}

TEST_F(HttpApi, UnknownRoutesDealsAndMethods) {
  EXPECT_EQ(get("/nope").first, 404);
  const auto [status, body] = get("/api/deals/bestaat-niet");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["error"]["code"], "not_found");
  const auto [deal_status, deal] = get("/api/deals/slim-maatwerk");
  EXPECT_EQ(deal_status, 200);
  EXPECT_EQ(deal["title"], "Slim Maatwerk");
  const httplib::Result posted = client_->Post("/api/search", "{}", "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 405);
  EXPECT_EQ(nlohmann::json::parse(posted->body)["error"]["code"], "method_not_allowed");
}

TEST_F(HttpApi, SuggestsTitlesAndFrequentWords) {
  const auto [status, body] = get("/api/suggest?q=energ");
  ASSERT_EQ(status, 200);
  const std::vector<std::string> suggestions = body["suggestions"];
  ASSERT_FALSE(suggestions.empty());
  EXPECT_LE(suggestions.size(), 10u);
  EXPECT_EQ(suggestions.front(), "Energieke wijken, duurzaam en sociaal");
  EXPECT_NE(std::find(suggestions.begin(), suggestions.end(), "energiearmoede"), suggestions.end());
  EXPECT_EQ(get("/api/suggest?q=energ&x=1").first, 400);
  EXPECT_TRUE(get("/api/suggest?q=e").second["suggestions"].empty());
}

TEST_F(HttpApi, ExposesMetricsForPrometheus) {
  get("/api/search?q=fiets");
  get("/api/search?size=500");
  get("/api/deals/slim-maatwerk");
  const httplib::Result result = client_->Get("/metrics");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const std::string& text = result->body;
  EXPECT_NE(text.find("dealsearch_requests_total{route=\"/api/search\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("dealsearch_requests_total{route=\"/api/search\",status=\"400\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("route=\"/api/deals/{id}\""), std::string::npos);
  EXPECT_NE(
      text.find("dealsearch_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"} 2"),
      std::string::npos);
  EXPECT_NE(text.find("dealsearch_index_documents 10"), std::string::npos);
}

TEST_F(HttpApi, HealthTellsTheIndexSizeAndAge) {
  const auto [status, body] = get("/health");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["documents"], 10);
  ASSERT_TRUE(body.contains("age_seconds"));
  EXPECT_GE(body["age_seconds"].get<long long>(), 0);
  EXPECT_LT(body["age_seconds"].get<long long>(), 600);
}

// The first half of a graceful stop: a load balancer's check fails, searches go on, and no
// connection is kept for a request that could arrive as the server stops.
TEST_F(HttpApi, ADrainingServerFailsItsHealthCheckButStillAnswers) {
  const httplib::Result before = client_->Get("/api/search?q=fiets");
  ASSERT_TRUE(before);
  EXPECT_NE(before->get_header_value("Connection"), "close");
  server_->drain();
  const auto [status, body] = get("/health");
  EXPECT_EQ(status, 503);
  EXPECT_EQ(body["error"]["code"], "draining");
  const httplib::Result search = client_->Get("/api/search?q=fiets");
  ASSERT_TRUE(search);
  EXPECT_EQ(search->status, 200);
  EXPECT_EQ(search->get_header_value("Connection"), "close");
}

TEST_F(HttpApi, AllowsOtherOriginsToCallIt) {
  const httplib::Result result = client_->Get("/api/search?q=fiets");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->get_header_value("Access-Control-Allow-Origin"), "*");
  const httplib::Result preflight = client_->Options("/api/search");
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
}

TEST_F(HttpApi, RendersTheSearchPageFromTheUrl) {
  const httplib::Result page = client_->Get("/?q=energiearmoede&status=in%20uitvoering");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  const std::string& html = page->body;
  EXPECT_NE(html.find("value=\"energiearmoede\""), std::string::npos) << "the box keeps the query";
  EXPECT_NE(html.find("name=\"status\" value=\"in uitvoering\" checked"), std::string::npos);
  EXPECT_NE(html.find("1 City Deal gevonden"), std::string::npos);
  EXPECT_NE(html.find("href=\"/deals/energieke-wijken-duurzaam-en-sociaal\""), std::string::npos);
  EXPECT_NE(html.find("<mark>energiearmoede</mark>"), std::string::npos);

  const httplib::Result bad = client_->Get("/?size=1000");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("size must be a whole number"), std::string::npos);
}

TEST_F(HttpApi, TheSearchPageEscapesWhatTheUrlSays) {
  const httplib::Result page =
      client_->Get("/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&ministry=%3Cimg%20src%3Dx%3E");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page->body.find("<img src=x>"), std::string::npos);
  EXPECT_NE(page->body.find("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""),
            std::string::npos)
      << "the query stays in the box, as text";
  EXPECT_NE(page->body.find("value=\"&lt;img src=x&gt;\" checked"), std::string::npos)
      << "the unknown filter value can be unticked";
}

TEST_F(HttpApi, RendersADealPageOrANotFoundPage) {
  const httplib::Result deal = client_->Get("/deals/fietsen-voor-iedereen");
  ASSERT_TRUE(deal);
  EXPECT_EQ(deal->status, 200);
  EXPECT_NE(deal->body.find("<h1>Fietsen voor iedereen</h1>"), std::string::npos);
  EXPECT_NE(deal->body.find("Ministerie van Infrastructuur en Waterstaat (IenW)"),
            std::string::npos);
  const httplib::Result missing = client_->Get("/deals/%3Cscript%3E");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body.find("<script>"), std::string::npos) << "the id is escaped";
  EXPECT_NE(missing->body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(HttpApi, AHitNamesTheDocumentAndPdfPageOfItsSnippet) {
  // "vroegsignalering" is in Slim Maatwerk's fourth paragraph: page 2 of its PDF.
  const auto [status, body] = get("/api/search?q=vroegsignalering");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(ids(body), std::vector<std::string>{"slim-maatwerk"});
  EXPECT_EQ(body["hits"][0]["snippet_source"], nlohmann::json({{"url", testing::kSlimMaatwerkPdf},
                                                               {"title", "Staatscourant-tekst"},
                                                               {"page", 2}}));
  // From the page itself: no page; a deal read from a text page is its own document.
  const auto [page_status, on_page] = get("/api/search?q=%22lang%20niet%20iedere%20Nederlander%22");
  ASSERT_EQ(page_status, 200);
  ASSERT_EQ(ids(on_page), std::vector<std::string>{"slim-maatwerk"});
  EXPECT_EQ(
      on_page["hits"][0]["snippet_source"],
      nlohmann::json(
          {{"url", testing::kSlimMaatwerkUrl}, {"title", "Slim Maatwerk"}, {"page", nullptr}}));
  const auto [text_status, from_text] = get("/api/search?q=fietsen");
  ASSERT_EQ(text_status, 200);
  EXPECT_EQ(from_text["hits"][0]["snippet_source"]["page"], nullptr);
  EXPECT_EQ(from_text["hits"][0]["snippet_source"]["url"], nullptr);

  // The results page links the PDF at that page.
  const httplib::Result results = client_->Get("/?q=vroegsignalering");
  ASSERT_TRUE(results);
  EXPECT_NE(results->body.find("<p class=\"source\">Uit: <a class=\"document\" href=\"" +
                               std::string(testing::kSlimMaatwerkPdf) +
                               "#page=2\" rel=\"noopener\">Staatscourant-tekst, p. 2</a></p>"),
            std::string::npos)
      << results->body;
  const httplib::Result plain = client_->Get("/?q=fietsen");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body.find("class=\"source\""), std::string::npos);
}

TEST_F(HttpApi, ADealListsItsDocumentsAndMarksItsPdfPages) {
  const auto [status, deal] = get("/api/deals/slim-maatwerk");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(deal["documents"].size(), 2u);
  EXPECT_EQ(deal["documents"][0], nlohmann::json({{"url", testing::kSlimMaatwerkUrl},
                                                  {"title", "Slim Maatwerk"},
                                                  {"type", "html"},
                                                  {"pages", nullptr},
                                                  {"first_paragraph", 0}}));
  EXPECT_EQ(deal["documents"][1], nlohmann::json({{"url", testing::kSlimMaatwerkPdf},
                                                  {"title", "Staatscourant-tekst"},
                                                  {"type", "pdf"},
                                                  {"pages", 3},
                                                  {"first_paragraph", 2}}));
  const auto [text_status, from_text] = get("/api/deals/fietsen-voor-iedereen");
  ASSERT_EQ(text_status, 200);
  EXPECT_EQ(from_text["documents"], nlohmann::json::parse(R"([{"url": null, "title":
      "Fietsen voor iedereen", "type": "text", "pages": null, "first_paragraph": 0}])"));

  const httplib::Result page = client_->Get("/deals/slim-maatwerk");
  ASSERT_TRUE(page);
  const std::string pdf(testing::kSlimMaatwerkPdf);
  for (const std::string& expected :
       std::vector<std::string>{"<dt>Documenten</dt>", "Staatscourant-tekst</a> (PDF, 3 pagina's)",
                                "<h2 class=\"document\">Staatscourant-tekst</h2>",
                                "<p class=\"page\"><a class=\"document\" href=\"" + pdf +
                                    "#page=1\" rel=\"noopener\">p. 1</a>",
                                "href=\"" + pdf + "#page=3\""}) {
    EXPECT_NE(page->body.find(expected), std::string::npos) << expected;
  }
  const httplib::Result text_page = client_->Get("/deals/fietsen-voor-iedereen");
  ASSERT_TRUE(text_page);
  EXPECT_EQ(text_page->body.find("Documenten"), std::string::npos);
}

TEST_F(HttpApi, TheWidgetPagesNoDeeperThanTheApiAnswers) {
  // JavaScript cannot include limits.h: the widget states the window, this holds it to it.
  const httplib::Result widget = client_->Get("/widget.js");
  ASSERT_TRUE(widget);
  EXPECT_NE(widget->body.find(
                "const RESULT_WINDOW = " + std::to_string(searcher::kMaxResultWindow) + ";"),
            std::string::npos);
}

TEST_F(HttpApi, ServesItsFilesWithAnETag) {
  for (const char* path : {"/widget.js", "/static/page.js", "/static/page.css", "/openapi.json"}) {
    SCOPED_TRACE(path);
    const httplib::Result file = client_->Get(path);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->status, 200);
    EXPECT_FALSE(file->body.empty());
    const std::string etag = file->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());
    const httplib::Result again = client_->Get(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
  }
  EXPECT_EQ(client_->Get("/static/nothing.js")->status, 404);
}

TEST_F(HttpApi, NoHostileInputCausesA500) {
  const char* const hostile[] = {
      "/api/search?q=%22",
      "/api/search?q=%22%22%22",
      "/api/search?q=-",
      "/api/search?q=OR%20OR",
      "/api/search?q=*",
      "/api/search?q=a*",
      "/api/search?q=%00",
      "/api/search?q=%3Cscript%3E",
      "/api/search?q=((((",
      "/api/search?q=-%22x",
      "/api/search?ministry=",
      "/api/search?year=abc",
      "/api/search?q=&page=1000&size=10",
      "/api/deals/%2e%2e%2f",
      "/api/deals/%00",
      "/api/search?q=%E2%80%99s-",
      "/api/facets",
      "/health",
      "/api/search?partner=%C3%A9",
      "/api/search?q=energie%20-energie",
      // The pages take the same parameters, and ids from anywhere.
      "/?q=%22%3Cscript%3E",
      "/?q=%FF%FE",
      "/?q=x&page=0",
      "/?q=x&page=99999",
      "/?ministry=%3Cimg%20src%3Dx%3E",
      "/?q=energie&sort=%22",
      "/?colour=red",
      "/deals/%2e%2e%2f",
      "/deals/%00",
      "/deals/%3Cscript%3E",
      "/static/..%2fpage.js",
      "/static/",
  };
  for (const char* path : hostile) {
    SCOPED_TRACE(path);
    const httplib::Result result = client_->Get(path);
    ASSERT_TRUE(result);
    EXPECT_LT(result->status, 500) << result->body;
  }
}

// A re-index under continuous queries: no request fails, and the new index is seen.
TEST_F(HttpApi, PicksUpAReindexWithoutFailedRequests) {
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<int> requests{0};
  std::thread load([&] {
    httplib::Client client("127.0.0.1", port_);
    while (!done) {
      const httplib::Result result = client.Get("/api/search?q=fietsen");
      ++requests;
      if (!result || result->status != 200) {
        ++failures;
      }
    }
  });
  for (int i = 0; i < 3; ++i) {
    testing::build_corpus_index(index());
  }
  // An update with a deal of its own: the next request finds it.
  {
    const auto& data = testing::shared_analyzer_data();
    const auto gazetteer =
        indexer::Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data", data->folder());
    std::vector<std::unique_ptr<indexer::DealBuilder>> builders;
    builders.push_back(std::make_unique<indexer::DealBuilder>(
        data, gazetteer, DEALSEARCH_SOURCE_DIR "/indexer/data/themes-nl.tsv"));
    indexer::DealRecord record;
    record.title = "Waterstofwijk Zuid";
    record.paragraphs = {"Een deal over waterstofbussen."};
    record.source = {"test", 1};
    indexer::IndexWriter writer(index(), *builders.front());
    (void)indexer::index_records({record}, {.update = true}, builders, writer);
  }
  done = true;
  load.join();
  EXPECT_EQ(failures, 0) << "of " << requests << " requests";
  EXPECT_GT(requests, 0);
  const auto [status, body] = get("/api/search?q=waterstofbussen");
  EXPECT_EQ(body["total"], 1);
}

}  // namespace
}  // namespace dealsearch::http
