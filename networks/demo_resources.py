"""The demo networks' own resources: an EAP, the union's contact, the CLSC and the region's youth
protection service. Made up: every number is a fictitious 555-01xx one."""

import datetime

from networks.models import Network, NetworkResource

EAP, UNION, CLSC, DPJ = (
    NetworkResource.Kind.EAP,
    NetworkResource.Kind.UNION,
    NetworkResource.Kind.CLSC,
    NetworkResource.Kind.YOUTH_PROTECTION,
)
CHECKED = datetime.date(2026, 11, 2)

# network key -> (kind, name, phone, hours, website, details)
RESOURCES = {
    "a": [
        (
            EAP,
            "Programme d’aide aux employés : Solutions Mieux-Être (démo)",
            "1 800 555-0142",
            "24/7",
            "https://pae.demo.entraide.test/",
            "Jusqu’à six rencontres gratuites par année avec une ou un professionnel, pour "
            "vous et votre famille. Votre employeur ne sait pas qui appelle. (démo)",
        ),
        (
            UNION,
            "Bureau syndical du CHSLD Saint-Laurent (démo)",
            "514 555-0117 poste 2",
            "lun–ven, 8 h–16 h",
            "",
            "Demandez la ou le délégué à la santé et sécurité. (démo)",
        ),
        (
            CLSC,
            "CLSC de Saint-Laurent (démo)",
            "514 555-0163",
            "lun–ven, 8 h–20 h",
            "",
            "Accueil psychosocial sans rendez-vous le matin. (démo)",
        ),
        (
            DPJ,
            "DPJ de Montréal : signalement (démo)",
            "514 555-0188",
            "24/7",
            "",
            "Pour signaler la situation d’un enfant dont la sécurité ou le développement peut "
            "être compromis. (démo)",
        ),
    ],
    "b": [
        (
            EAP,
            "PAE : Groupe Horizon Santé (démo)",
            "1 888 555-0124",
            "24/7",
            "https://horizon.demo.entraide.test/",
            "Aide à court terme : stress, deuil, finances, conflits. Gratuit et confidentiel. "
            "(démo)",
        ),
        (
            UNION,
            "Section locale de l’entrepôt : la déléguée de jour (démo)",
            "514 555-0131",
            "lun–ven, 7 h–15 h 30",
            "",
            "",
        ),
        (
            CLSC,
            "CLSC Hochelaga-Maisonneuve (démo)",
            "514 555-0156",
            "lun–ven, 8 h–20 h; sam–dim, 8 h 30–16 h 30",
            "",
            "",
        ),
        (DPJ, "DPJ de Montréal : signalement (démo)", "514 555-0188", "24/7", "", ""),
    ],
    "c": [
        (
            EAP,
            "Programme d’aide aux employé·es de la Ville (démo)",
            "418 555-0109",
            "lun–ven, 8 h–21 h; urgences 24/7",
            "",
            "Le numéro est aussi sur l’intranet, section Santé et mieux-être. (démo)",
        ),
        (
            UNION,
            "Syndicat des employé·es municipaux : permanence (démo)",
            "418 555-0170",
            "lun–jeu, 9 h–16 h",
            "",
            "",
        ),
        (
            CLSC,
            "CLSC de Lévis (démo)",
            "418 555-0145",
            "lun–ven, 8 h–20 h",
            "",
            "",
        ),
        (
            DPJ,
            "DPJ de Chaudière-Appalaches : signalement (démo)",
            "418 555-0193",
            "24/7",
            "",
            "",
        ),
    ],
}


def demo_resources(network: Network, key: str) -> None:
    for position, (kind, name, phone, hours, website, details) in enumerate(RESOURCES[key]):
        NetworkResource.objects.update_or_create(
            network=network,
            kind=kind,
            defaults={
                "name": name,
                "phone": phone,
                "hours": hours,
                "website": website,
                "details": details,
                "verified_on": CHECKED,
                "position": position,
            },
        )
