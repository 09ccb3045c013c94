"""Generate ``mappings/countries.json`` from pycountry plus the curated tables below.

Run from the repository root::

    python mappings/build_countries.py            # writes mappings/countries.json
    python mappings/build_countries.py --check    # exit 1 if the file is out of date

pycountry supplies the ISO 3166-1 codes and the gettext translations of the ISO names
(Arabic, French, Spanish).  The ISO names are often inverted ("Iran, Islamic Republic of")
and the Arabic catalogue has errors, so the display names of UN Member and observer States
come from the table ``UN_NAMES`` (United Nations short names, UNTERM style, without the
leading article and without the parenthesised formal part, e.g. "Bolivia" for "Bolivia
(Plurinational State of)").  Every other form (ISO names, ISO official names, UN formal
names, spellings seen in the data) is kept as an alias.  Memberships and UN regional groups
are curated below; see ``NOTES`` for the decisions taken.
"""

from __future__ import annotations

import gettext
import json
import sys
import unicodedata
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).with_name("countries.json")
LANGS = ("ar", "en", "fr", "es")
AS_OF = "2026-01-01"

# ---------------------------------------------------------------------------------------------
# Display names of UN Member States, the two observer States and Kosovo:
# ISO3: (en, fr, es, ar)   (UN short names; parenthesised formal part dropped)
# ---------------------------------------------------------------------------------------------
UN_NAMES: dict[str, tuple[str, str, str, str]] = {
    "AFG": ("Afghanistan", "Afghanistan", "Afganistán", "أفغانستان"),
    "ALB": ("Albania", "Albanie", "Albania", "ألبانيا"),
    "DZA": ("Algeria", "Algérie", "Argelia", "الجزائر"),
    "AND": ("Andorra", "Andorre", "Andorra", "أندورا"),
    "AGO": ("Angola", "Angola", "Angola", "أنغولا"),
    "ATG": ("Antigua and Barbuda", "Antigua-et-Barbuda", "Antigua y Barbuda", "أنتيغوا وبربودا"),
    "ARG": ("Argentina", "Argentine", "Argentina", "الأرجنتين"),
    "ARM": ("Armenia", "Arménie", "Armenia", "أرمينيا"),
    "AUS": ("Australia", "Australie", "Australia", "أستراليا"),
    "AUT": ("Austria", "Autriche", "Austria", "النمسا"),
    "AZE": ("Azerbaijan", "Azerbaïdjan", "Azerbaiyán", "أذربيجان"),
    "BHS": ("Bahamas", "Bahamas", "Bahamas", "جزر البهاما"),
    "BHR": ("Bahrain", "Bahreïn", "Bahrein", "البحرين"),
    "BGD": ("Bangladesh", "Bangladesh", "Bangladesh", "بنغلاديش"),
    "BRB": ("Barbados", "Barbade", "Barbados", "بربادوس"),
    "BLR": ("Belarus", "Bélarus", "Belarús", "بيلاروس"),
    "BEL": ("Belgium", "Belgique", "Bélgica", "بلجيكا"),
    "BLZ": ("Belize", "Belize", "Belice", "بليز"),
    "BEN": ("Benin", "Bénin", "Benin", "بنن"),
    "BTN": ("Bhutan", "Bhoutan", "Bhután", "بوتان"),
    "BOL": ("Bolivia", "Bolivie", "Bolivia", "بوليفيا"),
    "BIH": (
        "Bosnia and Herzegovina",
        "Bosnie-Herzégovine",
        "Bosnia y Herzegovina",
        "البوسنة والهرسك",
    ),
    "BWA": ("Botswana", "Botswana", "Botswana", "بوتسوانا"),
    "BRA": ("Brazil", "Brésil", "Brasil", "البرازيل"),
    "BRN": ("Brunei Darussalam", "Brunéi Darussalam", "Brunei Darussalam", "بروني دار السلام"),
    "BGR": ("Bulgaria", "Bulgarie", "Bulgaria", "بلغاريا"),
    "BFA": ("Burkina Faso", "Burkina Faso", "Burkina Faso", "بوركينا فاسو"),
    "BDI": ("Burundi", "Burundi", "Burundi", "بوروندي"),
    "CPV": ("Cabo Verde", "Cabo Verde", "Cabo Verde", "كابو فيردي"),
    "KHM": ("Cambodia", "Cambodge", "Camboya", "كمبوديا"),
    "CMR": ("Cameroon", "Cameroun", "Camerún", "الكاميرون"),
    "CAN": ("Canada", "Canada", "Canadá", "كندا"),
    "CAF": (
        "Central African Republic",
        "République centrafricaine",
        "República Centroafricana",
        "جمهورية أفريقيا الوسطى",
    ),
    "TCD": ("Chad", "Tchad", "Chad", "تشاد"),
    "CHL": ("Chile", "Chili", "Chile", "شيلي"),
    "CHN": ("China", "Chine", "China", "الصين"),
    "COL": ("Colombia", "Colombie", "Colombia", "كولومبيا"),
    "COM": ("Comoros", "Comores", "Comoras", "جزر القمر"),
    "COG": ("Congo", "Congo", "Congo", "الكونغو"),
    "CRI": ("Costa Rica", "Costa Rica", "Costa Rica", "كوستاريكا"),
    "CIV": ("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire", "كوت ديفوار"),
    "HRV": ("Croatia", "Croatie", "Croacia", "كرواتيا"),
    "CUB": ("Cuba", "Cuba", "Cuba", "كوبا"),
    "CYP": ("Cyprus", "Chypre", "Chipre", "قبرص"),
    "CZE": ("Czechia", "Tchéquie", "Chequia", "تشيكيا"),
    "PRK": (
        "Democratic People's Republic of Korea",
        "République populaire démocratique de Corée",
        "República Popular Democrática de Corea",
        "جمهورية كوريا الشعبية الديمقراطية",
    ),
    "COD": (
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "República Democrática del Congo",
        "جمهورية الكونغو الديمقراطية",
    ),
    "DNK": ("Denmark", "Danemark", "Dinamarca", "الدانمرك"),
    "DJI": ("Djibouti", "Djibouti", "Djibouti", "جيبوتي"),
    "DMA": ("Dominica", "Dominique", "Dominica", "دومينيكا"),
    "DOM": (
        "Dominican Republic",
        "République dominicaine",
        "República Dominicana",
        "الجمهورية الدومينيكية",
    ),
    "ECU": ("Ecuador", "Équateur", "Ecuador", "إكوادور"),
    "EGY": ("Egypt", "Égypte", "Egipto", "مصر"),
    "SLV": ("El Salvador", "El Salvador", "El Salvador", "السلفادور"),
    "GNQ": ("Equatorial Guinea", "Guinée équatoriale", "Guinea Ecuatorial", "غينيا الاستوائية"),
    "ERI": ("Eritrea", "Érythrée", "Eritrea", "إريتريا"),
    "EST": ("Estonia", "Estonie", "Estonia", "إستونيا"),
    "SWZ": ("Eswatini", "Eswatini", "Eswatini", "إسواتيني"),
    "ETH": ("Ethiopia", "Éthiopie", "Etiopía", "إثيوبيا"),
    "FJI": ("Fiji", "Fidji", "Fiji", "فيجي"),
    "FIN": ("Finland", "Finlande", "Finlandia", "فنلندا"),
    "FRA": ("France", "France", "Francia", "فرنسا"),
    "GAB": ("Gabon", "Gabon", "Gabón", "غابون"),
    "GMB": ("Gambia", "Gambie", "Gambia", "غامبيا"),
    "GEO": ("Georgia", "Géorgie", "Georgia", "جورجيا"),
    "DEU": ("Germany", "Allemagne", "Alemania", "ألمانيا"),
    "GHA": ("Ghana", "Ghana", "Ghana", "غانا"),
    "GRC": ("Greece", "Grèce", "Grecia", "اليونان"),
    "GRD": ("Grenada", "Grenade", "Granada", "غرينادا"),
    "GTM": ("Guatemala", "Guatemala", "Guatemala", "غواتيمالا"),
    "GIN": ("Guinea", "Guinée", "Guinea", "غينيا"),
    "GNB": ("Guinea-Bissau", "Guinée-Bissau", "Guinea-Bissau", "غينيا - بيساو"),
    "GUY": ("Guyana", "Guyana", "Guyana", "غيانا"),
    "HTI": ("Haiti", "Haïti", "Haití", "هايتي"),
    "HND": ("Honduras", "Honduras", "Honduras", "هندوراس"),
    "HUN": ("Hungary", "Hongrie", "Hungría", "هنغاريا"),
    "ISL": ("Iceland", "Islande", "Islandia", "آيسلندا"),
    "IND": ("India", "Inde", "India", "الهند"),
    "IDN": ("Indonesia", "Indonésie", "Indonesia", "إندونيسيا"),
    "IRN": ("Iran", "Iran", "Irán", "إيران"),
    "IRQ": ("Iraq", "Iraq", "Iraq", "العراق"),
    "IRL": ("Ireland", "Irlande", "Irlanda", "آيرلندا"),
    "ISR": ("Israel", "Israël", "Israel", "إسرائيل"),
    "ITA": ("Italy", "Italie", "Italia", "إيطاليا"),
    "JAM": ("Jamaica", "Jamaïque", "Jamaica", "جامايكا"),
    "JPN": ("Japan", "Japon", "Japón", "اليابان"),
    "JOR": ("Jordan", "Jordanie", "Jordania", "الأردن"),
    "KAZ": ("Kazakhstan", "Kazakhstan", "Kazajstán", "كازاخستان"),
    "KEN": ("Kenya", "Kenya", "Kenya", "كينيا"),
    "KIR": ("Kiribati", "Kiribati", "Kiribati", "كيريباس"),
    "KWT": ("Kuwait", "Koweït", "Kuwait", "الكويت"),
    "KGZ": ("Kyrgyzstan", "Kirghizistan", "Kirguistán", "قيرغيزستان"),
    "LAO": (
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "República Democrática Popular Lao",
        "جمهورية لاو الديمقراطية الشعبية",
    ),
    "LVA": ("Latvia", "Lettonie", "Letonia", "لاتفيا"),
    "LBN": ("Lebanon", "Liban", "Líbano", "لبنان"),
    "LSO": ("Lesotho", "Lesotho", "Lesotho", "ليسوتو"),
    "LBR": ("Liberia", "Libéria", "Liberia", "ليبريا"),
    "LBY": ("Libya", "Libye", "Libia", "ليبيا"),
    "LIE": ("Liechtenstein", "Liechtenstein", "Liechtenstein", "ليختنشتاين"),
    "LTU": ("Lithuania", "Lituanie", "Lituania", "ليتوانيا"),
    "LUX": ("Luxembourg", "Luxembourg", "Luxemburgo", "لكسمبرغ"),
    "MDG": ("Madagascar", "Madagascar", "Madagascar", "مدغشقر"),
    "MWI": ("Malawi", "Malawi", "Malawi", "ملاوي"),
    "MYS": ("Malaysia", "Malaisie", "Malasia", "ماليزيا"),
    "MDV": ("Maldives", "Maldives", "Maldivas", "ملديف"),
    "MLI": ("Mali", "Mali", "Malí", "مالي"),
    "MLT": ("Malta", "Malte", "Malta", "مالطة"),
    "MHL": ("Marshall Islands", "Îles Marshall", "Islas Marshall", "جزر مارشال"),
    "MRT": ("Mauritania", "Mauritanie", "Mauritania", "موريتانيا"),
    "MUS": ("Mauritius", "Maurice", "Mauricio", "موريشيوس"),
    "MEX": ("Mexico", "Mexique", "México", "المكسيك"),
    "FSM": ("Micronesia", "Micronésie", "Micronesia", "ميكرونيزيا"),
    "MCO": ("Monaco", "Monaco", "Mónaco", "موناكو"),
    "MNG": ("Mongolia", "Mongolie", "Mongolia", "منغوليا"),
    "MNE": ("Montenegro", "Monténégro", "Montenegro", "الجبل الأسود"),
    "MAR": ("Morocco", "Maroc", "Marruecos", "المغرب"),
    "MOZ": ("Mozambique", "Mozambique", "Mozambique", "موزامبيق"),
    "MMR": ("Myanmar", "Myanmar", "Myanmar", "ميانمار"),
    "NAM": ("Namibia", "Namibie", "Namibia", "ناميبيا"),
    "NRU": ("Nauru", "Nauru", "Nauru", "ناورو"),
    "NPL": ("Nepal", "Népal", "Nepal", "نيبال"),
    "NLD": ("Netherlands", "Pays-Bas", "Países Bajos", "هولندا"),
    "NZL": ("New Zealand", "Nouvelle-Zélande", "Nueva Zelandia", "نيوزيلندا"),
    "NIC": ("Nicaragua", "Nicaragua", "Nicaragua", "نيكاراغوا"),
    "NER": ("Niger", "Niger", "Níger", "النيجر"),
    "NGA": ("Nigeria", "Nigéria", "Nigeria", "نيجيريا"),
    "MKD": ("North Macedonia", "Macédoine du Nord", "Macedonia del Norte", "مقدونيا الشمالية"),
    "NOR": ("Norway", "Norvège", "Noruega", "النرويج"),
    "OMN": ("Oman", "Oman", "Omán", "عُمان"),
    "PAK": ("Pakistan", "Pakistan", "Pakistán", "باكستان"),
    "PLW": ("Palau", "Palaos", "Palau", "بالاو"),
    "PAN": ("Panama", "Panama", "Panamá", "بنما"),
    "PNG": (
        "Papua New Guinea",
        "Papouasie-Nouvelle-Guinée",
        "Papua Nueva Guinea",
        "بابوا غينيا الجديدة",
    ),
    "PRY": ("Paraguay", "Paraguay", "Paraguay", "باراغواي"),
    "PER": ("Peru", "Pérou", "Perú", "بيرو"),
    "PHL": ("Philippines", "Philippines", "Filipinas", "الفلبين"),
    "POL": ("Poland", "Pologne", "Polonia", "بولندا"),
    "PRT": ("Portugal", "Portugal", "Portugal", "البرتغال"),
    "QAT": ("Qatar", "Qatar", "Qatar", "قطر"),
    "KOR": ("Republic of Korea", "République de Corée", "República de Corea", "جمهورية كوريا"),
    "MDA": (
        "Republic of Moldova",
        "République de Moldova",
        "República de Moldova",
        "جمهورية مولدوفا",
    ),
    "ROU": ("Romania", "Roumanie", "Rumania", "رومانيا"),
    "RUS": ("Russian Federation", "Fédération de Russie", "Federación de Rusia", "الاتحاد الروسي"),
    "RWA": ("Rwanda", "Rwanda", "Rwanda", "رواندا"),
    "KNA": (
        "Saint Kitts and Nevis",
        "Saint-Kitts-et-Nevis",
        "Saint Kitts y Nevis",
        "سانت كيتس ونيفس",
    ),
    "LCA": ("Saint Lucia", "Sainte-Lucie", "Santa Lucía", "سانت لوسيا"),
    "VCT": (
        "Saint Vincent and the Grenadines",
        "Saint-Vincent-et-les Grenadines",
        "San Vicente y las Granadinas",
        "سانت فنسنت وجزر غرينادين",
    ),
    "WSM": ("Samoa", "Samoa", "Samoa", "ساموا"),
    "SMR": ("San Marino", "Saint-Marin", "San Marino", "سان مارينو"),
    "STP": (
        "Sao Tome and Principe",
        "Sao Tomé-et-Principe",
        "Santo Tomé y Príncipe",
        "سان تومي وبرينسيبي",
    ),
    "SAU": ("Saudi Arabia", "Arabie saoudite", "Arabia Saudita", "المملكة العربية السعودية"),
    "SEN": ("Senegal", "Sénégal", "Senegal", "السنغال"),
    "SRB": ("Serbia", "Serbie", "Serbia", "صربيا"),
    "SYC": ("Seychelles", "Seychelles", "Seychelles", "سيشيل"),
    "SLE": ("Sierra Leone", "Sierra Leone", "Sierra Leona", "سيراليون"),
    "SGP": ("Singapore", "Singapour", "Singapur", "سنغافورة"),
    "SVK": ("Slovakia", "Slovaquie", "Eslovaquia", "سلوفاكيا"),
    "SVN": ("Slovenia", "Slovénie", "Eslovenia", "سلوفينيا"),
    "SLB": ("Solomon Islands", "Îles Salomon", "Islas Salomón", "جزر سليمان"),
    "SOM": ("Somalia", "Somalie", "Somalia", "الصومال"),
    "ZAF": ("South Africa", "Afrique du Sud", "Sudáfrica", "جنوب أفريقيا"),
    "SSD": ("South Sudan", "Soudan du Sud", "Sudán del Sur", "جنوب السودان"),
    "ESP": ("Spain", "Espagne", "España", "إسبانيا"),
    "LKA": ("Sri Lanka", "Sri Lanka", "Sri Lanka", "سري لانكا"),
    "SDN": ("Sudan", "Soudan", "Sudán", "السودان"),
    "SUR": ("Suriname", "Suriname", "Suriname", "سورينام"),
    "SWE": ("Sweden", "Suède", "Suecia", "السويد"),
    "CHE": ("Switzerland", "Suisse", "Suiza", "سويسرا"),
    "SYR": (
        "Syrian Arab Republic",
        "République arabe syrienne",
        "República Árabe Siria",
        "الجمهورية العربية السورية",
    ),
    "TJK": ("Tajikistan", "Tadjikistan", "Tayikistán", "طاجيكستان"),
    "THA": ("Thailand", "Thaïlande", "Tailandia", "تايلند"),
    "TLS": ("Timor-Leste", "Timor-Leste", "Timor-Leste", "تيمور - ليشتي"),
    "TGO": ("Togo", "Togo", "Togo", "توغو"),
    "TON": ("Tonga", "Tonga", "Tonga", "تونغا"),
    "TTO": ("Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tabago", "ترينيداد وتوباغو"),
    "TUN": ("Tunisia", "Tunisie", "Túnez", "تونس"),
    "TUR": ("Türkiye", "Türkiye", "Türkiye", "تركيا"),
    "TKM": ("Turkmenistan", "Turkménistan", "Turkmenistán", "تركمانستان"),
    "TUV": ("Tuvalu", "Tuvalu", "Tuvalu", "توفالو"),
    "UGA": ("Uganda", "Ouganda", "Uganda", "أوغندا"),
    "UKR": ("Ukraine", "Ukraine", "Ucrania", "أوكرانيا"),
    "ARE": (
        "United Arab Emirates",
        "Émirats arabes unis",
        "Emiratos Árabes Unidos",
        "الإمارات العربية المتحدة",
    ),
    "GBR": ("United Kingdom", "Royaume-Uni", "Reino Unido", "المملكة المتحدة"),
    "TZA": (
        "United Republic of Tanzania",
        "République-Unie de Tanzanie",
        "República Unida de Tanzanía",
        "جمهورية تنزانيا المتحدة",
    ),
    "USA": ("United States", "États-Unis", "Estados Unidos", "الولايات المتحدة"),
    "URY": ("Uruguay", "Uruguay", "Uruguay", "أوروغواي"),
    "UZB": ("Uzbekistan", "Ouzbékistan", "Uzbekistán", "أوزبكستان"),
    "VUT": ("Vanuatu", "Vanuatu", "Vanuatu", "فانواتو"),
    "VEN": ("Venezuela", "Venezuela", "Venezuela", "فنزويلا"),
    "VNM": ("Viet Nam", "Viet Nam", "Viet Nam", "فييت نام"),
    "YEM": ("Yemen", "Yémen", "Yemen", "اليمن"),
    "ZMB": ("Zambia", "Zambie", "Zambia", "زامبيا"),
    "ZWE": ("Zimbabwe", "Zimbabwe", "Zimbabwe", "زمبابوي"),
    "PSE": ("State of Palestine", "État de Palestine", "Estado de Palestina", "دولة فلسطين"),
    "VAT": ("Holy See", "Saint-Siège", "Santa Sede", "الكرسي الرسولي"),
    "XKX": ("Kosovo", "Kosovo", "Kosovo", "كوسوفو"),
}

# Display names of territories whose ISO names are inverted or poorly translated.
# ISO3: (en, fr, es, ar)
TERRITORY_NAMES: dict[str, tuple[str, str, str, str]] = {
    "ALA": ("Åland Islands", "Îles d'Åland", "Islas Åland", "جزر آلاند"),
    "CCK": (
        "Cocos (Keeling) Islands",
        "Îles Cocos (Keeling)",
        "Islas Cocos (Keeling)",
        "جزر كوكوس (كيلينغ)",
    ),
    "CXR": ("Christmas Island", "Île Christmas", "Isla de Navidad", "جزيرة كريسماس"),
    "FLK": (
        "Falkland Islands (Malvinas)",
        "Îles Falkland (Malvinas)",
        "Islas Malvinas (Falkland)",
        "جزر فوكلاند (مالفيناس)",
    ),
    "REU": ("Réunion", "La Réunion", "Reunión", "ريونيون"),
    "VGB": (
        "British Virgin Islands",
        "Îles Vierges britanniques",
        "Islas Vírgenes Británicas",
        "جزر فرجن البريطانية",
    ),
    "VIR": (
        "United States Virgin Islands",
        "Îles Vierges des États-Unis",
        "Islas Vírgenes de los Estados Unidos",
        "جزر فرجن التابعة للولايات المتحدة",
    ),
    "SHN": (
        "Saint Helena, Ascension and Tristan da Cunha",
        "Sainte-Hélène, Ascension et Tristan da Cunha",
        "Santa Elena, Ascensión y Tristán de Acuña",
        "سانت هيلينا وأسنسيون وتريستان دا كونا",
    ),
    "IMN": ("Isle of Man", "Île de Man", "Isla de Man", "جزيرة مان"),
    "GGY": ("Guernsey", "Guernesey", "Guernsey", "غيرنزي"),
    "NCL": ("New Caledonia", "Nouvelle-Calédonie", "Nueva Caledonia", "كاليدونيا الجديدة"),
    "MAC": ("Macao", "Macao", "Macao", "ماكاو"),
    "HKG": ("Hong Kong", "Hong Kong", "Hong Kong", "هونغ كونغ"),
    "TWN": ("Taiwan", "Taïwan", "Taiwán", "تايوان"),
    "GLP": ("Guadeloupe", "Guadeloupe", "Guadalupe", "غوادلوب"),
}

# Official (formal) names where pycountry has none or its translation is wrong.
# ISO3: (en, fr, es, ar)
OFFICIAL_OVERRIDES: dict[str, tuple[str, str, str, str]] = {
    "BOL": (
        "Plurinational State of Bolivia",
        "État plurinational de Bolivie",
        "Estado Plurinacional de Bolivia",
        "دولة بوليفيا المتعددة القوميات",
    ),
    "VEN": (
        "Bolivarian Republic of Venezuela",
        "République bolivarienne du Venezuela",
        "República Bolivariana de Venezuela",
        "جمهورية فنزويلا البوليفارية",
    ),
    "FRA": ("French Republic", "République française", "República Francesa", "الجمهورية الفرنسية"),
    "GRC": (
        "Hellenic Republic",
        "République hellénique",
        "República Helénica",
        "الجمهورية الهيلينية",
    ),
    "TUR": (
        "Republic of Türkiye",
        "République de Türkiye",
        "República de Türkiye",
        "جمهورية تركيا",
    ),
    "IRN": (
        "Islamic Republic of Iran",
        "République islamique d'Iran",
        "República Islámica del Irán",
        "جمهورية إيران الإسلامية",
    ),
    "VAT": ("Holy See", "Saint-Siège", "Santa Sede", "الكرسي الرسولي"),
    "PSE": ("State of Palestine", "État de Palestine", "Estado de Palestina", "دولة فلسطين"),
    "XKX": ("Kosovo", "Kosovo", "Kosovo", "كوسوفو"),
    "RUS": ("Russian Federation", "Fédération de Russie", "Federación de Rusia", "الاتحاد الروسي"),
    "SYR": (
        "Syrian Arab Republic",
        "République arabe syrienne",
        "República Árabe Siria",
        "الجمهورية العربية السورية",
    ),
    "KOR": ("Republic of Korea", "République de Corée", "República de Corea", "جمهورية كوريا"),
    "PRK": (
        "Democratic People's Republic of Korea",
        "République populaire démocratique de Corée",
        "República Popular Democrática de Corea",
        "جمهورية كوريا الشعبية الديمقراطية",
    ),
    "COD": (
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "República Democrática del Congo",
        "جمهورية الكونغو الديمقراطية",
    ),
    "LAO": (
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "República Democrática Popular Lao",
        "جمهورية لاو الديمقراطية الشعبية",
    ),
    "MKD": (
        "Republic of North Macedonia",
        "République de Macédoine du Nord",
        "República de Macedonia del Norte",
        "جمهورية مقدونيا الشمالية",
    ),
}

# Further aliases: UN formal short names with their parenthesised part, older UN names,
# spellings seen in the data (UPR Info, UHRI, treaty-body databases, IHRDA, CeHDI),
# common English/French/Spanish/Arabic variants, and former names of the same State.
EXTRA_ALIASES: dict[str, list[str]] = {
    "AFG": ["Islamic Emirate of Afghanistan", "Afganistan", "افغانستان"],
    "ALB": ["Shqipëria"],
    "ATG": ["Antigua & Barbuda", "Antigua", "Antigua-et-Barbuda"],
    "ARE": ["UAE", "U.A.E.", "Emirates", "EAU", "EAU (Émirats arabes unis)", "الإمارات"],
    "BHS": ["The Bahamas", "Bahamas (the)", "البهاما"],
    "BHR": ["Baréin", "Bahréin"],
    "BGD": ["Bangladés", "بنغلادش"],
    "BLR": [
        "Byelorussia",
        "Belorussia",
        "Bielorrusia",
        "Biélorussie",
        "Byelorussian SSR",
        "Byelorussian Soviet Socialist Republic",
        "روسيا البيضاء",
        "بيلاروسيا",
    ],
    "BEN": ["Dahomey", "Benín", "بنين"],
    "BOL": [
        "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)",
        "Bolivia (Estado Plurinacional de)",
        "بوليفيا (دولة - المتعددة القوميات)",
        "Plurinational State of Bolivia",
        "Estado Plurinacional de Bolivia",
    ],
    "BIH": [
        "Bosnia & Herzegovina",
        "Bosnia-Herzegovina",
        "Bosnia",
        "BiH",
        "Bosnie-et-Herzégovine",
        "Bosnia-Herzegovina",
        "البوسنة",
    ],
    "BWA": ["Botsuana"],
    "BRN": ["Brunei", "Brunéi", "بروناي", "بروناي دار السلام"],
    "BFA": ["Upper Volta", "Haute-Volta", "Alto Volta", "بوركينافاسو"],
    "CPV": ["Cape Verde", "Cap-Vert", "Cap Vert", "الرأس الأخضر", "Cabo Verde (Republic of)"],
    "KHM": ["Kampuchea", "Democratic Kampuchea", "Cambodge"],
    "CMR": ["Cameroun"],
    "CAF": ["CAR", "Centrafrique", "جمهورية افريقيا الوسطى"],
    "TCD": ["Tchad"],
    "CHL": ["تشيلي"],
    "CHN": ["PRC", "People's Republic of China", "Chine populaire"],
    "COL": [],
    "COM": ["Comores", "Comoro Islands", "Union of the Comoros"],
    "COG": [
        "Republic of Congo",
        "Republic of the Congo",
        "Congo-Brazzaville",
        "Congo Brazzaville",
        "Congo (Brazzaville)",
        "République du Congo",
        "República del Congo",
        "جمهورية الكونغو",
        "الكونغو برازافيل",
    ],
    "COD": [
        "Democratic Republic of Congo",
        "DR Congo",
        "DRC",
        "D.R. Congo",
        "DR of Congo",
        "Congo-Kinshasa",
        "Congo Kinshasa",
        "Congo (Kinshasa)",
        "Congo (Democratic Republic of)",
        "Congo, Democratic Republic of the",
        "Congo, Dem. Rep.",
        "RDC",
        "RD Congo",
        "Zaire",
        "Zaïre",
        "Republic of Zaire",
        "الكونغو الديمقراطية",
        "زائير",
    ],
    "CIV": [
        "Cote d'Ivoire",
        "Ivory Coast",
        "Côte d’Ivoire",
        "Cote d Ivoire",
        "Cote dIvoire",
        "Costa de Marfil",
        "Costa de Marfíl",
        "ساحل العاج",
    ],
    "CUB": [],
    "CZE": [
        "Czech Republic",
        "République tchèque",
        "República Checa",
        "Czech Rep.",
        "الجمهورية التشيكية",
        "التشيك",
    ],
    "PRK": [
        "DPR Korea",
        "DPRK",
        "D.P.R. Korea",
        "North Korea",
        "Korea, North",
        "Korea (North)",
        "Korea, Democratic People's Republic of",
        "Korea DPR",
        "Corée du Nord",
        "Corea del Norte",
        "كوريا الشمالية",
        "كوريا الديمقراطية",
    ],
    "DNK": ["الدنمارك", "الدنمرك"],
    "DJI": ["Yibuti"],
    "DOM": ["Dominican Rep.", "الدومينيكان", "جمهورية الدومينيكان"],
    "ECU": ["Équateur", "الإكوادور"],
    "EGY": ["Arab Republic of Egypt", "United Arab Republic", "Egypte", "جمهورية مصر العربية"],
    "SLV": ["Salvador", "Le Salvador"],
    "GNQ": ["Guinée Équatoriale"],
    "SWZ": [
        "Swaziland",
        "Kingdom of Eswatini",
        "Kingdom of Swaziland",
        "Esuatini",
        "Suazilandia",
        "Swazilandia",
        "سوازيلند",
        "سوازيلاند",
    ],
    "ETH": [],
    "FJI": ["Fiyi"],
    "FRA": [],
    "GAB": ["الغابون"],
    "GMB": ["The Gambia", "Gambia (the)", "Gambia (Republic of The)"],
    "DEU": [
        "Federal Republic of Germany",
        "West Germany",
        "German Democratic Republic",
        "East Germany",
        "GDR",
        "RFA",
        "RDA",
    ],
    "GRC": ["Hellas", "Grèce"],
    "GNB": ["Guinea Bissau", "Guinée Bissau", "Guinea Bisáu", "غينيا بيساو"],
    "GUY": ["غويانا"],
    "HUN": ["المجر"],
    "ISL": ["أيسلندا", "ايسلندا", "آيسلندة"],
    "IRN": [
        "Iran (Islamic Republic of)",
        "Iran (République islamique d')",
        "Irán (República Islámica del)",
        "إيران (جمهورية - الإسلامية)",
        "Islamic Republic of Iran",
        "Persia",
        "Iran, Islamic Rep.",
        "Irán",
        "Iran (Islamic Rep. of)",
        "جمهورية إيران الإسلامية",
    ],
    "IRQ": ["Irak"],
    "IRL": ["Éire", "Eire", "Republic of Ireland", "أيرلندا", "ايرلندا"],
    "ITA": [],
    "JOR": ["Hashemite Kingdom of Jordan"],
    "KAZ": ["Kazajistán", "Kazakstan"],
    "KEN": ["Kenia"],
    "KIR": ["كيريباتي"],
    "KWT": ["Koweit"],
    "KGZ": ["Kyrgyz Republic", "Kirghizia", "Kirgizstan", "Kirguizistán", "قيرغزستان"],
    "LAO": [
        "Laos",
        "Lao PDR",
        "Lao P.D.R.",
        "Lao",
        "République démocratique populaire lao",
        "لاوس",
        "جمهورية لاو",
    ],
    "LBR": ["ليبيريا"],
    "LBY": [
        "Libyan Arab Jamahiriya",
        "Jamahiriya arabe libyenne",
        "Jamahiriya Árabe Libia",
        "الجماهيرية العربية الليبية",
        "State of Libya",
        "Libye (Jamahiriya arabe libyenne)",
    ],
    "LIE": ["ليشتنشتاين"],
    "LTU": ["لثوانيا"],
    "LUX": ["لوكسمبورغ"],
    "MWI": ["Malaui"],
    "MDV": ["Maldive Islands", "Islas Maldivas", "جزر المالديف", "المالديف"],
    "MLI": ["Malí"],
    "MHL": ["Marshall Islands (Republic of the)", "جزر المارشال"],
    "FSM": [
        "Micronesia (Federated States of)",
        "Micronésie (États fédérés de)",
        "Micronesia (Estados Federados de)",
        "ميكرونيزيا (ولايات - الموحدة)",
        "Federated States of Micronesia",
        "FSM",
        "ولايات ميكرونيزيا الموحدة",
    ],
    "MDA": [
        "Moldova",
        "Moldavia",
        "Moldavie",
        "Moldova, Republic of",
        "Republic of Moldavia",
        "مولدوفا",
        "مولدافيا",
    ],
    "MNE": ["Crna Gora", "المنتنيغرو", "مونتينيغرو"],
    "MAR": ["Marruecos", "المملكة المغربية"],
    "MMR": ["Burma", "Birmanie", "Birmania", "Union of Burma", "Myanmar (Burma)", "بورما"],
    "NLD": [
        "Netherlands (Kingdom of the)",
        "Pays-Bas (Royaume des)",
        "Países Bajos (Reino de los)",
        "هولندا (مملكة -)",
        "Kingdom of the Netherlands",
        "The Netherlands",
        "Holland",
        "Holanda",
        "Hollande",
        "Nederland",
    ],
    "NZL": ["Nueva Zelanda", "Aotearoa", "Aotearoa New Zealand", "نيوزيلاندا"],
    "NIC": ["نيكاراجوا"],
    "NER": ["Niger (the)", "Republic of the Niger"],
    "MKD": [
        "The Former Yugoslav Republic of Macedonia",
        "Former Yugoslav Republic of Macedonia",
        "the former Yugoslav Republic of Macedonia",
        "FYROM",
        "FYR Macedonia",
        "Macedonia FYR",
        "Macedonia",
        "Macedonia, FYR",
        "Republic of Macedonia",
        "Macédoine",
        "ex-République yougoslave de Macédoine",
        "l'ex-République yougoslave de Macédoine",
        "ex República Yugoslava de Macedonia",
        "la ex República Yugoslava de Macedonia",
        "جمهورية مقدونيا اليوغوسلافية السابقة",
        "مقدونيا",
    ],
    "NOR": [],
    "OMN": ["Sultanate of Oman", "سلطنة عمان"],
    "PAK": [],
    "PLW": ["Palaos"],
    "PSE": [
        "Palestine",
        "Palestine, State of",
        "State of Palestine",
        "Occupied Palestinian Territory",
        "Occupied Palestinian Territories",
        "occupied Palestinian territory, including East Jerusalem",
        "Territoire palestinien occupé",
        "Territorio Palestino Ocupado",
        "Palestina",
        "الأرض الفلسطينية المحتلة",
        "الأراضي الفلسطينية المحتلة",
        "فلسطين",
        "Palestinian Authority",
        "Autorité palestinienne",
        "Autoridad Palestina",
        "السلطة الفلسطينية",
        "OPT",
    ],
    "PRY": ["الباراغواي"],
    "PER": ["البيرو"],
    "PHL": ["Philippine Islands"],
    "QAT": ["Catar"],
    "KOR": [
        "South Korea",
        "Korea, South",
        "Korea (South)",
        "Korea, Republic of",
        "Korea (Republic of)",
        "ROK",
        "Corée du Sud",
        "Corea del Sur",
        "كوريا الجنوبية",
    ],
    "ROU": ["Roumanie", "Rumanía", "Rumänien"],
    "RUS": [
        "Russia",
        "Russie",
        "Rusia",
        "روسيا",
        "Russia (Federation)",
        "USSR",
        "U.S.S.R.",
        "Soviet Union",
        "Union of Soviet Socialist Republics",
        "Union soviétique",
        "URSS",
        "Unión Soviética",
        "Unión de Repúblicas Socialistas Soviéticas",
        "الاتحاد السوفيتي",
        "Russie, Fédération de",
    ],
    "RWA": ["Ruanda"],
    "KNA": [
        "St Kitts & Nevis",
        "St. Kitts and Nevis",
        "St Kitts and Nevis",
        "Saint Kitts & Nevis",
        "Saint Christopher and Nevis",
        "Saint-Christophe-et-Niévès",
        "San Cristóbal y Nieves",
    ],
    "LCA": ["St Lucia", "St. Lucia", "Sainte Lucie"],
    "VCT": [
        "St Vincent & the Grenadines",
        "St. Vincent and the Grenadines",
        "St Vincent and the Grenadines",
        "Saint Vincent & the Grenadines",
        "Saint Vincent",
        "Saint-Vincent-et-les-Grenadines",
        "سانت فنسنت وغرينادين",
    ],
    "WSM": ["Western Samoa", "Samoa (Independent State of)"],
    "STP": [
        "Sao Tome & Principe",
        "São Tomé and Príncipe",
        "Sao Tome",
        "São Tomé-et-Principe",
        "ساو تومي وبرنسيبي",
    ],
    "SAU": ["KSA", "Arabia Saudí", "Saudi", "السعودية"],
    "SEN": [],
    "SRB": [
        "Serbia and Montenegro",
        "Serbie-et-Monténégro",
        "Serbia y Montenegro",
        "صربيا والجبل الأسود",
        "Federal Republic of Yugoslavia",
        "Federal Republic of Yugoslavia (Serbia and Montenegro)",
        "République fédérale de Yougoslavie",
        "República Federativa de Yugoslavia",
        "Yugoslavia",
        "Yougoslavie",
        "FRY",
        "يوغوسلافيا",
        "جمهورية يوغوسلافيا الاتحادية",
        "صربية",
    ],
    "SYC": ["السيشل", "سيشيل"],
    "SGP": [],
    "SVK": ["Slovak Republic", "République slovaque", "República Eslovaca"],
    "SLB": ["Salomon Islands", "جزر سولومون"],
    "SOM": ["Somaliland"],
    "ZAF": ["RSA", "جنوب افريقيا"],
    "SSD": ["Republic of South Sudan", "Sudán Meridional"],
    "ESP": [],
    "LKA": ["Ceylon", "Ceilán", "سري لنكا", "سريلانكا"],
    "SDN": ["The Sudan", "Sudan (the)", "Republic of the Sudan"],
    "SUR": ["Surinam", "Surinám"],
    "SWE": [],
    "CHE": ["Swiss Confederation", "Confédération suisse"],
    "SYR": ["Syria", "Syrie", "Siria", "سوريا", "سورية", "Syrian Arab Rep."],
    "TJK": ["Tadjikistan", "Tajikistán", "طاجكستان"],
    "THA": ["Siam", "Thailande", "تايلاند"],
    "TLS": [
        "Timor Leste",
        "East Timor",
        "Timor-Leste (Democratic Republic of)",
        "Timor oriental",
        "Timor Oriental",
        "تيمور الشرقية",
        "تيمور ليشتي",
        "تيمور-ليستي",
    ],
    "TGO": [],
    "TON": [],
    "TTO": ["Trinidad & Tobago", "Trinidad", "Trinidad y Tobago"],
    "TUN": ["Tunez"],
    "TUR": [
        "Turkey",
        "Turquie",
        "Turquía",
        "Turkiye",
        "Türkiye (Republic of)",
        "Republic of Turkey",
        "Türkei",
    ],
    "TKM": ["تركمنستان"],
    "UGA": [],
    "UKR": ["Ukrainian SSR", "أكرانيا"],
    "GBR": [
        "United Kingdom of Great Britain and Northern Ireland",
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "England and Wales",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية",
        "بريطانيا",
        "Grande-Bretagne",
        "Gran Bretaña",
    ],
    "TZA": [
        "Tanzania",
        "Tanzanie",
        "Tanzanía",
        "Tanzania, United Republic of",
        "تنزانيا",
        "Zanzibar",
        "Tanganyika",
    ],
    "USA": [
        "United States of America",
        "USA",
        "U.S.A.",
        "US",
        "U.S.",
        "America",
        "États-Unis d'Amérique",
        "Etats-Unis",
        "Estados Unidos de América",
        "EE.UU.",
        "EEUU",
        "الولايات المتحدة الأمريكية",
        "الولايات المتحدة الأميركية",
    ],
    "URY": ["الأوروغواي", "Uruguay (Eastern Republic of)"],
    "UZB": [],
    "VEN": [
        "Venezuela (Bolivarian Republic of)",
        "Venezuela (République bolivarienne du)",
        "Venezuela (República Bolivariana de)",
        "فنزويلا (جمهورية - البوليفارية)",
        "Bolivarian Republic of Venezuela",
        "República Bolivariana de Venezuela",
        "Vénézuela",
    ],
    "VNM": ["Vietnam", "Viêt Nam", "Việt Nam", "Viet-Nam", "فيتنام", "الفييتنام"],
    "YEM": [
        "Yemen Arab Republic",
        "Democratic Yemen",
        "People's Democratic Republic of Yemen",
        "South Yemen",
        "North Yemen",
        "Yémen",
    ],
    "ZMB": [],
    "ZWE": ["Rhodesia", "Southern Rhodesia", "Zimbabue"],
    "VAT": [
        "Holy See (Vatican City State)",
        "Vatican",
        "Vatican City",
        "Vatican City State",
        "Saint-Siège (État de la Cité du Vatican)",
        "Santa Sede (Estado de la Ciudad del Vaticano)",
        "Cité du Vatican",
        "Ciudad del Vaticano",
        "الفاتيكان",
        "مدينة الفاتيكان",
        "الكرسي الرسولي (دولة مدينة الفاتيكان)",
    ],
    "XKX": [
        "Kosovo*",
        "Kosovo (under UNSC resolution 1244)",
        "Kosovo (UNSCR 1244)",
        "Kosovo under UNSCR 1244",
        "Kosovo (UNSCR 1244/99)",
        "Kosovo (resolution 1244 (1999))",
        "Republic of Kosovo",
        "UNMIK",
        "UNMIK/Kosovo",
        "Kosova",
        "Kosovë",
    ],
    "ESH": [
        "Sahrawi Arab Democratic Republic",
        "SADR",
        "Sahrawi Republic",
        "République arabe sahraouie démocratique",
        "RASD",
        "República Árabe Saharaui Democrática",
        "الجمهورية العربية الصحراوية الديمقراطية",
        "Western Sahara (Sahrawi Arab Democratic Republic)",
    ],
    "TWN": [
        "Taiwan",
        "Taiwan, Province of China",
        "Republic of China",
        "Chinese Taipei",
        "Taiwan Province of China",
        "Taïwan",
        "Taiwán",
        "تايوان",
    ],
    "HKG": [
        "Hong Kong, China",
        "Hong Kong SAR",
        "Hong Kong Special Administrative Region of China",
        "Hongkong",
    ],
    "MAC": ["Macau", "Macao, China", "Macao SAR", "Macao Special Administrative Region of China"],
    "PRI": ["Porto Rico"],
}

# Former names whose successor or continuator State is clear.  They resolve to the State.
# (Czechoslovakia, the Socialist Federal Republic of Yugoslavia as a whole before 1992 and the
# Netherlands Antilles are deliberately absent: they have several successors.)
FORMER_NAMES: dict[str, list[str]] = {
    "COD": ["Zaire", "Zaïre", "Republic of Zaire"],
    "MMR": ["Burma", "Union of Burma", "Socialist Republic of the Union of Burma"],
    "RUS": ["USSR", "Soviet Union", "Union of Soviet Socialist Republics"],
    "SRB": ["Federal Republic of Yugoslavia", "Serbia and Montenegro", "Yugoslavia"],
    "BFA": ["Upper Volta"],
    "BEN": ["Dahomey"],
    "TLS": ["East Timor"],
    "LBY": ["Libyan Arab Jamahiriya"],
    "SWZ": ["Swaziland"],
    "MKD": ["The Former Yugoslav Republic of Macedonia"],
    "DEU": ["German Democratic Republic"],
    "ZWE": ["Southern Rhodesia", "Rhodesia"],
    "VUT": ["New Hebrides"],
    "BLR": ["Byelorussian SSR"],
    "YEM": ["Yemen Arab Republic", "Democratic Yemen"],
    "KHM": ["Democratic Kampuchea"],
    "LKA": ["Ceylon"],
    "CZE": ["Czech Republic"],
    "TUR": ["Turkey"],
    "CPV": ["Cape Verde"],
}

# ---------------------------------------------------------------------------------------------
# UN regional groups (UN Member States; Palestine: see notes).  Ids as used in this project;
# UPR Info's codes are aliases (Africa, Asia, EEG, GRULAC, WEOG).
# ---------------------------------------------------------------------------------------------
UN_GROUPS: dict[str, str] = {
    "African": """DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG CIV COD DJI EGY GNQ ERI SWZ ETH
        GAB GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN
        SYC SLE SOM ZAF SSD SDN TGO TUN UGA TZA ZMB ZWE""",
    "Asia-Pacific": """AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KIR KWT
        KGZ LAO LBN MYS MDV MHL FSM MNG MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP SLB
        LKA SYR TJK THA TLS TON TKM TUV ARE UZB VUT VNM YEM PSE""",
    "EEG": """ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE MKD POL MDA ROU RUS SRB SVK
        SVN UKR""",
    "GRULAC": """ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND
        JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN""",
    "WEOG": """AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ISR ITA LIE LUX MLT MCO NLD NZL NOR
        PRT SMR ESP SWE CHE TUR GBR USA""",
}

REGIONAL_GROUPS: list[dict[str, Any]] = [
    {
        "id": "African",
        "names": {
            "ar": "مجموعة الدول الأفريقية",
            "en": "African States",
            "fr": "États d'Afrique",
            "es": "Estados de África",
        },
        "aliases": [
            "Africa",
            "African Group",
            "African States",
            "Groupe africain",
            "Grupo de África",
            "Groupe des États d'Afrique",
            "Grupo de Estados de África",
            "المجموعة الأفريقية",
            "AfG",
            "Africa Group",
        ],
    },
    {
        "id": "Asia-Pacific",
        "names": {
            "ar": "مجموعة دول آسيا والمحيط الهادئ",
            "en": "Asia-Pacific States",
            "fr": "États d'Asie et du Pacifique",
            "es": "Estados de Asia y el Pacífico",
        },
        "aliases": [
            "Asia",
            "Asian States",
            "Asia-Pacific Group",
            "Asia Pacific",
            "Asia and the Pacific",
            "Asia-Pacific States",
            "APG",
            "Groupe Asie-Pacifique",
            "Groupe des États d'Asie et du Pacifique",
            "Grupo de Asia y el Pacífico",
            "Grupo de los Estados de Asia y el Pacífico",
            "مجموعة آسيا والمحيط الهادئ",
            "Asian Group",
        ],
    },
    {
        "id": "EEG",
        "names": {
            "ar": "مجموعة دول أوروبا الشرقية",
            "en": "Eastern European States",
            "fr": "États d'Europe orientale",
            "es": "Estados de Europa Oriental",
        },
        "aliases": [
            "EEG",
            "Eastern European Group",
            "Eastern Europe",
            "Eastern European States",
            "Groupe des États d'Europe orientale",
            "Grupo de Estados de Europa Oriental",
            "مجموعة أوروبا الشرقية",
        ],
    },
    {
        "id": "GRULAC",
        "names": {
            "ar": "مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي",
            "en": "Latin American and Caribbean States",
            "fr": "États d'Amérique latine et des Caraïbes",
            "es": "Estados de América Latina y el Caribe",
        },
        "aliases": [
            "GRULAC",
            "Latin America and Caribbean",
            "Latin America & Caribbean",
            "Latin American & Caribbean States",
            "Latin American and Caribbean Group",
            "Groupe des États d'Amérique latine et des Caraïbes",
            "Grupo de Estados de América Latina y el Caribe",
            "GRULAC (Latin America)",
        ],
    },
    {
        "id": "WEOG",
        "names": {
            "ar": "مجموعة دول أوروبا الغربية ودول أخرى",
            "en": "Western European and other States",
            "fr": "États d'Europe occidentale et autres États",
            "es": "Estados de Europa Occidental y otros Estados",
        },
        "aliases": [
            "WEOG",
            "Western Europe & Others",
            "Western European & Others States",
            "Western European and Others Group",
            "Western Europe and Others",
            "Western European and Other States",
            "WEOG (Western Europe and Others)",
            "Groupe des États d'Europe occidentale et autres États",
            "Grupo de Estados de Europa Occidental y otros Estados",
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Memberships (as of AS_OF).  Suspension does not end membership.
# ---------------------------------------------------------------------------------------------
MEMBERSHIPS: dict[str, str] = {
    # Council of Europe: 46 member States (Russia expelled 16 March 2022).
    "CoE": """ALB AND ARM AUT AZE BEL BIH BGR HRV CYP CZE DNK EST FIN FRA GEO DEU GRC HUN ISL IRL
        ITA LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU SMR SRB SVK SVN ESP SWE CHE
        TUR UKR GBR""",
    # OAS: 34 - the 35 independent States of the Americas less Nicaragua (denunciation of the
    # Charter took effect 19 Nov 2023).  Cuba is a member State that does not participate
    # (1962 exclusion lifted 2009).  Venezuela's 2017 denunciation is counted as contested
    # (the OAS seated the representative of the National Assembly from 2019); see notes.
    "OAS": """ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND
        JAM MEX PAN PRY PER KNA LCA VCT SUR TTO USA URY VEN""",
    # African Union: 55 - the 54 African UN Member States and the Sahrawi Arab Democratic
    # Republic (ISO ESH).  Suspended members (e.g. Mali, Burkina Faso, Niger, Guinea, Sudan,
    # Madagascar) remain members.
    "AU": """DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG CIV COD DJI EGY GNQ ERI SWZ ETH
        GAB GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN
        SYC SLE SOM ZAF SSD SDN TGO TUN UGA TZA ZMB ZWE ESH""",
    # League of Arab States: 22 (Syria's participation restored May 2023).
    "LAS": """DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE
        YEM""",
    # ASEAN: 11 - Timor-Leste admitted as the 11th member at the 47th Summit (26 Oct 2025).
    "ASEAN": "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS",
    # Organisation of Islamic Cooperation: 57 member States (Syria's 2012 suspension lifted
    # in March 2025).
    "OIC": """AFG ALB DZA AZE BHR BGD BEN BRN BFA CMR TCD COM CIV DJI EGY GAB GMB GIN GNB GUY IDN
        IRN IRQ JOR KAZ KWT KGZ LBN LBY MYS MDV MLI MRT MAR MOZ NER NGA OMN PAK PSE QAT SAU SEN
        SLE SOM SDN SUR SYR TJK TGO TUN TUR TKM UGA ARE UZB YEM""",
    # ECOWAS: 12 - Burkina Faso, Mali and Niger left on 29 January 2025.
    "ECOWAS": "BEN CPV CIV GMB GHA GIN GNB LBR NGA SEN SLE TGO",
    # European Union: 27.
    "EU": """AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL
        PRT ROU SVK SVN ESP SWE""",
    # OSCE: 57 participating States.
    "OSCE": """ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC VAT
        HUN ISL IRL ITA KAZ KGZ LVA LIE LTU LUX MLT MDA MCO MNG MNE NLD MKD NOR POL PRT ROU RUS
        SMR SRB SVK SVN ESP SWE CHE TJK TUR TKM UKR GBR USA UZB""",
    # Southern African Development Community: 16.
    "SADC": "AGO BWA COM COD SWZ LSO MDG MWI MUS MOZ NAM SYC ZAF TZA ZMB ZWE",
    # East African Community: 8 (DR Congo 2022, Somalia 2024).
    "EAC": "BDI COD KEN RWA SSD SOM TZA UGA",
}

EXPECTED_COUNTS = {
    "CoE": 46,
    "OAS": 34,
    "AU": 55,
    "LAS": 22,
    "ASEAN": 11,
    "OIC": 57,
    "ECOWAS": 12,
    "EU": 27,
    "OSCE": 57,
    "SADC": 16,
    "EAC": 8,
}

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "id": "CoE",
        "names": {
            "ar": "مجلس أوروبا",
            "en": "Council of Europe",
            "fr": "Conseil de l'Europe",
            "es": "Consejo de Europa",
        },
    },
    {
        "id": "OAS",
        "names": {
            "ar": "منظمة الدول الأمريكية",
            "en": "Organization of American States",
            "fr": "Organisation des États américains",
            "es": "Organización de los Estados Americanos",
        },
    },
    {
        "id": "AU",
        "names": {
            "ar": "الاتحاد الأفريقي",
            "en": "African Union",
            "fr": "Union africaine",
            "es": "Unión Africana",
        },
    },
    {
        "id": "LAS",
        "names": {
            "ar": "جامعة الدول العربية",
            "en": "League of Arab States",
            "fr": "Ligue des États arabes",
            "es": "Liga de los Estados Árabes",
        },
    },
    {
        "id": "ASEAN",
        "names": {
            "ar": "رابطة أمم جنوب شرق آسيا",
            "en": "Association of Southeast Asian Nations",
            "fr": "Association des nations de l'Asie du Sud-Est",
            "es": "Asociación de Naciones de Asia Sudoriental",
        },
    },
    {
        "id": "OIC",
        "names": {
            "ar": "منظمة التعاون الإسلامي",
            "en": "Organisation of Islamic Cooperation",
            "fr": "Organisation de la coopération islamique",
            "es": "Organización de Cooperación Islámica",
        },
    },
    {
        "id": "ECOWAS",
        "names": {
            "ar": "الجماعة الاقتصادية لدول غرب أفريقيا",
            "en": "Economic Community of West African States",
            "fr": "Communauté économique des États de l'Afrique de l'Ouest",
            "es": "Comunidad Económica de los Estados de África Occidental",
        },
    },
    {
        "id": "EU",
        "names": {
            "ar": "الاتحاد الأوروبي",
            "en": "European Union",
            "fr": "Union européenne",
            "es": "Unión Europea",
        },
    },
    {
        "id": "OSCE",
        "names": {
            "ar": "منظمة الأمن والتعاون في أوروبا",
            "en": "Organization for Security and Co-operation in Europe",
            "fr": "Organisation pour la sécurité et la coopération en Europe",
            "es": "Organización para la Seguridad y la Cooperación en Europa",
        },
    },
    {
        "id": "SADC",
        "names": {
            "ar": "الجماعة الإنمائية للجنوب الأفريقي",
            "en": "Southern African Development Community",
            "fr": "Communauté de développement de l'Afrique australe",
            "es": "Comunidad de África Meridional para el Desarrollo",
        },
    },
    {
        "id": "EAC",
        "names": {
            "ar": "جماعة شرق أفريقيا",
            "en": "East African Community",
            "fr": "Communauté d'Afrique de l'Est",
            "es": "Comunidad de África Oriental",
        },
    },
]

# Regional human-rights systems and the organisation whose members they cover.
REGIONAL_SYSTEMS: list[dict[str, Any]] = [
    {
        "id": "european",
        "organisation": "CoE",
        "names": {
            "ar": "النظام الأوروبي لحقوق الإنسان",
            "en": "European human rights system",
            "fr": "Système européen des droits de l'homme",
            "es": "Sistema europeo de derechos humanos",
        },
    },
    {
        "id": "inter-american",
        "organisation": "OAS",
        "names": {
            "ar": "نظام البلدان الأمريكية لحقوق الإنسان",
            "en": "Inter-American human rights system",
            "fr": "Système interaméricain des droits de l'homme",
            "es": "Sistema interamericano de derechos humanos",
        },
    },
    {
        "id": "african",
        "organisation": "AU",
        "names": {
            "ar": "النظام الأفريقي لحقوق الإنسان والشعوب",
            "en": "African human rights system",
            "fr": "Système africain des droits de l'homme et des peuples",
            "es": "Sistema africano de derechos humanos y de los pueblos",
        },
    },
    {
        "id": "arab",
        "organisation": "LAS",
        "names": {
            "ar": "النظام العربي لحقوق الإنسان",
            "en": "Arab human rights system",
            "fr": "Système arabe des droits de l'homme",
            "es": "Sistema árabe de derechos humanos",
        },
    },
    {
        "id": "asean",
        "organisation": "ASEAN",
        "names": {
            "ar": "آلية آسيان لحقوق الإنسان",
            "en": "ASEAN human rights mechanism",
            "fr": "Mécanisme des droits de l'homme de l'ASEAN",
            "es": "Mecanismo de derechos humanos de la ASEAN",
        },
    },
    {
        "id": "oic",
        "organisation": "OIC",
        "names": {
            "ar": "آلية منظمة التعاون الإسلامي لحقوق الإنسان",
            "en": "OIC human rights mechanism",
            "fr": "Mécanisme des droits de l'homme de l'OCI",
            "es": "Mecanismo de derechos humanos de la OCI",
        },
    },
]

# States outside an organisation that a regional system still covers.
EXTRA_SYSTEM_COVERAGE: dict[str, list[str]] = {
    # The IACHR and the Inter-American Court keep supervising Nicaragua after its withdrawal
    # from the OAS (pending cases, facts before the withdrawal, American Convention).
    "inter-american": ["NIC"],
}

OBSERVER_STATES = {"PSE", "VAT"}
NOTES = [
    "Display names ('names') are United Nations short names (UNTERM style) without the leading "
    "article and without the parenthesised formal part (e.g. 'Bolivia', not 'Bolivia "
    "(Plurinational State of)'); the UN forms with the parenthesis, the ISO 3166 names, the "
    "formal names and spellings seen in the data are in 'aliases'. Territories keep the ISO name "
    "(inverted or poorly translated ISO names are replaced, see TERRITORY_NAMES).",
    "XKX (Kosovo) is not an ISO 3166-1 code: it is the user-assigned code used by the European "
    "Commission, the IMF and others. UN documents refer to 'Kosovo (under UNSC resolution 1244)' "
    "or 'Kosovo*'. No UN regional group and no membership of the organisations listed.",
    "PSE (State of Palestine) and VAT (Holy See) are non-member observer States of the UN. "
    "Palestine is listed in the Asia-Pacific Group, of which it has been a full member since "
    "1986; the Holy See belongs to no regional group (UPR Info labels both 'Observer').",
    "UN regional groups are the five electoral groups of the General Assembly and the Human Rights "
    "Council. The United States attends WEOG as an observer and is counted with it for electoral "
    "purposes; Türkiye is counted in WEOG; Israel in WEOG; Cyprus and Kiribati in Asia-Pacific. "
    "UPR Info codes: Africa=African, Asia=Asia-Pacific, EEG, GRULAC, WEOG; UHRI uses "
    "'Western Europe & Others' etc. (aliases of each group).",
    "Memberships are as of " + AS_OF + ": CoE 46 (Russian Federation expelled 16 March 2022); "
    "OAS 34 (Nicaragua's withdrawal took effect 19 November 2023 and it is not counted; Cuba is "
    "counted as a member State that does not participate; Venezuela's 2017 denunciation is "
    "treated as contested and Venezuela is counted, as the OAS Permanent Council seated the "
    "National Assembly's representative in 2019); AU 55 (54 African UN Member States plus the "
    "Sahrawi Arab Democratic Republic, recorded under ISO ESH; suspensions do not end "
    "membership); LAS 22; ASEAN 11 (Timor-Leste admitted 26 October 2025); OIC 57; ECOWAS 12 "
    "(Burkina Faso, Mali and Niger left on 29 January 2025); EU 27; OSCE 57; SADC 16; EAC 8 "
    "(DR Congo 2022, Somalia 2024).",
    "'regional_systems' lists the regional human-rights systems whose bodies may address the "
    "State: european = CoE members; inter-american = OAS members plus Nicaragua (the IACHR and "
    "the Inter-American Court continue to deal with Nicaragua after its withdrawal); african = AU "
    "members; arab = LAS members; asean = ASEAN members; oic = OIC members. Membership of the "
    "organisation does not mean the State has ratified its treaties (e.g. not every OAS member "
    "has ratified the American Convention).",
    "'former_names' resolve to the successor or continuator State (Zaire -> COD, Burma -> MMR, "
    "USSR -> RUS, Yugoslavia / Serbia and Montenegro -> SRB, Swaziland -> SWZ, ...). "
    "Czechoslovakia, the Netherlands Antilles and other names with several successors are not "
    "resolved.",
    "Status: 'un_member' (193), 'observer' (2), 'other' (Kosovo, Taiwan), 'territory' (all other "
    "ISO 3166-1 entries: dependent territories, special administrative regions, Antarctica, "
    "Western Sahara).",
]

STATUS_OTHER = {"XKX", "TWN"}


def _codes(block: str) -> list[str]:
    return block.split()


def _fold(text: str) -> str:
    """Key used only to drop duplicate aliases (case and accent insensitive)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _table(rows: dict[str, tuple[str, str, str, str]]) -> dict[str, dict[str, str]]:
    return {
        iso3: {"ar": ar, "en": en, "fr": fr, "es": es} for iso3, (en, fr, es, ar) in rows.items()
    }


def build() -> dict[str, Any]:
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("ar", "fr", "es")
    }

    def tr(lang: str, text: str) -> str:
        return text if lang == "en" else translations[lang].gettext(text)

    un_names = _table(UN_NAMES)
    territory_names = _table(TERRITORY_NAMES)
    official_overrides = _table(OFFICIAL_OVERRIDES)
    group_of: dict[str, str] = {}
    for group, block in UN_GROUPS.items():
        for iso3 in _codes(block):
            if iso3 in group_of:
                raise SystemExit(f"{iso3} is in two UN regional groups")
            group_of[iso3] = group
    members: dict[str, set[str]] = {org: set(_codes(block)) for org, block in MEMBERSHIPS.items()}
    for org, expected in EXPECTED_COUNTS.items():
        if len(members[org]) != expected:
            raise SystemExit(f"{org}: {len(members[org])} members, expected {expected}")
    system_org = {s["id"]: s["organisation"] for s in REGIONAL_SYSTEMS}

    records: list[dict[str, Any]] = []
    entries: list[tuple[str, str, Any]] = [(c.alpha_3, c.alpha_2, c) for c in pycountry.countries]
    entries.append(("XKX", "XK", None))
    for iso3, iso2, c in sorted(entries, key=lambda e: e[0]):
        iso_names: list[str] = []  # pycountry names, English and translated
        official: dict[str, str] | None = None
        if c is not None:
            en_forms = [c.name] + [
                getattr(c, a) for a in ("official_name", "common_name") if getattr(c, a, None)
            ]
            for form in en_forms:
                for lang in LANGS:
                    iso_names.append(tr(lang, form))
            if getattr(c, "official_name", None):
                official = {lang: tr(lang, c.official_name) for lang in LANGS}
        if iso3 in official_overrides:
            official = official_overrides[iso3]
        if iso3 in un_names:
            names = un_names[iso3]
        elif iso3 in territory_names:
            names = territory_names[iso3]
        else:
            assert c is not None
            base = getattr(c, "common_name", None) or c.name
            names = {lang: tr(lang, base) for lang in LANGS}
        if iso3 in OBSERVER_STATES:
            status = "observer"
        elif iso3 in STATUS_OTHER:
            status = "other"
        elif iso3 in un_names:
            status = "un_member"
        else:
            status = "territory"

        seen = {_fold(v) for v in names.values()}
        aliases: list[str] = []
        candidates = iso_names + (list(official.values()) if official else [])
        candidates += EXTRA_ALIASES.get(iso3, [])
        for alias in candidates:
            alias = alias.strip()
            key = _fold(alias)
            if alias and key not in seen:
                seen.add(key)
                aliases.append(alias)

        memberships = [org for org in MEMBERSHIPS if iso3 in members[org]]
        systems = [
            sid
            for sid, org in system_org.items()
            if iso3 in members[org] or iso3 in EXTRA_SYSTEM_COVERAGE.get(sid, [])
        ]
        record: dict[str, Any] = {
            "iso3": iso3,
            "iso2": iso2,
            "status": status,
            "names": {lang: names[lang] for lang in LANGS},
            "official_names": {lang: (official or names)[lang] for lang in LANGS},
            "aliases": aliases,
            "former_names": FORMER_NAMES.get(iso3, []),
            "un_regional_group": group_of.get(iso3),
            "memberships": memberships,
            "regional_systems": systems,
        }
        if iso3 == "XKX":
            record["note"] = (
                "User-assigned code (not ISO 3166-1); UN usage: 'Kosovo (under UNSC "
                "resolution 1244)'."
            )
        elif iso3 == "ESH":
            record["note"] = (
                "Non-self-governing territory; the Sahrawi Arab Democratic Republic is "
                "a member of the African Union and is recorded here."
            )
        elif iso3 == "NIC":
            record["note"] = (
                "Withdrew from the OAS (effective 19 November 2023); still covered by "
                "the inter-American system for pending matters."
            )
        elif iso3 == "VEN":
            record["note"] = (
                "Denounced the American Convention (effective 2013) and the OAS "
                "Charter (2017, contested); counted as an OAS member here."
            )
        elif iso3 == "TLS":
            record["note"] = "Admitted to ASEAN on 26 October 2025."
        elif iso3 == "RUS":
            record["note"] = (
                "Expelled from the Council of Europe on 16 March 2022; ceased to be a "
                "party to the ECHR on 16 September 2022."
            )
        records.append(record)

    # Sanity checks that the loader repeats.
    missing = set(un_names) - {r["iso3"] for r in records}
    if missing:
        raise SystemExit(f"UN names for unknown codes: {sorted(missing)}")
    counts = Counter(r["status"] for r in records)
    if counts["un_member"] != 193 or counts["observer"] != 2:
        raise SystemExit(f"unexpected status counts {counts}")
    in_groups = {r["iso3"] for r in records if r["un_regional_group"]}
    un_members = {r["iso3"] for r in records if r["status"] == "un_member"}
    if un_members - in_groups:
        raise SystemExit(f"UN members without a group: {sorted(un_members - in_groups)}")

    return {
        "header": {
            "generated_by": "mappings/build_countries.py",
            "pycountry_version": metadata.version("pycountry"),
            "as_of": AS_OF,
            "notes": NOTES,
        },
        "regional_groups": REGIONAL_GROUPS,
        "organisations": [{**org, "count": len(members[org["id"]])} for org in ORGANISATIONS],
        "regional_systems": REGIONAL_SYSTEMS,
        "countries": records,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date; run python mappings/build_countries.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
