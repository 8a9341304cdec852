"""Does a search read like something the person's own workplace helps with best?

The employee assistance program (EAP) and the union contact are not province-wide lines: each
workplace's network lists its own on its mutual-aid page, so the results page points there
when a search names the EAP, the union, the employer or work, or reads like money troubles or
burnout (where the EAP is often the best first help).

The patterns run on the folded words joined by single spaces, apostrophes split, as in
triage ("j'suis brûlé" is "j suis brule").
"""

import re

from lib.folding import words

EAP = [
    r"paef?",  # PAEF: programme d'aide aux employés et à la famille
    r"p a e f?",
    r"eap",
    r"efap",
    r"programmes? d aide",
    r"aide aux (employes|employees|employe|employee|travailleurs|travailleuses)",
    r"employee (and family )?assistance",
]
UNION = [
    r"syndi\w*",  # syndicat, syndical, syndicale, syndiqué
    r"sindi\w*",
    r"sydicat",
    r"unions?(?! libre| de fait)",  # "union libre" and "union de fait" are a couple
    r"stewards?",
    r"grievances?",
    # A "grief" is a grievance in Quebec French; alone it is grieving in English.
    r"(deposer|faire|porter|loger) (un|mon|le|des|mes) griefs?",
    r"(delegue|deleguee|delegues|representant|representante) (syndical|syndicale|du syndicat)",
]
EMPLOYER = [
    r"employeurs?",
    r"employeuse",
    r"employers?",
    r"patron|patronne|patrons",
    r"boss|bosses",
    r"ressources humaines",
    r"rh|hr",
    r"human resources",
    r"gestionnaires?",
    r"superviseurs?|superviseure|supervisor|supervisors",
    r"contremaitres?|contremaitresse|foreman|forewoman",
    r"chef d equipe",
    r"managers?",
    r"(mon|ma) cadre",
]
WORK = [
    r"travail|travaille|ouvrage|usine|chantier",
    r"jobs?",
    r"work|workplace|working",
    r"collegues?|coworkers?|co workers?",
    r"harcelement psychologique|psychological harassment",
    r"cn+e+s+t+|csst",
    r"droit de refus|droit de refuser|right to refuse",
    r"labou?r (standards?|laws?|board|rights?)",
    r"lesions? professionnelles?|maladies? professionnelles?",
    r"conges? (de )?maladie|sick leave|invalidite|assurance salaire|disability leave",
    r"congedie|congediee|renvoye|renvoyee|mis a pied|mise a pied|fired|laid off",
]
MONEY = [
    r"dettes?|endette\w*|endetement",
    r"argent|cash|piasses?|finances?|financier|financiere|financial|financially",
    r"faillite|bankrupt\w*",
    r"budget\w*",
    r"loyer|paye|paie|salaire|fin de mois",
    r"money|debts?|broke|bills|rent|paycheck",
    r"cartes? de credit|credit cards?",
]
BURNOUT = [
    r"burn+ ?out\w*|burnt out|burned out|burnot|brun out",
    r"epuis\w*",
    r"surmen\w*",
    r"exhaust\w*",
    r"worn out|overwork\w*|overwhelmed at work",
    r"a boutte|a bout",
    # "je suis brûlé" is burnout; "je me suis brûlé" is a burn.
    r"(?<!me )(suis|chu|jsuis)( full)? (brule|brulee|vide|videe)",
    r"(sens|sentir|senti|sentie)( full)? (brule|brulee|vide|videe)",
]


def alternatives(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"\b(?:{pattern})\b" for pattern in patterns))


WORKPLACE_WORDING = alternatives(EAP + UNION + EMPLOYER + WORK + MONEY + BURNOUT)


def reads_like_workplace(text: str) -> bool:
    return WORKPLACE_WORDING.search(" ".join(words(text))) is not None
