// GET /openapi.json describes the API as it answers: every documented route is requested,
// and each response is validated against the schema the description gives for its status.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "searcher/limits.h"
#include "tests/http/openapi_description.h"
#include "tests/http/running_server.h"

namespace dealsearch::http {
namespace {

class OpenApi : public HttpApi {
 protected:
  void SetUp() override {
    HttpApi::SetUp();
    const auto [status, description] = get("/openapi.json");
    ASSERT_EQ(status, 200);
    description_ = std::make_unique<OpenApiDescription>(description);
  }

  nlohmann::json response_schema(const std::string& template_path, int status) const {
    return description_->response_schema(template_path, status);
  }
  std::string violations(const nlohmann::json& schema, const nlohmann::json& body) const {
    return description_->violations(schema, body);
  }

  std::unique_ptr<OpenApiDescription> description_;
};

struct Call {
  std::string template_path;  // as the description names it
  std::string request;        // what is requested
  int status;                 // what the server must answer
};

TEST_F(OpenApi, EveryResponseMatchesTheDescription) {
  const std::vector<Call> calls = {
      {"/api/search", "/api/search?q=energiearmoede", 200},
      {"/api/search", "/api/search?q=fietsen&ministry=BZK&ministry=IenW&sort=date&size=2", 200},
      {"/api/search", "/api/search?q=energiarmoede", 200},            // a typo: corrected
      {"/api/search", "/api/search?q=fietsen&status=afgerond", 200},  // empty: with a hint
      {"/api/search", "/api/search", 200},
      {"/api/search", "/api/search?size=101", 400},
      {"/api/search", "/api/search?colour=red", 400},
      {"/api/search", "/api/search?q=vroegsignalering", 200},  // a snippet from a PDF page
      {"/api/deals/{id}", "/api/deals/fietsen-voor-iedereen", 200},
      {"/api/deals/{id}", "/api/deals/slim-maatwerk", 200},  // with its PDF
      {"/api/deals/{id}", "/api/deals/no-such-deal", 404},
      {"/api/deals/{id}", "/api/deals/slim-maatwerk?x=1", 400},
      {"/api/facets", "/api/facets", 200},
      {"/api/facets", "/api/facets?utm_source=nieuwsbrief", 400},
      {"/api/suggest", "/api/suggest?q=energ", 200},
      {"/api/suggest", "/api/suggest?query=energ", 400},
      {"/health", "/health", 200},
      {"/openapi.json", "/openapi.json", 200},
  };
  std::set<std::string> requested;
  for (const Call& call : calls) {
    SCOPED_TRACE(call.request);
    const auto [status, body] = get(call.request);
    ASSERT_EQ(status, call.status);
    const nlohmann::json schema = response_schema(call.template_path, call.status);
    ASSERT_FALSE(schema.is_null()) << "the description has no " << call.status << " response";
    EXPECT_EQ(violations(schema, body), "") << body.dump(2);
    requested.insert(call.template_path);
  }
  for (const auto& [path, operations] : description_->json()["paths"].items()) {
    if (operations["get"]["responses"]["200"]["content"].contains("application/json")) {
      EXPECT_TRUE(requested.count(path)) << path << " is documented but not checked here";
    }
  }
}

TEST_F(OpenApi, TheValidatorCatchesAResponseThatDrifts) {
  // The check above can fail: a renamed field, a wrong type or a missing one is caught.
  auto [status, body] = get("/api/search?q=fietsen");
  const nlohmann::json schema = response_schema("/api/search", 200);
  ASSERT_EQ(violations(schema, body), "");
  nlohmann::json renamed = body;
  renamed["hits"][0]["headline"] = renamed["hits"][0]["title"];
  renamed["hits"][0].erase("title");
  EXPECT_NE(violations(schema, renamed), "");
  nlohmann::json mistyped = body;
  mistyped["total"] = "1";
  EXPECT_NE(violations(schema, mistyped), "");
}

// `route`'s query parameter `name` as the description states it (null when it has none).
nlohmann::json query_parameter(const nlohmann::json& description, const std::string& route,
                               const std::string& name) {
  for (const nlohmann::json& parameter : description["paths"][route]["get"]["parameters"]) {
    if (parameter["name"] == name) {
      return parameter;
    }
  }
  return nullptr;
}

// A number the description states, and the constant of searcher/limits.h it must equal.
struct StatedLimit {
  std::string what;
  nlohmann::json stated;
  size_t limit;
};

TEST_F(OpenApi, StatesTheLimitsTheServerHolds) {
  using namespace searcher;
  const nlohmann::json& description = description_->json();
  const nlohmann::json q = query_parameter(description, "/api/search", "q");
  const nlohmann::json page = query_parameter(description, "/api/search", "page");
  const nlohmann::json size = query_parameter(description, "/api/search", "size");
  const nlohmann::json typed = query_parameter(description, "/api/suggest", "q");
  const nlohmann::json& schemas = description["components"]["schemas"];
  const StatedLimit stated[] = {
      {"q's length", q["schema"]["maxLength"], kMaxQueryBytes},
      {"the deepest page", page["schema"]["maximum"], kMaxResultWindow},
      {"the largest page", size["schema"]["maximum"], kMaxPageSize},
      {"the default page size", size["schema"]["default"], kDefaultPageSize},
      {"the size a result reports", schemas["SearchResponse"]["properties"]["size"]["maximum"],
       kMaxPageSize},
      {"a filter's values", schemas["FilterValues"]["maxItems"], kMaxFilterValues},
      {"a suggestion's q", typed["schema"]["maxLength"], kMaxQueryBytes},
      {"the suggestions", schemas["SuggestResponse"]["properties"]["suggestions"]["maxItems"],
       kMaxSuggestions},
  };
  for (const StatedLimit& s : stated) {
    SCOPED_TRACE(s.what);
    EXPECT_EQ(s.stated, s.limit);
  }
  // The prose says the same.
  EXPECT_NE(q["description"].get<std::string>().find(std::to_string(kMaxQueryBytes)),
            std::string::npos);
  EXPECT_NE(page["description"].get<std::string>().find(std::to_string(kMaxResultWindow)),
            std::string::npos);
  const std::string suggest = description["paths"]["/api/suggest"]["get"]["summary"];
  EXPECT_NE(suggest.find("Up to " + std::to_string(kMaxSuggestions)), std::string::npos);
}

TEST_F(OpenApi, DocumentsEveryRouteTheServerAnswers) {
  for (const char* path :
       {"/api/search", "/api/deals/{id}", "/api/facets", "/api/suggest", "/health", "/metrics",
        "/openapi.json", "/", "/deals/{id}", "/widget.js"}) {
    EXPECT_TRUE(description_->json()["paths"].contains(path)) << path;
  }
  EXPECT_EQ(description_->json()["openapi"], "3.1.0");
}

}  // namespace
}  // namespace dealsearch::http
