// Lemmatizer: Dutch spelling rules for plurals and verb forms, each candidate checked against
// the word list so that a rule never invents a word.
#include "analyzers/lemmatizer.h"

#include <algorithm>
#include <array>

namespace dealsearch::analyzers {
namespace {

constexpr size_t kMinimumLength = 4;

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool is_plain_word(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string_view drop_last(std::string_view w, size_t n) { return w.substr(0, w.size() - n); }

// 't kofschip: a stem ending in t, k, f, s, ch, p (or x) takes -te/-t in the past, others -de/-d.
// "fietste", "woonde". Stems in f/s whose infinitive has v/z take -de: "leefde", "reisde".
bool takes_past_with_t(std::string_view stem) {
  return !stem.empty() && std::string_view("tkfsphx").find(stem.back()) != std::string_view::npos;
}

bool past_suffix_fits(std::string_view stem, char suffix_consonant) {
  if (suffix_consonant == 't') {
    return takes_past_with_t(stem);
  }
  return !takes_past_with_t(stem) || stem.back() == 'f' || stem.back() == 's';
}

// "strat" -> "straat", "eigenar" -> "eigenaar", "creer" -> "creeer" (folded "creëer"): an open
// syllable before -en/-e is written with one vowel, the closed base form with two.
std::string with_doubled_vowel(std::string_view stem) {
  if (stem.size() < 3) {
    return {};
  }
  const char vowel = stem[stem.size() - 2];
  const char consonant = stem.back();
  if (!is_vowel(vowel) || vowel == 'i' || is_vowel(consonant) || consonant == 'w') {
    return {};
  }
  std::string doubled(drop_last(stem, 1));
  doubled += vowel;
  doubled += consonant;
  return doubled;
}

// "huiz" -> "huis", "druiv" -> "druif": Dutch writes voiceless s/f at the end of a word.
std::string with_voiceless_ending(std::string stem) {
  if (!stem.empty() && stem.back() == 'z') {
    stem.back() = 's';
  } else if (!stem.empty() && stem.back() == 'v') {
    stem.back() = 'f';
  }
  return stem;
}

// "buss" -> "bus", "stapp" -> "stap": a short vowel doubles the consonant before -en/-e.
std::string with_single_consonant(std::string_view stem) {
  if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !is_vowel(stem.back())) {
    return std::string(drop_last(stem, 1));
  }
  return {};
}

// Candidate base forms of what remains after -en or -e, most specific first.
std::array<std::string, 4> base_candidates(std::string_view stem) {
  const std::string doubled = with_doubled_vowel(stem);
  return {doubled.empty() ? std::string() : with_voiceless_ending(doubled),
          with_voiceless_ending(std::string(stem)), std::string(stem), with_single_consonant(stem)};
}

}  // namespace

std::string Lemmatizer::base_form(std::string_view term) const {
  if (const std::string* lemma = data_.irregular_lemma(term)) {
    // A line "plant plant" in the override file protects a word from the rules.
    return *lemma == term ? *lemma : reduce(*lemma, false);
  }
  if (std::optional<std::string> base = irregular_head(term)) {
    return *base;
  }
  return reduce(term, true);
}

// A compound inflects on its head, irregular ones too: "binnensteden" -> "binnenstad",
// "pleegkinderen" -> "pleegkind". The head must be an irregular form of five letters or more
// and the rest a word, so that "is" -> "zijn" never applies inside "crisis".
//
// A separable verb's irregular past behind its particle likewise: "wegzonk" -> "wegzink" (as
// "wegzonken"), "voorkwam" -> "voorkom", "omging" -> "omga". Here the head may be as short as
// "nam" or "gaf", so the particle must be one of a closed list and the whole form a word of
// the word list.
std::optional<std::string> Lemmatizer::irregular_head(std::string_view term) const {
  constexpr size_t kMinimumHead = 5;
  constexpr size_t kMinimumModifier = 3;
  constexpr size_t kMinimumVerbHead = 3;
  static constexpr std::array<std::string_view, 24> kParticles = {
      "aan", "achter", "af",   "bij",   "binnen", "door", "in",    "mee",
      "na",  "neer",   "om",   "onder", "op",     "over", "samen", "terug",
      "toe", "uit",    "voor", "vast",  "weg",    "los",  "thuis", "tegen"};
  if (term.size() >= kMinimumVerbHead + 2 && is_plain_word(term)) {
    for (const std::string_view particle : kParticles) {
      if (!term.starts_with(particle) || term.size() < particle.size() + kMinimumVerbHead) {
        continue;
      }
      const std::string_view rest = term.substr(particle.size());
      const std::string* lemma = data_.irregular_lemma(rest);
      if (lemma != nullptr && *lemma != rest && is_word(term)) {
        return std::string(particle) + reduce(*lemma, false);
      }
    }
  }
  if (term.size() < kMinimumHead + kMinimumModifier || !is_plain_word(term)) {
    return std::nullopt;
  }
  // Only a head no longer than the longest irregular form can have a lemma: looking up every
  // suffix would make a 1 MB pasted "word" cost a million hashes of up to a megabyte each.
  const size_t longest_head = data_.longest_irregular_form();
  const size_t first_cut =
      std::max(kMinimumModifier, term.size() - std::min(term.size(), longest_head));
  for (size_t cut = first_cut; cut + kMinimumHead <= term.size(); ++cut) {
    const std::string* lemma = data_.irregular_lemma(term.substr(cut));
    if (lemma != nullptr && is_word(term.substr(0, cut))) {
      const std::string head = *lemma == term.substr(cut) ? *lemma : reduce(*lemma, false);
      return std::string(term.substr(0, cut)) + head;
    }
  }
  return std::nullopt;
}

// Rules apply until none does, at most three times: "werkten" -> "werkte" -> "werkt" ->
// "werk", "gewerkte" -> "gewerkt" -> "werk", "gedigitaliseerde" -> "gedigitaliseerd" ->
// "digitaliseer" -> "digitaal". A protected word ("gezond gezond") stops the chain.
// The rules reduce an override's lemma too ("lopen" -> "loop"), but without consulting the
// overrides again: "weet weten" and "weten" -> "weet" would otherwise go round in circles.
std::string Lemmatizer::reduce(std::string_view term, bool consult_overrides) const {
  constexpr int kMaxRules = 3;
  std::string current(term);
  for (int applied = 0; applied < kMaxRules; ++applied) {
    std::optional<std::string> next = apply_first_rule(current);
    if (!next) {
      break;
    }
    const std::string* lemma = consult_overrides ? data_.irregular_lemma(*next) : nullptr;
    if (lemma != nullptr) {
      return *lemma == *next ? *next : reduce(*lemma, false);
    }
    current = std::move(*next);
  }
  return current;
}

std::optional<std::string> Lemmatizer::apply_first_rule(std::string_view term) const {
  if (term.size() > 3 && term.ends_with("'s") && is_plain_word(drop_last(term, 2))) {
    return std::string(drop_last(term, 2));  // "regio's", "auto's", "thema's"
  }
  if (term.size() < kMinimumLength || !is_plain_word(term)) {
    return std::nullopt;
  }
  for (auto rule :
       {&Lemmatizer::inflected_adjective, &Lemmatizer::plural_or_infinitive, &Lemmatizer::s_plural,
        &Lemmatizer::present_tense, &Lemmatizer::past_tense, &Lemmatizer::past_participle}) {
    if (std::optional<std::string> base = (this->*rule)(term)) {
      return base;
    }
  }
  // Derivation only once no inflection is left: "economische" is first "economisch".
  return deriver_.derived_from(term);
}

// "fietsen" -> "fiets", "gemeenten" -> "gemeente", "straten" -> "straat", "bussen" -> "bus",
// "huizen" -> "huis", "mogelijkheden" -> "mogelijkheid", "lopen" -> "loop".
std::optional<std::string> Lemmatizer::plural_or_infinitive(std::string_view term) const {
  if (term.size() < 5 || !term.ends_with("en")) {
    return std::nullopt;
  }
  if (term.ends_with("heden")) {
    std::string singular = std::string(drop_last(term, 5)) + "heid";
    if (is_word(singular)) {
      return singular;
    }
  }
  // The base without -en first: the word list also holds archaic forms in -e ("geve",
  // "neme", "dage") that would otherwise win over "geef", "neem", "dag".
  for (const std::string& candidate : base_candidates(drop_last(term, 2))) {
    if (candidate.size() >= 2 && is_word(candidate)) {
      return candidate;
    }
  }
  if (is_word(drop_last(term, 1))) {
    return std::string(drop_last(term, 1));  // "gemeenten" -> "gemeente"
  }
  return std::nullopt;
}

// "partners" -> "partner", "gemeentes" -> "gemeente", "bewoners" -> "bewoner". Only after the
// endings that take -s in Dutch, so that "huis" never becomes "hui".
std::optional<std::string> Lemmatizer::s_plural(std::string_view term) const {
  if (term.size() < 5 || !term.ends_with('s')) {
    return std::nullopt;
  }
  const std::string_view singular = drop_last(term, 1);
  constexpr std::array<std::string_view, 7> kEndings = {"e", "el", "em", "en", "er", "or", "um"};
  const bool takes_s = std::any_of(kEndings.begin(), kEndings.end(),
                                   [&](std::string_view e) { return singular.ends_with(e); });
  if (takes_s && is_word(singular)) {
    return std::string(singular);
  }
  return std::nullopt;
}

// "werkt" -> "werk", "loopt" -> "loop", "wordt" -> "word"; not "kant" -> "kan": a word with a
// plural of its own ("kanten") is a noun unless it also has a regular past ("werkte").
std::optional<std::string> Lemmatizer::present_tense(std::string_view term) const {
  if (!term.ends_with('t')) {
    return std::nullopt;
  }
  const std::string_view stem = drop_last(term, 1);
  if (stem.size() < 3 || !is_word(stem)) {
    return std::nullopt;
  }
  const std::string past = std::string(stem) + (takes_past_with_t(stem) ? "te" : "de");
  const bool has_regular_past = is_word(past);
  const bool is_noun = is_word(std::string(term) + "en");
  if (has_regular_past || (!is_noun && is_verb_stem(stem))) {
    return std::string(stem);
  }
  return std::nullopt;
}

// "werkte"/"werkten" -> "werk", "woonde" -> "woon", "leefde" -> "leef"; the 't kofschip rule
// keeps "planten" (plural of "plant") from becoming "plan".
std::optional<std::string> Lemmatizer::past_tense(std::string_view term) const {
  for (std::string_view suffix : {"te", "de", "ten", "den"}) {
    if (term.size() < suffix.size() + 3 || !term.ends_with(suffix)) {
      continue;
    }
    const std::string_view stem = drop_last(term, suffix.size());
    if (past_suffix_fits(stem, suffix[0]) && is_word(stem) && is_verb_stem(stem)) {
      return std::string(stem);
    }
  }
  return std::nullopt;
}

// "gewerkt" -> "werk", "gebouwd" -> "bouw", "gedeeld" -> "deel": the stem must have a regular
// past ("werkte", "deelde"), which keeps "gebied" from "bieden" (past "bood").
std::optional<std::string> Lemmatizer::past_participle(std::string_view term) const {
  if (term.size() < 6 || !term.starts_with("ge") || !(term.ends_with('t') || term.ends_with('d'))) {
    return std::nullopt;
  }
  const std::string_view stem = term.substr(2, term.size() - 3);
  if (!past_suffix_fits(stem, term.back()) || !is_word(stem) ||
      !is_word(std::string(stem) + (term.back() == 't' ? "te" : "de"))) {
    return std::nullopt;
  }
  return std::string(stem);
}

// "grote" -> "groot", "dikke" -> "dik", "nieuwe" -> "nieuw", "boze" -> "boos", "gewerkte" ->
// "gewerkt". A noun in -e ("gemeente", "ruimte") has no base form in the word list.
std::optional<std::string> Lemmatizer::inflected_adjective(std::string_view term) const {
  if (term.size() < 5 || !term.ends_with('e') || term.ends_with("ee") || term.ends_with("ie")) {
    return std::nullopt;
  }
  for (const std::string& candidate : base_candidates(drop_last(term, 1))) {
    if (candidate.size() >= 3 && is_word(candidate)) {
      return candidate;
    }
  }
  return std::nullopt;
}

// A verb stem has an infinitive in the word list: "werk" (werken), "maak" (maken), "stop"
// (stoppen), "leef" (leven), "reis" (reizen).
bool Lemmatizer::is_verb_stem(std::string_view stem) const {
  const size_t n = stem.size();
  if (n < 2) {
    return false;
  }
  const std::string plain(stem);
  std::string voiced = plain;  // "leef" -> "leev", "reis" -> "reiz"
  if (voiced.back() == 'f') {
    voiced.back() = 'v';
  } else if (voiced.back() == 's') {
    voiced.back() = 'z';
  }
  std::array<std::string, 4> infinitives = {plain + "en", voiced + "en", "", ""};
  if (n >= 3 && is_vowel(stem[n - 2]) && stem[n - 3] == stem[n - 2]) {
    // "maak" -> "maken", "leef" -> "leven": the open syllable drops one vowel.
    infinitives[2] = plain.substr(0, n - 2) + plain.substr(n - 1) + "en";
    infinitives[3] = voiced.substr(0, n - 2) + voiced.substr(n - 1) + "en";
  } else if (is_vowel(stem[n - 2]) && !is_vowel(stem[n - 1])) {
    infinitives[2] = plain + stem[n - 1] + "en";  // "stop" -> "stoppen", "win" -> "winnen"
  }
  return std::any_of(infinitives.begin(), infinitives.end(), [&](const std::string& infinitive) {
    return !infinitive.empty() && is_word(infinitive);
  });
}

}  // namespace dealsearch::analyzers
