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

// The last letter, if it is one of `from`, as the letter of `to` at the same place.
std::string with_end_respelled(std::string word, std::string_view from, std::string_view to) {
  const size_t at = word.empty() ? std::string_view::npos : from.find(word.back());
  if (at != std::string_view::npos) {
    word.back() = to[at];
  }
  return word;
}

// "boos" -> "booz", "actief" -> "actiev": the s and f of a word's end voiced before a vowel.
std::string with_voiced_ending(std::string word) {
  return with_end_respelled(std::move(word), "sf", "zv");
}

// "groot" -> "grot", "boos" -> "boz": the open syllable of an inflected form.
std::string with_single_vowel(std::string_view word) {
  const size_t n = word.size();
  if (n < 3 || !is_vowel(word[n - 2]) || word[n - 2] != word[n - 3] || is_vowel(word[n - 1])) {
    return {};
  }
  std::string single(word.substr(0, n - 2));
  single += word[n - 1];
  return with_voiced_ending(std::move(single));
}

// A verb that begins with an unstressed prefix takes no ge- in its participle: "bepaald",
// "gebeurd", "verwerkt", and the inseparable onder-, over-, door-, voor-, vol-, mis-:
// "ondersteund", "overlegd", "voorspeld".
bool begins_unstressed(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kUnstressed = {
      "be", "ge", "her", "ont", "ver", "er", "onder", "over", "door", "voor", "vol", "mis"};
  return std::any_of(kUnstressed.begin(), kUnstressed.end(),
                     [&](std::string_view prefix) { return word.starts_with(prefix); });
}

// "huiz" -> "huis", "druiv" -> "druif": Dutch writes voiceless s/f at the end of a word.
std::string with_voiceless_ending(std::string stem) {
  return with_end_respelled(std::move(stem), "zv", "sf");
}

// "buss" -> "bus", "stapp" -> "stap": a short vowel doubles the consonant before -en/-e.
std::string with_single_consonant(std::string_view stem) {
  if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !is_vowel(stem.back())) {
    return std::string(drop_last(stem, 1));
  }
  return {};
}

// Candidate base forms of what remains after -en or -e, most specific first. A Dutch word
// never ends in a doubled consonant, so "bussen" is "bus" before "buss" (English in the list).
std::array<std::string, 4> base_candidates(std::string_view stem) {
  const std::string doubled = with_doubled_vowel(stem);
  return {doubled.empty() ? std::string() : with_voiceless_ending(doubled),
          with_single_consonant(stem), with_voiceless_ending(std::string(stem)), std::string(stem)};
}

}  // namespace

std::string Lemmatizer::base_form(std::string_view term) const {
  if (const std::string* lemma = data_.irregular_lemma(term)) {
    // A line "plant plant" in the override file protects a word from the rules, and so the
    // lemma of "gezonde gezond" too: "gezond" is no participle of "zonnen".
    return *lemma == term || is_protected(*lemma) ? *lemma : reduce(*lemma, false);
  }
  if (data_.is_name(term)) {
    return std::string(term);  // "zwolle" is Zwolle, no inflection of "zwol"
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
    if (is_protected(*next)) {
      return std::move(*next);  // "beste" -> "best", not on to "bes"
    }
    const std::string* lemma = consult_overrides ? data_.irregular_lemma(*next) : nullptr;
    if (lemma != nullptr) {
      return reduce(*lemma, false);
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
  // A participle before the present tense: "gepakt" is "pak", not a form of "gepakken".
  for (auto rule :
       {&Lemmatizer::inflected_adjective, &Lemmatizer::comparative, &Lemmatizer::present_participle,
        &Lemmatizer::plural_or_infinitive, &Lemmatizer::s_plural, &Lemmatizer::past_participle,
        &Lemmatizer::present_tense, &Lemmatizer::past_tense}) {
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
  // "neme", "dage") that would otherwise win over "geef", "neem", "dag". A base never ends in
  // an unstressed e before -en ("zeeën" is "zee" + "ën", "technologieën" "technologie" +
  // "ën"): "alleen" is not "alle" + "en".
  const std::string_view stem = drop_last(term, 2);
  if (!stem.ends_with('e') || (stem.size() >= 2 && is_vowel(stem[stem.size() - 2]))) {
    for (const std::string& candidate : base_candidates(stem)) {
      // "droogten" is "droogte" + n: a verb's present ("droogt") takes no -en.
      if (candidate.size() >= 2 && is_word(candidate) &&
          !(is_verb_form_in_t(candidate) && is_word(drop_last(term, 1)))) {
        return candidate;
      }
    }
  }
  // "gemeenten" -> "gemeente": -n only after an unstressed e, so "alleen" is no "allee".
  const std::string_view singular = drop_last(term, 1);
  if (singular.ends_with('e') && !singular.ends_with("ee") && is_word(singular)) {
    return std::string(singular);
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
  // And after -au and -eu: "niveaus", "milieus", "bureaus".
  constexpr std::array<std::string_view, 9> kEndings = {"e",  "el", "em", "en", "er",
                                                        "or", "um", "au", "eu"};
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
  // "kort" and "licht" have comparatives ("korter", "lichter"): adjectives, no verb forms.
  if (stem.size() < 3 || !is_word(stem) || has_comparative(term)) {
    return std::nullopt;
  }
  // "harde" is "hard" + e, no past of "harren": a past that is another word's inflected form
  // says nothing about "hart". ("werkte" is "werkt" + e, the term itself.)
  const std::string past = std::string(stem) + (takes_past_with_t(stem) ? "te" : "de");
  const std::string_view past_without_e = drop_last(past, 1);
  const bool has_regular_past =
      is_word(past) && (past_without_e == term || !is_word(past_without_e));
  const bool is_noun = is_word(std::string(term) + "en");
  if (is_verb_stem(stem) && (has_regular_past || !is_noun)) {
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
    // "bende" and "zonde" have plurals "bendes" and "zondes": nouns, no pasts of "bennen".
    const std::string singular(suffix.ends_with('n') ? drop_last(term, 1) : term);
    if (is_word(singular + "s")) {
      return std::nullopt;
    }
    if (past_suffix_fits(stem, suffix[0]) && is_word(stem) && is_verb_stem(stem)) {
      return std::string(stem);
    }
  }
  return std::nullopt;
}

// "gewerkt" -> "werk", "gebouwd" -> "bouw", "gedeeld" -> "deel": the stem must have a regular
// past ("werkte", "deelde"), which keeps "gebied" from "bieden" (past "bood"). A stem in t or d
// takes no second one: "gestart" -> "start", "geleid" -> "leid". A verb that begins unstressed
// takes no ge-: "bepaald" -> "bepaal", "gebeurd" -> "gebeur" (not "beur").
std::optional<std::string> Lemmatizer::past_participle(std::string_view term) const {
  if (term.size() < 5 || !(term.ends_with('t') || term.ends_with('d'))) {
    return std::nullopt;
  }
  if (std::optional<std::string> stem = participle_without_ge(term)) {
    return stem;
  }
  if (term.size() < 6 || !term.starts_with("ge")) {
    return std::nullopt;
  }
  // The whole first: "geland" is "land" (past "landde"), not "lan" (past "lande").
  const std::string_view whole = term.substr(2);  // "gestart" -> "start"
  if (whole.size() >= 3 && is_word(whole) &&
      is_word(std::string(whole) + (term.back() == 't' ? "te" : "de"))) {
    return std::string(whole);
  }
  const std::string_view stem = term.substr(2, term.size() - 3);
  if (past_suffix_fits(stem, term.back()) && is_word(stem) &&
      is_word(std::string(stem) + (term.back() == 't' ? "te" : "de"))) {
    return std::string(stem);
  }
  return std::nullopt;
}

// "bepaald" -> "bepaal" when the verb has a present "bepaalt" and a past "bepaalde". Only -d:
// a participle in -t ("verwerkt") is also the present, which present_tense() reads.
std::optional<std::string> Lemmatizer::participle_without_ge(std::string_view term) const {
  const std::string_view stem = drop_last(term, 1);
  if (!begins_unstressed(term) || term.back() != 'd' || !past_suffix_fits(stem, 'd') ||
      !is_word(stem) || !is_word(std::string(stem) + "t") || !is_word(std::string(stem) + "de") ||
      !is_verb_stem(stem)) {
    return std::nullopt;
  }
  return std::string(stem);
}

// "grote" -> "groot", "dikke" -> "dik", "nieuwe" -> "nieuw", "boze" -> "boos", "mooie" ->
// "mooi", "lage" -> "laag", "gewerkte" -> "gewerkt". A noun in -e ("gemeente", "ruimte") has no
// base form in the word list, or has a plural in -s ("zone", "zones": no "zoon").
std::optional<std::string> Lemmatizer::inflected_adjective(std::string_view term) const {
  const size_t n = term.size();
  if (n < 4 || !term.ends_with('e') || term.ends_with("ee") ||
      (term.ends_with("ie") && !is_vowel(term[n - 3]))) {
    return std::nullopt;
  }
  if (term.ends_with("ere") && is_word(drop_last(term, 1))) {
    return std::string(drop_last(term, 1));  // "kleinere" is "kleiner" + e, not "kleineer"
  }
  // "deze" and "onze" are function words, no inflections of "des" and "ons".
  if (data_.is_stopword(term)) {
    return std::nullopt;
  }
  const bool noun = is_word(std::string(term) + "s");
  for (const std::string& candidate : base_candidates(drop_last(term, 1))) {
    // A respelled base of a noun is another word ("zone", "zoon"); the plain one is most often
    // the adjective ("circulaire", "circulair", though "circulaires" are letters).
    const bool respelled = candidate != drop_last(term, 1);
    if (candidate.size() >= 3 && is_word(candidate) && !is_verb_form_in_t(candidate) &&
        (!noun || !respelled || has_comparative(candidate))) {
      return candidate;
    }
  }
  return std::nullopt;
}

// "warmt", "ruimt", "droogt": a verb's present, which takes no -e, so "warmte" is a noun of its
// own. A participle ("gewerkt", "verwerkt") and an adjective in t with a comparative ("licht",
// "lichter"; "kort", "korter") do take it.
bool Lemmatizer::is_verb_form_in_t(std::string_view word) const {
  if (!word.ends_with('t') || !is_verb_stem(drop_last(word, 1)) || begins_unstressed(word)) {
    return false;
  }
  const std::string base(word);
  return !is_word(base + "er") && !is_word(base + base.back() + "er");
}

// "groter" -> "groot", "dikker" -> "dik", "duurder" -> "duur", "mooist" -> "mooi", "mooiste"
// -> "mooi", "breedst" -> "breed"; "werker" and "lezer" are nouns, no comparatives.
std::optional<std::string> Lemmatizer::comparative(std::string_view term) const {
  constexpr size_t kMinimumAdjective = 3;
  const std::string whole(term);
  // A comparative inflects ("grotere"), or it is no noun with a plural ("werkers") and its
  // base has a superlative ("enormer", "enormst"; not "achter", "acht").
  if (term.ends_with("er")) {
    const bool inflects = is_word(whole + "e");
    std::string_view stem = drop_last(term, 2);
    if (stem.ends_with("rd")) {
      stem = drop_last(stem, 1);  // "duurder": a d between r and -er
    }
    for (const std::string& candidate : base_candidates(stem)) {
      if (candidate.size() >= kMinimumAdjective && is_word(candidate) &&
          takes_inflection_e(candidate) &&
          (inflects || (!is_word(whole + "s") && is_word(candidate + "st")))) {
        return candidate;
      }
    }
    return std::nullopt;
  }
  if (term.ends_with("st") && is_verb_stem(drop_last(term, 1))) {
    return std::nullopt;  // "toetst", "koerst": the present of "toetsen", "koersen"
  }
  // A superlative keeps the base's spelling ("grootst", "breedst"), and its base has a
  // comparative too: "plaatste" and "viste" are pasts, not superlatives of "plaat" and "vi".
  std::string_view stem;
  if (term.ends_with("st")) {
    stem = drop_last(term, 2);
  } else if (term.ends_with("ste") && !is_word(drop_last(term, 1))) {
    stem = drop_last(term, 3);  // "mooiste": the word list lacks "mooist"
  }
  if (stem.size() >= kMinimumAdjective && is_word(stem) && takes_inflection_e(stem) &&
      has_comparative(stem)) {
    return std::string(stem);
  }
  return std::nullopt;
}

// "groot" "groter", "dik" "dikker", "mooi" "mooier", "duur" "duurder".
bool Lemmatizer::has_comparative(std::string_view adjective) const {
  const std::string base(adjective);
  const std::string single = with_single_vowel(adjective);
  const std::string voiced = with_voiced_ending(base);
  return is_word(base + "er") || is_word(base + base.back() + "er") || is_word(base + "der") ||
         is_word(voiced + "er") || (!single.empty() && is_word(single + "er"));
}

// An adjective has a form in -e: "groot" "grote", "dik" "dikke", "boos" "boze", "mooi" "mooie",
// "actief" "actieve". One short vowel before one consonant doubles it: "win" would be
// "winne", not "wine" (English in the list).
bool Lemmatizer::takes_inflection_e(std::string_view adjective) const {
  const std::string base(adjective);
  const size_t vowels = std::count_if(base.begin(), base.end(), is_vowel);
  const size_t n = base.size();
  if (vowels == 1 && n >= 2 && is_vowel(base[n - 2]) && !is_vowel(base[n - 1])) {
    return is_word(base + base.back() + "e");
  }
  const std::string single = with_single_vowel(adjective);
  const std::string voiced = with_voiced_ending(base);
  return is_word(base + "e") || is_word(base + base.back() + "e") || is_word(voiced + "e") ||
         (!single.empty() && is_word(single + "e"));
}

// "bouwend" -> "bouwen", "gaand" -> "gaan", "dalende" -> "dalen": the infinitive and a d, and
// the -e or -en of an adjective or a noun ("de uitvoerenden"). The infinitive must be a verb's,
// with a present in -t ("bouwt", "daalt", "doet"), so that "bekend" is no "beken" (brooks) + d.
std::optional<std::string> Lemmatizer::present_participle(std::string_view term) const {
  std::string_view participle = term;
  if (participle.ends_with("nde")) {
    participle = drop_last(participle, 1);
  } else if (participle.ends_with("nden")) {
    participle = drop_last(participle, 2);
  }
  if (participle.size() < 5 || !participle.ends_with("nd")) {
    return std::nullopt;
  }
  const std::string infinitive(drop_last(participle, 1));
  if (!infinitive.ends_with("en") || !is_word(infinitive) || !has_present_in_t(infinitive)) {
    return std::nullopt;
  }
  return infinitive;
}

// "bouwen" "bouwt", "dalen" "daalt", "eten" "eet", "doen" "doet", "zitten" "zit".
bool Lemmatizer::has_present_in_t(std::string_view infinitive) const {
  std::array<std::string, 5> stems;
  std::copy_n(base_candidates(drop_last(infinitive, 2)).begin(), 4, stems.begin());
  stems[4] = std::string(drop_last(infinitive, 1));  // "doe" in "doen"
  return std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
    return stem.size() >= 2 && is_word(stem) && (stem.ends_with('t') || is_word(stem + "t"));
  });
}

// A line "word word" in the override file: the rules leave the word as it is.
bool Lemmatizer::is_protected(std::string_view word) const {
  const std::string* lemma = data_.irregular_lemma(word);
  return lemma != nullptr && *lemma == word;
}

// A verb stem has an infinitive in the word list: "werk" (werken), "maak" (maken), "stop"
// (stoppen), "leef" (leven), "reis" (reizen).
bool Lemmatizer::is_verb_stem(std::string_view stem) const {
  const size_t n = stem.size();
  if (n < 2) {
    return false;
  }
  const std::string plain(stem);
  const std::string voiced = with_voiced_ending(plain);  // "leef" -> "leev", "reis" -> "reiz"
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
