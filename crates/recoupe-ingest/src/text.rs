//! Plain-text articles: the first non-blank line is the title, the rest the body.

use recoupe_core::{Diagnostic, RawArticle};

pub fn read_text(source: &str, text: &str) -> RawArticle {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut offset = 0;
    let mut first_line = "";
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            first_line = line.trim();
            break;
        }
        offset += line.len();
    }
    let mut article = RawArticle {
        source: source.to_string(),
        ..RawArticle::default()
    };
    if is_lede(first_line) {
        // No title line: the file starts with the article. Keep that paragraph in the body and
        // name the article by its first sentence.
        article.title = first_sentence(first_line);
        article.body = text[offset..].to_string();
        article.diagnostics.push(Diagnostic::new(
            "ingest",
            "no title line; titled by the first sentence",
        ));
    } else {
        article.title = first_line.to_string();
        article.body = text[(offset
            + text[offset..]
                .find('\n')
                .map_or(text.len() - offset, |i| i + 1))..]
            .to_string();
    }
    article
}

/// A first line that is a paragraph of prose, not a headline: long, and ending like a sentence.
fn is_lede(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends = line
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '»' | '"' | '”' | '؟' | '。'));
    words >= 30 && ends
}

fn first_sentence(paragraph: &str) -> String {
    let mut end = paragraph.len();
    for (i, c) in paragraph.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟' | '。') && i > 20 {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = &paragraph[..end];
    if sentence.chars().count() <= 160 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(159).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_first_non_blank_line() {
        let article = read_text(
            "a.txt",
            "\n\n  Title here  \r\nFirst para.\r\n\r\nSecond.\n",
        );
        assert_eq!(article.title, "Title here");
        assert_eq!(article.body, "First para.\n\nSecond.\n");
    }

    #[test]
    fn a_file_that_starts_with_the_article_keeps_its_first_paragraph() {
        let lede = "KYIV (Wire) - The city council voted on Tuesday to rebuild the bridge that was destroyed last spring, a spokesman said, adding that work would start next month and last two years.";
        let article = read_text("b.txt", &format!("{lede}\nSecond paragraph.\n"));
        assert!(article.body.starts_with("KYIV (Wire)"));
        assert!(article
            .title
            .starts_with("KYIV (Wire) - The city council voted"));
        assert!(
            article.title.ends_with('…') && article.title.chars().count() == 160,
            "{}",
            article.title
        );
    }
}
