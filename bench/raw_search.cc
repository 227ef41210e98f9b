// raw_search: raw Xapian's top deals for queries read from standard input, one a line, for the
// judged set's scorer (bench/judged/score.py) to set beside dealsearch:
//
//   build/bench/raw_search --docs DOCS.jsonl --work DIR [--size 10] < queries.txt
//
// DOCS is what bench_inputs --docs writes (each deal with its "id"); it is indexed into DIR
// first, as query_mix does (TermGenerator and QueryParser, Dutch stemmer, STEM_SOME, all words
// required). Prints one JSON object a query: {"q", "total", "ids": [best first]}.
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/engines.h"

int main(int argc, char** argv) {
  std::string docs, work;
  size_t size = 10;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--docs") == 0 && i + 1 < argc) {
      docs = argv[++i];
    } else if (std::strcmp(argv[i], "--work") == 0 && i + 1 < argc) {
      work = argv[++i];
    } else if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
      size = std::stoul(argv[++i]);
    } else {
      docs.clear();
      break;
    }
  }
  if (docs.empty() || work.empty()) {
    std::cerr << "usage: raw_search --docs DOCS.jsonl --work DIR [--size 10] < queries.txt\n";
    return 2;
  }
  return dealsearch::bench::guarded_main("raw_search", [&] {
    dealsearch::bench::RawXapian xapian(docs, work);
    for (std::string line; std::getline(std::cin, line);) {
      const auto [total, ids] = xapian.top_ids({{"q", line}}, size);
      std::cout << nlohmann::json({{"q", line}, {"total", total}, {"ids", ids}}).dump() << "\n";
    }
    return 0;
  });
}
