// The server's OpenAPI description as a checker of responses: each body is validated against
// the JSON schema the description gives for its route and status (valijson).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace dealsearch::http {

// Not thread-safe (it keeps the schemas it parsed): one per client thread.
class OpenApiDescription {
 public:
  explicit OpenApiDescription(nlohmann::json description) : description_(std::move(description)) {}

  const nlohmann::json& json() const { return description_; }

  // The JSON schema of `template_path`'s GET response with `status` ("/api/deals/{id}", 404),
  // resolving a reference to a shared response; null when the description has none.
  nlohmann::json response_schema(const std::string& template_path, int status) const {
    const auto& responses = description_["paths"][template_path]["get"]["responses"];
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) {
      return nullptr;
    }
    nlohmann::json response = responses[code];
    if (response.contains("$ref")) {
      const std::string ref = response["$ref"];  // "#/components/responses/NotFound"
      response = description_.at(nlohmann::json::json_pointer(ref.substr(1)));
    }
    return response["content"]["application/json"]["schema"];
  }

  // Why `body` does not match `schema` ("" when it does). The schema is checked as part of a
  // document holding the description's components, so that its "$ref"s resolve.
  std::string violations(const nlohmann::json& schema, const nlohmann::json& body) const {
    valijson::Schema parsed;
    parse_into(schema, parsed);
    return violations(parsed, body);
  }

  // The same for the response of `template_path` with `status`, its schema parsed once.
  // "no JSON schema ..." when the description documents no JSON body for it.
  std::string response_violations(const std::string& template_path, int status,
                                  const nlohmann::json& body) {
    auto key = std::make_pair(template_path, status);
    auto parsed = parsed_.find(key);
    if (parsed == parsed_.end()) {
      const nlohmann::json schema = response_schema(template_path, status);
      if (schema.is_null()) {
        return "no JSON schema for " + template_path + " " + std::to_string(status);
      }
      auto schema_object = std::make_unique<valijson::Schema>();
      parse_into(schema, *schema_object);
      parsed = parsed_.emplace(std::move(key), std::move(schema_object)).first;
    }
    return violations(*parsed->second, body);
  }

 private:
  void parse_into(const nlohmann::json& schema, valijson::Schema& parsed) const {
    nlohmann::json document = schema;
    document["components"] = description_["components"];
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(document);
    parser.populateSchema(schema_adapter, parsed);
  }

  static std::string violations(const valijson::Schema& schema, const nlohmann::json& body) {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter body_adapter(body);
    if (validator.validate(schema, body_adapter, &results)) {
      return "";
    }
    std::string out;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      for (const std::string& step : error.context) {
        out += step;
      }
      out += ": " + error.description + "\n";
    }
    return out;
  }

  nlohmann::json description_;
  std::map<std::pair<std::string, int>, std::unique_ptr<valijson::Schema>> parsed_;
};

}  // namespace dealsearch::http
