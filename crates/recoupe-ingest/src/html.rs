//! HTML pages: main text and metadata by recoupe's own extractor (`readable`: one linear scan of
//! the tags, Readability's scoring), plus what every HTML reader needs: the declared charset,
//! entity decoding, and a tag stripper.

use crate::charref::decode_entities;
use encoding_rs::Encoding;
use recoupe_core::{Diagnostic, RawArticle};

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
    let page = crate::readable::extract(html, caps.max_html_elements);
    let mut article = RawArticle {
        source: source.to_string(),
        title: page.title,
        body: page.body,
        byline: page.byline,
        site: page.site,
        url: page.url,
        published: page.published,
        updated: page.updated,
        declared_language: page.language,
        ..RawArticle::default()
    };
    lift_headline(&mut article);
    for note in page.notes {
        article.diagnostics.push(Diagnostic::new("ingest", note));
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
/// shortened JSON-LD headlines). A body of one line is left whole: a page's only paragraph is its
/// text, whatever it opens with.
fn lift_headline(article: &mut RawArticle) {
    let mut lines = article.body.lines();
    let Some(first) = lines.next() else {
        return;
    };
    if lines.all(|l| l.trim().is_empty()) {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_costs_one_pass_and_loses_no_text() {
        let deep = format!(
            "<html><body>{}Le texte survit au fond de la page, intact.{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let article = read_html("deep.html", &deep, &Caps::default());
        assert_eq!(article.body, "Le texte survit au fond de la page, intact.");
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
    fn a_page_of_one_paragraph_keeps_it_as_its_text() {
        // the only paragraph opens with the title's words, or there is no title at all: it is
        // still the page's text, not its headline
        for page in [
            "<html><head><title>Hochwasser</title></head><body><div><div>Hochwasser an der Oder: der Pegel stieg über Nacht um zwei Meter</div></div></body></html>",
            "<html><body><ol><li><p>Паводок на Одере: уровень воды поднялся за ночь на два метра</p></li></ol></body></html>",
        ] {
            let article = read_html("one.html", page, &Caps::default());
            assert_eq!(article.body.lines().count(), 1, "{page}");
            assert!(article.body.contains("два метра") || article.body.contains("zwei Meter"));
        }
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
