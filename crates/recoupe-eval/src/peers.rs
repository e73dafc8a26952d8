//! recoupe's language identification beside its peers, on the same texts: the BSNLP dev
//! articles whole and their paragraphs, by recoupe, whatlang (the trigram detector recoupe
//! calls after its function-word vote), lingua (75 languages) and py3langid. The two Python
//! peers' answers are read from `target/langid-peers.tsv`, written by `tools/langid_peers.py`
//! (or the file `RECOUPE_LANGID_PEERS` names); without it, only recoupe and whatlang are shown.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use recoupe_core::{analyze, Lang};

use crate::real::bsnlp_articles;

/// A paragraph is a line of the body of this many characters or more (as the Python tool cuts).
const MIN_PARAGRAPH: usize = 40;

/// The detectors, in the order of the table's columns.
const DETECTORS: [&str; 4] = ["recoupe", "whatlang", "lingua", "py3langid"];

/// Answers of the Python peers by (file's path within the data set, paragraph number).
type PeerAnswers = HashMap<(String, usize), (String, String)>;

/// The path of a raw file within `bsnlp-dev/` (the tool and this code may be run from
/// different directories).
fn within(path: &str) -> String {
    path.rsplit_once("bsnlp-dev/")
        .map_or(path, |(_, rest)| rest)
        .to_string()
}

fn read_peers(root: &Path) -> Option<PeerAnswers> {
    let path = std::env::var_os("RECOUPE_LANGID_PEERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/langid-peers.tsv"));
    let text = std::fs::read_to_string(path).ok()?;
    let mut answers = HashMap::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [_, path, n, lingua, langid] = fields[..] {
            let n: usize = n.parse().unwrap_or(0);
            answers.insert((within(path), n), (lingua.to_string(), langid.to_string()));
        }
    }
    Some(answers)
}

fn whatlang_of(text: &str) -> String {
    whatlang::detect(text)
        .and_then(|info| Lang::from_iso639_3(info.lang().code()))
        .map_or("none".into(), |l| l.to_string())
}

/// Per level and gold language: texts, then how many each detector got right.
type Tally = BTreeMap<(&'static str, String), (usize, [usize; 4])>;

pub fn side_by_side(report: &mut String, shared: &Path, root: &Path) -> Result<()> {
    let data = shared.join("data/entities/bsnlp-dev");
    let articles = bsnlp_articles(&data)?;
    let peers = read_peers(root);
    let mut tally: Tally = BTreeMap::new();
    let mut count = |level: &'static str, gold: &str, said: [&str; 4]| {
        let entry = tally.entry((level, gold.to_string())).or_default();
        entry.0 += 1;
        for (right, s) in entry.1.iter_mut().zip(said) {
            *right += usize::from(s == gold);
        }
    };
    for raw in &articles {
        let path = within(&raw.source);
        let (_, gold) = crate::real::bsnlp_origin(&raw.source);
        let peer = |n: usize| {
            peers
                .as_ref()
                .and_then(|p| p.get(&(path.clone(), n)).cloned())
                .unwrap_or(("-".into(), "-".into()))
        };
        let article = format!("{}\n{}", raw.title, raw.body);
        let recoupe = analyze(raw)
            .language
            .map_or("none".into(), |l| l.to_string());
        let (lingua, langid) = peer(0);
        count(
            "article",
            &gold,
            [&recoupe, &whatlang_of(&article), &lingua, &langid],
        );
        let paragraphs = raw
            .body
            .split('\n')
            .map(str::trim)
            .filter(|l| l.chars().count() >= MIN_PARAGRAPH);
        for (n, paragraph) in paragraphs.enumerate() {
            let recoupe = recoupe_core::lang::detect_language(paragraph)
                .map_or("none".into(), |g| g.lang.to_string());
            let (lingua, langid) = peer(n + 1);
            count(
                "paragraph",
                &gold,
                [&recoupe, &whatlang_of(paragraph), &lingua, &langid],
            );
        }
    }
    writeln!(
        report,
        "## Side by side on the same texts: recoupe, whatlang, lingua, py3langid\n"
    )?;
    writeln!(report, "The {} BSNLP dev articles (all three topics), each whole (title and body) and each line of its body of", articles.len())?;
    writeln!(report, "{MIN_PARAGRAPH} characters or more as a paragraph. *recoupe*: the article's language as `recoupe analyze` gives it, a")?;
    writeln!(report, "paragraph's by `lang::detect_language`; *whatlang*: the trigram detector alone (0.18, 69 languages); *lingua*:")?;
    writeln!(report, "lingua-py 2 with all 75 languages, high accuracy; *py3langid*: 97 languages. The two Python peers run from")?;
    writeln!(
        report,
        "`tools/langid_peers.py`; \"-\" where it was not run.\n"
    )?;
    if peers.is_none() {
        writeln!(report, "(target/langid-peers.tsv is missing: lingua and py3langid were not measured in this run.)\n")?;
    }
    for level in ["article", "paragraph"] {
        writeln!(report, "### {level}s\n")?;
        writeln!(report, "| language | texts | {} |", DETECTORS.join(" | "))?;
        writeln!(report, "|---|---|---|---|---|---|")?;
        let (mut all, mut right) = (0usize, [0usize; 4]);
        for ((l, gold), (n, ok)) in &tally {
            if *l != level {
                continue;
            }
            all += n;
            for (r, o) in right.iter_mut().zip(ok) {
                *r += o;
            }
            let cells: Vec<String> = ok
                .iter()
                .map(|o| format!("{:.4}", *o as f64 / *n as f64))
                .collect();
            writeln!(report, "| {gold} | {n} | {} |", cells.join(" | "))?;
        }
        let cells: Vec<String> = right
            .iter()
            .map(|o| format!("**{:.4}**", *o as f64 / all.max(1) as f64))
            .collect();
        writeln!(report, "| **all** | {all} | {} |\n", cells.join(" | "))?;
    }
    Ok(())
}
