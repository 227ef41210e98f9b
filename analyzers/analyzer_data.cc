// Loading of the analyzer's word lists: our data files and Debian's wdutch list.
#include "analyzers/analyzer_data.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "analyzers/error.h"

namespace dealsearch::analyzers {
namespace {

const char kSetupHint[] =
    "reinstall dealsearch or run scripts/serve, which installs everything it needs";

struct DataLine {
  size_t number;
  std::string text;
};

std::string read_file(const std::filesystem::path& path, std::string_view what,
                      std::string_view hint) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::kMissingFile,
                std::string(what) + " '" + path.string() + "' not found or unreadable", "",
                std::string(hint));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

// Lines of a data file without comments ('#' to the end of the line) and surrounding space.
std::vector<DataLine> data_lines(std::string_view contents) {
  std::vector<DataLine> lines;
  size_t number = 0;
  for (size_t start = 0; start < contents.size();) {
    size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) {
      end = contents.size();
    }
    std::string_view line = contents.substr(start, end - start);
    start = end + 1;
    ++number;
    line = line.substr(0, line.find('#'));
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
      continue;
    }
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    lines.push_back({number, std::string(line)});
  }
  return lines;
}

uint64_t fnv1a(std::string_view bytes, uint64_t hash) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

class Loader {
 public:
  Loader(const AnalyzerDataPaths& paths, const Folder& folder) : paths_(paths), folder_(folder) {}

  std::string contents(std::string_view file_name) {
    const std::string text =
        read_file(paths_.data_dir / file_name, "analyzer data file", kSetupHint);
    hash_ = fnv1a(text, fnv1a(file_name, hash_));
    return text;
  }

  void add_words(std::string_view file_name, WordSet& words) {
    for (const DataLine& line : data_lines(contents(file_name))) {
      if (line.text.find_first_of(" \t") != std::string::npos) {
        bad_line(file_name, line, "expected one word");
      }
      words.insert(folder_.fold(line.text));
    }
  }

  void add_lemmas(std::string_view file_name, WordMap& lemmas, size_t& longest_form) {
    for (const DataLine& line : data_lines(contents(file_name))) {
      std::istringstream fields(line.text);
      std::string form, lemma, extra;
      if (!(fields >> form >> lemma) || (fields >> extra)) {
        bad_line(file_name, line, "expected two words: an inflected form and its lemma");
      }
      std::string folded_form = folder_.fold(form);
      longest_form = std::max(longest_form, folded_form.size());
      lemmas[std::move(folded_form)] = folder_.fold(lemma);
    }
  }

  // Debian's list, one word form a line. Proper names are capitalised there: a folded form
  // that only ever appears capitalised is a name.
  void add_word_list(WordSet& words, WordSet& names) {
    const std::string text = read_file(paths_.word_list, "Dutch word list",
                                       "install it: apt-get install wdutch (or run scripts/serve)");
    hash_ = fnv1a(text, hash_);
    std::vector<std::string> capitalised;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) {
        end = text.size();
      }
      if (end > start) {
        const std::string_view line = std::string_view(text).substr(start, end - start);
        std::string folded = folder_.fold(line);
        if (line[0] >= 'A' && line[0] <= 'Z') {
          capitalised.push_back(folded);
        }
        words.insert(folded);
        if (line[0] < 'A' || line[0] > 'Z') {
          lower_case_.insert(folded);
        }
      }
      start = end + 1;
    }
    for (const std::string& name : capitalised) {
      if (!lower_case_.contains(name)) {
        names.insert(name);
      }
    }
  }

  std::string fingerprint() const {
    std::ostringstream hex;
    hex << std::hex << hash_;
    return hex.str();
  }

 private:
  [[noreturn]] void bad_line(std::string_view file_name, const DataLine& line,
                             std::string_view expectation) {
    throw Error(ErrorKind::kBadData,
                "malformed line '" + line.text + "': " + std::string(expectation),
                (paths_.data_dir / file_name).string() + ":" + std::to_string(line.number),
                "fix or remove that line");
  }

  const AnalyzerDataPaths& paths_;
  const Folder& folder_;
  WordSet lower_case_;
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::filesystem::path locate_data_dir(const char* variable, const std::filesystem::path& installed,
                                      const std::filesystem::path& source,
                                      std::string_view probe_file) {
  if (const char* from_environment = std::getenv(variable);
      from_environment != nullptr && *from_environment != '\0') {
    return from_environment;
  }
  if (std::filesystem::exists(installed / probe_file)) {
    return installed;
  }
  return source;
}

std::filesystem::path default_data_dir() {
  return locate_data_dir("DEALSEARCH_DATA_DIR", DEALSEARCH_INSTALLED_DATA_DIR,
                         DEALSEARCH_SOURCE_DATA_DIR, "stopwords-nl.txt");
}

bool AnalyzerData::is_spelling_word(std::string_view term) const {
  const bool letters_only = std::none_of(term.begin(), term.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '@' || c == ':' || c == '/' || c == '\'' || c == '.' ||
           c == ',';
  });
  return letters_only && term.size() >= 3 && term.size() <= 40 && !is_stopword(term);
}

std::shared_ptr<const AnalyzerData> AnalyzerData::load(const AnalyzerDataPaths& paths) {
  std::shared_ptr<AnalyzerData> data(new AnalyzerData());
  AnalyzerDataPaths resolved = paths;
  if (resolved.data_dir.empty()) {
    resolved.data_dir = default_data_dir();
  }
  Loader loader(resolved, data->folder_);
  loader.add_words("stopwords-nl.txt", data->stopwords_);
  loader.add_lemmas("stem-overrides-nl.txt", data->irregular_lemmas_,
                    data->longest_irregular_form_);
  loader.add_word_list(data->lexicon_, data->names_);
  loader.add_words("compound-parts-nl.txt", data->lexicon_);
  loader.add_words("compound-shortparts-nl.txt", data->short_parts_);
  loader.add_words("compound-nosplit-nl.txt", data->never_split_);
  loader.add_words("compound-nohead-nl.txt", data->never_head_);
  loader.add_words("compound-nomodifier-nl.txt", data->never_begin_);
  loader.add_words("derivation-falsefriends-nl.txt", data->never_derivation_source_);
  data->fingerprint_ = loader.fingerprint();
  return data;
}

const std::string* AnalyzerData::irregular_lemma(std::string_view term) const {
  const auto found = irregular_lemmas_.find(term);
  return found == irregular_lemmas_.end() ? nullptr : &found->second;
}

}  // namespace dealsearch::analyzers
