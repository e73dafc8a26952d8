//! Plain-text articles: the first non-blank line is the title, the rest the body.

use recoupe_core::RawArticle;

pub fn read_text(source: &str, text: &str) -> RawArticle {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut offset = 0;
    let mut title = String::new();
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if !line.trim().is_empty() {
            title = line.trim().to_string();
            break;
        }
    }
    RawArticle {
        source: source.to_string(),
        title,
        body: text[offset..].to_string(),
        ..RawArticle::default()
    }
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
}
