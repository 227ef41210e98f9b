#!/usr/bin/env python3
"""make_lemma_pairs.py: writes tests/analyzers/data/lemma-pairs-nl.tsv, the word pairs the
lemmatizer is checked against (tests/analyzers/lemma_pairs_test.cc).

The verdicts come from Hunspell's Dutch dictionary (OpenTaal), not from the lemmatizer: two
forms belong together when Hunspell gives them a common stem. Hunspell is only needed to
regenerate the table, never to build or test dealsearch; the table is committed.

Regenerate (from the repository root, on Debian):

    apt-get install hunspell hunspell-nl wdutch
    python3 tests/support/make_lemma_pairs.py > tests/analyzers/data/lemma-pairs-nl.tsv

Where the words come from: every word of the seed deals (corpus/*.txt), of the judged queries
(bench/judged/judgments.tsv), of the synthetic deals' vocabularies (bench/generate_corpus.cc),
and POLICY_WORDS below, common words of Dutch policy text.

What pairs are made, for each of those words:
  same       the word's Hunspell stem and every form of the word list with that stem: plurals,
             verb forms, adjectives in -e, comparatives and superlatives, present participles;
             and past participles, which Hunspell's Dutch dictionary lists as words of their own
             ("gebouwd" has the stem "gebouwd"), joined to the verb by the textbook rule (ge- +
             stem + t/d by 't kofschip, no ge- after be-, ge-, her-, ont-, ver-, er-) when the
             participle is in Debian's word list.
  different  look-alikes: what remains of the word (or of one of its forms) after taking off
             an ending or a ge-...-d frame and undoing a spelling change, when that is a word of
             its own with no stem in common ("gezonde"/"zon", "tijdens"/"tijd", "lezen"/"les").

Hunspell's quirks, and how they are repaired here:
  - A separable verb's particle is split off and the verb's stem given: "aanlegt" -> "leg",
    "voorkwam" -> "kwam"; the particle is put back ("aanleg"). A compound gets the stem of its
    first part ("reisapotheek" -> "reis"); such a stem, not followed by an inflection, is
    dropped.
  - The stem of a verb's present ("werkt" -> "werk") is not joined to its infinitive
    ("werken" -> "werken"). Verbs are read from the flags of their entries in nl_NL.dic (Vi an
    infinitive; V3, Vp, Vq a present in -t and pasts in -de/-te; P.. a separable particle),
    and a stem is joined to the infinitive the dictionary lists ("leef" to "leven", not to
    the old spelling "leeven" that Debian's list keeps).
  - Most plurals and many verb forms are words of their own, with no stem in common with
    their lemma ("studenten", "besluiten"): a look-alike that is the word less a plain ending
    (-n, -en, -s, -t, -e) is not taken as a look-alike.
  - Irregular forms are words of their own ("kinderen", "steden", "zag", "genomen"); the
    strong verbs and plurals of IRREGULAR below are added by hand.
  - Rare readings join everyday words: "gezond" as the participle of "zonnen" (to sunbathe),
    "bende" as a past of "bennen". HAND_VERDICTS and RARE_READINGS overrule them.
  - A form of two lemmas ("bomen": "boom" or "bom") is left out, and so are an adjective's
    partitive -s ("nieuws"), diminutives ("fietsje") and derivations: the lemmatizer does not
    mean to join them (derivation is tested in stemming_test.cc and deriver_test.cc).
Every look-alike the lemmatizer joined was read by hand, and the pairs it missed were looked
through; where Hunspell's verdict was wrong, the pair is in HAND_SAME, HAND_VERDICTS or
HAND_DROPPED with the reason. Many missed pairs are rare readings left as Hunspell has them
("ban"/"bannen"): the table errs towards pairs the lemmatizer need not join.
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORD_LIST = pathlib.Path("/usr/share/dict/dutch")
DICTIONARY = pathlib.Path("/usr/share/hunspell/nl_NL.dic")

# Common words of Dutch policy text beyond the seed deals: lemmas, and some inflected forms.
POLICY_WORDS = """
aanpak aanpakken aanbod aanvraag aanvragen aandacht aanleg aanleggen aansluiten afspraak
afspreken afval akkoord analyse arbeidsmarkt armoede auto bedrijf bedrijven begroting
begeleiden begeleiding beheer beheren beleid belang belangrijk bereiken beschikbaar besluit
besluiten bestaan bestuur bestuurder betalen betaalbaar beter bevorderen bewoner bewust bijdrage
bijdragen binnenstad blijven bodem bouwen brengen brug budget burger burgemeester buurt
centrum college concreet cultuur data deelnemen delen dienst doel doen doorgaan duurzaam
economie effect eigenaar energie ervaring evalueren financieren financiering fiets gebied
gebruik gebruiken gemeente gemiddeld gevolg gezond gezondheid gezin groei groeien groen groep
grond handelen helpen hoog huis huur huurder inkomen informatie infrastructuur inrichten
inspraak instelling investeren investering inwoner jaar jong jongere kans kennis klein klimaat
kosten kwaliteit kwetsbaar land landelijk leefbaar leren leven lezen licht lokaal maatregel
maken markt mens middel milieu minister ministerie mobiliteit nemen netwerk nieuw nodig
onderwijs onderzoek onderzoeken ondersteunen ondersteuning ontwikkelen ontwikkeling oplossing
oud overheid overleg plan plannen plek praten prijs programma project provincie publiek raad
rapport recht regel regelen regio rijk rol ruimte samenleving samenwerken schaal school
schuld sector sociaal staat stad stap sterk stichting straat stroom subsidie systeem taak
toegang toekomst uitvoeren uitvoering veilig veiligheid verbeteren verbinden verkeer
vermogen verminderen vernieuwen versterken vervoer vinden voeren voorstel voorzien
voorziening vraag vragen water weg werk werken wet wijk winkel wonen woning zeggen zien zoeken
zorg zorgen zwak arm rijk snel langzaam warm koud nat droog hoog laag lang kort breed smal
goed slecht groot klein mooi lelijk veel weinig vaak zelden jong oud vrij open dicht schoon
vuil duur goedkoop eenvoudig moeilijk makkelijk
gezonde gemiddelde lezen leven hart alleen tijdens namens bende mooiste warmte jongeren
groter grootste hoger hoogste lager laagste sterker sterkste beter best meeste minder minste
bouwend werkend lerend groeiend wonend stijgend dalend zie ziet zien zag gezien
hub lab app hubs labs apps living spreken sprak gesproken geven gaf gegeven komen kwam gekomen
houden hield gehouden staan stond gestaan gaan ging gegaan laten liet gelaten vinden vond
gevonden denken dacht gedacht brengen bracht gebracht kopen kocht gekocht zoeken zocht
gezocht schrijven schreef geschreven blijven bleef gebleven krijgen kreeg gekregen kiezen
koos gekozen lopen liep gelopen roepen riep geroepen dragen droeg gedragen
fietsen fietser fietspad kind kinderen steden schip schepen lid leden dag dagen
energiek winst verlies verliezen stijgen dalen meten meting toetsen toets keuze kiezen
grens grenzen reis reizen prijs prijzen huizen vis vissen bus bussen weg wegen
plaats plaatsen plaatsing vorm vormen vorming zet zetten
""".split()

# Irregular pairs Hunspell does not join: strong verbs, plurals with a vowel change or -eren.
IRREGULAR = [
    ("kind", "kinderen", "plural"), ("stad", "steden", "plural"), ("schip", "schepen", "plural"),
    ("lid", "leden", "plural"), ("dag", "dagen", "plural"), ("ei", "eieren", "plural"),
    ("blad", "bladeren", "plural"), ("volk", "volkeren", "plural"), ("goed", "goederen", "plural"),
    ("museum", "musea", "plural"), ("gat", "gaten", "plural"), ("weg", "wegen", "plural"),
    ("zien", "zag", "verb"), ("zien", "zagen", "verb"), ("zien", "gezien", "participle"),
    ("zien", "ziet", "verb"), ("zien", "zie", "verb"),
    ("gaan", "ging", "verb"), ("gaan", "gingen", "verb"), ("gaan", "gegaan", "participle"),
    ("gaan", "gaat", "verb"), ("komen", "kwam", "verb"), ("komen", "kwamen", "verb"),
    ("komen", "gekomen", "participle"), ("komen", "komt", "verb"),
    ("nemen", "nam", "verb"), ("nemen", "namen", "verb"), ("nemen", "genomen", "participle"),
    ("nemen", "neemt", "verb"), ("geven", "gaf", "verb"), ("geven", "gaven", "verb"),
    ("geven", "gegeven", "participle"), ("geven", "geeft", "verb"),
    ("spreken", "sprak", "verb"), ("spreken", "gesproken", "participle"),
    ("houden", "hield", "verb"), ("houden", "gehouden", "participle"),
    ("staan", "stond", "verb"), ("staan", "gestaan", "participle"), ("staan", "staat", "verb"),
    ("laten", "liet", "verb"), ("laten", "gelaten", "participle"),
    ("vinden", "vond", "verb"), ("vinden", "gevonden", "participle"),
    ("denken", "dacht", "verb"), ("denken", "gedacht", "participle"),
    ("brengen", "bracht", "verb"), ("brengen", "gebracht", "participle"),
    ("kopen", "kocht", "verb"), ("kopen", "gekocht", "participle"),
    ("zoeken", "zocht", "verb"), ("zoeken", "gezocht", "participle"),
    ("schrijven", "schreef", "verb"), ("schrijven", "geschreven", "participle"),
    ("blijven", "bleef", "verb"), ("blijven", "gebleven", "participle"),
    ("krijgen", "kreeg", "verb"), ("krijgen", "gekregen", "participle"),
    ("kiezen", "koos", "verb"), ("kiezen", "gekozen", "participle"),
    ("lopen", "liep", "verb"), ("lopen", "gelopen", "participle"),
    ("roepen", "riep", "verb"), ("dragen", "droeg", "verb"), ("dragen", "gedragen", "participle"),
    ("doen", "deed", "verb"), ("doen", "gedaan", "participle"), ("doen", "doet", "verb"),
    ("zijn", "was", "verb"), ("zijn", "waren", "verb"), ("zijn", "geweest", "participle"),
    ("hebben", "had", "verb"), ("hebben", "heeft", "verb"), ("hebben", "gehad", "participle"),
    ("worden", "werd", "verb"), ("worden", "geworden", "participle"),
    ("goed", "beter", "comparative"), ("goed", "best", "superlative"),
    ("veel", "meer", "comparative"), ("veel", "meest", "superlative"),
    ("weinig", "minder", "comparative"), ("weinig", "minst", "superlative"),
]

# Pairs whose Hunspell verdict is wrong for search, or that must be in the table whatever the
# generator finds. pair -> (verdict, why).
HAND_VERDICTS = {
    ("gezonde", "zon"): ("different", "healthy, not the participle of zonnen (to sunbathe)"),
    ("gezond", "zon"): ("different", "healthy, not the participle of zonnen (to sunbathe)"),
    ("gezonde", "zonnen"): ("different", "healthy, not the participle of zonnen"),
    ("zon", "zonde"): ("different", "zonde is a sin; as the past of zonnen it is rare"),
    ("gemiddelde", "middel"): ("different", "average, not a participle of middelen"),
    ("gemiddeld", "middel"): ("different", "average, not a participle of middelen"),
    ("lezen", "les"): ("different", "to read is not a lesson"),
    ("leven", "lef"): ("different", "life is not nerve"),
    ("hart", "har"): ("different", "heart, not a form of harren"),
    ("alleen", "all"): ("different", "alone, not the English all"),
    ("tijdens", "tijd"): ("different", "a preposition, not a genitive in policy text"),
    ("tijdens", "tijden"): ("different", "a preposition, not a genitive in policy text"),
    ("namens", "naam"): ("different", "a preposition, not a genitive in policy text"),
    ("namens", "name"): ("different", "a preposition"),
    ("namens", "nam"): ("different", "a preposition"),
    ("bende", "ben"): ("different", "a gang, not a past of bennen"),
    ("mooiste", "moois"): ("same", "both mooi: moois is the partitive (iets moois)"),
    ("warmte", "warm"): ("different", "a noun derived by -te, not an inflection"),
    ("jongeren", "jongere"): ("same", "young people, plural of jongere"),
    ("jonger", "jongeren"): ("different", "younger, not young people"),
}

# Look-alikes whose missing Hunspell link was Hunspell's gap, found by checking by hand every
# look-alike the lemmatizer joined: these do belong together.
HAND_SAME = {
    "a form Hunspell lists as a word of its own": [
        ("aansluit", "aansluitend"), ("aansluit", "aansluitende"), ("blind", "blinden"),
        ("daal", "dalen"), ("doorbraak", "doorbraken"), ("gemiddeld", "gemiddelden"),
        ("gezondheidsprobleem", "gezondheidsproblemen"), ("heet", "heten"),
        ("inbrak", "inbraken"), ("intern", "internen"), ("koop", "kopen"), ("laat", "laten"),
        ("los", "lossen"), ("ondersteund", "ondersteunden"), ("onderteken", "ondertekend"),
        ("overlegd", "overlegde"), ("overlegd", "overlegden"), ("overweg", "overwegend"),
        ("piloot", "pilots"), ("student", "studenten"), ("voorspel", "voorspellen"),
        ("weeg", "wegen"), ("weet", "weten"), ("zeg", "zeggen"), ("zit", "zitten"),
        ("zul", "zullen"), ("neet", "neten"), ("belangd", "belangde"),
        ("belangd", "belangden"), ("middel", "middelend"), ("middel", "middelende"),
        ("gepluk", "geplukte"), ("gefiets", "gefietste"),
    ],
    "a noun and the stem of its verb": [("bijdraag", "bijdrage"), ("scoor", "score")],
    "a verb's stem and its forms, which Hunspell does not join": [
        ("ga", "gaan"), ("ga", "gaat"), ("moet", "moetend"), ("weet", "wetend"),
        ("voorspeld", "voorspelde"),
    ],
    "a comparative Hunspell does not know": [("hogere", "hoog"), ("schonere", "schoon")],
    "a spelling variant": [("keus", "keuze"), ("keus", "keuzen"), ("heen", "henen"),
                           ("saam", "samen")],
}

# Look-alikes left out: a word of the list no policy text writes ("weerd", "parker"), an
# English word ("system"), or a case form ("bande").
HAND_DROPPED = [
    ("band", "bande"), ("parker", "parkerend"), ("piloot", "pilote"), ("system", "systemen"),
    ("weerd", "weerde"), ("weerd", "weerden"), ("ind", "inde"), ("ind", "inden"),
    ("zul", "zullend"), ("zul", "zullende"), ("spraak", "spraken"),
]

# Rare readings Hunspell gives everyday words, refused with every form they would join: form ->
# the lemmas it reaches only that way. "gezond" as the participle of "zonnen" (to sunbathe).
RARE_READINGS = {
    "gezond": {"zon", "zonnen", "zond"}, "gezonde": {"zon", "zonnen", "zond"},
    "zonde": {"zon", "zonnen"},
    "gemiddeld": {"middel", "middelen"}, "gemiddelde": {"middel", "middelen"},
    "bende": {"ben", "bennen", "been"},
}

ENDINGS = ["e", "en", "n", "s", "'s", "t", "d", "te", "de", "ten", "den", "er", "ere", "st",
           "ste", "end", "ende", "ens"]
# The spelling before 1954 that Debian's list keeps beside today's: "daalen", "hoopen".
ARCHAIC = re.compile(r"(aa|ee|oo|uu)[bcdfgklmnprstvz](e|en|er|ere|end|ende)$")
DIMINUTIVE = re.compile(r"(je|jes|tje|tjes|pje|pjes|etje|etjes|kje|kjes)$")
UNSTRESSED_PREFIXES = ("be", "ge", "her", "ont", "ver", "er")
MAX_LOOKALIKES = 4
MAX_FORMS = 8


def hunspell_stems(words):
    """form -> set of stems, by `hunspell -d nl_NL -s`, with the prefix quirk repaired."""
    out = subprocess.run(["hunspell", "-d", "nl_NL", "-s"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    stems = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 2:
            stem = repaired_stem(fields[0], fields[1])
            if stem:
                stems.setdefault(fields[0], set()).add(stem)
    return stems


def repaired_stem(form, stem):
    """Hunspell gives a separable verb the stem of its verb ("aanlegt" -> "leg", "voorkwam" ->
    "kwam"): the particle goes back on ("aanleg"). A compound gets its first part's stem
    ("reisapotheek" -> "reis"): that is no inflection, and is dropped."""
    if is_inflection(form, stem):
        return stem
    for cut in range(1, len(form) - 1):
        if form[cut] == stem[0] and is_inflection(form[cut:], stem):
            return form[:cut] + stem
    return None


def is_inflection(form, stem):
    """"huizen" -> "huis" is an inflection. "voorkwam" -> "kwam" is Hunspell splitting off a
    prefix, "reisapotheek" -> "reis" a compound given its first part's stem: neither is."""
    shared = 0
    while shared < min(len(form), len(stem)) and form[shared] == stem[shared]:
        shared += 1
    # What differs in the stem: "huis"/"huiz" (s), "straat"/"strat" (at), "groot"/"grot" (ot).
    if shared == 0 or len(stem) - shared > 2:
        return False
    return form[shared:] in INFLECTION_TAILS or form[len(stem) - 1:] in INFLECTION_TAILS


# What follows the shared beginning in an inflected form: "huiz|en", "grot|ere", "werk|te".
INFLECTION_TAILS = {
    "", "e", "en", "n", "s", "'s", "t", "d", "te", "de", "ten", "den", "r", "er", "ere", "ers",
    "st", "ste", "nd", "end", "ende", "ndes", "ende", "zen", "ven", "ze", "ve", "zer", "ver",
    "zere", "vere", "zend", "vend", "zende", "vende", "ten", "den", "pen", "ken", "ke", "pe",
    "ker", "per", "kere", "pere", "len", "le", "ler", "lere", "men", "me", "mer", "nen", "ne",
    "ner", "ren", "re", "rer", "sen", "se", "ser", "ste", "tere", "ter", "ffen", "ggen", "ssen",
    "ppen", "kken", "tten", "dden", "llen", "mmen", "nnen", "rren", "sse", "tte", "kke", "ppe",
    "lle", "mme", "nne", "rre", "dde", "ffe", "gge", "ges", "ge", "gen", "ger", "gere",
}


def vocabulary():
    words = set(POLICY_WORDS)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts.append((ROOT / "bench/judged/judgments.tsv").read_text(encoding="utf-8"))
    texts += re.findall(r'"([^"\\]*)"', (ROOT / "bench/generate_corpus.cc").read_text())
    for text in texts:
        words.update(w.replace("’", "'") for w in re.findall(r"[a-zA-Zëéèïöü’']+", text))
    return sorted({w.lower().strip("'") for w in words if len(w) >= 2})


def kind_of(lemma, form):
    if form.startswith("ge") and not lemma.startswith("ge") and form.rstrip("e")[-1] in "td":
        return "participle"
    if form.endswith(("end", "ende")):
        return "present-participle"
    if form.endswith(("er", "ere")) and not lemma.endswith("er"):
        return "comparative"
    if form.endswith(("st", "ste")) and not lemma.endswith("st"):
        return "superlative"
    if any(form == lemma + end for end in ("t", "te", "de", "ten", "den")):
        return "verb"
    if form.endswith(("en", "s", "'s")):
        return "plural-or-infinitive"
    if form.endswith(("t", "te", "de")):
        return "verb"
    if form.endswith("e"):
        return "adjective-e"
    return "other"


def infinitive_candidates(stem):
    """"werk" -> "werken", "leef" -> "leven", "maak" -> "maken", "stop" -> "stoppen"."""
    voiced = stem[:-1] + {"f": "v", "s": "z"}.get(stem[-1], stem[-1])
    out = [stem + "en", voiced + "en"]
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        out += [stem[:-2] + stem[-1] + "en", voiced[:-2] + voiced[-1] + "en"]
    elif len(stem) >= 2 and stem[-2] in "aeiou" and stem[-1] not in "aeiouw":
        out.append(stem + stem[-1] + "en")
    return out


def participles(stem):
    """"bouw" -> "gebouwd", "werk" -> "gewerkt", "leef" -> "geleefd", "verbeter" -> "verbeterd":
    ge- unless the stem begins unstressed, then t or d by 't kofschip (voiced f/s take d)."""
    prefix = "" if stem.startswith(UNSTRESSED_PREFIXES) else "ge"
    if stem[-1] in "td":
        return [prefix + stem]
    if stem[-1] in "fs":
        return [prefix + stem + "t", prefix + stem + "d"]
    return [prefix + stem + ("t" if stem[-1] in "kpx" or stem.endswith("ch") else "d")]


class Lexicon:
    """Hunspell's stems of every word of the word list, with regular verbs tied together: a
    verb stem to its infinitive ("leef", "leven") and to its past participle ("gebouwd")."""

    def __init__(self, known, stems):
        self.known = known
        self.hunspell_stems = stems
        self.keys = {w: {w} | stems.get(w, set()) for w in known}
        forms_of = {}
        for form, form_stems in stems.items():
            for stem in form_stems:
                forms_of.setdefault(stem, []).append(form)
        verb_stems, infinitives_known = self.verbs(stems)
        for stem in verb_stems:
            # An infinitive Hunspell lists as one ("wonen/PjVi...": "won" is no form of it);
            # else, for a strong verb listed otherwise ("kijken"), today's spelling of one.
            infinitives = [i for i in infinitive_candidates(stem) if i in infinitives_known] or [
                i for i in infinitive_candidates(stem) if i in known and not ARCHAIC.search(i)][:1]
            tied = {stem, *infinitives}
            for form in [stem, *infinitives] + forms_of.get(stem, []):
                self.keys.setdefault(form, {form}).update(tied)
            for participle in participles(stem):
                if participle in verb_stems:
                    continue  # "geniet" is "genieten", not "nieten"
                for form in (participle, participle + "e"):
                    if form in known and form != stem:
                        self.keys[form].update(tied)
        self.members = {}
        for form, keys in self.keys.items():
            for key in keys:
                self.members.setdefault(key, set()).add(form)

    def verbs(self, stems):
        """Verb stems, and infinitives (Vi), by the flags of their entry in Hunspell's nl_NL.dic: a present in -t (V3),
        a past in -de (Vp) or -te (Vq), or a separable particle (P.., "zit/Pb..." for
        "aanzit"), which a participle has too ("gebouwd/Pb...Ve..."), so not with Ve. With
        each particle its separable verb: "leg/Pb" makes "aanleg" a verb stem too."""
        particles = {}
        for line in DICTIONARY.with_suffix(".aff").read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 4 and fields[0] == "PFX" and fields[2] == "0":
                particles[fields[1]] = fields[3]
        out, infinitives = set(), set()
        for line in DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]:
            root, _, flags = line.split()[0].partition("/") if line.strip() else ("", "", "")
            pairs = {flags[i:i + 2] for i in range(0, len(flags), 2)}
            weak = pairs & {"V3", "Vp", "Vq"}
            separable = {f for f in pairs if f in particles}
            if root.islower() and "Vi" in pairs:  # an infinitive: "wonen/PjViPlPs"
                infinitives.add(root)
                infinitives.update(particles[f] + root for f in separable)
            elif root.islower() and (weak or (separable and "Ve" not in pairs)):
                out.add(root)
                out.update(particles[f] + root for f in separable)
        # And what Hunspell inflects as a verb: "kijkt" has the stem "kijk".
        out |= {f[:-1] for f, s in stems.items() if f.endswith("t") and f[:-1] in s}
        return {s for s in out if len(s) >= 2 and s in self.known}, infinitives

    def related(self, a, b):
        return bool(self.keys.get(a, {a}) & self.keys.get(b, {b}))


    def ambiguous(self, word):
        """"bomen" is "boom" (trees) or "bom" (a past of "bommen"), "kopen" "koop" or "kop":
        a form of two lemmas, where the table cannot say which one a text means."""
        return len(self.hunspell_stems.get(word, set()) - {word}) >= 2

    def has_own_stem(self, word):
        return bool(self.hunspell_stems.get(word, set()) - {word})


class Pairs:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.rows = {}

    def rare_reading(self, one, other):
        """A pair joined only through a refused reading: "gezond" and "zonnen", not "gezond"
        and "gezonder"."""
        keys, direct = self.lexicon.keys, self.lexicon.hunspell_stems
        one_keys, other_keys = keys.get(one, {one}), keys.get(other, {other})
        if one in direct.get(other, ()) or other in direct.get(one, ()):
            return False
        return bool(RARE_READINGS.get(one, set()) & other_keys or
                    RARE_READINGS.get(other, set()) & one_keys)

    def add(self, one, other, verdict, kind, source):
        key = tuple(sorted((one, other)))
        if verdict == "same" and self.rare_reading(one, other):
            return
        if one != other and key not in self.rows:
            self.rows[key] = (verdict, kind, source)

    def add_family(self, word):
        for lemma in sorted(self.lexicon.keys.get(word, ())):
            if ARCHAIC.search(lemma):
                continue
            if self.lexicon.ambiguous(lemma):
                continue
            forms = sorted(f for f in self.lexicon.members.get(lemma, ())
                           if f != lemma and not DIMINUTIVE.search(f) and
                           not ARCHAIC.search(f) and not self.partitive(lemma, f) and
                           not self.lexicon.ambiguous(f))
            for form in forms[:MAX_FORMS]:
                self.add(lemma, form, "same", kind_of(lemma, form), "hunspell")

    def partitive(self, lemma, form):
        """"iets nieuws", "iets groters": an adjective's -s, as often a word of its own
        ("nieuws", news; "langs", along) as the adjective's."""
        members = self.lexicon.members.get(lemma, ())
        return form.endswith("s") and (form[:-1] == lemma or form[:-1] in members) and (
            lemma + "e" in members or lemma + "er" in members)

    def add_lookalikes(self, word):
        found = 0
        for candidate in lookalikes(word):
            if found == MAX_LOOKALIKES:
                return
            if (candidate in self.lexicon.known and len(candidate) >= 2 and
                    not self.lexicon.related(word, candidate) and
                    not self.unlinked_inflection(word, candidate)):
                self.add(word, candidate, "different", "lookalike", "hunspell")
                found += 1


    def unlinked_inflection(self, word, candidate):
        """Hunspell's Dutch dictionary lists most plurals and many verb forms as words of
        their own: "studenten" has no stem "student", "besluiten" none "besluit". A word that
        is the look-alike plus a plain ending, with no analysis of its own, is such a form
        more often than not, so it is no look-alike."""
        if word == candidate + "n" and candidate.endswith("e"):
            return True  # "bedenke", "dage": archaic forms beside "bedenken", "dagen"
        if len(candidate) >= 3 and candidate[-1] == candidate[-2] and candidate[-1] not in "aeiou":
            return True  # "buss", "voll": English or misspelt, beside "bussen", "volle"
        plain = any(word == candidate + end for end in ("n", "en", "s", "t", "e"))
        return plain and not self.lexicon.has_own_stem(word)


def lookalikes(word):
    """What a suffix stripper could make of `word`: "gezonde" -> "zon", "lezen" -> "les"."""
    bases = []
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            bases.append(word[: -len(ending)])
    if word.startswith("ge") and len(word) > 5:
        for ending in ("d", "t", "de", "te"):
            if word.endswith(ending):
                bases.append(word[2: -len(ending)])
    out = []
    for base in bases:
        out += [base, respell(base)]
        if len(base) >= 3 and base[-1] == base[-2]:
            out.append(base[:-1])
        if len(base) >= 3 and base[-2] in "aeou" and base[-1] not in "aeiou":
            out.append(base[:-1] + base[-2] + base[-1])
    return [c for c in dict.fromkeys(out) if c and c != word]


def respell(base):
    if base.endswith("z"):
        return base[:-1] + "s"
    if base.endswith("v"):
        return base[:-1] + "f"
    return base


def main():
    known = set(w.strip().lower() for w in WORD_LIST.read_text(encoding="utf-8").split())
    known.discard("")
    lexicon = Lexicon(known, hunspell_stems(sorted(known)))
    pairs = Pairs(lexicon)
    words = [w for w in vocabulary() if w in known]
    for word in words:
        pairs.add_family(word)
    for one, other, kind in IRREGULAR:
        pairs.add(one, other, "same", kind, "hand")
    for word in words:
        for form in [word] + sorted(lexicon.members.get(word, ()))[:MAX_FORMS]:
            pairs.add_lookalikes(form)
    for why, same in HAND_SAME.items():
        for one, other in same:
            pairs.rows[tuple(sorted((one, other)))] = ("same", kind_of(one, other), "hand: " + why)
    for one, other in HAND_DROPPED:
        pairs.rows.pop(tuple(sorted((one, other))), None)
    for (one, other), (verdict, why) in HAND_VERDICTS.items():
        kind = kind_of(one, other) if verdict == "same" else "lookalike"
        pairs.rows[tuple(sorted((one, other)))] = (verdict, kind, "hand: " + why)
    print(HEADER, end="")
    for (one, other), (verdict, kind, source) in sorted(pairs.rows.items()):
        print(f"{one}\t{other}\t{verdict}\t{kind}\t{source}")


HEADER = """\
# lemma-pairs-nl.tsv: Dutch word pairs and whether they share a lemma, the reference the
# lemmatizer is measured against (tests/analyzers/lemma_pairs_test.cc).
# Format: five fields separated by tabs: a word, another word (folded: lower case), the
# verdict ('same': one lemma, a search for one should find the other; 'different': not
# related, or only by derivation), the kind of relation, and where the verdict comes from
# ('hunspell': a common stem in Hunspell's Dutch dictionary, or none for a look-alike; 'rule':
# a regular past participle of a verb Hunspell knows; 'hand: why': written or overruled by
# hand). Lines starting with '#' are comments.
# Generated by tests/support/make_lemma_pairs.py from the seed deals' words and common policy
# words; see that script for how to regenerate and for the repairs made to Hunspell's verdicts.
# Left out: diminutives and derivations (the lemmatizer does not mean to join them), a form
# Hunspell reads as forms of two lemmas ("bomen": "boom" or "bom"; a text means one), an
# adjective's partitive -s ("nieuws" is mostly news), and spellings from before 1954 that
# Debian's word list keeps ("daalen"). Look-alikes are words of Debian's word list, some of
# them rare ("teeg", "koer"): a rule that joins them shows how it would join common ones.
"""

if __name__ == "__main__":
    sys.exit(main())
