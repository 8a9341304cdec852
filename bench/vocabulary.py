"""Words the generator draws from: the kinds of local services found in Quebec, towns by
administrative region, everyday words per topic, opening hours. Each text is a (French, English)
pair."""

KINDS = [
    ("Groupe de soutien", "Support group"),
    ("Ligne d'écoute", "Listening line"),
    ("Centre d'aide", "Help centre"),
    ("Service de consultation", "Counselling service"),
    ("Clinique communautaire", "Community clinic"),
    ("Maison d'hébergement", "Shelter"),
    ("Centre de jour", "Day centre"),
    ("Programme d'accompagnement", "Support programme"),
    ("Atelier", "Workshop"),
    ("Halte-répit", "Respite drop-in"),
    ("Intervention de crise", "Crisis intervention"),
    ("Rencontres individuelles", "One-to-one meetings"),
]

ORGANIZATION_KINDS = [
    ("Centre d'entraide", "Mutual Aid Centre"),
    ("Maison", "House"),
    ("Association", "Association"),
    ("Regroupement", "Network"),
    ("Carrefour", "Resource Centre"),
]

# Proper names keep their French form in English, as Quebec organisations do.
ORGANIZATION_NAMES = [
    "Le Phare",
    "L'Éclaircie",
    "Le Tournant",
    "Le Rivage",
    "La Boussole",
    "L'Accalmie",
    "Le Havre",
    "La Passerelle",
    "Le Relais",
    "L'Escale",
    "La Source",
    "Le Pont",
    "L'Envol",
    "La Traversée",
    "Le Nid",
    "L'Ancrage",
    "Le Sentier",
    "La Bouée",
    "L'Oasis",
    "Le Fanal",
    "La Croisée",
    "Le Quai",
    "L'Alizé",
    "La Marée",
    "Le Tremplin",
    "L'Arc-en-ciel",
]

TOWNS = {
    "01": ["Rimouski", "Rivière-du-Loup", "Matane"],
    "02": ["Saguenay", "Alma", "Roberval"],
    "03": ["Québec", "Baie-Saint-Paul", "Donnacona"],
    "04": ["Trois-Rivières", "Shawinigan", "La Tuque"],
    "05": ["Sherbrooke", "Magog", "Coaticook"],
    "06": ["Montréal", "Verdun", "Montréal-Nord"],
    "07": ["Gatineau", "Maniwaki", "Shawville"],
    "08": ["Rouyn-Noranda", "Val-d'Or", "Amos"],
    "09": ["Sept-Îles", "Baie-Comeau", "Forestville"],
    "10": ["Chibougamau", "Matagami", "Chapais"],
    "11": ["Gaspé", "Sainte-Anne-des-Monts", "Cap-aux-Meules"],
    "12": ["Lévis", "Saint-Georges", "Thetford Mines"],
    "13": ["Laval", "Chomedey", "Sainte-Rose"],
    "14": ["Joliette", "Terrebonne", "Repentigny"],
    "15": ["Saint-Jérôme", "Mont-Laurier", "Sainte-Agathe-des-Monts"],
    "16": ["Longueuil", "Granby", "Saint-Hyacinthe"],
    "17": ["Drummondville", "Victoriaville", "Bécancour"],
}

AREA_CODES = {
    "01": "418",
    "02": "418",
    "03": "418",
    "04": "819",
    "05": "819",
    "06": "514",
    "07": "819",
    "08": "819",
    "09": "418",
    "10": "418",
    "11": "418",
    "12": "418",
    "13": "450",
    "14": "450",
    "15": "450",
    "16": "450",
    "17": "819",
}

# Everyday words people type, per topic code.
TOPIC_WORDS = {
    "crisis-suicide": (
        "suicide idées noires mourir en finir crise",
        "suicide dark thoughts die crisis",
    ),
    "emergency": ("urgence danger blessé", "emergency danger hurt"),
    "psychological-distress": (
        "détresse épuisement burn-out dépassé",
        "distress exhaustion burnout",
    ),
    "mental-health": ("santé mentale trouble bien-être", "mental health illness wellbeing"),
    "anxiety": ("anxiété stress angoisse panique", "anxiety stress worry panic"),
    "depression": ("dépression tristesse découragement", "depression sadness low mood"),
    "addiction": ("dépendance toxicomanie consommation", "addiction substance use"),
    "alcohol": ("alcool boire boisson", "alcohol drinking"),
    "drugs": ("drogue cannabis cocaïne médicaments", "drugs cannabis cocaine pills"),
    "gambling": (
        "jeu compulsif casino loterie paris dettes",
        "gambling casino lottery betting debt",
    ),
    "domestic-violence": (
        "violence conjugale conjoint chum frappe coups",
        "domestic violence partner hits",
    ),
    "sexual-violence": ("agression sexuelle viol harcèlement", "sexual assault rape harassment"),
    "workplace-harassment": (
        "harcèlement travail intimidation patron",
        "harassment work bullying boss",
    ),
    "grief": ("deuil perte décès", "grief loss bereavement death"),
    "family-parenting": (
        "parents ado enfant famille séparation",
        "parents teen child family separation",
    ),
    "youth": ("jeunes ado adolescent école", "youth teen teenager school"),
    "seniors": ("aînés personnes âgées maltraitance", "seniors elderly abuse"),
    "lgbtq": ("gai lesbienne trans queer coming out", "gay lesbian trans queer coming out"),
    "financial-difficulty": ("dettes budget argent faillite", "debt budget money bankruptcy"),
    "return-to-work": ("retour au travail arrêt maladie", "return to work sick leave"),
    "loneliness": ("solitude isolement seul parler", "loneliness isolation alone talk"),
    "legal-help": ("droits plainte avocat recours", "rights complaint lawyer recourse"),
    "crime-victims": ("victime crime plainte police", "victim crime complaint police"),
    "caregivers": ("proche aidant maladie mentale", "caregiver family mental illness"),
    "poisoning": ("intoxication surdose poison", "poisoning overdose"),
    "health-info": ("santé infirmière conseils", "health nurse advice"),
    "listening": ("écoute parler confidentiel", "listening talk confidential"),
}

SENTENCES = [
    ("Service gratuit et confidentiel.", "Free and confidential."),
    ("Sans rendez-vous.", "No appointment needed."),
    ("Les proches sont aussi les bienvenus.", "Family and friends are welcome too."),
    ("Rencontres individuelles ou en groupe.", "One-to-one or group meetings."),
    ("Des intervenantes et intervenants formés vous accueillent.", "Trained workers welcome you."),
    ("Accompagnement dans les démarches.", "Help with the steps to take."),
    ("Service offert aussi par téléphone.", "Also available by phone."),
    ("Liste d'attente possible.", "There may be a waiting list."),
]

# (days, opens, closes, French description, English description); 00:00 to 00:00 is all day.
SCHEDULES = [
    (
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
        "Lundi au vendredi, 9 h à 17 h",
        "Monday to Friday, 9 am to 5 pm",
    ),
    (
        "MO,TU,WE,TH,FR",
        "08:30",
        "16:30",
        "Lundi au vendredi, 8 h 30 à 16 h 30",
        "Monday to Friday, 8:30 am to 4:30 pm",
    ),
    (
        "MO,TU,WE,TH,FR,SA,SU",
        "00:00",
        "00:00",
        "24 heures sur 24, 7 jours sur 7",
        "24 hours a day, 7 days a week",
    ),
    (
        "MO,TU,WE,TH,FR,SA,SU",
        "18:00",
        "02:00",
        "Tous les soirs, 18 h à 2 h",
        "Every evening, 6 pm to 2 am",
    ),
    ("SA,SU", "10:00", "16:00", "Fins de semaine, 10 h à 16 h", "Weekends, 10 am to 4 pm"),
    (
        "TU,TH",
        "13:00",
        "20:00",
        "Mardi et jeudi, 13 h à 20 h",
        "Tuesday and Thursday, 1 pm to 8 pm",
    ),
]
