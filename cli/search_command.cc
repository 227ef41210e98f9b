// dealsearch search: the searcher on the command line, as a readable list or the API's JSON.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include "analyzers/analyzer.h"
#include "analyzers/schema.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "searcher/index_reader.h"
#include "searcher/limits.h"
#include "searcher/result_json.h"
#include "searcher/search.h"
#include "searcher/spelling_database.h"

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--db", "PATH", "the index (default: data/index)"},
    {"--status", "S", "filter; repeat an option for OR within a facet"},
    {"--ministry", "M", "a code (BZK, IenW, ...) or a full name"},
    {"--partner", "P", "e.g. \"Gemeente Zwolle\""},
    {"--partner-type", "T",
     "gemeente, provincie, waterschap, ministerie,\nkoepelorganisatie, kennisinstelling,\n"
     "woningcorporatie, nutsbedrijf, bedrijf,\norganisatie"},
    {"--theme", "T", "e.g. mobiliteit"},
    {"--year", "Y", "e.g. 2023"},
    {"--page", "N", "page of results (default 1)", CountRange{1, searcher::kMaxResultWindow}},
    {"--size", "N", "results a page (default 10)", CountRange{1, searcher::kMaxPageSize}},
    {"--sort", "ORDER", "relevance (default), date or title"},
    {"--json", "", "print the API's JSON"},
    {"--remote-timeout", "MS",
     "how long a remote shard may take to connect or answer before\n"
     "the search goes on without it (default: 3000)",
     CountRange{1, 600000}},
    {"--data-dir", "DIR", "the analyzer's data files (default: the installed copy)"},
    {"--word-list", "FILE", "Debian's Dutch word list (default: /usr/share/dict/dutch)"},
};

// The option that filters on `facet`: "--partner-type" for partner_type.
std::string filter_option(const schema::Facet& facet) {
  std::string option = "--" + std::string(facet.name);
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

constexpr std::string_view kAbout =
    R"(Searches the index and prints the deals found, best first, with the facet counts; with
--json the same JSON as the HTTP API's /api/search. An empty QUERY lists all deals (or the
filtered ones), newest first. Over remote shards (a stub with "remote HOST:PORT" lines), the
spelling of the shards is gathered beside the stub (PATH.spelling) when they have changed.

Query language: words (all must match), "a phrase", -excluded, this OR that, prefix*.
)";

}  // namespace

// "-excluded" is a query word, not an option.
constexpr Command kSearchCommand{.name = "search",
                                 .synopsis = "[options] [QUERY...]",
                                 .about = kAbout,
                                 .options = kOptions,
                                 .operands = Operands::kWordsAndDashWords};

namespace {

struct SearchArgs {
  std::filesystem::path db = "data/index";
  searcher::SearchRequest request;
  bool json = false;
  analyzers::AnalyzerDataPaths paths;
  searcher::ShardOptions shards;
};

std::optional<searcher::SortOrder> parse_sort(std::string_view order) {
  if (order == "relevance") {
    return searcher::SortOrder::kRelevance;
  }
  if (order == "date") {
    return searcher::SortOrder::kDate;
  }
  if (order == "title") {
    return searcher::SortOrder::kTitle;
  }
  return std::nullopt;
}

std::optional<SearchArgs> parse(std::span<const std::string> args) {
  const std::optional<ParsedArgs> given = parse_args(kSearchCommand, args, std::cerr);
  if (!given) {
    return std::nullopt;
  }
  SearchArgs parsed;
  for (const schema::Facet& facet : schema::kFacets) {
    if (std::vector<std::string> values = given->values(filter_option(facet)); !values.empty()) {
      parsed.request.filters[std::string(facet.name)] = std::move(values);
    }
  }
  parsed.json = given->has("--json");
  given->set_if_given("--db", parsed.db);
  given->set_if_given("--remote-timeout", parsed.shards.remote_timeout_ms);
  given->set_if_given("--data-dir", parsed.paths.data_dir);
  given->set_if_given("--word-list", parsed.paths.word_list);
  given->set_if_given("--page", parsed.request.page);
  given->set_if_given("--size", parsed.request.size);
  if (const std::optional<std::string> order = given->value("--sort")) {
    const std::optional<searcher::SortOrder> sort = parse_sort(*order);
    if (!sort) {
      print_usage_error(kSearchCommand,
                        "--sort takes relevance, date or title, got '" + *order + "'", std::cerr);
      return std::nullopt;
    }
    parsed.request.sort = *sort;
  }
  if (parsed.request.page * parsed.request.size > searcher::kMaxResultWindow) {
    // The API's bound too (searcher/limits.h): deeper pages cost more than they are worth.
    print_usage_error(kSearchCommand,
                      "--page " + std::to_string(parsed.request.page) + " of --size " +
                          std::to_string(parsed.request.size) + " is beyond the first " +
                          std::to_string(searcher::kMaxResultWindow) +
                          " results; narrow the search instead",
                      std::cerr);
    return std::nullopt;
  }
  for (const std::string& word : given->operands()) {
    parsed.request.query += (parsed.request.query.empty() ? "" : " ") + word;
  }
  return parsed;
}

void print_readable(const searcher::SearchResult& result, const searcher::SearchRequest& request) {
  if (result.corrected) {
    std::cout << "Niets gevonden; resultaten voor \"" << *result.suggestion << "\":\n";
  } else if (result.suggestion) {
    std::cout << "Bedoelde u: " << *result.suggestion << "?\n";
  }
  if (result.relaxed) {
    std::cout << "Geen deal bevat alle woorden; deze bevatten er enkele:\n";
  }
  std::cout << result.total << " deal(s)";
  if (result.total > request.size) {
    std::cout << ", pagina " << request.page;
  }
  std::cout << "\n\n";
  for (const searcher::Hit& hit : result.hits) {
    const schema::StoredDeal& deal = hit.deal;
    std::cout << deal.title << "  [" << deal.id << "]\n  " << deal.status;
    if (deal.signed_on) {
      std::cout << ", ondertekend " << *deal.signed_on;
    }
    std::string ministries;
    for (const schema::StoredMinistry& ministry : deal.ministries) {
      ministries += (ministries.empty() ? "" : ", ") + ministry.code;
    }
    if (!ministries.empty()) {
      std::cout << "; " << ministries;
    }
    // A terminal shows a match between brackets: "[fiets]en".
    std::cout << "\n  " << searcher::marked(hit.snippet, "[", "]") << "\n";
    // From a PDF: "uit Staatscourant-tekst, p. 4 (https://.../deal.pdf#page=4)".
    if (const auto& source = hit.snippet_source; source && source->page) {
      std::cout << "  uit " << source->title << ", p. " << *source->page;
      if (!source->url.empty()) {
        std::cout << " (" << source->url << "#page=" << *source->page << ")";
      }
      std::cout << "\n";
    }
    std::cout << "\n";
  }
  if (result.drop_filter_hint) {
    std::cout << "Geen deal past bij alle filters; zonder " << *result.drop_filter_hint
              << " wel.\n";
  }
  for (const auto& [facet, values] : result.facets) {
    if (values.empty()) {
      continue;
    }
    std::cout << facet << ":";
    for (size_t i = 0; i < values.size() && i < 8; ++i) {
      std::cout << (i ? ", " : " ") << values[i].value << " (" << values[i].count << ")";
    }
    std::cout << (values.size() > 8 ? ", ..." : "") << "\n";
  }
}

}  // namespace

int run_search(std::span<const std::string> args) {
  const std::optional<SearchArgs> parsed = parse(args);
  if (!parsed) {
    return 2;
  }
  const auto data = analyzers::AnalyzerData::load(parsed->paths);
  const std::string fingerprint = analyzers::Analyzer(data).fingerprint();
  searcher::Shards shards = searcher::open_index(parsed->db, fingerprint, parsed->shards);
  // Remote shards' spelling is read from a database beside the stub, which the search gathers
  // afresh when the shards have changed since (as `dealsearch serve` does).
  const searcher::SpellingUpdate spelling = searcher::with_read_errors(parsed->db.string(), [&] {
    return searcher::bring_spelling_up_to_date(parsed->db, shards, *data);
  });
  if (spelling.outcome != searcher::SpellingUpdate::Outcome::kCurrent) {
    std::cerr << "dealsearch search: " << spelling.message << "\n";
    searcher::with_read_errors(parsed->db.string(), [&] { return shards.reopen(); });
  }
  searcher::Searcher searcher(std::move(shards), data);
  const auto start = std::chrono::steady_clock::now();
  const searcher::SearchResult result = searcher::with_read_errors(
      parsed->db.string(), [&] { return searcher.search(parsed->request); });
  if (result.index.partial()) {
    std::cerr << "dealsearch search: "
              << result.index.shards.size() - result.index.shards_answering() << " of "
              << result.index.shards.size()
              << " shards did not answer; these are the results of the others:";
    for (const searcher::ShardState& shard : result.index.shards) {
      if (!shard.answering) {
        std::cerr << "\n  " << shard.name << ": " << shard.error;
      }
    }
    std::cerr << "\n";
  }
  if (result.unreadable > 0) {
    std::cerr << "dealsearch search: " << result.unreadable
              << " stored deal(s) could not be read and are left out; rebuild the index with "
                 "'dealsearch index'\n";
  }
  const double took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (parsed->json) {
    std::cout << searcher::to_json(parsed->request, result, took_ms).dump(2) << "\n";
  } else {
    print_readable(result, parsed->request);
  }
  return 0;
}

}  // namespace dealsearch::cli
