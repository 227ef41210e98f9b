// precision: how many deals a compound query counts, against a reference counted from the texts
// (issue #13), printed as a Markdown table:
//
//   build/bench/precision --deals deals.jsonl --index INDEX
//                         [--xapian DIR | --xapian-build DIR] [--window 8] [--queries FILE]
//
// --deals is what generate_corpus wrote and --index what `dealsearch index` made of it. For each
// query of --queries (default bench/precision_queries.txt: a compound and its two parts a line)
// the reference is the number of deals whose title or body holds the compound, in any case,
// inflected, hyphenated or written apart ("Energie-armoede", "energie armoede") or inside a
// longer compound ("energiearmoedeaanpak"), or holds its two parts, each as a word of its own,
// inflected or not, in either order within a window of --window words (both in a run of that
// many consecutive words, as Xapian's OP_NEAR counts: "armoede op het gebied van energie").
// The reference reads the JSON Lines with a tokenizer of its own (letters and digits, ASCII
// folded to lower case), never dealsearch's analyzer. Beside it: dealsearch's exact total
// (Searcher::search, as the API answers) and whether it answered relaxed or corrected, and raw
// Xapian's (QueryParser with the Dutch stemmer, STEM_SOME; --xapian opens the index query_mix
// built, --xapian-build indexes --deals first).
//
// The goal: every total within 0.8x-1.5x of its reference, or empty or relaxed where the
// reference is empty. The table says for each query whether it is met, and a last line for all.
// It is a measurement: the exit status is 0 whatever the verdict, 1 on bad input, 2 on usage.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/engines.h"

namespace {

struct Options {
  std::string deals, index, xapian, xapian_build;
  std::string queries = DEALSEARCH_SOURCE_DIR "/bench/precision_queries.txt";
  size_t window = 8;
};

// A query of the table: the compound and the forms of its two parts.
struct CompoundQuery {
  std::string compound;
  std::set<std::string> compound_forms, modifier_forms, head_forms;
};

bool is_vowel(char c) { return std::strchr("aeiou", c) != nullptr; }

// A word's forms that the reference accepts: the word, its plurals in -s, -n, -en and -'s, an
// adjective's -e, a short vowel's doubled consonant ("net" -> "netten"), a long vowel halved
// ("vraag" -> "vragen", "eigenaar" -> "eigenaren") and f/s voiced ("druif" -> "druiven"). A
// few forms are no words; they are harmless, as no text holds them.
std::set<std::string> inflections(const std::string& word) {
  std::set<std::string> forms = {word, word + "s", word + "en", word + "e"};
  if (word.empty()) {
    return forms;
  }
  const char last = word.back();
  if (last == 'e') {
    forms.insert(word + "n");
  }
  if (!is_vowel(last)) {
    forms.insert(word + last + "en");
    const size_t n = word.size();
    if (n >= 3 && word[n - 2] == word[n - 3] && is_vowel(word[n - 2])) {
      std::string halved = word.substr(0, n - 2) + last;
      forms.insert(halved + "en");
      if (last == 'f' || last == 's') {
        halved.back() = last == 'f' ? 'v' : 'z';
        forms.insert(halved + "en");
      }
    }
    if (last == 'f' || last == 's') {
      forms.insert(word.substr(0, n - 1) + (last == 'f' ? "ven" : "zen"));
    }
  }
  return forms;
}

// "kind|kinderen" -> the inflections of each.
std::set<std::string> part_forms(const std::string& spec) {
  std::set<std::string> forms;
  std::istringstream alternatives(spec);
  for (std::string form; std::getline(alternatives, form, '|');) {
    forms.merge(inflections(form));
  }
  return forms;
}

std::vector<CompoundQuery> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read the queries " + path);
  }
  std::vector<CompoundQuery> queries;
  for (std::string line; std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    std::istringstream fields(line);
    std::string compound, modifier, head, extra;
    if (!(fields >> compound)) {
      continue;
    }
    if (!(fields >> modifier >> head) || fields >> extra) {
      throw std::runtime_error(path + ": want 'compound modifier head', got '" + line + "'");
    }
    queries.push_back({compound, inflections(compound), part_forms(modifier), part_forms(head)});
  }
  return queries;
}

// The words of a text in order: runs of ASCII letters and digits and of UTF-8 bytes, ASCII
// letters folded to lower case. "Energie-armoede" is two words, "regio's" too.
void tokenize(std::string_view text, std::vector<std::string>& words) {
  std::string word;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte >= 0x80) {
      word += c;
    } else if (byte >= 'A' && byte <= 'Z') {
      word += static_cast<char>(byte + 32);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
}

// Counts, over the deals it is given, those that hold each query's compound and those that
// meet its reference (the compound, or its parts within the window).
class Reference {
 public:
  Reference(const std::vector<CompoundQuery>& queries, size_t window)
      : queries_(queries), window_(window), written_(queries.size()), reference_(queries.size()) {
    for (size_t q = 0; q < queries.size(); ++q) {
      for (const std::string& form : queries[q].modifier_forms) {
        roles_[form].push_back({q, Role::kModifier});
      }
      for (const std::string& form : queries[q].head_forms) {
        roles_[form].push_back({q, Role::kHead});
      }
    }
  }

  void add(const nlohmann::json& deal) {
    words_.clear();
    for (const char* field : {"title", "body"}) {
      if (deal.contains(field) && deal[field].is_string()) {
        tokenize(deal[field].get<std::string>(), words_);
        // A gap wider than the window: a title's last word is not near the body's first.
        words_.insert(words_.end(), window_, std::string());
      }
    }
    for (size_t q = 0; q < queries_.size(); ++q) {
      const Match match = find(q);
      written_[q] += match.written;
      reference_[q] += match.written || match.near;
    }
  }

  size_t written(size_t query) const { return written_[query]; }
  size_t reference(size_t query) const { return reference_[query]; }

 private:
  enum class Role { kModifier, kHead };
  struct Match {
    bool written = false;  // the compound as a word, hyphenated or written apart
    bool near = false;     // its parts within the window
  };

  bool holds_compound(const CompoundQuery& query, const std::string& word) const {
    const std::string& compound = query.compound;
    return query.compound_forms.contains(word) ||
           (word.size() > compound.size() + 2 &&
            (word.starts_with(compound) || word.ends_with(compound)));
  }

  Match find(size_t q) const {
    Match match;
    std::optional<size_t> last_modifier, last_head;
    for (size_t i = 0; i < words_.size() && !(match.written && match.near); ++i) {
      const std::string& word = words_[i];
      if (word.empty()) {
        continue;
      }
      if (holds_compound(queries_[q], word)) {
        match.written = true;
        continue;
      }
      const auto roles = roles_.find(word);
      if (roles == roles_.end()) {
        continue;
      }
      for (const auto& [query, role] : roles->second) {
        if (query != q) {
          continue;
        }
        const std::optional<size_t>& other = role == Role::kModifier ? last_head : last_modifier;
        if (other && i - *other < window_) {
          match.near = true;
          // "energie armoede", "energie-armoede": the compound written apart.
          match.written |= role == Role::kHead && *other + 1 == i;
        }
        (role == Role::kModifier ? last_modifier : last_head) = i;
      }
    }
    return match;
  }

  const std::vector<CompoundQuery>& queries_;
  size_t window_;
  std::unordered_map<std::string, std::vector<std::pair<size_t, Role>>> roles_;
  std::vector<std::string> words_;
  std::vector<size_t> written_, reference_;
};

// 8286 -> "8,286", as the other tables of bench/RESULTS.md write counts.
std::string thousands(size_t n) {
  const std::string digits = std::to_string(n);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      text += ',';
    }
    text += digits[i];
  }
  return text;
}

std::string ratio(size_t total, size_t reference) {
  if (reference == 0) {
    return "–";
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.2f×", static_cast<double>(total) / reference);
  return text;
}

// The verdict on one query against the goal, and whether it is met.
std::pair<std::string, bool> verdict(size_t total, size_t reference, const std::string& fallback) {
  if (reference == 0) {
    if (total == 0) {
      return {"met (empty)", true};
    }
    if (fallback == "relaxed") {
      return {"met (relaxed)", true};
    }
    return {"missed: should be empty or relaxed", false};
  }
  const double r = static_cast<double>(total) / reference;
  if (r < 0.8) {
    return {"missed: too few", false};
  }
  if (r > 1.5) {
    return {"missed: too many", false};
  }
  return {"met", true};
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const auto value = [&](const char* name) -> const char* {
      return std::strcmp(argv[i], name) == 0 && i + 1 < argc ? argv[++i] : nullptr;
    };
    if (const char* deals = value("--deals")) {
      options.deals = deals;
    } else if (const char* index = value("--index")) {
      options.index = index;
    } else if (const char* xapian = value("--xapian")) {
      options.xapian = xapian;
    } else if (const char* build = value("--xapian-build")) {
      options.xapian_build = build;
    } else if (const char* queries = value("--queries")) {
      options.queries = queries;
    } else if (const char* window = value("--window")) {
      options.window = std::stoul(window);
    } else {
      throw std::invalid_argument(std::string("unknown argument '") + argv[i] + "'");
    }
  }
  if (options.deals.empty() || options.index.empty() || options.window == 0) {
    throw std::invalid_argument("--deals and --index are required, --window at least 1");
  }
  return options;
}

int run(const Options& options) {
  const std::vector<CompoundQuery> queries = read_queries(options.queries);
  Reference reference(queries, options.window);
  size_t deals = 0;
  {
    std::ifstream in(options.deals);
    if (!in) {
      throw std::runtime_error("cannot read " + options.deals);
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) {
        reference.add(nlohmann::json::parse(line));
        ++deals;
      }
    }
  }
  dealsearch::bench::Dealsearch dealsearch(options.index);
  std::unique_ptr<dealsearch::bench::RawXapian> xapian;
  if (!options.xapian.empty()) {
    xapian = std::make_unique<dealsearch::bench::RawXapian>(options.xapian);
  } else if (!options.xapian_build.empty()) {
    xapian = std::make_unique<dealsearch::bench::RawXapian>(options.deals, options.xapian_build);
  }

  std::cout << "Compound queries over " << thousands(deals) << " deals, window " << options.window
            << " words. Reference: deals that hold the compound (solid, hyphenated or "
               "apart) or its two parts within the window; \"written\": the compound itself.\n\n"
               "| query | written | reference | dealsearch | × reference | fallback | raw Xapian "
               "| verdict |\n|---|---|---|---|---|---|---|---|\n";
  size_t met = 0;
  for (size_t q = 0; q < queries.size(); ++q) {
    const nlohmann::json query = {{"q", queries[q].compound}};
    const size_t total = dealsearch.run(query);
    const std::string fallback = dealsearch.last_fallback();
    const auto [text, ok] = verdict(total, reference.reference(q), fallback);
    met += ok;
    std::cout << "| `" << queries[q].compound << "` | " << thousands(reference.written(q)) << " | "
              << thousands(reference.reference(q)) << " | " << thousands(total) << " | "
              << ratio(total, reference.reference(q)) << " | " << fallback << " | "
              << (xapian ? thousands(static_cast<size_t>(xapian->run_without_facets(query))) : "–")
              << " | " << text << " |\n";
  }
  std::cout << "\nGoal: every total within 0.8×–1.5× of its reference, or empty or relaxed where "
               "the reference is empty. Met by "
            << met << " of " << queries.size()
            << " queries: " << (met == queries.size() ? "**goal met**" : "**goal missed**")
            << ".\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return dealsearch::bench::guarded_main("precision", [&] {
    Options options;
    try {
      options = parse(argc, argv);
    } catch (const std::invalid_argument& error) {
      std::cerr << "precision: " << error.what()
                << "\nusage: precision --deals DEALS.jsonl --index INDEX [--xapian DIR | "
                   "--xapian-build DIR] [--window N] [--queries FILE]\n";
      return 2;
    }
    return run(options);
  });
}
