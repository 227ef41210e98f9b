// generate_corpus: deterministic synthetic Dutch City Deals as JSON Lines, for benchmarks.
//
//   build/bench/generate_corpus --count 100000 [--seed 42] > deals.jsonl
//
// Prose with Zipfian word frequencies (function words, then policy words, then Debian's Dutch
// word list, shorter words more frequent), compounds of policy words, titles, statuses, a
// signing sentence, and a participant list naming municipalities (from the gazetteer),
// organisations and ministries in their various spellings. 300 to 1,500 words a deal. The
// same count and seed give the same bytes on the same standard library.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

const char* const kFunctionWords[] = {
    "de",     "het",  "een",    "van",    "en",      "in",     "op",     "te",  "voor", "met",
    "dat",    "is",   "die",    "zijn",   "worden",  "aan",    "door",   "om",  "ook",  "als",
    "bij",    "er",   "niet",   "naar",   "wordt",   "we",     "deze",   "tot", "uit",  "kan",
    "of",     "meer", "over",   "hun",    "nog",     "wat",    "dit",    "zo",  "maar", "onder",
    "tussen", "waar", "samen",  "hebben", "heeft",   "moeten", "kunnen", "wij", "ze",   "zich",
    "hoe",    "dan",  "binnen", "zoals",  "waarbij", "daarom", "andere"};

const char* const kPolicyWords[] = {"gemeente",
                                    "gemeenten",
                                    "stad",
                                    "steden",
                                    "wijk",
                                    "wijken",
                                    "bewoners",
                                    "inwoners",
                                    "samenwerking",
                                    "partners",
                                    "partijen",
                                    "energie",
                                    "armoede",
                                    "energiearmoede",
                                    "wonen",
                                    "woningen",
                                    "woningbouw",
                                    "opgave",
                                    "mobiliteit",
                                    "fiets",
                                    "fietsen",
                                    "verkeer",
                                    "ruimte",
                                    "binnenstad",
                                    "binnensteden",
                                    "economie",
                                    "ondernemers",
                                    "innovatie",
                                    "digitalisering",
                                    "data",
                                    "veiligheid",
                                    "criminaliteit",
                                    "zorg",
                                    "gezondheid",
                                    "jongeren",
                                    "ouderen",
                                    "kinderen",
                                    "onderwijs",
                                    "werk",
                                    "arbeidsmarkt",
                                    "klimaat",
                                    "klimaatadaptatie",
                                    "groen",
                                    "water",
                                    "circulair",
                                    "grondstoffen",
                                    "afval",
                                    "voedsel",
                                    "duurzaam",
                                    "duurzame",
                                    "sociaal",
                                    "sociale",
                                    "maatschappelijke",
                                    "organisaties",
                                    "ministerie",
                                    "rijk",
                                    "provincie",
                                    "regio",
                                    "regio's",
                                    "aanpak",
                                    "projecten",
                                    "pilots",
                                    "experimenten",
                                    "kennis",
                                    "beleid",
                                    "regels",
                                    "wetgeving",
                                    "instrumenten",
                                    "middelen",
                                    "financiering",
                                    "investeringen",
                                    "transitie",
                                    "warmte",
                                    "aardgasvrij",
                                    "isolatie",
                                    "huurders",
                                    "corporaties",
                                    "vastgoed",
                                    "eigenaren",
                                    "leefbaarheid",
                                    "voorzieningen",
                                    "bereikbaarheid",
                                    "openbaar",
                                    "vervoer",
                                    "lopen",
                                    "voetgangers",
                                    "schulden",
                                    "schuldenproblematiek",
                                    "inkomen",
                                    "bestaanszekerheid",
                                    "participatie",
                                    "inclusie",
                                    "welzijn",
                                    "preventie",
                                    "vroegsignalering",
                                    "hulpverlening",
                                    "dienstverlening",
                                    "overheid",
                                    "uitvoering",
                                    "resultaten",
                                    "doelen",
                                    "ambities",
                                    "lessen",
                                    "netwerk",
                                    "bijeenkomsten",
                                    "werkgroepen",
                                    "cybercrime",
                                    "weerbaarheid",
                                    "toekomst",
                                    "ontwikkeling",
                                    "gebiedsontwikkeling",
                                    "transformatie",
                                    "winkels",
                                    "horeca",
                                    "cultuur"};

const char* const kCompoundHeads[] = {"aanpak", "opgave",    "beleid",   "netwerk", "programma",
                                      "agenda", "strategie", "coalitie", "fonds",   "pilot"};

const char* const kOrganisations[] = {"Fietsersbond",
                                      "Stichting Leergeld",
                                      "Platform 31",
                                      "VNG",
                                      "Woonbond",
                                      "Aedes",
                                      "Hogeschool Utrecht",
                                      "Universiteit Twente",
                                      "TNO",
                                      "Rabobank",
                                      "Heijmans B.V.",
                                      "Stichting Humanitas",
                                      "Netbeheer Nederland",
                                      "Natuur & Milieu",
                                      "Kadaster",
                                      "GGD GHOR",
                                      "Techniek Nederland",
                                      "Hanzehogeschool Groningen",
                                      "MKB-Nederland",
                                      "Vereniging Eigen Huis"};

const char* const kMinistrySpellings[] = {
    "het ministerie van BZK",
    "het ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "de ministeries van JenV, EZK (DTC) en BZK",
    "het ministerie van Infrastructuur en Waterstaat",
    "de ministeries van Justitie en Veiligheid en Infrastructuur en Waterstaat",
    "het ministerie van VWS",
    "het Ministerie van Volksgezondheid, Welzijn en Sport",
    "het ministerie van IenM",
    "de Minister van Economische Zaken",
    "het ministerie van OCW",
    "het ministerie van Sociale Zaken en Werkgelegenheid",
    "het ministerie van LNV"};

const char* const kMonths[] = {"januari",   "februari", "maart",    "april",
                               "mei",       "juni",     "juli",     "augustus",
                               "september", "oktober",  "november", "december"};

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1).
class Zipf {
 public:
  explicit Zipf(size_t n) : cumulative_(n) {
    double sum = 0;
    for (size_t rank = 0; rank < n; ++rank) {
      sum += 1.0 / static_cast<double>(rank + 1);
      cumulative_[rank] = sum;
    }
  }
  size_t operator()(std::mt19937_64& random) const {
    const double u = std::uniform_real_distribution<double>(0, cumulative_.back())(random);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                               cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

std::vector<std::string> read_lines(const std::string& path, bool skip_comments) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || (skip_comments && line[0] == '#')) {
      continue;
    }
    lines.push_back(line.substr(0, line.find('\t')));
  }
  return lines;
}

// Function words, then policy words, then the word list (lower-case forms, shorter first).
std::vector<std::string> vocabulary(std::mt19937_64& random) {
  std::vector<std::string> listed;
  for (std::string& word : read_lines("/usr/share/dict/dutch", false)) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && word.find('\'') == std::string::npos) {
      listed.push_back(std::move(word));
    }
  }
  std::shuffle(listed.begin(), listed.end(), random);
  std::stable_sort(listed.begin(), listed.end(),
                   [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  std::vector<std::string> words(std::begin(kFunctionWords), std::end(kFunctionWords));
  words.insert(words.end(), std::begin(kPolicyWords), std::end(kPolicyWords));
  words.insert(words.end(), listed.begin(), listed.end());
  return words;
}

template <typename T, size_t N>
const T& pick(const T (&items)[N], std::mt19937_64& random) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(random)];
}

const std::string& pick(const std::vector<std::string>& items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random)];
}

int between(int low, int high, std::mt19937_64& random) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

std::string capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') {
    word[0] = static_cast<char>(word[0] - 32);
  }
  return word;
}

class Generator {
 public:
  Generator(uint64_t seed, const std::string& municipalities_file)
      : random_(seed),
        words_(vocabulary(random_)),
        zipf_(words_.size()),
        municipalities_(read_lines(municipalities_file, true)) {}

  nlohmann::json deal(size_t number) {
    const std::string title = capitalised(pick(kPolicyWords, random_)) + " " +
                              pick(kPolicyWords, random_) + " " + std::to_string(number + 1);
    std::string body;
    const int target_words = between(300, 1500, random_);
    int written = 0;
    while (written < target_words) {
      const int sentences = between(3, 7, random_);
      for (int s = 0; s < sentences; ++s) {
        written += sentence(body);
      }
      body += "\n\n";
    }
    body += participants();
    body += "De City Deal " + title + " is op " + std::to_string(between(1, 28, random_)) + " " +
            pick(kMonths, random_) + " " + std::to_string(between(2015, 2025, random_)) +
            " ondertekend.\n";
    nlohmann::json record = {{"title", title},
                             {"status", between(0, 9, random_) < 7 ? "in uitvoering" : "afgerond"},
                             {"body", body}};
    if (between(0, 3, random_) == 0) {
      record["url"] = "https://agendastad.nl/citydeals/" + std::to_string(number + 1);
    }
    return record;
  }

 private:
  std::string word() {
    // One word in thirty is a compound of policy words: "woningbouwaanpak".
    if (between(0, 29, random_) == 0) {
      return pick(kPolicyWords, random_) + std::string(pick(kCompoundHeads, random_));
    }
    return words_[zipf_(random_)];
  }

  int sentence(std::string& body) {
    const int length = between(8, 20, random_);
    for (int i = 0; i < length; ++i) {
      body += i == 0 ? capitalised(word()) : word();
      body += i + 1 == length ? ". " : (between(0, 11, random_) == 0 ? ", " : " ");
    }
    return length;
  }

  std::string participants() {
    std::string text = "Deelnemende partijen zijn:\n\nGemeente ";
    const int cities = between(2, 8, random_);
    for (int i = 0; i < cities; ++i) {
      text += pick(municipalities_, random_) + (i + 2 < cities   ? ", "
                                                : i + 1 < cities ? " en "
                                                                 : ".\n\n");
    }
    text += "De " + std::string(pick(kOrganisations, random_)) + ", " +
            pick(kOrganisations, random_) + " en " + pick(kOrganisations, random_) + ".\n\n";
    text += "En " + std::string(pick(kMinistrySpellings, random_)) + ".\n\n";
    return text;
  }

  std::mt19937_64 random_;
  std::vector<std::string> words_;
  Zipf zipf_;
  std::vector<std::string> municipalities_;
};

}  // namespace

int main(int argc, char** argv) {
  size_t count = 10'000;
  uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
      count = std::stoull(argv[++i]);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else {
      std::cerr << "usage: generate_corpus [--count N] [--seed S] > deals.jsonl\n";
      return 2;
    }
  }
  Generator generator(seed, DEALSEARCH_SOURCE_DIR "/indexer/data/municipalities-nl.txt");
  for (size_t n = 0; n < count; ++n) {
    std::cout << generator.deal(n).dump() << '\n';
  }
  return 0;
}
