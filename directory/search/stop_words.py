"""Folded French and English words that say nothing about the help a person looks for.

Quebec spoken forms are here too: "pu" and "pus" (plus), "chu" (je suis), "pis" (puis), "ben"
(bien), "moé", "toé". They are only dropped from the search terms: crisis wording is read from
every word, so "j'veux pu vivre" still reads as a crisis.
"""

FRENCH = """
a ai aie aient aies ait alors as au aucun aucune aupres aussi autre autres aux avais avait avant
avec avez avoir avons ayant c ca car ce ceci cela celle celles celui cet cette ceux chaque chez
ci comme comment d dans de des deja depuis dois doit donc dont du elle elles en encore es est et
etaient etais etait etant ete etes etre eu eux fais fait faire faut ici il ils j je jusqu l la
le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou oui par pas
peu peut peux plus pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa sans
se ses si sien soi soit son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres
trop tu un une vers voici voila vos votre vous y
veux veut voudrais vouloir cherche chercher trouver besoin quelqu quelque
pu pus chu pis ben moe toe tse icitte faque
"""

ENGLISH = """
a about am an and any are as at be been being but by can could did do does doing don dont for
from get got had has have having he her here hers herself him himself his how i if im in into is
it its itself ive just let ll me mine my myself no nor not now of off on once only or other our
ours ourselves re s she should so some such t than that thats the their theirs them themselves
then there these they this those through to too up us very was we were what when where which
while who whom why will with would you your yours yourself ve d m
want wanna need needs looking look find please someone somebody out
"""

STOP_WORDS = frozenset((FRENCH + ENGLISH).split())
