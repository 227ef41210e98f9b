// dealsearch search: the searcher on the command line, as a readable list or the API's JSON.
#include <charconv>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include "analyzers/analyzer.h"
#include "cli/commands.h"
#include "searcher/index_reader.h"
#include "searcher/result_json.h"
#include "searcher/search.h"

namespace dealsearch::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: dealsearch search [options] [QUERY...]

Searches the index and prints the deals found, best first, with the facet counts; with
--json the same JSON as the HTTP API's /api/search. An empty QUERY lists all deals (or the
filtered ones), newest first.

Query language: words (all must match), "a phrase", -excluded, this OR that, prefix*.

options:
  --db PATH               the index (default: data/index)
  --status S              filter; repeat an option for OR within a facet
  --ministry M            a code (BZK, IenW, ...) or a full name
  --partner P             e.g. "Gemeente Zwolle"
  --partner-type T        gemeente, ministerie, provincie, organisatie, bedrijf,
                          kennisinstelling
  --theme T               e.g. mobiliteit
  --year Y                e.g. 2023
  --page N                page of results (default 1)
  --size N                results a page, 1-100 (default 10)
  --sort ORDER            relevance (default), date or title
  --json                  print the API's JSON
  --data-dir DIR          the analyzer's data files (default: the installed copy)
  --word-list FILE        Debian's Dutch word list (default: /usr/share/dict/dutch)
  -h, --help              show this help
)";

struct SearchArgs {
  std::filesystem::path db = "data/index";
  searcher::SearchRequest request;
  bool json = false;
  analyzers::AnalyzerDataPaths paths;
};

std::optional<size_t> parse_count(const std::string& text, size_t min, size_t max) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::optional<SearchArgs> parse(std::span<const std::string> args) {
  SearchArgs parsed;
  const std::map<std::string, std::string> filter_options = {
      {"--status", "status"},   {"--ministry", "ministry"},
      {"--partner", "partner"}, {"--partner-type", "partner_type"},
      {"--theme", "theme"},     {"--year", "year"}};
  const auto fail = [](const std::string& message) {
    std::cerr << "dealsearch search: " << message << "\n\n" << kUsage;
    return std::nullopt;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (const auto filter = filter_options.find(arg); filter != filter_options.end() && has_value) {
      parsed.request.filters[filter->second].push_back(args[++i]);
    } else if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--db" && has_value) {
      parsed.db = args[++i];
    } else if (arg == "--data-dir" && has_value) {
      parsed.paths.data_dir = args[++i];
    } else if (arg == "--word-list" && has_value) {
      parsed.paths.word_list = args[++i];
    } else if ((arg == "--page" || arg == "--size") && has_value) {
      const std::optional<size_t> value = parse_count(args[++i], 1, arg == "--page" ? 1000 : 100);
      if (!value) {
        return fail(arg + " takes a whole number " + (arg == "--page" ? "1-1000" : "1-100") +
                    ", got '" + args[i] + "'");
      }
      (arg == "--page" ? parsed.request.page : parsed.request.size) = *value;
    } else if (arg == "--sort" && has_value) {
      const std::string& order = args[++i];
      if (order == "relevance") {
        parsed.request.sort = searcher::SortOrder::kRelevance;
      } else if (order == "date") {
        parsed.request.sort = searcher::SortOrder::kDate;
      } else if (order == "title") {
        parsed.request.sort = searcher::SortOrder::kTitle;
      } else {
        return fail("--sort takes relevance, date or title, got '" + order + "'");
      }
    } else if (arg.starts_with("--")) {
      return fail("unknown option or missing value: '" + arg + "'");
    } else {
      parsed.request.query += (parsed.request.query.empty() ? "" : " ") + arg;
    }
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
    std::cout << "\n  " << searcher::marked(hit.snippet, "[", "]") << "\n\n";
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
  if (asks_for_help(args)) {
    std::cout << kUsage;
    return 0;
  }
  const std::optional<SearchArgs> parsed = parse(args);
  if (!parsed) {
    return 2;
  }
  const auto data = analyzers::AnalyzerData::load(parsed->paths);
  const std::string fingerprint = analyzers::Analyzer(data).fingerprint();
  searcher::Searcher searcher(searcher::open_index(parsed->db, fingerprint), data);
  const auto start = std::chrono::steady_clock::now();
  const searcher::SearchResult result = searcher::with_read_errors(
      parsed->db.string(), [&] { return searcher.search(parsed->request); });
  if (result.unreadable > 0) {
    std::cerr << "dealsearch search: " << result.unreadable
              << " stored deal(s) could not be read and are left out; rebuild the index with "
                 "'dealsearch index'\n";
  }
  const double took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (parsed->json) {
    std::cout << searcher::to_json(parsed->request, result, searcher.info(), took_ms).dump(2)
              << "\n";
  } else {
    print_readable(result, parsed->request);
  }
  return 0;
}

}  // namespace dealsearch::cli
