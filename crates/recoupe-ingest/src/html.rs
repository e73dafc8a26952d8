//! HTML pages: main text and metadata, by `trafilatura` (a port of the trafilatura extractor:
//! DOM heuristics that drop navigation, related links, comments and share widgets; metadata from
//! meta tags, OpenGraph and JSON-LD). Before the DOM is built, a linear scan measures the
//! nesting depth: html5ever is quadratic in depth, so a page nested deeper than the cap is read
//! as plain text instead, with a diagnostic.

use encoding_rs::Encoding;
use recoupe_core::{Date, Diagnostic, Lang, RawArticle};

use crate::Caps;

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// Main text and metadata of a page.
pub fn read_html(source: &str, html: &str, caps: &Caps) -> RawArticle {
    let mut article = RawArticle {
        source: source.to_string(),
        ..RawArticle::default()
    };
    let depth = max_nesting_depth(html);
    if depth > caps.max_html_depth {
        article.diagnostics.push(Diagnostic::new(
            "ingest",
            format!("HTML nested {depth} deep, over the cap of {} (--max-html-depth): read as plain text", caps.max_html_depth),
        ));
        article.body = strip_tags(html);
        article.title = first_line(&article.body);
        return article;
    }

    if std::env::var_os("X_FAST").is_some() {
        let page = crate::readable::extract(html);
        article.title = page.title;
        article.body = page.body;
        lift_headline(&mut article);
        article.byline = page.byline;
        article.site = page.site;
        article.url = page.url;
        article.published = page.published;
        article.declared_language = page.language;
        if article.body.trim().is_empty() {
            article
                .diagnostics
                .push(Diagnostic::new("ingest", "no main text found in the page"));
        }
        return article;
    }
    let mut options = trafilatura::Options::default();
    options.exclude_comments = true;
    options.include_images = false;
    options.include_links = false;
    // trafilatura swaps in a flat baseline extraction below 250 characters, merging paragraphs;
    // short dispatches are real articles here (measured on the eval sets: docs/eval/extraction.md).
    options.config.min_extracted_size = 20;
    let lean = strip_inert(html);
    match trafilatura::extract(&lean, &options) {
        Ok(result) => {
            let meta = &result.metadata;
            article.title = meta.title.trim().to_string();
            article.body = strip_tags(&result.content_html);
            lift_headline(&mut article);
            article.byline = non_empty(&meta.author);
            article.site = non_empty(&meta.sitename);
            article.url = non_empty(&meta.url);
            article.published = meta.date.and_then(|d| Date::parse_iso(&d.to_string()));
            article.declared_language = Lang::parse(&meta.language).or_else(|| html_lang(html));
        }
        Err(e) => {
            article.diagnostics.push(Diagnostic::new(
                "ingest",
                format!("main-text extraction failed ({e}): read as plain text"),
            ));
            article.body = strip_tags(html);
            article.declared_language = html_lang(html);
        }
    }
    if article.published.is_none() {
        article.published = time_element_date(html);
    }
    if article.body.trim().is_empty() {
        article
            .diagnostics
            .push(Diagnostic::new("ingest", "no main text found in the page"));
    }
    article
}

/// The page's own headline usually opens the extracted text: it is the title, not a paragraph.
/// Taken out of the body, and preferred to a metadata title it extends ("… | Site" titles and
/// shortened JSON-LD headlines).
fn lift_headline(article: &mut RawArticle) {
    let Some(first) = article.body.lines().next() else {
        return;
    };
    let fold = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (first_folded, title_folded) = (fold(first), fold(&article.title));
    let same = first_folded == title_folded;
    let longer =
        !title_folded.is_empty() && first_folded.starts_with(&title_folded) && first.len() < 400;
    let prefix_of_title = !first_folded.is_empty() && title_folded.starts_with(&first_folded);
    if same
        || longer
        || prefix_of_title
        || article.title.is_empty() && first.len() < 200 && !first.ends_with('.')
    {
        if longer || article.title.is_empty() || prefix_of_title {
            article.title = first.trim().to_string();
        }
        let rest = article
            .body
            .find('\n')
            .map_or(String::new(), |i| article.body[i + 1..].to_string());
        article.body = rest;
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}

/// `<html lang="fr">`.
fn html_lang(html: &str) -> Option<Lang> {
    let head = &html[..floor_boundary(html, 8192)];
    let lower = head.to_ascii_lowercase();
    let tag_start = lower.find("<html")?;
    let tag_end = lower[tag_start..].find('>')? + tag_start;
    let tag = &lower[tag_start..tag_end];
    let at = tag.find("lang=")? + 5;
    let value: String = tag[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Lang::parse(&value)
}

/// The first `<time datetime="YYYY-MM-DD…">` of the page.
fn time_element_date(html: &str) -> Option<Date> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    for _ in 0..20 {
        let at = lower[from..].find("<time")? + from;
        let end = lower[at..].find('>').map(|e| e + at)?;
        let tag = &html[at..end];
        if let Some(pos) = tag.to_ascii_lowercase().find("datetime=") {
            let value = tag[pos + 9..].trim_start_matches(['"', '\'']);
            if let Some(date) = Date::parse_iso(value.get(..10)?) {
                return Some(date);
            }
        }
        from = end;
    }
    None
}

fn floor_boundary(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Elements whose content is never article text: dropped, with comments, before the DOM is built
/// (on news pages they are about 60% of the bytes). JSON-LD scripts stay: they carry metadata.
const INERT_ELEMENTS: &[&str] = &["script", "style", "svg", "noscript", "iframe", "template"];

/// The page without comments and inert elements, by one linear scan; a page with none is
/// returned as it is.
pub fn strip_inert(html: &str) -> std::borrow::Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // html[..copied] is settled: either in `out` or dropped
    let mut i = 0;
    while let Some(offset) = lower[i..].find('<') {
        let at = i + offset;
        if lower[at..].starts_with("<!--") {
            let end = lower[at + 4..]
                .find("-->")
                .map_or(html.len(), |e| at + 4 + e + 3);
            out.push_str(&html[copied..at]);
            copied = end;
            i = end;
            continue;
        }
        let name_end = bytes[at + 1..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| at + 1 + p);
        let name = &lower[at + 1..name_end];
        if INERT_ELEMENTS.contains(&name) {
            let tag_end = lower[name_end..]
                .find('>')
                .map_or(html.len(), |e| name_end + e + 1);
            let is_json_ld = name == "script" && lower[at..tag_end].contains("ld+json");
            let close = format!("</{name}");
            let end = lower[tag_end..].find(&close).map_or(html.len(), |e| {
                lower[tag_end + e..]
                    .find('>')
                    .map_or(html.len(), |g| tag_end + e + g + 1)
            });
            if !is_json_ld {
                out.push_str(&html[copied..at]);
                copied = end;
            }
            i = end;
            continue;
        }
        i = at + 1;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied.min(html.len())..]);
    std::borrow::Cow::Owned(out)
}

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Deepest element nesting, by a linear scan of tags (no DOM). Comments, doctype, void and
/// self-closed elements and the insides of script/style are not counted.
pub fn max_nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut depth: usize = 0;
    let mut max = 0;
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| p + name_start);
        if name_end == name_start {
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = find(bytes, name_end, b">").unwrap_or(bytes.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID_ELEMENTS.contains(&name.as_str())
            && bytes.get(tag_end.wrapping_sub(1)) != Some(&b'/')
        {
            depth += 1;
            max = max.max(depth);
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                let from = tag_end.min(html.len());
                i = lower[from..].find(&close).map_or(bytes.len(), |p| p + from);
                continue;
            }
        }
        i = tag_end.min(bytes.len());
    }
    max
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == b'<')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Text of a page without a DOM: tags dropped, script/style bodies dropped, block tags as line
/// breaks, the common entities decoded. The fallback when the DOM extractor cannot be used.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<') else {
            push_text(&mut out, &html[i..]);
            break;
        };
        push_text(&mut out, &html[i..i + lt]);
        let tag_start = i + lt;
        let Some(gt) = html[tag_start..].find('>') else {
            break;
        };
        let tag_end = tag_start + gt + 1;
        let name: String = lower[tag_start + 1..tag_end - 1]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(name.as_str(), "script" | "style" | "noscript" | "template")
            && !lower[tag_start..].starts_with("</")
        {
            let close = format!("</{name}");
            i = lower[tag_end..]
                .find(&close)
                .map_or(html.len(), |p| tag_end + p);
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "article"
                | "section"
                | "blockquote"
                | "title"
        ) {
            out.push('\n');
        }
        i = tag_end;
    }
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn push_text(out: &mut String, text: &str) {
    if text.contains('&') {
        out.push_str(&decode_entities(text));
    } else {
        out.push_str(text);
    }
}

/// Decodes numeric character references and the named entities news pages use.
pub fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("laquo", "«"),
        ("raquo", "»"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
        ("hellip", "…"),
        ("ndash", "–"),
        ("mdash", "—"),
        ("eacute", "é"),
        ("egrave", "è"),
        ("agrave", "à"),
        ("ccedil", "ç"),
        ("ecirc", "ê"),
        ("ocirc", "ô"),
        ("euro", "€"),
        ("copy", "©"),
        ("deg", "°"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
                    .filter(|c| *c != '\0')
                    .map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        });
        match (decoded, end) {
            (Some(value), Some(e)) => {
                out.push_str(&value);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_is_measured_linearly() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(max_nesting_depth(&deep), 100_002);
        let page = "<html><head><meta charset=utf-8><script>if (a<b) {}</script></head><body><p>a<br>b</p><img src=x /></body></html>";
        assert_eq!(max_nesting_depth(page), 3);
    }

    #[test]
    fn too_deep_pages_fall_back_to_plain_text() {
        let deep = format!(
            "<html><body>{}Le texte survit.{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let article = read_html("deep.html", &deep, &Caps::default());
        assert_eq!(article.body, "Le texte survit.");
        assert_eq!(article.diagnostics.len(), 1);
    }

    #[test]
    fn inert_elements_and_comments_are_dropped_but_json_ld_stays() {
        let page = "<html><head><SCRIPT>var a = '</div>';</SCRIPT><script type=\"application/ld+json\">{\"datePublished\":\"2020-01-02\"}</script><style>p{}</style></head><body><!-- ad --><p>Texte.</p><svg><path/></svg><noscript>Activez JS</noscript></body></html>";
        let lean = strip_inert(page);
        assert_eq!(lean, "<html><head><script type=\"application/ld+json\">{\"datePublished\":\"2020-01-02\"}</script></head><body><p>Texte.</p></body></html>");
        assert!(matches!(
            strip_inert("<p>rien</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(strip_inert("<p>a</p><script>never closed"), "<p>a</p>");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("l&#8217;arm&eacute;e &amp; &#x41;&lt; &bogus; &"),
            "l’armée & A< &bogus; &"
        );
    }

    #[test]
    fn paragraphs_survive_extraction_and_the_headline_becomes_the_title() {
        let page = "<html><head><title>Floods in Porto Alegre | Daily</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Floods in Porto Alegre</h1><p>The river rose by two metres overnight, flooding the lower town and cutting the main road to the airport, officials said.</p><p>About 4,000 people spent the night in schools and gyms turned into shelters, the mayor said on Sunday.</p></article></body></html>";
        let article = read_html("p.html", page, &Caps::default());
        assert_eq!(article.title, "Floods in Porto Alegre");
        assert_eq!(article.body.lines().count(), 2, "{}", article.body);
        assert!(article.body.starts_with("The river rose"));
    }

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>"),
            Some(encoding_rs::KOI8_R)
        );
    }
}
