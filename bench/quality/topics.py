"""Topical queries over UPR recommendations, judged by the UPR Info issue labels.

A researcher's or an NHRI's query, written the way they type it (short, no
operators), in Arabic, English, French and Spanish, for one UPR Info issue
(a theme of `mappings/themes.json`). The recommendations labelled with that issue
are the relevant ones. Written by hand; `bench.quality.build` turns them into
`bench/devsets/quality/upr-topics.jsonl`.
"""

from __future__ import annotations

# theme id: (en, fr, es, ar)
TOPICS: dict[str, tuple[str, str, str, str]] = {
    "torture": ("torture", "torture", "tortura", "التعذيب"),
    "death_penalty": (
        "abolish the death penalty",
        "abolir la peine de mort",
        "abolir la pena de muerte",
        "إلغاء عقوبة الإعدام",
    ),
    "women_rights": (
        "women's rights and gender equality",
        "droits des femmes et égalité des sexes",
        "derechos de la mujer e igualdad de género",
        "حقوق المرأة والمساواة بين الجنسين",
    ),
    "children": ("rights of the child", "droits de l'enfant", "derechos del niño", "حقوق الطفل"),
    "education": (
        "access to education",
        "accès à l'éducation",
        "acceso a la educación",
        "الحصول على التعليم",
    ),
    "minorities": (
        "rights of minorities",
        "droits des minorités",
        "derechos de las minorías",
        "حقوق الأقليات",
    ),
    "migrants": (
        "migrant workers",
        "travailleurs migrants",
        "trabajadores migrantes",
        "العمال المهاجرون",
    ),
    "detention_conditions": (
        "prison conditions",
        "conditions carcérales",
        "condiciones de las cárceles",
        "ظروف السجون",
    ),
    "justice_fair_trial": (
        "independence of the judiciary and fair trial",
        "indépendance de la justice et procès équitable",
        "independencia judicial y juicio justo",
        "استقلال القضاء والمحاكمة العادلة",
    ),
    "human_rights_education": (
        "human rights education and training",
        "éducation et formation aux droits de l'homme",
        "educación y formación en derechos humanos",
        "التثقيف والتدريب في مجال حقوق الإنسان",
    ),
    "racial_discrimination": (
        "racial discrimination",
        "discrimination raciale",
        "discriminación racial",
        "التمييز العنصري",
    ),
    "nhri": (
        "national human rights institution",
        "institution nationale des droits de l'homme",
        "institución nacional de derechos humanos",
        "المؤسسة الوطنية لحقوق الإنسان",
    ),
    "slavery_trafficking": (
        "human trafficking",
        "traite des êtres humains",
        "trata de personas",
        "الاتجار بالبشر",
    ),
    "disabilities": (
        "persons with disabilities",
        "personnes handicapées",
        "personas con discapacidad",
        "الأشخاص ذوو الإعاقة",
    ),
    "health": ("right to health", "droit à la santé", "derecho a la salud", "الحق في الصحة"),
    "freedom_expression": (
        "freedom of expression",
        "liberté d'expression",
        "libertad de expresión",
        "حرية التعبير",
    ),
    "media_freedom": (
        "press freedom and protection of journalists",
        "liberté de la presse et protection des journalistes",
        "libertad de prensa y protección de los periodistas",
        "حرية الصحافة وحماية الصحفيين",
    ),
    "freedom_religion": (
        "freedom of religion",
        "liberté de religion",
        "libertad religiosa",
        "حرية الدين",
    ),
    "sogi": (
        "sexual orientation and gender identity",
        "orientation sexuelle et identité de genre",
        "orientación sexual e identidad de género",
        "الميل الجنسي والهوية الجنسانية",
    ),
    "poverty": (
        "poverty reduction",
        "réduction de la pauvreté",
        "reducción de la pobreza",
        "الحد من الفقر",
    ),
    "law_enforcement": (
        "police abuses",
        "abus de la police",
        "abusos policiales",
        "تجاوزات الشرطة",
    ),
    "enforced_disappearance": (
        "enforced disappearances",
        "disparitions forcées",
        "desapariciones forzadas",
        "الاختفاء القسري",
    ),
    "indigenous_peoples": (
        "indigenous peoples",
        "peuples autochtones",
        "pueblos indígenas",
        "الشعوب الأصلية",
    ),
    "freedom_association": (
        "freedom of association and assembly",
        "liberté d'association et de réunion",
        "libertad de asociación y de reunión",
        "حرية تكوين الجمعيات والتجمع",
    ),
    "refugees_asylum": (
        "refugees and asylum seekers",
        "réfugiés et demandeurs d'asile",
        "refugiados y solicitantes de asilo",
        "اللاجئون وطالبو اللجوء",
    ),
    "human_rights_defenders": (
        "human rights defenders",
        "défenseurs des droits de l'homme",
        "defensores de los derechos humanos",
        "المدافعون عن حقوق الإنسان",
    ),
    "ihl_armed_conflict": (
        "armed conflict and humanitarian law",
        "conflit armé et droit humanitaire",
        "conflicto armado y derecho humanitario",
        "النزاع المسلح والقانون الإنساني",
    ),
    "impunity": (
        "fight against impunity",
        "lutte contre l'impunité",
        "lucha contra la impunidad",
        "مكافحة الإفلات من العقاب",
    ),
    "food": (
        "right to food",
        "droit à l'alimentation",
        "derecho a la alimentación",
        "الحق في الغذاء",
    ),
    "hiv_aids": ("HIV/AIDS", "VIH/sida", "VIH/SIDA", "فيروس نقص المناعة البشرية/الإيدز"),
    "extrajudicial_executions": (
        "extrajudicial killings",
        "exécutions extrajudiciaires",
        "ejecuciones extrajudiciales",
        "القتل خارج نطاق القضاء",
    ),
    "housing": (
        "right to adequate housing",
        "droit à un logement convenable",
        "derecho a una vivienda adecuada",
        "الحق في السكن اللائق",
    ),
    "idps": (
        "internally displaced persons",
        "personnes déplacées",
        "desplazados internos",
        "المشردون داخلياً",
    ),
    "water_sanitation": (
        "drinking water and sanitation",
        "eau potable et assainissement",
        "agua potable y saneamiento",
        "مياه الشرب والصرف الصحي",
    ),
    "counter_terrorism": (
        "counter-terrorism measures",
        "mesures antiterroristes",
        "medidas antiterroristas",
        "تدابير مكافحة الإرهاب",
    ),
    "environment": (
        "environment and climate change",
        "environnement et changements climatiques",
        "medio ambiente y cambio climático",
        "البيئة وتغير المناخ",
    ),
    "work": (
        "labour rights and working conditions",
        "droit du travail et conditions de travail",
        "derechos laborales y condiciones de trabajo",
        "حقوق العمال وظروف العمل",
    ),
    "civil_society": (
        "civil society organisations",
        "organisations de la société civile",
        "organizaciones de la sociedad civil",
        "منظمات المجتمع المدني",
    ),
    "governance_corruption": ("corruption", "corruption", "corrupción", "الفساد"),
    "participation_vote": (
        "free elections and political participation",
        "élections libres et participation politique",
        "elecciones libres y participación política",
        "الانتخابات الحرة والمشاركة السياسية",
    ),
}
