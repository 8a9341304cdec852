"""The curated bilingual synonym table: everyday and Quebec words people type, mapped to the
words the directory uses. Every word is folded (no accents, lower case).

Each row reads "when someone types one of these words, also search for those words". A typed
word matches a row by its exact folded form or, for stems of four letters or more, by its French
or English stem, so "frappait" and "frapper" find the row of "frappe".
"""

from collections import defaultdict

from directory.search.text import stem_en, stem_fr

ROWS = [
    # Partners: Quebec "chum" and "blonde" are a boyfriend and a girlfriend.
    (
        "chum blonde conjoint conjointe mari femme epoux epouse partenaire ex amoureux "
        "amoureuse husband wife boyfriend girlfriend partner spouse",
        "conjugale domestic",
    ),
    (
        "frappe frapper bat battre battu battue coups cogne gifle brasse menace menaces "
        "hits hit hitting beats beat beating slaps punches abuse abusive violent",
        "violence",
    ),
    (
        "boire bois boit boisson saoul soul chaudasse brosse biere vin alcoolique alcoolisme "
        "drinking drink drinks drunk booze alcoholic alcoholism",
        "alcool alcohol",
    ),
    (
        "drogue drogues pot weed marijuana cannabis coke cocaine crack meth speed "
        "opioide opioides fentanyl pilules drug drugs opioid opioids pills",
        "drogue drug",
    ),
    (
        "jeu jeux casino casinos loterie loteries loto gratteux paris pari gageure gageures "
        "gager miser poker machines slots gamble gambler gambling betting bets lottery",
        "jeu gambling",
    ),
    (
        "ado ados adolescent adolescente adolescents teen teens teenager teenagers youth jeune",
        "jeune youth",
    ),
    (
        "gai gais gay gays lesbienne lesbiennes lesbian bi bisexuel bisexuelle bisexual "
        "trans transgenre transgender queer homosexuel homosexuelle homosexual lgbt lgbtq "
        "lgbtqia 2slgbtq 2slgbtqia nonbinaire nonbinary homophobie homophobia",
        "lgbtq diversite diversity",
    ),
    (
        "dette dettes endette endettee endettement argent piasses cash pauvre pauvrete faillite "
        "budget loyer facture factures paye paie credit carte cartes debt debts money poor "
        "poverty bankruptcy bankrupt broke rent bills pay paycheck",
        "financieres financial dettes debt",
    ),
    (
        "aine aines ainee ainees vieux vieille vieillesse age agee agees retraite retraitee "
        "elderly elder elders senior seniors older aging",
        "aines seniors elderly",
    ),
    (
        "harcelement harceler harcele harcelee intimidation intimide intimidee humilie "
        "humiliee engueule patron patronne boss gestionnaire superviseur superviseure "
        "contremaitre employeur bullying bully bullied bullies harassment harassed harassing "
        "humiliated manager supervisor employer",
        "harcelement harassment travail workplace",
    ),
    (
        "seul seule seuls seules solitude isole isolee isolement lonely alone loneliness "
        "isolated isolation",
        "solitude isolement loneliness isolation",
    ),
    (
        "deuil endeuille endeuillee deces decede decedee mort morte morts perdu perdue perte "
        "funerailles enterrement veuf veuve grief grieving bereavement bereaved loss lost "
        "mourning died dead passed funeral widow widower",
        "deuil grief",
    ),
    (
        "anxiete anxieux anxieuse angoisse angoisses panique stress stresse stressee nerveux "
        "nerveuse inquiet inquiete pression anxiety anxious panic stressed nervous worried worry "
        "pressure",
        "anxiete anxiety angoisse stress",
    ),
    (
        "deprime deprimee deprimes depression depressif depressive decourage decouragee "
        "triste tristesse desespoir desespere desesperee depressed sad sadness hopeless despair",
        "depression",
    ),
    # Quebec "brûlé", "vidé" and "à boutte" (au bout) are burnt out.
    (
        "burnout burn burnt burned epuisement epuisment epuise epuisee surmenage surmene "
        "surmenee brule brulee vide videe boutte bout exhausted exhaustion overworked overwork "
        "worn",
        "epuisement burnout detresse distress",
    ),
    (
        "suicidaire suicidaires suicider suicidal",
        "suicide",
    ),
    (
        "viol violee agression agressee attouchements rape raped assault assaulted molested",
        "sexuelle sexual",
    ),
    (
        "aide aider help parler jaser confier talk listen listening",
        "ecoute listening",
    ),
    # Quebec "je file pas" is "I do not feel well".
    (
        "file",
        "detresse distress ecoute",
    ),
    (
        "surdose overdose empoisonnement empoisonne intoxique intoxiquee avale javel poison "
        "poisoned swallowed bleach",
        "intoxication poisoning",
    ),
    (
        "psy psychologue psychiatre therapie therapeute therapy therapist counselling "
        "counseling counsellor",
        "sante mentale mental health",
    ),
    (
        "aidant aidante aidants proche caregiver caregivers",
        "proches caregiver",
    ),
    (
        "refuge hebergement shelter",
        "hebergement shelter",
    ),
    (
        "enfant enfants fils fille bebe child children kids daughter baby",
        "parents famille family",
    ),
    # The employee assistance program (PAE, EAP) is the workplace's own: the public line closest
    # to what it offers is a social worker's counselling.
    (
        "pae paef eap efap employes employe employee employees",
        "psychosocial counselling",
    ),
    # The CNESST was the CSST until 2016.
    (
        "csst cnest cnnest",
        "cnesst",
    ),
    (
        "victime victimes plainte crime criminel vol vole victim victims complaint",
        "victimes victims",
    ),
    (
        "conge invalidite retour sick leave disability",
        "retour travail return work",
    ),
]

# Words that say who or where ("ma mère", "au travail") rather than what is wrong count for less
# than the other typed words, so "ma blonde est morte" is about a death, not about the partner.
SETTING_WORDS = frozenset(
    """
    mere pere maman papa frere soeur mom dad mother father brother sister
    chum blonde mari femme conjoint conjointe wife husband boyfriend girlfriend partner spouse
    travail job jobs ouvrage work workplace collegue collegues coworker coworkers
    boss patron patronne gestionnaire superviseur superviseure employeur employer manager
    """.split()
)

MIN_STEM = 4  # shorter stems ("mar" of "mari") collide with unrelated words


def _table() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    by_word: dict[str, set[str]] = defaultdict(set)
    by_french_stem: dict[str, set[str]] = defaultdict(set)
    by_english_stem: dict[str, set[str]] = defaultdict(set)
    for typed, meant in ROWS:
        for word in typed.split():
            by_word[word].update(meant.split())
            if len(stem_fr(word)) >= MIN_STEM:
                by_french_stem[stem_fr(word)].update(meant.split())
            if len(stem_en(word)) >= MIN_STEM:
                by_english_stem[stem_en(word)].update(meant.split())
    return dict(by_word), dict(by_french_stem), dict(by_english_stem)


BY_WORD, BY_FRENCH_STEM, BY_ENGLISH_STEM = _table()
TYPED_WORDS = frozenset(BY_WORD)


def synonyms(word: str) -> set[str]:
    """The words to search for as well as the folded `word` (never `word` itself)."""
    found = set(BY_WORD.get(word, ()))
    found |= BY_FRENCH_STEM.get(stem_fr(word), set())
    found |= BY_ENGLISH_STEM.get(stem_en(word), set())
    found.discard(word)
    return found
