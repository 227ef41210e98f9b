// generate_corpus: deterministic synthetic Dutch City Deals as JSON Lines, for benchmarks.
//
//   build/bench/generate_corpus --count 100000 [--seed 42] > deals.jsonl
//
// Each deal is about one or two topics (energy, poverty and debt, housing, mobility, ...), as
// real deals are, and its prose draws most content words from its topics' vocabularies, so that
// words co-occur the way they do in policy text: "energie" and "armoede" meet in the deals
// about energy poverty, not at random. A topic's compounds are written as one word
// ("energiearmoede"), sometimes hyphenated or apart ("energie-armoede", "energie armoede") and
// sometimes as their parts close together ("armoede op het gebied van energie"). Around the
// topical words: function words, general policy words, a long tail from Debian's Dutch word
// list (Zipfian, shorter words more frequent), titles, statuses, a signing sentence, and a
// participant list naming municipalities (from the gazetteer), organisations and ministries
// in their various spellings. 300 to 1,500 words a deal. The same count and seed give the same
// bytes on the same standard library.
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

// Words of every deal, whatever its topic.
const char* const kGeneralWords[] = {"gemeente",     "gemeenten",
                                     "stad",         "steden",
                                     "samenwerking", "partners",
                                     "partijen",     "opgave",
                                     "aanpak",       "projecten",
                                     "pilots",       "experimenten",
                                     "kennis",       "beleid",
                                     "regels",       "wetgeving",
                                     "instrumenten", "middelen",
                                     "financiering", "investeringen",
                                     "overheid",     "uitvoering",
                                     "resultaten",   "doelen",
                                     "ambities",     "lessen",
                                     "netwerk",      "bijeenkomsten",
                                     "werkgroepen",  "toekomst",
                                     "ontwikkeling", "provincie",
                                     "regio",        "regio's",
                                     "rijk",         "ministerie",
                                     "organisaties", "maatschappelijke",
                                     "sociale",      "inwoners",
                                     "bewoners",     "wijk",
                                     "wijken",       "vraag",
                                     "vragen",       "praktijk",
                                     "onderzoek",    "programma",
                                     "afspraken",    "kansen",
                                     "knelpunten",   "innovatie",
                                     "opgaven",      "lokale"};

// A compound of a topic and how it is built: modifier + linker + head ("kind" + "er" +
// "armoede"). The plurals are used for the parts written apart ("eigenaren van vastgoed").
struct Compound {
  const char* modifier;
  const char* modifier_plural;  // "" when the modifier has none in use
  const char* linker;
  const char* head;
  const char* head_plural;  // "" when the head has none in use
};

struct Topic {
  const char* name;
  std::vector<const char*> words;  // most frequent first
  std::vector<Compound> compounds;
  std::vector<const char*> title_words;
  std::vector<int> ministries;  // indexes into kMinistrySpellings
};

// The ministries in their various spellings, as deals name them.
const char* const kMinistrySpellings[] = {
    "het ministerie van BZK",                                                     // 0
    "het ministerie van Binnenlandse Zaken en Koninkrijksrelaties",               // 1
    "de ministeries van JenV, EZK (DTC) en BZK",                                  // 2
    "het ministerie van Infrastructuur en Waterstaat",                            // 3
    "de ministeries van Justitie en Veiligheid en Infrastructuur en Waterstaat",  // 4
    "het ministerie van VWS",                                                     // 5
    "het Ministerie van Volksgezondheid, Welzijn en Sport",                       // 6
    "het ministerie van IenM",                                                    // 7
    "de Minister van Economische Zaken",                                          // 8
    "het ministerie van OCW",                                                     // 9
    "het ministerie van Sociale Zaken en Werkgelegenheid",                        // 10
    "het ministerie van LNV"};                                                    // 11
constexpr int kMinistries = static_cast<int>(std::size(kMinistrySpellings));

const std::vector<Topic>& topics() {
  static const std::vector<Topic> kTopics = {
      {"energie",
       {"energie",      "warmte",        "woningen",    "huishoudens",  "aardgas",
        "isolatie",     "transitie",     "besparing",   "armoede",      "kosten",
        "stroom",       "elektriciteit", "verbruik",    "installaties", "warmtepompen",
        "zonnepanelen", "netbeheerders", "eigenaren",   "huurders",     "verduurzaming",
        "duurzaam",     "duurzame",      "maatregelen", "lasten",       "opwek",
        "wind",         "isoleren",      "gas"},
       {{"energie", "", "", "armoede", ""},
        {"energie", "", "", "transitie", "transities"},
        {"energie", "", "", "besparing", "besparingen"},
        {"energie", "", "", "rekening", "rekeningen"},
        {"energie", "", "", "coach", "coaches"},
        {"aardgas", "", "", "vrij", "vrije"},
        {"warmte", "", "", "net", "netten"},
        {"warmte", "", "", "transitie", ""},
        {"woning", "woningen", "", "isolatie", ""}},
       {"Energiearmoede", "Energietransitie", "Aardgasvrije wijken", "Warmte", "Energie"},
       {0, 1, 8}},
      {"armoede",
       {"armoede",       "schulden",         "inkomen",       "huishoudens",
        "gezinnen",      "kinderen",         "schuld",        "bestaanszekerheid",
        "hulpverlening", "vroegsignalering", "minima",        "toeslagen",
        "uitkering",     "stress",           "participatie",  "betalingsachterstanden",
        "geldzorgen",    "lasten",           "ondersteuning", "schuldeisers",
        "regelingen",    "kwetsbare",        "bestrijding",   "ouders"},
       {{"schuld", "schulden", "", "hulpverlening", ""},
        {"schulden", "", "", "problematiek", ""},
        {"kind", "kinderen", "er", "armoede", ""},
        {"armoede", "", "", "bestrijding", ""},
        {"armoede", "", "", "beleid", ""},
        {"inkomen", "inkomens", "s", "ondersteuning", ""},
        {"schuld", "schulden", "", "eisers", ""},
        {"geld", "", "", "zorgen", ""}},
       {"Armoede en schulden", "Schuldhulpverlening", "Bestaanszekerheid", "Kinderarmoede"},
       {10, 0, 1}},
      {"wonen",
       {"woningen",     "wonen", "woning",         "huurders",  "corporaties", "vastgoed",
        "eigenaren",    "huur",  "betaalbaarheid", "nieuwbouw", "bouwen",      "transformatie",
        "leefbaarheid", "buurt", "starters",       "ouderen",   "woonruimte",  "dakloosheid",
        "huurprijzen",  "grond", "locaties",       "plannen",   "betaalbare",  "sociale"},
       {{"woning", "woningen", "", "bouw", ""},
        {"woning", "woningen", "", "corporaties", ""},
        {"woning", "woningen", "", "markt", ""},
        {"vastgoed", "", "", "eigenaren", ""},
        {"huur", "", "", "prijzen", ""},
        {"woning", "woningen", "", "tekort", ""},
        {"gebied", "gebieden", "s", "ontwikkeling", ""}},
       {"Betaalbaar wonen", "Woningbouw", "Vastgoed", "Wonen in de wijk"},
       {0, 1}},
      {"mobiliteit",
       {"mobiliteit", "fiets",       "fietsen",     "verkeer",  "vervoer",   "bereikbaarheid",
        "lopen",      "fietsers",    "voetgangers", "openbaar", "auto",      "stations",
        "parkeren",   "knooppunten", "straten",     "routes",   "logistiek", "snelheid",
        "veiligheid", "reizigers",   "deelauto's",  "bussen"},
       {{"fiets", "fietsen", "", "parkeren", ""},
        {"fiets", "fietsen", "", "pad", "paden"},
        {"auto", "auto's", "", "verkeer", ""},
        {"deel", "", "", "mobiliteit", ""},
        {"verkeer", "", "s", "veiligheid", ""},
        {"voetganger", "voetgangers", "s", "stad", "steden"}},
       {"Fietsen voor iedereen", "Ruimte voor lopen", "Mobiliteit", "Bereikbaarheid"},
       {3, 7, 4}},
      {"klimaat",
       {"klimaat",     "water",     "groen",     "hitte",   "droogte", "regen",    "bomen",
        "ruimte",      "openbare",  "riolering", "schaduw", "tuinen",  "bodem",    "overstroming",
        "vergroening", "adaptatie", "neerslag",  "daken",   "pleinen", "overlast", "bestendig"},
       {{"klimaat", "", "", "adaptatie", ""},
        {"water", "", "", "overlast", ""},
        {"hitte", "", "", "stress", ""},
        {"regen", "", "", "water", ""},
        {"klimaat", "", "", "bestendig", "bestendige"},
        {"water", "", "", "berging", ""},
        {"groen", "", "", "daken", ""}},
       {"Klimaatadaptatie", "Groene stad", "Water en hitte", "Klimaatbestendige wijken"},
       {3, 11, 7}},
      {"gezondheid",
       {"gezondheid",  "zorg",      "preventie",   "welzijn",    "ouderen",
        "jongeren",    "sport",     "bewegen",     "voeding",    "voedsel",
        "overgewicht", "leefstijl", "eenzaamheid", "huisartsen", "gezond",
        "gezonde",     "kwetsbare", "omgeving",    "scholen",    "verschillen"},
       {{"gezondheid", "", "s", "verschillen", ""},
        {"voedsel", "", "", "omgeving", ""},
        {"zorg", "", "", "kosten", ""},
        {"mantel", "", "", "zorg", ""},
        {"wijk", "wijken", "", "verpleging", ""}},
       {"Gezonde voedselomgeving", "Gezondheid in de wijk", "Preventie", "Welzijn"},
       {5, 6, 11}},
      {"veiligheid",
       {"veiligheid", "criminaliteit", "cybercrime", "weerbaarheid", "politie", "ondermijning",
        "slachtoffers", "burgers", "bedrijven", "digitale", "risico's", "preventie", "jongeren",
        "overlast", "drugs", "inbraken", "toezicht", "handhaving"},
       {{"cyber", "", "", "weerbaarheid", ""},
        {"cyber", "", "", "veiligheid", ""},
        {"drugs", "", "", "criminaliteit", ""},
        {"woning", "woningen", "", "inbraak", "inbraken"},
        {"criminaliteit", "", "s", "preventie", ""}},
       {"Lokale weerbaarheid cybercrime", "Veiligheid", "Ondermijning"},
       {2, 4, 0}},
      {"binnenstad",
       {"binnenstad", "binnensteden", "winkels", "ondernemers", "horeca", "leegstand", "economie",
        "bezoekers", "cultuur", "vastgoed", "transformatie", "centrum", "banen", "detailhandel",
        "aanbod", "panden", "eigenaren", "levendige"},
       {{"winkel", "winkels", "", "aanbod", ""},
        {"winkel", "winkels", "", "straten", ""},
        {"vastgoed", "", "", "eigenaren", ""},
        {"binnenstad", "binnensteden", "", "economie", ""},
        {"impact", "", "", "ondernemers", ""}},
       {"Dynamische binnensteden", "Binnenstad", "Impact ondernemen"},
       {8, 0}},
      {"circulair",
       {"circulair", "circulaire", "grondstoffen", "afval", "hergebruik", "materialen", "bouw",
        "bouwen", "recycling", "hout", "producten", "ketens", "biobased", "kringloop", "stromen",
        "scheiding", "gebouwen"},
       {{"afval", "", "", "scheiding", ""},
        {"afval", "", "", "stromen", ""},
        {"bouw", "", "", "materialen", ""},
        {"materiaal", "materialen", "", "gebruik", ""},
        {"grondstoffen", "", "", "strategie", ""}},
       {"Circulair bouwen", "Circulaire economie", "Grondstoffen"},
       {3, 7}},
      {"werk",
       {"onderwijs", "werk", "arbeidsmarkt", "scholen", "leerlingen", "studenten", "opleiding",
        "vaardigheden", "banen", "werkgevers", "werkzoekenden", "stages", "scholing",
        "werkloosheid", "werkgelegenheid", "taal", "jongeren", "mbo", "laaggeletterdheid"},
       {{"arbeidsmarkt", "", "", "regio", "regio's"},
        {"taal", "", "", "achterstand", "achterstanden"},
        {"leer", "", "", "werkplekken", ""}},
       {"Onderwijs en arbeidsmarkt", "Werk voor iedereen", "Leren en werken"},
       {9, 10}},
      {"digitalisering",
       {"digitalisering", "data", "technologie", "privacy", "platformen", "dienstverlening",
        "algoritmes", "sensoren", "slimme", "digitale", "systemen", "processen", "maatwerk",
        "tools", "informatie"},
       {{"data", "", "", "deling", ""},
        {"data", "", "", "platform", "platformen"},
        {"privacy", "", "", "regels", ""}},
       {"Slim maatwerk", "Slimme stad", "Digitalisering"},
       {0, 1}},
  };
  return kTopics;
}

// "armoede op het gebied van energie": a compound's head, then its modifier, close together.
const char* const kPartPhrases[] = {"{head} op het gebied van {mod}",
                                    "{head} van {mod}",
                                    "{head} rond {mod}",
                                    "{head} in de {mod}",
                                    "{mod} en {head}",
                                    "{head} bij de {mod}",
                                    "{head} als het gaat om {mod}",
                                    "{head} door {mod}"};

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

// The long tail: the word list's lower-case forms, shorter first (a Zipfian draw then favours
// them). Function, general and topic words come from their own lists.
std::vector<std::string> word_list(std::mt19937_64& random) {
  std::vector<std::string> listed;
  for (std::string& word : read_lines("/usr/share/dict/dutch", false)) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && word.find('\'') == std::string::npos) {
      listed.push_back(std::move(word));
    }
  }
  std::shuffle(listed.begin(), listed.end(), random);
  std::stable_sort(listed.begin(), listed.end(),
                   [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  return listed;
}

template <typename T, size_t N>
const T& pick(const T (&items)[N], std::mt19937_64& random) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(random)];
}

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random)];
}

int between(int low, int high, std::mt19937_64& random) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

// True with probability percent / 100.
bool chance(int percent, std::mt19937_64& random) { return between(0, 99, random) < percent; }

std::string capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') {
    word[0] = static_cast<char>(word[0] - 32);
  }
  return word;
}

std::string replaced(std::string text, std::string_view placeholder, std::string_view value) {
  const size_t at = text.find(placeholder);
  return at == std::string::npos ? text : text.replace(at, placeholder.size(), value);
}

class Generator {
 public:
  Generator(uint64_t seed, const std::string& municipalities_file)
      : random_(seed),
        tail_(word_list(random_)),
        tail_zipf_(tail_.size()),
        function_zipf_(std::size(kFunctionWords)),
        municipalities_(read_lines(municipalities_file, true)),
        topic_zipf_(topics().size()) {
    for (const Topic& topic : topics()) {
      word_zipfs_.emplace_back(topic.words.size());
    }
  }

  nlohmann::json deal(size_t number) {
    // Some topics are more common than others; a third of the deals have a second one.
    deal_topics_ = {&topics()[topic_zipf_(random_)]};
    if (chance(35, random_)) {
      const Topic* second = &topics()[topic_zipf_(random_)];
      if (second != deal_topics_[0]) {
        deal_topics_.push_back(second);
      }
    }
    const std::string title =
        std::string(pick(deal_topics_[0]->title_words, random_)) + " " + std::to_string(number + 1);
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
  // One content word or a few (a compound written apart, or its parts in a phrase). Most come
  // from the deal's topics, the first topic twice as often as the second; a few from any
  // topic, as a deal about housing mentions "energie" in passing.
  std::string content() {
    const int draw = between(0, 99, random_);
    if (draw < 59) {
      const size_t which = deal_topics_.size() > 1 && between(0, 2, random_) == 0 ? 1 : 0;
      return topical(*deal_topics_[which]);
    }
    if (draw < 63) {
      return topical(pick(topics(), random_));
    }
    if (draw < 80) {
      return pick(kGeneralWords, random_);
    }
    return tail_[tail_zipf_(random_)];
  }

  std::string topical(const Topic& topic) {
    const int draw = between(0, 99, random_);
    if (draw < 14) {
      return compound(pick(topic.compounds, random_));
    }
    if (draw < 17) {
      // "energieaanpak": a topic's modifier with a general head.
      return std::string(pick(topic.compounds, random_).modifier) + pick(kCompoundHeads, random_);
    }
    const size_t index = static_cast<size_t>(&topic - topics().data());
    return topic.words[word_zipfs_[index](random_)];
  }

  // "energiearmoede", now and then "energie-armoede", "energie armoede", or the parts in a
  // phrase: "armoede op het gebied van energie".
  std::string compound(const Compound& c) {
    const bool plural_head = *c.head_plural != '\0' && chance(20, random_);
    const std::string head = plural_head ? c.head_plural : c.head;
    const int draw = between(0, 99, random_);
    if (draw < 72) {
      return std::string(c.modifier) + c.linker + head;
    }
    if (draw < 80) {
      return std::string(c.modifier) + c.linker + "-" + head;
    }
    if (draw < 86) {
      return std::string(c.modifier) + " " + head;
    }
    const bool plural_modifier = *c.modifier_plural != '\0' && chance(40, random_);
    return replaced(replaced(pick(kPartPhrases, random_), "{head}", head), "{mod}",
                    plural_modifier ? c.modifier_plural : c.modifier);
  }

  std::string word() {
    // About four words in ten are function words ("de", "van", ...).
    if (between(0, 99, random_) < 42) {
      return kFunctionWords[function_zipf_(random_)];
    }
    return content();
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
    // The ministries of the deal's topic, now and then another one.
    const int ministry = chance(80, random_) ? pick(deal_topics_[0]->ministries, random_)
                                             : between(0, kMinistries - 1, random_);
    text += "En " + std::string(kMinistrySpellings[ministry]) + ".\n\n";
    return text;
  }

  std::mt19937_64 random_;
  std::vector<std::string> tail_;
  Zipf tail_zipf_;
  Zipf function_zipf_;
  std::vector<std::string> municipalities_;
  Zipf topic_zipf_;
  std::vector<Zipf> word_zipfs_;  // one a topic
  std::vector<const Topic*> deal_topics_;
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
