//! Figures: numbers with what they count. "au moins 16 morts", "50 000 civils", "93% des
//! quartiers", "3,5 millions de déplacés", "plus d'un demi-million de morts", "a dozen
//! soldiers", "27 عنصراً من قوات النظام على الأقل", "50 тысяч мирных жителей".
//!
//! A number is read in every common writing — digits of any script, spaces, dots or commas
//! between thousands (the article's language decides whether "1.217" is a thousand or a
//! decimal), scale words ("millions", "тысяч", "آلاف"), number words — then what follows it is
//! read: a percent sign or word, a currency, a unit, or the noun it counts (with its "of"
//! complement: "combattants du HTS"). A qualifier before ("au moins", "près de", "more than")
//! or after ("على الأقل", "at least") bounds the value.
//!
//! Not figures: dates (the caller passes the date mentions' spans), years, times ("21h13",
//! "10:30", "à 21 heures"), phone numbers, ordinals ("1er", "5th"), numbers inside names
//! ("COVID-19", "Su-24") and identifiers ("résolution 2254"). A bare number that counts nothing
//! and has no unit is not reported: it cannot be compared with anything.

use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::lexicon::WordMap;
use crate::model::{Lang, Span};
use crate::token::{Token, TokenKind};

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// People: civilians, fighters, the dead, the wounded…
    People,
    Percent,
    Money,
    Distance,
    Duration,
    /// Weight, volume, area.
    Quantity,
    /// Anything else that is counted (districts, tanks, villages).
    Count,
}

/// How a qualifier bounds the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Exact,
    /// "au moins", "more than", "على الأقل", "des dizaines"
    Min,
    /// "jusqu'à", "fewer than", "до"
    Max,
    /// "près de", "about", "около"
    About,
}

/// One figure found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// The normalised value: 30 000, 30.000 and 30,000 are all 30000; "3,5 millions" 3500000.
    #[serde(serialize_with = "plain_number")]
    pub value: f64,
    /// What is counted, as written ("civils", "عنصراً من قوات النظام"); the unit for
    /// distances and durations; null when only a percent sign or currency says what it is.
    pub counts: Option<String>,
    /// The qualifier as written ("au moins", "على الأقل").
    pub qualifier: Option<String>,
    pub bound: Bound,
    pub kind: FigureKind,
    /// The currency for money ("EUR", "USD", or the word as written).
    pub unit: Option<String>,
    /// The whole expression, qualifier included; `start`/`end` are its byte offsets.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn plain_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum NumWord {
    /// 1–99 ("trois", "twenty", "عشرة"); `article` for "un", "a", "ein": a number only before
    /// a scale ("un million", "a dozen").
    Unit {
        value: f64,
        article: bool,
    },
    Hundred,
    /// thousand, million, billion
    Scale(f64),
    /// "douzaine", "dozen"
    Dozen,
    /// "des dizaines", "hundreds", "тысячи", "عشرات": at least two of the unit.
    Vague(f64),
    /// "demi", "half", "نصف"
    Half,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Noun {
    People,
    Unit(FigureKind),
    Currency(&'static str),
    Percent,
    /// "heures" after "à": a time of day, not a figure
    Hour,
}

struct Tables {
    numbers: WordMap<NumWord>,
    nouns: WordMap<Noun>,
    /// qualifiers as normalised word sequences, longest first
    before: Vec<(Vec<&'static str>, Bound)>,
    after: Vec<(Vec<&'static str>, Bound)>,
    /// words that may stand between a number and its noun ("derniers", "last", "other")
    fillers: WordMap<()>,
    /// "of" words: "de", "of", "من", "из"
    of_words: WordMap<()>,
    /// words before a number that make it an identifier ("résolution 2254", "n°", "page")
    identifiers: WordMap<()>,
}

const NUMBERS: &[(&str, NumWord)] = {
    use NumWord::*;
    const fn u(value: f64) -> NumWord {
        Unit {
            value,
            article: false,
        }
    }
    const A: NumWord = Unit {
        value: 1.0,
        article: true,
    };
    &[
        // French
        ("un", A),
        ("une", A),
        ("deux", u(2.0)),
        ("trois", u(3.0)),
        ("quatre", u(4.0)),
        ("cinq", u(5.0)),
        ("six", u(6.0)),
        ("sept", u(7.0)),
        ("huit", u(8.0)),
        ("neuf", u(9.0)),
        ("dix", u(10.0)),
        ("onze", u(11.0)),
        ("douze", u(12.0)),
        ("treize", u(13.0)),
        ("quatorze", u(14.0)),
        ("quinze", u(15.0)),
        ("seize", u(16.0)),
        ("vingt", u(20.0)),
        ("vingts", u(20.0)),
        ("trente", u(30.0)),
        ("quarante", u(40.0)),
        ("cinquante", u(50.0)),
        ("soixante", u(60.0)),
        ("cent", Hundred),
        ("cents", Hundred),
        ("mille", Scale(1e3)),
        ("million", Scale(1e6)),
        ("millions", Scale(1e6)),
        ("milliard", Scale(1e9)),
        ("milliards", Scale(1e9)),
        ("douzaine", Dozen),
        (
            "dizaine",
            Unit {
                value: 10.0,
                article: false,
            },
        ),
        ("centaine", Hundred),
        ("millier", Scale(1e3)),
        ("dizaines", Vague(10.0)),
        ("douzaines", Vague(12.0)),
        ("centaines", Vague(100.0)),
        ("milliers", Vague(1e3)),
        ("demi", Half),
        // English
        ("a", A),
        ("an", A),
        ("one", A),
        ("two", u(2.0)),
        ("three", u(3.0)),
        ("four", u(4.0)),
        ("five", u(5.0)),
        ("seven", u(7.0)),
        ("eight", u(8.0)),
        ("nine", u(9.0)),
        ("ten", u(10.0)),
        ("eleven", u(11.0)),
        ("twelve", u(12.0)),
        ("thirteen", u(13.0)),
        ("fifteen", u(15.0)),
        ("twenty", u(20.0)),
        ("thirty", u(30.0)),
        ("forty", u(40.0)),
        ("fifty", u(50.0)),
        ("sixty", u(60.0)),
        ("hundred", Hundred),
        ("thousand", Scale(1e3)),
        ("billion", Scale(1e9)),
        ("billions", Scale(1e9)),
        ("dozen", Dozen),
        ("dozens", Vague(12.0)),
        ("tens", Vague(10.0)),
        ("hundreds", Vague(100.0)),
        ("thousands", Vague(1e3)),
        ("half", Half),
        // German
        ("ein", A),
        ("eine", A),
        ("einen", A),
        ("zwei", u(2.0)),
        ("drei", u(3.0)),
        ("vier", u(4.0)),
        ("funf", u(5.0)),
        ("sechs", u(6.0)),
        ("sieben", u(7.0)),
        ("acht", u(8.0)),
        ("neun", u(9.0)),
        ("zehn", u(10.0)),
        ("elf", u(11.0)),
        ("zwolf", u(12.0)),
        ("zwanzig", u(20.0)),
        ("dreissig", u(30.0)),
        ("hundert", Hundred),
        ("tausend", Scale(1e3)),
        ("million", Scale(1e6)),
        ("millionen", Scale(1e6)),
        ("mio", Scale(1e6)),
        ("milliarde", Scale(1e9)),
        ("milliarden", Scale(1e9)),
        ("mrd", Scale(1e9)),
        ("dutzend", Dozen),
        ("dutzende", Vague(12.0)),
        ("hunderte", Vague(100.0)),
        ("tausende", Vague(1e3)),
        ("halbe", Half),
        // Spanish, Italian, Portuguese
        ("uno", A),
        ("dos", u(2.0)),
        ("tres", u(3.0)),
        ("cuatro", u(4.0)),
        ("cinco", u(5.0)),
        ("seis", u(6.0)),
        ("siete", u(7.0)),
        ("ocho", u(8.0)),
        ("nueve", u(9.0)),
        ("diez", u(10.0)),
        ("doce", u(12.0)),
        ("veinte", u(20.0)),
        ("treinta", u(30.0)),
        ("cien", Hundred),
        ("ciento", Hundred),
        ("mil", Scale(1e3)),
        ("millon", Scale(1e6)),
        ("millones", Scale(1e6)),
        ("docena", Dozen),
        ("decenas", Vague(10.0)),
        ("centenares", Vague(100.0)),
        ("cientos", Vague(100.0)),
        ("miles", Vague(1e3)),
        ("medio", Half),
        ("due", u(2.0)),
        ("tre", u(3.0)),
        ("dieci", u(10.0)),
        ("cento", Hundred),
        ("mila", Scale(1e3)),
        ("milioni", Scale(1e6)),
        ("decine", Vague(10.0)),
        ("centinaia", Vague(100.0)),
        ("migliaia", Vague(1e3)),
        ("duas", u(2.0)),
        ("milhoes", Scale(1e6)),
        ("dezenas", Vague(10.0)),
        ("centenas", Vague(100.0)),
        ("milhares", Vague(1e3)),
        // Russian, Ukrainian (normalised: й → и, ё → е)
        ("один", A),
        ("одна", A),
        ("два", u(2.0)),
        ("две", u(2.0)),
        ("двух", u(2.0)),
        ("три", u(3.0)),
        ("трех", u(3.0)),
        ("четыре", u(4.0)),
        ("пять", u(5.0)),
        ("пяти", u(5.0)),
        ("шесть", u(6.0)),
        ("семь", u(7.0)),
        ("восемь", u(8.0)),
        ("девять", u(9.0)),
        ("десять", u(10.0)),
        ("двадцать", u(20.0)),
        ("тридцать", u(30.0)),
        ("сорок", u(40.0)),
        ("пятьдесят", u(50.0)),
        ("сто", Hundred),
        ("тысяча", Scale(1e3)),
        ("тысячи", Scale(1e3)),
        ("тысяч", Scale(1e3)),
        ("тыс", Scale(1e3)),
        ("миллион", Scale(1e6)),
        ("миллиона", Scale(1e6)),
        ("миллионов", Scale(1e6)),
        ("млн", Scale(1e6)),
        ("миллиард", Scale(1e9)),
        ("миллиардов", Scale(1e9)),
        ("млрд", Scale(1e9)),
        ("десятки", Vague(10.0)),
        ("десятков", Vague(10.0)),
        ("сотни", Vague(100.0)),
        ("сотен", Vague(100.0)),
        ("полмиллиона", Scale(5e5)),
        // Arabic (normalised: أ → ا, ة → ه, ى → ي, no tanwin)
        ("واحد", u(1.0)),
        ("اثنان", u(2.0)),
        ("اثنين", u(2.0)),
        ("ثلاث", u(3.0)),
        ("ثلاثه", u(3.0)),
        ("اربع", u(4.0)),
        ("اربعه", u(4.0)),
        ("خمس", u(5.0)),
        ("خمسه", u(5.0)),
        ("سته", u(6.0)),
        ("سبعه", u(7.0)),
        ("ثمانيه", u(8.0)),
        ("تسعه", u(9.0)),
        ("عشر", u(10.0)),
        ("عشره", u(10.0)),
        ("عشرون", u(20.0)),
        ("عشرين", u(20.0)),
        ("ميه", Hundred),
        ("مايه", Hundred),
        ("الف", Scale(1e3)),
        ("الاف", Scale(1e3)),
        ("مليون", Scale(1e6)),
        ("ملايين", Scale(1e6)),
        ("مليار", Scale(1e9)),
        ("مليارات", Scale(1e9)),
        ("عشرات", Vague(10.0)),
        ("العشرات", Vague(10.0)),
        ("ميات", Vague(100.0)),
        ("الميات", Vague(100.0)),
        ("الالاف", Vague(1e3)),
        ("نصف", Half),
    ]
};

/// Scale words that are singular: "million" alone is one million, "millions" alone is vague.
const SINGULAR_SCALES: &[&str] = &[
    "mille",
    "million",
    "milliard",
    "thousand",
    "billion",
    "tausend",
    "mio",
    "mrd",
    "milliarde",
    "mil",
    "millon",
    "тысяча",
    "тыс",
    "миллион",
    "млн",
    "млрд",
    "миллиард",
    "الف",
    "مليون",
    "مليار",
];

const PEOPLE: &[&str] = &[
    // French
    "personne",
    "personnes",
    "civil",
    "civils",
    "mort",
    "morts",
    "blesse",
    "blesses",
    "tue",
    "tues",
    "soldat",
    "soldats",
    "combattant",
    "combattants",
    "individus",
    "habitants",
    "refugies",
    "deplaces",
    "enfants",
    "femmes",
    "hommes",
    "victimes",
    "membres",
    "otages",
    "prisonniers",
    "detenus",
    "manifestants",
    "militants",
    "policiers",
    "militaires",
    "jihadistes",
    "djihadistes",
    "rebelles",
    "insurges",
    "terroristes",
    "elements",
    "agents",
    "migrants",
    "journalistes",
    "medecins",
    "infirmiers",
    "employes",
    "salaries",
    "eleves",
    "etudiants",
    "electeurs",
    "touristes",
    "passagers",
    "pompiers",
    "gendarmes",
    "partisans",
    "disparus",
    "evacues",
    "personnels",
    "residents",
    "colons",
    "volontaires",
    "fideles",
    // English
    "people",
    "persons",
    "civilians",
    "dead",
    "killed",
    "wounded",
    "injured",
    "soldiers",
    "troops",
    "fighters",
    "rebels",
    "insurgents",
    "residents",
    "refugees",
    "children",
    "women",
    "men",
    "victims",
    "members",
    "hostages",
    "prisoners",
    "detainees",
    "protesters",
    "demonstrators",
    "police",
    "officers",
    "policemen",
    "journalists",
    "doctors",
    "nurses",
    "workers",
    "employees",
    "students",
    "voters",
    "tourists",
    "passengers",
    "firefighters",
    "staff",
    "casualties",
    "deaths",
    "fatalities",
    "survivors",
    "inhabitants",
    "displaced",
    "evacuees",
    "volunteers",
    "jihadists",
    "terrorists",
    "militiamen",
    "personnel",
    "settlers",
    // German
    "menschen",
    "personen",
    "zivilisten",
    "tote",
    "toten",
    "verletzte",
    "verletzten",
    "soldaten",
    "kampfer",
    "einwohner",
    "fluchtlinge",
    "kinder",
    "frauen",
    "manner",
    "opfer",
    "mitglieder",
    "geiseln",
    "gefangene",
    "demonstranten",
    "polizisten",
    "journalisten",
    "arzte",
    "mitarbeiter",
    "beschaftigte",
    "studenten",
    "wahler",
    "touristen",
    "passagiere",
    "feuerwehrleute",
    "todesopfer",
    "bewohner",
    "migranten",
    "rebellen",
    "aufstandische",
    "dschihadisten",
    "terroristen",
    "helfer",
    "einsatzkrafte",
    // Spanish, Italian, Portuguese
    "personas",
    "civiles",
    "muertos",
    "heridos",
    "soldados",
    "combatientes",
    "habitantes",
    "refugiados",
    "desplazados",
    "ninos",
    "mujeres",
    "hombres",
    "victimas",
    "miembros",
    "rehenes",
    "presos",
    "prisioneros",
    "detenidos",
    "manifestantes",
    "policias",
    "agentes",
    "periodistas",
    "medicos",
    "trabajadores",
    "empleados",
    "estudiantes",
    "votantes",
    "turistas",
    "pasajeros",
    "bomberos",
    "fallecidos",
    "rebeldes",
    "insurgentes",
    "yihadistas",
    "terroristas",
    "migrantes",
    "vecinos",
    "persone",
    "civili",
    "morti",
    "feriti",
    "soldati",
    "combattenti",
    "abitanti",
    "rifugiati",
    "bambini",
    "donne",
    "uomini",
    "vittime",
    "membri",
    "ostaggi",
    "pessoas",
    "civis",
    "mortos",
    "feridos",
    "combatentes",
    "criancas",
    "mulheres",
    "homens",
    "vitimas",
    "membros",
    // Russian, Ukrainian
    "человек",
    "человека",
    "людеи",
    "люди",
    "жителеи",
    "жителя",
    "жители",
    "погибших",
    "раненых",
    "убитых",
    "военных",
    "военнослужащих",
    "солдат",
    "боицов",
    "боевиков",
    "беженцев",
    "детеи",
    "женщин",
    "мужчин",
    "жертв",
    "членов",
    "заложников",
    "пленных",
    "задержанных",
    "демонстрантов",
    "полицеиских",
    "журналистов",
    "врачеи",
    "сотрудников",
    "работников",
    "студентов",
    "избирателеи",
    "туристов",
    "пассажиров",
    "граждан",
    "переселенцев",
    "террористов",
    "повстанцев",
    "мирных",
    "осіб",
    "людеи",
    // Arabic
    "شخص",
    "شخصا",
    "اشخاص",
    "مدني",
    "مدنيا",
    "مدنيين",
    "مدنيون",
    "قتيل",
    "قتيلا",
    "قتلي",
    "جريح",
    "جريحا",
    "جرحي",
    "مصاب",
    "مصابا",
    "مصابين",
    "جندي",
    "جنديا",
    "جنود",
    "مقاتل",
    "مقاتلا",
    "مقاتلين",
    "مقاتلون",
    "عنصر",
    "عنصرا",
    "عناصر",
    "لاجي",
    "لاجيا",
    "لاجيين",
    "لاجي",
    "لاجيا",
    "لاجيين",
    "نازح",
    "نازحا",
    "نازحين",
    "طفل",
    "طفلا",
    "اطفال",
    "امراه",
    "نساء",
    "رجل",
    "رجال",
    "ضحيه",
    "ضحايا",
    "عضو",
    "عضوا",
    "اعضاء",
    "رهينه",
    "رهاين",
    "اسير",
    "اسيرا",
    "اسري",
    "معتقل",
    "معتقلا",
    "معتقلين",
    "متظاهر",
    "متظاهرا",
    "متظاهرين",
    "صحفي",
    "صحفيا",
    "صحفيين",
    "مسلح",
    "مسلحا",
    "مسلحين",
    "ارهابي",
    "ارهابيا",
    "ارهابيين",
    "مواطن",
    "مواطنا",
    "مواطنين",
    "شهيد",
    "شهيدا",
    "شهداء",
    "سكان",
    "عسكري",
    "عسكريا",
    "عسكريين",
    "فرد",
    "افراد",
    "جهاديا",
    "جهاديين",
    "مهاجر",
    "مهاجرا",
    "مهاجرين",
];

const DISTANCE: &[&str] = &[
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "kilometern",
    "kilometro",
    "kilometros",
    "metre",
    "metres",
    "meter",
    "meters",
    "metern",
    "metros",
    "m",
    "mile",
    "miles",
    "milles",
    "км",
    "километров",
    "километра",
    "километр",
    "метров",
    "метра",
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "كلم",
    "كم",
    "متر",
    "مترا",
    "امتار",
];

const DURATION: &[&str] = &[
    "jour",
    "jours",
    "heure",
    "heures",
    "an",
    "ans",
    "annee",
    "annees",
    "semaine",
    "semaines",
    "mois",
    "minute",
    "minutes",
    "seconde",
    "secondes",
    "siecle",
    "siecles",
    "decennie",
    "decennies",
    "day",
    "days",
    "hour",
    "hours",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "tag",
    "tage",
    "tagen",
    "stunde",
    "stunden",
    "jahr",
    "jahre",
    "jahren",
    "woche",
    "wochen",
    "monat",
    "monate",
    "monaten",
    "minuten",
    "dia",
    "dias",
    "hora",
    "horas",
    "ano",
    "anos",
    "semana",
    "semanas",
    "mes",
    "meses",
    "minutos",
    "giorni",
    "ore",
    "anni",
    "mesi",
    "день",
    "дня",
    "днеи",
    "час",
    "часа",
    "часов",
    "год",
    "года",
    "лет",
    "неделю",
    "недели",
    "недель",
    "месяц",
    "месяца",
    "месяцев",
    "минут",
    "минуты",
    "يوم",
    "يوما",
    "ايام",
    "ساعه",
    "ساعات",
    "سنه",
    "سنوات",
    "سنين",
    "عام",
    "عاما",
    "اعوام",
    "اسبوع",
    "اسبوعا",
    "اسابيع",
    "شهر",
    "شهرا",
    "اشهر",
    "شهور",
    "دقيقه",
    "دقايق",
];

const QUANTITY: &[&str] = &[
    "hectare",
    "hectares",
    "hektar",
    "hectareas",
    "ettari",
    "гектаров",
    "гектара",
    "гектар",
    "هكتار",
    "هكتارا",
    "هكتارات",
    "acres",
    "km²",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "t",
    "kg",
    "kilos",
    "kilogrammes",
    "kilograms",
    "litres",
    "liters",
    "l",
    "barils",
    "barrels",
    "hectares",
    "ha",
    "km2",
    "m2",
    "tonnen",
    "тонн",
    "тонны",
    "طن",
    "اطنان",
    "كيلوغرام",
];

const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₴", "UAH"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("dolares", "USD"),
    ("dollari", "USD"),
    ("евро", "EUR"),
    ("долларов", "USD"),
    ("доллара", "USD"),
    ("доллар", "USD"),
    ("دولار", "USD"),
    ("دولارا", "USD"),
    ("دولارات", "USD"),
    ("يورو", "EUR"),
    ("livres", "GBP"),
    ("pounds", "GBP"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("rubel", "RUB"),
    ("рублеи", "RUB"),
    ("рубля", "RUB"),
    ("рубль", "RUB"),
    ("гривен", "UAH"),
    ("yuans", "CNY"),
    ("yuan", "CNY"),
    ("francs", "CHF"),
    ("dinars", "dinar"),
    ("دينار", "dinar"),
    ("دينارا", "dinar"),
    ("ليره", "lira"),
    ("جنيه", "pound"),
    ("ريال", "riyal"),
    ("dirhams", "dirham"),
    ("درهم", "dirham"),
    ("pesos", "peso"),
];

const PERCENT_WORDS: &[&str] = &[
    "%",
    "٪",
    "pourcent",
    "percent",
    "prozent",
    "процентов",
    "процента",
    "процент",
    "بالميه",
    "بالمايه",
    "الميه",
    "المايه",
];

const QUALIFIERS_BEFORE: &[(&str, Bound)] = &[
    ("au moins", Bound::Min),
    ("pas moins de", Bound::Min),
    ("pas moins d", Bound::Min),
    ("plus de", Bound::Min),
    ("plus d", Bound::Min),
    ("au minimum", Bound::Min),
    ("pres de", Bound::About),
    ("pres d", Bound::About),
    ("environ", Bound::About),
    ("quelque", Bound::About),
    ("presque", Bound::About),
    ("quasiment", Bound::About),
    ("autour de", Bound::About),
    ("jusqu a", Bound::Max),
    ("moins de", Bound::Max),
    ("moins d", Bound::Max),
    ("au maximum", Bound::Max),
    ("at least", Bound::Min),
    ("more than", Bound::Min),
    ("over", Bound::Min),
    ("no fewer than", Bound::Min),
    ("no less than", Bound::Min),
    ("upwards of", Bound::Min),
    ("in excess of", Bound::Min),
    ("nearly", Bound::About),
    ("almost", Bound::About),
    ("about", Bound::About),
    ("around", Bound::About),
    ("some", Bound::About),
    ("roughly", Bound::About),
    ("approximately", Bound::About),
    ("an estimated", Bound::About),
    ("close to", Bound::About),
    ("up to", Bound::Max),
    ("fewer than", Bound::Max),
    ("less than", Bound::Max),
    ("at most", Bound::Max),
    ("as many as", Bound::Max),
    ("mindestens", Bound::Min),
    ("mehr als", Bound::Min),
    ("uber", Bound::Min),
    ("wenigstens", Bound::Min),
    ("fast", Bound::About),
    ("rund", Bound::About),
    ("etwa", Bound::About),
    ("knapp", Bound::About),
    ("ungefahr", Bound::About),
    ("circa", Bound::About),
    ("ca", Bound::About),
    ("nahezu", Bound::About),
    ("bis zu", Bound::Max),
    ("weniger als", Bound::Max),
    ("hochstens", Bound::Max),
    ("al menos", Bound::Min),
    ("por lo menos", Bound::Min),
    ("mas de", Bound::Min),
    ("casi", Bound::About),
    ("unos", Bound::About),
    ("unas", Bound::About),
    ("alrededor de", Bound::About),
    ("cerca de", Bound::About),
    ("aproximadamente", Bound::About),
    ("hasta", Bound::Max),
    ("menos de", Bound::Max),
    ("almeno", Bound::Min),
    ("piu di", Bound::Min),
    ("oltre", Bound::Min),
    ("quasi", Bound::About),
    ("pelo menos", Bound::Min),
    ("mais de", Bound::Min),
    ("quase", Bound::About),
    ("по меньшеи мере", Bound::Min),
    ("по краинеи мере", Bound::Min),
    ("не менее", Bound::Min),
    ("как минимум", Bound::Min),
    ("более", Bound::Min),
    ("свыше", Bound::Min),
    ("больше", Bound::Min),
    ("около", Bound::About),
    ("почти", Bound::About),
    ("примерно", Bound::About),
    ("порядка", Bound::About),
    ("приблизительно", Bound::About),
    ("менее", Bound::Max),
    ("не более", Bound::Max),
    ("ما لا يقل عن", Bound::Min),
    ("اكثر من", Bound::Min),
    ("ازيد من", Bound::Min),
    ("ما يزيد عن", Bound::Min),
    ("ما يزيد علي", Bound::Min),
    ("حوالي", Bound::About),
    ("نحو", Bound::About),
    ("قرابه", Bound::About),
    ("زهاء", Bound::About),
    ("ما يقارب", Bound::About),
    ("اقل من", Bound::Max),
];

const QUALIFIERS_AFTER: &[(&str, Bound)] = &[
    ("au moins", Bound::Min),
    ("at least", Bound::Min),
    ("or more", Bound::Min),
    ("et plus", Bound::Min),
    ("по меньшеи мере", Bound::Min),
    ("علي الاقل", Bound::Min),
    ("على الاقل", Bound::Min),
];

const FILLERS: &[&str] = &[
    "derniers",
    "dernieres",
    "premiers",
    "premieres",
    "prochains",
    "prochaines",
    "autres",
    "nouveaux",
    "nouvelles",
    "last",
    "past",
    "next",
    "first",
    "other",
    "more",
    "further",
    "new",
    "additional",
    "weitere",
    "letzten",
    "ersten",
    "ultimos",
    "primeros",
    "otros",
    "otras",
    "nuevos",
    "ultimi",
    "последних",
    "ближаиших",
    "других",
    "новых",
    "اخري",
    "الماضيه",
];

const OF_WORDS: &[&str] = &[
    "de", "d", "des", "du", "of", "von", "der", "del", "di", "dei", "degli", "delle", "do", "da",
    "dos", "das", "من", "из",
];

const IDENTIFIERS: &[&str] = &[
    "n",
    "no",
    "numero",
    "number",
    "nr",
    "nummer",
    "numero",
    "article",
    "articles",
    "artikel",
    "articulo",
    "resolution",
    "resolutions",
    "resolucion",
    "page",
    "p",
    "pages",
    "chapitre",
    "chapter",
    "vol",
    "flight",
    "route",
    "rue",
    "street",
    "avenue",
    "room",
    "salle",
    "version",
    "covid",
    "номер",
    "статья",
    "статьи",
    "резолюция",
    "резолюции",
    "рейс",
    "رقم",
    "المادة",
    "قرار",
    "القرار",
    "الساعه",
    "#",
    "№",
    "°",
    "+",
];

/// Words that end a counted phrase: verbs and auxiliaries the function-word lists leave out.
const STOPS: &[&str] = &[
    "ont",
    "avaient",
    "avait",
    "sont",
    "etaient",
    "etait",
    "ete",
    "sera",
    "seront",
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "will",
    "haben",
    "sind",
    "wurden",
    "waren",
    "han",
    "fueron",
    "son",
    "были",
    "был",
    "было",
    "будут",
    "قد",
    "كما",
    "ثم",
    "حيث",
    "لكن",
    "بينما",
    "اذ",
    "الا",
    "وقد",
];

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut numbers: WordMap<NumWord> = WordMap::default();
        for (word, n) in NUMBERS {
            numbers.entry(word).or_insert(*n);
        }
        let mut nouns: WordMap<Noun> = WordMap::default();
        for w in PEOPLE {
            nouns.insert(w, Noun::People);
        }
        for w in DURATION {
            nouns.insert(w, Noun::Unit(FigureKind::Duration));
        }
        for w in DISTANCE {
            nouns.insert(w, Noun::Unit(FigureKind::Distance));
        }
        for w in QUANTITY {
            nouns.insert(w, Noun::Unit(FigureKind::Quantity));
        }
        for (w, code) in CURRENCIES {
            nouns.insert(w, Noun::Currency(code));
        }
        for w in PERCENT_WORDS {
            nouns.insert(w, Noun::Percent);
        }
        nouns.insert("uhr", Noun::Hour);
        let phrases = |list: &[(&'static str, Bound)]| {
            let mut out: Vec<(Vec<&'static str>, Bound)> = list
                .iter()
                .map(|(p, b)| (p.split(' ').collect(), *b))
                .collect();
            out.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
            out
        };
        let set = |list: &[&'static str]| {
            let mut map: WordMap<()> = WordMap::default();
            for w in list {
                map.insert(w, ());
            }
            map
        };
        Tables {
            numbers,
            nouns,
            before: phrases(QUALIFIERS_BEFORE),
            after: phrases(QUALIFIERS_AFTER),
            fillers: set(FILLERS),
            of_words: set(OF_WORDS),
            identifiers: set(IDENTIFIERS),
        }
    })
}

/// Which mark a language writes between integer and decimal part.
fn decimal_comma(lang: Option<Lang>) -> bool {
    !matches!(
        lang.map(|l| l.code().to_string()).as_deref(),
        Some("en" | "ar" | "he" | "ja" | "zh" | "ko" | "th" | "hi" | "ms")
    )
}

/// Reads a number token ("30", "18.000", "3,5", "93%", "1,217.5", "٢٧"). Returns the value, the
/// letters or sign after the digits ("%", "km", "er"), and whether the value could be read as
/// a decimal written with thousands marks of the other convention (so a count of people that is
/// not whole can be read again as thousands).
fn read_number(norm: &str, lang: Option<Lang>) -> Option<(f64, &str, Option<f64>)> {
    let digits_end = norm
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '٫' | '٬')))
        .map_or(norm.len(), |(i, _)| i);
    let (digits, suffix) = norm.split_at(digits_end);
    if digits.is_empty() || !digits.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    // "2016/12/04", "10-15": a date, a range or a score
    if suffix.starts_with(['/', '-']) {
        return None;
    }
    let digits = digits.replace('٬', "").replace('٫', ".");
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let plain = |s: &str| s.replace([',', '.'], "").parse::<f64>().ok();
    let groups_of_three = |s: &str, sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let value = match (dots, commas) {
        (0, 0) => (digits.parse::<f64>().ok()?, None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots.max(commas);
            let thousands_read = plain(&digits);
            let decimal_read = digits.replace(sep, ".").parse::<f64>().ok();
            if count > 1 {
                if !groups_of_three(&digits, sep) {
                    return None;
                }
                (thousands_read?, None)
            } else if !groups_of_three(&digits, sep) {
                (decimal_read?, None)
            } else {
                let sep_is_decimal = (sep == ',') == decimal_comma(lang);
                if sep_is_decimal && !digits.starts_with("0") {
                    (decimal_read?, thousands_read)
                } else if sep_is_decimal {
                    (decimal_read?, None)
                } else {
                    (thousands_read?, None)
                }
            }
        }
        _ => {
            // both marks: the last one is the decimal mark
            let last = digits.rfind(['.', ',']).unwrap_or(0);
            let (int, frac) = digits.split_at(last);
            let int: String = int.chars().filter(char::is_ascii_digit).collect();
            (format!("{int}.{}", &frac[1..]).parse::<f64>().ok()?, None)
        }
    };
    Some((value.0, suffix, value.1))
}

fn is_space_between(text: &str, a: &Token, b: &Token) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or("x");
    !gap.is_empty() && gap.chars().count() == 1 && gap.chars().all(char::is_whitespace)
}

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// Finds the figures of a text. `tokens` are the text's tokens, `dates` the spans of date
/// expressions (never figures).
pub fn find_figures(
    text: &str,
    tokens: &[Token],
    lang: Option<Lang>,
    dates: &[Span],
) -> Vec<Figure> {
    let t = tables();
    let mut figures: Vec<Figure> = Vec::new();
    let in_date = |span: Span| {
        dates
            .iter()
            .any(|d| d.start < span.end && span.start < d.end)
    };
    let mut i = 0;
    while i < tokens.len() {
        let Some((figure, next)) = figure_at(text, tokens, i, lang, t, &in_date) else {
            i += 1;
            continue;
        };
        // "au moins 16 morts et 20 blessés": the qualifier covers the coordinated figure
        let mut figure = figure;
        if figure.qualifier.is_none() {
            if let Some(prev) = figures.last() {
                let between = text.get(prev.end..figure.start).unwrap_or("");
                let coordinated = between.split_whitespace().count() == 1
                    && matches!(
                        crate::token::normalize(between.trim()).as_str(),
                        "et" | "and" | "und" | "y" | "e" | "и" | "و"
                    );
                if coordinated && prev.bound != Bound::Exact && prev.qualifier.is_some() {
                    figure.bound = prev.bound;
                    figure.qualifier = prev.qualifier.clone();
                }
            }
        }
        figures.push(figure);
        i = next.max(i + 1);
    }
    figures
}

/// A number at `i`: its value, the tokens it spans, and whether it is a vague word ("dozens").
struct Numeral {
    value: f64,
    /// first token after the numeral
    next: usize,
    vague: bool,
    /// the value if the separators meant thousands after all ("1,217" in French)
    thousands: Option<f64>,
    /// unit or sign glued to the digits ("93%", "100km")
    suffix: String,
    from_digits: bool,
}

fn numeral_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
) -> Option<Numeral> {
    let tok = &tokens[i];
    let mut value;
    let mut next = i + 1;
    let mut vague = false;
    let thousands;
    let mut suffix = String::new();
    let from_digits = tok.kind == TokenKind::Number;
    // the running total and the part below the last scale word
    let mut total = 0.0;
    let mut current;
    if from_digits {
        let (v, sfx, alt) = read_number(&tok.norm, lang)?;
        value = v;
        thousands = alt;
        suffix = sfx.to_string();
        // "30 000", "1 217": groups of three after a space
        let head_len = tok.norm.len();
        if suffix.is_empty() && (1..=3).contains(&head_len) && alt.is_none() {
            let mut last = i;
            while let Some(group) = tokens.get(next) {
                if group.kind == TokenKind::Number
                    && group.norm.len() == 3
                    && group.norm.bytes().all(|b| b.is_ascii_digit())
                    && is_space_between(text, &tokens[last], group)
                {
                    value = value * 1000.0 + group.norm.parse::<f64>().unwrap_or(0.0);
                    last = next;
                    next += 1;
                } else {
                    break;
                }
            }
        }
        current = value;
    } else {
        let first = t.numbers.get(tok.norm.as_str())?;
        current = 0.0;
        let mut saw_number = false;
        let mut pending_half = false;
        let mut j = i;
        let mut article = false;
        while let Some(tk) = tokens.get(j) {
            let Some(word) = t.numbers.get(tk.norm.as_str()) else {
                // "vingt-deux", "vingt et un", "two hundred and fifty", "treinta y dos"
                let joiner = tk.kind == TokenKind::Punct && tk.norm == "-"
                    || matches!(tk.norm.as_str(), "et" | "and" | "y" | "und");
                let then_number = tokens
                    .get(j + 1)
                    .is_some_and(|n| t.numbers.contains_key(n.norm.as_str()));
                if saw_number && joiner && then_number {
                    j += 1;
                    continue;
                }
                break;
            };
            // "des millions de déplacés": a plural scale word with no number before is vague
            let word = match *word {
                NumWord::Scale(s)
                    if !saw_number && !SINGULAR_SCALES.contains(&tk.norm.as_str()) =>
                {
                    &NumWord::Vague(s)
                }
                _ => word,
            };
            match *word {
                NumWord::Unit {
                    value: v,
                    article: a,
                } => {
                    if saw_number && !pending_half && (1.0..20.0).contains(&current) {
                        break; // "deux trois" is not one number
                    }
                    article = a && !saw_number;
                    current += v;
                }
                NumWord::Hundred => current = current.max(1.0) * 100.0,
                NumWord::Dozen => current = current.max(1.0) * 12.0,
                NumWord::Scale(s) => {
                    let base = if pending_half { 0.5 } else { current.max(1.0) };
                    let base = if pending_half && current > 1.0 {
                        current * 0.5
                    } else {
                        base
                    };
                    total += base * s;
                    current = 0.0;
                    pending_half = false;
                    article = false;
                }
                NumWord::Vague(unit) => {
                    if saw_number && current > 0.0 {
                        // "trois milliers" reads as a scale
                        total += current * unit;
                        current = 0.0;
                    } else {
                        vague = true;
                        current = 2.0 * unit;
                    }
                    article = false;
                }
                NumWord::Half => {
                    pending_half = true;
                    article = false;
                }
            }
            saw_number = true;
            j += 1;
        }
        if !saw_number || (article && total == 0.0) || (pending_half && total == 0.0) {
            return None;
        }
        // a lone "un"/"a" never; a lone article-like word before a scale was consumed above
        if matches!(first, NumWord::Unit { article: true, .. }) && total == 0.0 && current <= 1.0 {
            return None;
        }
        next = j;
        value = total + current;
        return Some(Numeral {
            value,
            next,
            vague,
            thousands: None,
            suffix,
            from_digits,
        });
    }
    // digits followed by scale words: "3,5 millions", "50 тысяч", "ثلاثة آلاف"
    let mut scaled = false;
    while let Some(tk) = tokens.get(next) {
        match t.numbers.get(tk.norm.as_str()) {
            Some(NumWord::Scale(s)) => {
                total += current.max(1.0) * s;
                current = 0.0;
                scaled = true;
                next += 1;
            }
            Some(NumWord::Hundred) if !scaled => {
                current *= 100.0;
                next += 1;
            }
            _ => break,
        }
    }
    // "$5bn", "10k"
    let glued_scale = match suffix.as_str() {
        "k" => Some(1e3),
        "bn" | "mrd" => Some(1e9),
        "mn" | "mln" => Some(1e6),
        _ => None,
    };
    if let Some(s) = glued_scale {
        current *= s;
        suffix.clear();
    }
    Some(Numeral {
        value: total + current,
        next,
        vague,
        thousands: if scaled { None } else { thousands },
        suffix,
        from_digits,
    })
}

fn figure_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lang: Option<Lang>,
    t: &Tables,
    in_date: &dyn Fn(Span) -> bool,
) -> Option<(Figure, usize)> {
    let tok = &tokens[i];
    if tok.kind == TokenKind::Punct {
        return None;
    }
    if tok.kind == TokenKind::Word && !t.numbers.contains_key(tok.norm.as_str()) {
        return None;
    }
    if in_date(tok.span) {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    if tok.kind == TokenKind::Number {
        if let Some(p) = prev {
            // "COVID-19", "Su-24", "+33", "n°5", "#3": inside a name or an identifier
            if adjacent(p, tok)
                && (p.kind == TokenKind::Word
                    || matches!(
                        p.norm.as_str(),
                        "-" | "+" | "#" | "°" | "№" | "/" | ":" | "."
                    ))
            {
                return None;
            }
            if t.identifiers.contains_key(p.norm.as_str()) {
                return None;
            }
        }
    }
    let num = numeral_at(text, tokens, i, lang, t)?;
    let mut next = num.next;
    if num.from_digits {
        let last = &tokens[next - 1];
        // times "10:30", "21h13", scores "2-1" handled by the reader; a following ":" digit
        if let (Some(colon), Some(after)) = (tokens.get(next), tokens.get(next + 1)) {
            if colon.norm == ":"
                && adjacent(last, colon)
                && adjacent(colon, after)
                && after.kind == TokenKind::Number
            {
                return None;
            }
        }
        // phone numbers and codes: a run of numbers with only spaces between
        if let (Some(a), Some(b)) = (tokens.get(next), tokens.get(next + 1)) {
            if a.kind == TokenKind::Number && b.kind == TokenKind::Number {
                return None;
            }
        }
        if let Some(p) = prev {
            if p.kind == TokenKind::Number && is_space_between(text, p, tok) {
                return None;
            }
        }
        // ordinals and times glued to the digits
        let s = num.suffix.as_str();
        let is_ordinal = matches!(
            s,
            "er" | "re"
                | "e"
                | "eme"
                | "ere"
                | "nd"
                | "rd"
                | "th"
                | "st"
                | "o"
                | "a"
                | "º"
                | "ª"
                | "te"
                | "ten"
        );
        if is_ordinal || s.starts_with('h') && s != "ha" || s == "am" || s == "pm" {
            return None;
        }
        // German ordinals "3." are left alone: "am 3. Mai" is a date anyway
    }

    // what the number says it is: sign or unit glued or following, currency before
    let mut kind: Option<FigureKind> = None;
    let mut unit: Option<String> = None;
    let mut counts: Option<Span> = None;
    let mut end = tokens[next - 1].span.end;
    let mut start = tok.span.start;

    match num.suffix.as_str() {
        "" => {}
        "%" => kind = Some(FigureKind::Percent),
        s => match t.nouns.get(s) {
            Some(Noun::Unit(k)) => {
                kind = Some(*k);
                counts = Some(Span::new(
                    tok.span.start + tok.norm.len() - s.len(),
                    tok.span.end,
                ));
            }
            Some(Noun::Currency(code)) => {
                kind = Some(FigureKind::Money);
                unit = Some((*code).to_string());
            }
            _ => return None,
        },
    }
    // currency sign before: "$5", "€ 3,5 milliards", "US$"
    if let Some(p) = prev {
        if let Some(Noun::Currency(code)) = t.nouns.get(p.norm.as_str()) {
            if p.kind == TokenKind::Punct && kind.is_none() {
                kind = Some(FigureKind::Money);
                unit = Some((*code).to_string());
                start = p.span.start;
            }
        }
    }
    // after: percent, currency, unit, scale-less "de", fillers, the counted noun
    if kind.is_none() {
        if let Some(after) = tokens.get(next) {
            match t.nouns.get(after.norm.as_str()) {
                Some(Noun::Percent) => {
                    kind = Some(FigureKind::Percent);
                    end = after.span.end;
                    next += 1;
                }
                Some(Noun::Currency(code)) => {
                    kind = Some(FigureKind::Money);
                    unit = Some((*code).to_string());
                    end = after.span.end;
                    next += 1;
                }
                _ => {}
            }
            // "pour cent", "per cent", "por ciento", "في المئة"
            if kind.is_none() {
                if let Some(second) = tokens.get(next + 1) {
                    let pair = (after.norm.as_str(), second.norm.as_str());
                    if matches!(
                        pair,
                        ("pour", "cent")
                            | ("per", "cent")
                            | ("por", "ciento")
                            | ("por", "cento")
                            | ("per", "cento")
                            | ("في", "الميه")
                            | ("في", "المايه")
                    ) {
                        kind = Some(FigureKind::Percent);
                        end = second.span.end;
                        next += 2;
                    }
                }
            }
        }
    }
    // the noun counted: after percents and money too ("93% des quartiers", "$5 of aid" no)
    let mut j = next;
    // "de", "of" after a scale or vague word or a percent: "3,5 millions de déplacés"
    let scaled_words = tokens[i..num.next].iter().any(|tk| {
        matches!(
            t.numbers.get(tk.norm.as_str()),
            Some(NumWord::Scale(_) | NumWord::Vague(_) | NumWord::Dozen | NumWord::Hundred)
        )
    });
    if let Some(tk) = tokens.get(j) {
        // Arabic counts right after the scale word (ألف شخص); "من" after it is "from"
        if t.of_words.contains_key(tk.norm.as_str())
            && tk.norm != "من"
            && (scaled_words || num.vague || kind == Some(FigureKind::Percent))
        {
            j += 1;
            while tokens
                .get(j)
                .is_some_and(|a| matches!(a.norm.as_str(), "'" | "’"))
            {
                j += 1;
            }
            // "des dizaines de milliers de": the scale after the vague word
            if let Some(NumWord::Scale(_) | NumWord::Vague(_)) =
                tokens.get(j).and_then(|a| t.numbers.get(a.norm.as_str()))
            {
                // handled below by multiplying
            }
        }
    }
    let mut value = num.value;
    // "des dizaines de milliers", "tens of thousands", "عشرات الآلاف"
    if num.vague {
        if let Some(NumWord::Scale(s) | NumWord::Vague(s)) =
            tokens.get(j).and_then(|a| t.numbers.get(a.norm.as_str()))
        {
            value *= s;
            j += 1;
            if tokens
                .get(j)
                .is_some_and(|a| t.of_words.contains_key(a.norm.as_str()))
            {
                j += 1;
            }
        }
    }
    if tokens
        .get(j)
        .is_some_and(|a| t.fillers.contains_key(a.norm.as_str()))
    {
        j += 1;
    }
    let mut noun_kind: Option<Noun> = None;
    if kind != Some(FigureKind::Money) || j > next {
        if let Some((span, nk, after)) =
            counted_noun(text, tokens, j, t, lang.is_some_and(|l| l.code() == "en"))
        {
            // "à 21 heures", "um 10 Uhr": a time of day
            if nk == Some(Noun::Hour) {
                return None;
            }
            if let Some(Noun::Unit(FigureKind::Duration)) = nk {
                let at = prev.map(|p| p.norm.as_str());
                let hour_word = matches!(
                    tokens[after - 1].norm.as_str(),
                    "heure" | "heures" | "hour" | "hours" | "hora" | "horas" | "часов" | "часа"
                );
                let time_word = matches!(
                    at,
                    Some(
                        "a" | "at"
                            | "um"
                            | "las"
                            | "в"
                            | "vers"
                            | "gegen"
                            | "hacia"
                            | "к"
                            | "около"
                            | "around"
                            | "towards"
                    )
                );
                if hour_word && num.value <= 24.0 && time_word {
                    return None;
                }
            }
            counts = Some(span);
            noun_kind = nk;
            end = span.end;
            next = after;
        }
    }
    if let Some(Noun::Currency(code)) = noun_kind {
        kind = Some(FigureKind::Money);
        unit = Some(code.to_string());
        counts = None;
    }
    let kind = match (kind, noun_kind) {
        (Some(k), _) => k,
        (None, Some(Noun::People)) => FigureKind::People,
        (None, Some(Noun::Unit(k))) => k,
        (None, _) if counts.is_some() => FigureKind::Count,
        _ => return None,
    };
    // years are not figures unless they count something known ("2000 morts")
    let year_like = num.from_digits
        && (1000.0..=2100.0).contains(&num.value)
        && tok.norm.len() == 4
        && num.next == i + 1;
    if year_like
        && !(matches!(
            noun_kind,
            Some(Noun::People | Noun::Unit(_) | Noun::Currency(_))
        ) || kind == FigureKind::Percent)
    {
        return None;
    }
    // a count of people is whole: "1,217 combattants" in French means 1217
    if kind == FigureKind::People && value.fract() != 0.0 {
        if let Some(alt) = num.thousands {
            value = alt;
        }
    }

    // the qualifier: before ("au moins", "plus d'un demi-million"), or after the counted noun
    let mut bound = if num.vague { Bound::Min } else { Bound::Exact };
    let mut qualifier: Option<String> = None;
    if let Some((q_start, b)) = qualifier_before(text, tokens, i, t) {
        bound = b;
        qualifier = Some(
            text[q_start..tokens[i].span.start]
                .trim_end()
                .trim_end_matches(['\'', '’'])
                .to_string(),
        );
        start = start.min(q_start);
    } else if let Some((q_end, b, q_start)) = qualifier_after(tokens, next, t) {
        bound = b;
        qualifier = Some(text[q_start..q_end].to_string());
        end = q_end;
    }
    if num.vague && qualifier.is_none() {
        qualifier = Some(text[tok.span.start..tokens[num.next - 1].span.end].to_string());
    }
    let counts_text = counts.map(|s| text[s.start..s.end].to_string());
    let figure = Figure {
        value,
        counts: counts_text,
        qualifier,
        bound,
        kind,
        unit,
        text: text[start..end].to_string(),
        start,
        end,
    };
    Some((figure, next))
}

fn is_cased_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| !c.is_uppercase())
}

/// A known noun, also in the German dative plural ("Flüchtlingen", "Kindern").
fn noun(t: &Tables, norm: &str) -> Option<Noun> {
    t.nouns.get(norm).copied().or_else(|| {
        let stem = norm.strip_suffix('n')?;
        match t.nouns.get(stem) {
            Some(Noun::People) if stem.chars().count() >= 4 => Some(Noun::People),
            _ => None,
        }
    })
}

/// The noun phrase a number counts, from token `j`: up to three content words ending at a known
/// noun, or the first content word; then an "of" complement of up to two content words
/// ("combattants du HTS", "عنصراً من قوات النظام"). Returns its span, the kind of its known noun,
/// and the token after it.
fn counted_noun(
    text: &str,
    tokens: &[Token],
    j: usize,
    t: &Tables,
    english: bool,
) -> Option<(Span, Option<Noun>, usize)> {
    let content = |k: usize| -> bool {
        tokens.get(k).is_some_and(|tk| {
            tk.kind == TokenKind::Word
                && !crate::lang::is_function_word(&tk.norm)
                && !STOPS.contains(&tk.norm.as_str())
                && !crate::dates::is_date_word(&tk.norm)
                && !t.numbers.contains_key(tk.norm.as_str())
                && t.nouns.get(tk.norm.as_str()) != Some(&Noun::Percent)
        })
    };
    let first = tokens.get(j)?;
    if !content(j) {
        // a known unit that is also a function word elsewhere ("an", "m", "t")
        if let Some(n @ (Noun::Unit(_) | Noun::People | Noun::Currency(_) | Noun::Hour)) =
            t.nouns.get(first.norm.as_str())
        {
            if first.kind == TokenKind::Word {
                return Some((first.span, Some(*n), j + 1));
            }
        }
        return None;
    }
    let mut last = j;
    let mut known = noun(t, &first.norm);
    // Russian past-tense verbs ("700 тысяч покинули") count nothing
    if known.is_none()
        && first.norm.ends_with("ли")
        && first.norm.chars().all(|c| ('а'..='я').contains(&c))
    {
        return None;
    }
    if known.is_none() {
        // "syrischen Flüchtlinge", "water bombers", "government soldiers": words up to a known
        // noun; in English a run of lowercase nouns is a compound
        let english_compound = |k: usize| {
            let w = &tokens[k].norm;
            english
                && w.is_ascii()
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && !w.ends_with("ly")
                && is_cased_lower(&text[tokens[k].span.start..tokens[k].span.end])
        };
        let mut compound = last;
        for k in j + 1..j + 3 {
            if !content(k) {
                break;
            }
            if let Some(n) = noun(t, &tokens[k].norm) {
                known = Some(n);
                last = k;
                break;
            }
            if !is_cased_lower(&text[tokens[k].span.start..tokens[k].span.end]) {
                break;
            }
            if compound == k - 1 && english_compound(k) && english_compound(j) {
                compound = k;
            }
        }
        if known.is_none() {
            last = compound;
        }
    }
    // Russian adjective + noun: "мирных жителей"
    if last == j
        && first.norm.chars().all(|c| ('а'..='я').contains(&c))
        && ["ых", "их", "ои", "ыи", "ии", "ая", "ое", "ые"]
            .iter()
            .any(|e| first.norm.ends_with(e))
        && content(j + 1)
    {
        last = j + 1;
        if let Some(n) = t.nouns.get(tokens[j + 1].norm.as_str()) {
            known = Some(*n);
        }
    }
    let mut after = last + 1;
    // "of" complement, not for units ("100 km de la ville" is not what is counted)
    if !matches!(known, Some(Noun::Unit(_) | Noun::Currency(_) | Noun::Hour)) {
        if let Some(of) = tokens.get(after) {
            if t.of_words.contains_key(of.norm.as_str()) {
                let mut k = after + 1;
                while tokens
                    .get(k)
                    .is_some_and(|a| matches!(a.norm.as_str(), "'" | "’"))
                {
                    k += 1;
                }
                // "du HTS", "of the army", "من قوات النظام"
                if tokens.get(k).is_some_and(|a| {
                    matches!(
                        a.norm.as_str(),
                        "the" | "la" | "l" | "les" | "der" | "die" | "el" | "los"
                    )
                }) {
                    k += 1;
                    while tokens
                        .get(k)
                        .is_some_and(|a| matches!(a.norm.as_str(), "'" | "’"))
                    {
                        k += 1;
                    }
                }
                let mut taken = 0;
                while taken < 2 && content(k) {
                    last = k;
                    k += 1;
                    taken += 1;
                }
                if taken > 0 {
                    after = last + 1;
                }
            }
        }
    }
    Some((
        Span::new(first.span.start, tokens[last].span.end),
        known,
        after,
    ))
}

/// A qualifier phrase ending right before token `i`: its start offset and bound.
fn qualifier_before(text: &str, tokens: &[Token], i: usize, t: &Tables) -> Option<(usize, Bound)> {
    // the words before `i`, nearest first, skipping apostrophes and hyphens ("plus d'un")
    let mut words: Vec<&Token> = Vec::with_capacity(4);
    let mut k = i;
    while k > 0 && words.len() < 4 {
        k -= 1;
        let tk = &tokens[k];
        if tk.kind == TokenKind::Punct {
            if matches!(tk.norm.as_str(), "'" | "’") {
                continue;
            }
            break;
        }
        words.push(tk);
    }
    let _ = text;
    for (phrase, bound) in &t.before {
        let n = phrase.len();
        if n > words.len() {
            continue;
        }
        let matches = phrase
            .iter()
            .rev()
            .zip(words.iter())
            .all(|(p, w)| *p == w.norm);
        if matches {
            return Some((words[n - 1].span.start, *bound));
        }
    }
    None
}

/// A qualifier phrase starting at token `k` ("على الأقل", "at least"): its end, bound and start.
fn qualifier_after(tokens: &[Token], k: usize, t: &Tables) -> Option<(usize, Bound, usize)> {
    for (phrase, bound) in &t.after {
        let n = phrase.len();
        let Some(words) = tokens.get(k..k + n) else {
            continue;
        };
        if words.iter().zip(phrase).all(|(w, p)| w.norm == *p) {
            return Some((words[n - 1].span.end, *bound, words[0].span.start));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn figures(text: &str, lang: &str) -> Vec<Figure> {
        find_figures(text, &tokenize(text), Lang::parse(lang), &[])
    }

    fn one(text: &str, lang: &str) -> Figure {
        let found = figures(text, lang);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn thousands_in_every_writing() {
        for (text, lang) in [
            ("Quelque 30 000 habitants ont fui.", "fr"),
            ("Quelque 30.000 habitants ont fui.", "fr"),
            ("Some 30,000 residents fled.", "en"),
            ("Rund 30.000 Einwohner flohen.", "de"),
            ("Unos 30 mil habitantes huyeron.", "es"),
            ("Около 30 тысяч жителей бежали.", "ru"),
            ("فر نحو ٣٠ ألف مدني من المدينة.", "ar"),
        ] {
            let f = one(text, lang);
            assert_eq!(f.value, 30_000.0, "{text}");
            assert_eq!(f.kind, FigureKind::People, "{text}");
            assert_eq!(f.bound, Bound::About, "{text}");
        }
    }

    #[test]
    fn a_space_between_thousands_joins_the_groups() {
        let f = one("Au total, 1 217 combattants ont rendu les armes.", "fr");
        assert_eq!(f.value, 1217.0);
        assert_eq!(f.counts.as_deref(), Some("combattants"));
        assert_eq!(f.text, "1 217 combattants");
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(one("3,5 millions de déplacés", "fr").value, 3_500_000.0);
        assert_eq!(one("3.5 million displaced people", "en").value, 3_500_000.0);
        assert_eq!(one("18.000 civils", "fr").value, 18_000.0);
        assert_eq!(
            one("1.217 fighters", "en").value,
            1217.0,
            "a count of people is whole"
        );
    }

    #[test]
    fn percents_money_distances_durations() {
        let f = one("Les troupes ont repris 93% des quartiers.", "fr");
        assert_eq!((f.value, f.kind), (93.0, FigureKind::Percent));
        assert_eq!(f.counts.as_deref(), Some("quartiers"));
        assert_eq!(one("une hausse de 4,5 pour cent", "fr").value, 4.5);
        let f = one("an aid package of $5bn", "en");
        assert_eq!(
            (f.value, f.kind, f.unit.as_deref()),
            (5e9, FigureKind::Money, Some("USD"))
        );
        let f = one("une aide de 3 millions d'euros", "fr");
        assert_eq!((f.value, f.kind), (3e6, FigureKind::Money));
        assert_eq!(
            one("sur plus de 100 kilomètres", "fr").kind,
            FigureKind::Distance
        );
        assert_eq!(one("в течение трех дней", "ru").kind, FigureKind::Duration);
        assert_eq!(one("au cours des deux derniers jours", "fr").value, 2.0);
    }

    #[test]
    fn number_words() {
        assert_eq!(one("trois soldats", "fr").value, 3.0);
        assert_eq!(one("a dozen soldiers were hurt", "en").value, 12.0);
        let f = one("plus d'un demi-million de morts", "fr");
        assert_eq!((f.value, f.bound), (500_000.0, Bound::Min));
        assert_eq!(f.qualifier.as_deref(), Some("plus d"));
        assert_eq!(f.counts.as_deref(), Some("morts"));
        let f = one("des dizaines de milliers de manifestants", "fr");
        assert_eq!((f.value, f.bound), (20_000.0, Bound::Min));
        assert_eq!(one("twenty-two people", "en").value, 22.0);
        assert!(figures("un commandant rebelle a été blessé", "fr").is_empty());
    }

    #[test]
    fn qualifiers_before_and_after() {
        let f = one("قتل ٢٧ عنصراً من قوات النظام على الأقل", "ar");
        assert_eq!(f.value, 27.0);
        assert_eq!(f.counts.as_deref(), Some("عنصراً من قوات النظام"));
        assert_eq!(f.qualifier.as_deref(), Some("على الأقل"));
        assert_eq!(f.bound, Bound::Min);
        let found = figures("provoquant au moins 16 morts et 20 blessés", "fr");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].bound, Bound::Min, "the qualifier covers both");
        let f = one("не менее 40 человек погибли", "ru");
        assert_eq!((f.value, f.bound), (40.0, Bound::Min));
        let f = one("mindestens 16 Menschen starben", "de");
        assert_eq!(
            (f.value, f.bound, f.kind),
            (16.0, Bound::Min, FigureKind::People)
        );
    }

    #[test]
    fn dates_times_phones_ordinals_names_are_not_figures() {
        for (text, lang) in [
            ("Le régime a repris la ville en 2016 avec ses alliés.", "fr"),
            ("Mise à jour à 21h13 avec la déclaration.", "fr"),
            ("The meeting starts at 10:30 in Geneva.", "en"),
            ("Appelez le 01 23 45 67 89 pour plus d'informations.", "fr"),
            ("le 1er régiment a quitté la ville", "fr"),
            ("Les cas de COVID-19 augmentent.", "fr"),
            ("la résolution 2254 du Conseil de sécurité", "fr"),
            ("Rendez-vous à 15 heures devant la mairie.", "fr"),
            ("Treffen um 10 Uhr am Rathaus.", "de"),
        ] {
            assert!(
                figures(text, lang).is_empty(),
                "{text}: {:#?}",
                figures(text, lang)
            );
        }
        let text = "Le 30 novembre, 20 000 personnes ont fui.";
        let dates = [Span::new(3, 14)];
        let found = find_figures(text, &tokenize(text), Lang::parse("fr"), &dates);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 20_000.0);
        assert_eq!(found[0].counts.as_deref(), Some("personnes"));
    }

    #[test]
    fn years_count_only_known_things() {
        assert_eq!(one("Le séisme a fait 2000 morts.", "fr").value, 2000.0);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Selon l'ONG, au moins ٢٧ عنصراً et 1 217 combattants; 93 % des quartiers.";
        for f in figures(text, "fr") {
            assert_eq!(&text[f.start..f.end], f.text);
        }
    }
}
