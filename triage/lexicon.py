"""The bilingual crisis lexicon: named rules, each a few readable patterns.

Patterns run on one sentence at a time, folded (no accents, no case) and reduced to words joined
by single spaces, apostrophes split: "J'veux pu vivre" is "j veux pu vivre", "don't" is "don t".
Short fragments in angle brackets (<ME>, <FILL>, ...) are spelled out in FRAGMENTS below.

Levels follow the Columbia suicide-severity screener (C-SSRS screen version), plus danger from
another person. Self-harm has no rung of its own in the screener: it is ranked with suicidal
thoughts so that it is urgent.
"""

import re
from dataclasses import dataclass, field

LEVELS = (
    "none",
    "distress",
    "wish_to_be_dead",
    "suicidal_thoughts",
    "method",
    "intent",
    "plan",
    "recent_behaviour",
    "danger_from_other",
)
# Wish to be dead is urgent too: the person reading the request errs on the side of safety.
URGENT_LEVELS = frozenset(LEVELS[2:])

# Glued or clipped spellings, so the rules only need the split form.
SPELLINGS = {
    # French (Quebec)
    "jveux": "j veux",
    "jvais": "j vais",
    "jai": "j ai",
    "jsuis": "je suis",
    "chu": "je suis",
    "chus": "je suis",
    "chui": "je suis",
    "chuis": "je suis",
    "jpeux": "j peux",
    "jpense": "j pense",
    "jme": "j me",
    "jen": "j en",
    "jaimerais": "j aimerais",
    "jvoudrais": "j voudrais",
    "menlever": "m enlever",
    "senlever": "s enlever",
    "mtuer": "m tuer",
    "ptete": "peut etre",
    # English
    "im": "i m",
    "ive": "i ve",
    "dont": "don t",
    "cant": "can t",
    "wont": "won t",
    "didnt": "didn t",
    "doesnt": "doesn t",
    "wouldnt": "wouldn t",
    "couldnt": "couldn t",
    "isnt": "isn t",
    "wanna": "want to",
    "gonna": "going to",
    "kms": "kill myself",
}

# Words that negate what follows them ("t" is what is left of "don't", "can't", "won't").
# "ne" alone is not one: "je ne veux plus vivre" is a wish to be dead.
NEGATORS = frozenset(
    {"pas", "jamais", "aucunement", "nullement", "not", "never", "t", "no", "nope", "ni", "aucune"}
    | {"aucun", "zero"}
)
# Phrases with a negator that do not negate the crisis words after them.
NOT_NEGATIONS = re.compile(
    r"\b(?:can t stop|cannot stop|can not stop|couldn t stop|can t help|"
    r"don t know|do not know|not sure|no idea|"
    r"(?:peux|peut|pouvais) pas (?:m|s)? ?empecher de|(?:arrete|arrive) pas (?:de|d)|"
    r"sais pas|sais plus|sais pu|pas sure?|pas certaine?)\b"
)
# Where the reach of a negation stops.
CLAUSE_BREAKS = frozenset(
    {"mais", "but", "et", "and", "parce", "because", "car", "donc", "so", "alors", "puis", "then"}
)
# Who the sentence is about: the nearest subject before the crisis words.
FIRST_PERSON = frozenset({"je", "j", "i", "moi"})
OTHER_PEOPLE = frozenset(
    """
    il elle ils elles he she they someone somebody quelqu homme femme gars man woman guy
    mari conjoint conjointe chum blonde ex copain copine partenaire pere mere frere soeur fils
    fille voisin voisine patron patronne boss collegue collegues gerant gerante superviseur
    superviseure ami amie amis amies employe employee employes client cliente patient patiente
    husband wife boyfriend girlfriend partner father dad mother mom brother sister son daughter
    neighbour neighbor manager supervisor coworker coworkers colleague colleagues worker friend
    friends employee customer
    """.split()
)
# Inside the crisis words themselves, a reflexive or possessive says whose life it is.
ABOUT_OTHER_MARK = re.compile(
    r"\b(?:se|s(?= (?:enlever|oter|suicider|tuer|pendre|jeter|tirer|ouvrir|foutre|lancer))"
    r"|himself|herself|themselves|themself|his|her|their|ses|sa|son|leur|leurs)\b"
)
ABOUT_SELF_MARK = re.compile(r"\b(?:me|m|myself|my|mes|ma|mon|moi)\b")
# In danger from another person, the victim: "il va me tuer" or "he'll kill her".
VICTIM_SELF = re.compile(r"\b(?:me|m|moi|nous|us|my kids|my children|mes enfants)\b")
VICTIM_OTHER = re.compile(r"\b(?:la|le|les|lui|her|him|them)\b")

FRAGMENTS = {
    # up to two words, none of them a negation
    "<FILL>": r"(?: (?!(?:pas|jamais|not|never|t|no)\b)\w+){0,2}",
    "<ME>": r"(?:me|m|se|s|te|t)",
    "<SELF>": r"(?:myself|my self|himself|herself|themselves|themself|yourself)",
    "<PILLS>": r"(?:pil+ul+es?|pills?|comprimes?|cachets?|medicaments?|meds|medication"
    r"|tylenols?|advils?|somniferes?|sleeping pills|opioids?|opiaces?)",
    "<POSS>": r"(?:my|his|her|their|mes|ses|tes|ma|sa|ta)",
    "<KILL_FR>": r"(?:suicider|tuer|enlever la vie|oter la vie|flinguer|foutre en l air)",
    "<VICTIM>": r"(?:me|m|moi|nous|la|le|l|les|lui)",
    "<VICTIM_EN>": r"(?:me|us|her|him|them|my kids|the kids|my children)",
}


def expand(pattern: str) -> str:
    for name, fragment in FRAGMENTS.items():
        pattern = pattern.replace(name, fragment)
    return pattern


def alternatives(patterns: tuple[str, ...] | list[str]) -> re.Pattern:
    return re.compile("|".join(rf"\b(?:{expand(pattern)})\b" for pattern in patterns))


@dataclass(frozen=True)
class Rule:
    name: str
    level: str
    patterns: tuple[str, ...]
    # "danger": someone else threatens the person; "self": the person's own life.
    kind: str = "self"
    # Only counts when a person ("il", "my husband") comes before it in the sentence.
    needs_person: bool = False
    regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", alternatives(self.patterns))


# Figures of speech, blanked before any rule runs: "ce projet me tue" is not a crisis.
IDIOMS = alternatives(
    [
        # French
        r"(?:mourir|meurs|meurt|mort|morte|morts|mortes|mourais|crever|creve|crevee)"
        r" (?:de|d) (?:rire|faim|soif|froid|chaud|chaleur|ennui|envie|fatigue|curiosite|honte"
        r"|jalousie|peur|stress)",
        r"mdr|c est mortel|cest mortel",
        r"(?:beau|belle|beaux|belles|bon|bonne|bons|drole|droles|ennuyant|ennuyante|plate|laid"
        r"|laide|cute|triste|ennuyer|ennuie|ennuye|ennuyee) a mourir",
        r"tuer le temps|tue le temps",
        r"<ME> (?:tuer|tue|tuent) (?:a l ouvrage|a la tache|au travail|a travailler|a le dire"
        r"|a te le dire|a vous le dire|a repeter)",
        r"(?:ce|cette|ces|mon|ma|mes|le|la|les|sa|son|ca|sa|cela|tout ca)?"
        r" ?(?:projet|projets|travail|boulot|job|jobbe|dossier|dossiers|rapport|deadline|echeance"
        r"|trafic|bruit|chaleur|froid|stress|rythme|horaire|horaires|semaine|journee|reunion"
        r"|reunions|cours|examen|examens|enfants|kids|ca|sa|cela|mal de tete|pieds|dos)"
        r"(?: \w+)? (?:va |vont |va finir par |vont finir par )?(?:me|m|nous) (?:tue|tuent|tuer"
        r"|tuera|achever|achevent|achevera)",
        r"en finir avec (?:ce|cette|ces|le|les|un|une|mon|mes|ton|tes|son|ses|notre|nos|leur"
        r"|leurs|l|la (?!vie))\b",
        r"(?:prevention|prevenir|sensibilisation) (?:du|au|de) suicide|suicide prevention"
        r"|suicide squad|sentinelles?",
        # Someone who will be angry, not a threat: "mon boss va me tuer si j'arrive en retard".
        r"(?:boss|patron|patronne|gerant|gerante|superviseur|superviseure|prof|coach|fille|fils"
        r"|mere|supervisor|manager|teacher|daughter|son|kids|enfants|mom|mother)"
        r"(?: \w+)? (?:va|vont|is going to|s going to|is gonna|s gonna|gonna|will|ll)"
        r" (?:(?:me|m) tuer|(?:kill|murder) me)",
        r"(?:suicide|suicidaire) (?:commercial|politique|professionnel|pour le dos|pour la sante)"
        r"|(?:c est|cest) (?:du|un) suicide",
        # A death that has happened is grief, not a risk to anyone now.
        r"(?:s est|s etait|se sont|s etaient) (?:suicidee?s?|enleve la vie|enlevee la vie"
        r"|ote la vie|donne la mort)|(?:mort|morte|decede|decedee|deces) (?:par|d un|d une)"
        r" (?:suicide|surdose|overdose)",
        r"(?:took|taken) (?:his|her|their) (?:own )?life|died (?:by|of) (?:suicide|an overdose"
        r"|overdose)|killed (?:himself|herself|themselves)|committed suicide|lost \w+ to suicide"
        r"|passed (?:away )?from an overdose|overdosed and died",
        # English
        r"dying (?:to|for)(?! real| good| years| ever)",
        r"to die for(?! real| good| years| ever| months| weeks)",
        r"die (?:laughing|of laughter|of boredom|of embarrassment)|died laughing",
        r"(?:bored|scared|worried|tickled|frozen|freezing) to death",
        r"(?:would|could|d) kill for",
        r"kill (?:time|it|the lights|the light|the engine|the music|the lights|the mood)",
        r"killed it|killing it",
        r"dead (?:tired|on my feet|serious|wrong|right|end|line|lines|lock)|deadline|deadlines",
        r"(?:is|s|are|re|was|were|be) (?:killing|murdering) (?:me|us)",
        r"(?:my|the|this|that|these|those) \w+ (?:is|s|are|re|will|ll|going to|gonna)"
        r" (?:kill|be the death of) (?:me|us)",
        r"<PILLS> (?:for|pour) (?:my |mon |ma |mes |le |la |les |the |a |un |une )?(?:headache"
        r"|migraine|mal de tete|mal de dos|back|back pain|allergies|allergy|cold|flu|fever"
        r"|fievre|rhume|grippe|pain|douleur|douleurs|cholesterol|tension|pression|diabete"
        r"|diabetes|blood pressure)",
    ]
)

# Said of something other than the person ("la chaleur va me tuer"): blanked once the danger
# rules, which want a person before these words, have run.
THINGS_KILL_ME = alternatives(
    [
        r"(?:va|vont|vas|peut|pourrait|risque de|allait|va finir par)"
        r" (?:me|m|nous) (?:tuer|achever)",
        r"(?:me|m|nous) (?:tue|tuent|achevent|tuera|tueront)",
    ]
)

# Words that bring history back to now: "j'ai fait une tentative en 2012 et j'y repense encore".
STILL = alternatives([r"encore|recommencer|recommence|toujours|again|still|anymore|these days"])

# A date or time next to intent makes a plan: "je vais me tuer ce soir".
WHEN = alternatives(
    [
        r"ce soir|cette nuit|cette semaine|demain|apres demain|aujourd hui|tantot"
        r"|ce (?:weekend|week end)|cette fin de semaine|en fin de semaine|la semaine prochaine"
        r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|a \d+ ?h(?:\d+)?"
        r"|apres (?:le travail|la job|ma shift|mon shift)",
        r"tonight|tomorrow|today|this (?:weekend|week|evening|afternoon|morning)|next week"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at \d+|after work",
    ]
)

# What happened long ago is history, not a risk today (the screener asks about the last
# months): "j'ai fait une tentative en 2012", "my dad beat me when I was a kid".
LONG_AGO = alternatives(
    [
        # "il y a dix ans", but not "il y a dix ans que je veux mourir" (a duration, still now)
        r"(?:il y a|y a|ya) (?:\d+|deux|trois|quatre|cinq|six|sept|huit"
        r"|neuf|dix|vingt|plusieurs|des|quelques) (?:ans|annees)(?! (?:que|qu))",
        r"(?:il y a|y a|ya) longtemps(?! (?:que|qu))|dans le temps|avant ma therapie",
        r"quand j etais (?:jeune|ado|adolescente?|petite?|au secondaire|au cegep|enfant|\d+)"
        r"|a l adolescence|dans ma jeunesse|au secondaire|au cegep|dans la (?:vingtaine|trentaine)"
        r"|en (?:19|20)\d\d",
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|a few) (?:years|yrs)"
        r" ago|years ago|long time ago|a long time ago|back then|back in (?:19|20)\d\d"
        r"|when i was (?:a teen\w*|young|a kid|a child|\d+|in high school|in college)"
        r"|as a (?:teen\w*|kid|child)|in high school|in my (?:teens|twenties|thirties)"
        r"|in (?:19|20)\d\d|before (?:rehab|therapy|my meds)",
    ]
)

DANGER_RULES = (
    Rule(
        "threat_to_kill",
        "danger_from_other",
        (
            r"(?:va|vont|allait|allaient|veut|voulait|voudrait|menace de|menace d|menacee de"
            r"|menace de|a essaye de|essaye de|essaie de|a tente de|peut|pourrait) <VICTIM> tuer",
            r"(?:is going to|s going to|are going to|re going to|going to|will|ll|wants to"
            r"|threatened to|threatens to|threatening to|tried to|tries to|trying to|would|d)"
            r" (?:kill|murder|hurt|shoot|stab) <VICTIM_EN>",
        ),
        kind="danger",
        needs_person=True,
    ),
    Rule(
        "threats",
        "danger_from_other",
        (
            r"menaces? de mort|(?:m|me|nous|la|le) (?:a|ont|avait) menacee?s?|me menacen?t?",
            r"death threats?|threaten(?:ed|s|ing)? (?:me|us|her|him|my life|my family|to kill)",
            r"peur (?:pour ma vie|pour ma securite|qu il me tue|qu elle me tue|qu ils me tuent"
            r"|de mon (?:mari|conjoint|chum|ex|pere|frere|voisin))",
            r"(?:afraid|scared|fear) (?:for my life|for my safety|he ll kill me|he will kill me"
            r"|she ll kill me|she will kill me|of my (?:husband|partner|boyfriend|ex|father))",
        ),
        kind="danger",
    ),
    Rule(
        "violence",
        "danger_from_other",
        (
            r"<VICTIM> (?:frappe|frappait|frappent|a frappee?|ont frappee?|bat|battait|a battue?"
            r"|brutalise|a brutalisee?|agresse|a agressee?|viole|a violee?"
            r"|pousse|a poussee?)",
            r"(?:hits|hit|beats|beat|beating|hitting"
            r"|punched|punches|slapped|slaps|kicked|kicks|assaulted|raped|attacked|abuses|abused"
            r"|abusing) <VICTIM_EN>",
        ),
        kind="danger",
        needs_person=True,
    ),
    # Strangling is its own rule: of all violence, it most often comes before a killing.
    Rule(
        "strangling",
        "danger_from_other",
        (
            r"<VICTIM> (?:etrangle|etranglait|a etranglee?|a presque etranglee?)",
            r"<VICTIM> (?:a|avait) (?:serre|pris|tenu|agrippe|empoigne) (?:le|par le|la) "
            r"(?:cou|gorge)",
            r"(?:mains?|bras) (?:autour|sur) (?:de mon|du|de son|de ton) cou",
            r"(?:choked|chokes|choking|strangled|strangles|strangling|throttled) <VICTIM_EN>",
            r"(?:squeezed|grabbed|held) (?:my|her|his) (?:neck|throat)",
            r"hands? (?:around|on) (?:my|her|his) (?:neck|throat)",
        ),
        kind="danger",
    ),
    Rule(
        "domestic_violence",
        "danger_from_other",
        (
            r"violence (?:conjugale|familiale|domestique|a la maison)"
            r"|(?:conjoint|mari|chum|pere) violent",
            r"domestic (?:violence|abuse)|abusive (?:husband|partner|relationship|boyfriend"
            r"|girlfriend|wife|father)",
        ),
        kind="danger",
    ),
    Rule(
        "weapon",
        "danger_from_other",
        (
            r"(?:a|avait|as|sorti|sortie|pointe|brandi|brandit|montre|avec|arme d) (?:un|une|son"
            r"|sa) (?:arme|fusil|couteau|pistolet|revolver|carabine|machette|hache|batte)",
            r"(?:has|had|got|pulled|pulled out|took out|pointed|brought|carries|carrying|with"
            r"|waving) (?:a|an|his|her|their) (?:gun|knife|weapon|firearm|rifle|pistol|machete"
            r"|axe|bat)",
        ),
        kind="danger",
        needs_person=True,
    ),
)

SELF_RULES = (
    # Distress: not a suicide level, and not urgent.
    Rule(
        "distress",
        "distress",
        (
            r"epuisee?s?|a bout|au bout du rouleau|(?:suis|sens) brulee?|burn ?out|burnout"
            r"|decouragee?|desesperee?|deprimee?|en depression|fais une depression|anxieuse"
            r"|angoissee?"
            r"|au bord du gouffre|en detresse|je craque|vais craquer|(?:pu|plus|pus) capable"
            r"|en (?:peux|peut|pouvais) (?:pu|plus|pus)|(?:tough|toffe|tiens|tient) (?:pu|plus)"
            r"|pleure tout le temps|arrete pas de pleurer|(?:plus|pu) d energie"
            r"|(?:vais|va|file|feel) (?:pas bien|mal)|crise de (?:panique|nerfs|larmes|angoisse)"
            r"|attaques? de panique|me sens (?:vide|seule?|de trop|perdue?)|tout s ecroule",
            r"can t cope|cannot cope|can not cope|unable to cope|can t take (?:it|this|much more)"
            r"|can t go on|can t do this anymore|exhausted|burn(?:ed|t)? ?out|overwhelmed"
            r"|hopeless|desperate|breaking point|falling apart|end of my rope|at my wits end"
            r"|depressed|panic attacks?|anxiety attacks?|(?:so|really|very) anxious"
            r"|(?:i m|i am) not (?:okay|ok|alright|fine)|can t stop crying|crying all the time"
            r"|feel (?:so )?(?:empty|alone|worthless|lost)|i m a burden|i am a burden",
        ),
    ),
    # 1. Wish to be dead.
    Rule(
        "want_to_die",
        "wish_to_be_dead",
        (
            r"(?:veux|veut|veu|voudrais|voudrait|voulais|aimerais|aimerait|souhaite|souhaiterais"
            r"|envie de|prefere|prefererais|hate de|le gout de|l gout d)<FILL>"
            r" (?:mour+ir|crever|etre morte?)",
            r"(?:want|wants|wanted|wish i could|would like|d like|m ready|am ready|ready"
            r"|deserve|hope i|i just)(?: to)?<FILL> (?:die|be dead)",
            r"wish i (?:was|were) dead|better off dead|(?:would|d) (?:rather|prefer to) be dead"
            r"|wish i (?:was|were|had) never (?:been )?born|(?:serais|serait) mieux morte?"
            r"|aurais (?:du|voulu) (?:ne )?jamais naitre",
        ),
    ),
    # Death on the mind, or no point in going on: "je pense à mourir", "à quoi bon continuer".
    Rule(
        "thinks_of_death",
        "wish_to_be_dead",
        (
            r"(?:pense|pensais|penser|songe|songer|reve|revais)(?: souvent| tout le temps"
            r"| beaucoup)? (?:a|au|de) (?:mourir|la mort(?! d)|ma mort|partir pour de bon)",
            r"(?:think|thinking|thought|dream|dreaming)(?: a lot| all the time| constantly"
            r"| so much)? (?:about|of) (?:dying|death(?! of)|my death|being dead|not being here)",
        ),
    ),
    Rule(
        "no_point_going_on",
        "wish_to_be_dead",
        (
            r"a quoi (?:bon|ca sert|sa sert) (?:de )?(?:continuer|vivre|me lever|rester|toute|tout"
            r" ca|me reveiller)",
            r"(?:what s|whats|what is) the point (?:of|in) (?:living|going on|carrying on|waking up"
            r"|getting up|being here|any of it|it all|life|continuing|trying)",
            r"no point (?:in )?(?:living|going on|waking up|carrying on|being here)",
        ),
    ),
    Rule(
        "no_will_to_live",
        "wish_to_be_dead",
        (
            r"(?:veux|veut|veu|voudrais|ai|a|aime|aimerais) (?:pu|pus|plu|plus)"
            r"(?: (?:l|le) gout| envie| la force| le courage)?(?: de| d)? vivre",
            r"(?:perdu|aucune?|pas de|pu de|plus de|pus de|sans|zero|pu|pus|plu|plus|pas)"
            r" (?:l |le |la )?(?:envie|gout|force|raison|raisons|courage|espoir) (?:de|d) vivre",
            r"(?:la |ma )?vie (?:ne )?vaut (?:pu|plus|pas|rien)(?: la peine)?",
            r"(?:don t|do not|no longer|not) (?:want|wish) (?:to )?(?:live|be alive|exist"
            r"|be here)",
            r"(?:no |lost (?:the |my |all )?|without (?:a |any )?)(?:reason|point|will|desire)"
            r" (?:to|in|for) (?:live|living|life|go on|going on|keep going)",
            r"life (?:isn t|is not|s not|ain t|is no longer) worth (?:living|it)"
            r"|not worth living",
        ),
    ),
    Rule(
        "disappear",
        "wish_to_be_dead",
        (
            r"disparaitre (?:pour toujours|pour de bon|a jamais)|(?:veux|voudrais|aimerais"
            r"|envie de)<FILL> disparaitre|(?:m endormir|dormir) (?:et|pour) (?:ne )?(?:plus"
            r"|pu|jamais) (?:me )?reveiller|ne (?:plus|pu|jamais) me reveiller",
            r"disappear (?:forever|for good)|(?:go to )?sleep and (?:never|not) wake up"
            r"|never wake up|not wake up",
            r"(?:tout le monde|ma famille|les autres) (?:serait|seraient|serais) mieux sans moi"
            r"|(?:everyone|everybody|my family|they|the world) (?:would be|d be) better off"
            r" without me",
        ),
    ),
    # 2. Non-specific active suicidal thoughts.
    Rule(
        "suicide",
        "suicidal_thoughts",
        (
            r"(?:idees?|pensees?|envies?|tendances?) (?:suicidaires?|sucidaires?|de suicide)",
            r"(?:suis|es|est|etre|sens|sent|devenu|devenue|rendu|rendue|chu|ai l air)"
            r"<FILL> (?:suicidaires?|sucidaires?)",
            r"suicidal (?:thoughts?|ideas?|ideation|feelings?|urges?)|(?:i m|im|i am|feel|feeling"
            r"|been|is|s|get|getting|went|go)<FILL> (?:suicidal|sucidal|suicidial)",
            r"idees? noires?|pensees? noires?|unalive <SELF>",
            r"(?:pense|pensais|penser|songe|songer|envisage|envisager) (?:au|a|le) suicide"
            r"|(?:think|thinking|thought|considering|consider) (?:about |of )?suicide",
        ),
    ),
    Rule(
        "kill_myself",
        "suicidal_thoughts",
        (r"<ME> <KILL_FR>", r"kill(?:ing)? <SELF>"),
    ),
    Rule(
        "end_my_life",
        "suicidal_thoughts",
        (
            r"en finir|(?:mettre )?fin a (?:mes|ses|tes|ma|sa|ta|mon|son) (?:jours|vie|existence)"
            r"|faire une connerie",
            r"end(?:ing)? (?:it all|everything|<POSS> (?:own )?life)|take <POSS> (?:own )?life"
            r"|taking <POSS> (?:own )?life",
        ),
    ),
    Rule(
        "self_harm",
        "suicidal_thoughts",
        (
            r"<ME> (?:scarifie\w*|mutile\w*|faire du mal|fais du mal|fait du mal|suis fait du mal"
            r"|blesser expres|coupe expres|coupe volontairement)|automutilation|auto mutilation"
            r"|scarification",
            r"(?:cutting|cut|hurting|hurt|harming|harmed|burning|burned|burnt) <SELF>"
            r"|self harm\w*|self injur\w*",
        ),
    ),
    # 3. Thoughts with a method.
    Rule(
        "method_firearm",
        "method",
        (
            r"<ME> (?:tirer|mettre|loger) une balle|<ME> tirer dans la tete",
            r"shoot <SELF>|(?:put|putting) a (?:gun|bullet) (?:to|in) my head|blow my brains out"
            r"|eat a bullet",
            r"(?:j ai|j a|j avais|i have|i ve got|i got|i own) (?:un|une|a) (?:fusil|arme|gun"
            r"|pistolet|revolver|carabine|firearm|rifle|pistol)",
        ),
    ),
    Rule(
        "method_jump",
        "method",
        (
            r"(?:sauter|<ME> jeter|<ME> lancer|<ME> garrocher) (?:du|d un|d une|de la|en bas du"
            r"|en bas d un|en bas de|du haut du|du haut d un) (?:pont|toit|edifice|immeuble"
            r"|balcon|building|falaise|viaduc|tour|stationnement|\d+e etage)|pont jacques cartier",
            r"<ME> (?:jeter|lancer|garrocher) (?:devant|sous|en dessous de) (?:le|un|une|la)"
            r" (?:metro|train|autobus|bus|char|camion|voiture|auto)",
            r"jump(?:ing)? (?:off|from) (?:a|the|my) (?:bridge|roof|building|balcony|cliff"
            r"|overpass|tower)|jump(?:ing)? in front of (?:a|the) (?:train|metro|subway|bus"
            r"|truck|car)|(?:throw|throwing) <SELF> (?:off|in front of|under)",
        ),
    ),
    Rule(
        "method_hanging",
        "method",
        (r"<ME> pendre|pendaison", r"hang(?:ing)? <SELF>|a noose"),
    ),
    Rule(
        "method_overdose",
        "method",
        (
            r"overdose|surdose|(?:prendre|avaler) (?:toutes? )?(?:mes|ses|les|la boite de)"
            r" <PILLS>",
            r"(?:take|taking|swallow|swallowing) (?:all|all of|a bottle of|the whole bottle of)"
            r" (?:my |the |his |her )?<PILLS>",
        ),
    ),
    Rule(
        "method_cutting",
        "method",
        (
            r"<ME> (?:ouvrir|couper|taillader|trancher) les veines",
            r"(?:slit|slitting|cut|cutting) <POSS> wrists",
        ),
    ),
    Rule(
        "method_other",
        "method",
        (
            r"(?:foncer|rentrer|crasher|lancer mon char|lancer ma voiture) (?:dans|contre) (?:un"
            r"|une|le|la) (?:mur|arbre|camion|pilier|viaduc)|monoxyde|<ME> noyer|<ME> empoisonner",
            r"(?:drive|driving|crash|crashing) (?:my car )?into (?:a|the) (?:wall|tree|truck"
            r"|pole|oncoming traffic)|carbon monoxide|drown <SELF>|poison <SELF>",
        ),
    ),
    # 4. Intent: "je vais me tuer", "I'm going to kill myself".
    Rule(
        "going_to_act",
        "intent",
        (
            r"(?:vais|suis pour|suis decidee? a|ai decide de|ai decide d|vais finir par"
            r"|ai l intention de|m en vais)<FILL> (?:<ME> <KILL_FR>|<ME> pendre|<ME> tirer une"
            r" balle|<ME> jeter|en finir|mettre fin a \w+ (?:jours|vie)|passer a l acte)",
            r"(?:va|vont|a decide de|a decide d)<FILL> (?:(?:se|s) (?:suicider|tuer|enlever la"
            r" vie|oter la vie|pendre|tirer une balle|jeter)|passer a l acte)",
            r"passer a l acte",
            r"(?:going to|will|ll|decided to|about to|intend to|plan to|planning to|plans to)"
            r"<FILL> (?:kill <SELF>|end (?:it all|<POSS> (?:own )?life)|take <POSS> (?:own )?life"
            r"|commit suicide|hang <SELF>|shoot <SELF>|overdose|slit <POSS> wrists)",
        ),
    ),
    # 5. A plan: worked-out details.
    Rule(
        "has_plan",
        "plan",
        (
            # "j'ai un plan", but not "un plan de match" nor "un plan pour le projet"
            r"(?:j ai|j a|je fais|je prepare|il a|elle a|i have|i ve got|i ve|i got|i made"
            r"|i ve made|he has|she has) (?:un|une|a|my|mon) plan(?! (?:pour|de|d|du|des|for|to"
            r"|b|on|with|avec|sur|a|about|at|that)\b(?! (?:mourir|en finir|me|m|die|kill|end"
            r"|suicide|take my|ma vie|my life|mes jours)\b))",
            r"(?:ai|a|i ve|have) (?:tout )?(?:planifie|prevu|choisi|planned|picked|chosen|set)"
            r" (?:la date|le jour|le moment|l heure|l endroit|quand|comment|the date|the day"
            r"|the time|the place|a date|a day|how|when|where)",
            r"je sais (?:comment|quand|ou) (?:je vais|j vais|le faire|faire)"
            r"|i know (?:how|when|where) (?:i m going to|i ll|i will|to) do it",
        ),
    ),
    # 6. Recent behaviour: an attempt or preparations.
    Rule(
        "attempt",
        "recent_behaviour",
        (
            r"(?:essaye|essaie|essayer|tente|tenter)(?: \w+){0,2} (?:de|d) (?:<ME> (?:<KILL_FR>"
            r"|pendre|tirer|jeter|noyer)|en finir|mourir|mettre fin)|tentative de suicide"
            r"|fait une tentative|fait une td|fait une (?:surdose|overdose)",
            r"(?:tried|attempted|try|tries|trying|attempt) to (?:kill <SELF>|end (?:it all"
            r"|<POSS> (?:own )?life|it)|take <POSS> (?:own )?life|die|commit suicide|hang <SELF>"
            r"|overdose)|attempted suicide|suicide attempt|overdosed|i od d",
        ),
    ),
    Rule(
        "took_pills",
        "recent_behaviour",
        (
            r"(?:ai|a|avons) (?:pris|avale|avalee|gobe) (?:toutes? (?:mes|ses|les)|trop de|une"
            r" poignee de|une boite de|plein de|des|un paquet de|la bouteille de|la moitie de"
            r"|tous mes|tous les) <PILLS>",
            r"(?:took|swallowed|downed|taken) (?:a lot of |a bunch of |all (?:of )?(?:my|the"
            r"|his|her) |too many |a handful of |a bottle of |a whole bottle of |the whole bottle"
            r" of |extra |some |loads of )?<PILLS>",
        ),
    ),
    Rule(
        "preparations",
        "recent_behaviour",
        (
            r"(?:achete|achetee|procure|procuree|accumule|accumulee|stocke|ramasse|mis de cote"
            r"|cache)(?: \w+){0,2} (?:<PILLS>|une corde|une arme|un fusil|un pistolet"
            r"|une carabine|des lames|du poison)",
            r"(?:bought|buying|purchased|collected|collecting|saved up|saving up|stockpiled"
            r"|stockpiling|hoarding|hoarded|hid|hidden)(?: \w+){0,2} (?:<PILLS>|a rope|rope|a gun"
            r"|a firearm|razor blades|a noose|poison)",
            r"(?:ecrit|redige|laisse|prepare)(?: \w+)? (?:ma|une|mes|sa|des) (?:lettres? d adieu"
            r"|lettres? de suicide|notes? de suicide)|lettre d adieu",
            r"(?:written|wrote|writing|left|leaving|write) (?:my|a|the|his|her) (?:suicide"
            r"|goodbye|farewell) (?:note|letter)s?|suicide note",
            r"(?:donne|distribue) (?:toutes )?(?:mes|ses) (?:affaires|choses|biens)|(?:regle|mis"
            r" de l ordre dans) (?:mes|ses) affaires",
            r"(?:gave|given|giving) away (?:all )?(?:of )?<POSS> (?:things|stuff|belongings"
            r"|possessions)|(?:put|putting|getting) <POSS> affairs in order",
        ),
    ),
)

# A directory search that names a crisis as a subject shows the crisis lines first, whatever the
# words around it: "prévention suicide", "self-harm", "idées noires", "en danger". Neither negation
# nor idioms are read here: "je ne veux pas mourir" still shows the crisis lines, the safe mistake
# for a search.
CRISIS_SUBJECTS = alternatives(
    (
        r"suicid\w*",
        r"mourir|crever",
        r"idees? noires?",
        r"(?:auto ?)?mutilations?",
        r"scarifications?",
        r"self ?harm\w*",
        r"(?:en|in) danger",
        r"danger de mort",
        r"menaces? de mort|death threats?",
    )
)
