"""Does a search read like a suicidal or danger crisis? Then the crisis lines are pinned first.

The patterns run on the folded words joined by single spaces, apostrophes split ("j'veux pu
vivre" is "j veux pu vivre"). Idioms are blanked out first, so "ce projet me tue", "mourir de
rire" or "I'm dying to see it" are not a crisis. Negation is not read: "je ne veux pas mourir"
still shows the crisis lines, which is the safe mistake to make.
"""

import re

from directory.search.text import words

IDIOMS = [
    # French
    r"(mourir|meurs|meurt|mort|morte|morts|mourais|crever|creve) (de|d) (rire|faim|soif|froid"
    r"|chaud|chaleur|ennui|envie|fatigue|curiosite|honte|jalousie)",
    r"(beau|belle|beaux|belles|bon|bonne|bons|drole|droles|ennuyant|ennuyante|plate|laid|laide"
    r"|cute|triste) a mourir",
    r"tuer le temps",
    r"(me|se|te|nous|vous) tuer (a l ouvrage|a la tache|au travail|a travailler)",
    # English
    r"dying (to|for)",
    r"to die for",
    r"die (laughing|of laughter|of boredom|of embarrassment)",
    r"(bored|scared|worried|tickled|frozen) to death",
    r"(would|could) kill for",
    r"kill (time|it)",
]

CRISIS = [
    # French
    r"suicid\w*",
    r"idees? noires?",
    r"(me|m|se|s|te|t) (tuer|suicider|pendre|flinguer|mutiler|scarifier|enlever la vie"
    r"|oter la vie|faire du mal|jeter en bas|jeter devant|jeter sous|tirer une balle)",
    r"mourir",
    r"crever",
    r"en finir",
    r"fin a (mes|ses|tes|ma|sa|ta) (jours|vie)",
    # Quebec "pu" is "plus": "j'veux pu vivre", "j'ai pu l'goût d'vivre", "aucune raison de vivre"
    r"(pu|pus|plu|plus|pas|perdu|aucun|aucune|sans|zero)( (l|le|la|d|de|du|un|une))?"
    r"( (envie|gout|force|raison|courage|espoir))?( (de|d))? vivre",
    r"(veux|voudrais|envie de) disparaitre",
    r"menaces? de mort",
    r"en danger",
    r"danger de mort",
    # English
    r"kill (myself|me|my self)",
    r"killing myself",
    r"(end|ending|take|taking) (my|my own) life",
    r"end it all",
    r"(want|wanna|going|gonna|ready|deserve|wish i could|should) (to )?die",
    r"(wish i was|wish i were|better off|rather be) dead",
    r"(don t|dont|do not|no longer|not) (want|wanna) (to )?(live|be alive|exist)",
    r"no (reason|point) (to|in) (live|living)",
    r"(hurt|hurting|harm|harming|cut|cutting) myself",
    r"self harm\w*",
    r"in danger",
]


def alternatives(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"\b(?:{pattern})\b" for pattern in patterns))


IDIOM = alternatives(IDIOMS)
CRISIS_WORDING = alternatives(CRISIS)


def reads_like_crisis(text: str) -> bool:
    phrase = IDIOM.sub(" ", " ".join(words(text)))
    return CRISIS_WORDING.search(phrase) is not None
