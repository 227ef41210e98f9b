// dealsearch index: deal documents in, the Xapian index out, with progress and a summary.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "indexer/deal_builder.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_stub.h"
#include "indexer/index_writer.h"
#include "indexer/indexer_data.h"
#include "indexer/input_files.h"
#include "indexer/sources/site_crawl.h"

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--db", "PATH", "the index (default: data/index)"},
    {"--update", "", "add or replace the deals of INPUT by id; keep the others"},
    {"--delete", "ID", "delete the deal with this id (repeatable; implies --update)"},
    {"--changesets", "N",
     "with --update: keep the changes of the last N updates as changesets,\n"
     "which replicas (xapian-replicate) apply instead of copying the\n"
     "whole index (default: 10, or XAPIAN_MAX_CHANGESETS; 0: none)",
     CountRange{0, 1000}},
    {"--shard", "K/N",
     "index only the deals of shard K of N (K from 1 to N): N machines index\n"
     "one collection together, each its shard, from the same INPUT"},
    {"--shards", "N", "build all N shards here, --db PATH a stub over them (1: no shards)",
     CountRange{1, schema::kMaxShards}},
    {"--include", "REGEX",
     "read only the files whose path matches one --include (repeatable);\n"
     "e.g. --include '/citydeal/' for a saved site's deal pages"},
    {"--exclude", "REGEX", "skip the files whose path matches (repeatable)"},
    {"--allow-host", "HOST",
     "a fetched page's PDFs may also come from HOST (repeatable;\n"
     "the page's own site always may)"},
    {"--crawl-delay", "SECONDS",
     "wait at least this long between two requests to one host (default 0.5;\n"
     "robots.txt may ask for more)"},
    {"--http-timeout", "N", "a fetch (a page, a PDF, a sitemap) may take N s in all (default 30)",
     CountRange{1, 3600}},
    {"--pdf-cpu-seconds", "N", "a PDF's parser stops after N s of CPU; 0: no limit (default: 30)",
     CountRange{0, 86400}},
    {"--pdf-memory-mb", "N", "a PDF's parser uses at most N MB; 0: no limit (default: 1024)",
     CountRange{0, 1 << 20}},
    {"--pdf-wall-seconds", "N", "a PDF's parser stops after N s in all; 0: no limit (default: 60)",
     CountRange{0, 86400}},
    {"--memory-mb", "N",
     "keep the indexer's memory within about N MB, whatever the size of the\n"
     "collection, by writing to disk sooner (default: 1024; 0: Xapian's own\n"
     "threshold of XAPIAN_FLUSH_THRESHOLD documents alone)",
     CountRange{0, 1 << 24}},
    {"--skip-bad", "",
     "index the valid records and report the ones skipped\n"
     "(default: any bad record stops the run, index untouched)"},
    {"--quiet", "", "no progress, only errors and the summary"},
    {"--data-dir", "DIR", "the analyzer's data files (default: the installed copy)"},
    {"--indexer-data-dir", "DIR", "gazetteers and themes (default: the installed copy)"},
    {"--word-list", "FILE", "Debian's Dutch word list (default: /usr/share/dict/dutch)"},
};

constexpr std::string_view kAbout =
    R"(Turns deal documents into the index that 'dealsearch search' and 'dealsearch serve' read.
INPUT is a file, a directory (its .txt, .jsonl, .html, .htm and .pdf files, recursively), -
for standard input, or an http(s) URL: a site's sitemap (or sitemap index, gzipped or not) or
a single page. Formats and sources mix freely in one run.

Input formats:
  .txt    pages in the Agenda Stad format: per deal a title line, a line
          "Status citydeal: ...", then the text up to the next title
  .jsonl  one JSON object a line: {"id"?, "title", "status"?, "signed"? (YYYY-MM-DD),
          "partners"? [...], "themes"? [...], "url"?, "body"}; given fields win over what
          the indexer extracts from the text
  .html   a deal's web page: its main content only (no menu, sidebar, cookie notice,
  .htm    comments or footer); title from its <h1>; url from <link rel="canonical"> or
          og:url; the PDFs its content links to (relative links, as a saved site has
          them) are read as part of the deal, whatever --include says
  .pdf    a signed agreement, read in a child process with time and memory limits;
          running headers, footers and page numbers left out, words hyphenated at a
          line end joined; alone (not linked from a page of the run) it is a deal
A URL is fetched as dealsearch/VERSION, obeying robots.txt, at most two requests at a time to
a host: the sitemap's pages that --include/--exclude keep (matched on the whole URL) and the
PDFs their content links to on their own site or an --allow-host. With --update, each page is
asked whether it changed since the last run (ETag, Last-Modified): unchanged deals are left
alone, a page that is gone (404, 410, or no longer in a sitemap read completely) is deleted.
If a sitemap cannot be read completely, nothing is deleted, the rest is indexed and the exit
status is 1. Without --update, a failed fetch leaves the index as it was (unless --skip-bad).

A title may have at most 1,000 bytes and an id 160; a record over either is a bad
record. Every other field may be as long as it likes.

By default the whole index is rebuilt from INPUT and swapped in at once: searchers see the
old index until the new one is complete, and an interrupted build leaves the old one intact.

Shards: a deal lives in shard K of N by a hash of its id, the same on every machine. With
--shard K/N a machine indexes shard K alone; with --shards N this one builds all N, and the
--db file becomes a Xapian stub naming them (one 'auto' line each), switched at once as
above. The index remembers its shards: --update and --delete on a --shard K/N index take the
same --shard K/N (a deal of another shard is left to its machine), and on a --shards stub
route each deal to its shard (--shards N may be given or not).
)";

constexpr std::string_view kExitStatus =
    R"(Exit status: 0 on success, 1 when input was bad or the index could not be written, 2 for
a usage error.
)";

}  // namespace

constexpr Command kIndexCommand{.name = "index",
                                .synopsis = "[options] INPUT...",
                                .about = kAbout,
                                .options = kOptions,
                                .operands = Operands::kWords,
                                .epilogue = kExitStatus};

namespace {

struct IndexArgs {
  std::filesystem::path db = "data/index";
  bool update = false;
  bool skip_bad = false;
  bool quiet = false;
  std::vector<std::string> delete_ids;
  std::optional<size_t> changesets;  // nullopt: not given
  size_t memory_mb = 1024;           // --memory-mb; 0: no limit
  std::vector<std::string> inputs;
  std::vector<std::regex> include, exclude;
  std::vector<std::string> allow_hosts;
  double crawl_delay_seconds = 0.5;
  int http_timeout_seconds = 30;
  indexer::PdfLimits pdf_limits;
  analyzers::AnalyzerDataPaths analyzer_paths;
  std::filesystem::path indexer_data_dir;
  indexer::ShardLayout layout;  // --shard K/N, --shards N
};

// Each of `patterns` as a regular expression; false (with a usage error) for one that is not.
bool compile_patterns(const std::vector<std::string>& patterns, std::string_view option,
                      std::vector<std::regex>& out) {
  for (const std::string& pattern : patterns) {
    try {
      out.emplace_back(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      print_usage_error(kIndexCommand,
                        std::string(option) + " '" + pattern + "' is not a regular expression (" +
                            error.what() + "); escape special characters with a backslash",
                        std::cerr);
      return false;
    }
  }
  return true;
}

// --shard K/N or --shards N as a layout; false (with a usage error) for a K/N that is not one,
// or both options at once.
bool parse_layout(const ParsedArgs& given, indexer::ShardLayout& layout) {
  const std::optional<std::string> shard = given.value("--shard");
  if (shard && given.has("--shards")) {
    print_usage_error(kIndexCommand,
                      "--shard and --shards exclude each other: give --shard K/N to index one "
                      "shard, --shards N to build all N here",
                      std::cerr);
    return false;
  }
  if (shard) {
    const std::optional<std::pair<size_t, size_t>> parsed = schema::parse_shard(*shard);
    if (!parsed) {
      print_usage_error(kIndexCommand,
                        "--shard '" + *shard + "' is not K/N with K from 1 to N and N at most " +
                            std::to_string(schema::kMaxShards) + " (e.g. --shard 2/3)",
                        std::cerr);
      return false;
    }
    layout = {parsed->second, parsed->first};
  }
  given.set_if_given("--shards", layout.count);
  return true;
}

std::optional<IndexArgs> parse(std::span<const std::string> args) {
  const std::optional<ParsedArgs> given = parse_args(kIndexCommand, args, std::cerr);
  if (!given) {
    return std::nullopt;
  }
  IndexArgs parsed;
  given->set_if_given("--db", parsed.db);
  parsed.delete_ids = given->values("--delete");
  parsed.update = given->has("--update") || !parsed.delete_ids.empty();
  if (given->has("--changesets")) {
    parsed.changesets.emplace();
    given->set_if_given("--changesets", *parsed.changesets);
  }
  given->set_if_given("--memory-mb", parsed.memory_mb);
  parsed.skip_bad = given->has("--skip-bad");
  parsed.quiet = given->has("--quiet");
  given->set_if_given("--data-dir", parsed.analyzer_paths.data_dir);
  given->set_if_given("--indexer-data-dir", parsed.indexer_data_dir);
  given->set_if_given("--word-list", parsed.analyzer_paths.word_list);
  parsed.inputs = given->operands();
  parsed.allow_hosts = given->values("--allow-host");
  if (const std::optional<std::string> delay = given->value("--crawl-delay")) {
    char* end = nullptr;
    parsed.crawl_delay_seconds = std::strtod(delay->c_str(), &end);
    if (delay->empty() || *end != '\0' || !(parsed.crawl_delay_seconds >= 0) ||
        parsed.crawl_delay_seconds > 3600) {
      print_usage_error(kIndexCommand,
                        "--crawl-delay '" + *delay + "' is not a number of seconds from 0 to 3600",
                        std::cerr);
      return std::nullopt;
    }
  }
  given->set_if_given("--http-timeout", parsed.http_timeout_seconds);
  given->set_if_given("--pdf-cpu-seconds", parsed.pdf_limits.cpu_seconds);
  size_t memory_mb = parsed.pdf_limits.memory_bytes >> 20;
  given->set_if_given("--pdf-memory-mb", memory_mb);
  parsed.pdf_limits.memory_bytes = memory_mb << 20;
  given->set_if_given("--pdf-wall-seconds", parsed.pdf_limits.wall_seconds);
  if (!compile_patterns(given->values("--include"), "--include", parsed.include) ||
      !compile_patterns(given->values("--exclude"), "--exclude", parsed.exclude)) {
    return std::nullopt;
  }
  if (!parse_layout(*given, parsed.layout)) {
    return std::nullopt;
  }
  if (parsed.inputs.empty() && parsed.delete_ids.empty()) {
    print_usage_error(kIndexCommand, "no INPUT given", std::cerr);
    return std::nullopt;
  }
  if (parsed.indexer_data_dir.empty()) {
    parsed.indexer_data_dir = indexer::default_indexer_data_dir();
  }
  return parsed;
}

// Progress on stderr: a bar redrawn in place on a terminal, a line every tenth otherwise.
class Progress {
 public:
  Progress(std::string label, bool quiet)
      : label_(std::move(label)), quiet_(quiet), terminal_(::isatty(STDERR_FILENO) == 1) {}

  void operator()(size_t done, size_t total) {
    if (quiet_ || total == 0) {
      return;
    }
    const double seconds = elapsed();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    if (terminal_) {
      constexpr size_t kWidth = 30;
      const size_t filled = done * kWidth / total;
      std::fprintf(stderr, "\r%s [%s%s] %zu/%zu  %.0f docs/s  ETA %.0fs ", label_.c_str(),
                   std::string(filled, '=').c_str(), std::string(kWidth - filled, ' ').c_str(),
                   done, total, rate, eta);
      if (done == total && !finished_) {
        finished_ = true;
        std::fputc('\n', stderr);
      }
    } else if (done * 10 / total > printed_tenths_) {
      printed_tenths_ = done * 10 / total;
      std::fprintf(stderr, "%s: %zu/%zu documents, %.0f docs/s\n", label_.c_str(), done, total,
                   rate);
    }
  }

  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::string label_;
  bool quiet_;
  bool terminal_;
  size_t printed_tenths_ = 0;  // without a terminal: a line for each tenth done
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::string human_bytes(uint64_t bytes) {
  char buffer[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f kB", static_cast<double>(bytes) / 1024);
  }
  return buffer;
}

// The index's shards for the summary line: "" when not sharded, " (shard 2/3; 6 deals left
// to other shards)", or " (3 shards: 4 + 3 + 3 documents)".
std::string shards_summary(const indexer::IndexRunResult& run) {
  const indexer::IndexStats& stats = run.stats;
  if (stats.layout.only != 0) {
    return " (shard " + schema::format_shard(stats.layout.only, stats.layout.count) + "; " +
           std::to_string(run.other_shards) + " deal(s) left to other shards)";
  }
  if (stats.layout.count == 1) {
    return "";
  }
  std::string counts;
  for (const size_t documents : stats.documents_per_shard) {
    counts += (counts.empty() ? "" : " + ") + std::to_string(documents);
  }
  return " (" + std::to_string(stats.layout.count) + " shards: " + counts + " documents)";
}

// The URL sources' deals, with the progress of the crawl on stderr.
indexer::CrawlResult crawl_sites(const std::vector<std::string>& urls, const IndexArgs& args,
                                 std::shared_ptr<const analyzers::AnalyzerData> analyzer_data);

// PDFs are parsed by this very program's `extract-pdf`, in a child process per PDF.
indexer::PdfExtractor pdf_extractor(const indexer::PdfLimits& limits) {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return {error ? std::filesystem::path("/proc/self/exe") : self, limits};
}

indexer::CrawlResult crawl_sites(const std::vector<std::string>& urls, const IndexArgs& args,
                                 std::shared_ptr<const analyzers::AnalyzerData> analyzer_data) {
  indexer::CrawlOptions options;
  options.include = args.include;
  options.exclude = args.exclude;
  options.allow_hosts = args.allow_hosts;
  options.crawl_delay_seconds = args.crawl_delay_seconds;
  options.http.user_agent = "dealsearch/" DEALSEARCH_VERSION;
  options.http.timeout_ms = args.http_timeout_seconds * 1000;
  options.pdf = pdf_extractor(args.pdf_limits);
  options.analyzer_data = std::move(analyzer_data);
  if (args.update) {
    options.known = indexer::known_pages(args.db);
  }
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const auto progress = [&](const indexer::CrawlCounts& counts) {
    if (args.quiet || !terminal) {
      return;
    }
    std::fprintf(stderr,
                 "\rfetching: %zu pages, %zu PDFs, %zu unchanged (304), %zu gone, %zu errors ",
                 counts.pages, counts.pdfs, counts.not_modified, counts.gone, counts.errors);
  };
  indexer::CrawlResult result = indexer::crawl(urls, options, progress);
  if (!args.quiet) {
    const indexer::CrawlCounts& counts = result.counts;
    std::fprintf(stderr,
                 "%sfetched %zu sitemap(s), %zu page(s) and %zu PDF(s); %zu unchanged (304), "
                 "%zu gone, %zu left alone for robots.txt, %zu error(s)\n",
                 terminal ? "\r" : "", counts.sitemaps, counts.pages, counts.pdfs,
                 counts.not_modified, counts.gone, counts.robots_refused, counts.errors);
  }
  if (!result.complete) {
    std::fprintf(stderr,
                 "dealsearch index: a sitemap could not be read completely: no deal was deleted "
                 "for leaving it; run again when the site answers\n");
  }
  return result;
}

// Xapian writes a changeset at each commit while XAPIAN_MAX_CHANGESETS is above 0, and keeps
// that many: xapian-replicate-server sends a replica the ones it lacks, a few blocks, instead
// of the whole database. An update commits in place, once (a transaction), so it travels as
// one changeset. A rebuild writes a new database, which travels whole whatever is kept, so it
// writes none: its flushes would each leave one.
void set_changesets_kept(const IndexArgs& args) {
  constexpr size_t kDefaultChangesets = 10;
  if (!args.update) {
    ::unsetenv("XAPIAN_MAX_CHANGESETS");
  } else if (args.changesets || std::getenv("XAPIAN_MAX_CHANGESETS") == nullptr) {
    const std::string kept = std::to_string(args.changesets.value_or(kDefaultChangesets));
    ::setenv("XAPIAN_MAX_CHANGESETS", kept.c_str(), 1);
  }
}

// With --memory-mb, the writer flushes by the memory in use (IndexWriter::set_memory_limit),
// so Xapian's own flush by count is lifted unless the environment sets one: fewer, larger
// flushes write faster. Before any thread starts: the environment is not thread-safe.
void set_flush_threshold(const IndexArgs& args) {
  constexpr const char* kNoFlushByCount = "1000000000";
  if (args.memory_mb != 0 && std::getenv("XAPIAN_FLUSH_THRESHOLD") == nullptr) {
    ::setenv("XAPIAN_FLUSH_THRESHOLD", kNoFlushByCount, 1);
  }
}

}  // namespace

int run_index(std::span<const std::string> args) {
  const std::optional<IndexArgs> parsed = parse(args);
  if (!parsed) {
    return 2;
  }
  set_changesets_kept(*parsed);  // before any thread starts: the environment is not thread-safe
  set_flush_threshold(*parsed);
  // Before any input is read: an update with other shards than the index's changes nothing.
  if (parsed->update) {
    if (const std::optional<indexer::ShardLayout> actual = indexer::read_shard_layout(parsed->db)) {
      if (const std::optional<Error> mismatch =
              indexer::update_layout_error(parsed->db, *actual, parsed->layout)) {
        print_usage_error(kIndexCommand, mismatch->what(), std::cerr);
        return 2;
      }
    }
  }
  const auto analyzer_data = analyzers::AnalyzerData::load(parsed->analyzer_paths);
  const indexer::Gazetteer gazetteer =
      indexer::Gazetteer::load(parsed->indexer_data_dir, analyzer_data->folder());

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> files, urls;
  for (const std::string& input : parsed->inputs) {
    (indexer::is_url_source(input) ? urls : files).push_back(input);
  }
  // The records wait on disk beside the index until all are read and checked: memory holds
  // their ids, not their text.
  indexer::RecordSpool spool(indexer::builds_directory(parsed->db), analyzer_data->folder());
  // With --shard K/N (which an update of such an index must give too), the other shards'
  // records are counted by id, not written.
  if (parsed->layout.only != 0) {
    spool.store_only([layout = parsed->layout](std::string_view id) { return layout.holds(id); });
  }
  indexer::InputSummary input =
      indexer::read_inputs(files,
                           {.include = parsed->include,
                            .exclude = parsed->exclude,
                            .analyzer_data = analyzer_data,
                            .pdf = pdf_extractor(parsed->pdf_limits),
                            .pdf_workers = cores},
                           [&spool](indexer::DealRecord&& record) { spool.append(record); });
  std::vector<std::string> delete_ids = parsed->delete_ids;
  bool crawl_complete = true;
  std::vector<indexer::Diagnostic> crawl_problems;
  if (!urls.empty()) {
    indexer::CrawlResult crawled = crawl_sites(urls, *parsed, analyzer_data);
    crawl_complete = crawled.complete;
    crawl_problems = std::move(crawled.diagnostics);
    input.files += crawled.counts.pages + crawled.counts.pdfs;
    for (const indexer::DealRecord& record : crawled.records) {
      spool.append(record);
    }
    delete_ids.insert(delete_ids.end(), crawled.delete_ids.begin(), crawled.delete_ids.end());
  }
  for (const indexer::Diagnostic& diagnostic : input.diagnostics) {
    std::cerr << "dealsearch index: " << diagnostic.to_string() << "\n";
  }
  for (const indexer::Diagnostic& diagnostic : crawl_problems) {
    std::cerr << "dealsearch index: " << diagnostic.to_string() << "\n";
  }
  // An update takes what a crawl could read (the rest stays as it was, and the exit status
  // says so); a rebuild would lose what it could not read, so it stops as for a bad file.
  if (!parsed->update) {
    input.diagnostics.insert(input.diagnostics.end(), crawl_problems.begin(), crawl_problems.end());
  }
  if (!input.diagnostics.empty() && !parsed->skip_bad) {
    std::cerr << "dealsearch index: " << input.diagnostics.size()
              << " problem(s) in the input; the index was not changed. Fix them, or pass "
                 "--skip-bad to index the rest.\n";
    return 1;
  }
  // (An update from URLs where nothing changed is no such case: all its pages said 304.)
  if (spool.size() == 0 && delete_ids.empty() && !(parsed->update && !urls.empty())) {
    std::cerr << "dealsearch index: no deal found in the input; the index was not changed\n";
    return 1;
  }

  // One builder (and analyzer) per core; deals stream from record to index in input order,
  // so memory does not grow with the collection.
  std::vector<std::unique_ptr<indexer::DealBuilder>> builders;
  for (unsigned i = 0; i < cores; ++i) {
    builders.push_back(std::make_unique<indexer::DealBuilder>(
        analyzer_data, gazetteer, parsed->indexer_data_dir / "themes-nl.tsv"));
  }
  indexer::IndexWriter writer(parsed->db, *builders.front(), parsed->layout);
  writer.set_theme_keywords(builders.front()->themes().keywords_by_theme());
  writer.set_memory_limit(uint64_t{parsed->memory_mb} << 20);
  Progress progress("indexing", parsed->quiet);
  const indexer::IndexListener listener{
      .progress = [&](size_t done, size_t total) { progress(done, total); },
      .duplicate_id =
          [](const indexer::Diagnostic& warning) {
            std::cerr << "dealsearch index: warning: " << warning.to_string() << "\n";
          },
      .nothing_to_delete =
          [](const std::string& id) {
            std::cerr << "dealsearch index: warning: --delete " << id << ": no deal with that id\n";
          },
  };
  const indexer::IndexRunResult run = indexer::index_records(
      spool, {.update = parsed->update, .delete_ids = delete_ids}, builders, writer, listener);
  std::string skipped;
  if (!input.diagnostics.empty()) {
    skipped.append(", skipped ").append(std::to_string(input.diagnostics.size())).append(" bad");
  }
  std::printf(
      "%s %zu deal(s) from %zu file(s)%s into %s%s: %zu documents, %zu terms, "
      "%zu partners, %s, %.1f s\n",
      parsed->update ? "updated" : "indexed", run.deals, input.files, skipped.c_str(),
      parsed->db.c_str(), shards_summary(run).c_str(), run.stats.documents, run.stats.terms,
      run.stats.partners, human_bytes(run.stats.bytes).c_str(), progress.elapsed());
  if (parsed->update && (!crawl_complete || !crawl_problems.empty())) {
    std::cerr << "dealsearch index: " << crawl_problems.size()
              << " page(s) or sitemap(s) could not be read (above); the deals that could were "
                 "updated, the others left as they were\n";
    return 1;
  }
  return 0;
}

}  // namespace dealsearch::cli
