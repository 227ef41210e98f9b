// AnalyzerData: the word lists the Dutch analyzer reads, loaded once and shared read-only.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analyzers/folding.h"
#include "analyzers/word_set.h"

namespace dealsearch::analyzers {

// Where the analyzer's data files are and which Debian word list it reads.
struct AnalyzerDataPaths {
  // Folder holding stopwords-nl.txt, stem-overrides-nl.txt, compound-parts-nl.txt,
  // compound-shortparts-nl.txt, compound-nosplit-nl.txt, compound-nohead-nl.txt,
  // compound-nomodifier-nl.txt and derivation-falsefriends-nl.txt. Default: default_data_dir().
  std::filesystem::path data_dir;
  // Debian's full-form Dutch word list (package wdutch): every inflected form, one per line.
  std::filesystem::path word_list = "/usr/share/dict/dutch";
};

// The analyzer's data directory when none is given: $DEALSEARCH_DATA_DIR if set, else the
// installed share/dealsearch/analyzers, else the source tree's analyzers/data (so that
// build/dealsearch runs without installing).
[[nodiscard]] std::filesystem::path default_data_dir();

// The first of: the directory named by environment variable `variable` (when set),
// `installed` (when it holds `probe_file`), and `source`. Shared by every data directory.
[[nodiscard]] std::filesystem::path locate_data_dir(const char* variable,
                                                    const std::filesystem::path& installed,
                                                    const std::filesystem::path& source,
                                                    std::string_view probe_file);

// Transparent hashing, so that a std::string_view finds a std::string without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

// Every word in here is folded (see Folder), so lookups take folded terms.
//
// load() throws dealsearch::Error naming the file and what to do when a file is missing,
// unreadable or malformed. Immutable after load(): share one instance between all threads
// through the shared_ptr.
class AnalyzerData {
 public:
  [[nodiscard]] static std::shared_ptr<const AnalyzerData> load(const AnalyzerDataPaths& paths);

  const Folder& folder() const { return folder_; }

  // Function words dropped from queries ("de", "van", "zo'n").
  bool is_stopword(std::string_view term) const { return stopwords_.contains(term); }
  // Whether `term`, a word's folded form, belongs in the spelling table: letters only (no
  // digit, '@', ':', '/', '\'', '.', ','), 3 to 40 bytes, not a stopword. The indexer and a
  // spelling database over shards (searcher/spelling_database.h) both count such words from
  // the index's terms (analyzers/schema.h, "Spelling table").
  bool is_spelling_word(std::string_view term) const;
  // A Dutch word form: Debian's word list plus our compound-parts list ("cyber").
  bool is_word(std::string_view term) const { return lexicon_.contains(term); }
  // The lemma of an irregular form ("kinderen" -> "kind", "liep" -> "lopen"), or nullptr.
  const std::string* irregular_lemma(std::string_view term) const;
  // The byte length of the longest form irregular_lemma() knows: no longer text has a lemma.
  size_t longest_irregular_form() const { return longest_irregular_form_; }
  // A word shorter than the decompounder's minimum part length that may still be a part
  // ("hub" in "innovatiehub").
  bool is_short_part(std::string_view term) const { return short_parts_.contains(term); }
  // A lexicalised word that looks like a compound but is not one ("belangrijk").
  bool never_split(std::string_view term) const { return never_split_.contains(term); }
  // A word that ends other words without being their head ("baar" in "leefbaar").
  bool never_head(std::string_view term) const { return never_head_.contains(term); }
  // A proper name: capitalised in the word list, never lower-case ("Eindhoven", "Maastricht").
  // Names are not compounds, whatever words they seem to contain.
  bool is_name(std::string_view term) const { return names_.contains(term); }
  // A word that begins other words without being a modifier ("samen" in "samenwerking").
  bool never_begin(std::string_view term) const { return never_begin_.contains(term); }
  // A word that derived words only seem to come from: "positie" is not what "positief" is
  // about, "reaal" (a coin) not what "realiseren" is about.
  bool never_derivation_source(std::string_view term) const {
    return never_derivation_source_.contains(term);
  }

  // Identifies the exact data (all files' contents): stored in the index so that a searcher
  // with other data refuses to serve it.
  const std::string& fingerprint() const { return fingerprint_; }
  size_t lexicon_size() const { return lexicon_.size(); }

 private:
  AnalyzerData() = default;

  Folder folder_;
  WordSet stopwords_;
  WordSet lexicon_;
  WordSet names_;
  WordMap irregular_lemmas_;
  size_t longest_irregular_form_ = 0;
  WordSet short_parts_;
  WordSet never_split_;
  WordSet never_head_;
  WordSet never_begin_;
  WordSet never_derivation_source_;
  std::string fingerprint_;
};

}  // namespace dealsearch::analyzers
