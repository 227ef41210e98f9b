// QueryBuilder: a small hand-written reader for the search box, then analysed word queries.
#include "searcher/query_builder.h"

#include <algorithm>

#include "analyzers/schema.h"

namespace dealsearch::searcher {
namespace {

namespace schema = dealsearch::schema;
using analyzers::Token;
using analyzers::TokenRole;

Xapian::Query scaled(double factor, const Xapian::Query& query) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

Xapian::Query any_of(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

Xapian::Query all_of(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
}

// One word of the query wherever a document may hold it: as written, by its stem, or as a
// part of a longer word ("armoede" in "energiearmoede").
Xapian::Query single_word(const Token& token) {
  return any_of(
      {Xapian::Query(token.term),
       scaled(QueryBuilder::kStemWeight, Xapian::Query(std::string(schema::kStem) + token.stem)),
       scaled(QueryBuilder::kPartWeight, Xapian::Query(std::string(schema::kPart) + token.term)),
       scaled(QueryBuilder::kPartWeight * QueryBuilder::kStemWeight,
              Xapian::Query(std::string(schema::kPartStem) + token.stem))});
}

// A word with its parts (a compound or a hyphenated word): the word itself, or all of its
// parts ("vastgoedeigenaren" finds "eigenaren van vastgoed").
Xapian::Query word_with_parts(const Token& word, const std::vector<const Token*>& parts) {
  if (parts.empty()) {
    return single_word(word);
  }
  std::vector<Xapian::Query> part_queries;
  for (const Token* part : parts) {
    if (!part->stopword) {
      part_queries.push_back(single_word(*part));
    }
  }
  if (part_queries.empty()) {
    return single_word(word);
  }
  return any_of({single_word(word), scaled(QueryBuilder::kPartWeight, all_of(part_queries))});
}

}  // namespace

Xapian::Query QueryBuilder::word_query(const Token& word,
                                       const std::vector<const Token*>& parts) const {
  const auto synonym = synonyms_.find(word.term);
  if (synonym == synonyms_.end()) {
    return word_with_parts(word, parts);
  }
  // A boolean term matches with weight 0; the text match, if any, still ranks.
  return Xapian::Query(Xapian::Query::OP_OR, word_with_parts(word, parts),
                       Xapian::Query(synonym->second));
}

struct QueryBuilder::Clause {
  enum class Kind { kWords, kPhrase, kPrefix };
  Kind kind = Kind::kWords;
  std::string text;
  bool excluded = false;
  bool or_with_previous = false;
};

// Splits the typed text into clauses: quoted phrases, words (with "-" and "*"), and "OR".
std::vector<QueryBuilder::Clause> QueryBuilder::clauses_of(std::string_view text) const {
  std::vector<Clause> clauses;
  bool pending_or = false;
  size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) {
      ++i;
    }
  };
  for (skip_space(); i < text.size(); skip_space()) {
    Clause clause;
    clause.or_with_previous = pending_or && !clauses.empty();
    pending_or = false;
    if (text[i] == '-' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '-') {
      clause.excluded = true;
      ++i;
    }
    if (text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      if (close != std::string_view::npos) {
        clause.kind = Clause::Kind::kPhrase;
        clause.text = text.substr(i + 1, close - i - 1);
        i = close + 1;
        clauses.push_back(std::move(clause));
        continue;
      }
      ++i;  // an unbalanced quote is just a character
    }
    const size_t end = std::min(text.find_first_of(" \t\n", i), text.size());
    std::string_view word = text.substr(i, end - i);
    i = end;
    if (word == "OR" && !clause.excluded) {
      pending_or = true;
      continue;
    }
    if (word.size() > kMinPrefixLength && word.back() == '*' &&
        word.find_first_of("*\"") == word.size() - 1) {
      clause.kind = Clause::Kind::kPrefix;
      word.remove_suffix(1);
    }
    clause.text = std::string(word);
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

bool QueryBuilder::has_content_word(std::string_view text) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  return std::any_of(tokens.begin(), tokens.end(),
                     [](const Token& t) { return t.role == TokenRole::kWord && !t.stopword; });
}

Xapian::Query QueryBuilder::words_query(std::string_view text, bool keep_stopwords,
                                        std::vector<std::string>& words) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  std::vector<Xapian::Query> per_word;
  for (size_t i = 0; i < tokens.size();) {
    const Token& word = tokens[i];
    std::vector<const Token*> parts;
    for (++i; i < tokens.size() && tokens[i].role == TokenRole::kPart; ++i) {
      parts.push_back(&tokens[i]);
    }
    if (word.stopword && !keep_stopwords) {
      continue;
    }
    words.push_back(word.term);
    per_word.push_back(word_query(word, parts));
  }
  return all_of(per_word);
}

Xapian::Query QueryBuilder::phrase_query(std::string_view text) {
  std::vector<Xapian::Query> terms;
  for (const Token& token : analyzer_.analyze(text)) {
    if (token.role == TokenRole::kWord) {
      terms.emplace_back(token.term);
    }
  }
  if (terms.size() == 1) {
    return terms.front();
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
}

Xapian::Query QueryBuilder::prefix_query(std::string_view text) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  if (tokens.empty() || tokens.front().term.size() < kMinPrefixLength) {
    return Xapian::Query();
  }
  // Bounded so that "ver*" cannot expand to thousands of terms; the most frequent win.
  constexpr Xapian::termcount kMaxExpansion = 100;
  return Xapian::Query(Xapian::Query::OP_WILDCARD, tokens.front().term, kMaxExpansion,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

BuiltQuery QueryBuilder::build(std::string_view text) {
  BuiltQuery built;
  std::vector<Xapian::Query> groups;  // AND-ed for strict, OR-ed for relaxed
  std::vector<Xapian::Query> excluded;
  const std::vector<Clause> clauses = clauses_of(text);
  // Stopwords are dropped, unless the query has nothing else ("zo'n", "de").
  const bool keep_stopwords = std::none_of(clauses.begin(), clauses.end(), [&](const Clause& c) {
    return c.kind == Clause::Kind::kWords && !c.excluded && has_content_word(c.text);
  });
  for (const Clause& clause : clauses) {
    Xapian::Query query;
    std::vector<std::string> words;
    switch (clause.kind) {
      case Clause::Kind::kWords:
        query = words_query(clause.text, keep_stopwords, words);
        break;
      case Clause::Kind::kPhrase:
        query = phrase_query(clause.text);
        break;
      case Clause::Kind::kPrefix:
        query = prefix_query(clause.text);
        break;
    }
    if (query.empty()) {
      continue;
    }
    if (clause.excluded) {
      excluded.push_back(query);
      continue;
    }
    built.words.insert(built.words.end(), words.begin(), words.end());
    if (clause.or_with_previous && !groups.empty()) {
      groups.back() = Xapian::Query(Xapian::Query::OP_OR, groups.back(), query);
    } else {
      groups.push_back(query);
    }
  }
  if (groups.empty()) {
    built.match_all = true;
    groups.push_back(Xapian::Query::MatchAll);
  }
  built.strict = all_of(groups);
  built.relaxed = any_of(groups);
  if (!excluded.empty()) {
    const Xapian::Query none_of = any_of(excluded);
    built.strict = Xapian::Query(Xapian::Query::OP_AND_NOT, built.strict, none_of);
    built.relaxed = Xapian::Query(Xapian::Query::OP_AND_NOT, built.relaxed, none_of);
  }
  return built;
}

}  // namespace dealsearch::searcher
