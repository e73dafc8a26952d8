//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per `<item>` or `<entry>`.
//!
//! A linear scan for the few elements a news feed uses, never an XML parser: no DTD is read, no
//! entity but the five predefined ones and numeric references is expanded, so a billion-laughs
//! or an external-entity feed is plain text (its `<!ENTITY` declarations are ignored). An item
//! keeps its title, link, date, author, and its text: `content:encoded` (or Atom `content`) when
//! present, else the description/summary, with the HTML in it reduced to text.

use recoupe_core::{Date, Diagnostic, RawArticle};

use crate::charref::decode_entities;
use crate::html::strip_tags;

/// One item of a feed: the article as the feed tells it, and the link to the full page.
#[derive(Clone, Debug, Default)]
pub struct FeedItem {
    pub article: RawArticle,
    /// The item's link (Atom `<link href>` with `rel="alternate"` or none, RSS `<link>`).
    pub link: Option<String>,
    /// `<guid>` or Atom `<id>`, else the link.
    pub guid: Option<String>,
}

/// Whether these bytes look like a feed (an `<rss`, `<feed` or `<rdf:RDF` root near the start).
pub fn is_feed(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

/// The feed's title and items, at most `max_items`.
pub fn read_feed(source: &str, text: &str, max_items: usize) -> (Vec<FeedItem>, Vec<String>) {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let site = element(text, &["title"]).map(|t| clean_inline(&t));
    let mut rest = text;
    let mut n = 0;
    while let Some((body, after)) = next_block(rest, &["item", "entry"]) {
        rest = after;
        n += 1;
        if items.len() >= max_items {
            problems.push(format!(
                "more than {max_items} items in the feed, the rest skipped"
            ));
            break;
        }
        let title = element(body, &["title"])
            .map(|t| clean_inline(&t))
            .unwrap_or_default();
        let content = element(body, &["content:encoded", "content"])
            .or_else(|| element(body, &["description", "summary"]))
            .map(|c| strip_tags(&unwrap_cdata(&c)))
            .unwrap_or_default();
        let link = atom_link(body).or_else(|| element(body, &["link"]).map(|l| clean_inline(&l)));
        let link = link.filter(|l| !l.is_empty());
        let guid = element(body, &["guid", "id"])
            .map(|g| clean_inline(&g))
            .or_else(|| link.clone());
        let date_text = element(
            body,
            &["pubDate", "published", "dc:date", "updated", "a10:updated"],
        )
        .map(|d| clean_inline(&d));
        let mut diagnostics = Vec::new();
        let published = date_text.as_deref().and_then(|d| {
            let parsed = parse_feed_date(d);
            if parsed.is_none() {
                diagnostics.push(Diagnostic::new(
                    "ingest",
                    format!("feed date \"{d}\" not understood"),
                ));
            }
            parsed
        });
        let byline = element(body, &["dc:creator", "author"])
            .map(|a| clean_inline(&element(&a, &["name"]).unwrap_or(a)));
        if title.is_empty() && content.trim().is_empty() {
            problems.push(format!("item {n}: no title and no text"));
            continue;
        }
        items.push(FeedItem {
            article: RawArticle {
                source: format!("{source}#{n}"),
                title,
                body: content,
                url: link.clone(),
                site: site.clone(),
                byline: byline.filter(|b| !b.is_empty()),
                published,
                diagnostics,
                ..RawArticle::default()
            },
            link,
            guid,
        });
    }
    if n == 0 {
        problems.push("no <item> or <entry> in the feed".into());
    }
    (items, problems)
}

/// The next `<name ...>...</name>` block for one of `names`: its inside and the text after it.
fn next_block<'a>(text: &'a str, names: &[&str]) -> Option<(&'a str, &'a str)> {
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        if let Some(at) = find_open(text, name) {
            if best.is_none_or(|(b, _)| at < b) {
                best = Some((at, name));
            }
        }
    }
    let (start, name) = best?;
    let open_end = start + text[start..].find('>')? + 1;
    let close = format!("</{name}>");
    match text[open_end..].find(&close) {
        Some(end) => Some((
            &text[open_end..open_end + end],
            &text[open_end + end + close.len()..],
        )),
        None => Some((&text[open_end..], "")),
    }
}

/// Where `<name` opens as an element (followed by `>`, a space or `/`).
fn find_open(text: &str, name: &str) -> Option<usize> {
    let pattern = format!("<{name}");
    let mut from = 0;
    while let Some(at) = text[from..].find(&pattern) {
        let at = from + at;
        let next = text[at + pattern.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '/' | '\t' | '\n' | '\r')) {
            return Some(at);
        }
        from = at + pattern.len();
    }
    None
}

/// The inside of the first element named one of `names` (in that order of preference).
fn element(text: &str, names: &[&str]) -> Option<String> {
    for name in names {
        if let Some(at) = find_open(text, name) {
            let open_end = at + text[at..].find('>')? + 1;
            if text[..open_end].ends_with("/>") {
                continue;
            }
            let close = format!("</{name}>");
            let end = text[open_end..].find(&close)?;
            return Some(text[open_end..open_end + end].to_string());
        }
    }
    None
}

/// Atom: `<link href="…">` that is the alternate (or has no rel).
fn atom_link(entry: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = find_open(&entry[from..], "link") {
        let at = from + at;
        let end = at + entry[at..].find('>')?;
        let tag = &entry[at..end];
        from = end;
        let rel = attribute(tag, "rel");
        if rel.as_deref().is_some_and(|r| r != "alternate") {
            continue;
        }
        if let Some(href) = attribute(tag, "href") {
            return Some(decode_entities(&href));
        }
    }
    None
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    for quote in ['"', '\''] {
        let pattern = format!("{name}={quote}");
        let mut from = 0;
        while let Some(at) = tag[from..].find(&pattern) {
            let at = from + at;
            let preceded = tag[..at].ends_with([' ', '\t', '\n', '\r']);
            let start = at + pattern.len();
            if preceded {
                let end = tag[start..].find(quote)?;
                return Some(tag[start..start + end].to_string());
            }
            from = start;
        }
    }
    None
}

fn unwrap_cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<![CDATA[") {
        // outside CDATA, entities are escaped markup: decode them so the HTML can be stripped
        out.push_str(&decode_entities(&rest[..at]));
        let inner = &rest[at + 9..];
        match inner.find("]]>") {
            Some(end) => {
                out.push_str(&inner[..end]);
                rest = &inner[end + 3..];
            }
            None => {
                out.push_str(inner);
                rest = "";
            }
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

/// Text of a one-line element: CDATA unwrapped, tags dropped, entities decoded, spaces folded.
fn clean_inline(text: &str) -> String {
    let text = strip_tags(&unwrap_cdata(text));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 822 dates of RSS ("Sat, 30 Nov 2019 10:00:00 +0000", two-digit years too) and the ISO
/// dates of Atom and Dublin Core. The day as written (no time-zone shift).
pub fn parse_feed_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = text.get(..10).and_then(Date::parse_iso) {
        return Some(date);
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let start = usize::from(words.first()?.chars().all(char::is_alphabetic));
    let day: u8 = words.get(start)?.parse().ok()?;
    let month = words.get(start + 1)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as u8 + 1;
    let year: i32 = words.get(start + 2)?.parse().ok()?;
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        _ => year,
    };
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_dates_in_both_writings() {
        assert_eq!(
            parse_feed_date("Sat, 30 Nov 2019 10:00:00 +0000"),
            Date::new(2019, 11, 30)
        );
        assert_eq!(
            parse_feed_date("4 Dec 16 08:00 GMT"),
            Date::new(2016, 12, 4)
        );
        assert_eq!(
            parse_feed_date("2024-03-05T10:00:00+01:00"),
            Date::new(2024, 3, 5)
        );
        assert_eq!(parse_feed_date("yesterday"), None);
    }
}
